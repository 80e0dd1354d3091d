/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel functions probed through the kprobe PMU (4.17+): a perf event of
 * the type /sys/bus/event_source/devices/kprobe/type names, with the
 * function's name in config1 and, for its return, the retprobe bit its
 * format file gives. Nothing is written to tracefs, and the probe lives
 * exactly as long as the returned fd: closing it, or exiting in any way,
 * removes it, as a tracepoint's attachment (loader/attach.h, whose
 * tracepoint_detach* close these too).
 *
 * A kernel built without CONFIG_KPROBES has no such PMU: every call here
 * then fails with -ENOENT, which the caller says in its own words.
 */
#ifndef BAREBPF_LOADER_KPROBE_H
#define BAREBPF_LOADER_KPROBE_H

#include <stdbool.h>
#include <stddef.h>

#define KPROBE_PMU_DIR	"/sys/bus/event_source/devices/kprobe"

/* The PMU's perf event type, or -errno (-ENOENT: this kernel has no kprobes). */
int kprobe_pmu_type(void);

/*
 * Attach prog_fd (a BPF_PROG_TYPE_KPROBE program) to the entry of the
 * kernel function func, or to its return when retprobe. Returns the
 * perf event fd, or -errno: -ENOENT for no kprobe PMU, or no such
 * function the kernel may probe (as perf_event_open(2) says it).
 */
int kprobe_attach(int prog_fd, const char *func, bool retprobe);

/*
 * The name the kernel knows func by, into buf (len bytes): func itself,
 * or the first copy the compiler made of it under another name
 * (func.isra.0, func.constprop.0, func.part.0), as /proc/kallsyms lists
 * the kernel's own functions. Returns 0, -ENOENT when neither is there
 * (inlined everywhere, or no such function), -ENAMETOOLONG, or the
 * -errno of reading /proc/kallsyms.
 */
int kprobe_function(const char *func, char *buf, size_t len);

#endif /* BAREBPF_LOADER_KPROBE_H */
