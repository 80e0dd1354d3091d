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
#define FK(f)		((__s16)offsetof(struct bt_fork, f))
#define PEND(f)		((__s16)offsetof(struct bt_pending, f))
#define NT(f)		((__s16)offsetof(struct bt_newtask, f))
#define AS(f)		((__s16)offsetof(struct bt_argv_state, f))
#define BA(f)		((__s16)offsetof(struct bt_batch, f))

/* Stack slots, below r10. */
#define SLOT_KEY	-8	/* u32 key: a tid */
#define SLOT_ZERO	-16	/* u32 0, the key of one-entry arrays */
#define SLOT_TREE	-24	/* the tree filter's key */
#define SLOT_COUNTER	-32
#define SLOT_TASK	-40	/* u64: a task's address */
#define SLOT_OPE	-48	/* u32: the syscall's "ops" value */
#define SLOT_PTR	-56	/* u64: argv[i]; u32 values to store */
#define SLOT_PEEK	-64	/* one byte past a string that filled its room */
#define SLOT_NR		-72	/* u64: the syscall number */
#define SLOT_REC	-112	/* a struct bt_newtask, or a fork's fields */
#define SLOT_PEND	-168	/* struct bt_pending: ope, then the arguments */
#define SLOT_REGS	(SLOT_PEND - SYSARGS_STACK)

_Static_assert(sizeof(struct bt_newtask) <= 40, "SLOT_REC holds a bt_newtask");
_Static_assert(SLOT_PEND + (int)sizeof(struct bt_pending) <= SLOT_REC,
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

/* Emit: ope = ops[syscall number at r10 + slot] into r9 and SLOT_OPE. */
static void emit_ope(struct builder *b, int slot, const char *miss)
{
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, BT_OPS_MAX - 1, 0), miss);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_KEY));
	emit_lookup(b, "ops", SLOT_KEY, miss);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_9, BPF_REG_0, 0),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9, SLOT_OPE));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_9, 0, 0), miss);
}

/*
 * Emit: send the batch at r7 and empty it. A batch the ring has no room
 * for is counted record by record; perf counts it once more, as one.
 */
static void emit_flush(struct builder *b)
{
	char sent[BUILDER_NAME_MAX], empty[BUILDER_NAME_MAX];

	snprintf(sent, sizeof(sent), "sent_%zu", builder__pc(b));
	snprintf(empty, sizeof(empty), "empty_%zu", builder__pc(b));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_7, BA(used)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_5, 0, 0), empty);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_5, BT_BATCH_DATA, 0), empty);
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, BA(data)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_6),
	     BPF_LD_IMM64(BPF_REG_3, BPF_F_CURRENT_CPU));
	LD_MAP(b, BPF_REG_2, "events");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_perf_event_output));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), sent);
	/* counters[COUNTER_BATCH_LOST] += count */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_COUNTER, COUNTER_BATCH_LOST));
	emit_lookup(b, "counters", SLOT_COUNTER, sent);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, BA(count)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_0, 0),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_2, 0));
	LABEL(b, sent);
	LABEL(b, empty);
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, BA(used), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, BA(count), 0));
}

/*
 * Emit: r7 = this CPU's batch, r8 = where the next record goes in it,
 * sending the batch first unless a record of any size fits. r6 must
 * hold ctx. On a failure goes to fail.
 */
static void emit_record_begin(struct builder *b, const char *fail)
{
	char room[BUILDER_NAME_MAX];

	snprintf(room, sizeof(room), "room_%zu", builder__pc(b));
	emit_only(b, BPF_REG_7, "batch", fail);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, BA(used)));
	JUMP(b, BPF_JMP_IMM(BPF_JLE, BPF_REG_1, BT_BATCH_LIMIT, 0), room);
	emit_flush(b);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_1, 0));
	LABEL(b, room);
	EMIT(b, BPF_MOV64_REG(BPF_REG_8, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_8, BA(data)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_8, BPF_REG_1));
}

/* Emit: the record at r8 is size_reg bytes (or size): count it in at r7. */
static void emit_record_end(struct builder *b, int size_reg, __u32 size)
{
	if (size_reg < 0)
		EMIT(b, BPF_MOV64_IMM(BPF_REG_1, (__s32)((size + 7) & ~7u)));
	else
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, size_reg),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 7),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, -8));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_7, BA(used)),
	     BPF_ALU32_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_2, BA(used)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_7, BA(count)),
	     BPF_ALU32_IMM(BPF_ADD, BPF_REG_2, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_2, BA(count)));
}

