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

/*
 * A descriptor table is a radix tree: FD_LEVELS levels of FD_FANOUT
 * slots, the last holding entries. Nodes are reference-counted, shared
 * by the copies a fork makes, and copied on the way to a write.
 */
#define FD_BITS		4
#define FD_FANOUT	(1 << FD_BITS)
#define FD_LEVELS	4
#define FD_LEAF		(FD_LEVELS - 1)
_Static_assert(1 << (FD_LEVELS * FD_BITS) == BT_FD_MAX,
	       "the tree's levels cover every tracked descriptor");

struct bt_fdnode {
	int refs;
	unsigned int nr_open, nr_cloexec;	/* in the subtree */
	union {
		struct bt_fdnode *child[FD_FANOUT];	/* above the leaves */
		struct bt_fdent ent[FD_FANOUT];		/* at FD_LEAF */
	};
};

/* Nodes alive in every table: what the tests hold the tree's cost to. */
static size_t live_nodes;

size_t bt_files__live_nodes(void)
{
	return live_nodes;
}

static unsigned int slot_of(unsigned int fd, int level)
{
	return fd >> ((FD_LEAF - level) * FD_BITS) & (FD_FANOUT - 1);
}

static void node_put(struct bt_fdnode *n, int level)
{
	int i;

	if (!n || --n->refs)
		return;
	for (i = 0; i < FD_FANOUT; i++) {
		if (level == FD_LEAF)
			bt_ofile__put(n->ent[i].f);
		else
			node_put(n->child[i], level + 1);
	}
	free(n);
	live_nodes--;
}

/*
 * Make *pp this table's own before a write: a shared node is copied,
 * and what the copy points to gains a reference. NULL if out of memory.
 */
static struct bt_fdnode *own(struct bt_fdnode **pp, int level)
{
	struct bt_fdnode *n = *pp, *c;
	int i;

	if (n->refs == 1)
		return n;
	c = malloc(sizeof(*c));
	if (!c)
		return NULL;
	live_nodes++;
	*c = *n;
	c->refs = 1;
	for (i = 0; i < FD_FANOUT; i++) {
		if (level == FD_LEAF && c->ent[i].f)
			c->ent[i].f->refs++;
		else if (level != FD_LEAF && c->child[i])
			c->child[i]->refs++;
	}
	n->refs--;
	*pp = c;
	return c;
}

/*
 * fd's entry with every node on its path this table's own (made when
 * create), path[] the nodes from the root down. NULL when fd has no
 * node and !create, or memory is short.
 */
static struct bt_fdent *own_entry(struct bt_files *fl, unsigned int fd,
				  bool create, struct bt_fdnode *path[FD_LEVELS])
{
	struct bt_fdnode **pp = &fl->root;
	int level;

	for (level = 0; level < FD_LEVELS; level++) {
		if (!*pp && !create)
			return NULL;
		if (!*pp) {
			*pp = calloc(1, sizeof(**pp));
			if (!*pp)
				return NULL;
			live_nodes++;
			(*pp)->refs = 1;
		} else if (!own(pp, level)) {
			return NULL;
		}
		path[level] = *pp;
		if (level != FD_LEAF)
			pp = &(*pp)->child[slot_of(fd, level)];
	}
	return &path[FD_LEAF]->ent[slot_of(fd, FD_LEAF)];
}

/* Count a write at fd on its path; a node left with nothing open goes. */
static void account(struct bt_files *fl, unsigned int fd,
		    struct bt_fdnode *path[FD_LEVELS], int d_open, int d_cloexec)
{
	int level;

	for (level = 0; level < FD_LEVELS; level++) {
		path[level]->nr_open += d_open;
		path[level]->nr_cloexec += d_cloexec;
	}
	for (level = FD_LEAF; level >= 0 && !path[level]->nr_open; level--) {
		node_put(path[level], level);
		if (level)
			path[level - 1]->child[slot_of(fd, level - 1)] = NULL;
		else
			fl->root = NULL;
	}
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

	if (fl && src && src->root) {
		fl->root = src->root;
		fl->root->refs++;
	}
	return fl;
}

void bt_files__put(struct bt_files *fl)
{
	if (!fl || --fl->refs)
		return;
	node_put(fl->root, 0);
	free(fl);
}

const struct bt_fdent *bt_files__get(const struct bt_files *fl, long long fd)
{
	const struct bt_fdnode *n = fl ? fl->root : NULL;
	int level;

	if (fd < 0 || fd >= BT_FD_MAX)
		return NULL;
	for (level = 0; n && level < FD_LEAF; level++)
		n = n->child[slot_of((unsigned int)fd, level)];
	if (!n || !n->ent[slot_of((unsigned int)fd, FD_LEAF)].f)
		return NULL;
	return &n->ent[slot_of((unsigned int)fd, FD_LEAF)];
}

unsigned int bt_files__count(const struct bt_files *fl)
{
	return fl && fl->root ? fl->root->nr_open : 0;
}

void bt_files__close(struct bt_files *fl, long long fd)
{
	struct bt_fdnode *path[FD_LEVELS];
	struct bt_fdent *e;
	int d_cloexec;

	if (!bt_files__get(fl, fd))
		return;
	e = own_entry(fl, (unsigned int)fd, false, path);
	if (!e)
		return;	/* out of memory: it stays open */
	d_cloexec = e->cloexec ? -1 : 0;
	bt_ofile__put(e->f);
	e->f = NULL;
	e->cloexec = false;
	account(fl, (unsigned int)fd, path, -1, d_cloexec);
}

