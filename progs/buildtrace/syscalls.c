// SPDX-License-Identifier: GPL-2.0
/* buildtrace's syscall, task and exit programs: progs/buildtrace.h. */
#include "progs/buildtrace/emit.h"
#include "progs/counters.h"
#include "progs/execimage.h"
#include "progs/tree.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"
#include "progs/exit.h"

/*
 * raw_syscalls:sys_enter: keep what sys_exit will not find; send exit
 * and exit_group at once; before 6.10, read an exec's filename and
 * arguments here.
 */
int buildtrace_build_enter(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct buildtrace_config *cfg = arg;
	int i;

	(void)fmt;
	/* r9 = ops[id]: a syscall with nothing to keep stops here */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(nr)));
	bt_emit_ope(b, SLOT(nr), "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, cfg->sysargs->at_exit ?
			   BT_OPE_AT_ENTRY | BT_OPE_EXEC : BT_OPE_OP_MASK));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	/* a thread outside the tree stops here */
	tree_emit_filter(b, "out", SLOT(tree));

	/* the pending entry, on the stack: ope and the arguments */
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9, SLOT(pend.ope)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(pend.flags), 0));
	sysargs_emit_read(b, cfg->sysargs, BPF_REG_6, BPF_REG_10,
			  SLOT(pend.args), 0, SLOT(regs),
			  cfg->features->read_kernel, "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_AT_ENTRY));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "at_entry");

	/* pending[tid] = the entry */
	record_emit_key(b, SLOT(key));
	emit_map_update(b, "pending", SLOT(key), SLOT(pend), BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "kept");
	counter_emit_inc(b, COUNTER_PAIR_FULL, SLOT(counter));
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "kept");

	if (!cfg->prepare_exec) {
		/* No later point sees the caller's memory: read it now. */
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
		bt_emit_exec_start(b, cfg, BT_EXEC_PENDING, "out");
		bt_emit_argv_tail_call(b);
	}
	JUMP(b, BPF_JMP_A(0), "out");

	/* exit, exit_group: no return to wait for */
	LABEL(b, "at_entry");
	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_SYSCALL, 0, sizeof(struct bt_syscall));
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(ret), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(op), 0),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_9, BT_OPE_OP_MASK),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_9, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
				    SLOT(pend.args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(args[i])));
	bt_emit_record_end(b, -1, sizeof(struct bt_syscall));
	exit_emit_out(b);
	return 0;
}

/*
 * Emit: r1 = the argument of the record at r8 whose index + 1 is in the
 * 3 bits of the ope at SLOT(ope) at shift, or goto none.
 */
static void emit_arg_of(struct builder *b, int shift, const char *none)
{
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(ope)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, shift),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 7));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), none);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, 6, 0), none);
	EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 3),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_8),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, SC(args[0]) - 8));
}

/* Emit: path k (if the ope names one) into the record at r8, after r9 bytes. */
static void emit_read_path(struct builder *b,
			   const struct buildtrace_config *cfg, int k)
{
	char done[BUILDER_NAME_MAX], bad[BUILDER_NAME_MAX];
	char counted[BUILDER_NAME_MAX];

	builder__local_label(b, done, "path_done");
	builder__local_label(b, bad, "path_bad");
	builder__local_label(b, counted, "path_counted");
	emit_arg_of(b, k ? BT_OPE_PATH1_SHIFT : BT_OPE_PATH0_SHIFT, done);
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_MOV64_IMM(BPF_REG_2, BT_PATH_MAX),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_0, 0, 0), bad);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), bad);
	bt_emit_count_empty(b, sizeof(struct bt_syscall), counted);
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, SC(path_len[k])),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_0));
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, bad);
	bt_emit_set_flags(b, BT_SC_UNREADABLE);
	LABEL(b, done);
}

/*
 * Emit: the syscall record, from the ope at SLOT(ope) and the arguments
 * at SLOT(pend): result, paths read now (the kernel has just faulted them
 * in), what a pointer argument points to.
 */