/* Emit: a head at r8: size, type, flags, the current thread, now. */
static void emit_head(struct builder *b, __u16 type, __u16 flags, __u32 size)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_8, HEAD(size), (__s32)size),
	     BPF_ST_MEM(BPF_H, BPF_REG_8, HEAD(type), type),
	     BPF_ST_MEM(BPF_H, BPF_REG_8, HEAD(flags), flags),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_0, HEAD(tid)),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_0, HEAD(pid)),
	     BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_0, HEAD(time_ns)));
}

/* Emit: head.flags of the record at r8 |= bits. */
static void emit_set_flags(struct builder *b, int bits)
{
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, bits),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)));
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
 * Emit, with an exec's struct bt_pending at SLOT_PEND: BT_EXEC with the
 * filename, and "argv_state" set for the chunk programs. Uses r7-r9.
 */
static void emit_exec_start(struct builder *b,
			    const struct buildtrace_config *cfg, __u16 flags,
			    const char *fail)
{
	emit_record_begin(b, fail);
	emit_head(b, BT_EXEC, flags, 0);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, EX(filename_len), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_PEND + PEND(ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 0xff));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, BT_OP_EXECVEAT, 0), "exec_at");

	/* execve(filename, argv, envp) */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_8, EX(dirfd), AT_FDCWD),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, EX(at_flags), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_10, SLOT_PEND + PEND(args[1])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT_PEND + PEND(args[0])));
	JUMP(b, BPF_JMP_A(0), "exec_read");

	/* execveat(dirfd, filename, argv, envp, flags) */
	LABEL(b, "exec_at");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_PEND + PEND(args[0])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(dirfd)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_PEND + PEND(args[4])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(at_flags)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_10, SLOT_PEND + PEND(args[2])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT_PEND + PEND(args[1])));

	/* the filename after the fixed part, and the record cut to it */
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
	JUMP(b, BPF_JMP_A(0), "exec_sized");
	LABEL(b, "exec_unreadable");
	emit_set_flags(b, BT_EXEC_UNREADABLE);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_5, sizeof(struct bt_exec)));
	LABEL(b, "exec_sized");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	emit_record_end(b, BPF_REG_5, 0);

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
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_NR));
	emit_ope(b, SLOT_NR, "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, cfg->sysargs->at_exit ?
			   BT_OPE_AT_ENTRY | BT_OPE_EXEC : 0xff));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	/* a thread outside the tree stops here */
	tree_emit_filter(b, "out", SLOT_TREE);

	/* the pending entry, on the stack: ope and the arguments */
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9, SLOT_PEND + PEND(ope)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_PEND + PEND(reserved), 0));
	sysargs_emit_read(b, cfg->sysargs, BPF_REG_6, BPF_REG_10,
			  SLOT_PEND + PEND(args), 0, SLOT_REGS,
			  cfg->features->read_kernel, "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
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
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
		emit_exec_start(b, cfg, BT_EXEC_PENDING, "out");
		emit_argv_tail_call(b);
	}
	JUMP(b, BPF_JMP_A(0), "out");

	/* exit, exit_group: no return to wait for */
	LABEL(b, "at_entry");
	emit_record_begin(b, "out");
	emit_head(b, BT_SYSCALL, 0, sizeof(struct bt_syscall));
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(ret), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(op), 0),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_9, 0xff),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_9, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
				    SLOT_PEND + PEND(args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(args[i])));
	emit_record_end(b, -1, sizeof(struct bt_syscall));
	emit_exit(b);
	return 0;
}

/*
 * Emit: r1 = the argument of the record at r8 whose index + 1 is in the
 * 3 bits of the ope at SLOT_OPE at shift, or goto none.
 */
static void emit_arg_of(struct builder *b, int shift, const char *none)
{
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_OPE),
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

	snprintf(done, sizeof(done), "path%d_done", k);
	snprintf(bad, sizeof(bad), "path%d_bad", k);
	emit_arg_of(b, k ? BT_OPE_PATH1_SHIFT : BT_OPE_PATH0_SHIFT, done);
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_MOV64_IMM(BPF_REG_2, BT_PATH_MAX),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), bad);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), bad);
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, SC(path_len[k])),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_0));
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, bad);
	emit_set_flags(b, BT_SC_UNREADABLE);
	LABEL(b, done);
}

/*
 * Emit: the syscall record, from the ope at SLOT_OPE and the arguments
 * at SLOT_PEND: result, paths read now (the kernel has just faulted them
 * in), what a pointer argument points to.
 */
