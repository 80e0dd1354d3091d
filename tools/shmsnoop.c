// SPDX-License-Identifier: GPL-2.0
/* shmsnoop: trace System V shared memory calls, with arguments and result. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "progs/shmsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/errnos.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"
#include "tools/lib/shmcall.h"

static const char usage_text[] =
"usage: barebpf shmsnoop [-Txv] [-p PID] [-t TID] [-n NAME] [-d SECONDS]\n"
"                        [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace shmget(), shmat(), shmdt() and shmctl(): arguments and result.\n"
"\n"
"  -T, --timestamp    include seconds since tracing started\n"
"  -x, --failed       failed calls only\n"
"  -p, --pid PID      this process only\n"
"  -t, --tid TID      this thread only (the first column is then TID)\n"
"  -n, --name NAME    only processes whose name contains NAME\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"RET is the shmid, the address or 0 in hex, or -ERRNO.\n"
"\n"
"examples:\n"
"  barebpf shmsnoop                # every call on the system\n"
"  barebpf shmsnoop -T -p 181      # process 181's, with times\n"
"  barebpf shmsnoop -x             # the calls that fail\n"
"  barebpf shmsnoop -- ipcmk -M 4096  # what ipcmk asks for\n";

static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 'T' },
	{ "name", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, json, by_tid;
	const char *name;
	__u64 start_ns;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	if (opt == 'T')
		env.timestamp = true;
	else if (opt == 'n')
		env.name = arg;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_DURATION |
		  TOOL_OPT_FAILED,
	.options = "Tn:",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-14s ", "TIME(s)");
	out_printf("%-6s %-16s %6s %16s ARGs\n", env.by_tid ? "TID" : "PID",
		   "COMM", "SYS", "RET");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct shmsnoop_event e;
	char args[SHM_ARGS_TEXT_MAX], ret[24];
	const char *call, *err;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (env.name && !strstr(e.comm, env.name))
		return;
	call = e.args.call < NR_SHM_CALLS ? shmsnoop_calls[e.args.call].name : "?";
	/*
	 * Below the errnos, a return is an address that a 32-bit kernel's
	 * long made negative (shmat's, past 2 GiB): the unsigned long it is.
	 */
	if (e.ret < -ERRNO_MAX)
		e.ret = (__s64)(unsigned long)e.ret;
	if (env.json) {
		shm_args_json(args, sizeof(args), e.args.call, e.args.args);
		out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
		out_printf(",\"call\":\"%s\",\"ret\":%lld,\"args\":%s}\n", call,
			   (long long)e.ret, args);
		return;
	}
	if (env.timestamp)
		out_printf("%-14.9f ", e.time_ns > env.start_ns ?
			   (double)(e.time_ns - env.start_ns) / 1e9 : 0.0);
	out_printf("%-6u ", env.by_tid ? e.tid : e.pid);
	out_esc_col(e.comm, sizeof(e.comm), 16);
	if (e.ret >= 0) {
		snprintf(ret, sizeof(ret), "%llx", (unsigned long long)e.ret);
	} else {
		err = e.ret >= -ERRNO_MAX ? errno_name((int)-e.ret) : NULL;
		if (err)
			snprintf(ret, sizeof(ret), "-%s", err);
		else
			snprintf(ret, sizeof(ret), "%lld", (long long)e.ret);
	}
	shm_args_text(args, sizeof(args), e.args.call, e.args.args);
	out_printf(" %6s %16s %s\n", call, ret, args);
}

int shmsnoop_main(int argc, char **argv)
{
	struct shmsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.by_tid = o.who.tid > 0;
	cfg.who = o.who;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = EXIT_FAIL;
	if (session__map(&s, "shms", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct shmsnoop_pending), SHMSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, shmsnoop_probes,
			     ARRAY_SIZE(shmsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
