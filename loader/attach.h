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

#endif /* BAREBPF_LOADER_ATTACH_H */
