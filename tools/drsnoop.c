// SPDX-License-Identifier: GPL-2.0
/* drsnoop: trace tasks stalled reclaiming memory, with how long and how much. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "progs/drsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/procfs.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf drsnoop [-TUemv] [-p PID] [-t TID] [-u UID] [-n NAME] [-d SECONDS]\n"
"                       [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace direct reclaim: tasks that stall in an allocation to free memory\n"
"themselves, with how long it took and how many pages came back.\n"
"\n"
"  -T, --timestamp    include a time column (seconds since tracing began)\n"
"  -U, --print-uid    include a UID column\n"
"  -e, --extended     include free memory (FREE(KB), from /proc/meminfo)\n"
"  -m, --memcg        also reclaim within a memory cgroup's limit (KIND column)\n"
"  -p, --pid PID      this process only\n"
"  -t, --tid TID      this thread only\n"
"  -u, --uid UID      this user id only\n"
"  -n, --name NAME    only processes whose name contains NAME\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"PAGES is what the reclaim freed; FREE(KB) is MemFree when the row is printed.\n"
"\n"
"examples:\n"
"  barebpf drsnoop                 # every direct reclaim on the system\n"
"  barebpf drsnoop -T -e           # with time and free memory\n"
"  barebpf drsnoop -m -p 1234      # process 1234, its cgroup's reclaim too\n";

static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 'T' },
	{ "extended", no_argument, NULL, 'e' },
	{ "memcg", no_argument, NULL, 'm' },
	{ "name", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, extended, memcg, json, by_tid;
	const char *name;
	__u64 start_ns;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	switch (opt) {
	case 'T': env.timestamp = true; break;
	case 'e': env.extended = true; break;
	case 'm': env.memcg = true; break;
	case 'n': env.name = arg; break;
	}
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_UID | TOOL_OPT_DURATION |
		  TOOL_OPT_PRINT_UID,
	.options = "Temn:",
	.long_options = long_options,
	.parse = parse_option,
};

static const char *const kinds[] = {
	[DRSNOOP_DIRECT] = "direct",
	[DRSNOOP_MEMCG] = "memcg",
};

/*
 * MemFree in KiB, read at most every 100 ms: a burst of stalls costs one
 * read of /proc/meminfo, not one each. -1 when it cannot be read.
 */
static long long free_kb(void)
{
	static long long kb, read_ms;
	long long now = monotonic_ms();

	if (!read_ms || now - read_ms >= 100) {
		kb = proc_meminfo_kb("MemFree");
		read_ms = now;
	}
	return kb < 0 ? -1 : kb;
}

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-14s ", "TIME(s)");
	if (env.print_uid)
		out_printf("%-6s ", "UID");
	out_printf("%-14s %-6s ", "COMM", env.by_tid ? "TID" : "PID");
	if (env.memcg)
		out_printf("%-6s ", "KIND");
	out_printf("%8s %5s", "LAT(ms)", "PAGES");
	if (env.extended)
		out_printf(" %9s", "FREE(KB)");
	out_char('\n');
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	const char *kind;
	struct drsnoop_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (env.name && !strstr(e.comm, env.name))
		return;
	kind = e.kind < ARRAY_SIZE(kinds) ? kinds[e.kind] : "?";
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
		out_printf(",\"kind\":\"%s\",\"latency_ns\":%llu,\"pages\":%llu",
			   kind, (unsigned long long)e.latency_ns,
			   (unsigned long long)e.pages);
		if (env.extended)
			out_printf(",\"free_kb\":%lld", free_kb());
		out_str("}\n");
		return;
	}
	if (env.timestamp)
		out_printf("%-14.9f ", e.time_ns > env.start_ns ?
			   (double)(e.time_ns - env.start_ns) / 1e9 : 0.0);
	if (env.print_uid)
		out_printf("%-6u ", e.uid);
	out_esc_col(e.comm, sizeof(e.comm), 14);
	out_printf(" %-6u ", env.by_tid ? e.tid : e.pid);
	if (env.memcg)
		out_printf("%-6s ", kind);
	out_printf("%8.2f %5llu", (double)e.latency_ns / 1e6,
		   (unsigned long long)e.pages);
	if (env.extended)
		out_printf(" %9lld", free_kb());
	out_char('\n');
}

int drsnoop_main(int argc, char **argv)
{
	struct drsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.print_uid = o.print_uid;
	env.by_tid = o.who.tid > 0;
	cfg.who = o.who;

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = EXIT_FAIL;
	if (session__map(&s, "reclaims", BPF_MAP_TYPE_HASH, sizeof(__u32),
			 sizeof(struct drsnoop_start), DRSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, drsnoop_probes, ARRAY_SIZE(drsnoop_probes),
			     &cfg);
	if (!err && env.memcg)
		err = session__attach(&s, drsnoop_memcg_probes,
				      ARRAY_SIZE(drsnoop_memcg_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
