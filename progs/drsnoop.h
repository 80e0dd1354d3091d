/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drsnoop: stalls of a task reclaiming memory itself, from
 * vmscan:mm_vmscan_direct_reclaim_begin to _end, which the kernel fires
 * around try_to_free_pages() in the allocating task: an allocation that
 * found too little free memory and reclaims before it goes on. With
 * memcg, also mm_vmscan_memcg_reclaim_begin and _end, around
 * try_to_free_mem_cgroup_pages(): a task charging memory past its
 * cgroup's limit (memory.max or memory.high in cgroup v2,
 * memory.limit_in_bytes in v1) reclaims from its cgroup first.
 *
 * begin keeps the start time by thread id; end sends one record and
 * always removes the entry. Reclaim runs inside the allocation, so a
 * thread cannot leave between the two; and end is attached before
 * begin, so no entry is kept that no end will see.
 */
#ifndef BAREBPF_PROGS_DRSNOOP_H
#define BAREBPF_PROGS_DRSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define DRSNOOP_COMM_LEN	16
#define DRSNOOP_IN_FLIGHT	8192	/* threads reclaiming at once */

enum drsnoop_kind {
	DRSNOOP_DIRECT,		/* the whole machine's memory: try_to_free_pages() */
	DRSNOOP_MEMCG,		/* a cgroup's limit: try_to_free_mem_cgroup_pages() */
};

/* What begin keeps ("reclaims" map value). */
struct drsnoop_start {
	__u64 start_ns;
	__u64 kind;		/* enum drsnoop_kind */
};

struct drsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at the end */
	__u64 latency_ns;
	__u64 pages;		/* nr_reclaimed */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 kind;		/* enum drsnoop_kind */
	char comm[DRSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct drsnoop_event, pid) == 24, "drsnoop_event layout");
_Static_assert(sizeof(struct drsnoop_event) == 56, "drsnoop_event layout");

struct drsnoop_config {
	struct task_filter who;	/* -p, -t, -u, -- COMMAND */
};

/*
 * Programs; cfg is a struct drsnoop_config. Maps: "events", "counters",
 * "tree" (with cfg->who.tree) and "reclaims" (hash u32 tid -> struct
 * drsnoop_start). Each serves the direct and the memcg events alike,
 * telling them apart by the event's name.
 */
int drsnoop_build_begin(struct builder *b, const struct tp_format *fmt, void *cfg);
int drsnoop_build_end(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Direct reclaim's end, then its begin; then memcg's (-m). */
extern const struct probe drsnoop_probes[2];
extern const struct probe drsnoop_memcg_probes[2];

#endif /* BAREBPF_PROGS_DRSNOOP_H */
