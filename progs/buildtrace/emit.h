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

/* Stack slots, below r10. */
#define SLOT_KEY	-8	/* u32 key: a tid */
#define SLOT_ZERO	-16	/* u32 0, the key of one-entry arrays */
#define SLOT_TREE	-24	/* the tree filter's key */
#define SLOT_COUNTER	-32
#define SLOT_TASK	-40	/* u64: a task's address */
#define SLOT_OPE	-48	/* u32: the syscall's "ops" value */
#define SLOT_PTR	-56	/* u64: argv[i]; u32 values to store */
#define SLOT_PEEK	-64	/* one byte past a string that filled its room */
#define SLOT_NR		-72	/* u64: the syscall number; in the argument chunk
				   program, where the last pointer read was */
#define SLOT_REC	-112	/* a struct bt_newtask, or a fork's fields */
#define SLOT_PEND	-168	/* struct bt_pending: ope, then the arguments */
#define SLOT_REGS	(SLOT_PEND - SYSARGS_STACK)

_Static_assert(sizeof(struct bt_newtask) <= 40, "SLOT_REC holds a bt_newtask");
_Static_assert(SLOT_PEND + (int)sizeof(struct bt_pending) <= SLOT_REC,
	       "stack slots overlap");

/* Emit: r0 = map[key at r10 + slot], or goto miss. */
void bt_emit_lookup(struct builder *b, const char *map, int slot,
		    const char *miss);
/* Emit: dst = one-entry per-CPU or array map's value, or goto miss. */
void bt_emit_only(struct builder *b, int dst, const char *map,
		  const char *miss);
/* Emit: ope = ops[syscall number at r10 + slot] into r9 and SLOT_OPE. */
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
 * Emit, with an exec's struct bt_pending at SLOT_PEND: BT_EXEC with the
 * filename, and "argv_state" set for the chunk programs. Uses r7-r9.
 */
void bt_emit_exec_start(struct builder *b, const struct buildtrace_config *cfg,
			__u16 flags, const char *fail);
/* Emit: go on with the argument chunks; falls through if it cannot. */
void bt_emit_argv_tail_call(struct builder *b);
/*
 * Emit: the current thread's exec could not be read whole at entry:
 * pending[tid] (if there) gets BT_PEND_UNREAD. Uses r0-r5 and SLOT_KEY.
 */
void bt_emit_pending_unread(struct builder *b);

#endif /* BAREBPF_PROGS_BUILDTRACE_EMIT_H */
