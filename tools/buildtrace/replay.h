/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The replay module's own header, private to it: replay.c walks the
 * records in time order (processes, execs, forks, exits; the public
 * side is model.h's bt_model__load and bt_model__replay),
 * replay_exec.c gathers each exec's arguments and environment, and
 * replay_syscall.c says what each syscall does to the thread's
 * descriptors and cwd, and which files it touches.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_REPLAY_H
#define BAREBPF_TOOLS_BUILDTRACE_REPLAY_H

#include "tools/buildtrace/fdtable.h"
#include "tools/buildtrace/model.h"

/* A child's status as its parent learnt it. */
struct reaped {
	__u32 pid;
	int status;
	__u64 time_ns;
};

/* An exec read at its entry (before 6.10), waiting for its result. */
struct pending_exec {
	struct bt_exec_image image;
	int dirfd;		/* execveat's, or AT_FDCWD */
	__u32 at_flags;
};

/* Free what an image holds (not the image). */
void replay_image_free(struct bt_exec_image *img);

struct replay {
	struct bt_model *m;
	const struct bt_head **recs;	/* sorted by time; NULL once used */
	size_t nr_recs;
	struct bt_tasks tasks;
	struct reaped *reaped;		/* sorted by pid, then time */
	size_t nr_reaped;
	__u64 start_ns;
	__u32 word;			/* the traced machine's register size */
	__u32 pipes;			/* made so far */
	bt_event_fn fn;
	void *ctx;
	bool oom;
	bool env;			/* the trace has environments */
};

int replay_proc_new(struct replay *r, __u32 pid, int parent, __u64 time);
void replay_use(struct replay *r, __u64 time, int proc, __u32 path, __u32 from,
		enum bt_access a, __u8 op);
void replay_num(struct bt_event *ev, const char *key, long long v);
void replay_touch(struct replay *r, struct bt_event *ev, int proc, __u32 path,
		  bool unresolved, enum bt_access a, bool happened, __u32 from);
void replay_task_remove(struct replay *r, struct bt_task *t);
struct bt_task *replay_task_of(struct replay *r, __u32 tid, __u32 pid, __u64 time);
__u32 replay_resolve(struct replay *r, const struct bt_task *t, long long dirfd,
		     const char *path, bool empty_ok, bool *unresolved);
void replay_emit(struct replay *r, const struct bt_event *ev);
void replay_event_init(struct replay *r, struct bt_event *ev,
		       const struct bt_head *h, const char *name);

/* pid and wait status from a wait4 or waitid record; false if none. */
bool bt_wait_result(const struct bt_syscall *sc, __u32 word, __u32 *pid,
		    int *status);

/* Replay one syscall record. */
void replay_syscall(struct replay *r, const struct bt_syscall *sc);

/* The exec of a task whose execve failed is no longer pending. */
void replay_drop_pending(struct bt_task *t);

/* bt_task flags: a leader whose tid an exec'ing thread took. */
#define REPLAY_SKIP_EXIT	1

/* p with room for need items of size (doubling *cap), or NULL. */
void *replay_grow(void *p, size_t *cap, size_t need, size_t size);

/* An exec record at recs[i] (replay_exec.c), and its return's. */
void replay_on_exec(struct replay *r, size_t i);
void replay_on_exec_done(struct replay *r, size_t i);

#endif /* BAREBPF_TOOLS_BUILDTRACE_REPLAY_H */
