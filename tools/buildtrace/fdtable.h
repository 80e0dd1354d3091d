/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-thread state buildtrace's replay keeps, as the kernel keeps it:
 * open file descriptions (shared by dup and fork, with their path and
 * open flags), descriptor tables (shared by CLONE_FILES threads, copied
 * by fork) and cwds (shared by CLONE_FS), all reference-counted, and
 * threads found by tid. Paths are ids of the model's interned strings.
 *
 * A trace may come from anyone, so what it costs to replay is bounded by
 * what it holds: a descriptor table is a radix tree of 16-slot nodes
 * (fd 65535 costs four nodes, not a 64k array), a fork's copy shares
 * every node until one side writes, and a write copies only the nodes on
 * its path. Threads are found by a hash of the tid, so tids that share
 * their low bits do not pile up in one run of slots.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_FDTABLE_H
#define BAREBPF_TOOLS_BUILDTRACE_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/* Descriptors above this are not tracked (and so left unresolved). */
#define BT_FD_MAX	65536

struct bt_ofile {
	int refs;
	__u32 path;
	__u32 flags;		/* open flags: O_ACCMODE says how it is used */
	bool unresolved;	/* path is relative to something unknown */
	bool outside;		/* open before the trace began */
};

struct bt_fdent {
	struct bt_ofile *f;	/* NULL: the descriptor is not open */
	bool cloexec;
};

struct bt_fdnode;

struct bt_files {
	int refs;		/* CLONE_FILES threads share one table */
	struct bt_fdnode *root;	/* NULL: nothing open */
};

struct bt_fs {
	int refs;
	__u32 cwd;		/* 0: not known */
};

struct bt_tasks;

struct bt_task {
	__u32 tid;		/* 0: a free slot */
	int proc;		/* the model's process */
	struct bt_fs *fs;
	struct bt_files *files;
	void *pending;		/* the replay's, freed with the task */
	unsigned int flags;	/* the replay's */
};

/* Threads by tid: open addressing, removal by shifting back. */
struct bt_tasks {
	struct bt_task *slots;
	size_t nr_slots, nr;
};

/* A new description with one reference, or NULL. */
struct bt_ofile *bt_ofile__new(__u32 path, __u32 flags, bool unresolved);
void bt_ofile__put(struct bt_ofile *f);

/* An empty table with one reference, or NULL. */
struct bt_files *bt_files__new(void);
/*
 * A copy sharing each description (fork without CLONE_FILES), or NULL.
 * It costs one allocation: the nodes are shared until written.
 */
struct bt_files *bt_files__copy(const struct bt_files *src);
void bt_files__put(struct bt_files *fl);
/* The open descriptor fd, or NULL. Read only: writes go through below. */
const struct bt_fdent *bt_files__get(const struct bt_files *fl, long long fd);
/*
 * Put f at fd, closing what was there; the table takes the reference
 * to f. Returns 0, or -1 (f dropped) when fd is out of range or memory
 * is short.
 */
int bt_files__install(struct bt_files *fl, long long fd, struct bt_ofile *f,
		      bool cloexec);
/* A new reference to fd's description at newfd (dup2, F_DUPFD). */
int bt_files__dup(struct bt_files *fl, long long fd, long long newfd,
		  bool cloexec);
void bt_files__close(struct bt_files *fl, long long fd);
/* F_SETFD: fd's close-on-exec flag, when fd is open. */
void bt_files__set_cloexec(struct bt_files *fl, long long fd, bool cloexec);
/*
 * close_range(first, last): close each open descriptor in the range, or
 * with cloexec mark it close-on-exec. Costs what is open there, not the
 * width of the range.
 */
void bt_files__close_range(struct bt_files *fl, unsigned long long first,
			   unsigned long long last, bool cloexec);
/* Close every descriptor marked close-on-exec. */
void bt_files__exec(struct bt_files *fl);
/* Descriptors open in the table. */
unsigned int bt_files__count(const struct bt_files *fl);
/* Tree nodes alive in all tables together (each some 270 bytes). */
size_t bt_files__live_nodes(void);

struct bt_fs *bt_fs__new(__u32 cwd);
void bt_fs__put(struct bt_fs *fs);

struct bt_task *bt_tasks__find(const struct bt_tasks *ts, __u32 tid);
/* The slot for tid, zeroed but for tid and proc -1 if new; NULL if no memory. */
struct bt_task *bt_tasks__add(struct bt_tasks *ts, __u32 tid);
/* Drop the task's references and free its slot (pointers to others move). */
void bt_tasks__remove(struct bt_tasks *ts, struct bt_task *t);
void bt_tasks__free(struct bt_tasks *ts);

#endif /* BAREBPF_TOOLS_BUILDTRACE_FDTABLE_H */
