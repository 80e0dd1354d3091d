// SPDX-License-Identifier: GPL-2.0
/*
 * Replaying a trace: records in time order, processes, forks, exits,
 * descriptors passed; execs in replay_exec.c, syscalls in replay_syscall.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/buildtrace/replay.h"

/* <linux/sched.h> clashes with libc's headers. */
#define BT_CLONE_FS		0x00000200
#define BT_CLONE_FILES		0x00000400
#define BT_CLONE_PARENT		0x00008000
#define BT_CLONE_THREAD		0x00010000

static const char *const access_names[BT_NR_ACCESS] = {
	"read", "write", "create", "delete", "rename-from", "rename-to",
	"exec", "probe", "probe-missing",
};

const char *bt_access_name(enum bt_access a)
{
	return a < BT_NR_ACCESS ? access_names[a] : "?";
}

void *replay_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;

	if (need <= *cap)
		return p;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	p = realloc(p, ncap * size);
	if (p)
		*cap = ncap;
	return p;
}

/* Processes, execs, uses. */

int replay_proc_new(struct replay *r, __u32 pid, int parent, __u64 time)
{
	struct bt_model *m = r->m;
	struct bt_proc *procs, *p;

	procs = replay_grow(m->procs, &m->cap_procs, m->nr_procs + 1, sizeof(*procs));
	if (!procs) {
		r->oom = true;
		return -1;
	}
	m->procs = procs;
	p = &procs[m->nr_procs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->parent = parent;
	p->start_ns = time;
	p->exec = parent >= 0 ? procs[parent].exec : -1;
	p->status = BT_STATUS_UNKNOWN;
	p->threads = 1;
	return (int)m->nr_procs++;
}

void replay_use(struct replay *r, __u64 time, int proc, __u32 path,
		__u32 from, enum bt_access a, __u8 op)
{
	struct bt_model *m = r->m;
	struct bt_use *uses;

	if (proc < 0 || !path)
		return;
	uses = replay_grow(m->uses, &m->cap_uses, m->nr_uses + 1, sizeof(*uses));
	if (!uses) {
		r->oom = true;
		return;
	}
	m->uses = uses;
	uses[m->nr_uses++] = (struct bt_use){
		.time_ns = time, .proc = proc, .path = path, .from = from,
		.access = (__u8)a, .op = op,
	};
}

void replay_num(struct bt_event *ev, const char *key, long long v)
{
	if (ev->nr_num < (int)(sizeof(ev->num) / sizeof(ev->num[0]))) {
		ev->num[ev->nr_num].key = key;
		ev->num[ev->nr_num++].v = v;
	}
}

/* Name the file in the event; keep the use if it happened (or probed missing). */
void replay_touch(struct replay *r, struct bt_event *ev, int proc, __u32 path,
		  bool unresolved, enum bt_access a, bool happened, __u32 from)
{
	if (!path)
		return;
	if (ev->nr_touch < (int)(sizeof(ev->touch) / sizeof(ev->touch[0])))
		ev->touch[ev->nr_touch++] =
			(struct bt_touch){ path, (__u8)a, unresolved };
	if (happened || a == BT_ACC_PROBE_MISSING)
		replay_use(r, ev->time_ns, proc, path, from, a, ev->op);
}

void replay_task_remove(struct replay *r, struct bt_task *t)
{
	struct pending_exec *pe = t->pending;

	/* bt_tasks__remove frees pe itself */
	if (pe)
		replay_image_free(&pe->image);
	bt_tasks__remove(&r->tasks, t);
}

/* The thread tid, made from its leader, or as a process of its own, if unseen. */
struct bt_task *replay_task_of(struct replay *r, __u32 tid, __u32 pid,
			       __u64 time)
{
	struct bt_task *t = bt_tasks__find(&r->tasks, tid), *leader;

	if (t || !tid)
		return t;
	t = bt_tasks__add(&r->tasks, tid);
	if (!t) {
		r->oom = true;
		return NULL;
	}
	leader = tid != pid ? bt_tasks__find(&r->tasks, pid) : NULL;
	if (leader) {
		t->proc = leader->proc;
		r->m->procs[t->proc].threads++;
		t->fs = leader->fs;
		t->fs->refs++;
		t->files = leader->files;
		t->files->refs++;
		return t;
	}
	/* Its fork was not seen (events lost): its cwd is not known. */
	t->proc = replay_proc_new(r, pid, -1, time);
	t->fs = bt_fs__new(0);
	t->files = bt_files__new();
	if (!t->fs || !t->files)
		r->oom = true;
	return t;
}

/*
 * path as the thread sees it: against dirfd unless AT_FDCWD, else the
 * cwd; with AT_EMPTY_PATH and "", dirfd's own file.
 */
__u32 replay_resolve(struct replay *r, const struct bt_task *t,
		     long long dirfd, const char *path, bool empty_ok,
		     bool *unresolved)
{
	static char buf[2 * BT_PATH_MAX + 2];
	const char *base = NULL;
	const struct bt_fdent *e;
	size_t len;

	*unresolved = false;
	if (!path)
		return 0;
	if (*path != '/') {
		if ((int)dirfd == AT_FDCWD) {
			if (t->fs && t->fs->cwd)
				base = r->m->paths[t->fs->cwd];
		} else if ((e = bt_files__get(t->files, (int)dirfd)) &&
			   !e->f->unresolved && e->f->path) {
			base = r->m->paths[e->f->path];
		}
		if (!*path && (!empty_ok || (int)dirfd == AT_FDCWD))
			return 0;
		if (!base || *base != '/') {
			*unresolved = true;
			return bt_model__intern(r->m, path, strlen(path));
		}
	}
	len = bt_path_join(buf, sizeof(buf), base ? base : "/", path);
	return bt_model__intern(r->m, buf, len);
}

void replay_emit(struct replay *r, const struct bt_event *ev)
{
	if (r->fn)
		r->fn(r->ctx, ev);
}

void replay_event_init(struct replay *r, struct bt_event *ev,
		       const struct bt_head *h, const char *name)
{
	memset(ev, 0, sizeof(*ev));
	ev->time_ns = h->time_ns > r->start_ns ? h->time_ns - r->start_ns : 0;
	ev->pid = h->pid;
	ev->tid = h->tid;
	ev->proc = -1;
	ev->name = name;
	ev->thread = -1;
}

static void on_fork(struct replay *r, const struct bt_fork *f)
{
	struct bt_model *m = r->m;
	bool thread = f->clone_flags & BT_CLONE_THREAD;
	__u64 time = f->head.time_ns - r->start_ns;
	struct bt_task *p, *c;
	struct bt_event ev;
	int proc, parent;

	/* A child the trace says is its own parent, or no one: corrupt. */
	if (!f->child_tid || f->child_tid == f->head.tid)
		return;
	p = replay_task_of(r, f->head.tid, f->head.pid, time);
	if (!p || p->proc < 0 || !p->fs || !p->files)
		return;
	parent = p->proc;
	c = bt_tasks__find(&r->tasks, f->child_tid);
	if (c)
		replay_task_remove(r, c);	/* its exit was lost */
	c = bt_tasks__add(&r->tasks, f->child_tid);
	p = bt_tasks__find(&r->tasks, f->head.tid);	/* it may have moved */
	if (!c || !p) {
		r->oom = true;
		return;
	}
	if (thread) {
		proc = parent;
		m->procs[proc].threads++;
	} else {
		/* a CLONE_PARENT child is its creator's sibling */
		if ((f->clone_flags & BT_CLONE_PARENT) &&
		    m->procs[parent].parent >= 0)
			parent = m->procs[parent].parent;
		proc = replay_proc_new(r, f->child_pid, parent, time);
	}
	c->proc = proc;
	if (f->clone_flags & BT_CLONE_FS) {
		c->fs = p->fs;
		c->fs->refs++;
	} else {
		c->fs = bt_fs__new(p->fs->cwd);
	}
	if (f->clone_flags & BT_CLONE_FILES) {
		c->files = p->files;
		c->files->refs++;
	} else {
		c->files = bt_files__copy(p->files);
	}
	if (!c->fs || !c->files)
		r->oom = true;
	replay_event_init(r, &ev, &f->head, "fork");
	ev.proc = p->proc;
	replay_num(&ev, "child", f->child_pid);
	if (thread)
		replay_num(&ev, "child_tid", f->child_tid);
	ev.thread = thread;
	replay_emit(r, &ev);
}

/* The status pid's parent learnt first at or after time, or unknown. */
static int reaped_status(const struct replay *r, __u32 pid, __u64 time)
{
	size_t lo = 0, hi = r->nr_reaped, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r->reaped[mid].pid < pid ||
		    (r->reaped[mid].pid == pid && r->reaped[mid].time_ns < time))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nr_reaped && r->reaped[lo].pid == pid ?
	       r->reaped[lo].status : BT_STATUS_UNKNOWN;
}

