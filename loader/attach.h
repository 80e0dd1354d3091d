/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attaching a program to a tracepoint through a perf event: open the
 * event, hand it the program (PERF_EVENT_IOC_SET_BPF), enable it. Works
 * from kernel 4.7 on. The attachment lives exactly as long as the
 * returned fd: closing it, or exiting in any way, detaches.
 */
#ifndef BAREBPF_LOADER_ATTACH_H
#define BAREBPF_LOADER_ATTACH_H

#include <linux/types.h>

/* Returns the perf event fd, or -errno. */
int tracepoint_attach(int prog_fd, __u32 tp_id);

/* Disable and close what tracepoint_attach() returned. */
void tracepoint_detach(int perf_fd);

/*
 * Detach n attachments at once. Each close waits for the kernel to be
 * sure no CPU still runs the program (an RCU grace period, tens of
 * milliseconds); closing each from its own child process lets the waits
 * overlap instead of adding up. Sets every fd to -1.
 */
void tracepoint_detach_all(int *perf_fds, int n);

/*
 * Detach n attachments without waiting for the kernel's bookkeeping.
 * Closing a perf event takes its program out of the tracepoint at once;
 * what costs the RCU grace periods comes after, when the tracepoint's
 * perf hook is unregistered. So the fds are handed to a closer process
 * of their own: it closes them (each in a child sharing its fd table,
 * so the waits overlap) and exits when the kernel is done, by which
 * time the caller may be long gone. The closer holds nothing else
 * (no pipe a shell reads to its end, no map). Sets every fd to -1.
 * Returns the closer's pid, 0 when there was nothing to close, or
 * -errno when no closer could be started (the fds are then closed here,
 * waiting, as tracepoint_detach_all does).
 */
int tracepoint_detach_background(int *perf_fds, int n);

#endif /* BAREBPF_LOADER_ATTACH_H */