void bt_files__set_cloexec(struct bt_files *fl, long long fd, bool cloexec)
{
	struct bt_fdnode *path[FD_LEVELS];
	const struct bt_fdent *cur = bt_files__get(fl, fd);
	struct bt_fdent *e;

	if (!cur || cur->cloexec == cloexec)
		return;
	e = own_entry(fl, (unsigned int)fd, false, path);
	if (!e)
		return;
	e->cloexec = cloexec;
	account(fl, (unsigned int)fd, path, 0, cloexec ? 1 : -1);
}

int bt_files__install(struct bt_files *fl, long long fd, struct bt_ofile *f,
		      bool cloexec)
{
	struct bt_fdnode *path[FD_LEVELS];
	struct bt_fdent *e;
	int d_open, d_cloexec;

	if (!fl || !f || fd < 0 || fd >= BT_FD_MAX) {
		bt_ofile__put(f);
		return -1;
	}
	e = own_entry(fl, (unsigned int)fd, true, path);
	if (!e) {
		bt_ofile__put(f);
		return -1;
	}
	d_open = e->f ? 0 : 1;
	d_cloexec = (int)cloexec - (e->f && e->cloexec);
	bt_ofile__put(e->f);
	e->f = f;
	e->cloexec = cloexec;
	account(fl, (unsigned int)fd, path, d_open, d_cloexec);
	return 0;
}

int bt_files__dup(struct bt_files *fl, long long fd, long long newfd,
		  bool cloexec)
{
	const struct bt_fdent *e = bt_files__get(fl, fd);

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

enum range_op { RANGE_CLOSE, RANGE_MARK, RANGE_EXEC };

/*
 * In the subtree *pp at level, whose first descriptor is base: each open
 * descriptor in [first, last] closed (RANGE_EXEC: if close-on-exec) or
 * marked close-on-exec (RANGE_MARK). Subtrees with nothing to do are not
 * entered, so the cost is what is open there. The change in counts is
 * added to *d_open and *d_cloexec.
 */
static void range_node(struct bt_fdnode **pp, int level, unsigned int base,
		       unsigned int first, unsigned int last, enum range_op op,
		       int *d_open, int *d_cloexec)
{
	unsigned int span = 1u << ((FD_LEVELS - level) * FD_BITS);
	unsigned int step = span / FD_FANOUT, fd;
	struct bt_fdnode *n = *pp;
	struct bt_fdent *e;
	int o = 0, c = 0, i;

	if (!n || !n->nr_open || base > last || base + (span - 1) < first ||
	    (op == RANGE_EXEC && !n->nr_cloexec) ||
	    (op == RANGE_MARK && n->nr_cloexec == n->nr_open))
		return;
	n = own(pp, level);
	if (!n)
		return;
	for (i = 0; i < FD_FANOUT; i++) {
		fd = base + (unsigned int)i * step;
		if (level != FD_LEAF) {
			range_node(&n->child[i], level + 1, fd, first, last, op,
				   &o, &c);
			continue;
		}
		e = &n->ent[i];
		if (!e->f || fd < first || fd > last)
			continue;
		if (op == RANGE_MARK) {
			c += !e->cloexec;
			e->cloexec = true;
		} else if (op == RANGE_CLOSE || e->cloexec) {
			c -= e->cloexec;
			o--;
			bt_ofile__put(e->f);
			e->f = NULL;
			e->cloexec = false;
		}
	}
	n->nr_open += o;
	n->nr_cloexec += c;
	*d_open += o;
	*d_cloexec += c;
	if (!n->nr_open) {
		node_put(n, level);
		*pp = NULL;
	}
}

void bt_files__close_range(struct bt_files *fl, unsigned long long first,
			   unsigned long long last, bool cloexec)
{
	int o = 0, c = 0;

	if (!fl || first > last || first >= BT_FD_MAX)
		return;
	if (last >= BT_FD_MAX)
		last = BT_FD_MAX - 1;
	range_node(&fl->root, 0, 0, (unsigned int)first, (unsigned int)last,
		   cloexec ? RANGE_MARK : RANGE_CLOSE, &o, &c);
}

void bt_files__exec(struct bt_files *fl)
{
	int o = 0, c = 0;

	if (fl)
		range_node(&fl->root, 0, 0, 0, BT_FD_MAX - 1, RANGE_EXEC, &o, &c);
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

/*
 * tid's first slot: the high bits of a Fibonacci product, so that tids
 * alike in their low bits (multiples of 65536, say) spread out rather
 * than pile up in one run the probes then walk end to end.
 */
static size_t home_of(const struct bt_tasks *ts, __u32 tid)
{
	int bits = __builtin_ctzll((unsigned long long)ts->nr_slots);

	return (size_t)(((__u64)tid * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

struct bt_task *bt_tasks__find(const struct bt_tasks *ts, __u32 tid)
{
	size_t mask = ts->nr_slots - 1, j;

	if (!ts->nr_slots || !tid)
		return NULL;
	for (j = home_of(ts, tid); ts->slots[j].tid; j = (j + 1) & mask)
		if (ts->slots[j].tid == tid)
			return &ts->slots[j];
	return NULL;
}

static struct bt_task *place(struct bt_tasks *ts, __u32 tid)
{
	size_t mask = ts->nr_slots - 1, j = home_of(ts, tid);

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
		home = home_of(ts, ts->slots[j].tid);
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
