/* SPDX-License-Identifier: GPL-2.0 */
/* Facts about live processes from /proc, for what records leave out. */
#ifndef BAREBPF_TOOLS_PROCFS_H
#define BAREBPF_TOOLS_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* The parent of pid, or 0 when pid is gone. */
pid_t proc_ppid(pid_t pid);

/*
 * The target of /proc/PID/cwd (fd < 0) or /proc/PID/fd/FD, into buf.
 * Returns 0, or -errno (ENOENT once the process is gone).
 */
int proc_path(pid_t pid, int fd, char *buf, size_t len);

/*
 * The value of a "NAME:   N kB" line of /proc/meminfo ("MemFree"), in
 * KiB; -errno (ENOENT: no such line) when it cannot be read.
 */
long long proc_meminfo_kb(const char *name);

#endif /* BAREBPF_TOOLS_PROCFS_H */
