// SPDX-License-Identifier: GPL-2.0
/* buildtrace's programs: raw tracepoints, records per progs/buildtrace.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "progs/buildtrace.h"
#include "progs/counters.h"
#include "progs/sysargs.h"
#include "progs/tree.h"

/* A raw tracepoint's context is its arguments, a u64 each. */
#define RAW_ARG(i)	((__s16)((i) * 8))

#define HEAD(f)		((__s16)offsetof(struct bt_head, f))
#define SC(f)		((__s16)offsetof(struct bt_syscall, f))
#define EX(f)		((__s16)offsetof(struct bt_exec, f))
#define AV(f)		((__s16)offsetof(struct bt_argv, f))
#define PEND(f)		((__s16)offsetof(struct bt_pending, f))
#define NT(f)		((__s16)offsetof(struct bt_newtask, f))
#define AS(f)		((__s16)offsetof(struct bt_argv_state, f))

/* Stack slots, below r10. */
#define SLOT_KEY	-8	/* u32 key: a tid */
#define SLOT_ZERO	-16	/* u32 0, the key of one-entry arrays */
#define SLOT_TREE	-24	/* the tree filter's key */
#define SLOT_COUNTER	-32
#define SLOT_TASK	-40	/* u64: a task's address */
#define SLOT_OPE	-48	/* u32: the pending syscall's "ops" value */
#define SLOT_PTR	-56	/* u64: argv[i]; u32 values to store */
#define SLOT_PEEK	-64	/* one byte past a string that filled its room */
#define SLOT_REC	-112	/* a small record: 48 bytes */
#define SLOT_PEND	-168	/* struct bt_pending */
#define SLOT_REGS	(SLOT_PEND - SYSARGS_STACK)

_Static_assert(sizeof(struct bt_fork) <= 48 && sizeof(struct bt_newtask) <= 48 &&
	       sizeof(struct bt_exec_done) <= 48, "SLOT_REC holds the small records");
_Static_assert(SLOT_REC + 48 <= SLOT_PEEK && SLOT_PEND + 56 <= SLOT_REC,
	       "stack slots overlap");

static void emit_exit(struct builder *b)
{
	LABEL(b, "out");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_0, 0),
	     BPF_EXIT_INSN());
}

/* Emit: r0 = map[key at r10 + slot], or goto miss. */
static void emit_lookup(struct builder *b, const char *map, int slot,
			const char *miss)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, slot));
	LD_MAP(b, BPF_REG_1, map);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), miss);
}

/* Emit: r0 = map_delete_elem(map, key at r10 + slot), 0 if it was there. */
static void emit_delete(struct builder *b, const char *map, int slot)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, slot));
	LD_MAP(b, BPF_REG_1, map);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_delete_elem));
}

/* Emit: the current tid at SLOT_KEY; r0 keeps pid_tgid. */
static void emit_tid_key(struct builder *b)
{
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT_KEY));
}

/* Emit: dst = one-entry per-CPU or array map's value, or goto miss. */
static void emit_only(struct builder *b, int dst, const char *map,
		      const char *miss)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_ZERO, 0));
	emit_lookup(b, map, SLOT_ZERO, miss);
	EMIT(b, BPF_MOV64_REG(dst, BPF_REG_0));
}

/* Emit: a head at rec + off: size, type, flags, the current thread, now. */
static void emit_head(struct builder *b, int rec, int off, __u16 type,
		      __u16 flags, __u32 size)
{
	EMIT(b, BPF_ST_MEM(BPF_W, rec, off + HEAD(size), (__s32)size),
	     BPF_ST_MEM(BPF_H, rec, off + HEAD(type), type),
	     BPF_ST_MEM(BPF_H, rec, off + HEAD(flags), flags),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, rec, BPF_REG_0, off + HEAD(tid)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, rec, BPF_REG_0, off + HEAD(pid)),
	     BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, rec, BPF_REG_0, off + HEAD(time_ns)));
}

