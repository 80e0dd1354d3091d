/* SPDX-License-Identifier: GPL-2.0 */
/* Program loading that keeps what the verifier said. */
#ifndef BAREBPF_LOADER_PROG_H
#define BAREBPF_LOADER_PROG_H

#include <stddef.h>
#include "loader/bpf.h"

/* The largest log older kernels accept (UINT_MAX >> 8, before 5.2). */
#define PROG_LOG_MAX	(16u << 20)

/*
 * Load a program and keep the verifier's log in *log (malloc'd, caller
 * frees; NULL when nothing was logged). With log_level 0 the program is
 * loaded without a log first and, only if the kernel refuses it, loaded
 * again at level 1 to learn why. A log that does not fit (ENOSPC) is
 * retried with a buffer twice the size, up to PROG_LOG_MAX.
 * Returns the program fd or -errno.
 */
int prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
	      size_t insn_cnt, const struct bpf_prog_load_opts *opts,
	      __u32 log_level, char **log);

/*
 * The instruction the verifier was looking at when it stopped: the index
 * of the last "N: (xx) ..." line of the log, or -1 when there is none.
 */
int verifier_log__failing_insn(const char *log);

/*
 * Kernels before 5.11 charge BPF memory to RLIMIT_MEMLOCK; lift the limit
 * there. Returns 0 or -errno if it could not be lifted.
 */
int raise_memlock_rlimit(void);

/* LINUX_VERSION_CODE of the running kernel (kprobes before 5.0 check it). */
__u32 kernel_version_code(void);

#endif /* BAREBPF_LOADER_PROG_H */
