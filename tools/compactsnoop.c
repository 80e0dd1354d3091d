// SPDX-License-Identifier: GPL-2.0
/* compactsnoop: trace memory compaction, zone by zone, with its latency and outcome. */
#include <ctype.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "progs/compactsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf compactsnoop [-Tv] [-p PID] [-d SECONDS] [-b PAGES] [--json]\n"
"                            [-- COMMAND [ARGS...]]\n"
"Trace memory compaction: each zone compacted, by whom, how long it took\n"
"and how it ended.\n"
"\n"
"  -T, --timestamp    include a time column (seconds since tracing began)\n"
"  -p, --pid PID      this process only\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"ORDER is the allocation's order (-1: the whole zone, as /proc/sys/vm/compact_memory\n"
"asks); MODE is SYNC or ASYNC; STATUS is the kernel's own name for the outcome.\n"
"\n"
"examples:\n"
"  barebpf compactsnoop            # every compaction on the system\n"
"  barebpf compactsnoop -T -p 1234 # process 1234's, with time\n";

static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};

/* Names from the running kernel's format files; enough for every zone and status. */
#define MAX_NAMES	16

static struct env {
	bool timestamp, json;
	__u64 start_ns;
	struct tp_symbol zones[MAX_NAMES], statuses[MAX_NAMES];
	int nr_zones, nr_statuses;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)arg;
	(void)ctx;
	if (opt == 'T')
		env.timestamp = true;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_DURATION,
	.options = "T",
	.long_options = long_options,
	.parse = parse_option,
};

/* The name value has in syms, or NULL. */
static const char *name_of(const struct tp_symbol *syms, int n, long value)
{
	int i;

	for (i = 0; i < n; i++)
		if (syms[i].value == value)
			return syms[i].name;
	return NULL;
}

/*
 * The zone as bcc prints it, the kernel's enum name: "ZONE_" and the
 * format's name in capitals ("Normal" is ZONE_NORMAL); its number when
 * the format names none.
 */
static const char *zone_name(char *buf, size_t len, int zone)
{
	const char *name = name_of(env.zones, env.nr_zones, zone);
	size_t i, n;

	if (!name) {
		snprintf(buf, len, "%d", zone);
		return buf;
	}
	n = (size_t)snprintf(buf, len, "ZONE_%s", name);
	for (i = 5; i < n && i < len; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return buf;
}

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-14s ", "TIME(s)");
	out_printf("%-14s %-6s %-4s %-12s %-5s %-7s %9s %16s\n", "COMM", "PID",
		   "NODE", "ZONE", "ORDER", "MODE", "LAT(ms)", "STATUS");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct compactsnoop_event e;
	const char *status, *mode;
	char zone[32], number[16];

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	zone_name(zone, sizeof(zone), e.zone);
	status = name_of(env.statuses, env.nr_statuses, e.status);
	if (!status) {
		snprintf(number, sizeof(number), "%d", e.status);
		status = number;
	}
	mode = e.sync ? "SYNC" : "ASYNC";
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
		out_printf(",\"node\":%d,\"zone\":\"%s\",\"order\":%d,\"mode\":\"%s\","
			   "\"latency_ns\":%llu,\"status\":\"%s\"}\n", e.nid, zone,
			   e.order, mode, (unsigned long long)e.latency_ns, status);
		return;
	}
	if (env.timestamp)
		out_printf("%-14.9f ", e.time_ns > env.start_ns ?
			   (double)(e.time_ns - env.start_ns) / 1e9 : 0.0);
	out_esc_col(e.comm, sizeof(e.comm), 14);
	out_printf(" %-6u %-4d %-12s %-5d %-7s %9.3f %16s\n", e.pid, e.nid, zone,
		   e.order, mode, (double)e.latency_ns / 1e6, status);
}

/*
 * The kernel's names for zones and statuses, from the print fmt of the
 * events that carry them. Without them the numbers are shown.
 */
static void load_names(int verbose)
{
	struct tp_format *fmt;

	fmt = tp_format__load("compaction", "mm_compaction_finished");
	env.nr_zones = fmt ? tp_format__symbols(fmt, "idx", env.zones, MAX_NAMES) : -1;
	tp_format__free(fmt);
	fmt = tp_format__load("compaction", "mm_compaction_end");
	env.nr_statuses = fmt ? tp_format__symbols(fmt, "status", env.statuses,
						   MAX_NAMES) : -1;
	tp_format__free(fmt);
	if (verbose && (env.nr_zones <= 0 || env.nr_statuses <= 0))
		tool_err("note: this kernel's formats do not name every %s: numbers shown",
			 env.nr_zones <= 0 ? "zone" : "status");
	if (env.nr_zones < 0)
		env.nr_zones = 0;
	if (env.nr_statuses < 0)
		env.nr_statuses = 0;
}

int compactsnoop_main(int argc, char **argv)
{
	struct compactsnoop_config cfg = { 0 };
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
	load_names(o.verbose);
	err = EXIT_FAIL;
	if (session__map(&s, "compactions", BPF_MAP_TYPE_HASH, sizeof(__u32),
			 sizeof(struct compactsnoop_pending), COMPACTSNOOP_IN_FLIGHT,
			 0) < 0)
		goto out;
	err = session__start(&s, &cbs, compactsnoop_probes,
			     ARRAY_SIZE(compactsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
