/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record kept from a syscall's entry to its exit in a hash keyed by
 * thread id, and sent from there. The shape the network tools share:
 *
 *	entry:	build the record on the stack; map[tid] = it
 *	exit:	rec = map[tid] or nothing to do; complete rec; send it;
 *		delete map[tid], always, whether sent or not
 *
 * A full map counts COUNTER_PAIR_FULL, a failed send COUNTER_OUTPUT_FAIL
 * (a full ring is counted by perf itself), so no loss is silent; and
 * since exit removes the entry on every path, none is left behind.
 */
#ifndef BAREBPF_PROGS_RECORD_H
#define BAREBPF_PROGS_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "asm/builder.h"
#include "loader/format.h"

/*
 * Emit: a record of size bytes (a multiple of 8) on the stack at r10 +
 * off, zeroed, and dst = its address.
 */
void record_emit_on_stack(struct builder *b, int dst, int off, size_t size);

/*
 * Emit: *(u32 *)(r10 + key_off) = the current thread id. Leaves r0 =
 * bpf_get_current_pid_tgid().
 */
void record_emit_key(struct builder *b, int key_off);

/*
 * Emit: map[key at key_off] = the record at r10 + rec_off, counting a
 * failure. Uses r0-r4 and 4 bytes at r10 + counter_off.
 */
void record_emit_keep(struct builder *b, const char *map, int key_off,
		      int rec_off, int counter_off);

/*
 * Emit: dst = map[current tid] (key left at key_off), or goto miss.
 * Uses r0-r5.
 */
void record_emit_find(struct builder *b, const char *map, int dst,
		      int key_off, const char *miss);

/*
 * Emit: send size bytes of the record at rec to "events"; ctx is the
 * tracepoint context. Uses r0-r5 and 4 bytes at r10 + counter_off.
 */
void record_emit_send(struct builder *b, int ctx, int rec, size_t size,
		      int counter_off);

/*
 * Emit: r0 = bpf_perf_event_output(ctx, "events", BPF_F_CURRENT_CPU, r4,
 * r5): send the r5 bytes at r4 to this CPU's ring; 0 or -errno.
 */
void record_emit_perf_output(struct builder *b, int ctx);

/*
 * Emit: send the r5 bytes at r4 to "events", r5 bounded by the caller as
 * the verifier needs; ctx is the tracepoint context. A failed send other
 * than a full ring (which perf counts itself, as a lost record) counts
 * COUNTER_OUTPUT_FAIL. Uses r0-r5 and 4 bytes at r10 + counter_off.
 */
void record_emit_output(struct builder *b, int ctx, int counter_off);

/*
 * Emit, first in a syscall's exit program: r6 = ctx (r1); r7 =
 * map[current tid] (key left at key_off), or goto "out"; r8 = the
 * syscall's result, the format's "ret". With failed_only, a success
 * (r8 >= 0) goes to "forget", where the entry is to be deleted.
 */
void record_emit_result(struct builder *b, const struct tp_format *fmt,
			const char *map, int key_off, bool failed_only);

/* Emit: delete map[key at key_off]. Uses r0-r5. */
void record_emit_forget(struct builder *b, const char *map, int key_off);

/*
 * Emit, last in a syscall's exit program: "forget", where map[key at
 * key_off] goes whatever happened, then "out": return 0.
 */
void record_emit_done(struct builder *b, const char *map, int key_off);

/*
 * Who and when, as every record says it: the time, the thread and its
 * process, the user, the task's name. Each emitter writes at rec + off,
 * rec any register but r0-r5 (r10 for a record on the stack).
 */
#define RECORD_COMM_LEN	16	/* TASK_COMM_LEN */

/* Emit: *(u64 *)(rec + off) = bpf_ktime_get_ns(). Uses r0. */
void record_emit_time(struct builder *b, int rec, int off);

/*
 * Emit: *(u64 *)(rec + off) = *(u64 *)(rec + time_off) -
 * *(u64 *)(start + start_off): how long since a start kept in a map,
 * to the record's own time. Uses r1 and r2.
 */
void record_emit_elapsed(struct builder *b, int rec, int off, int time_off,
			 int start, int start_off);

/*
 * Emit: the current thread id at rec + tid_off and its process id at
 * rec + pid_off (u32 each). Leaves r0 = the process id.
 */
void record_emit_ids(struct builder *b, int rec, int tid_off, int pid_off);

/* Emit: the current task's comm, RECORD_COMM_LEN bytes at rec + off. Uses r0-r5. */
void record_emit_comm(struct builder *b, int rec, int off);

/* A field of struct record_who the record does not have. */
#define RECORD_NONE	INT16_MIN

/* Where a record keeps who and when: offsets from rec, or RECORD_NONE. */
struct record_who {
	__s16 time_ns, pid, tid, uid, comm;
};

/*
 * Emit: the record's time_ns, tid and pid, then uid and comm unless
 * RECORD_NONE, as of now, in that order. Uses r0-r5; without uid and
 * comm, leaves r0 = the process id.
 */
void record_emit_who(struct builder *b, int rec, const struct record_who *w);

#endif /* BAREBPF_PROGS_RECORD_H */