static void emit_syscall_record(struct builder *b,
				const struct buildtrace_config *cfg)
{
	int i;

	emit_record_begin(b, "out");
	emit_head(b, BT_SYSCALL, 0, 0);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(ret)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, SC(op), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_OPE),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, 0xff),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, SC(op)));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
				    SLOT_PEND + PEND(args[i])),
		     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, SC(args[i])));

	EMIT(b, BPF_MOV64_IMM(BPF_REG_9, 0));
	emit_read_path(b, cfg, 0);
	emit_read_path(b, cfg, 1);

	/* aux: r3 = the pointer argument, r2 = its size */
	emit_arg_of(b, BT_OPE_AUX_SHIFT, "aux_done");
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_OPE),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_2, BT_OPE_AUXLEN_SHIFT),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, 63));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "aux_done");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_2, SLOT_PTR),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_syscall)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_EMIT_CALL(cfg->features->read_user));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "aux_bad");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_PTR));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, BT_AUX_MAX, 0), "aux_done");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_2, SC(aux_len)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_2));
	JUMP(b, BPF_JMP_A(0), "aux_done");
	LABEL(b, "aux_bad");
	emit_set_flags(b, BT_SC_UNREADABLE);
	LABEL(b, "aux_done");

	/* the record, cut to what it holds */
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_9, sizeof(struct bt_syscall)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_9, HEAD(size)));
	emit_record_end(b, BPF_REG_9, 0);
}

/*
 * Emit: the current thread's first return to user space, if a member
 * created it: BT_FORK with the parent's head and the creation's time,
 * and the thread joins the tree. SLOT_KEY holds its tid.
 */
static void emit_child(struct builder *b)
{
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT_TASK));
	emit_lookup(b, "newtasks", SLOT_TASK, "out");
	/* its fields to the stack: the entry goes before the record is made */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(time_ns)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_REC + NT(time_ns)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(clone_flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_REC + NT(clone_flags)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, NT(parent_tid)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_REC + NT(parent_tid)));
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

	emit_record_begin(b, "out");
	emit_head(b, BT_FORK, 0, sizeof(struct bt_fork));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, FK(child_tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(pid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, FK(child_pid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_REC + NT(parent_tid)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, HEAD(tid)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_REC + NT(time_ns)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, HEAD(time_ns)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_REC + NT(clone_flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, FK(clone_flags)));
	emit_record_end(b, -1, sizeof(struct bt_fork));
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
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT_NR, 0),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_6, RAW_ARG(0)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, sa->nr_off),
		     BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, SLOT_NR),
		     BPF_MOV64_IMM(BPF_REG_2, (__s32)sa->word),
		     BPF_EMIT_CALL(cfg->features->read_kernel));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "out");
		emit_ope(b, SLOT_NR, "out");
		emit_tid_key(b);
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_FORKS));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "child");
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "member");
		/* an exec kept its entry for prepare_exec; one that returns failed */
		emit_delete(b, "pending", SLOT_KEY);
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
		LABEL(b, "member");
		tree_emit_filter(b, "out", SLOT_TREE);
		sysargs_emit_read(b, sa, BPF_REG_6, BPF_REG_10,
				  SLOT_PEND + PEND(args), 0, SLOT_REGS,
				  cfg->features->read_kernel, "out");
	} else {
		/* the entry kept: ope and arguments to the stack */
		emit_tid_key(b);
		emit_lookup(b, "pending", SLOT_KEY, "gate");
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(ope)),
		     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_OPE));
		for (i = 0; i < 6; i++)
			EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, PEND(args[i])),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1,
					 SLOT_PEND + PEND(args[i])));
		emit_delete(b, "pending", SLOT_KEY);
	}
	emit_syscall_record(b, cfg);
	JUMP(b, BPF_JMP_A(0), "out");

	if (!sa->at_exit) {
		/* a member's task not yet seen, or nothing to look for? */
		LABEL(b, "gate");
		emit_only(b, BPF_REG_1, "gate", "out");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	}
	LABEL(b, "child");
	emit_child(b);
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
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_tid_key(b);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT_PTR));
	emit_lookup(b, "pending", SLOT_KEY, "out");
	for (i = 0; i < 7; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 8 * i),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_PEND + 8 * i));
	emit_delete(b, "pending", SLOT_KEY);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_PEND + PEND(ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	/* A thread other than the leader goes on under the leader's tid. */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT_PTR),
	     BPF_MOV32_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, 32));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "leader");
	emit_delete(b, "tree", SLOT_KEY);
	LABEL(b, "leader");

	emit_exec_start(b, cfg, 0, "out");
	emit_argv_tail_call(b);
	emit_exit(b);
	return 0;
}

