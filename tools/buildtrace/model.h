/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A trace replayed: records sorted by time, each thread's cwd and fd
 * table kept as the kernel keeps them (shared or copied on clone, as
 * CLONE_FS and CLONE_FILES say; unshared and close-on-exec closed at
 * exec), every path made absolute from the cwd or the dirfd it was
 * given against, and every access classified. What comes out is a list
 * of processes, their execs, and their accesses to files, which graph,
 * deps, compdb and summary read, and a stream of normalized events for
 * normalize.
 *
 * Paths are made absolute lexically: "." and ".." are folded without
 * asking the file system, so a ".." after a symlink is taken as
 * written. A path given against a descriptor the trace never saw open
 * stays relative and is flagged unresolved.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_MODEL_H
#define BAREBPF_TOOLS_BUILDTRACE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "tools/buildtrace/file.h"

enum bt_access {
	BT_ACC_READ,		/* opened to read, read a link, linked from */
	BT_ACC_WRITE,		/* opened to write, truncated, chmod */
	BT_ACC_CREATE,		/* O_CREAT, mkdir, link or symlink made */
	BT_ACC_DELETE,		/* unlink, rmdir */
	BT_ACC_RENAME_FROM,
	BT_ACC_RENAME_TO,
	BT_ACC_EXEC,		/* executed */
	BT_ACC_PROBE,		/* stat, access, readlink of no link: it is there */
	BT_ACC_PROBE_MISSING,	/* any of them failing with ENOENT or ENOTDIR */
	BT_NR_ACCESS,
};

/* "read", "write", ..., "probe-missing" */
const char *bt_access_name(enum bt_access a);

/* The name of a syscall op, "?" when unknown. */
const char *bt_op_name(unsigned int op);

/* One file an event touched. */
struct bt_touch {
	__u32 path;		/* bt_model__path() */
	__u8 access;		/* enum bt_access */
	bool unresolved;	/* relative to a descriptor not known */
};

struct bt_exec_image {
	__u64 time_ns;		/* since the start of the trace */
	int proc;
	__u32 tid;		/* the thread that called exec */
	__u32 path;		/* what was executed */
	__u32 cwd;		/* where */
	char **argv;		/* argc strings, NULL-terminated */
	int argc;
	bool truncated;		/* arguments were left out or cut */
	bool unreadable;	/* the caller's memory could not be read */
	/*
	 * The environment it ran with, "NAME=value" strings as execve got
	 * them, NULL-terminated; NULL with nr_env 0 when the trace has none
	 * (bt_model.env_recorded).
	 */
	char **env;
	int nr_env;
	bool env_truncated;	/* variables were left out or one cut */
	bool env_unreadable;	/* no memory held them readable */
};

#define BT_STATUS_UNKNOWN	(-1)

struct bt_proc {
	__u32 pid;
	int parent;		/* index in procs, -1 for COMMAND */
	__u64 start_ns, end_ns;	/* end 0: still running at the end */
	int exec;		/* latest image in execs, -1 before any */
	int status;		/* wait status, or BT_STATUS_UNKNOWN */
	int threads;		/* alive now, while replaying */
	bool ended;
};

/* One access by a process, kept when it succeeded (or probed missing). */
struct bt_use {
	__u64 time_ns;
	int proc;
	__u32 path;
	__u32 from;		/* rename-to and link: the old path; else 0 */
	__u8 access;
	bool dir;		/* a directory: mkdir made it, or it was listed */
	__u8 op;		/* the syscall's enum bt_op; BT_OP_NONE: an exec */
};

/* What normalize prints: one replayed event. */
struct bt_event {
	__u64 time_ns;		/* since the start of the trace */
	__u32 pid, tid;
	int proc;		/* the process in the model, -1 for the trace's own */
	const char *name;	/* "openat", "exec", "fork", "exit", ... */
	__u8 op;		/* a syscall's enum bt_op, else BT_OP_NONE */
	bool syscall;		/* ret and err mean something */
	long long ret;		/* result, or -1 */
	int err;		/* errno, or 0 */
	struct bt_touch touch[6];
	int nr_touch;
	struct {
		const char *key;	/* "fd", "flags", "child", ... */
		long long v;
	} num[6];
	int nr_num;
	int thread;		/* fork, exit: -1 not said, else 0 or 1 */
	const char *target;	/* symlink's target */
	__u32 cwd;		/* chdir, exec: the cwd now; 0: none */
	const struct bt_exec_image *image;	/* exec */
};

typedef void (*bt_event_fn)(void *ctx, const struct bt_event *ev);

struct bt_model {
	/* interned paths: id 0 is "" */
	char **paths;
	size_t nr_paths, cap_paths;
	__u32 *path_index;	/* open addressing, ids + 1 */
	size_t index_size;

	struct bt_proc *procs;
	size_t nr_procs, cap_procs;
	struct bt_exec_image *execs;
	size_t nr_execs, cap_execs;
	struct bt_use *uses;
	size_t nr_uses, cap_uses;

	/* what the trace says of itself */
	char machine[16];
	__u64 start_realtime_ns;
	__u64 duration_ns;
	bool env_recorded;	/* execs carry their environment */
	char **command;		/* COMMAND's argv */
	__u32 cwd;		/* COMMAND's cwd */
	int status;		/* COMMAND's wait status, or BT_STATUS_UNKNOWN */
	bool complete;		/* BT_END was there */
	__u64 lost;		/* records lost in all */
	__u64 dropped[NR_COUNTERS];
	__u64 records;
	size_t nr_syscalls;
	size_t nr_failed_execs;

	char err[256];
};

/*
 * Load FILE and replay it, calling fn (if not NULL) for each event in
 * time order. Returns 0, or -1 with m->err set ("FILE: byte N: ...").
 */
int bt_model__load(struct bt_model *m, const char *file, bt_event_fn fn,
		   void *ctx);

/* The same over a trace already parsed. */
int bt_model__replay(struct bt_model *m, struct bt_trace *t, bt_event_fn fn,
		     void *ctx);

void bt_model__free(struct bt_model *m);

/* The path with this id. */
static inline const char *bt_model__path(const struct bt_model *m, __u32 id)
{
	return m->paths[id];
}

/* The id of an absolute path, interned if need be (0 if out of memory). */
__u32 bt_model__intern(struct bt_model *m, const char *path, size_t len);

/*
 * Join rel onto the absolute base and fold "." and ".." and repeated
 * slashes; an absolute rel ignores base. Writes at most size bytes
 * (cutting a longer result) and returns the length.
 */
size_t bt_path_join(char *dst, size_t size, const char *base, const char *rel);

/* True when path starts with prefix as a whole component ("/usr" holds "/usr/x"). */
bool bt_path_under(const char *path, const char *prefix);

#endif /* BAREBPF_TOOLS_BUILDTRACE_MODEL_H */