/* Emit: head.flags of the record at rec |= bits. */
static void emit_set_flags(struct builder *b, int rec, int bits)
{
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, rec, HEAD(flags)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, bits),
	     BPF_STX_MEM(BPF_H, rec, BPF_REG_1, HEAD(flags)));
}

/*
 * Emit: send size bytes (the register size_reg, or size when it is
 * negative) at rec + off. r6 must hold ctx. A full ring is counted by
 * perf as a lost record; any other failure here.
 */
static void emit_output(struct builder *b, int rec, int off, int size_reg,
			__u32 size)
{
	char done[BUILDER_NAME_MAX];

	snprintf(done, sizeof(done), "sent_%zu", builder__pc(b));
	if (size_reg < 0)
		EMIT(b, BPF_MOV64_IMM(BPF_REG_5, (__s32)size));
	else if (size_reg != BPF_REG_5)
		EMIT(b, BPF_MOV64_REG(BPF_REG_5, size_reg));
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, rec),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, off),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_6),
	     BPF_LD_IMM64(BPF_REG_3, BPF_F_CURRENT_CPU));
	LD_MAP(b, BPF_REG_2, "events");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_perf_event_output));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), done);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, -ENOSPC, 0), done);
	counter_emit_inc(b, COUNTER_OUTPUT_FAIL, SLOT_COUNTER);
	LABEL(b, done);
}

/* Emit: gate += delta (newtasks entries not yet claimed). */
static void emit_gate_add(struct builder *b, int delta, const char *label)
{
	emit_only(b, BPF_REG_1, "gate", label);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_2, delta),
	     BPF_STX_XADD(BPF_DW, BPF_REG_1, BPF_REG_2, 0));
	LABEL(b, label);
}

/*
 * Emit, with r7 pointing at a struct bt_pending of an exec: send
 * BT_EXEC with the filename and set "argv_state" for the chunk
 * programs. Uses r8 (the record) and r9 (argv). On a failure goes to
 * fail.
 */
static void emit_exec_start(struct builder *b,
			    const struct buildtrace_config *cfg, __u16 flags,
			    const char *fail)
{
	emit_only(b, BPF_REG_8, "scratch", fail);
	emit_head(b, BPF_REG_8, 0, BT_EXEC, flags, 0);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, EX(filename_len), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, PEND(ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 0xff));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, BT_OP_EXECVEAT, 0), "exec_at");

	/* execve(filename, argv, envp) */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_8, EX(dirfd), AT_FDCWD),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, EX(at_flags), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_7, PEND(args[1])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_7, PEND(args[0])));
	JUMP(b, BPF_JMP_A(0), "exec_read");

	/* execveat(dirfd, filename, argv, envp, flags) */
	LABEL(b, "exec_at");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(args[0])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(dirfd)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(args[4])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(at_flags)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_7, PEND(args[2])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_7, PEND(args[1])));

	/* the filename after the head, then the record cut to it */
	LABEL(b, "exec_read");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_exec)),
	     BPF_MOV64_IMM(BPF_REG_2, BT_PATH_MAX),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), "exec_unreadable");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), "exec_unreadable");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, EX(filename_len)),
	     BPF_MOV64_REG(BPF_REG_5, BPF_REG_0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, sizeof(struct bt_exec)));
	JUMP(b, BPF_JMP_A(0), "exec_send");
	LABEL(b, "exec_unreadable");
	emit_set_flags(b, BPF_REG_8, BT_EXEC_UNREADABLE);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_5, sizeof(struct bt_exec)));
	LABEL(b, "exec_send");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	emit_output(b, BPF_REG_8, 0, BPF_REG_5, 0);

	/* argv_state = { argv, 0, 0 } */
	emit_only(b, BPF_REG_1, "argv_state", fail);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, AS(argv)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_1, AS(index), 0));
}

/* Emit: go on with the argument chunks; falls through if it cannot. */
static void emit_argv_tail_call(struct builder *b)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6));
	LD_MAP(b, BPF_REG_2, "argv_prog");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_3, 0),
	     BPF_EMIT_CALL(BPF_FUNC_tail_call));
}

/*
 * raw_syscalls:sys_enter: keep a member's arguments until the syscall
 * returns; send exit and exit_group at once; before 6.10, read an
 * exec's filename and arguments here.
 */