_Static_assert(sizeof(struct bt_pending) == 7 * 8, "bt_pending is copied as 7 u64");

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
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT_KEY));
	emit_lookup(b, "pending", SLOT_KEY, "out");
	emit_delete(b, "pending", SLOT_KEY);
	emit_record_begin(b, "out");
	emit_head(b, BT_EXEC_DONE, 0, sizeof(struct bt_exec_done));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT_KEY),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1,
			 (__s16)offsetof(struct bt_exec_done, old_tid)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8,
			(__s16)offsetof(struct bt_exec_done, reserved), 0));
	emit_record_end(b, -1, sizeof(struct bt_exec_done));

	/* the caller's tid is gone if it was not the leader's */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT_KEY));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "out");
	emit_delete(b, "tree", SLOT_KEY);
	emit_exit(b);
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
	emit_record_begin(b, "out");
	emit_head(b, BT_EXIT, cfg->group_dead ? 0 : BT_EXIT_GROUP_UNKNOWN,
		  sizeof(struct bt_head));
	if (cfg->group_dead) {
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "flagged");
		emit_set_flags(b, BT_EXIT_GROUP_DEAD);
		LABEL(b, "flagged");
	}
	emit_record_end(b, -1, sizeof(struct bt_head));

	/* r7 = tgid, r8 = tid */
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_7, 32),
	     BPF_MOV32_REG(BPF_REG_8, BPF_REG_9));
	if (cfg->group_dead) {
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_6, RAW_ARG(1)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "group_lives");
		/* the last thread: the leader's place goes too */
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "forget");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, SLOT_PTR));
		emit_delete(b, "tree", SLOT_PTR);
		JUMP(b, BPF_JMP_A(0), "forget");
		LABEL(b, "group_lives");
		JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_7, BPF_REG_8, 0), "out");
	}
	LABEL(b, "forget");
	emit_delete(b, "tree", SLOT_KEY);
	emit_exit(b);
	return 0;
}

/*
 * The argument chunk program, tail-called with "argv_state" set: read
 * up to BT_ARGV_CHUNK_ARGS strings into one chunk, and call itself for
 * the rest. Unrolled, so it needs no bounded loops (5.3).
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
	emit_record_begin(b, "out");
	emit_head(b, BT_ARGV, 0, 0);
	emit_only(b, BPF_REG_9, "argv_state", "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, AS(argv)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT_TASK),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, AS(index)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, AV(index)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, AV(count), 0),
	     BPF_MOV64_IMM(BPF_REG_9, 0));

	for (k = 0; k < BT_ARGV_CHUNK_ARGS; k++) {
		snprintf(fits, sizeof(fits), "fits_%d", k);
		snprintf(cut, sizeof(cut), "cut_%d", k);
		/* past the most kept: the rest is cut */
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(index)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, k));
		JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1,
				    BT_ARGV_MAX_CHUNKS * BT_ARGV_CHUNK_ARGS, 0),
		     "too_many");
		/* r3 = argv[index + k], from the caller */
		EMIT(b, BPF_ALU64_IMM(BPF_MUL, BPF_REG_1, word),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT_TASK),
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
		emit_set_flags(b, BT_ARGV_TRUNCATED);
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
	emit_set_flags(b, BT_ARGV_TRUNCATED | BT_ARGV_LAST);
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "unreadable");
	emit_set_flags(b, BT_ARGV_UNREADABLE | BT_ARGV_LAST);
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "last");
	emit_set_flags(b, BT_ARGV_LAST);

	/* the record, then the state: on past this chunk; the last allowed ends it */
	LABEL(b, "send");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_9, sizeof(struct bt_argv)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_9, HEAD(size)));
	emit_only(b, BPF_REG_9, "argv_state", "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(count)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, AS(index)),
	     BPF_ALU32_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_2, AS(index)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, AS(chunks)),
	     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, AS(chunks)));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, BT_ARGV_MAX_CHUNKS, 0), "sized");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, 0, 0), "sized");
	EMIT(b, BPF_ALU32_IMM(BPF_OR, BPF_REG_1, BT_ARGV_TRUNCATED | BT_ARGV_LAST),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)));
	LABEL(b, "sized");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, HEAD(size)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_9, BT_RECORD_ROOM, 0), "out");
	emit_record_end(b, BPF_REG_9, 0);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	emit_argv_tail_call(b);
	emit_exit(b);
	return 0;
}
