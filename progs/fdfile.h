/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A file descriptor of the current task to its struct file, read in the
 * kernel with offsets from BTF, as fget() finds it:
 *
 *	current->files->fdt->fd[fd]	if 0 <= fd < fdt->max_fds
 *
 * The socket tools go on from the file to its socket (progs/sockfd.h),
 * ttysnoop to the device its inode stands for.
 */
#ifndef BAREBPF_PROGS_FDFILE_H
#define BAREBPF_PROGS_FDFILE_H

#include <linux/types.h>
#include "asm/builder.h"
#include "progs/features.h"
#include "progs/kernel_offsets.h"

/* Byte offsets of the members read. */
struct fdfile_offsets {
	__u32 task_files;		/* struct task_struct */
	__u32 files_fdt;		/* struct files_struct */
	__u32 fdt_max_fds, fdt_fd;	/* struct fdtable */
};

/* Entries fdfile_members() fills. */
#define FDFILE_MEMBERS	4

/*
 * The members the walk reads, as kernel_members_resolve() takes them,
 * into m[0..FDFILE_MEMBERS), their offsets to go to o.
 */
void fdfile_members(struct fdfile_offsets *o, struct kernel_member *m);

/* The stack fdfile_emit_file() uses: what reads bring in, the file, the fd. */
struct fdfile_stack {
	__u64 a, file, fd;
};

/*
 * Emit: dst = the struct file * behind fd (in r1, an s32) of the current
 * task, or goto fail: a negative or closed fd, one past the table, a read
 * that failed. dst is a callee-saved register; uses r0-r5 and a struct
 * fdfile_stack at r10 + stack_off, the file pointer left in its file.
 */
void fdfile_emit_file(struct builder *b, const struct fdfile_offsets *o,
		      const struct prog_features *f, int dst, int stack_off,
		      const char *fail);

/*
 * Emit: dst = *(u64 *)(src + off), read by way of the u64 stack slot at
 * r10 + slot, or goto fail. Uses r0-r5.
 */
void fdfile_emit_follow(struct builder *b, const struct prog_features *f,
			int dst, int src, __u32 off, int slot, const char *fail);

#endif /* BAREBPF_PROGS_FDFILE_H */
