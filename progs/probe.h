/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A program and the tracepoint it is for, named together as
 * libbpf-tools' SEC("tracepoint/syscalls/sys_enter_openat") names them.
 * Each progs/<tool>.c lists its probes beside its builders, in the order
 * they are to be attached; the tool hands the list to its session
 * (tools/lib/session.h), which builds, loads and attaches each.
 */
#ifndef BAREBPF_PROGS_PROBE_H
#define BAREBPF_PROGS_PROBE_H

#include <stddef.h>
#include "asm/builder.h"
#include "loader/format.h"

struct probe {
	const char *name;	/* program name the kernel shows (15 bytes kept) */
	const char *system;	/* tracepoint category: "syscalls"; "kprobe" */
	const char *event;	/* "sys_enter_openat"; a kprobe's function */
	int (*build)(struct builder *b, const struct tp_format *fmt, void *ctx);
	unsigned int flags;
};

/* The event may be missing on this kernel: skip it (noted under -v). */
#define PROBE_OPTIONAL	1
/*
 * A raw tracepoint (4.17): the program gets the tracepoint's arguments,
 * not its record, and is detached without the RCU grace periods that
 * closing a perf event costs (tens of milliseconds each).
 */
#define PROBE_RAW	2
/*
 * A kernel function's entry, through the kprobe PMU (loader/kprobe.h):
 * event names the function as /proc/kallsyms does, the program is a
 * BPF_PROG_TYPE_KPROBE whose context is the registers (progs/callregs.h),
 * and build gets no format (NULL). With PROBE_RETPROBE, its return.
 */
#define PROBE_KPROBE	4
#define PROBE_RETPROBE	8

#endif /* BAREBPF_PROGS_PROBE_H */
