// SPDX-License-Identifier: GPL-2.0
/* Probe reads into a stack slot or a record (progs/memread.h). */
#include <linux/bpf.h>
#include "asm/insn.h"
#include "progs/field.h"
#include "progs/memread.h"

/* r1 = dst_reg + dst_off, r2 = size. */
static void emit_dst(struct builder *b, int dst_reg, int dst_off, int size)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, dst_reg),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, dst_off),
	     BPF_MOV64_IMM(BPF_REG_2, size));
}

void emit_probe_read(struct builder *b, int helper, int dst_reg, int dst_off,
		     int size, int src_reg, int src_off)
{
	emit_dst(b, dst_reg, dst_off, size);
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, src_reg),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, src_off),
	     BPF_EMIT_CALL(helper));
}

void emit_probe_read_reg(struct builder *b, int helper, int dst_reg,
			 int dst_off, int size, int src_reg)
{
	emit_dst(b, dst_reg, dst_off, size);
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, src_reg),
	     BPF_EMIT_CALL(helper));
}

void emit_probe_read_field(struct builder *b, int helper, int dst_reg,
			   int dst_off, int size, int ctx,
			   const struct tp_format *fmt, const char *name)
{
	emit_dst(b, dst_reg, dst_off, size);
	emit_load_field(b, BPF_REG_3, ctx, fmt, name);
	EMIT(b, BPF_EMIT_CALL(helper));
}

void emit_probe_read_r3(struct builder *b, int helper, int dst_reg,
			int dst_off, int size)
{
	emit_dst(b, dst_reg, dst_off, size);
	EMIT(b, BPF_EMIT_CALL(helper));
}

void emit_probe_read_ptr(struct builder *b, int helper, int dst_reg,
			 int dst_off, int size, int ptr_reg, int ptr_off)
{
	emit_dst(b, dst_reg, dst_off, size);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, ptr_reg, (__s16)ptr_off),
	     BPF_EMIT_CALL(helper));
}

void emit_probe_read_past(struct builder *b, int helper, int peek, int ptr,
			  int room)
{
	emit_dst(b, BPF_REG_10, peek, 1);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, (__s16)ptr),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, room - 1),
	     BPF_EMIT_CALL(helper));
}
