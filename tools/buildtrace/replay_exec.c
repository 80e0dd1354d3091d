// SPDX-License-Identifier: GPL-2.0
/*
 * Replaying an exec: its argument and environment chunks gathered (read
 * at entry, or again from the new image before 6.10), the file it ran,
 * and the process's new image in the model.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/buildtrace/replay.h"

/* The argument chunks of an exec come within this of it. */
#define ARGV_WINDOW_NS		1000000000ull

void replay_image_free(struct bt_exec_image *img)
{
	free(img->argv);
	free(img->env);
	img->argv = img->env = NULL;
}

/* One vector of strings, argv or the environment, and what its chunks said. */
struct vector {
	char **v;		/* one block: n + 1 pointers, then the strings */
	int n;
	bool found;		/* a chunk was there */
	bool truncated;		/* strings left out, or the last chunk missing */
	bool unreadable;
};

/*
 * The chunks of type (BT_ARGV or BT_ENV) that follow recs[i] from thread
 * tid, read at entry or from the new image (image): an exec's argument
 * and environment chunks come one after the other, and each is used up.
 * Returns -1 when out of memory.
 */
static int collect_vector(struct replay *r, size_t i, __u32 tid, __u16 type,
			  bool image, struct vector *out)
{
	const struct bt_head *e = r->recs[i], *h;
	size_t j, end = i, bytes = 0, n = 0, k = 0, len;
	const struct bt_argv *a;
	bool last = false;
	char *s;
	const char *p;

	memset(out, 0, sizeof(*out));
	for (j = i + 1; j < r->nr_recs && !last; j++) {
		h = r->recs[j];
		if (!h || h->tid != tid)
			continue;
		if (h->time_ns > e->time_ns + ARGV_WINDOW_NS)
			break;
		if (h->type == BT_EXEC_FILE && image)
			continue;
		if ((h->type != BT_ARGV && h->type != BT_ENV) ||
		    !(h->flags & BT_ARGV_IMAGE) != !image)
			break;
		if (h->type != type)
			continue;
		a = (const void *)h;
		if (a->index != n)
			break;	/* a chunk went missing */
		n += a->count;
		bytes += h->size - sizeof(*a);
		last = h->flags & BT_ARGV_LAST;
		end = j;
		out->found = true;
	}
	out->v = malloc((n + 1) * sizeof(*out->v) + bytes);
	if (!out->v) {
		r->oom = true;
		return -1;
	}
	s = (char *)(out->v + n + 1);
	out->truncated = !last;
	for (j = i + 1; j <= end; j++) {
		h = r->recs[j];
		if (!h || h->tid != tid || h->type != type)
			continue;
		a = (const void *)h;
		out->truncated |= h->flags & BT_ARGV_TRUNCATED;
		out->unreadable |= h->flags & BT_ARGV_UNREADABLE;
		len = h->size - sizeof(*a);
		memcpy(s, a->data, len);
		for (p = s; k < n && p < s + len; p += strlen(p) + 1)
			out->v[k++] = (char *)p;
		s += len;
		r->recs[j] = NULL;
	}
	out->v[k] = NULL;
	out->n = (int)k;
	return 0;
}

/* The exec's argument vector, and its environment when the trace has them. */
static int collect_image(struct replay *r, size_t i, __u32 tid,
			 struct bt_exec_image *img)
{
	struct vector v;

	if (collect_vector(r, i, tid, BT_ARGV, false, &v))
		return -1;
	img->argv = v.v;
	img->argc = v.n;
	img->truncated = v.truncated;
	img->unreadable = v.unreadable;
	if (!r->env)
		return 0;
	if (collect_vector(r, i, tid, BT_ENV, false, &v))
		return -1;
	img->env = v.v;
	img->nr_env = v.n;
	img->env_truncated = v.truncated;
	img->env_unreadable = v.unreadable;
	return 0;
}

