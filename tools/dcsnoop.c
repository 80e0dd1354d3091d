// SPDX-License-Identifier: GPL-2.0
/* dcsnoop: trace directory entry cache lookups, missed ones by default. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "loader/kprobe.h"
#include "progs/dcsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf dcsnoop [-av] [-p PID] [-t TID] [-d SECONDS] [-b PAGES] [--json]\n"
"                       [-- COMMAND [ARGS...]]\n"
"Trace directory entry cache (dcache) lookups: by default the names the\n"
"dcache did not have (T: M), with -a every name a path walk looks up (R).\n"
"\n"
"  -a, --all          every lookup, not only the missed ones\n"
"  -p, --pid PID      this process only\n"
"  -t, --tid TID      this thread only\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"No tracepoint sees these lookups: dcsnoop needs a kernel with kprobes\n"
"(CONFIG_KPROBES) and its BTF.\n"
"\n"
"examples:\n"
"  barebpf dcsnoop                 # names missed in the dcache\n"
"  barebpf dcsnoop -a -- ls /etc   # every name ls looks up\n";

static const struct option long_options[] = {
	{ "all", no_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool all, json;
	__u64 start_ns;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)arg;
	(void)ctx;
	if (opt == 'a')
		env.all = true;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_DURATION,
	.options = "a",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (!env.json)
		out_printf("%-11s %-7s %-16s %1s %s\n", "TIME(s)", "PID", "COMM",
			   "T", "FILE");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	const size_t head = offsetof(struct dcsnoop_event, name);
	struct dcsnoop_event e;
	char type[2];

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, head, data, size) || e.name_len > size - head ||
	    e.name_len > DCSNOOP_NAME_MAX)
		return;
	memcpy(e.name, (const char *)data + head, e.name_len);
	e.name[e.name_len] = '\0';
	type[0] = e.type == DCSNOOP_REFERENCE ? 'R' : 'M';
	type[1] = '\0';
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
		out_printf(",\"type\":\"%s\",\"name\":", type);
		out_json_data(e.name, e.name_len);
		out_str("}\n");
		return;
	}
	out_printf("%-11.6f %-7u ", e.time_ns > env.start_ns ?
		   (double)(e.time_ns - env.start_ns) / 1e9 : 0.0, e.pid);
	out_esc_col(e.comm, sizeof(e.comm), 16);
	out_printf(" %s ", type);
	out_esc(e.name, sizeof(e.name));
	out_char('\n');
}

/*
 * This kernel's kprobes: the PMU, and each function under the name
 * /proc/kallsyms gives it, into names. Returns 0, or EXIT_FAIL after
 * one line saying what is missing.
 */
static int find_functions(char names[2][128])
{
	static const char *const funcs[2] = { "lookup_fast", "d_lookup" };
	int err = kprobe_pmu_type(), i;

	if (err == -ENOENT) {
		tool_err("this kernel has no kprobes (no " KPROBE_PMU_DIR
			 "), and no tracepoint sees dcache lookups");
		return EXIT_FAIL;
	}
	if (err < 0) {
		tool_err("reading " KPROBE_PMU_DIR "/type: %s", strerror(-err));
		return EXIT_FAIL;
	}
	for (i = 0; i < 2; i++) {
		err = kprobe_function(funcs[i], names[i], sizeof(names[i]));
		if (err) {
			tool_err("no function %s to probe in /proc/kallsyms: %s",
				 funcs[i], err == -ENOENT ? "inlined, or not in this kernel" :
				 strerror(-err));
			return EXIT_FAIL;
		}
	}
	return 0;
}

/* The offsets names are read with, or NULL after saying why not. */
static const struct dcsnoop_offsets *load_offsets(struct session *s)
{
	static struct dcsnoop_offsets offsets;
	const struct btf *btf;
	char why[160];

	btf = session__btf(s, why, sizeof(why));
	if (!btf || dcsnoop_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		tool_err("needs the kernel's BTF to read the names looked up: %s", why);
		return NULL;
	}
	return &offsets;
}

int dcsnoop_main(int argc, char **argv)
{
	struct dcsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct probe probes[ARRAY_SIZE(dcsnoop_probes)];
	char names[2][128];
	struct tool_opts o;
	struct session s;
	size_t i;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	/* What this kernel lacks is said before anything is asked of it. */
	err = find_functions(names);
	if (err)
		return err;
	cfg.regs = callregs_native();
	if (!cfg.regs) {
		tool_err("barebpf does not know where this architecture passes a function's arguments");
		return EXIT_FAIL;
	}
	env.json = o.json;
	cfg.who = o.who;
	cfg.all = env.all;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	err = EXIT_FAIL;
	cfg.offsets = load_offsets(&s);
	if (!cfg.offsets)
		goto out;
	if (o.verbose)
		tool_err("note: probing %s and %s (kprobe PMU)", names[0], names[1]);
	/* The kernel's names for the functions: [0] and [2] lookup_fast. */
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		probes[i] = dcsnoop_probes[i];
		probes[i].event = names[i % 2];
	}
	if (session__map(&s, "lookups", BPF_MAP_TYPE_LRU_HASH, sizeof(__u32),
			 sizeof(struct dcsnoop_pending), DCSNOOP_THREADS, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, probes, ARRAY_SIZE(probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
