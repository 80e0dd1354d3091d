// SPDX-License-Identifier: GPL-2.0
/* killsnoop: trace kill(), tkill() and tgkill(), with their result. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "progs/killsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"
#include "tools/lib/signals.h"

static const char usage_text[] =
"usage: barebpf killsnoop [-xnv] [-p PID] [-s SIGS] [-b PAGES] [--json]\n"
"                         [-- COMMAND [ARGS...]]\n"
"Trace kill(), tkill() and tgkill(): who sent which signal to whom, and the result.\n"
"\n"
"  -x, --failed       failed calls only\n"
"  -p, --pid PID      calls made by this process only\n"
"  -s, --signal SIGS  these signals only: a comma list of numbers or names\n"
"                     (9,TERM,SIGUSR1,RTMIN+2)\n"
"  -n, --name         show signal names instead of numbers\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"TPID is the target as passed: a pid, 0 or -PGID for a process group, -1 for\n"
"all; for tkill() and tgkill() the thread id. RESULT is 0 or -errno.\n"
"\n"
"examples:\n"
"  barebpf killsnoop               # every kill on the system\n"
"  barebpf killsnoop -x -n         # failed kills, with signal names\n"
"  barebpf killsnoop -s KILL,TERM  # who sends SIGKILL and SIGTERM\n"
"  barebpf killsnoop -- make test  # the signals a test suite sends\n";

static const struct option long_options[] = {
	{ "signal", required_argument, NULL, 's' },
	{ "name", no_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool names, json;
} env;

static void print_header(void)
{
	if (!env.json)
		out_printf("%-8s %-7s %-16s %-9s %-7s %-6s\n", "TIME", "PID",
			   "COMM", "SIG", "TPID", "RESULT");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct killsnoop_event e;
	char ts[16], name[SIGNAL_NAME_MAX];
	const char *sig;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, -1, e.comm,
			     sizeof(e.comm));
		/* The signal as the int the caller passed: -1 is refused, not huge. */
		out_printf(",\"call\":\"%s\",\"sig\":%d,\"tpid\":%d,\"tgid\":%d,\"ret\":%d}\n",
			   e.args.call < NR_KILL_CALLS ? killsnoop_calls[e.args.call] : "?",
			   (int)e.args.sig, e.args.tpid, e.args.tgid, e.ret);
		return;
	}
	local_hms(ts, sizeof(ts));
	sig = env.names ? signal_name((int)e.args.sig, name) : NULL;
	out_printf("%-8s %-7u ", ts, e.pid);
	out_esc_col(e.comm, sizeof(e.comm), 16);
	out_char(' ');
	if (sig)
		out_printf("%-9s ", sig);
	else
		out_printf("%-9d ", (int)e.args.sig);
	out_printf("%-7d %-6d\n", e.args.tpid, e.ret);
}

/* "-s 9,TERM,usr1": into cfg, each signal once. -1 on error (printed). */
static int parse_sigs(const char *list, struct killsnoop_config *cfg)
{
	char buf[256], *tok, *save = NULL;
	int sig, i;

	if (strlen(list) >= sizeof(buf))
		goto bad;
	strcpy(buf, list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		sig = signal_parse(tok);
		if (sig < 0) {
			tool_err("invalid -s value '%s': no signal '%s'",
				 list, tok);
			return -1;
		}
		for (i = 0; i < cfg->nr_sigs && cfg->sigs[i] != sig; i++)
			;
		if (i == cfg->nr_sigs)
			cfg->sigs[cfg->nr_sigs++] = sig;
	}
	if (cfg->nr_sigs)
		return 0;
bad:
	tool_err("invalid -s value '%s': expected a comma list of signals",
		 list);
	return -1;
}

static int parse_option(int opt, const char *arg, void *ctx)
{
	switch (opt) {
	case 'n':
		env.names = true;
		return 0;
	case 's':
		return parse_sigs(arg, ctx);
	}
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_FAILED,
	.options = "ns:",
	.long_options = long_options,
	.parse = parse_option,
};

int killsnoop_main(int argc, char **argv)
{
	struct killsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, &cfg);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	cfg.who = o.who;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = EXIT_FAIL;
	if (session__map(&s, "kills", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct killsnoop_pending), KILLSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, killsnoop_probes,
			     ARRAY_SIZE(killsnoop_probes), &cfg);
	if (err)
		goto out;
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