static void emit_syscall_record(struct builder *b,
				const struct buildtrace_config *cfg)
{
	int i;

	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_SYSCALL, 0, 0);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
	/* The raw "long ret" is zero-extended: a 32-bit one's sign restored. */
	if (cfg->sysargs->word == 4)
		EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 32),
		     BPF_ALU64_IMM(BPF_ARSH, BPF_REG_1, 32));
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(ret)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(op), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_OP_MASK),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
				    SLOT(pend.args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(args[i])));

	EMIT(b, BPF_MOV64_IMM(BPF_REG_9, 0));
	emit_read_path(b, cfg, 0);
	emit_read_path(b, cfg, 1);

	/* aux: r3 = the pointer argument, r2 = its size */
	emit_arg_of(b, BT_OPE_AUX_SHIFT, "aux_done");
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(ope)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_2, BT_OPE_AUXLEN_SHIFT),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, 63));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "aux_done");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_2, SLOT(ptr)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_EMIT_CALL(cfg->features->read_user));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "aux_bad");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(ptr)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_2, SC(aux_len)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_2));
	JUMP(b, BPF_JMP_A(0), "aux_done");
	LABEL(b, "aux_bad");
	bt_emit_set_flags(b, BT_SC_UNREADABLE);
	LABEL(b, "aux_done");

	/* the record, cut to what it holds */
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_9, sizeof(struct bt_syscall)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_9, HEAD(size)));
	bt_emit_record_end(b, BPF_REG_9, 0);
}

/*
 * Emit: r0 = the current task's address as task_newtask's raw argument
 * gives it. A raw tracepoint's arguments are zero-extended to u64, and
 * bpf_get_current_task() returns (long)current, sign-extended: on a
 * 32-bit kernel, whose addresses start at 0xc0000000, the high halves
 * differ, and the child was never found.
 */
static void emit_current_task(struct builder *b, __u32 word)
{
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task));
	if (word == 4)
		EMIT(b, BPF_MOV32_REG(BPF_REG_0, BPF_REG_0));
}

/*
 * Emit: the current thread's first return to user space, if a member
 * created it: BT_FORK with the parent's head and the creation's time,
 * and the thread joins the tree. SLOT(key) holds its tid.
 */
