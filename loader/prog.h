/* SPDX-License-Identifier: GPL-2.0 */
/* Program loading that keeps what the verifier said. */
#ifndef BAREBPF_LOADER_PROG_H
#define BAREBPF_LOADER_PROG_H

#include <stdbool.h>
#include <stddef.h>
#include "loader/bpf.h"

/* The largest log older kernels accept (UINT_MAX >> 8, before 5.2). */
#define PROG_LOG_MAX	(16u << 20)

/* The first log buffer, when prog_log does not say. */
#define PROG_LOG_SIZE	(64u << 10)

/* The smallest log buffer kernels before 6.4 take (EINVAL below it). */
#define PROG_LOG_MIN	128u

/* The log of a verdict alone (BPF_LOG_STATS: messages, no states). */
#define PROG_LOG_REASON_SIZE	(64u << 10)

/* What the verifier is asked to say, and what it said. */
struct prog_log {
	__u32 level;		/* 1 or 2; 0: a log only if the program is refused */
	bool stats;		/* BPF_LOG_STATS too (5.2): time, stack depth */
	__u32 size;		/* the first buffer; 0: PROG_LOG_SIZE; at
				   least PROG_LOG_MIN */
	__u32 size_max;		/* doubled up to this on ENOSPC; 0:
				   PROG_LOG_MAX; at least PROG_LOG_MIN */
	char *text;		/* out: malloc'd; NULL when nothing was logged */
	bool cut;		/* out: longer than size_max, text is what fit */
	bool head_kept;		/* out: ... and the kernel kept its start (its
				   end from 6.4, which rotates a long log) */
	char *reason;		/* out: when cut, the verdict's own messages
				   (BPF_LOG_STATS alone), or NULL */
};

/*
 * The one program load with the verifier's log: the tools' programs,
 * the probes of loader/features.c, and verify alike. With log->level 0
 * the program is loaded without a log and, only if the kernel refuses
 * it (but for EPERM), again at level 1 to learn why. A log that does not
 * fit (ENOSPC) is tried again in a buffer twice the size, up to
 * log->size_max; past that it is cut, the program loaded once more for
 * its verdict's messages alone (log->reason), and once more without a
 * log for the verdict itself. A kernel that refuses BPF_LOG_STATS
 * (before 5.2) is asked without it. Returns the program fd or -errno;
 * log (NULL: none) is then filled, to be freed with prog_log__free().
 */
int prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
	      size_t insn_cnt, const struct bpf_prog_load_opts *opts,
	      struct prog_log *log);

void prog_log__free(struct prog_log *log);

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
