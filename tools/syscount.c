// SPDX-License-Identifier: GPL-2.0
/* syscount: count syscalls per syscall or per process, in the kernel. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "loader/syscalls.h"
#include "progs/syscount.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/errnos.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"
#include "tools/lib/tally.h"

static const char usage_text[] =
"usage: barebpf syscount [-LmPxlv] [-p PID] [-i SECONDS] [-d SECONDS] [-T TOP]\n"
"                        [-e ERRNO] [--json] [-- COMMAND [ARGS...]]\n"
"Count syscalls per syscall, or per process, in the kernel; print the top\n"
"ones every interval, or at the end.\n"
"\n"
"  -p, --pid PID          this process only\n"
"  -i, --interval S       print every S seconds (default: only at the end)\n"
"  -d, --duration S       trace for S seconds, then print and exit\n"
"  -T, --top N            print the N largest (default 10)\n"
"  -x, --failures         failed calls only\n"
"  -e, --errno ERRNO      calls failed with ERRNO only (ENOENT, or a number)\n"
"  -L, --latency          add the time spent in the calls, and sort by it\n"
"  -m, --milliseconds     that time in milliseconds (default microseconds)\n"
"  -P, --process          count per process, not per syscall\n"
"  -l, --list             list the syscalls this build knows, and exit\n"
"      --json             one JSON object per row\n"
"      --raw              traced bytes as they are, not escaped\n"
"  -v, --verbose          say which optional tracepoints are missing\n"
"  -- COMMAND             run COMMAND, count only its process tree, exit with its status\n"
"\n"
"Syscall names come from the table this binary was built with; a number it\n"
"does not know shows as [unknown: N]. syscount's own calls are not counted.\n"
"\n"
"examples:\n"
"  barebpf syscount                  # top 10 syscalls, at Ctrl-C\n"
"  barebpf syscount -P -i 5          # top processes every 5 seconds\n"
"  barebpf syscount -L -p 1234       # where process 1234 spends its time\n"
"  barebpf syscount -e ENOENT -- make  # what a build looks for in vain\n";

static const struct option long_options[] = {
	{ "interval", required_argument, NULL, 'i' },
	{ "top", required_argument, NULL, 'T' },
	{ "failures", no_argument, NULL, 'x' },
	{ "errno", required_argument, NULL, 'e' },
	{ "latency", no_argument, NULL, 'L' },
	{ "milliseconds", no_argument, NULL, 'm' },
	{ "process", no_argument, NULL, 'P' },
	{ "list", no_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool json, milliseconds, latency, by_process, list;
	long interval, top;
	long nr_base;
	__u32 nr_slots;
	int counts_fd;
	int nr_cpus;
	struct syscount_value *percpu;	/* one lookup's values, a slot per CPU */
	struct tally tally;
	struct tally_delta *deltas;
	size_t deltas_cap;
	long seconds;
	int err;			/* first failure while running */
} env = { .top = 10 };

/* One key's counts summed over the CPUs; the name seen most often. */
static int read_key(__u32 key, struct syscount_value *sum)
{
	__u64 best = 0;
	int i, err;

	err = bpf_map_lookup_elem(env.counts_fd, &key, env.percpu);
	if (err)
		return err;
	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < env.nr_cpus; i++) {
		const struct syscount_value *v = &env.percpu[i];

		sum->count += v->count;
		sum->total_ns += v->total_ns;
		if (v->comm[0] && (!sum->comm[0] || v->count > best)) {
			memcpy(sum->comm, v->comm, sizeof(sum->comm));
			best = v->count;
		}
	}
	sum->comm[sizeof(sum->comm) - 1] = '\0';
	return 0;
}

/* Every syscall slot, the out-of-range one last. */
static int harvest_syscalls(void)
{
	struct syscount_value v;
	__u32 slot;
	int err;

	for (slot = 0; slot <= env.nr_slots; slot++) {
		err = read_key(slot, &v);
		if (err)
			return err;
		if (v.count && tally__set(&env.tally, slot, v.count, v.total_ns, NULL))
			return -ENOMEM;
	}
	return 0;
}

