/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What buildtrace's programs share: record field offsets, the stack
 * slots every program lays out the same way, and the emitters that make
 * a record in this CPU's batch (progs/buildtrace.h). r6 holds ctx in
 * every program; r7 is the batch and r8 the record while one is made.
 */
#ifndef BAREBPF_PROGS_BUILDTRACE_EMIT_H
#define BAREBPF_PROGS_BUILDTRACE_EMIT_H

#include <stddef.h>
#include "asm/builder.h"
#include "progs/buildtrace/buildtrace.h"
#include "progs/frame.h"
#include "progs/sysargs.h"

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
#define EF(f)		((__s16)offsetof(struct bt_exec_file, f))
#define BA(f)		((__s16)offsetof(struct bt_batch, f))

/* The stack frame every program lays out alike; 8 bytes a small slot. */
struct bt_frame {
	__u8 regs[SYSARGS_STACK];	/* sysargs_emit_read()'s copy */
	struct bt_pending pend;		/* ope, then the arguments */
	union {
		struct bt_newtask newtask;	/* or a fork's fields */
		__u64 room[5];
	} rec;
	__u64 nr;			/* the syscall number */
	__u64 peek;			/* one byte past a string that filled its room */
	__u64 ptr;			/* argv[i]; u32 values to store */
	__u64 ope;			/* u32: the syscall's "ops" value */
	__u64 task;			/* a task's address */
	__u64 counter;
	__u64 tree;			/* the tree filter's key */
	__u64 zero;			/* u32 0, the key of one-entry arrays */
	__u64 key;			/* u32: a tid */
};

FRAME_FITS(struct bt_frame);
#define SLOT(member)	FRAME_SLOT(struct bt_frame, member)

/* Emit: r0 = map[key at r10 + slot], or goto miss. */
void bt_emit_lookup(struct builder *b, const char *map, int slot,
		    const char *miss);
/* Emit: dst = one-entry per-CPU or array map's value, or goto miss. */
void bt_emit_only(struct builder *b, int dst, const char *map,
		  const char *miss);
/* Emit: ope = ops[syscall number at r10 + slot] into r9 and SLOT(ope). */
void bt_emit_ope(struct builder *b, int slot, const char *miss);
/*
 * Emit: r7 = this CPU's batch, r8 = where the next record goes in it,
 * sending the batch first unless a record of any size fits.
 */
void bt_emit_record_begin(struct builder *b, const char *fail);
/* Emit: the record at r8 is size_reg bytes (or size): count it in at r7. */
void bt_emit_record_end(struct builder *b, int size_reg, __u32 size);
/* Emit: a head at r8: size, type, flags, the current thread, now. */
void bt_emit_head(struct builder *b, __u16 type, __u16 flags, __u32 size);
/* Emit: head.flags of the record at r8 |= bits. */
void bt_emit_set_flags(struct builder *b, int bits);
/*
 * Emit: after a string read to r8 + at + r9, r0 = its length with the
 * NUL, also for an empty one (before 6.4 that gives 0; it is written).
 */
void bt_emit_count_empty(struct builder *b, __s16 at, const char *counted);
/* Emit: gate += delta, and the label after it. */
void bt_emit_gate_add(struct builder *b, int delta, const char *label);
/*
 * Emit, with an exec's struct bt_pending at SLOT(pend): BT_EXEC with the
 * filename, and "argv_state" set for the chunk programs. Uses r7-r9.
 */
void bt_emit_exec_start(struct builder *b, const struct buildtrace_config *cfg,
			__u16 flags, const char *fail);
/* Emit: go on with the argument chunks; falls through if it cannot. */
void bt_emit_argv_tail_call(struct builder *b);
/*
 * Emit: the current thread's exec could not be read whole at entry:
 * pending[tid] (if there) gets BT_PEND_UNREAD. Uses r0-r5 and SLOT(key).
 */
void bt_emit_pending_unread(struct builder *b);

#endif /* BAREBPF_PROGS_BUILDTRACE_EMIT_H */
