// SPDX-License-Identifier: GPL-2.0
/* Loading tracepoint fields at offsets from the format file. */
#include <errno.h>
#include "progs/field.h"

const struct tp_field *tp_field_need(struct builder *b,
				     const struct tp_format *fmt,
				     const char *name)
{
	const struct tp_field *f = tp_format__field(fmt, name);

	if (!f)
		builder__fail(b, -ENOENT, "tracepoint %s:%s has no field '%s'",
			      fmt->system, fmt->name, name);
	return f;
}

static int size_bits(__u32 size)
{
	switch (size) {
	case 1: return BPF_B;
	case 2: return BPF_H;
	case 4: return BPF_W;
	case 8: return BPF_DW;
	}
	return -1;
}

void emit_load_field(struct builder *b, int dst, int ctx,
		     const struct tp_format *fmt, const char *name)
{
	const struct tp_field *f = tp_field_need(b, fmt, name);
	int size;

	if (!f)
		return;
	size = size_bits(f->size);
	if (size < 0) {
		builder__fail(b, -EINVAL,
			      "tracepoint %s:%s field '%s' is %u bytes, not a scalar",
			      fmt->system, fmt->name, name, f->size);
		return;
	}
	EMIT(b, BPF_LDX_MEM(size, dst, ctx, (__s16)f->offset));
	/*
	 * A signed field narrower than a register is sign-extended, as C
	 * would: a 32-bit kernel's "long ret" of sys_exit is 4 bytes, and
	 * -ENOENT must stay negative. (BPF_MEMSX does it in one, from 6.6.)
	 */
	if (f->is_signed && f->size < 8)
		EMIT(b, BPF_ALU64_IMM(BPF_LSH, dst, 64 - 8 * (int)f->size),
		     BPF_ALU64_IMM(BPF_ARSH, dst, 64 - 8 * (int)f->size));
}

void emit_data_loc(struct builder *b, int dst, int len_reg, int ctx,
		   const struct tp_format *fmt, const char *name)
{
	const struct tp_field *f = tp_field_need(b, fmt, name);

	if (!f)
		return;
	if (!f->data_loc && !f->rel_loc) {
		builder__fail(b, -EINVAL,
			      "tracepoint %s:%s field '%s' is not __data_loc",
			      fmt->system, fmt->name, name);
		return;
	}
	/* The u32 holds length << 16 | start. */
	EMIT(b, BPF_LDX_MEM(BPF_W, dst, ctx, (__s16)f->offset));
	if (len_reg >= 0)
		EMIT(b, BPF_MOV64_REG(len_reg, dst),
		     BPF_ALU64_IMM(BPF_RSH, len_reg, 16));
	EMIT(b, BPF_ALU64_IMM(BPF_AND, dst, 0xffff));
	if (f->rel_loc)
		EMIT(b, BPF_ALU64_IMM(BPF_ADD, dst, (__s32)(f->offset + 4)));
	EMIT(b, BPF_ALU64_REG(BPF_ADD, dst, ctx));
}
