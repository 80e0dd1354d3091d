/* SPDX-License-Identifier: GPL-2.0 */
/*
 * threadsnoop: one record per new thread, from task:task_newtask, which
 * copy_process() fires in the creating thread with the new task's id and
 * the clone flags: a thread is a task made with CLONE_THREAD. The test
 * of the flags runs in the kernel, so a fork costs no record.
 */
#ifndef BAREBPF_PROGS_THREADSNOOP_H
#define BAREBPF_PROGS_THREADSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define THREADSNOOP_COMM_LEN	16

struct threadsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at creation */
	__u64 clone_flags;
	__u32 pid;		/* the process the thread joins */
	__u32 parent_tid;	/* the thread that made it */
	__u32 uid;
	__u32 tid;		/* the new thread */
	char comm[THREADSNOOP_COMM_LEN];	/* the maker's, which it inherits */
};

_Static_assert(offsetof(struct threadsnoop_event, pid) == 16, "threadsnoop_event layout");
_Static_assert(sizeof(struct threadsnoop_event) == 48, "threadsnoop_event layout");

struct threadsnoop_config {
	struct task_filter who;	/* the maker: -p, -- COMMAND */
};

/*
 * The program for task:task_newtask; cfg is a struct threadsnoop_config.
 * Maps: "events", "counters", "tree" (with cfg->who.tree).
 */
int threadsnoop_build(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Its one probe. */
extern const struct probe threadsnoop_probes[1];

#endif /* BAREBPF_PROGS_THREADSNOOP_H */
