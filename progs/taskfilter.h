/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who a program traces: the filters on the current task that every tool
 * with -p, -u or "-- COMMAND" emits first, so an event of anyone else
 * costs a few instructions and no map entry.
 */
#ifndef BAREBPF_PROGS_TASKFILTER_H
#define BAREBPF_PROGS_TASKFILTER_H

#include "asm/builder.h"

struct task_filter {
	long pid;		/* -1: any */
	long long uid;		/* -1: any; up to 2^32 - 2, past a 32-bit long */
	int tree;		/* only threads in the "tree" map */
	long tid;		/* > 0: this thread only (0 is never a caller) */
};

/*
 * Emit: unless the current task passes f, goto skip. Uses r0-r5 and 4
 * bytes of stack at r10 + stack_off.
 */
void task_filter_emit(struct builder *b, const struct task_filter *f,
		      const char *skip, int stack_off);

#endif /* BAREBPF_PROGS_TASKFILTER_H */
