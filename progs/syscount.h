/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syscount: every syscall counted in the kernel from two attachments,
 * raw_syscalls:sys_enter and sys_exit, instead of a pair per syscall.
 * Exit adds one to the caller's key in "syscount_counts":
 *
 *	by syscall (default)  a per-CPU array indexed by id - nr_base; ids
 *	                      outside the table's range share the last slot
 *	by process (-P)       a per-CPU hash keyed by pid
 *
 * Counts only grow; user space sums the CPUs and prints the growth
 * since the last print, so nothing is lost between reading and
 * clearing. With -L, enter keeps the time per thread in
 * "syscount_starts" and exit adds the time spent; exit removes the
 * entry before any filter, and sched_process_exit removes what a thread
 * dying inside a call (exit_group, a fatal signal) leaves.
 */
#ifndef BAREBPF_PROGS_SYSCOUNT_H
#define BAREBPF_PROGS_SYSCOUNT_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"

#define SYSCOUNT_COMM_LEN	16
#define SYSCOUNT_MAX_PROCS	10240	/* -P: processes counted at once */
#define SYSCOUNT_IN_FLIGHT	16384	/* -L: threads inside a syscall at once */
/* Slots past the table's highest id, for syscalls newer than its headers. */
#define SYSCOUNT_SPARE_IDS	64

/* One key's counts on one CPU ("syscount_counts" value). */
struct syscount_value {
	__u64 count;
	__u64 total_ns;		/* -L: time spent inside the calls */
	char comm[SYSCOUNT_COMM_LEN];	/* -P: the process's name */
};

_Static_assert(offsetof(struct syscount_value, total_ns) == 8, "syscount_value layout");
_Static_assert(offsetof(struct syscount_value, comm) == 16, "syscount_value layout");
_Static_assert(sizeof(struct syscount_value) == 32, "syscount_value layout");

struct syscount_config {
	long pid;		/* -1: any */
	__u32 self;		/* this process: its own calls are not counted */
	int tree;		/* only threads in the "tree" map */
	int failed_only;	/* ret < 0 only */
	int err;		/* only ret == -err; 0: any */
	int latency;		/* -L */
	int by_process;		/* -P */
	long nr_base;		/* by syscall: the slot of id is id - nr_base, */
	__u32 nr_slots;		/* below nr_slots; the rest go to nr_slots */
};

/*
 * Programs; ctx is a struct syscount_config. Maps: "counters", "tree"
 * (with cfg->tree), "syscount_counts" and, with -L, "syscount_starts"
 * (hash u32 tid -> u64 ns).
 */
int syscount_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
/* -L only: raw_syscalls:sys_enter and sched:sched_process_exit. */
int syscount_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int syscount_build_reap(struct builder *b, const struct tp_format *fmt, void *cfg);

/*
 * Their tracepoints (progs/syscount.c): the exit program alone counts;
 * with -L the other two keep and reap the entry times.
 */
extern const struct probe syscount_probes[3];

#endif /* BAREBPF_PROGS_SYSCOUNT_H */