static void emit_child(struct builder *b, __u32 word)
{
	emit_current_task(b, word);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT(task)));
	bt_emit_lookup(b, "newtasks", SLOT(task), "out");
	/* its fields to the stack: the entry goes before the record is made */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(time_ns)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(rec.newtask.time_ns)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(clone_flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(rec.newtask.clone_flags)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(parent_tid)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(rec.newtask.parent_tid)));
	emit_map_delete(b, "newtasks", SLOT(task));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "claimed");
	bt_emit_gate_add(b, -1, "claimed");

	/* tree[tid] = 1 */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ptr), 1));
	emit_map_update(b, "tree", SLOT(key), SLOT(ptr), BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "joined");
	counter_emit_inc(b, COUNTER_TREE_FULL, SLOT(counter));
	LABEL(b, "joined");

	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_FORK, 0, sizeof(struct bt_fork));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, FK(child_tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(pid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, FK(child_pid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(rec.newtask.parent_tid)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, HEAD(tid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(rec.newtask.time_ns)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, HEAD(time_ns)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(rec.newtask.clone_flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, FK(clone_flags)));
	bt_emit_record_end(b, -1, sizeof(struct bt_fork));
}

_Static_assert(offsetof(struct bt_newtask, parent_pid) ==
	       offsetof(struct bt_newtask, parent_tid) + 4 &&
	       offsetof(struct bt_head, pid) == offsetof(struct bt_head, tid) + 4,
	       "parent tid and pid are copied as one u64");

/*
 * raw_syscalls:sys_exit: make a member's syscall's record; or, for a
 * thread's first return to user space, let a member's child in.
 */
int buildtrace_build_exit(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct buildtrace_config *cfg = arg;
	const struct sysargs *sa = cfg->sysargs;
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	if (sa->at_exit) {
		/* r9 = ops[the number]: a syscall not recorded stops here */
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(nr), 0),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_6, RAW_ARG(0)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, sa->nr_off));
		emit_probe_read_r3(b, cfg->features->read_kernel, BPF_REG_10,
				   SLOT(nr), (int)sa->word);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "out");
		bt_emit_ope(b, SLOT(nr), "out");
		record_emit_key(b, SLOT(key));
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_FORKS));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "child");
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "member");
		/*
		 * an exec kept its entry for prepare_exec; one that returns
		 * failed; one that happened may want its image read
		 */
		if (!cfg->prepare_exec) {
			EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ptr), 0));
			emit_map_lookup(b, "pending", SLOT(key));
			JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "exec_flags");
			EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(flags)),
			     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ptr)));
			LABEL(b, "exec_flags");
		}
		emit_map_delete(b, "pending", SLOT(key));
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "member");
		if (!cfg->prepare_exec) {
			EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(ptr)),
			     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, BT_PEND_IMAGE));
			JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "image");
		}
		JUMP(b, BPF_JMP_A(0), "out");
		LABEL(b, "member");
		tree_emit_filter(b, "out", SLOT(tree));
		sysargs_emit_read(b, sa, BPF_REG_6, BPF_REG_10,
				  SLOT(pend.args), 0, SLOT(regs),
				  cfg->features->read_kernel, "out");
	} else {
		/* the entry kept: ope and arguments to the stack */
		record_emit_key(b, SLOT(key));
		bt_emit_lookup(b, "pending", SLOT(key), "gate");
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(ope)),
		     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ope)),
		     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(flags)),
		     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ptr)));
		for (i = 0; i < 6; i++)
			EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0,
					    PEND(args[i])),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1,
					 SLOT(pend.args[i])));
		emit_map_delete(b, "pending", SLOT(key));
		/* an exec that happened, whose image is to be read (before 6.10) */
		if (!cfg->prepare_exec) {
			EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(ptr)),
			     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, BT_PEND_IMAGE));
			JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "image");
		}
	}
	emit_syscall_record(b, cfg);
	JUMP(b, BPF_JMP_A(0), "out");

	if (!cfg->prepare_exec) {
		/*
		 * The exec's return, the new image's first: its argv and
		 * environment from its own stack, where the stack pointer in
		 * the saved registers points (progs/execimage.h).
		 */
		LABEL(b, "image");
		exec_image_emit_sp_regs(b, sa, BPF_REG_6, cfg->features,
					SLOT(ptr), "out");
		bt_emit_only(b, BPF_REG_1, "argv_state", "out");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(ptr)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, (__s32)sa->word),
		     BPF_STX_MEM(BPF_DW, BPF_REG_1, BPF_REG_2, AS(argv)),
		     BPF_ST_MEM(BPF_DW, BPF_REG_1, AS(index), 0),
		     BPF_ST_MEM(BPF_DW, BPF_REG_1, AS(envp), 0),
		     BPF_ST_MEM(BPF_H, BPF_REG_1, AS(type), BT_ARGV),
		     BPF_ST_MEM(BPF_H, BPF_REG_1, AS(flags), BT_ARGV_IMAGE),
		     BPF_ST_MEM(BPF_W, BPF_REG_1, AS(reserved), 0));
		bt_emit_argv_tail_call(b);
		JUMP(b, BPF_JMP_A(0), "out");
	}

	if (!sa->at_exit) {
		/* a member's task not yet seen, or nothing to look for? */
		LABEL(b, "gate");
		bt_emit_only(b, BPF_REG_1, "gate", "out");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	}
	LABEL(b, "child");
	emit_child(b, sa->word);
	exit_emit_out(b);
	return 0;
}

