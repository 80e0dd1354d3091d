// SPDX-License-Identifier: GPL-2.0
/* drsnoop's programs. */
#include <string.h>
#include "progs/drsnoop.h"
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"

/* The stack, below r10. */
struct frame {
	union {
		struct drsnoop_start start;
		struct drsnoop_event ev;
	};
	__u32 key;		/* u32 tid */
	__u32 tree;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define START(field) ((__s16)offsetof(struct drsnoop_start, field))

_Static_assert(sizeof(struct frame) == 72, "drsnoop frame");

static enum drsnoop_kind kind_of(const struct tp_format *fmt)
{
	return strstr(fmt->name, "memcg") ? DRSNOOP_MEMCG : DRSNOOP_DIRECT;
}

int drsnoop_build_begin(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	const struct drsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* reclaims[tid] = { now, which reclaim } */
	record_emit_time(b, BPF_REG_10, SLOT(start.start_ns));
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(start.kind), kind_of(fmt)));
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "reclaims", SLOT(key), SLOT(start), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int drsnoop_build_end(struct builder *b, const struct tp_format *fmt,
		      void *arg)
{
	const struct record_who who = {
		.time_ns = SLOT(ev.time_ns), .pid = SLOT(ev.pid),
		.tid = SLOT(ev.tid), .uid = SLOT(ev.uid), .comm = SLOT(ev.comm),
	};

	(void)arg;
	/* r7 = reclaims[tid], or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "reclaims", BPF_REG_7, SLOT(key), "out");

	/* the record: when and who, how long since begin, pages reclaimed */
	record_emit_who(b, BPF_REG_10, &who);
	record_emit_elapsed(b, BPF_REG_10, SLOT(ev.latency_ns), SLOT(ev.time_ns),
			    BPF_REG_7, START(start_ns));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, START(kind)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.kind)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "nr_reclaimed");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.pages)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(ev)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct drsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: reclaims[tid] goes */
	record_emit_forget(b, "reclaims", SLOT(key));
	exit_emit_out(b);
	return 0;
}

/* Ends first, so no entry is kept that no end will remove. */
const struct probe drsnoop_probes[] = {
	{ "dr_end", "vmscan", "mm_vmscan_direct_reclaim_end", drsnoop_build_end, 0 },
	{ "dr_begin", "vmscan", "mm_vmscan_direct_reclaim_begin", drsnoop_build_begin, 0 },
};

const struct probe drsnoop_memcg_probes[] = {
	{ "dr_memcg_end", "vmscan", "mm_vmscan_memcg_reclaim_end", drsnoop_build_end, 0 },
	{ "dr_memcg_begin", "vmscan", "mm_vmscan_memcg_reclaim_begin", drsnoop_build_begin, 0 },
};
