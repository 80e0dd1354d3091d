/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-kernel drop counters: every place a program gives up on an event
 * (a full pairing map, a full tree, or one that allocates as it fills
 * finding no memory) counts it here, so that no loss is silent. A
 * per-CPU array, so counting needs no atomics.
 */
#ifndef BAREBPF_PROGS_COUNTERS_H
#define BAREBPF_PROGS_COUNTERS_H

#include <linux/types.h>
#include "asm/builder.h"

enum counter {
	COUNTER_PAIR_FULL,	/* syscall entry not kept: pairing map full */
	COUNTER_TREE_FULL,	/* child not added: tree map full */
	COUNTER_OUTPUT_FAIL,	/* bpf_perf_event_output() failed */
	COUNTER_COUNT_FULL,	/* not counted: a counting map full */
	COUNTER_BATCH_LOST,	/* records sent in a batch the ring had no room for */
	NR_COUNTERS,
};

/* The "counters" map. Returns an fd or -errno. */
int counters_map_create(void);

/* Emit: counters[idx] += 1. Uses r0-r2 and 4 stack bytes at r10 + stack_off. */
void counter_emit_inc(struct builder *b, enum counter idx, int stack_off);

/* Sum of counter idx over all CPUs, or 0 when it cannot be read. */
__u64 counter_read(int map_fd, enum counter idx);

/* Text for reports: "pairing map full", ... */
const char *counter_name(enum counter idx);

#endif /* BAREBPF_PROGS_COUNTERS_H */
