// SPDX-License-Identifier: GPL-2.0
/* statsnoop: trace the stat family, with the result and the path. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "progs/statsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf statsnoop [-txv] [-p PID] [-b PAGES] [--json]\n"
"                         [-- COMMAND [ARGS...]]\n"
"Trace stat(), lstat(), fstatat() and statx(): who looked at which path,\n"
"and the result.\n"
"\n"
"  -t, --timestamp    include seconds since tracing started\n"
"  -x, --failed       failed calls only\n"
"  -p, --pid PID      this process only\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"RET is 0 or -1, ERR the errno. PATH is empty for fstat() done as\n"
"fstatat(fd, \"\", AT_EMPTY_PATH).\n"
"\n"
"examples:\n"
"  barebpf statsnoop               # every stat on the system\n"
"  barebpf statsnoop -x -p 1234    # failed stats of process 1234\n"
"  barebpf statsnoop -t -- ls /    # what ls looks at, with times\n";

static const char *const call_names[STATSNOOP_NR_CALLS] = { STATSNOOP_CALLS };

static struct env {
	bool timestamp, json;
	__u64 start_ns;
} env;

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_FAILED | TOOL_OPT_TIMESTAMP,
};

/* The columns of libbpf-tools' statsnoop. */
static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-14s ", "TIME(s)");
	out_printf("%-7s %-20s %-4s %-4s %-s\n", "PID", "COMM", "RET", "ERR", "PATH");
}

static void print_event(const struct statsnoop_event *e)
{
	int ret = e->ret >= 0 ? e->ret : -1, err = e->ret < 0 ? -e->ret : 0;

	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, e->uid, e->comm,
			     sizeof(e->comm));
		out_printf(",\"call\":\"%s\",\"ret\":%d,\"err\":%d,\"dirfd\":%d,\"path\":",
			   e->call < STATSNOOP_NR_CALLS ? call_names[e->call] : "?",
			   ret, err, e->dirfd);
		out_json_str(e->path, sizeof(e->path));
		out_str("}\n");
		return;
	}
	if (env.timestamp)
		out_printf("%-14.9f ", (double)(e->time_ns - env.start_ns) / 1e9);
	out_printf("%-7u ", e->pid);
	out_esc_col(e->comm, sizeof(e->comm), 20);
	out_printf(" %-4d %-4d ", ret, err);
	out_esc(e->path, sizeof(e->path));
	out_char('\n');
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static struct statsnoop_event e;
	const size_t head = offsetof(struct statsnoop_event, path);

	(void)ctx;
	(void)cpu;
	if (size <= head)
		return;
	if (size > sizeof(e))
		size = sizeof(e);
	memcpy(&e, data, size);
	/* perf pads a record to 8 bytes: the path ends at its own NUL. */
	if (!memchr(e.path, '\0', size - head))
		e.path[size - head - 1] = '\0';
	e.comm[sizeof(e.comm) - 1] = '\0';
	print_event(&e);
}

/* True when at least one call of the family is traced. */
static bool any_call(const struct session *s)
{
	char event[64];
	int i;

	for (i = 0; i < STATSNOOP_NR_CALLS; i++) {
		snprintf(event, sizeof(event), "sys_exit_%s", call_names[i]);
		if (session__has(s, event))
			return true;
	}
	return false;
}

int statsnoop_main(int argc, char **argv)
{
	struct statsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	cfg.who = o.who;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	err = EXIT_FAIL;
	if (session__map(&s, "stat_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 sizeof(struct statsnoop_event), 1, 0) < 0 ||
	    session__map(&s, "stats", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct statsnoop_pending), STATSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, statsnoop_probes,
			     ARRAY_SIZE(statsnoop_probes), &cfg);
	if (err)
		goto out;
	if (!any_call(&s)) {
		tool_err("no stat syscall tracepoints on this kernel (syscalls:sys_exit_statx, ...)");
		err = EXIT_FAIL;
		goto out;
	}
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
