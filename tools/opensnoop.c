// SPDX-License-Identifier: GPL-2.0
/* opensnoop: trace open() calls, with the fd or error they return. */
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "progs/opensnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/procfs.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf opensnoop [-TUxeFv] [-p PID] [-t TID] [-u UID] [-n NAME]\n"
"                         [-d SECONDS] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace open(), openat() and openat2(): who opened what, and the result.\n"
"\n"
"  -T, --timestamp    include a time column (HH:MM:SS)\n"
"  -U, --print-uid    include a UID column\n"
"  -x, --failed       failed opens only\n"
"  -p, --pid PID      this process only\n"
"  -t, --tid TID      this thread only\n"
"  -u, --uid UID      this user id only\n"
"  -n, --name NAME    only processes whose name contains NAME\n"
"  -e, --extended     include FLAGS and MODE columns (octal)\n"
"  -F, --full-path    show relative paths resolved against the cwd or dirfd\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"examples:\n"
"  barebpf opensnoop               # every open on the system\n"
"  barebpf opensnoop -x -p 1234    # failed opens of process 1234\n"
"  barebpf opensnoop -e -F         # with flags, mode and full paths\n"
"  barebpf opensnoop -- cc -c a.c  # what a compile opens\n";

/* Its own options; -p -t -u -d -b -x -U -v --json are the shared ones. */
static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 'T' },
	{ "name", required_argument, NULL, 'n' },
	{ "extended", no_argument, NULL, 'e' },
	{ "full-path", no_argument, NULL, 'F' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, extended, full_path, json;
	const char *name;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	switch (opt) {
	case 'T': env.timestamp = true; break;
	case 'e': env.extended = true; break;
	case 'F': env.full_path = true; break;
	case 'n': env.name = arg; break;
	}
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_UID |
		  TOOL_OPT_DURATION | TOOL_OPT_FAILED | TOOL_OPT_PRINT_UID,
	.options = "TeFn:",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-8s ", "TIME");
	if (env.print_uid)
		out_printf("%-7s ", "UID");
	out_printf("%-6s %-16s %3s %3s ", "PID", "COMM", "FD", "ERR");
	if (env.extended)
		out_printf("%-8s %-5s ", "FLAGS", "MODE");
	out_str("PATH\n");
}

/*
 * A relative path joined to the opener's cwd (or dirfd): named by the
 * kernel when it could (names, len bytes), else read from /proc while
 * the process lives. Returns the path to print.
 */
static const char *full_path(const struct opensnoop_event *e,
			     const char *names, size_t names_len, char *buf,
			     size_t len)
{
	char base[PATH_MAX];

	if (e->path[0] == '/' || !e->path[0])
		return e->path;
	if (e->dir_state == PATHWALK_WHOLE &&
	    pathwalk_join(names, names_len, e->path, buf, len) >= 0)
		return buf;
	if (proc_path((pid_t)e->pid, e->dirfd == AT_FDCWD ? -1 : e->dirfd,
		      base, sizeof(base)))
		return e->path;
	if ((size_t)snprintf(buf, len, "%s/%s", strcmp(base, "/") ? base : "",
			     e->path) >= len)
		return e->path;
	return buf;
}

static void print_event(const struct opensnoop_event *e, const char *path)
{
	int fd = e->ret >= 0 ? e->ret : -1, err = e->ret < 0 ? -e->ret : 0;

	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, e->uid, e->comm,
			     sizeof(e->comm));
		out_printf(",\"fd\":%d,\"err\":%d,\"flags\":%llu,\"mode\":%u,\"path\":",
			   fd, err, (unsigned long long)e->flags, e->mode);
		out_json_str(path, OPENSNOOP_PATH_MAX + PATHWALK_MAX + PATH_MAX);
		out_str("}\n");
		return;
	}
	if (env.timestamp) {
		char ts[16];

		out_printf("%-8s ", local_hms(ts, sizeof(ts)));
	}
	if (env.print_uid)
		out_printf("%-7u ", e->uid);
	out_printf("%-6u ", e->pid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %3d %3d ", fd, err);
	if (env.extended)
		out_printf("%08llo %04o  ", (unsigned long long)e->flags, e->mode);
	out_esc(path, OPENSNOOP_PATH_MAX + PATHWALK_MAX + PATH_MAX);
	out_char('\n');
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static struct opensnoop_event e;
	/* Room for either join: the kernel's names or /proc's, and the path. */
	static char joined[OPENSNOOP_PATH_MAX + PATHWALK_MAX + PATH_MAX];
	const size_t head = offsetof(struct opensnoop_event, path);
	size_t tail, path_len, names_len = 0;

	(void)ctx;
	(void)cpu;
	if (size <= head)
		return;
	if (size > sizeof(e))
		size = sizeof(e);
	memcpy(&e, data, size);
	tail = size - head;
	path_len = strnlen(e.path, tail);
	if (path_len == tail)
		e.path[--path_len] = '\0';
	else
		names_len = tail - path_len - 1;
	/* perf pads a sample to 8 bytes: the tail may run past the names. */
	if (e.dir_len > names_len)
		e.dir_state = PATHWALK_NONE;
	else
		names_len = e.dir_len;
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (env.name && !strstr(e.comm, env.name))
		return;
	print_event(&e, env.full_path ? full_path(&e, e.path + path_len + 1,
						  names_len, joined,
						  sizeof(joined)) : e.path);
}

/*
 * -F: the offsets for naming directories in the kernel, or NULL for the
 * /proc fallback, which misses processes gone before their event is read.
 */
static const struct pathwalk_offsets *load_walk(struct session *s)
{
	static struct pathwalk_offsets offsets;
	const struct btf *btf;
	int verbose = s->opts.verbose;
	char why[160];

	btf = session__btf(s, why, sizeof(why));
	if (!btf || pathwalk_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		if (verbose)
			tool_err("note: -F reads /proc/PID/cwd, "
				 "which needs the process alive: %s", why);
		return NULL;
	}
	if (verbose)
		tool_err("note: -F names directories in the kernel "
			 "(offsets from BTF)");
	return &offsets;
}

int opensnoop_main(int argc, char **argv)
{
	struct opensnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.print_uid = o.print_uid;
	cfg.who = o.who;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	if (env.full_path)
		cfg.walk = load_walk(&s);
	err = EXIT_FAIL;
	if (session__map(&s, "open_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 sizeof(struct opensnoop_event), 1, 0) < 0 ||
	    session__map(&s, "opens", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct opensnoop_pending), OPENSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, opensnoop_probes,
			     ARRAY_SIZE(opensnoop_probes), &cfg);
	if (err)
		goto out;
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
