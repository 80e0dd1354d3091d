/* SPDX-License-Identifier: GPL-2.0 */
/* Finding (and, when need be, mounting) tracefs. */
#ifndef BAREBPF_LOADER_TRACEFS_H
#define BAREBPF_LOADER_TRACEFS_H

#include <stddef.h>

/*
 * The tracefs directory: a tracefs mount named in /proc/mounts, else
 * debugfs's tracing/ directory, else a fresh tracefs mount at
 * /sys/kernel/tracing, else debugfs mounted at /sys/kernel/debug (its
 * tracing/, the only place before 4.1). $BAREBPF_FORCE_DEBUGFS=1 takes
 * the debugfs way only, as on those kernels; $BAREBPF_TRACEFS overrides
 * the search (tests point it at fixtures). The answer is kept for the
 * life of the process. Returns NULL with errno set when none can be had
 * (the first mount's error: EPERM when not root, ENODEV without tracefs),
 * or EACCES when one is mounted but its events/ may not be read (tracefs
 * is mode 0700: CAP_DAC_READ_SEARCH is missing); tracefs_denied() then
 * names it, and no other mount is tried.
 */
const char *tracefs_dir(void);

/* The mount tracefs_dir() found but could not read, or NULL. */
const char *tracefs_denied(void);

/* Read tracefs-relative file rel whole, NUL-terminated. NULL + errno. */
char *tracefs_read(const char *rel, size_t *len);

/* Open a tracefs-relative path. Returns an fd or -errno. */
int tracefs_open(const char *rel, int flags);

#endif /* BAREBPF_LOADER_TRACEFS_H */