static void on_task_exit(struct replay *r, const struct bt_head *h)
{
	struct bt_task *t = bt_tasks__find(&r->tasks, h->tid);
	struct bt_event ev;
	struct bt_proc *p;
	bool group_dead;
	int status;

	if (!t || t->proc < 0)
		return;
	if (t->flags & REPLAY_SKIP_EXIT) {
		t->flags &= ~REPLAY_SKIP_EXIT;
		return;
	}
	p = &r->m->procs[t->proc];
	group_dead = h->flags & BT_EXIT_GROUP_DEAD ||
		     ((h->flags & BT_EXIT_GROUP_UNKNOWN) && p->threads <= 1);
	p->threads--;
	replay_event_init(r, &ev, h, "exit");
	ev.proc = t->proc;
	ev.pid = p->pid;
	ev.thread = !group_dead;
	if (group_dead) {
		p->ended = true;
		p->end_ns = ev.time_ns;
		status = reaped_status(r, p->pid, h->time_ns);
		if (status != BT_STATUS_UNKNOWN)
			p->status = status;
		if (p->status != BT_STATUS_UNKNOWN && WIFEXITED(p->status))
			replay_num(&ev, "code", WEXITSTATUS(p->status));
		else if (p->status != BT_STATUS_UNKNOWN && WIFSIGNALED(p->status))
			replay_num(&ev, "signal", WTERMSIG(p->status));
	}
	replay_task_remove(r, t);
	replay_emit(r, &ev);
}

