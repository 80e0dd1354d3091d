/* SPDX-License-Identifier: GPL-2.0 */
/*
 * biosnoop: block I/O requests from their making to their completion,
 * kept in a hash keyed by (dev, sector), which every block tracepoint
 * gives and which names one request in flight (no tracepoint record
 * gives the struct request's address).
 *
 * Who made a request is taken where the kernel makes it, in the task
 * that submitted the I/O:
 *	block_io_start (6.5+)	a request made from a bio: the entry
 *				starts here; insert is not watched
 *	before that:
 *	block_rq_insert		the request enters the I/O scheduler
 *	block_rq_issue		or, issued at once (no scheduler, a plug
 *				flushed), the first the request is seen
 * then:
 *	block_rq_issue		sent to the device: latency starts
 *	block_rq_complete	done: one record, and the entry goes
 *	block_rq_merge		merged into another request (where the
 *				kernel has it): it will not complete on its
 *				own, so the entry goes
 * The map is an LRU: a request whose end no tracepoint reports (a
 * partial completion's rest, one in flight when tracing began) is
 * pushed out by newer ones rather than kept for ever.
 */
#ifndef BAREBPF_PROGS_BIOSNOOP_H
#define BAREBPF_PROGS_BIOSNOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define BIOSNOOP_COMM_LEN	16
#define BIOSNOOP_RWBS_LEN	16	/* the kernel's rwbs: 8 bytes, 10 on newer kernels */
#define BIOSNOOP_IN_FLIGHT	16384	/* requests made and not completed */

/* The kernel's dev_t in block tracepoints: MAJOR << 20 | MINOR. */
#define BIOSNOOP_MINOR_BITS	20
#define BIOSNOOP_MAJOR(dev)	((unsigned int)((dev) >> BIOSNOOP_MINOR_BITS))
#define BIOSNOOP_MINOR(dev)	((unsigned int)((dev) & ((1u << BIOSNOOP_MINOR_BITS) - 1)))
#define BIOSNOOP_DEV(major, minor) \
	((__u32)(((major) << BIOSNOOP_MINOR_BITS) | (minor)))

struct biosnoop_key {
	__u64 sector;
	__u32 dev;		/* the kernel's dev_t */
	__u32 pad;
};

_Static_assert(sizeof(struct biosnoop_key) == 16, "biosnoop_key layout");

/* A request in flight ("requests" map value). */
struct biosnoop_request {
	__u64 queued_ns;	/* made (block_io_start) or inserted; 0: not seen */
	__u64 issue_ns;		/* sent to the device; 0: not yet */
	__u32 pid;		/* who made it */
	__u32 tid;
	__u32 bytes;		/* as issued */
	__u32 pad;
	char comm[BIOSNOOP_COMM_LEN];
};

_Static_assert(sizeof(struct biosnoop_request) == 48, "biosnoop_request layout");

struct biosnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at completion */
	__u64 sector;
	__s64 queue_ns;		/* made or inserted to issued; -1: not seen */
	__u64 latency_ns;	/* issued to completed */
	__u32 dev;		/* the kernel's dev_t: BIOSNOOP_MAJOR(), _MINOR() */
	__u32 pid;
	__u32 tid;
	__u32 bytes;
	__s32 error;		/* 0, or the completion's -errno */
	__u32 pad;
	char comm[BIOSNOOP_COMM_LEN];
	char rwbs[BIOSNOOP_RWBS_LEN];	/* "R", "WS", "FWFS": blk_fill_rwbs()'s */
};

_Static_assert(offsetof(struct biosnoop_event, dev) == 32, "biosnoop_event layout");
_Static_assert(offsetof(struct biosnoop_event, comm) == 56, "biosnoop_event layout");
_Static_assert(sizeof(struct biosnoop_event) == 88, "biosnoop_event layout");

struct biosnoop_config {
	const struct prog_features *features;
	struct task_filter who;	/* the maker: -p, -t, -- COMMAND */
	__u32 dev;		/* -d: the kernel's dev_t; 0: every disk */
	bool made_at_start;	/* block_io_start is there: made there only */
};

/*
 * Programs; cfg is a struct biosnoop_config. Maps: "events", "counters",
 * "tree" (with cfg->who.tree) and "requests" (LRU hash struct
 * biosnoop_key -> struct biosnoop_request). biosnoop_build_make serves
 * block_io_start and block_rq_insert, biosnoop_build_issue
 * block_rq_issue, biosnoop_build_complete block_rq_complete and
 * biosnoop_build_forget block_rq_merge.
 */
int biosnoop_build_make(struct builder *b, const struct tp_format *fmt, void *cfg);
int biosnoop_build_issue(struct builder *b, const struct tp_format *fmt, void *cfg);
int biosnoop_build_complete(struct builder *b, const struct tp_format *fmt, void *cfg);
int biosnoop_build_forget(struct builder *b, const struct tp_format *fmt, void *cfg);

/*
 * Complete, merge and issue; then one of the two where requests are
 * made: [0] block_io_start where the kernel has it, else [1] insert.
 */
extern const struct probe biosnoop_probes[3];
extern const struct probe biosnoop_make_probes[2];

#endif /* BAREBPF_PROGS_BIOSNOOP_H */
