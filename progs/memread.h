/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emit: a probe-read helper reading memory the program cannot load
 * directly (the kernel's, through a pointer; the caller's) into a buffer
 * it can: a stack slot (dst_reg r10) or a record. helper is one of
 * struct prog_features' read_* (progs/features.h), which names the
 * helper this kernel has. The helpers take (dst, size, src) in r1-r3;
 * each emitter leaves the result in r0 (0 or -errno; with a string, its
 * length) and, as any call, r1 to r5 clobbered. On failure the helper
 * zeroes dst.
 */
#ifndef BAREBPF_PROGS_MEMREAD_H
#define BAREBPF_PROGS_MEMREAD_H

#include "asm/builder.h"

struct tp_format;

/* r0 = helper(dst_reg + dst_off, size, src_reg + src_off). */
void emit_probe_read(struct builder *b, int helper, int dst_reg, int dst_off,
		     int size, int src_reg, int src_off);

/* r0 = helper(dst_reg + dst_off, size, src_reg): the pointer as it is. */
void emit_probe_read_reg(struct builder *b, int helper, int dst_reg,
			 int dst_off, int size, int src_reg);

/*
 * r0 = helper(dst_reg + dst_off, size, the pointer the tracepoint field
 * name holds in the record at ctx): what a syscall was handed.
 */
void emit_probe_read_field(struct builder *b, int helper, int dst_reg,
			   int dst_off, int size, int ctx,
			   const struct tp_format *fmt, const char *name);

/* r0 = helper(dst_reg + dst_off, size, r3): the caller has set r3. */
void emit_probe_read_r3(struct builder *b, int helper, int dst_reg,
			int dst_off, int size);

/* r0 = helper(dst_reg + dst_off, size, *(u64 *)(ptr_reg + ptr_off)). */
void emit_probe_read_ptr(struct builder *b, int helper, int dst_reg,
			 int dst_off, int size, int ptr_reg, int ptr_off);

/*
 * r0 = helper(r10 + peek, 1, *(u64 *)(r10 + ptr) + room - 1): after a
 * string read filled all of its room bytes, the source byte its NUL took
 * the place of; not NUL, it says the string was cut.
 */
void emit_probe_read_past(struct builder *b, int helper, int peek, int ptr,
			  int room);

#endif /* BAREBPF_PROGS_MEMREAD_H */
