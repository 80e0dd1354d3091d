// SPDX-License-Identifier: GPL-2.0
/* threadsnoop: trace new threads, with who made them. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "progs/threadsnoop.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf threadsnoop [-v] [-p PID] [-d SECONDS] [-b PAGES] [--json]\n"
"                           [-- COMMAND [ARGS...]]\n"
"Trace new threads: the process, the new thread's id, and the clone flags.\n"
"\n"
"  -p, --pid PID      threads made by this process only\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"TIME(ms) counts from the start of tracing. FLAGS are the clone flags, in hex\n"
"(glibc's pthread_create() passes 0x3d0f00).\n"
"\n"
"examples:\n"
"  barebpf threadsnoop             # every new thread on the system\n"
"  barebpf threadsnoop -p 1234     # threads made by process 1234\n"
"  barebpf threadsnoop -- make -j8 # the threads of a build\n";

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_DURATION,
};

static struct env {
	bool json;
	__u64 start_ns;
} env;

static void print_header(void)
{
	if (!env.json)
		out_printf("%-10s %-7s %-7s %-16s %s\n", "TIME(ms)", "PID", "TID",
			   "COMM", "FLAGS");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct threadsnoop_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
		out_printf(",\"parent_tid\":%u,\"clone_flags\":%llu}\n", e.parent_tid,
			   (unsigned long long)e.clone_flags);
		return;
	}
	out_printf("%-10llu %-7u %-7u ", e.time_ns > env.start_ns ?
		   (unsigned long long)((e.time_ns - env.start_ns) / 1000000) : 0,
		   e.pid, e.tid);
	out_esc_col(e.comm, sizeof(e.comm), 16);
	out_printf(" %#llx\n", (unsigned long long)e.clone_flags);
}

int threadsnoop_main(int argc, char **argv)
{
	struct threadsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	cfg.who = o.who;

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = session__start(&s, &cbs, threadsnoop_probes,
			     ARRAY_SIZE(threadsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
