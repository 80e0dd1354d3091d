// SPDX-License-Identifier: GPL-2.0
/* execsnoop: trace exec() calls, with their arguments and result. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "loader/bpf.h"
#include "loader/features.h"
#include "loader/format.h"
#include "progs/execsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/config.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/procfs.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf execsnoop [-TtxUqv] [-u UID] [-n NAME] [-l LINE]\n"
"                         [--max-args N] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace exec() calls: the program run, its arguments and its result.\n"
"\n"
"  -T, --time         include a time column (HH:MM:SS)\n"
"  -t, --timestamp    include seconds since tracing started\n"
"  -x, --fails        include failed exec()s\n"
"  -u, --uid UID      trace this user id only\n"
"  -U, --print-uid    include a UID column\n"
"  -q, --quote        put quotes around arguments\n"
"  -n, --name NAME    only show commands whose name or an argument contains NAME\n"
"  -l, --line LINE    only show commands with an argument containing LINE\n"
"      --max-args N   arguments kept, the program path included (default 20, max 60)\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"ARGS shows the path executed, then argv[1...]; \"...\" ends it when arguments\n"
"were left out or cut, and \"<argv unreadable>\" when the caller's memory could\n"
"not be read.\n"
"\n"
"examples:\n"
"  barebpf execsnoop               # every exec on the system\n"
"  barebpf execsnoop -x -T         # failures too, with times\n"
"  barebpf execsnoop -u 1000       # only uid 1000\n"
"  barebpf execsnoop -- make -j2   # what a build runs\n";

enum { OPT_MAX_ARGS = TOOL_OPT_OWN };

static const struct option long_options[] = {
	{ "time", no_argument, NULL, 'T' },
	{ "fails", no_argument, NULL, 'x' },
	{ "quote", no_argument, NULL, 'q' },
	{ "name", required_argument, NULL, 'n' },
	{ "line", required_argument, NULL, 'l' },
	{ "max-args", required_argument, NULL, OPT_MAX_ARGS },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool time, timestamp, print_uid, quote, json;
	const char *name, *line;
	long max_args;
	int parents_fd;
	__u64 start_ns;
} env = { .max_args = EXECSNOOP_DEFAULT_ARGS };

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	switch (opt) {
	case 'T': env.time = true; break;
	case 'q': env.quote = true; break;
	case 'n': env.name = arg; break;
	case 'l': env.line = arg; break;
	case OPT_MAX_ARGS:
		return parse_long("--max-args", arg, 1, EXECSNOOP_MAX_ARGS,
				  &env.max_args);
	}
	return 0;
}

/* -x: failed execs too. No -p: a process that execs is another program. */
static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_UID | TOOL_OPT_FAILED | TOOL_OPT_BUFFER |
		  TOOL_OPT_JSON | TOOL_OPT_VERBOSE | TOOL_OPT_TIMESTAMP |
		  TOOL_OPT_PRINT_UID | TOOL_OPT_RAW,
	.options = "Tqn:l:",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.time)
		out_printf("%-8s ", "TIME");
	if (env.timestamp)
		out_printf("%-8s ", "TIME(s)");
	if (env.print_uid)
		out_printf("%-6s ", "UID");
	out_printf("%-16s %-6s %-6s %3s %s\n", "PCOMM", "PID", "PPID", "RET", "ARGS");
}

/* True when NEEDLE is in the filename or one of the arguments. */
static bool args_contain(const struct execsnoop_event *e, const char *needle)
{
	const char *p = e->args, *end = e->args + e->args_size;

	if (strstr(e->filename, needle))
		return true;
	for (; p < end; p += strlen(p) + 1)
		if (strstr(p, needle))
			return true;
	return false;
}

static void print_arg(const char *s, size_t max_len)
{
	if (env.quote)
		out_esc_quoted(s, max_len);
	else
		out_esc(s, max_len);
}

