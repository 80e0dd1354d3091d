// SPDX-License-Identifier: GPL-2.0
/* exitsnoop: trace processes that end, with their age and exit status. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "loader/bpf.h"
#include "progs/exitsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/procfs.h"
#include "tools/lib/session.h"
#include "tools/lib/signals.h"

static const char usage_text[] =
"usage: barebpf exitsnoop [-txTv] [-p PID] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace processes that end: who, how old, and how they ended.\n"
"\n"
"  -t, --timestamp    include a time column (HH:MM:SS)\n"
"  -x, --failed       only those that ended with a non-zero code or a signal\n"
"  -p, --pid PID      this process only\n"
"  -T, --threaded     every thread that ends, not only processes\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where exit statuses come from\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"EXIT_CODE is what the parent's wait() gets: 0, \"code N\", or \"signal N (NAME)\",\n"
"\", core dumped\" when it did. A process ends with its last thread; TID is that\n"
"thread. AGE is \"-\" for a process begun before tracing when the kernel has\n"
"no BTF.\n"
"\n"
"examples:\n"
"  barebpf exitsnoop               # every process that ends\n"
"  barebpf exitsnoop -x -t         # failures and kills, with times\n"
"  barebpf exitsnoop -T -p 1234    # each thread of process 1234\n"
"  barebpf exitsnoop -- make -j2   # how a build's processes end\n";

static const struct option long_options[] = {
	{ "threaded", no_argument, NULL, 'T' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, json;
	int births_fd, held_fd;		/* without BTF */
} env = { .births_fd = -1, .held_fd = -1 };

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct exitsnoop_config *cfg = ctx;

	(void)arg;
	if (opt == 'T')
		cfg->threads = 1;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_FAILED | TOOL_OPT_TIMESTAMP,
	.options = "T",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-8s ", "TIME");
	out_printf("%-16s %-7s %-7s %-7s %-7s %s\n", "PCOMM", "PID", "PPID",
		   "TID", "AGE(s)", "EXIT_CODE");
}

static void print_event(const struct exitsnoop_event *e)
{
	long long age = e->start_ns && e->start_ns <= e->time_ns ?
			(long long)(e->time_ns - e->start_ns) : -1;
	unsigned int st = e->status;
	char text[64];

	if (env.json) {
		out_printf("{\"time_ns\":%llu,\"pid\":%u,\"ppid\":%u,\"tid\":%u,\"comm\":",
			   (unsigned long long)e->time_ns, e->pid, e->ppid, e->tid);
		out_json_str(e->comm, sizeof(e->comm));
		out_printf(",\"age_ns\":%lld,\"status\":%u,\"code\":%u,\"signal\":%u,"
			   "\"core_dumped\":%s}\n", age, st, (st >> 8) & 0xff,
			   st & 0x7f, st & EXIT_STATUS_CORE ? "true" : "false");
		return;
	}
	if (env.timestamp) {
		char ts[16];

		out_printf("%-8s ", local_hms(ts, sizeof(ts)));
	}
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %-7u %-7u %-7u ", e->pid, e->ppid, e->tid);
	if (age >= 0)
		out_printf("%-7.2f ", (double)age / 1e9);
	else
		out_printf("%-7s ", "-");
	out_printf("%s\n", exit_status_text(st, text, sizeof(text)));
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct exitsnoop_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	/* Without BTF, a parent the kernel did not see fork: ask /proc. */
	if (!e.ppid)
		e.ppid = (__u32)proc_ppid((pid_t)e.pid);
	print_event(&e);
}

/* Exits still waiting for their SIGCHLD when tracing stops: print them. */
static void flush_held(int fd)
{
	struct exitsnoop_event e;
	__u32 key, next;
	int err = bpf_map_get_next_key(fd, NULL, &next);

	while (!err) {
		key = next;
		err = bpf_map_get_next_key(fd, &key, &next);
		if (!bpf_map_lookup_elem(fd, &key, &e))
			handle_event(NULL, -1, &e, sizeof(e));
	}
	out_flush();
}

/* Without BTF, the maps the programs keep state in. -1 on error (printed). */
static int create_kept_maps(struct session *s)
{
	if (session__map(s, "exit_groups", BPF_MAP_TYPE_LRU_HASH, 4,
			 sizeof(struct exitsnoop_group), EXITSNOOP_TRACKED, 0) < 0 ||
	    session__map(s, "exit_threads", BPF_MAP_TYPE_LRU_HASH, 4, 4,
			 EXITSNOOP_TRACKED, 0) < 0 ||
	    session__map(s, "exit_signals", BPF_MAP_TYPE_LRU_HASH, 4, 4,
			 EXITSNOOP_TRACKED, 0) < 0)
		return -1;
	env.births_fd = session__map(s, "births", BPF_MAP_TYPE_LRU_HASH, 4,
				     sizeof(struct exitsnoop_birth),
				     EXITSNOOP_TRACKED, 0);
	env.held_fd = session__map(s, "held", BPF_MAP_TYPE_HASH, 4,
				   sizeof(struct exitsnoop_event), EXITSNOOP_HELD, 0);
	return env.births_fd < 0 || env.held_fd < 0 ? -1 : 0;
}

/* Without BTF: forked before any probe, tell the programs what they missed. */
static void spawned(struct session *s, void *ctx)
{
	struct exitsnoop_birth birth = {
		.start_ns = s->child.fork_ns,
		.ppid = (__u32)getpid(),
	};
	__u32 child = (__u32)s->child.pid;

	(void)ctx;
	if (env.births_fd >= 0)
		bpf_map_update_elem(env.births_fd, &child, &birth, BPF_ANY);
}

int exitsnoop_main(int argc, char **argv)
{
	static struct exitsnoop_offsets offsets;
	struct exitsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	struct tp_format *fmt;
	const struct btf *btf;
	char why[160];
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, &cfg);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	cfg.pid = o.who.pid;
	cfg.tree = o.who.tree;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	s.tree_exit_by_tool = cfg.tree;
	/* Does the kernel say which exit ends a process? */
	fmt = tp_format__load("sched", "sched_process_exit");
	cfg.group_dead = fmt && tp_format__field(fmt, "group_dead");
	tp_format__free(fmt);
	btf = session__btf(&s, why, sizeof(why));
	if (btf && !exitsnoop_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		cfg.offsets = &offsets;
		if (o.verbose)
			tool_err("note: exit status read from the task "
				 "at exit (offsets from BTF)");
	} else {
		if (o.verbose)
			tool_err("note: exit status kept from exit, "
				 "exit_group and signal tracepoints; AGE and PPID only "
				 "for processes begun while tracing: %s", why);
		if (create_kept_maps(&s)) {
			err = EXIT_FAIL;
			goto out;
		}
	}
	s.spawned = spawned;
	err = session__start(&s, &cbs, exitsnoop_probes,
			     cfg.offsets ? 1 : ARRAY_SIZE(exitsnoop_probes), &cfg);
	if (err)
		goto out;
	print_header();
	err = session__run(&s);
	if (env.held_fd >= 0)
		flush_held(env.held_fd);
out:
	return session__end(&s, err);
}
