/* SPDX-License-Identifier: GPL-2.0 */
/* Finding (and, when need be, mounting) tracefs. */
#ifndef BAREBPF_LOADER_TRACEFS_H
#define BAREBPF_LOADER_TRACEFS_H

#include <stddef.h>

/*
 * The tracefs directory: a tracefs mount named in /proc/mounts, else
 * debugfs's tracing/ directory, else a fresh tracefs mount at
 * /sys/kernel/tracing, else debugfs mounted at /sys/kernel/debug.
 * $BAREBPF_TRACEFS overrides the search (tests point it at fixtures).
 * Returns NULL with errno set when none can be had (EPERM when not root).
 */
const char *tracefs_dir(void);

/* Read tracefs-relative file rel whole, NUL-terminated. NULL + errno. */
char *tracefs_read(const char *rel, size_t *len);

/* Open a tracefs-relative path. Returns an fd or -errno. */
int tracefs_open(const char *rel, int flags);

#endif /* BAREBPF_LOADER_TRACEFS_H */