/* Take vector v for argv or the environment, in place of what was there. */
static void take_vector(char ***dst, int *n, bool *truncated, bool *unreadable,
			struct vector *v)
{
	free(*dst);
	*dst = v->v;
	*n = v->n;
	*truncated = v->truncated;
	*unreadable = v->unreadable;
	v->v = NULL;
}

/*
 * The file an exec ran, as the new image's AT_EXECFN names it: what the
 * caller gave, "/dev/fd/N" or "/dev/fd/N/NAME" for execveat's dirfd N.
 */
static __u32 resolve_exec_file(struct replay *r, const struct bt_task *t,
			       const struct pending_exec *pe, const char *name)
{
	char fd_dir[32];
	bool unresolved;
	int n;

	if (pe->dirfd != AT_FDCWD && *name == '/') {
		n = snprintf(fd_dir, sizeof(fd_dir), "/dev/fd/%d", pe->dirfd);
		if (!strncmp(name, fd_dir, (size_t)n) &&
		    (!name[n] || name[n] == '/'))
			return replay_resolve(r, t, pe->dirfd,
					      name[n] ? name + n + 1 : "", true,
					      &unresolved);
	}
	return replay_resolve(r, t, AT_FDCWD, name, false, &unresolved);
}

/*
 * What an exec read at entry lacked, read again from the new image at
 * its return: the chunks flagged BT_ARGV_IMAGE and BT_EXEC_FILE that
 * follow recs[i] (its BT_EXEC_DONE) from thread tid.
 */
static void recover_image(struct replay *r, size_t i, __u32 tid,
			  const struct bt_task *t, struct pending_exec *pe)
{
	struct bt_exec_image *img = &pe->image;
	const struct bt_exec_file *f = NULL;
	const struct bt_head *h;
	struct vector v;
	size_t j;

	for (j = i + 1; j < r->nr_recs; j++) {
		h = r->recs[j];
		if (!h || h->tid != tid)
			continue;
		if (h->time_ns > r->recs[i]->time_ns + ARGV_WINDOW_NS ||
		    (h->type != BT_ARGV && h->type != BT_ENV &&
		     h->type != BT_EXEC_FILE))
			break;
		if (h->type == BT_EXEC_FILE) {
			f = (const void *)h;
			r->recs[j] = NULL;
			break;
		}
	}
	if (collect_vector(r, i, tid, BT_ARGV, true, &v))
		return;
	if (v.found && (img->unreadable || !img->argc))
		take_vector(&img->argv, &img->argc, &img->truncated,
			    &img->unreadable, &v);
	free(v.v);
	if (r->env) {
		if (collect_vector(r, i, tid, BT_ENV, true, &v))
			return;
		if (v.found && (img->env_unreadable || !img->nr_env))
			take_vector(&img->env, &img->nr_env, &img->env_truncated,
				    &img->env_unreadable, &v);
		free(v.v);
	}
	if (f && !img->path && f->filename_len > 1)
		img->path = resolve_exec_file(r, t, pe, f->filename);
}

/*
 * Pick the last name of a new image: what a graph labels it with. The
 * exec'ing thread takes the process's tid if it was not the leader.
 */
static void apply_exec(struct replay *r, struct bt_task *t,
		       struct bt_exec_image *img)
{
	struct bt_model *m = r->m;
	int proc = t->proc, i, idx;
	__u32 pid = m->procs[proc].pid, seen[3] = { 0 };
	struct bt_task *leader;
	struct bt_exec_image *execs;
	struct bt_files *files;
	struct bt_event ev;
	struct bt_fs *fs;

	if (t->tid != pid) {
		fs = t->fs;
		files = t->files;
		t->fs = NULL;
		t->files = NULL;
		replay_task_remove(r, t);
		leader = bt_tasks__find(&r->tasks, pid);
		if (leader) {
			replay_task_remove(r, leader);
			m->procs[proc].threads--;
		}
		t = bt_tasks__add(&r->tasks, pid);
		if (!t) {
			r->oom = true;
			bt_fs__put(fs);
			bt_files__put(files);
			replay_image_free(img);
			return;
		}
		t->proc = proc;
		t->fs = fs;
		t->files = files;
		/* Its exit comes after the exec, in prepare_exec's order. */
		if (leader)
			t->flags |= REPLAY_SKIP_EXIT;
	}
	if (t->files->refs > 1 && (files = bt_files__copy(t->files))) {
		bt_files__put(t->files);
		t->files = files;
	}
	bt_files__exec(t->files);