static void print_text(const struct execsnoop_event *e)
{
	const char *p = e->args, *end = e->args + e->args_size;

	if (env.time) {
		char ts[16];

		out_printf("%-8s ", local_hms(ts, sizeof(ts)));
	}
	if (env.timestamp)
		out_printf("%-8.3f ", (double)(e->time_ns - env.start_ns) / 1e9);
	if (env.print_uid)
		out_printf("%-6u ", e->uid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %-6u %-6u %3d ", e->pid, e->ppid, e->ret);
	print_arg(e->filename, sizeof(e->filename));
	for (; p < end; p += strlen(p) + 1) {
		out_char(' ');
		print_arg(p, (size_t)(end - p));
	}
	if (e->flags & EXEC_ARGS_TRUNCATED)
		out_str(" ...");
	if (e->flags & EXEC_ARGS_UNREADABLE)
		out_str(" <argv unreadable>");
	out_char('\n');
}

static void print_json(const struct execsnoop_event *e)
{
	const char *p = e->args, *end = e->args + e->args_size;

	out_printf("{\"time_ns\":%llu,\"pid\":%u,\"ppid\":%u,\"uid\":%u,\"comm\":",
		   (unsigned long long)e->time_ns, e->pid, e->ppid, e->uid);
	out_json_str(e->comm, sizeof(e->comm));
	out_printf(",\"ret\":%d,\"args\":[", e->ret);
	out_json_str(e->filename, sizeof(e->filename));
	for (; p < end; p += strlen(p) + 1) {
		out_char(',');
		out_json_str(p, (size_t)(end - p));
	}
	out_printf("],\"args_truncated\":%s,\"args_unreadable\":%s}\n",
		   e->flags & EXEC_ARGS_TRUNCATED ? "true" : "false",
		   e->flags & EXEC_ARGS_UNREADABLE ? "true" : "false");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static struct execsnoop_event e;
	const size_t head = offsetof(struct execsnoop_event, args);

	(void)ctx;
	(void)cpu;
	if (size < head)
		return;
	if (size > sizeof(e))
		size = sizeof(e);
	memcpy(&e, data, size);
	/* Never trust a length over the bytes that came. */
	if (e.args_size > size - head)
		e.args_size = (__u32)(size - head);
	if (e.args_size && e.args[e.args_size - 1] != '\0')
		e.args[e.args_size - 1] = '\0';
	e.filename[sizeof(e.filename) - 1] = '\0';
	if (!e.ppid)
		e.ppid = (__u32)proc_ppid((pid_t)e.pid);
	if (env.name && !strstr(e.comm, env.name) && !args_contain(&e, env.name))
		return;
	if (env.line && !args_contain(&e, env.line))
		return;
	if (env.json)
		print_json(&e);
	else
		print_text(&e);
}

/*
 * Where arguments entry could not read are read again: the caller's at
 * sched_prepare_exec (6.10) unless BAREBPF_NO_PREPARE_EXEC=1; else the
 * new image's, through current->mm with BTF, or at the exec's return
 * (raw tracepoints, 4.17). -v says which, and why not a better one.
 */
static void choose_reread(struct execsnoop_config *cfg, struct session *s,
			  int verbose)
{
	struct tp_format *fmt = tp_format__load("sched", "sched_prepare_exec");
	const struct btf *btf;
	char why[160];

	tp_format__free(fmt);
	if (fmt && !tool_config.no_prepare_exec) {
		cfg->reread = EXECSNOOP_REREAD_PREPARE;
		if (verbose)
			tool_err("note: arguments entry could not read are read again at sched_prepare_exec");
		return;
	}
	btf = session__btf(s, why, sizeof(why));
	if (btf && !exec_image_offsets__from_btf(&cfg->image, btf, why, sizeof(why))) {
		cfg->reread = EXECSNOOP_REREAD_MM;
		if (verbose)
			tool_err("note: arguments entry could not read are read from the new image's stack, found through current->mm (BTF)");
		return;
	}
	if (verbose)
		tool_err("note: no BTF offsets for the new image's stack: %s", why);
	cfg->sysargs = sysargs_native();
	if (cfg->sysargs && feature_probe_prog_type(BPF_PROG_TYPE_RAW_TRACEPOINT) > 0) {
		cfg->reread = EXECSNOOP_REREAD_RETURN;
		if (verbose)
			tool_err("note: arguments entry could not read are read from the new image's stack, found through its stack pointer at the exec's return");
		return;
	}
	cfg->reread = EXECSNOOP_REREAD_NONE;
	if (verbose)
		tool_err("note: arguments entry could not read stay unreadable: no sched_prepare_exec, no BTF, no raw tracepoints");
}

/* The probes this choice needs, in execsnoop_probes' order. */
static size_t choose_probes(const struct execsnoop_config *cfg,
			    struct probe *chosen)
{
	const struct probe *p = execsnoop_probes;
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(execsnoop_probes); i++) {
		if ((p[i].build == execsnoop_build_prepare &&
		     cfg->reread != EXECSNOOP_REREAD_PREPARE) ||
		    (p[i].build == execsnoop_build_return &&
		     cfg->reread != EXECSNOOP_REREAD_RETURN) ||
		    (p[i].build == execsnoop_build_gone && !cfg->forget_at_exit))
			continue;
		chosen[n++] = p[i];
	}
	return n;
}

/* The fork happened before any probe: tell the kernel side. */
static void spawned(struct session *s, void *ctx)
{
	__u32 parent = (__u32)getpid(), child = (__u32)s->child.pid;

	(void)ctx;
	bpf_map_update_elem(env.parents_fd, &child, &parent, BPF_ANY);
}

int execsnoop_main(int argc, char **argv)
{
	struct execsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct probe chosen[ARRAY_SIZE(execsnoop_probes)];
	struct tool_opts o;
	struct session s;
	enum bpf_map_type kept;
	size_t value_size, n;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	env.print_uid = o.print_uid;
	cfg.who = o.who;
	cfg.include_failed = o.failed;
	cfg.max_args = (int)env.max_args;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	choose_reread(&cfg, &s, o.verbose);
	err = EXIT_FAIL;
	/*
	 * An LRU map is preallocated whole (some 7 ms for these two): where
	 * hash maps allocate as they fill, plain ones, emptied at exit.
	 */
	if (session__probe(&s, PROG_PROBE_PREALLOC))
		goto out;
	cfg.forget_at_exit = s.features.hash_no_prealloc;
	kept = cfg.forget_at_exit ? BPF_MAP_TYPE_HASH : BPF_MAP_TYPE_LRU_HASH;
	n = choose_probes(&cfg, chosen);
	value_size = execsnoop_event_size(cfg.max_args);
	if (session__map(&s, "exec_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 (__u32)value_size, 1, 0) < 0 ||
	    session__map(&s, "execs", kept, 4, (__u32)value_size,
			 EXECSNOOP_IN_FLIGHT, 0) < 0 ||
	    (env.parents_fd = session__map(&s, "parents", kept, 4, 4, 16384,
					   0)) < 0 ||
	    (cfg.reread == EXECSNOOP_REREAD_RETURN &&
	     session__map(&s, "gate", BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0) < 0))
		goto out;
	s.spawned = spawned;
	err = session__start(&s, &cbs, chosen, n, &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
