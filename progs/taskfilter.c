// SPDX-License-Identifier: GPL-2.0
/* The filters on who the current task is. */
#include "progs/taskfilter.h"
#include "progs/tree.h"

void task_filter_emit(struct builder *b, const struct task_filter *f,
		      const char *skip, int stack_off)
{
	if (f->tree)
		tree_emit_filter(b, skip, stack_off);
	if (f->pid >= 0 || f->tid > 0)
		EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid));
	if (f->tid > 0) {
		/* The low half of pid_tgid is the thread id. */
		EMIT(b, BPF_MOV32_REG(BPF_REG_1, BPF_REG_0));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, (__s32)f->tid, 0), skip);
	}
	if (f->pid >= 0) {
		/* The high half is the process id. */
		EMIT(b, BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, (__s32)f->pid, 0), skip);
	}
	if (f->uid >= 0) {
		/* A 64-bit constant: uids past 2^31 must not sign-extend. */
		EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_uid_gid),
		     BPF_MOV32_REG(BPF_REG_0, BPF_REG_0),
		     BPF_LD_IMM64(BPF_REG_1, (__u32)f->uid));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_0, BPF_REG_1, 0), skip);
	}
}
