/* SPDX-License-Identifier: GPL-2.0 */
/*
 * statsnoop: the stat family (statx, newfstatat, newstat, newlstat and
 * the 32-bit fstatat64, stat64, lstat64, stat, lstat where the kernel
 * has them), paired entry to exit through a hash keyed by thread id as
 * opensnoop does. Entry keeps the path pointer; exit reads the path
 * (resident: the kernel has just read it), sends one record cut to the
 * path's length, and always removes the entry. A thread that dies inside
 * the call never exits it: sched_process_exit removes its entry then.
 */
#ifndef BAREBPF_PROGS_STATSNOOP_H
#define BAREBPF_PROGS_STATSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define STATSNOOP_PATH_MAX	4096	/* PATH_MAX: no path is cut */
#define STATSNOOP_COMM_LEN	16
#define STATSNOOP_IN_FLIGHT	8192	/* calls between entry and exit */

/*
 * The calls, by the names of their tracepoints (sys_exit_NAME); an
 * event's "call" indexes this list.
 */
#define STATSNOOP_CALLS \
	"statx", "newfstatat", "newstat", "newlstat", "fstatat64", \
	"stat64", "lstat64", "stat", "lstat"
#define STATSNOOP_NR_CALLS	9

struct statsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 ret;		/* 0, or -errno */
	__s32 dirfd;		/* AT_FDCWD (-100) for the calls without one */
	__u32 call;		/* index into STATSNOOP_CALLS */
	char comm[STATSNOOP_COMM_LEN];
	char path[STATSNOOP_PATH_MAX];	/* as passed, NUL-terminated */
};

_Static_assert(offsetof(struct statsnoop_event, pid) == 8, "statsnoop_event layout");
_Static_assert(offsetof(struct statsnoop_event, call) == 28, "statsnoop_event layout");
_Static_assert(offsetof(struct statsnoop_event, path) == 48, "statsnoop_event layout");
_Static_assert(sizeof(struct statsnoop_event) == 48 + 4096, "statsnoop_event layout");

/* What entry keeps for exit ("stats" map value). */
struct statsnoop_pending {
	__u64 filename_ptr;
	__s32 dirfd;
	__u32 unused;
};

_Static_assert(sizeof(struct statsnoop_pending) == 16, "statsnoop_pending layout");

struct statsnoop_config {
	const struct prog_features *features;
	struct task_filter who;	/* -p, -- COMMAND */
	int failed_only;
};

/* The index of a call's name in STATSNOOP_CALLS, or -1. */
int statsnoop_call(const char *name);

/*
 * Programs; ctx is a struct statsnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree), "stats" (hash u32 tid -> struct
 * statsnoop_pending) and "stat_scratch" (per-CPU array of one struct
 * statsnoop_event). Entry and exit serve every call of the family,
 * telling them apart by their format's name and fields.
 */
int statsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int statsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
/* sched:sched_process_exit: the exiting thread's entry goes. */
int statsnoop_build_reap(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: the reaper, then a pair per call (progs/statsnoop.c). */
extern const struct probe statsnoop_probes[1 + 2 * STATSNOOP_NR_CALLS];

#endif /* BAREBPF_PROGS_STATSNOOP_H */
