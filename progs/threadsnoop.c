// SPDX-License-Identifier: GPL-2.0
/* threadsnoop's program: who made which thread. */
#include <sched.h>
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/threadsnoop.h"

/* The stack, below r10. */
struct frame {
	struct threadsnoop_event ev;
	__u32 tree;
	__u32 counter;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define EV(field) SLOT(ev.field)

_Static_assert(sizeof(struct frame) == 56, "threadsnoop frame");

int threadsnoop_build(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct threadsnoop_config *cfg = arg;
	const struct record_who who = {
		.time_ns = EV(time_ns), .pid = EV(pid), .tid = EV(parent_tid),
		.uid = EV(uid), .comm = EV(comm),
	};

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* a thread, not a process: CLONE_THREAD */
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "clone_flags");
	JUMP(b, BPF_JMP_IMM(BPF_JSET, BPF_REG_7, CLONE_THREAD, 0), "thread");
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "thread");

	/* the record: when, by whom, the new thread's id and the flags */
	record_emit_who(b, BPF_REG_10, &who);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_7, EV(clone_flags)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(tid)));

	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, EV(time_ns)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct threadsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	exit_emit_out(b);
	return 0;
}

const struct probe threadsnoop_probes[] = {
	{ "thread_new", "task", "task_newtask", threadsnoop_build, 0 },
};
