/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helpers programs call, chosen once at start-up by probing the
 * running kernel. Each fallback can be forced through the environment
 * so the old-kernel paths run on a new kernel too:
 *   BAREBPF_FORCE_PROBE_READ=1   bpf_probe_read{,_str} instead of the
 *                                _user/_kernel pair (5.5)
 *   BAREBPF_FORCE_UNROLL=1       loops unrolled, not bounded (5.3)
 * (BAREBPF_FORCE_DEBUGFS=1, tracefs through debugfs, is loader/tracefs.h's.)
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
	bool forced_read;	/* the choices the environment forced */
	bool forced_unroll;
};

/* Fill f for tracepoint programs. Returns 0 or -errno (EPERM). */
int prog_features__probe(struct prog_features *f);

/* True when the environment variable name is set to a non-empty, non-"0" value. */
bool env_flag(const char *name);

#endif /* BAREBPF_PROGS_FEATURES_H */
