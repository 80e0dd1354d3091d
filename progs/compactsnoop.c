// SPDX-License-Identifier: GPL-2.0
/* compactsnoop's programs. */
#include "progs/compactsnoop.h"
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"

/* The stack, below r10. */
struct frame {
	union {
		struct compactsnoop_pending pending;
		struct compactsnoop_event ev;
	};
	__u32 key;		/* u32 tid */
	__u32 tree;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define PENDING(field) ((__s16)offsetof(struct compactsnoop_pending, field))

_Static_assert(sizeof(struct frame) == 80, "compactsnoop frame");

int compactsnoop_build_begin(struct builder *b, const struct tp_format *fmt,
			     void *arg)
{
	const struct compactsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* compactions[tid] = { now, zone not yet known, sync or async } */
	record_emit_time(b, BPF_REG_10, SLOT(pending.start_ns));
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(pending.nid), -1),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(pending.zone), -1),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(pending.order), -1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "sync");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(pending.sync)));
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "compactions", SLOT(key), SLOT(pending), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int compactsnoop_build_finished(struct builder *b, const struct tp_format *fmt,
				void *arg)
{
	(void)arg;
	/* r7 = compactions[tid], or not a compaction we watch */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "compactions", BPF_REG_7, SLOT(key), "out");

	/* which zone, and for what order */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "nid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, PENDING(nid)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "idx");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, PENDING(zone)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "order");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, PENDING(order)));
	exit_emit_out(b);
	return 0;
}

int compactsnoop_build_end(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct record_who who = {
		.time_ns = SLOT(ev.time_ns), .pid = SLOT(ev.pid),
		.tid = SLOT(ev.tid), .uid = SLOT(ev.uid), .comm = SLOT(ev.comm),
	};

	(void)arg;
	/* r7 = compactions[tid], or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "compactions", BPF_REG_7, SLOT(key), "out");

	/* the record: when and who, how long, the zone, the status */
	record_emit_who(b, BPF_REG_10, &who);
	record_emit_elapsed(b, BPF_REG_10, SLOT(ev.latency_ns), SLOT(ev.time_ns),
			    BPF_REG_7, PENDING(start_ns));
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(nid)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.nid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(order)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.order)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "status");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.status)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(ev)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct compactsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: compactions[tid] goes */
	record_emit_forget(b, "compactions", SLOT(key));
	exit_emit_out(b);
	return 0;
}

/* End first, then finished: no entry is kept that no end will remove. */
const struct probe compactsnoop_probes[] = {
	{ "compact_end", "compaction", "mm_compaction_end", compactsnoop_build_end, 0 },
	{ "compact_finish", "compaction", "mm_compaction_finished",
	  compactsnoop_build_finished, 0 },
	{ "compact_begin", "compaction", "mm_compaction_begin",
	  compactsnoop_build_begin, 0 },
};
