/* SPDX-License-Identifier: GPL-2.0 */
/*
 * barebpf's configuration from the environment, read once by the
 * dispatcher before any command runs and passed down from there as
 * options: loader/ and progs/ never read the environment, and change
 * nothing on the system (no mount) unless told to here. Each variable
 * forces what an older kernel would make barebpf do, so those paths run
 * on a new kernel too (README: "What it needs from the kernel").
 */
#ifndef BAREBPF_TOOLS_CONFIG_H
#define BAREBPF_TOOLS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct btf;

struct tool_config {
	const char *tracefs;	/* BAREBPF_TRACEFS=DIR: this tracefs, no other */
	bool force_debugfs;	/* BAREBPF_FORCE_DEBUGFS: through debugfs (< 4.1) */
	bool force_probe_read;	/* BAREBPF_FORCE_PROBE_READ: bpf_probe_read (< 5.5) */
	bool force_unroll;	/* BAREBPF_FORCE_UNROLL: loops unrolled (< 5.3) */
	bool force_prealloc;	/* BAREBPF_FORCE_PREALLOC: hash maps preallocated (< 6.1) */
	bool no_btf;		/* BAREBPF_NO_BTF: as if the kernel had none */
	bool no_prepare_exec;	/* BAREBPF_NO_PREPARE_EXEC: execs read as < 6.10 */
	bool keep_args;		/* BAREBPF_KEEP_ARGS: buildtrace as on arm64 */
	__u32 verifier_log;	/* BAREBPF_VERIFIER_LOG=1|2: every load's log */
};

/* What the dispatcher read (all zero before). */
extern struct tool_config tool_config;

/*
 * Fill c from the environment. A flag is set by any value but empty or
 * "0"; BAREBPF_VERIFIER_LOG takes 1 or 2 only.
 */
void tool_config__read(struct tool_config *c);

/*
 * tracefs as tool_config says: BAREBPF_TRACEFS's directory, else a
 * mounted tracefs (or debugfs's tracing/), else one mounted now. Returns
 * its path, or NULL with errno set (tracefs_find()'s).
 */
const char *tool_tracefs(void);

/*
 * The running kernel's BTF, or NULL with why (len bytes) saying why not:
 * "BAREBPF_NO_BTF is set", or what reading /sys/kernel/btf/vmlinux
 * gave. Free it with btf__free().
 */
struct btf *tool_btf(char *why, size_t len);

#endif /* BAREBPF_TOOLS_CONFIG_H */
