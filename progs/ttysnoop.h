/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ttysnoop: the bytes written to one terminal device, by any process,
 * from the write and writev syscall tracepoints. Which device a write
 * goes to is read in the kernel at entry: the descriptor's file, its
 * inode, the inode's device number (i_rdev), with offsets from BTF:
 *
 *	current->files->fdt->fd[fd]->f_inode->i_rdev == the tty's
 *
 * A write to it is kept by thread id until exit, which sends what was
 * written (ret bytes, read from the caller's buffer or iovecs, still
 * there and resident: the kernel has just read them) in records of at
 * most -s bytes, -c records at most per call, and always removes the
 * entry. A call cut short by -s and -c is counted in "tty_cut".
 */
#ifndef BAREBPF_PROGS_TTYSNOOP_H
#define BAREBPF_PROGS_TTYSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/btf.h"
#include "loader/format.h"
#include "progs/fdfile.h"
#include "progs/features.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define TTYSNOOP_COMM_LEN	16
#define TTYSNOOP_IN_FLIGHT	8192	/* writes between entry and exit */
#define TTYSNOOP_DATA_MAX	16384	/* -s: a record's bytes, at most */
#define TTYSNOOP_COUNT_MAX	64	/* -c: records per call, at most */

/* What entry keeps ("writes" map value). */
struct ttysnoop_pending {
	__u64 buf;		/* write's buffer, or writev's iovec array */
	__u64 vlen;		/* writev's iovec count; 0 for write */
	__s64 fd;
};

_Static_assert(sizeof(struct ttysnoop_pending) == 24, "ttysnoop_pending layout");

/* A record: this header, then len bytes written. */
struct ttysnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 count;		/* bytes the call wrote */
	__u64 offset;		/* of this record's bytes among them */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 fd;
	__u32 len;		/* bytes after the header */
	__u32 pad;
	char comm[TTYSNOOP_COMM_LEN];
	char data[];
};

_Static_assert(offsetof(struct ttysnoop_event, pid) == 24, "ttysnoop_event layout");
_Static_assert(sizeof(struct ttysnoop_event) == 64, "ttysnoop_event layout");

/* Byte offsets of the members read. */
struct ttysnoop_offsets {
	struct fdfile_offsets fd;	/* to the struct file */
	__u32 file_inode;		/* struct file: f_inode */
	__u32 inode_rdev;		/* struct inode: i_rdev, a u32 dev_t */
};

/*
 * Fill o from btf. -ENOENT when a struct or member is missing, -EINVAL
 * when one is not what is read; what (len bytes) then names it.
 */
int ttysnoop_offsets__from_btf(struct ttysnoop_offsets *o,
			       const struct btf *btf, char *what, size_t len);

struct ttysnoop_config {
	const struct prog_features *features;
	const struct ttysnoop_offsets *offsets;
	struct task_filter who;	/* the writer: -p, -- COMMAND */
	__u32 self;		/* the tool's own pid: its writes are not shown */
	__u32 rdev;		/* the tty, as the kernel numbers it: MAJOR << 20 | MINOR */
	__u32 size;		/* -s: bytes per record */
	__u32 count;		/* -c: records per call */
};

/*
 * Programs; cfg is a struct ttysnoop_config. Maps: "events", "counters",
 * "tree" (with cfg->who.tree), "writes" (hash u32 tid -> struct
 * ttysnoop_pending), "tty_scratch" (per-CPU array of one record, of
 * ttysnoop_scratch_size(cfg->size) bytes) and "tty_cut" (per-CPU array
 * of one u64).
 * Each serves write and writev alike, telling them by their fields.
 */
int ttysnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int ttysnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Bytes of one "tty_scratch" value, for records of size bytes. */
size_t ttysnoop_scratch_size(__u32 size);

/* Exits, then entries. */
extern const struct probe ttysnoop_probes[4];

#endif /* BAREBPF_PROGS_TTYSNOOP_H */
