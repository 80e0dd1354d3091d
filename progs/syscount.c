// SPDX-License-Identifier: GPL-2.0
/* syscount's programs. */
#include <errno.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/mapcall.h"
#include "progs/record.h"
#include "progs/syscount.h"
#include "progs/tree.h"
#include "progs/exit.h"

#define VAL(field) ((__s16)offsetof(struct syscount_value, field))

/* The stack frame. */
struct syscount_frame {
	struct syscount_value value;	/* a new -P entry */
	__u64 start;			/* enter: the time */
	__u32 counter;
	__u32 tree;
	__u32 key;			/* the syscall's slot, or the pid */
	__u32 tid;
};

FRAME_FITS(struct syscount_frame);
#define SLOT(member)	FRAME_SLOT(struct syscount_frame, member)

/*
 * Emit the filters every program shares: tree, self, pid. Leaves
 * r7 = pid and the tid at SLOT(tid); uses r0-r5.
 */
static void emit_filters(struct builder *b, const struct syscount_config *cfg)
{
	if (cfg->tree)
		tree_emit_filter(b, "out", SLOT(tree));
	record_emit_key(b, SLOT(tid));
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_7, 32));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, (__s32)cfg->self, 0), "out");
	if (cfg->pid >= 0)
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_7, (__s32)cfg->pid, 0), "out");
}

/*
 * Emit, for -P: r0 = a fresh zeroed entry for the pid in r7, named after
 * the current task, or goto out when the map is full (counted).
 */
static void emit_new_process(struct builder *b)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(value.count), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(value.total_ns), 0));
	record_emit_comm(b, BPF_REG_10, SLOT(value.comm));
	emit_map_update(b, "syscount_counts", SLOT(key), SLOT(value), BPF_NOEXIST);
	/* -EEXIST: another CPU made it first; it is there all the same. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "created");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, -EEXIST, 0), "created");
	counter_emit_inc(b, COUNTER_COUNT_FULL, SLOT(counter));
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "created");
	emit_map_lookup(b, "syscount_counts", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
}

int syscount_build_exit(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	const struct syscount_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_filters(b, cfg);

	/* -L: r8 = time since enter (0 if it began untraced); the entry goes */
	EMIT(b, BPF_MOV64_IMM(BPF_REG_8, 0));
	if (cfg->latency) {
		emit_map_lookup(b, "syscount_starts", SLOT(tid));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "timed");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_0, 0));
		emit_map_delete(b, "syscount_starts", SLOT(tid));
		EMIT(b, BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_0, BPF_REG_8),
		     BPF_MOV64_REG(BPF_REG_8, BPF_REG_0));
		LABEL(b, "timed");
	}

	/* the result filters: -x, -e */
	if (cfg->failed_only || cfg->err) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "ret");
		if (cfg->err)
			JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, -cfg->err, 0), "out");
		else
			JUMP(b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_1, 0, 0), "out");
	}

	/* the key: the pid, or the id's slot (out of range: the last one) */
	if (cfg->by_process) {
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, SLOT(key)));
	} else {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "id");
		EMIT(b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, (__s32)cfg->nr_base));
		JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, (__s32)cfg->nr_slots, 0), "keyed");
		EMIT(b, BPF_MOV64_IMM(BPF_REG_1, (__s32)cfg->nr_slots));
		LABEL(b, "keyed");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	}

	/* r0 = this CPU's counts for the key; a new process gets an entry */
	emit_map_lookup(b, "syscount_counts", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "add");
	if (cfg->by_process)
		emit_new_process(b);
	else
		JUMP(b, BPF_JMP_A(0), "out");

	/*
	 * count += 1, total_ns += r8. Atomic, though the slot is this CPU's
	 * own: a program that can be preempted must not lose an update.
	 */
	LABEL(b, "add");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_1, 1),
	     BPF_STX_XADD(BPF_DW, BPF_REG_0, BPF_REG_1, VAL(count)));
	if (cfg->latency)
		EMIT(b, BPF_STX_XADD(BPF_DW, BPF_REG_0, BPF_REG_8, VAL(total_ns)));
	if (cfg->by_process) {
		/* The main thread names the process, after an exec too. */
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(tid)));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_7, 0), "out");
		record_emit_comm(b, BPF_REG_0, VAL(comm));
	}

	exit_emit_out(b);
	return 0;
}

int syscount_build_enter(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct syscount_config *cfg = arg;

	(void)fmt;
	emit_filters(b, cfg);

	/* syscount_starts[tid] = now */
	record_emit_time(b, BPF_REG_10, SLOT(start));
	emit_map_update(b, "syscount_starts", SLOT(tid), SLOT(start), BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	counter_emit_inc(b, COUNTER_PAIR_FULL, SLOT(counter));

	exit_emit_out(b);
	return 0;
}

int syscount_build_reap(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	(void)fmt;
	(void)arg;
	/* syscount_starts[tid] goes, if a call left it there */
	record_emit_key(b, SLOT(tid));
	emit_map_delete(b, "syscount_starts", SLOT(tid));
	exit_emit_return(b);
	return 0;
}

/* Exit first, so that no enter time is kept that no exit will remove. */
const struct probe syscount_probes[] = {
	{ "syscount_exit", "raw_syscalls", "sys_exit", syscount_build_exit, 0 },
	{ "syscount_reap", "sched", "sched_process_exit", syscount_build_reap, 0 },
	{ "syscount_enter", "raw_syscalls", "sys_enter", syscount_build_enter, 0 },
};