/*
 * task:task_newtask, in the parent: a member's new task waits in
 * newtasks, under its address, for its first return to user space.
 */
int buildtrace_build_newtask(struct builder *b, const struct tp_format *fmt,
			     void *arg)
{
	(void)fmt;
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	tree_emit_filter(b, "out", SLOT(tree));

	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(0)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(task)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(rec.newtask.clone_flags)));
	record_emit_ids(b, BPF_REG_10, SLOT(rec.newtask.parent_tid),
			SLOT(rec.newtask.parent_pid));
	record_emit_time(b, BPF_REG_10, SLOT(rec.newtask.time_ns));
	emit_map_update(b, "newtasks", SLOT(task), SLOT(rec), BPF_NOEXIST);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "filed");
	counter_emit_inc(b, COUNTER_TREE_FULL, SLOT(counter));
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "filed");
	bt_emit_gate_add(b, 1, "out");
	exit_emit_return(b);
	return 0;
}

/*
 * sched:sched_process_exit: a thread ends. A leader whose process lives
 * on keeps its place in the tree: its pid stays taken until the group
 * is gone, and a thread that execs takes it over. The record is made
 * before the tree forgets the thread: a recorder that finds the tree
 * empty knows no program is still writing one.
 */
int buildtrace_build_process_exit(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	const struct buildtrace_config *cfg = arg;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));

	/* a member's task that dies before it ever ran */
	bt_emit_only(b, BPF_REG_1, "gate", "member");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "member");
	emit_current_task(b, cfg->sysargs->word);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT(task)));
	emit_map_delete(b, "newtasks", SLOT(task));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "member");
	bt_emit_gate_add(b, -1, "member");

	record_emit_key(b, SLOT(key));
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
	bt_emit_lookup(b, "tree", SLOT(key), "out");
	emit_map_delete(b, "pending", SLOT(key));
	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_EXIT, cfg->group_dead ? 0 : BT_EXIT_GROUP_UNKNOWN,
		     sizeof(struct bt_head));
	if (cfg->group_dead) {
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "flagged");
		bt_emit_set_flags(b, BT_EXIT_GROUP_DEAD);
		LABEL(b, "flagged");
	}
	bt_emit_record_end(b, -1, sizeof(struct bt_head));

	/* r7 = tgid, r8 = tid */
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_7, 32),
	     BPF_MOV32_REG(BPF_REG_8, BPF_REG_9));
	if (cfg->group_dead) {
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "group_lives");
		/* the last thread: the leader's place goes too */
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "forget");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, SLOT(ptr)));
		emit_map_delete(b, "tree", SLOT(ptr));
		JUMP(b, BPF_JMP_A(0), "forget");
		LABEL(b, "group_lives");
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "out");
	}
	LABEL(b, "forget");
	emit_map_delete(b, "tree", SLOT(key));
	exit_emit_out(b);
	return 0;
}

/*
 * Attached in this order: no entry is kept before its exit is watched.
 * One exec program of the two, whichever this kernel has the tracepoint
 * for (progs/buildtrace/exec.c).
 */
const struct probe buildtrace_probes[] = {
	{ "bt_exit", "sched", "sched_process_exit", buildtrace_build_process_exit, PROBE_RAW },
	{ "bt_newtask", "task", "task_newtask", buildtrace_build_newtask, PROBE_RAW },
	{ "bt_sys_exit", "raw_syscalls", "sys_exit", buildtrace_build_exit, PROBE_RAW },
	{ "bt_exec", "sched", "sched_prepare_exec", buildtrace_build_prepare_exec, PROBE_RAW },
	{ "bt_exec", "sched", "sched_process_exec", buildtrace_build_process_exec, PROBE_RAW },
	{ "bt_sys_enter", "raw_syscalls", "sys_enter", buildtrace_build_enter, PROBE_RAW },
};
