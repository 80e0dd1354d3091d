// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace normalize: the trace as JSON lines, one event per line, in
 * time order, every path absolute. The schema is in usage_text below
 * and in README.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/select.h"
#include "tools/lib/outfile.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace normalize [FILE] [-o OUT] [SELECTION]\n"
"Print the trace (default " BT_DEFAULT_FILE ") as JSON lines in time order,\n"
"every path absolute (from the cwd or dirfd of the call), every file access\n"
"classified.\n"
"\n"
"  -o, --output OUT   write to OUT instead of stdout\n"
BT_SELECT_USAGE
"\n"
"Every line has time_ns (since the start), pid, tid and event: \"start\",\n"
"\"fork\", \"exec\", \"exit\", \"lost\", \"end\", or a syscall's name. Syscalls add\n"
"ret (-1 on failure) and errno. Lines that touch files add paths and access,\n"
"two arrays of the same length; access is one of read, write, create,\n"
"delete, rename-from, rename-to, exec, probe, probe-missing. Then, by event:\n"
"  start      command, cwd\n"
"  fork       child (pid), thread, child_tid (threads)\n"
"  exec       path, argv, argv_truncated, argv_unreadable, cwd; and env,\n"
"             env_truncated, env_unreadable (\"NAME=value\" strings) unless the\n"
"             trace was recorded with --no-env\n"
"  exit       thread; code or signal once the process is gone, if known\n"
"  open...    fd, flags, mode      dup...  fd, newfd      fcntl  fd, cmd, newfd\n"
"  pipe       read_fd, write_fd    close   fd             chdir  cwd\n"
"  symlink    target               wait4   child, code or signal\n"
"  lost       cpu, count           end     status, code or signal, lost\n"
"\n"
"examples:\n"
"  barebpf buildtrace normalize | grep probe-missing\n"
"  barebpf buildtrace normalize build.trace -o build.jsonl\n"
"  barebpf buildtrace normalize --command 'cc1' --event openat\n";

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

static void print_strings(const char *key, char *const *v, int n)
{
	int i;

	out_printf(",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		if (i)
			out_char(',');
		bt_json_str(v[i]);
	}
	out_char(']');
}

static void print_status(int status)
{
	if (status == BT_STATUS_UNKNOWN)
		return;
	if (WIFEXITED(status))
		out_printf(",\"code\":%d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		out_printf(",\"signal\":%d", WTERMSIG(status));
}

/* What print_event needs: the model replayed, and what to show of it. */
struct normalize {
	struct bt_model m;
	const struct bt_select *sel;
	const unsigned char *procs;	/* from a first replay */
};

static void print_event(void *ctx, const struct bt_event *ev)
{
	const struct normalize *nz = ctx;
	const struct bt_model *m = &nz->m;
	const struct bt_exec_image *img = ev->image;
	int i, n;

	if (nz->sel && !bt_select__event(nz->sel, m, nz->procs, ev))
		return;
	out_printf("{\"time_ns\":%llu,\"pid\":%u,\"tid\":%u,\"event\":\"%s\"",
		   (unsigned long long)ev->time_ns, ev->pid, ev->tid, ev->name);
	if (ev->syscall)
		out_printf(",\"ret\":%lld,\"errno\":%d", ev->ret, ev->err);
	for (i = 0; i < ev->nr_num; i++)
		out_printf(",\"%s\":%lld", ev->num[i].key, ev->num[i].v);
	if (ev->thread >= 0)
		out_printf(",\"thread\":%s", ev->thread ? "true" : "false");
	if (ev->target) {
		out_str(",\"target\":");
		bt_json_str(ev->target);
	}
	if (img) {
		out_str(",\"path\":");
		bt_json_str(bt_model__path(m, img->path));
		print_strings("argv", img->argv, img->argc);
		out_printf(",\"argv_truncated\":%s,\"argv_unreadable\":%s",
			   img->truncated ? "true" : "false",
			   img->unreadable ? "true" : "false");
		if (m->env_recorded) {
			print_strings("env", img->env, img->nr_env);
			out_printf(",\"env_truncated\":%s,\"env_unreadable\":%s",
				   img->env_truncated ? "true" : "false",
				   img->env_unreadable ? "true" : "false");
		}
	}
	if (!strcmp(ev->name, "start") && m->command) {
		for (n = 0; m->command[n]; n++)
			;
		print_strings("command", m->command, n);
	}
	if (ev->cwd) {
		out_str(",\"cwd\":");
		bt_json_str(bt_model__path(m, ev->cwd));
	}
	if (!strcmp(ev->name, "end")) {
		out_printf(",\"status\":%d", m->status);
		print_status(m->status);
		out_printf(",\"lost\":%llu", (unsigned long long)m->lost);
	}
	if (ev->nr_touch) {
		out_str(",\"paths\":[");
		for (i = 0; i < ev->nr_touch; i++) {
			if (i)
				out_char(',');
			bt_json_str(bt_model__path(m, ev->touch[i].path));
		}
		out_str("],\"access\":[");
		for (i = 0; i < ev->nr_touch; i++)
			out_printf("%s\"%s\"", i ? "," : "",
				   bt_access_name(ev->touch[i].access));
		out_char(']');
		for (i = 0; i < ev->nr_touch && !ev->touch[i].unresolved; i++)
			;
		if (i < ev->nr_touch)
			out_str(",\"unresolved\":true");
	}
	out_str("}\n");
}

/*
 * The processes --pid and --command select are known only once the
 * whole trace is replayed (a process matches by a later exec): a first
 * replay finds them, the second prints.
 */
static int select_procs(const char *file, const struct bt_select *sel,
			unsigned char **procs)
{
	struct bt_model m;

	if (!sel->pid_set && !sel->command)
		return 0;
	if (bt_model__load(&m, file, NULL, NULL)) {
		tool_err("%s", m.err);
		bt_model__free(&m);
		return EXIT_FAIL;
	}
	*procs = bt_select__procs(sel, &m);
	bt_model__free(&m);
	if (!*procs) {
		tool_err("%s: out of memory", file);
		return EXIT_FAIL;
	}
	return 0;
}

int bt_normalize_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	unsigned char *procs = NULL;
	const char *file, *out = NULL;
	struct normalize nz;
	struct stat st;
	int fd, err;

	err = bt_view_args(argc, argv, usage_text, "o:", long_options,
			   bt_output_option, &out, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	/* OUT is written beside and renamed at the end, but must not be IN. */
	if (out && !stat(file, &st) && outfile_is_same(out, st.st_dev, st.st_ino)) {
		tool_err("%s is the trace being read: name another output",
			 out);
		return EXIT_USAGE;
	}
	err = select_procs(file, &sel, &procs);
	if (err)
		return err;
	fd = bt_output_open_private(out);
	if (fd < 0) {
		free(procs);
		return EXIT_FAIL;
	}
	nz.sel = bt_select__active(&sel) ? &sel : NULL;
	nz.procs = procs;
	err = bt_load(file, &nz.m, print_event, &nz);
	bt_model__free(&nz.m);
	free(procs);
	return bt_output_close(out, fd, err);
}
