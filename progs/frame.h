/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A program's stack frame described as a struct, as a C compiler lays
 * out a function's locals (libbpf-tools lets clang place them): the
 * frame ends at r10, so a member's slot is r10 + its offset - the
 * frame's size. Members never overlap but where a union says two
 * programs, or two phases of one, use the same bytes differently.
 *
 *	struct opensnoop_frame { ...; __u32 zero; __u32 key; };
 *	#define SLOT(m)	FRAME_SLOT(struct opensnoop_frame, m)
 *	FRAME_FITS(struct opensnoop_frame);
 *	...	record_emit_key(b, SLOT(key));
 */
#ifndef BAREBPF_PROGS_FRAME_H
#define BAREBPF_PROGS_FRAME_H

#include <stddef.h>
#include <linux/types.h>

/* The stack a BPF program has (the kernel's MAX_BPF_STACK). */
#define FRAME_MAX	512

/* member's offset from r10: negative. */
#define FRAME_SLOT(type, member) \
	((__s16)((int)offsetof(type, member) - (int)sizeof(type)))

/* type fits the stack, and ends 8-aligned at r10. */
#define FRAME_FITS(type) \
	_Static_assert(sizeof(type) <= FRAME_MAX && sizeof(type) % 8 == 0, \
		       #type " fits the BPF stack")

#endif /* BAREBPF_PROGS_FRAME_H */
