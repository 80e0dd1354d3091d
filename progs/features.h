/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helpers programs call, chosen once at start-up by probing the
 * running kernel. Each fallback can be forced, so the old-kernel paths
 * run on a new kernel too (the tools force them from the environment:
 * tools/lib/config.h).
 *
 * What every progs/ function returns: a program's builder
 * (TOOL_build_EVENT) returns 0, or -errno with the builder's errmsg
 * saying what (a field this kernel's format lacks); an emitter
 * (*_emit_*) returns nothing and leaves any error in the builder, for
 * builder__finish(); the rest as loader/: >= 0 or -errno (*_from_btf
 * with what naming the member), NULL with errno. Nothing in progs/
 * prints, exits or reads the environment: every choice (the features,
 * the BTF, what to force) comes in as an argument.
 */
#ifndef BAREBPF_PROGS_FEATURES_H
#define BAREBPF_PROGS_FEATURES_H

#include <stdbool.h>

struct prog_features {
	int read_user;		/* BPF_FUNC_probe_read_user or _probe_read */
	int read_user_str;
	int read_kernel;
	int read_kernel_str;
	bool bounded_loops;	/* else builder__loop() unrolls */
	bool hash_no_prealloc;	/* hash maps may go without preallocation */
	bool forced_read;	/* the choices forced */
	bool forced_unroll;
	bool forced_prealloc;
	unsigned int probed;	/* PROG_PROBE_* found out so far */
};

/* What prog_features__probe() is to take as missing, whatever the kernel has. */
enum {
	PROG_FORCE_PROBE_READ = 1,	/* bpf_probe_read{,_str}, not the
					   _user/_kernel pair (5.5) */
	PROG_FORCE_UNROLL = 2,		/* loops unrolled, not bounded (5.3) */
	PROG_FORCE_PREALLOC = 4,	/* hash maps preallocated (6.1) */
};

/*
 * What to find out: each probe loads a program, so a tool that knows
 * what its programs use asks for that alone.
 */
enum {
	PROG_PROBE_READ = 1,		/* read_user ... read_kernel_str */
	PROG_PROBE_LOOPS = 2,		/* bounded_loops */
	PROG_PROBE_PREALLOC = 4,	/* hash_no_prealloc */
	PROG_PROBE_ALL = 7,
};

/*
 * Fill f for tracepoint programs: the memory read helpers and loops;
 * force: PROG_FORCE_* flags. Returns 0 or -errno (EPERM).
 */
int prog_features__probe(struct prog_features *f, unsigned int force);

/* Nothing probed yet; what force says is taken as missing. */
void prog_features__init(struct prog_features *f, unsigned int force);

/*
 * Probe what want (PROG_PROBE_*) names and f does not know yet. Until
 * probed, a feature reads as missing. Returns 0 or -errno (EPERM).
 */
int prog_features__probe_more(struct prog_features *f, unsigned int want);

#endif /* BAREBPF_PROGS_FEATURES_H */
