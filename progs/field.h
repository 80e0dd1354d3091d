/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoint record access for programs: every offset comes from the
 * parsed format file, and a field the kernel does not have fails the
 * builder with a message naming both the event and the field.
 */
#ifndef BAREBPF_PROGS_FIELD_H
#define BAREBPF_PROGS_FIELD_H

#include "asm/builder.h"
#include "loader/format.h"

/* The field, or NULL after failing b with "SYSTEM:EVENT has no field". */
const struct tp_field *tp_field_need(struct builder *b,
				     const struct tp_format *fmt,
				     const char *name);

/*
 * dst = the field's value, loaded at the field's own width (1, 2, 4 or
 * 8 bytes), sign-extended where the format file says "signed:1", else
 * zero-extended. Syscall arguments are unsigned longs whatever their C
 * type (8 bytes, or 4 on a 32-bit kernel), so "int flags" needs a 32-bit
 * view afterwards.
 */
void emit_load_field(struct builder *b, int dst, int ctx,
		     const struct tp_format *fmt, const char *name);

/*
 * dst = kernel address of a __data_loc (or __rel_loc) field's bytes, and
 * len_reg (unless negative) = their length, for bpf_probe_read_kernel*.
 */
void emit_data_loc(struct builder *b, int dst, int len_reg, int ctx,
		   const struct tp_format *fmt, const char *name);

#endif /* BAREBPF_PROGS_FIELD_H */