	execs = replay_grow(m->execs, &m->cap_execs, m->nr_execs + 1, sizeof(*execs));
	if (!execs) {
		r->oom = true;
		replay_image_free(img);
		return;
	}
	m->execs = execs;
	img->proc = proc;
	img->cwd = t->fs->cwd;
	idx = (int)m->nr_execs++;
	execs[idx] = *img;
	m->procs[proc].exec = idx;

	memset(&ev, 0, sizeof(ev));
	ev.time_ns = img->time_ns;
	ev.pid = pid;
	ev.tid = img->tid;
	ev.proc = proc;
	ev.name = "exec";
	ev.thread = -1;
	ev.image = &execs[idx];
	ev.cwd = img->cwd;
	replay_touch(r, &ev, proc, img->path, false, BT_ACC_EXEC, true, 0);
	/*
	 * What stdin, stdout and stderr are open on, the new image uses,
	 * when the build opened it: the terminal or log COMMAND was given
	 * is not one of the build's files.
	 */
	for (i = 0; i < 3; i++) {
		const struct bt_fdent *e = bt_files__get(t->files, i);
		int acc = e ? (int)(e->f->flags & O_ACCMODE) : 0;

		if (!e || !e->f->path || e->f->unresolved || e->f->outside ||
		    (i == 0 ? acc == O_WRONLY : acc == O_RDONLY) ||
		    (i == 2 && seen[1] == e->f->path))
			continue;
		seen[i] = e->f->path;
		replay_touch(r, &ev, proc, e->f->path, false,
			     i ? BT_ACC_WRITE : BT_ACC_READ, true, 0);
	}
	replay_emit(r, &ev);
}

void replay_on_exec(struct replay *r, size_t i)
{
	const struct bt_exec *e = (const void *)r->recs[i];
	struct bt_exec_image img = { 0 };
	struct pending_exec *pe;
	struct bt_task *t;
	bool unresolved;

	img.time_ns = e->head.time_ns - r->start_ns;
	img.tid = e->head.tid;
	t = replay_task_of(r, e->head.tid, e->head.pid, img.time_ns);
	if (!t || !t->fs || !t->files)
		return;
	if (e->filename_len)
		img.path = replay_resolve(r, t, e->dirfd, e->filename,
					  e->at_flags & AT_EMPTY_PATH, &unresolved);
	if (collect_image(r, i, e->head.tid, &img)) {
		replay_image_free(&img);
		return;
	}
	img.unreadable |= e->head.flags & BT_EXEC_UNREADABLE;
	if (!(e->head.flags & BT_EXEC_PENDING)) {
		apply_exec(r, t, &img);
		return;
	}
	replay_drop_pending(t);
	pe = malloc(sizeof(*pe));
	if (!pe) {
		r->oom = true;
		replay_image_free(&img);
		return;
	}
	pe->image = img;
	pe->dirfd = e->dirfd;
	pe->at_flags = e->at_flags;
	t->pending = pe;
}

void replay_on_exec_done(struct replay *r, size_t i)
{
	const struct bt_exec_done *d = (const void *)r->recs[i];
	struct bt_task *t = bt_tasks__find(&r->tasks, d->old_tid);
	struct pending_exec *pe = t ? t->pending : NULL;
	struct bt_exec_image img;

	if (!pe)
		return;
	recover_image(r, i, d->head.tid, t, pe);
	img = pe->image;
	free(pe);
	t->pending = NULL;
	img.time_ns = d->head.time_ns - r->start_ns;
	apply_exec(r, t, &img);
}