/* A pid no process has any more (a zombie still has one). */
static bool pid_gone(__u32 pid)
{
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/*
 * Every process's counts; those of processes gone are final, and their
 * entries are removed so that the map only holds the living.
 */
static int harvest_processes(void)
{
	struct syscount_value v;
	__u32 key, next;
	int more, err;
	bool gone;

	more = bpf_map_get_next_key(env.counts_fd, NULL, &key);
	while (!more) {
		/* The next key first: the kernel restarts after a deleted one. */
		more = bpf_map_get_next_key(env.counts_fd, &key, &next);
		/* Gone before the read: nothing can add to what is read. */
		gone = pid_gone(key);
		err = read_key(key, &v);
		if (err && err != -ENOENT)
			return err;
		if (!err && tally__set(&env.tally, key, v.count, v.total_ns, v.comm))
			return -ENOMEM;
		if (!err && gone) {
			bpf_map_delete_elem(env.counts_fd, &key);
			tally__retire(&env.tally, key);
		}
		key = next;
	}
	return more == -ENOENT ? 0 : more;
}

static int harvest(void)
{
	return env.by_process ? harvest_processes() : harvest_syscalls();
}

/*
 * The first column without -P: the syscall's name, "[unknown: N]" for a
 * number the table lacks, or "[other]" for the slot of the ids outside
 * its range.
 */
static const char *label(const struct tally_delta *d, char *buf, size_t len)
{
	long nr = env.nr_base + (long)d->key;
	const char *name;

	if (d->key == env.nr_slots)
		return "[other]";
	name = syscall_name(nr);
	if (name)
		return name;
	snprintf(buf, len, "[unknown: %ld]", nr);
	return buf;
}

static void print_json(const struct tally_delta *d, __u64 now)
{
	char buf[64];

	out_printf("{\"time_ns\":%llu,", (unsigned long long)now);
	if (env.by_process) {
		out_printf("\"pid\":%u,\"comm\":", d->key);
		out_json_str(d->comm, TALLY_COMM_LEN);
	} else {
		out_str("\"syscall\":");
		out_json_str(label(d, buf, sizeof(buf)), sizeof(buf));
		out_printf(",\"id\":%ld",
			   d->key == env.nr_slots ? -1 : env.nr_base + (long)d->key);
	}
	out_printf(",\"count\":%llu,\"total_ns\":%llu}\n",
		   (unsigned long long)d->count, (unsigned long long)d->ns);
}

/* The table of libbpf-tools' syscount, under a [HH:MM:SS] line. */
static void print_text(const struct tally_delta *d, size_t n)
{
	const char *first = env.by_process ? "PID    COMM" : "SYSCALL";
	double div = env.milliseconds ? 1e6 : 1e3;
	time_t t = time(NULL);
	char buf[64];
	struct tm tm;
	size_t i;

	local_time(t, &tm);
	out_printf("[%02d:%02d:%02d]\n", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (env.latency)
		out_printf("%-22s %8s %16s\n", first, "COUNT",
			   env.milliseconds ? "TIME (ms)" : "TIME (us)");
	else
		out_printf("%-22s %8s\n", first, "COUNT");
	for (i = 0; i < n; i++) {
		if (env.by_process) {
			out_printf("%-6u ", d[i].key);
			out_esc_col(d[i].comm, TALLY_COMM_LEN, 15);
		} else {
			out_printf("%-22s", label(&d[i], buf, sizeof(buf)));
		}
		out_printf(" %8llu", (unsigned long long)d[i].count);
		if (env.latency)
			out_printf(" %16.3f", (double)d[i].ns / div);
		out_char('\n');
	}
	out_char('\n');
}

/* Read the counts and print what grew since the last print, if any. */
static int print_counts(void)
{
	__u64 now = monotonic_ns();
	size_t i, n;
	int err;

	err = harvest();
	if (err)
		return err;
	if (env.deltas_cap < env.tally.n) {
		free(env.deltas);
		env.deltas_cap = env.tally.n;
		env.deltas = malloc(env.deltas_cap * sizeof(*env.deltas));
		if (!env.deltas) {
			env.deltas_cap = 0;
			return -ENOMEM;
		}
	}
	n = tally__deltas(&env.tally, env.latency, env.deltas);
	if (n > (size_t)env.top)
		n = (size_t)env.top;
	if (env.json) {
		for (i = 0; i < n; i++)
			print_json(&env.deltas[i], now);
	} else if (n) {
		print_text(env.deltas, n);
	}
	tally__rebase(&env.tally);
	return 0;
}

/*
 * Each second: print when an interval ends; with -P, also take the
 * counts of processes gone, so that their entries leave the map.
 */
static void tick(struct session *s, void *ctx)
{
	int err = 0;

	(void)s;
	(void)ctx;
	env.seconds++;
	if (env.interval && env.seconds % env.interval == 0)
		err = print_counts();
	else if (env.by_process)
		err = harvest();
	if (err && !env.err) {
		tool_err("reading counts: %s", strerror(-err));
		env.err = err;
	}
}

/* "-l": the table, by number. */
static void list_syscalls(void)
{
	long nr, max = syscall_nr_max();
	const char *name;

	for (nr = syscall_nr_min(); nr <= max; nr++) {
		name = syscall_name(nr);
		if (name)
			out_printf("%3ld: %s\n", nr, name);
	}
	out_flush();
}

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct syscount_config *cfg = ctx;
	int v;

	switch (opt) {
	case 'L': env.latency = true; break;
	case 'm': env.milliseconds = true; break;
	case 'P': env.by_process = true; break;
	case 'l': env.list = true; break;
	case 'i':
		return parse_long("-i", arg, 0, INT_MAX, &env.interval);
	case 'T':
		return parse_long("-T", arg, 1, INT_MAX, &env.top);
	case 'e':
		v = errno_parse(arg);
		if (v < 0) {
			tool_err("invalid -e value '%s': expected an errno name (ENOENT) or a number 1..%d",
				 arg, ERRNO_MAX);
			return -1;
		}
		cfg->err = v;
		break;
	}
	return 0;
}

/* -x: failed calls only. No -b: the counts stay in the kernel. */
static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_PID | TOOL_OPT_DURATION | TOOL_OPT_FAILED |
		  TOOL_OPT_JSON | TOOL_OPT_VERBOSE | TOOL_OPT_RAW,
	.options = "LmPli:T:e:",
	.long_options = long_options,
	.parse = parse_option,
};

