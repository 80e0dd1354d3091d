/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compactsnoop: one record per compaction of a zone, from the kernel's
 * compact_zone(), which direct compaction, kcompactd, proactive
 * compaction and /proc/sys/vm/compact_memory all run in the task that
 * asked:
 *
 *	mm_compaction_begin	the scan starts: the start time, sync or
 *				async, kept by thread id
 *	mm_compaction_finished	each round asks whether it is done: the
 *				zone's node and index and the order sought,
 *				which begin's record does not carry
 *	mm_compaction_end	one record, with the status; the entry goes
 *
 * compact_zone() calls compact_finished() at least once between begin
 * and end, and runs in one task without leaving it, so an entry is
 * always completed and removed; end is attached first, finished next,
 * so none is kept that no end will see.
 */
#ifndef BAREBPF_PROGS_COMPACTSNOOP_H
#define BAREBPF_PROGS_COMPACTSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define COMPACTSNOOP_COMM_LEN	16
#define COMPACTSNOOP_IN_FLIGHT	4096	/* threads compacting at once */

/* What begin and finished keep ("compactions" map value). */
struct compactsnoop_pending {
	__u64 start_ns;
	__s32 nid;		/* -1 until finished says */
	__s32 zone;		/* enum zone_type; -1 until finished says */
	__s32 order;		/* -1: every page (compact_memory) */
	__u32 sync;
};

_Static_assert(sizeof(struct compactsnoop_pending) == 24, "compactsnoop_pending layout");

struct compactsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at the end */
	__u64 latency_ns;
	__s32 nid;
	__s32 zone;
	__s32 order;
	__u32 sync;
	__s32 status;		/* enum compact_result, as the kernel numbers it */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	char comm[COMPACTSNOOP_COMM_LEN];
};

/* The middle of the record is a copy of the pending entry's. */
_Static_assert(offsetof(struct compactsnoop_event, nid) == 16, "compactsnoop_event layout");
_Static_assert(offsetof(struct compactsnoop_event, status) == 32, "compactsnoop_event layout");
_Static_assert(sizeof(struct compactsnoop_event) == 64, "compactsnoop_event layout");

struct compactsnoop_config {
	struct task_filter who;	/* -p, -- COMMAND */
};

/*
 * Programs; cfg is a struct compactsnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree) and "compactions" (hash u32
 * tid -> struct compactsnoop_pending).
 */
int compactsnoop_build_begin(struct builder *b, const struct tp_format *fmt, void *cfg);
int compactsnoop_build_finished(struct builder *b, const struct tp_format *fmt, void *cfg);
int compactsnoop_build_end(struct builder *b, const struct tp_format *fmt, void *cfg);

/* End, finished, then begin. */
extern const struct probe compactsnoop_probes[3];

#endif /* BAREBPF_PROGS_COMPACTSNOOP_H */