int buildtrace_build_enter(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct buildtrace_config *cfg = arg;
	int i;

	(void)fmt;
	/* r8 = ops[id]: a syscall not recorded stops here */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, BT_OPS_MAX - 1, 0), "out");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_KEY));
	emit_lookup(b, "ops", SLOT_KEY, "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_8, BPF_REG_0, 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "out");

	/* a thread outside the tree stops here */
	tree_emit_filter(b, "out", SLOT_TREE);

	/* the pending entry, on the stack: ope and the arguments */
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_8, SLOT_PEND + PEND(ope)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_PEND + PEND(reserved), 0));
	sysargs_emit_read(b, cfg->sysargs, BPF_REG_6, BPF_REG_10,
			  SLOT_PEND + PEND(args), SLOT_REGS,
			  cfg->features->read_kernel, "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_AT_ENTRY));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "at_entry");

	/* pending[tid] = the entry */
	emit_tid_key(b);
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, SLOT_KEY),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, SLOT_PEND),
	     BPF_MOV64_IMM(BPF_REG_4, BPF_ANY));
	LD_MAP(b, BPF_REG_1, "pending");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "kept");
	counter_emit_inc(b, COUNTER_PAIR_FULL, SLOT_COUNTER);
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "kept");

	if (!cfg->prepare_exec) {
		/* No later point sees the caller's memory: read it now. */
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
		EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_10),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_7, SLOT_PEND));
		emit_exec_start(b, cfg, BT_EXEC_PENDING, "out");
		emit_argv_tail_call(b);
	}
	JUMP(b, BPF_JMP_A(0), "out");

	/* exit, exit_group: no return to wait for */
	LABEL(b, "at_entry");
	emit_only(b, BPF_REG_7, "scratch", "out");
	emit_head(b, BPF_REG_7, 0, BT_SYSCALL, 0, sizeof(struct bt_syscall));
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_7, SC(ret), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_7, SC(op), 0),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_8, 0xff),
	     BPF_STX_MEM(BPF_H, BPF_REG_7, BPF_REG_8, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
				    SLOT_PEND + PEND(args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, SC(args[i])));
	emit_output(b, BPF_REG_7, 0, -1, sizeof(struct bt_syscall));
	emit_exit(b);
	return 0;
}

/*
 * Emit, in sys_exit: read path k (the argument the ope at SLOT_OPE
 * names, if any) into the record at r8, after the r7 bytes used.
 */
static void emit_read_path(struct builder *b,
			   const struct buildtrace_config *cfg, int k)
{
	char done[BUILDER_NAME_MAX], bad[BUILDER_NAME_MAX];

	snprintf(done, sizeof(done), "path%d_done", k);
	snprintf(bad, sizeof(bad), "path%d_bad", k);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_OPE),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1,
			   k ? BT_OPE_PATH1_SHIFT : BT_OPE_PATH0_SHIFT),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 7));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), done);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, 6, 0), done);
	/* r3 = args[index] */
	EMIT(b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, 1),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 3),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_8),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_3, SC(args)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_7),
	     BPF_MOV64_IMM(BPF_REG_2, BT_PATH_MAX),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), bad);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), bad);
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, SC(path_len[k])),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_0));
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, bad);
	emit_set_flags(b, BPF_REG_8, BT_SC_UNREADABLE);
	LABEL(b, done);
}

/*
 * raw_syscalls:sys_exit: complete a member's syscall with its result and
 * the strings it was given; or, for a thread's first return to user
 * space, let a member's child into the tree.
 */
