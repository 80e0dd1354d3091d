/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The process-tree filter behind "-- COMMAND": a hash of thread ids that
 * belong to the tree. User space seeds it with COMMAND's pid before
 * letting it run; sched_process_fork adds every child (threads too) of a
 * member from inside the kernel, so no short-lived child is missed, and
 * sched_process_exit removes members so pids cannot be reused into it.
 */
#ifndef BAREBPF_PROGS_TREE_H
#define BAREBPF_PROGS_TREE_H

#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"

/* Threads the tree can hold at once. */
#define TREE_MAX_ENTRIES 16384

/* The "tree" map: u32 tid -> u32 (1). Returns an fd or -errno. */
int tree_map_create(void);

/*
 * Emit: unless the current thread is in "tree", goto skip. Uses r0-r5 and
 * the 4 stack bytes at r10 + stack_off.
 */
void tree_emit_filter(struct builder *b, const char *skip, int stack_off);

/* sched:sched_process_fork: a member's child joins the tree. */
int tree_build_fork(struct builder *b, const struct tp_format *fmt, void *unused);

/* sched:sched_process_exit: the exiting thread leaves the tree. */
int tree_build_exit(struct builder *b, const struct tp_format *fmt, void *unused);

/* Emit the removal alone, for a tool with its own sched_process_exit program. */
void tree_emit_forget(struct builder *b, int stack_off);

/*
 * Their tracepoints: fork, then exit (left out by a tool whose own exit
 * program removes the thread).
 */
extern const struct probe tree_probes[2];

#endif /* BAREBPF_PROGS_TREE_H */
