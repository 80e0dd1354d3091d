/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syncsnoop: one record per call of the sync family, sent at syscall
 * entry (a sync can take seconds: the call is the news, not its end).
 * One program serves every call; which call it is comes from the name
 * of the event it is built for, and the fd from its "fd" field.
 */
#ifndef BAREBPF_PROGS_SYNCSNOOP_H
#define BAREBPF_PROGS_SYNCSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"

#define SYNCSNOOP_COMM_LEN	16

enum syncsnoop_call {
	SYNC_CALL_SYNC,
	SYNC_CALL_FSYNC,
	SYNC_CALL_FDATASYNC,
	SYNC_CALL_SYNCFS,
	SYNC_CALL_MSYNC,
	SYNC_CALL_SYNC_FILE_RANGE,
	SYNC_CALL_SYNC_FILE_RANGE2,	/* arm's and powerpc's, in its place */
	NR_SYNC_CALLS,
};

/* "fsync" for SYNC_CALL_FSYNC: the syscall's name. */
extern const char *const syncsnoop_calls[NR_SYNC_CALLS];

struct syncsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at entry */
	__u32 pid;
	__u32 tid;
	__u32 call;		/* enum syncsnoop_call */
	__s32 fd;		/* -1 for sync and msync, which take none */
	char comm[SYNCSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct syncsnoop_event, pid) == 8, "syncsnoop_event layout");
_Static_assert(offsetof(struct syncsnoop_event, comm) == 24, "syncsnoop_event layout");
_Static_assert(sizeof(struct syncsnoop_event) == 40, "syncsnoop_event layout");

struct syncsnoop_config {
	long pid;		/* -1: any */
	int tree;		/* only threads in the "tree" map */
};

/*
 * The program for syscalls:sys_enter_<call>; cfg is a struct
 * syncsnoop_config. Maps: "events", "counters", "tree" (with cfg->tree).
 */
int syncsnoop_build(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Its tracepoints, one per call (progs/syncsnoop.c). */
extern const struct probe syncsnoop_probes[NR_SYNC_CALLS];

#endif /* BAREBPF_PROGS_SYNCSNOOP_H */
