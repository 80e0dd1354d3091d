// SPDX-License-Identifier: GPL-2.0
/* Descriptions, descriptor tables, cwds and threads for the replay. */
#include <stdlib.h>
#include <string.h>
#include "tools/buildtrace/fdtable.h"

struct bt_ofile *bt_ofile__new(__u32 path, __u32 flags, bool unresolved)
{
	struct bt_ofile *f = calloc(1, sizeof(*f));

	if (f) {
		f->refs = 1;
		f->path = path;
		f->flags = flags;
		f->unresolved = unresolved;
	}
	return f;
}

void bt_ofile__put(struct bt_ofile *f)
{
	if (f && !--f->refs)
		free(f);
}

struct bt_files *bt_files__new(void)
{
	struct bt_files *fl = calloc(1, sizeof(*fl));

	if (fl)
		fl->refs = 1;
	return fl;
}

struct bt_files *bt_files__copy(const struct bt_files *src)
{
	struct bt_files *fl = bt_files__new();
	int i;

	if (!fl || !src || !src->nr)
		return fl;
	fl->fds = calloc((size_t)src->nr, sizeof(*fl->fds));
	if (!fl->fds) {
		free(fl);
		return NULL;
	}
	fl->nr = src->nr;
	for (i = 0; i < src->nr; i++) {
		fl->fds[i] = src->fds[i];
		if (fl->fds[i].f)
			fl->fds[i].f->refs++;
	}
	return fl;
}

void bt_files__put(struct bt_files *fl)
{
	int i;

	if (!fl || --fl->refs)
		return;
	for (i = 0; i < fl->nr; i++)
		bt_ofile__put(fl->fds[i].f);
	free(fl->fds);
	free(fl);
}

struct bt_fdent *bt_files__get(const struct bt_files *fl, long long fd)
{
	if (!fl || fd < 0 || fd >= fl->nr || !fl->fds[fd].f)
		return NULL;
	return &fl->fds[fd];
}

void bt_files__close(struct bt_files *fl, long long fd)
{
	if (!bt_files__get(fl, fd))
		return;
	bt_ofile__put(fl->fds[fd].f);
	fl->fds[fd].f = NULL;
}

int bt_files__install(struct bt_files *fl, long long fd, struct bt_ofile *f,
		      bool cloexec)
{
	struct bt_fdent *fds;
	int nr;

	if (!fl || !f || fd < 0 || fd >= BT_FD_MAX) {
		bt_ofile__put(f);
		return -1;
	}
	if (fd >= fl->nr) {
		nr = fl->nr ? fl->nr : 16;
		while (nr <= fd)
			nr *= 2;
		fds = realloc(fl->fds, (size_t)nr * sizeof(*fds));
		if (!fds) {
			bt_ofile__put(f);
			return -1;
		}
		memset(fds + fl->nr, 0, (size_t)(nr - fl->nr) * sizeof(*fds));
		fl->fds = fds;
		fl->nr = nr;
	}
	bt_files__close(fl, fd);
	fl->fds[fd].f = f;
	fl->fds[fd].cloexec = cloexec;
	return 0;
}

int bt_files__dup(struct bt_files *fl, long long fd, long long newfd,
		  bool cloexec)
{
	struct bt_fdent *e = bt_files__get(fl, fd);

	if (!e) {
		/* Whatever newfd held is gone, and what replaces it unknown. */
		bt_files__close(fl, newfd);
		return -1;
	}
	if (fd == newfd)
		return 0;
	e->f->refs++;
	return bt_files__install(fl, newfd, e->f, cloexec);
}

void bt_files__exec(struct bt_files *fl)
{
	int i;

	for (i = 0; fl && i < fl->nr; i++)
		if (fl->fds[i].f && fl->fds[i].cloexec)
			bt_files__close(fl, i);
}

struct bt_fs *bt_fs__new(__u32 cwd)
{
	struct bt_fs *fs = calloc(1, sizeof(*fs));

	if (fs) {
		fs->refs = 1;
		fs->cwd = cwd;
	}
	return fs;
}

void bt_fs__put(struct bt_fs *fs)
{
	if (fs && !--fs->refs)
		free(fs);
}

struct bt_task *bt_tasks__find(const struct bt_tasks *ts, __u32 tid)
{
	size_t mask = ts->nr_slots - 1, j;

	if (!ts->nr_slots || !tid)
		return NULL;
	for (j = tid & mask; ts->slots[j].tid; j = (j + 1) & mask)
		if (ts->slots[j].tid == tid)
			return &ts->slots[j];
	return NULL;
}

static struct bt_task *place(struct bt_tasks *ts, __u32 tid)
{
	size_t mask = ts->nr_slots - 1, j = tid & mask;

	while (ts->slots[j].tid)
		j = (j + 1) & mask;
	ts->slots[j].tid = tid;
	ts->nr++;
	return &ts->slots[j];
}

static int grow(struct bt_tasks *ts)
{
	struct bt_task *old = ts->slots;
	size_t n = ts->nr_slots, i;

	ts->slots = calloc(n ? n * 2 : 256, sizeof(*ts->slots));
	if (!ts->slots) {
		ts->slots = old;
		return -1;
	}
	ts->nr_slots = n ? n * 2 : 256;
	ts->nr = 0;
	for (i = 0; i < n; i++)
		if (old[i].tid)
			*place(ts, old[i].tid) = old[i];
	free(old);
	return 0;
}

struct bt_task *bt_tasks__add(struct bt_tasks *ts, __u32 tid)
{
	struct bt_task *t = bt_tasks__find(ts, tid);

	if (t || !tid)
		return t;
	if ((ts->nr + 1) * 2 > ts->nr_slots && grow(ts))
		return NULL;
	t = place(ts, tid);
	t->proc = -1;
	return t;
}

void bt_tasks__remove(struct bt_tasks *ts, struct bt_task *t)
{
	size_t mask = ts->nr_slots - 1, hole = (size_t)(t - ts->slots), j, home;

	bt_fs__put(t->fs);
	bt_files__put(t->files);
	free(t->pending);
	memset(t, 0, sizeof(*t));
	ts->nr--;
	/* Move back each later entry the hole would hide from its home. */
	for (j = (hole + 1) & mask; ts->slots[j].tid; j = (j + 1) & mask) {
		home = ts->slots[j].tid & mask;
		if (((j - home) & mask) >= ((j - hole) & mask)) {
			ts->slots[hole] = ts->slots[j];
			memset(&ts->slots[j], 0, sizeof(ts->slots[j]));
			hole = j;
		}
	}
}

void bt_tasks__free(struct bt_tasks *ts)
{
	size_t i;

	for (i = 0; i < ts->nr_slots; i++) {
		if (!ts->slots[i].tid)
			continue;
		bt_fs__put(ts->slots[i].fs);
		bt_files__put(ts->slots[i].files);
		free(ts->slots[i].pending);
	}
	free(ts->slots);
	memset(ts, 0, sizeof(*ts));
}
