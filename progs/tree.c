// SPDX-License-Identifier: GPL-2.0
/* Process-tree membership, kept by the kernel on fork and exit. */
#include "loader/bpf.h"
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/tree.h"
#include "progs/mapcall.h"
#include "progs/record.h"
#include "progs/exit.h"

int tree_map_create(void)
{
	return bpf_map_create(BPF_MAP_TYPE_HASH, "tree", sizeof(__u32),
			      sizeof(__u32), TREE_MAX_ENTRIES, 0);
}

void tree_emit_filter(struct builder *b, const char *skip, int stack_off)
{
	record_emit_key(b, stack_off);
	emit_map_lookup(b, "tree", stack_off);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), skip);
}

/* The fork and exit programs' stack frame. */
struct tree_frame {
	__u32 counter;
	__u32 one;			/* fork: the value a member has */
	__u32 child;			/* fork: the child's pid */
	__u32 key;			/* fork: the parent's pid; exit: the tid */
};

FRAME_FITS(struct tree_frame);
#define SLOT(member)	FRAME_SLOT(struct tree_frame, member)

int tree_build_fork(struct builder *b, const struct tp_format *fmt,
		    void *unused)
{
	(void)unused;
	/* r6 = ctx; is the parent a member? */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "parent_pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	emit_map_lookup(b, "tree", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");

	/* tree[child_pid] = 1 */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "child_pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(child)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(one), 1));
	emit_map_update(b, "tree", SLOT(child), SLOT(one), BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	counter_emit_inc(b, COUNTER_TREE_FULL, SLOT(counter));

	exit_emit_out(b);
	return 0;
}

void tree_emit_forget(struct builder *b, int stack_off)
{
	record_emit_key(b, stack_off);
	emit_map_delete(b, "tree", stack_off);
}

int tree_build_exit(struct builder *b, const struct tp_format *fmt,
		    void *unused)
{
	(void)fmt;
	(void)unused;
	tree_emit_forget(b, SLOT(key));
	exit_emit_return(b);
	return 0;
}

/* The exit program last: a tool's own may need to see the thread first. */
const struct probe tree_probes[] = {
	{ "tree_fork", "sched", "sched_process_fork", tree_build_fork, 0 },
	{ "tree_exit", "sched", "sched_process_exit", tree_build_exit, 0 },
};
