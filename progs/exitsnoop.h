/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exitsnoop: one record per process (or, with -T, per thread) that ends,
 * sent from sched_process_exit, which says who but not how. How comes
 * from one of two places:
 *
 * With BTF, the exit program reads the task: the wait status a parent
 * would get, exactly as wait_task_zombie() computes it: signal_struct's
 * group_exit_code during a group exit, else the leader's exit_code
 * (0x80 set when a core was dumped); the process's start time and
 * parent too.
 *
 * Without BTF, programs on the tracepoints that lead to an exit keep
 * the status per process until it ends:
 *   sys_enter_exit_group  code << 8 for the whole group
 *   sys_enter_exit        code << 8 for the thread (the last thread's is
 *                         the process's, as 5.18's synchronize_group_exit()
 *                         makes it)
 *   signal_deliver        a fatal signal with the default action: its
 *                         number. A fatal signal that the sender's
 *                         complete_signal() turned into a group SIGKILL
 *                         is delivered as SIGKILL, so signal_generate
 *                         keeps the signal each task was last sent, and
 *                         a SIGKILL delivery reports that one.
 *   task_newtask          start time and parent of new tasks
 * Whether a core was dumped shows only in the SIGCHLD the dying task
 * sends its parent (si_code CLD_DUMPED), after sched_process_exit: so an
 * exit by a signal that dumps core waits in "held" until that
 * signal_generate, or until sched_process_free for a parent that
 * ignores SIGCHLD (then the core is not known and not claimed).
 */
#ifndef BAREBPF_PROGS_EXITSNOOP_H
#define BAREBPF_PROGS_EXITSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/probe.h"

struct btf;

#define EXITSNOOP_COMM_LEN	16
#define EXITSNOOP_TRACKED	16384	/* tasks with state kept at once */
#define EXITSNOOP_HELD		1024	/* exits waiting for their SIGCHLD */

/* wait(2) status: the same bits the kernel keeps in exit_code */
#define EXIT_STATUS_SIGNAL	0x7f	/* the signal that ended it, or 0 */
#define EXIT_STATUS_CORE	0x80
#define EXIT_STATUS_CODE_SHIFT	8	/* exit(2)'s code, 8 bits, above */
#define EXIT_STATUS_CODE_MASK	0xff

struct exitsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 start_ns;		/* process (-T: thread) start, same clock; 0: unknown */
	__u32 pid;
	__u32 tid;		/* the thread whose exit ended it */
	__u32 ppid;		/* 0: unknown */
	__u32 status;		/* code << 8, or signal | EXIT_STATUS_CORE */
	char comm[EXITSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct exitsnoop_event, pid) == 16, "exitsnoop_event layout");
_Static_assert(offsetof(struct exitsnoop_event, status) == 28, "exitsnoop_event layout");
_Static_assert(sizeof(struct exitsnoop_event) == 48, "exitsnoop_event layout");

/* Byte offsets the exit program reads, from BTF. */
struct exitsnoop_offsets {
	__u32 task_exit_code, task_signal, task_group_leader;
	__u32 task_real_parent, task_tgid, task_start_time;
	__u32 signal_flags, signal_group_exit_code;
};

/* Fill o from btf: 0, or -errno with what (len bytes) naming what is amiss. */
int exitsnoop_offsets__from_btf(struct exitsnoop_offsets *o,
				const struct btf *btf, char *what, size_t len);

/* Without BTF: the status kept for a process ("exit_groups" value). */
struct exitsnoop_group {
	__u32 status;
	__u32 source;		/* enum exitsnoop_source */
};

/* Where a kept status came from: a stronger one replaces a weaker. */
enum exitsnoop_source {
	EXIT_SOURCE_GUESS = 1,	/* SIGKILL delivered, nothing says why */
	EXIT_SOURCE_GROUP,	/* exit_group(2) or a fatal signal: final */
};

/* Without BTF: what task_newtask saw ("births" value). */
struct exitsnoop_birth {
	__u64 start_ns;
	__u32 ppid;		/* 0 for a thread, or unknown */
	__u32 pad;
};

struct exitsnoop_config {
	const struct prog_features *features;
	const struct exitsnoop_offsets *offsets;	/* NULL: no BTF */
	long pid;		/* -1: any */
	int failed_only;
	int threads;		/* -T: every thread, not only processes */
	int tree;		/* only threads in the "tree" map */
	int group_dead;		/* sched_process_exit has group_dead */
};

/*
 * The programs; ctx is a struct exitsnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->tree; the exit program removes exiting
 * threads itself) and, without BTF, "exit_groups" (LRU u32 tgid ->
 * struct exitsnoop_group), "exit_threads" (LRU u32 tid -> u32 status),
 * "exit_signals" (LRU u32 tid -> u32 signal), "births" (LRU u32 tid ->
 * struct exitsnoop_birth) and "held" (hash u32 tid -> struct
 * exitsnoop_event). LRU, because a task can end with state kept that
 * no exit removes (a signal never delivered, an unkillable init); each
 * entry is otherwise removed when its task exits, and a process's when
 * it ends: at the exit group_dead marks, or, on a kernel without that
 * field, when its leader is freed (its threads may outlive its exit;
 * none outlives its release).
 */
int exitsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_exit_group(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_thread_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_generate(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_deliver(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_newtask(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_exec(struct builder *b, const struct tp_format *fmt, void *cfg);
int exitsnoop_build_free(struct builder *b, const struct tp_format *fmt, void *cfg);

/*
 * Their tracepoints (progs/exitsnoop.c): with BTF the first, the exit
 * program, alone; without, all, the others keeping the status for it.
 */
extern const struct probe exitsnoop_probes[8];

#endif /* BAREBPF_PROGS_EXITSNOOP_H */
