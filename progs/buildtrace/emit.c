// SPDX-License-Identifier: GPL-2.0
/* The emitters buildtrace's programs share: lookups, records in batches. */
#include <fcntl.h>
#include "progs/buildtrace/emit.h"
#include "progs/counters.h"
#include "progs/mapcall.h"
#include "progs/record.h"

/* Emit: r0 = map[key at r10 + slot], or goto miss. */
void bt_emit_lookup(struct builder *b, const char *map, int slot,
		    const char *miss)
{
	emit_map_lookup(b, map, slot);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), miss);
}

/* Emit: dst = one-entry per-CPU or array map's value, or goto miss. */
void bt_emit_only(struct builder *b, int dst, const char *map,
		  const char *miss)
{
	emit_map_only(b, map, dst, SLOT(zero), miss);
}

/* Emit: ope = ops[syscall number at r10 + slot] into r9 and SLOT(ope). */
void bt_emit_ope(struct builder *b, int slot, const char *miss)
{
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, BT_OPS_MAX - 1, 0), miss);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	bt_emit_lookup(b, "ops", SLOT(key), miss);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_9, BPF_REG_0, 0),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9, SLOT(ope)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_9, 0, 0), miss);
}

/*
 * Emit: send the batch at r7 and empty it. A batch the ring has no room
 * for is counted record by record; perf counts it once more, as one.
 */
static void emit_flush(struct builder *b)
{
	char sent[BUILDER_NAME_MAX], empty[BUILDER_NAME_MAX];

	builder__local_label(b, sent, "sent");
	builder__local_label(b, empty, "empty");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_7, BA(used)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_5, 0, 0), empty);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_5, BT_BATCH_DATA, 0), empty);
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, BA(data)));
	record_emit_perf_output(b, BPF_REG_6);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), sent);
	/* counters[COUNTER_BATCH_LOST] += count */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(counter), COUNTER_BATCH_LOST));
	bt_emit_lookup(b, "counters", SLOT(counter), sent);
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
void bt_emit_record_begin(struct builder *b, const char *fail)
{
	char room[BUILDER_NAME_MAX];

	builder__local_label(b, room, "room");
	bt_emit_only(b, BPF_REG_7, "batch", fail);
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
void bt_emit_record_end(struct builder *b, int size_reg, __u32 size)
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
void bt_emit_head(struct builder *b, __u16 type, __u16 flags, __u32 size)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_8, HEAD(size), (__s32)size),
	     BPF_ST_MEM(BPF_H, BPF_REG_8, HEAD(type), type),
	     BPF_ST_MEM(BPF_H, BPF_REG_8, HEAD(flags), flags));
	record_emit_ids(b, BPF_REG_8, HEAD(tid), HEAD(pid));
	record_emit_time(b, BPF_REG_8, HEAD(time_ns));
}

/* Emit: head.flags of the record at r8 |= bits. */
void bt_emit_set_flags(struct builder *b, int bits)
{
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, bits),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)));
}

void bt_emit_count_empty(struct builder *b, __s16 at, const char *counted)
{
	char empty[BUILDER_NAME_MAX];

	/*
	 * Before 6.4 an empty string gives 0, its NUL uncounted. The
	 * verifier goes on down the fall-through first: there, the wider
	 * r0 (not 0), so that the empty case finds its state covered at
	 * counted instead of walking the rest of the program again.
	 */
	builder__local_label(b, empty, "empty");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), empty);
	JUMP(b, BPF_JMP_A(0), counted);
	LABEL(b, empty);
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_ST_MEM(BPF_B, BPF_REG_1, at, 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(b, counted);
}

/* Emit: gate += delta (newtasks entries not yet claimed). */
void bt_emit_gate_add(struct builder *b, int delta, const char *label)
{
	bt_emit_only(b, BPF_REG_1, "gate", label);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_2, delta),
	     BPF_STX_XADD(BPF_DW, BPF_REG_1, BPF_REG_2, 0));
	LABEL(b, label);
}