int buildtrace_build_exit(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct buildtrace_config *cfg = arg;
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_tid_key(b);
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
	emit_lookup(b, "pending", SLOT_KEY, "child");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0));

	/* r8 = the record: head, result, op, arguments */
	emit_only(b, BPF_REG_8, "scratch", "forget");
	emit_head(b, BPF_REG_8, 0, BT_SYSCALL, 0, 0);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(ret)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, PEND(ope)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_OPE),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(op), 0),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 0xff),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(args[i])));
	emit_delete(b, "pending", SLOT_KEY);

	/* the paths, now resident: the kernel has just read them */
	EMIT(b, BPF_MOV64_IMM(BPF_REG_7, 0));
	emit_read_path(b, cfg, 0);
	emit_read_path(b, cfg, 1);

	/* aux: what a pointer argument points to after the call */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_OPE),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, BT_OPE_AUXLEN_SHIFT),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 63));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "aux_done");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_PTR),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_OPE),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, BT_OPE_AUX_SHIFT),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 7));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "aux_done");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, 6, 0), "aux_done");
	EMIT(b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, 1),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 3),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_8),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_3, SC(args)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_7),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_PTR));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_EMIT_CALL(cfg->features->read_user));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "aux_bad");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_PTR));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_2, SC(aux_len)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_2));
	JUMP(b, BPF_JMP_A(0), "aux_done");
	LABEL(b, "aux_bad");
	emit_set_flags(b, BPF_REG_8, BT_SC_UNREADABLE);
	LABEL(b, "aux_done");

	/* send it, cut to what it holds */
	EMIT(b, BPF_MOV64_REG(BPF_REG_5, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, sizeof(struct bt_syscall)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	emit_output(b, BPF_REG_8, 0, BPF_REG_5, 0);
	JUMP(b, BPF_JMP_A(0), "out");

	LABEL(b, "forget");
	emit_delete(b, "pending", SLOT_KEY);
	JUMP(b, BPF_JMP_A(0), "out");

	/*
	 * Not a pending syscall. While the gate says a member has created
	 * a task that has not run yet, is this it?
	 */
	LABEL(b, "child");
	emit_only(b, BPF_REG_1, "gate", "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT_TASK));
	emit_lookup(b, "newtasks", SLOT_TASK, "out");

	/* BT_FORK: the parent's head, the creation's time, the child */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_REC + HEAD(size), sizeof(struct bt_fork)),
	     BPF_ST_MEM(BPF_H, BPF_REG_10, SLOT_REC + HEAD(type), BT_FORK),
	     BPF_ST_MEM(BPF_H, BPF_REG_10, SLOT_REC + HEAD(flags), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, NT(parent_tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_REC + HEAD(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, NT(parent_pid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_REC + HEAD(pid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(time_ns)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_REC + HEAD(time_ns)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(clone_flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1,
			 SLOT_REC + (__s16)offsetof(struct bt_fork, clone_flags)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9,
			 SLOT_REC + (__s16)offsetof(struct bt_fork, child_tid)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_9, 32),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9,
			 SLOT_REC + (__s16)offsetof(struct bt_fork, child_pid)));
	emit_delete(b, "newtasks", SLOT_TASK);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "claimed");
	emit_gate_add(b, -1, "claimed");

	/* tree[tid] = 1 */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_PTR, 1),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, SLOT_KEY),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, SLOT_PTR),
	     BPF_MOV64_IMM(BPF_REG_4, BPF_ANY));
	LD_MAP(b, BPF_REG_1, "tree");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "joined");
	counter_emit_inc(b, COUNTER_TREE_FULL, SLOT_COUNTER);
	LABEL(b, "joined");
	emit_output(b, BPF_REG_10, SLOT_REC, -1, sizeof(struct bt_fork));
	emit_exit(b);
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
	tree_emit_filter(b, "out", SLOT_TREE);

	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(0)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_TASK),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_REC + NT(clone_flags)),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT_REC + NT(parent_tid)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT_REC + NT(parent_pid)),
	     BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT_REC + NT(time_ns)),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, SLOT_TASK),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, SLOT_REC),
	     BPF_MOV64_IMM(BPF_REG_4, BPF_NOEXIST));
	LD_MAP(b, BPF_REG_1, "newtasks");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "filed");
	counter_emit_inc(b, COUNTER_TREE_FULL, SLOT_COUNTER);
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "filed");
	emit_gate_add(b, 1, "out");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_0, 0),
	     BPF_EXIT_INSN());
	return 0;
}