static void on_info(struct replay *r, const struct bt_info *info)
{
	struct bt_model *m = r->m;
	const char *s = info->data + info->cwd_len;
	struct bt_task *t;
	struct bt_event ev;
	size_t i, len;
	char *block;

	if (m->command)
		return;	/* one per trace */
	m->cwd = bt_model__intern(m, info->data, info->cwd_len - 1);
	m->command = malloc((info->nr_args + 1) * sizeof(char *) + info->args_len);
	if (!m->command) {
		r->oom = true;
		return;
	}
	block = (char *)(m->command + info->nr_args + 1);
	memcpy(block, s, info->args_len);
	for (i = 0; i < info->nr_args; i++) {
		m->command[i] = block;
		len = strlen(block) + 1;
		block += len;
	}
	m->command[i] = NULL;
	t = info->head.tid ? bt_tasks__add(&r->tasks, info->head.tid) : NULL;
	if (!t || t->fs) {
		r->oom |= info->head.tid && !t;
		return;
	}
	t->proc = replay_proc_new(r, info->head.pid, -1, 0);
	t->fs = bt_fs__new(m->cwd);
	t->files = bt_files__new();
	if (!t->fs || !t->files)
		r->oom = true;
	replay_event_init(r, &ev, &info->head, "start");
	ev.proc = t->proc;
	ev.cwd = m->cwd;
	replay_emit(r, &ev);
}

static void on_fd(struct replay *r, const struct bt_fd *f)
{
	struct bt_task *t = bt_tasks__find(&r->tasks, f->head.tid);
	__u32 path;

	if (!t || !t->files)
		return;
	struct bt_ofile *of;

	if (!t || !t->files)
		return;
	path = bt_model__intern(r->m, f->path, f->path_len ? f->path_len - 1 : 0);
	of = bt_ofile__new(path, f->flags, false);
	if (of)
		of->outside = true;
	bt_files__install(t->files, f->fd, of, false);
}

static void on_end(struct replay *r, const struct bt_end *e)
{
	struct bt_model *m = r->m;
	struct bt_event ev;

	m->complete = true;
	m->status = e->status;
	if (e->lost > m->lost)
		m->lost = e->lost;
	m->records = e->records;
	memcpy(m->dropped, e->dropped, sizeof(m->dropped));
	replay_event_init(r, &ev, &e->head, "end");
	replay_emit(r, &ev);
}

static void on_lost(struct replay *r, const struct bt_lost *l)
{
	struct bt_event ev;

	r->m->lost += l->count;
	replay_event_init(r, &ev, &l->head, "lost");
	replay_num(&ev, "cpu", l->cpu);
	replay_num(&ev, "count", (long long)l->count);
	replay_emit(r, &ev);
}

static int by_time(const void *a, const void *b)
{
	const struct bt_head *const *x = a, *const *y = b;

	if ((*x)->time_ns != (*y)->time_ns)
		return (*x)->time_ns < (*y)->time_ns ? -1 : 1;
	/* records are in the buffer in file order: keep it */
	return *x < *y ? -1 : *x > *y;
}

static int by_pid_time(const void *a, const void *b)
{
	const struct reaped *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->time_ns < y->time_ns ? -1 : x->time_ns > y->time_ns;
}

