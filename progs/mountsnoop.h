/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mountsnoop: mount, umount and the file-descriptor mount API (fsopen,
 * fsconfig, fsmount, move_mount, fspick, open_tree), paired entry to
 * exit through a hash keyed by thread id. Entry keeps the raw arguments;
 * exit reads the string arguments (resident by then: the kernel has just
 * read them), packs them one after another, NUL-terminated, and sends
 * one record cut after the last; it always removes the entry. Each call
 * returns to its caller, even one killed inside it, so every entry meets
 * its exit: nothing stays behind in the map.
 *
 * MNT_NS comes from task->nsproxy->mnt_ns->ns.inum when the kernel's BTF
 * gives those offsets; without them it is 0 here and the tool reads
 * /proc/PID/ns/mnt instead.
 */
#ifndef BAREBPF_PROGS_MOUNTSNOOP_H
#define BAREBPF_PROGS_MOUNTSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

struct btf;

#define MOUNTSNOOP_COMM_LEN	16
#define MOUNTSNOOP_ARGS		5	/* mount and move_mount take five */
#define MOUNTSNOOP_STR_MAX	4096	/* PATH_MAX: no path is cut */
#define MOUNTSNOOP_STRS		4	/* strings one call takes, at most */
#define MOUNTSNOOP_IN_FLIGHT	1024	/* calls between entry and exit */

enum mountsnoop_call {
	MOUNT_CALL_MOUNT,
	MOUNT_CALL_UMOUNT,
	MOUNT_CALL_FSOPEN,
	MOUNT_CALL_FSCONFIG,
	MOUNT_CALL_FSMOUNT,
	MOUNT_CALL_MOVE_MOUNT,
	MOUNT_CALL_FSPICK,
	MOUNT_CALL_OPEN_TREE,
	NR_MOUNT_CALLS,
};

/* What an argument is, for the program (strings) and for printing. */
enum mountsnoop_arg {
	MARG_NONE,		/* no more arguments */
	MARG_STR,		/* a user string */
	MARG_FD,		/* a file descriptor */
	MARG_DFD,		/* a directory fd, maybe AT_FDCWD */
	MARG_INT,
	MARG_MS_FLAGS,		/* mount(2): MS_* */
	MARG_UMOUNT_FLAGS,	/* MNT_FORCE, MNT_DETACH, ... */
	MARG_FSOPEN_FLAGS,
	MARG_FSCONFIG_CMD,
	MARG_FSMOUNT_FLAGS,
	MARG_MOUNT_ATTR,	/* MOUNT_ATTR_* */
	MARG_MOVE_MOUNT_FLAGS,
	MARG_FSPICK_FLAGS,
	MARG_OPEN_TREE_FLAGS,
};

struct mountsnoop_call_desc {
	const char *name;			/* the syscall: sys_enter_<name> */
	const char *fields[MOUNTSNOOP_ARGS];	/* its format's fields, in order */
	__u8 kinds[MOUNTSNOOP_ARGS];		/* enum mountsnoop_arg */
};

extern const struct mountsnoop_call_desc mountsnoop_calls[NR_MOUNT_CALLS];

struct mountsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 mnt_ns;		/* the caller's mount namespace inode; 0: not read */
	__u64 args[MOUNTSNOOP_ARGS];	/* as passed */
	__u32 pid;
	__u32 tid;
	__s32 ret;		/* what the call returned: 0, an fd, or -errno */
	__u32 call;		/* enum mountsnoop_call */
	__u32 unreadable;	/* bit i: string args[i] could not be read */
	__u32 str_len;		/* bytes of str used */
	char comm[MOUNTSNOOP_COMM_LEN];
	/* The string arguments in order, each NUL-terminated. */
	char str[MOUNTSNOOP_STRS * MOUNTSNOOP_STR_MAX];
};

_Static_assert(offsetof(struct mountsnoop_event, args) == 16, "mountsnoop_event layout");
_Static_assert(offsetof(struct mountsnoop_event, pid) == 56, "mountsnoop_event layout");
_Static_assert(offsetof(struct mountsnoop_event, comm) == 80, "mountsnoop_event layout");
_Static_assert(offsetof(struct mountsnoop_event, str) == 96, "mountsnoop_event layout");

/* What entry keeps for exit ("mounts" map value). */
struct mountsnoop_pending {
	__u64 args[MOUNTSNOOP_ARGS];
};

/* Byte offsets the MNT_NS read takes from BTF. */
struct mountsnoop_offsets {
	__u32 task_nsproxy;	/* struct task_struct: nsproxy */
	__u32 nsproxy_mnt_ns;	/* struct nsproxy: mnt_ns */
	__u32 mnt_ns_inum;	/* struct mnt_namespace: ns.inum */
};

/* Fill o from btf: 0, or -errno with what (len bytes) naming what is amiss. */
int mountsnoop_offsets__from_btf(struct mountsnoop_offsets *o,
				 const struct btf *btf, char *what, size_t len);

struct mountsnoop_config {
	const struct prog_features *features;
	struct task_filter who;	/* -p, -- COMMAND */
	int failed_only;
	const struct mountsnoop_offsets *offsets;	/* NULL: no MNT_NS */
};

/*
 * Programs for syscalls:sys_enter_<call> and sys_exit_<call>; cfg is a
 * struct mountsnoop_config. Maps: "events", "counters", "tree" (with
 * cfg->tree), "mounts" (hash u32 tid -> struct mountsnoop_pending) and
 * "mount_scratch" (per-CPU array of one struct mountsnoop_event).
 */
int mountsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int mountsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: a pair per call, exit first (progs/mountsnoop.c). */
extern const struct probe mountsnoop_probes[2 * NR_MOUNT_CALLS];

#endif /* BAREBPF_PROGS_MOUNTSNOOP_H */