/*
 * sched:sched_prepare_exec (6.10+): the exec will happen, and the
 * caller's memory is still there, its strings just read by the kernel.
 */
int buildtrace_build_prepare_exec(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	const struct buildtrace_config *cfg = arg;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_tid_key(b);
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
	emit_lookup(b, "pending", SLOT_KEY, "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, PEND(ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	/* A thread other than the leader goes on under the leader's tid. */
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, 32),
	     BPF_MOV32_REG(BPF_REG_2, BPF_REG_9));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "leader");
	emit_delete(b, "tree", SLOT_KEY);
	LABEL(b, "leader");

	emit_exec_start(b, cfg, 0, "forget");
	emit_delete(b, "pending", SLOT_KEY);
	emit_argv_tail_call(b);
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "forget");
	emit_delete(b, "pending", SLOT_KEY);
	emit_exit(b);
	return 0;
}

/*
 * sched:sched_process_exec, before 6.10: an exec read at entry
 * succeeded. ctx[1] is the tid that called it.
 */
int buildtrace_build_process_exec(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	(void)fmt;
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_KEY),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1,
			 SLOT_REC + (__s16)offsetof(struct bt_exec_done, old_tid)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10,
			SLOT_REC + (__s16)offsetof(struct bt_exec_done, reserved), 0));
	emit_lookup(b, "pending", SLOT_KEY, "out");
	emit_delete(b, "pending", SLOT_KEY);
	emit_head(b, BPF_REG_10, SLOT_REC, BT_EXEC_DONE, 0,
		  sizeof(struct bt_exec_done));

	/* the caller's tid is gone if it was not the leader's */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_REC + HEAD(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_KEY));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "send");
	emit_delete(b, "tree", SLOT_KEY);
	LABEL(b, "send");
	emit_output(b, BPF_REG_10, SLOT_REC, -1, sizeof(struct bt_exec_done));
	emit_exit(b);
	return 0;
}

/*
 * sched:sched_process_exit: a thread ends. A leader whose process lives
 * on keeps its place in the tree: its pid stays taken until the group
 * is gone, and a thread that execs takes it over.
 */
int buildtrace_build_process_exit(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	const struct buildtrace_config *cfg = arg;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));

	/* a member's task that dies before it ever ran */
	emit_only(b, BPF_REG_1, "gate", "member");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "member");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT_TASK));
	emit_delete(b, "newtasks", SLOT_TASK);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "member");
	emit_gate_add(b, -1, "member");

	emit_tid_key(b);
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
	emit_lookup(b, "tree", SLOT_KEY, "out");
	emit_delete(b, "pending", SLOT_KEY);
	emit_head(b, BPF_REG_10, SLOT_REC, BT_EXIT,
		  cfg->group_dead ? 0 : BT_EXIT_GROUP_UNKNOWN,
		  sizeof(struct bt_head));
	/* r7 = tgid, r8 = tid */
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_7, 32),
	     BPF_MOV32_REG(BPF_REG_8, BPF_REG_9));
	if (cfg->group_dead) {
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "group_lives");
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_10, SLOT_REC + HEAD(flags)),
		     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, BT_EXIT_GROUP_DEAD),
		     BPF_STX_MEM(BPF_H, BPF_REG_10, BPF_REG_1, SLOT_REC + HEAD(flags)));
		/* the last thread: the leader's place goes too */
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "forget");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, SLOT_PTR));
		emit_delete(b, "tree", SLOT_PTR);
		JUMP(b, BPF_JMP_A(0), "forget");
		LABEL(b, "group_lives");
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "send");
	}
	LABEL(b, "forget");
	emit_delete(b, "tree", SLOT_KEY);
	LABEL(b, "send");
	emit_output(b, BPF_REG_10, SLOT_REC, -1, sizeof(struct bt_head));
	emit_exit(b);
	return 0;
}

/*
 * The argument chunk program, tail-called with "argv_state" set: read
 * up to BT_ARGV_CHUNK_ARGS strings into one chunk, send it, and call
 * itself for the rest. Unrolled, so it needs no bounded loops (5.3).
 */