/* Every wait result, to give an exit the status its parent saw. */
static int collect_reaped(struct replay *r)
{
	size_t i, cap = 0;
	struct reaped *v;
	__u32 pid;
	int status;

	for (i = 0; i < r->nr_recs; i++) {
		const struct bt_syscall *sc = (const void *)r->recs[i];

		if (sc->head.type != BT_SYSCALL ||
		    !bt_wait_result(sc, r->word, &pid, &status))
			continue;
		v = replay_grow(r->reaped, &cap, r->nr_reaped + 1, sizeof(*v));
		if (!v)
			return -1;
		r->reaped = v;
		v[r->nr_reaped++] = (struct reaped){ pid, status, sc->head.time_ns };
	}
	if (r->nr_reaped)
		qsort(r->reaped, r->nr_reaped, sizeof(*r->reaped), by_pid_time);
	return 0;
}

int bt_model__replay(struct bt_model *m, struct bt_trace *t, bt_event_fn fn,
		     void *ctx)
{
	struct replay r = { .m = m, .fn = fn, .ctx = ctx };
	const struct bt_head *rec;
	size_t i, cap = 0;
	const void **v;
	int n;

	memset(m, 0, sizeof(*m));
	m->status = BT_STATUS_UNKNOWN;
	bt_model__intern(m, "", 0);
	memcpy(m->machine, t->hdr->machine, sizeof(m->machine) - 1);
	m->start_realtime_ns = t->hdr->start_realtime_ns;
	m->env_recorded = r.env = t->hdr->version >= 2 &&
				  !(t->hdr->flags & BT_FILE_NO_ENV);
	r.start_ns = t->hdr->start_ns;
	r.word = t->hdr->word;
	while ((n = bt_trace__next(t, &rec)) > 0) {
		v = replay_grow(r.recs, &cap, r.nr_recs + 1, sizeof(*r.recs));
		if (!v)
			goto out_oom;
		r.recs = (const struct bt_head **)v;
		r.recs[r.nr_recs++] = rec;
	}
	if (n < 0) {
		snprintf(m->err, sizeof(m->err), "%s", t->err);
		free(r.recs);
		return -1;
	}
	if (r.nr_recs)
		qsort(r.recs, r.nr_recs, sizeof(*r.recs), by_time);
	if (collect_reaped(&r))
		goto out_oom;

	for (i = 0; i < r.nr_recs && !r.oom; i++) {
		rec = r.recs[i];
		if (!rec)
			continue;
		if (rec->time_ns > r.start_ns + m->duration_ns)
			m->duration_ns = rec->time_ns - r.start_ns;
		switch (rec->type) {
		case BT_SYSCALL: replay_syscall(&r, (const void *)rec); break;
		case BT_EXEC: replay_on_exec(&r, i); break;
		case BT_EXEC_DONE: replay_on_exec_done(&r, i); break;
		case BT_FORK: on_fork(&r, (const void *)rec); break;
		case BT_EXIT: on_task_exit(&r, rec); break;
		case BT_INFO: on_info(&r, (const void *)rec); break;
		case BT_FD: on_fd(&r, (const void *)rec); break;
		case BT_LOST: on_lost(&r, (const void *)rec); break;
		case BT_END: on_end(&r, (const void *)rec); break;
		}
	}
	if (r.oom)
		goto out_oom;
	n = 0;
	goto out;
out_oom:
	snprintf(m->err, sizeof(m->err), "%s", strerror(ENOMEM));
	n = -1;
out:
	for (i = 0; i < r.tasks.nr_slots; i++)
		if (r.tasks.slots[i].tid)
			replay_drop_pending(&r.tasks.slots[i]);
	bt_tasks__free(&r.tasks);
	free(r.recs);
	free(r.reaped);
	return n;
}

int bt_model__load(struct bt_model *m, const char *file, bt_event_fn fn,
		   void *ctx)
{
	struct bt_trace t;
	int err;

	memset(m, 0, sizeof(*m));
	if (bt_trace__load(&t, file)) {
		snprintf(m->err, sizeof(m->err), "%s: %s", file, t.err);
		bt_trace__free(&t);
		return -1;
	}
	err = bt_model__replay(m, &t, fn, ctx);
	if (err) {
		char why[sizeof(m->err)];

		memcpy(why, m->err, sizeof(why));
		snprintf(m->err, sizeof(m->err), "%s: %.200s", file, why);
	}
	bt_trace__free(&t);
	return err;
}

void bt_model__free(struct bt_model *m)
{
	size_t i;

	for (i = 0; i < m->nr_paths; i++)
		free(m->paths[i]);
	for (i = 0; i < m->nr_execs; i++)
		replay_image_free(&m->execs[i]);
	free(m->paths);
	free(m->path_index);
	free(m->procs);
	free(m->execs);
	free(m->uses);
	free(m->command);
	memset(m, 0, sizeof(*m));
}
