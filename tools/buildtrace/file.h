/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buildtrace file, version 2 (version 1, without the environment,
 * is read as well).
 *
 *	struct bt_file_header			64 bytes
 *	record, record, ...			each padded to 8 bytes
 *
 * Every record starts with struct bt_head (progs/buildtrace.h), whose
 * size counts the record without its padding. The recorder writes, in
 * this order: BT_INFO (the command), one BT_FD per descriptor COMMAND
 * inherits (0, 1, 2), then the programs' records as they arrive (each
 * CPU's in order, CPUs interleaved: readers sort by time), BT_LOST
 * whenever the kernel reports records lost, and BT_END last. A file
 * without BT_END was cut short (the recorder was killed).
 *
 * All numbers are in the recording machine's byte order, which
 * byte_order tells; readers refuse the other order rather than guess.
 *
 * Version 2 added BT_ENV and BT_EXEC_FILE records and the header's
 * flags; a version 1 file has neither, and no environment.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_FILE_H
#define BAREBPF_TOOLS_BUILDTRACE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "progs/buildtrace/buildtrace.h"
#include "progs/counters.h"

#define BT_FILE_MAGIC	"BUILDTRC"
#define BT_FILE_VERSION	2
#define BT_FILE_VERSION_MIN 1	/* the oldest this reader reads */
#define BT_BYTE_ORDER	0x01020304u

struct bt_file_header {
	char magic[8];
	__u32 version;
	__u32 header_size;	/* sizeof(struct bt_file_header) */
	__u32 byte_order;	/* BT_BYTE_ORDER as the writer stored it */
	__u32 word;		/* bytes per syscall register: 4 or 8 */
	__u64 start_ns;		/* CLOCK_MONOTONIC (bpf_ktime_get_ns) at start */
	__u64 start_realtime_ns;
	char machine[16];	/* uname -m */
	__u64 flags;		/* BT_FILE_*; 0 in version 1 */
};

#define BT_FILE_NO_ENV	0x1	/* recorded without the environment */

_Static_assert(sizeof(struct bt_file_header) == 64, "bt_file_header layout");

/* Records the recorder itself writes. */
enum bt_file_type {
	BT_INFO = 64,		/* struct bt_info */
	BT_FD,			/* struct bt_fd */
	BT_LOST,		/* struct bt_lost */
	BT_END,			/* struct bt_end */
};

/* head.tid and head.pid: COMMAND's pid. Then cwd and argv. */
struct bt_info {
	struct bt_head head;
	__u32 cwd_len;		/* bytes with the NUL */
	__u32 args_len;		/* bytes of nr_args NUL-terminated strings */
	__u32 nr_args;
	__u32 reserved;
	char data[];
};

_Static_assert(sizeof(struct bt_info) == 40, "bt_info layout");

/* A descriptor COMMAND starts with, and what it is open on. */
struct bt_fd {
	struct bt_head head;
	__s32 fd;
	__u32 flags;		/* fcntl(F_GETFL) */
	__u32 path_len;		/* bytes with the NUL */
	__u32 reserved;
	char path[];		/* readlink of /proc/self/fd/N: "pipe:[123]" */
};

_Static_assert(sizeof(struct bt_fd) == 40, "bt_fd layout");

struct bt_lost {
	struct bt_head head;
	__u32 cpu;
	__u32 reserved;
	__u64 count;		/* records the kernel dropped, ring full */
};

_Static_assert(sizeof(struct bt_lost) == 40, "bt_lost layout");

struct bt_end {
	struct bt_head head;
	__s32 status;		/* COMMAND's wait status, -1 if unknown */
	__u32 reserved;
	__u64 lost;		/* records lost in all (ring full) */
	__u64 records;		/* records received from the kernel */
	__u64 dropped[NR_COUNTERS];	/* progs/counters.h: given up in the kernel */
};

/* Streaming writer: buffered, one write(2) per BT_WRITE_BUF bytes. */
#define BT_WRITE_BUF	(256 << 10)

struct bt_writer {
	int fd;
	int err;		/* first write error, as errno */
	size_t len;
	__u64 written;		/* bytes in the file */
	char *buf;
};

/* Start a file on fd with the header. Returns 0 or -errno. */
int bt_writer__open(struct bt_writer *w, int fd,
		    const struct bt_file_header *hdr);

/* Append one record of size bytes, its head's size (padded to 8). */
void bt_writer__add(struct bt_writer *w, const void *rec, size_t size);

/* Write what is buffered. Returns 0 or -errno of the first failure. */
int bt_writer__flush(struct bt_writer *w);

/* Flush and free the buffer (the fd stays open). Returns as flush. */
int bt_writer__close(struct bt_writer *w);

/* A whole trace in memory, read record by record. */
struct bt_trace {
	char *buf;
	size_t len;
	const struct bt_file_header *hdr;
	size_t off;		/* of the next record */
	char err[192];		/* "byte N: what is wrong" */
};

/*
 * Read the file whole and check its header. Returns 0, or -1 with
 * t->err set (a short, a corrupt or a foreign file, an I/O error).
 */
int bt_trace__load(struct bt_trace *t, const char *path);

/* The same over len bytes at buf, which t takes (free()d by t). */
int bt_trace__parse(struct bt_trace *t, char *buf, size_t len);

/*
 * The next record, checked: its size, type and every length inside.
 * Returns 1 with *rec, 0 at the end of the file, or -1 with t->err
 * naming the byte offset of the bad record.
 */
int bt_trace__next(struct bt_trace *t, const struct bt_head **rec);

void bt_trace__free(struct bt_trace *t);

/* A checked syscall record's path k (0 or 1), or NULL when it has none. */
static inline const char *bt_syscall_path(const struct bt_syscall *sc, int k)
{
	return sc->path_len[k] ? sc->data + (k ? sc->path_len[0] : 0) : NULL;
}

/* Its aux bytes (aux_len of them). */
static inline const void *bt_syscall_aux(const struct bt_syscall *sc)
{
	return sc->data + sc->path_len[0] + sc->path_len[1];
}

#endif /* BAREBPF_TOOLS_BUILDTRACE_FILE_H */
