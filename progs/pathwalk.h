/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A process's directory (its cwd, or the file behind a dirfd) named from
 * inside the kernel, so that a relative path can be made absolute after
 * the process has gone. The program climbs dentry->d_parent to the root
 * of each mount and crosses to the mount it sits on, up to the root of
 * the mount namespace, as the kernel's d_path() does. A chroot is not
 * honoured: the names are those seen from outside, like /proc/PID/cwd
 * read by a tracer.
 *
 * Struct offsets come from the kernel's BTF at run time; a kernel without
 * BTF, or whose structs lack a member, gets no walk at all and the tool
 * falls back to /proc.
 *
 * The walk writes the names leaf first, each NUL-terminated:
 *	cwd /tmp/a/b  ->  "b\0a\0tmp\0"		(the root itself adds nothing)
 * and says whether it reached the root (PATHWALK_WHOLE) or stopped short
 * (PATHWALK_CUT: too deep, too long, a read that failed).
 */
#ifndef BAREBPF_PROGS_PATHWALK_H
#define BAREBPF_PROGS_PATHWALK_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/btf.h"
#include "progs/features.h"

#define PATHWALK_MAX		4096	/* bytes of names: PATH_MAX, as d_path() */
#define PATHWALK_NAME_MAX	256	/* one name: NAME_MAX and its NUL */
#define PATHWALK_DEPTH		32	/* steps: names plus mounts crossed */

enum pathwalk_state {
	PATHWALK_NONE,			/* not walked: absolute path, or no BTF */
	PATHWALK_WHOLE,			/* every name up to the root */
	PATHWALK_CUT,			/* stopped short: names are partial */
};

/* Byte offsets of the members the walk reads. */
struct pathwalk_offsets {
	__u32 task_fs, task_files;	/* struct task_struct */
	__u32 fs_pwd;			/* struct fs_struct */
	__u32 files_fdt;		/* struct files_struct */
	__u32 fdt_max_fds, fdt_fd;	/* struct fdtable */
	__u32 file_path;		/* struct file: f_path */
	__u32 path_mnt, path_dentry;	/* struct path */
	__u32 dentry_parent, dentry_name; /* struct dentry: d_parent, d_name */
	__u32 qstr_name;		/* struct qstr */
	__u32 mount_parent, mount_mountpoint, mount_mnt; /* struct mount */
	__u32 vfsmount_root;		/* struct vfsmount: mnt_root */
};

/*
 * Fill o from btf. -ENOENT when a struct or member is missing, -EINVAL
 * when one is not what the walk reads (a pointer of 8 bytes, say); what
 * (len bytes) then names it: "struct mount has no member mnt_parent".
 */
int pathwalk_offsets__from_btf(struct pathwalk_offsets *o,
			       const struct btf *btf, char *what, size_t len);

/* Where the walk finds its inputs and leaves its output. */
struct pathwalk_regs {
	int rec;		/* callee-saved register: the record (map value) */
	int dst;		/* callee-saved: where names go, PATHWALK_MAX bytes */
	int cur;		/* a callee-saved register the walk may use */
	__s16 dirfd_off;	/* in the record: s32 dirfd, AT_FDCWD for the cwd */
	__s16 len_off;		/* in the record: u32 bytes of names written */
	__s16 state_off;	/* in the record: u32 enum pathwalk_state */
	__s16 stack_off;	/* a struct pathwalk_stack at r10 + stack_off */
};

/*
 * The walk's stack, in the caller's frame: a and b take what each read
 * brings in; mnt and root hold the mount being climbed (a struct mount *)
 * and its root dentry; round counts a bounded loop's rounds.
 */
struct pathwalk_stack {
	__u64 a, b, mnt, root, round;
};

/*
 * Emit the walk of the current task's directory. Falls through when done,
 * whatever the outcome; uses r0-r5, cur and the stack given. Labels start
 * with "pw_": emit it once per program.
 */
void pathwalk_emit(struct builder *b, const struct pathwalk_offsets *o,
		   const struct prog_features *f, const struct pathwalk_regs *r);

/*
 * User space: join the names (len bytes, as the walk wrote them) under
 * "/" and append rel: "b\0a\0" and "f" give "/a/b/f"; with rel NULL, the
 * names are a file's own: "b\0a\0" gives "/a/b", none "/". Returns the length
 * written to buf (NUL-terminated), -EINVAL when the names do not end in a
 * NUL, -ENAMETOOLONG when buf is too small.
 */
int pathwalk_join(const char *names, size_t len, const char *rel, char *buf,
		  size_t size);

#endif /* BAREBPF_PROGS_PATHWALK_H */
