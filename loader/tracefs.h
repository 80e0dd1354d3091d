/* SPDX-License-Identifier: GPL-2.0 */
/* Finding tracefs (and mounting it, when the caller asks). */
#ifndef BAREBPF_LOADER_TRACEFS_H
#define BAREBPF_LOADER_TRACEFS_H

#include <stdbool.h>
#include <stddef.h>

struct tracefs_opts {
	const char *path;	/* this directory, and no other (tests' fixtures) */
	bool only_debugfs;	/* debugfs's tracing/ only, as before 4.1 */
	bool mount;		/* mount one when none is (it changes the system) */
};

/*
 * The tracefs directory: opts->path when given, else tracefs at
 * /sys/kernel/tracing, else a tracefs mount named in /proc/mounts, else
 * debugfs's tracing/ directory; with opts->mount, else a fresh tracefs
 * mount at /sys/kernel/tracing, else debugfs mounted at /sys/kernel/debug
 * (its tracing/, the only place before 4.1). The first answer is kept for the life of the process,
 * whatever opts later calls give. Returns NULL with errno set when none
 * can be had (ENOENT; or the first mount's error: EPERM when not root,
 * ENODEV without tracefs), or EACCES when one is mounted but its events/
 * may not be read (tracefs is mode 0700: CAP_DAC_READ_SEARCH is
 * missing); tracefs_denied() then names it, and no other mount is tried.
 */
const char *tracefs_find(const struct tracefs_opts *opts);

/* The directory tracefs_find() kept; before any, a mounted one, if any. */
const char *tracefs_dir(void);

/* The mount tracefs_dir() found but could not read, or NULL. */
const char *tracefs_denied(void);

/* Read tracefs-relative file rel whole, NUL-terminated. NULL + errno. */
char *tracefs_read(const char *rel, size_t *len);

/* Open a tracefs-relative path. Returns an fd or -errno. */
int tracefs_open(const char *rel, int flags);

#endif /* BAREBPF_LOADER_TRACEFS_H */
