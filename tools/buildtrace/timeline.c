// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace timeline: the build's processes over time in the Chrome
 * Trace Event Format, which Perfetto UI, chrome://tracing and speedscope
 * open: a complete event ("ph":"X") per process, on tracks where a
 * parent's slice encloses its children's (tracks.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/select.h"
#include "tools/buildtrace/tracks.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace timeline [FILE] [-o OUT] [SELECTION]\n"
"Write the processes of the trace (default " BT_DEFAULT_FILE ") over time as\n"
"a Chrome trace (JSON, Trace Event Format), for Perfetto UI, chrome://tracing\n"
"or speedscope: one slice per process, named by what it did, with its pid,\n"
"parent, argv, cwd, exit status and whether it is on the critical path;\n"
"a parent's slice encloses its children's where they nest.\n"
"\n"
"  -o, --output OUT   write to OUT instead of stdout\n"
BT_SELECT_USAGE
"\n"
"examples:\n"
"  barebpf buildtrace timeline -o build.json\n"
"  barebpf buildtrace timeline --command 'cc*' build.trace -o cc.json\n";

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Microseconds, as the format counts, with the nanoseconds kept. */
static void print_us(const char *key, __u64 ns)
{
	out_printf(",\"%s\":%llu.%03llu", key, (unsigned long long)(ns / 1000),
		   (unsigned long long)(ns % 1000));
}

static void print_exit(int status)
{
	out_str(",\"exit\":");
	if (status == BT_STATUS_UNKNOWN)
		out_str("\"unknown\"");
	else if (WIFEXITED(status))
		out_printf("\"code %d\"", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		out_printf("\"signal %d\"", WTERMSIG(status));
	else
		out_printf("\"status 0x%x\"", status);
}

static void print_slice(const struct bt_model *m, int i, int track, __u32 cpid,
			const __u64 *critical)
{
	const struct bt_proc *p = &m->procs[i];
	const struct bt_exec_image *img = p->exec >= 0 ? &m->execs[p->exec] : NULL;
	char label[BT_LABEL_MAX];
	int a;

	bt_proc_label(label, sizeof(label), m, i);
	out_str(",\n{\"ph\":\"X\",\"cat\":\"process\",\"name\":");
	bt_json_str(label);
	print_us("ts", p->start_ns);
	print_us("dur", bt_proc_end(m, i) - p->start_ns);
	out_printf(",\"pid\":%u,\"tid\":%d,\"args\":{\"pid\":%u,\"ppid\":%u", cpid,
		   track, p->pid, p->parent >= 0 ? m->procs[p->parent].pid : 0);
	if (img) {
		out_str(",\"program\":");
		bt_json_str(bt_model__path(m, img->path));
		out_str(",\"argv\":[");
		for (a = 0; a < img->argc; a++) {
			if (a)
				out_char(',');
			bt_json_str(img->argv[a]);
		}
		out_str("],\"cwd\":");
		bt_json_str(bt_model__path(m, img->cwd));
	}
	print_exit(p->status);
	if (!p->ended)
		out_str(",\"running_at_end\":true");
	if (critical[i])
		print_us("critical_path_us", critical[i]);
	out_str("}}");
}

int bt_timeline_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	const char *file, *out = NULL;
	int fd, err, *track = NULL, nr_tracks = 0, c;
	struct bt_step *steps = NULL;
	__u64 *critical = NULL;
	size_t i, nr_steps = 0;
	struct bt_model m;
	char name[BT_LABEL_MAX];
	__u32 cpid = 0;

	err = bt_view_args(argc, argv, usage_text, "o:", long_options,
			   bt_output_option, &out, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	err = bt_load_selected(file, &m, &sel);
	if (err)
		return err;
	critical = calloc(m.nr_procs + 1, sizeof(*critical));
	if (!critical || bt_tracks(&m, &track, &nr_tracks) ||
	    bt_critical_path(&m, &steps, &nr_steps)) {
		tool_err("%s: out of memory", file);
		err = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < nr_steps; i++)
		critical[steps[i].proc] += steps[i].to_ns - steps[i].from_ns;
	/* it holds every command line of the build, as a trace does */
	fd = bt_output_open_private(out);
	if (fd < 0) {
		err = EXIT_FAIL;
		goto out;
	}
	/* one process of the viewer's for the build, named after COMMAND */
	if (m.nr_procs)
		cpid = m.procs[0].pid;
	out_printf("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n"
		   "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%u,\"args\":{\"name\":",
		   cpid);
	if (m.nr_procs)
		bt_proc_label(name, sizeof(name), &m, 0);
	bt_json_str(m.nr_procs ? name : "build");
	out_str("}}");
	for (c = 0; c < nr_tracks; c++)
		out_printf(",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%u,\"tid\":%d,\"args\":{\"name\":\"track %d\"}}",
			   cpid, c, c + 1);
	for (i = 0; i < m.nr_procs; i++)
		print_slice(&m, (int)i, track[i], cpid, critical);
	out_printf("\n],\"otherData\":{\"trace\":");
	bt_json_str(file);
	out_printf(",\"machine\":");
	bt_json_str(m.machine);
	out_printf(",\"lost\":%llu}}\n", (unsigned long long)m.lost);
	err = bt_output_close(out, fd, 0);
out:
	free(critical);
	free(track);
	free(steps);
	bt_model__free(&m);
	return err;
}
