// SPDX-License-Identifier: GPL-2.0
/* Records kept from a syscall's entry to its exit, and sent. */
#include <errno.h>
#include "progs/counters.h"
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/record.h"
#include "progs/mapcall.h"

void record_emit_on_stack(struct builder *b, int dst, int off, size_t size)
{
	size_t i;

	for (i = 0; i < size; i += 8)
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, (__s16)(off + (int)i), 0));
	EMIT(b, BPF_MOV64_REG(dst, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, dst, off));
}

void record_emit_key(struct builder *b, int key_off)
{
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, (__s16)key_off));
}

void record_emit_keep(struct builder *b, const char *map, int key_off,
		      int rec_off, int counter_off)
{
	char kept[BUILDER_NAME_MAX];

	builder__local_label(b, kept, "kept");
	emit_map_update(b, map, key_off, rec_off, BPF_ANY);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), kept);
	counter_emit_inc(b, COUNTER_PAIR_FULL, counter_off);
	LABEL(b, kept);
}

void record_emit_find(struct builder *b, const char *map, int dst,
		      int key_off, const char *miss)
{
	record_emit_key(b, key_off);
	emit_map_lookup(b, map, key_off);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), miss);
	EMIT(b, BPF_MOV64_REG(dst, BPF_REG_0));
}

void record_emit_perf_output(struct builder *b, int ctx)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, ctx),
	     BPF_LD_IMM64(BPF_REG_3, BPF_F_CURRENT_CPU));
	LD_MAP(b, BPF_REG_2, "events");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_perf_event_output));
}

void record_emit_result(struct builder *b, const struct tp_format *fmt,
			const char *map, int key_off, bool failed_only)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, map, BPF_REG_7, key_off, "out");
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "ret");
	/*
	 * A failure is -4095..-1: below that is a result a 32-bit kernel's
	 * long made negative (shmat's address past 2 GiB).
	 */
	if (failed_only) {
		JUMP(b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_8, 0, 0), "forget");
		JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_8, -4095, 0), "forget");
	}
}

void record_emit_output(struct builder *b, int ctx, int counter_off)
{
	char sent[BUILDER_NAME_MAX];

	builder__local_label(b, sent, "sent");
	record_emit_perf_output(b, ctx);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), sent);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, -ENOSPC, 0), sent);
	counter_emit_inc(b, COUNTER_OUTPUT_FAIL, counter_off);
	LABEL(b, sent);
}

void record_emit_send(struct builder *b, int ctx, int rec, size_t size,
		      int counter_off)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, rec),
	     BPF_MOV64_IMM(BPF_REG_5, (__s32)size));
	record_emit_output(b, ctx, counter_off);
}

void record_emit_forget(struct builder *b, const char *map, int key_off)
{
	emit_map_delete(b, map, key_off);
}

void record_emit_done(struct builder *b, const char *map, int key_off)
{
	LABEL(b, "forget");
	record_emit_forget(b, map, key_off);
	exit_emit_out(b);
}

void record_emit_time(struct builder *b, int rec, int off)
{
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, rec, BPF_REG_0, (__s16)off));
}

void record_emit_elapsed(struct builder *b, int rec, int off, int time_off,
			 int start, int start_off)
{
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, rec, (__s16)time_off),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, start, (__s16)start_off),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, rec, BPF_REG_1, (__s16)off));
}

void record_emit_ids(struct builder *b, int rec, int tid_off, int pid_off)
{
	/* The low half of pid_tgid is the thread id, the high half the process's. */
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, rec, BPF_REG_0, (__s16)tid_off),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, rec, BPF_REG_0, (__s16)pid_off));
}

void record_emit_comm(struct builder *b, int rec, int off)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, rec),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, off),
	     BPF_MOV64_IMM(BPF_REG_2, RECORD_COMM_LEN),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_comm));
}

void record_emit_who(struct builder *b, int rec, const struct record_who *w)
{
	record_emit_time(b, rec, w->time_ns);
	record_emit_ids(b, rec, w->tid, w->pid);
	if (w->uid != RECORD_NONE)
		EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_uid_gid),
		     BPF_STX_MEM(BPF_W, rec, BPF_REG_0, w->uid));
	if (w->comm != RECORD_NONE)
		record_emit_comm(b, rec, w->comm);
}