void bt_emit_pending_unread(struct builder *b)
{
	char said[BUILDER_NAME_MAX];

	builder__local_label(b, said, "unread_said");
	record_emit_key(b, SLOT(key));
	bt_emit_lookup(b, "pending", SLOT(key), said);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(flags)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, BT_PEND_UNREAD),
	     BPF_STX_MEM(BPF_W, BPF_REG_0, BPF_REG_1, PEND(flags)));
	LABEL(b, said);
}

/*
 * Emit, with an exec's struct bt_pending at SLOT(pend): BT_EXEC with the
 * filename, and "argv_state" set for the chunk programs: argv, then the
 * caller's envp. Uses r7-r9.
 */
void bt_emit_exec_start(struct builder *b, const struct buildtrace_config *cfg,
			__u16 flags, const char *fail)
{
	bt_emit_record_begin(b, fail);
	bt_emit_head(b, BT_EXEC, flags, 0);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, EX(filename_len), 0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(pend.ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_OP_MASK));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, BT_OP_EXECVEAT, 0), "exec_at");

	/* execve(filename, argv, envp) */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_8, EX(dirfd), AT_FDCWD),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, EX(at_flags), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_10, SLOT(pend.args[1])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(pend.args[0])));
	JUMP(b, BPF_JMP_A(0), "exec_read");

	/* execveat(dirfd, filename, argv, envp, flags) */
	LABEL(b, "exec_at");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(pend.args[0])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(dirfd)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(pend.args[4])),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EX(at_flags)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_10, SLOT(pend.args[2])),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(pend.args[1])));

	/* the filename after the fixed part, and the record cut to it */
	LABEL(b, "exec_read");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_exec)),
	     BPF_MOV64_IMM(BPF_REG_2, BT_PATH_MAX),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_0, 0, 0), "exec_unreadable");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), "exec_unreadable");
	/* Before 6.4 an empty name (execveat's AT_EMPTY_PATH) gives 0. */
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "exec_counted");
	EMIT(b, BPF_ST_MEM(BPF_B, BPF_REG_8, sizeof(struct bt_exec), 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(b, "exec_counted");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, EX(filename_len)),
	     BPF_MOV64_REG(BPF_REG_5, BPF_REG_0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, sizeof(struct bt_exec)));
	JUMP(b, BPF_JMP_A(0), "exec_sized");
	LABEL(b, "exec_unreadable");
	bt_emit_set_flags(b, BT_EXEC_UNREADABLE);
	/* at entry: the new image's return has it read again */
	if (!cfg->prepare_exec)
		bt_emit_pending_unread(b);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_5, sizeof(struct bt_exec)));
	LABEL(b, "exec_sized");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	bt_emit_record_end(b, BPF_REG_5, 0);

	/* argv_state = { argv, 0, 0, envp, BT_ARGV, 0 } */
	bt_emit_only(b, BPF_REG_1, "argv_state", fail);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, AS(argv)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_1, AS(index), 0),
	     BPF_ST_MEM(BPF_H, BPF_REG_1, AS(type), BT_ARGV),
	     BPF_ST_MEM(BPF_H, BPF_REG_1, AS(flags), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_1, AS(reserved), 0),
	     /* envp: execve's third argument, execveat's fourth */
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(pend.args[2])),
	     BPF_LDX_MEM(BPF_W, BPF_REG_3, BPF_REG_10, SLOT(pend.ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_3, BT_OPE_OP_MASK));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_3, BT_OP_EXECVEAT, 0), "envp_set");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(pend.args[3])));
	LABEL(b, "envp_set");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_1, BPF_REG_2, AS(envp)));
}

/* Emit: go on with the argument chunks; falls through if it cannot. */
void bt_emit_argv_tail_call(struct builder *b)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6));
	LD_MAP(b, BPF_REG_2, "argv_prog");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_3, 0),
	     BPF_EMIT_CALL(BPF_FUNC_tail_call));
}