/* The maps: counts by syscall slot or by pid, and -L's enter times. */
static int create_maps(struct session *s, struct syscount_config *cfg)
{
	if (env.by_process)
		env.counts_fd = session__map(s, "syscount_counts",
					     BPF_MAP_TYPE_PERCPU_HASH, 4,
					     sizeof(struct syscount_value),
					     SYSCOUNT_MAX_PROCS, 0);
	else
		env.counts_fd = session__map(s, "syscount_counts",
					     BPF_MAP_TYPE_PERCPU_ARRAY, 4,
					     sizeof(struct syscount_value),
					     cfg->nr_slots + 1, 0);
	if (env.counts_fd < 0)
		return -1;
	if (cfg->latency && session__map(s, "syscount_starts", BPF_MAP_TYPE_HASH,
					 4, 8, SYSCOUNT_IN_FLIGHT, 0) < 0)
		return -1;
	env.nr_cpus = cpus_possible();
	if (env.nr_cpus <= 0) {
		tool_err("counting CPUs: %s", strerror(-env.nr_cpus));
		return -1;
	}
	env.percpu = calloc((size_t)env.nr_cpus, sizeof(*env.percpu));
	if (!env.percpu) {
		tool_err("%s", strerror(ENOMEM));
		return -1;
	}
	return 0;
}

int syscount_main(int argc, char **argv)
{
	struct syscount_config cfg = { 0 };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, &cfg);
	if (err != TOOL_RUN)
		return err;
	if (env.list) {
		list_syscalls();
		return EXIT_OK;
	}
	env.json = o.json;
	cfg.pid = o.who.pid;
	cfg.tree = o.who.tree;
	cfg.failed_only = o.failed;
	cfg.self = (__u32)getpid();
	cfg.latency = env.latency;
	cfg.by_process = env.by_process;
	env.nr_base = cfg.nr_base = syscall_nr_min();
	env.nr_slots = cfg.nr_slots =
		(__u32)(syscall_nr_max() - cfg.nr_base + 1 + SYSCOUNT_SPARE_IDS);

	err = session__init(&s, &o);
	if (err)
		goto out;
	err = EXIT_FAIL;
	if (create_maps(&s, &cfg))
		goto out;
	/* No rings: the programs only count. */
	err = session__start(&s, NULL, syscount_probes, env.latency ? 3 : 1, &cfg);
	if (err)
		goto out;
	if (!env.json)
		out_printf("Tracing syscalls, printing top %ld... Ctrl+C to quit.\n",
			   env.top);
	s.tick_ms = 1000;
	s.tick = tick;
	err = session__run(&s);
	if (!err && env.err)
		err = EXIT_FAIL;
	if (!err) {
		err = print_counts();
		if (err) {
			tool_err("reading counts: %s", strerror(-err));
			err = EXIT_FAIL;
		}
	}
	out_flush();
out:
	tally__free(&env.tally);
	free(env.deltas);
	free(env.percpu);
	return session__end(&s, err);
}
