// SPDX-License-Identifier: GPL-2.0
/* Process-tree membership, kept by the kernel on fork and exit. */
#include "loader/bpf.h"
#include "progs/counters.h"
#include "progs/field.h"
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

int tree_build_fork(struct builder *b, const struct tp_format *fmt,
		    void *unused)
{
	(void)unused;
	/* r6 = ctx; is the parent a member? */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "parent_pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, -4));
	emit_map_lookup(b, "tree", -4);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");

	/* tree[child_pid] = 1 */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "child_pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, -8),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, -12, 1));
	emit_map_update(b, "tree", -8, -12, BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	counter_emit_inc(b, COUNTER_TREE_FULL, -16);

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
	tree_emit_forget(b, -4);
	exit_emit_return(b);
	return 0;
}

/* The exit program last: a tool's own may need to see the thread first. */
const struct probe tree_probes[] = {
	{ "tree_fork", "sched", "sched_process_fork", tree_build_fork, 0 },
	{ "tree_exit", "sched", "sched_process_exit", tree_build_exit, 0 },
};
