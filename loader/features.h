/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the running kernel offers, found by loading tiny programs (as
 * bpftool feature probe does), never by reading its version.
 */
#ifndef BAREBPF_LOADER_FEATURES_H
#define BAREBPF_LOADER_FEATURES_H

#include <linux/bpf.h>

/*
 * 1 if a program of type may call helper, 0 if the verifier does not know
 * the helper or forbids it for that type, -errno when the probe itself
 * failed (EPERM without privilege).
 */
int feature_probe_helper(enum bpf_prog_type type, int helper);

/*
 * As feature_probe_helper, for a helper that reads (dst, size, src), as
 * bpf_probe_read_user_str: a call with valid arguments loads where the
 * helper exists, one load without a log where the zero-argument probe
 * takes two (refused, then again for the log that says why).
 */
int feature_probe_read_helper(enum bpf_prog_type type, int helper);

/* 1 if the kernel loads programs of type, 0 if not, -errno (EPERM). */
int feature_probe_prog_type(enum bpf_prog_type type);

/* 1 if the kernel creates maps of type, 0 if not, -errno (EPERM). */
int feature_probe_map_type(enum bpf_map_type type);

/*
 * 1 if the verifier takes a bounded loop (a back edge; 5.3+), 0 if not,
 * -EPERM without privilege.
 */
int feature_probe_bounded_loops(enum bpf_prog_type type);

/*
 * Both at once, where both are (5.5+): 1 if a program that calls the
 * reading helper as feature_probe_read_helper does and then runs a
 * bounded loop loads; 0 if not, and either may be missing (probe each);
 * -EPERM without privilege. One load where the two take two.
 */
int feature_probe_read_helper_and_loops(enum bpf_prog_type type, int helper);

/*
 * 1 if hash maps may go without preallocation (BPF_F_NO_PREALLOC) in
 * every program type, perf event programs included (6.1+), 0 if not
 * (and on a 32-bit kernel, whose such elements are misaligned for a
 * 64-bit atomic add), -EPERM without privilege. Creating a
 * preallocated hash map of thousands of entries takes milliseconds
 * (per-CPU ones the most: each entry is a per-CPU allocation of its
 * own).
 */
int feature_probe_hash_no_prealloc(void);

#endif /* BAREBPF_LOADER_FEATURES_H */