int buildtrace_build_argv(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct buildtrace_config *cfg = arg;
	const int word = (int)cfg->sysargs->word;
	const int chunk = BT_ARGV_CHUNK_BYTES;
	char fits[BUILDER_NAME_MAX], cut[BUILDER_NAME_MAX];
	int k;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_only(b, BPF_REG_7, "argv_state", "out");
	emit_only(b, BPF_REG_8, "scratch", "out");
	emit_head(b, BPF_REG_8, 0, BT_ARGV, 0, 0);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, AS(index)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, AV(index)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, AV(count), 0),
	     BPF_MOV64_IMM(BPF_REG_9, 0));

	for (k = 0; k < BT_ARGV_CHUNK_ARGS; k++) {
		snprintf(fits, sizeof(fits), "fits_%d", k);
		snprintf(cut, sizeof(cut), "cut_%d", k);
		/* past the most kept: the rest is cut */
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, AS(index)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, k));
		JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1,
				    BT_ARGV_MAX_CHUNKS * BT_ARGV_CHUNK_ARGS, 0),
		     "too_many");
		/* r3 = argv[index + k], from the caller */
		EMIT(b, BPF_ALU64_IMM(BPF_MUL, BPF_REG_1, word),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_7, AS(argv)),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1),
		     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT_PTR, 0),
		     BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, SLOT_PTR),
		     BPF_MOV64_IMM(BPF_REG_2, word),
		     BPF_EMIT_CALL(cfg->features->read_user));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "unreadable");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT_PTR));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "last");
		/* the string into what room is left */
		JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_9, chunk, 0), "send");
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_argv)),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
		     BPF_MOV64_IMM(BPF_REG_2, chunk),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_2, BPF_REG_9),
		     BPF_EMIT_CALL(cfg->features->read_user_str));
		JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), "unreadable");
		JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, chunk, 0), "unreadable");
		/*
		 * It filled the room: it may go on. Behind others it waits
		 * for the next chunk; alone, a byte past the room says.
		 */
		EMIT(b, BPF_MOV64_IMM(BPF_REG_1, chunk),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_9));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_0, BPF_REG_1, 0), fits);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_9, 0, 0), "send");
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, SLOT_PEEK),
		     BPF_MOV64_IMM(BPF_REG_2, 1),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT_PTR),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, chunk - 1),
		     BPF_EMIT_CALL(cfg->features->read_user));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), cut);
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_10, SLOT_PEEK),
		     BPF_MOV64_IMM(BPF_REG_0, chunk));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), fits);
		LABEL(b, cut);
		emit_set_flags(b, BPF_REG_8, BT_ARGV_TRUNCATED);
		EMIT(b, BPF_MOV64_IMM(BPF_REG_0, chunk));
		/* counted */
		LABEL(b, fits);
		EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_0),
		     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(count)),
		     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
		     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, AV(count)));
	}
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "too_many");
	emit_set_flags(b, BPF_REG_8, BT_ARGV_TRUNCATED | BT_ARGV_LAST);
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "unreadable");
	emit_set_flags(b, BPF_REG_8, BT_ARGV_UNREADABLE | BT_ARGV_LAST);
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "last");
	emit_set_flags(b, BPF_REG_8, BT_ARGV_LAST);

	/* state: on past this chunk; the last chunk allowed ends it */
	LABEL(b, "send");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(count)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_7, AS(index)),
	     BPF_ALU32_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_2, AS(index)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, AS(chunks)),
	     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, AS(chunks)));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, BT_ARGV_MAX_CHUNKS, 0), "sized");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, 0, 0), "sized");
	EMIT(b, BPF_ALU32_IMM(BPF_OR, BPF_REG_1, BT_ARGV_TRUNCATED | BT_ARGV_LAST),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)));
	LABEL(b, "sized");
	EMIT(b, BPF_MOV64_REG(BPF_REG_5, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, sizeof(struct bt_argv)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	emit_output(b, BPF_REG_8, 0, BPF_REG_5, 0);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	emit_argv_tail_call(b);
	emit_exit(b);
	return 0;
}
