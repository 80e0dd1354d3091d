// SPDX-License-Identifier: GPL-2.0
/* syncsnoop: trace sync(), fsync() and the rest of the sync family. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "progs/syncsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf syncsnoop [-v] [-p PID] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace sync(), fsync(), fdatasync(), syncfs(), msync() and sync_file_range()\n"
"(sync_file_range2() where the architecture has that instead).\n"
"\n"
"  -p, --pid PID      this process only\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"examples:\n"
"  barebpf syncsnoop               # every sync on the system\n"
"  barebpf syncsnoop -p 1234       # syncs of process 1234\n"
"  barebpf syncsnoop -- dpkg -i x.deb  # how often a package install syncs\n";

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP,
};

static bool json;

static void print_header(void)
{
	if (!json)
		out_printf("%-8s %-7s %-16s %s\n", "TIME", "PID", "COMM", "CALL");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct syncsnoop_event e;
	const char *call;
	char ts[16];

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	call = e.call < NR_SYNC_CALLS ? syncsnoop_calls[e.call] : "?";
	if (json) {
		out_json_who(e.time_ns, e.pid, e.tid, -1, e.comm,
			     sizeof(e.comm));
		out_printf(",\"call\":\"%s\",\"fd\":%d}\n", call, e.fd);
		return;
	}
	local_hms(ts, sizeof(ts));
	out_printf("%-8s %-7u ", ts, e.pid);
	out_esc_col(e.comm, sizeof(e.comm), 16);
	out_printf(" %s\n", call);
}

int syncsnoop_main(int argc, char **argv)
{
	struct syncsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	json = o.json;
	cfg.pid = o.who.pid;
	cfg.tree = o.who.tree;

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = session__start(&s, &cbs, syncsnoop_probes,
			     ARRAY_SIZE(syncsnoop_probes), &cfg);
	if (err)
		goto out;
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
