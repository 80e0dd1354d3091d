/* SPDX-License-Identifier: GPL-2.0 */
/* The trace language's builtin variables and functions, by name. */
#ifndef BAREBPF_TRACE_BUILTINS_H
#define BAREBPF_TRACE_BUILTINS_H

#include <stddef.h>

enum builtin {
	B_NONE, B_PID, B_TID, B_UID, B_GID, B_COMM, B_NSECS, B_ELAPSED,
	B_CPU, B_NCPUS, B_PROBE, B_CPID, B_RAND, B_CURTASK, B_KSTACK,
	B_USTACK, B_ARGS,
};

enum func {
	F_NONE, F_PRINTF, F_PRINT, F_CLEAR, F_ZERO, F_DELETE, F_STR, F_BUF,
	F_NTOP, F_JOIN, F_KSYM, F_STRERROR, F_TIME, F_STRFTIME, F_EXIT,
	F_KSTACK, F_USTACK,
	/* aggregations */
	F_COUNT, F_SUM, F_AVG, F_MIN, F_MAX, F_STATS, F_HIST, F_LHIST,
};

enum builtin builtin_lookup(const char *name);
enum func func_lookup(const char *name);

/* bpftrace names this shell knows it lacks, for a clear message. */
const char *func_unsupported(const char *name);

#endif /* BAREBPF_TRACE_BUILTINS_H */
