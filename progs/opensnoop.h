/* SPDX-License-Identifier: GPL-2.0 */
/*
 * opensnoop: open, openat and openat2, paired entry to exit through a
 * hash keyed by thread id. Entry keeps the caller's arguments; exit reads
 * the path (resident by then: the kernel has just read it) and sends one
 * record, cut to the path's length, and always removes the entry.
 *
 * With a struct pathwalk_offsets (-F on a kernel with BTF), exit also
 * names the directory a relative path was opened in, in the same record:
 *
 *	header | path, NUL | dir_len bytes of names (progs/pathwalk.h)
 *
 * e.g. openat(AT_FDCWD, "f") in /tmp/a sends "f\0" "a\0tmp\0", dir_len 6,
 * dir_state PATHWALK_WHOLE. One record, so the names can neither be lost
 * nor be paired with another open's path.
 */
#ifndef BAREBPF_PROGS_OPENSNOOP_H
#define BAREBPF_PROGS_OPENSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/taskfilter.h"
#include "progs/pathwalk.h"
#include "progs/probe.h"

#define OPENSNOOP_PATH_MAX	4096	/* PATH_MAX: no path is cut */
#define OPENSNOOP_COMM_LEN	16
#define OPENSNOOP_IN_FLIGHT	8192	/* opens between entry and exit */

struct opensnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 flags;		/* O_* flags as passed */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 ret;		/* fd, or -errno */
	__s32 dirfd;		/* AT_FDCWD (-100) for open() */
	__u32 mode;
	char comm[OPENSNOOP_COMM_LEN];
	__u32 dir_len;		/* bytes of names after the path's NUL */
	__u32 dir_state;	/* enum pathwalk_state */
	/* The path as passed, its NUL, then dir_len bytes of names. */
	char path[OPENSNOOP_PATH_MAX + PATHWALK_MAX];
};

_Static_assert(offsetof(struct opensnoop_event, pid) == 16, "opensnoop_event layout");
_Static_assert(offsetof(struct opensnoop_event, dir_len) == 56, "opensnoop_event layout");
/* Exit zeroes both with one 8-byte store. */
_Static_assert(offsetof(struct opensnoop_event, dir_state) == 60, "opensnoop_event layout");
_Static_assert(offsetof(struct opensnoop_event, path) == 64, "opensnoop_event layout");
_Static_assert(sizeof(struct opensnoop_event) == 64 + 4096 + 4096, "opensnoop_event layout");

/* What entry keeps for exit ("opens" map value). */
struct opensnoop_pending {
	__u64 filename_ptr;
	__u64 flags;
	__u32 mode;
	__s32 dirfd;
};

_Static_assert(sizeof(struct opensnoop_pending) == 24, "opensnoop_pending layout");

struct opensnoop_config {
	const struct prog_features *features;
	struct task_filter who;	/* -p, -t, -u, -- COMMAND */
	int failed_only;
	/* Name the directory of relative paths in the kernel (-F), or NULL. */
	const struct pathwalk_offsets *walk;
};

/*
 * Programs; ctx is a struct opensnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->tree), "opens" (hash u32 tid ->
 * struct opensnoop_pending) and "open_scratch" (per-CPU array of one
 * struct opensnoop_event). The entry program serves open, openat and
 * openat2 alike, telling them apart by the fields of their format.
 */
int opensnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int opensnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: each call's exit, then its entry (progs/opensnoop.c). */
extern const struct probe opensnoop_probes[6];

#endif /* BAREBPF_PROGS_OPENSNOOP_H */
