// SPDX-License-Identifier: GPL-2.0
/* The critical path of a build: see critical.h. */
#include <stdlib.h>
#include <string.h>
#include "tools/buildtrace/critical.h"

struct write {
	__u32 path;
	int proc;
	__u64 time_ns;
};

struct walk {
	const struct bt_model *m;
	int *children;		/* procs by parent */
	size_t *first_child;	/* per proc: its first in children; + 1 entry */
	int *uses;		/* uses by proc, in time order */
	size_t *first_use;
	struct write *writes;	/* by path, then time */
	size_t nr_writes;
};

static const char *const link_names[] = {
	[BT_LINK_FIRST] = "first",
	[BT_LINK_STARTED] = "started",
	[BT_LINK_CHILD_ENDED] = "after child",
	[BT_LINK_READ] = "read",
};

const char *bt_link_name(enum bt_link link)
{
	return link <= BT_LINK_READ ? link_names[link] : "?";
}

static __u64 end_of(const struct bt_model *m, int proc)
{
	const struct bt_proc *p = &m->procs[proc];

	return p->ended ? p->end_ns : m->duration_ns;
}

static int by_path_time(const void *x, const void *y)
{
	const struct write *a = x, *b = y;

	if (a->path != b->path)
		return a->path < b->path ? -1 : 1;
	return a->time_ns < b->time_ns ? -1 : a->time_ns > b->time_ns;
}

/* Counting sort of n items by key into order, with first[] as offsets. */
static int bucket(size_t n, size_t keys, int (*key)(const struct bt_model *, size_t),
		  const struct bt_model *m, int **order, size_t **first)
{
	size_t i, *at;
	int k;

	*order = malloc((n + 1) * sizeof(**order));
	*first = calloc(keys + 2, sizeof(**first));
	at = calloc(keys + 2, sizeof(*at));
	if (!*order || !*first || !at) {
		free(at);
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((k = key(m, i)) >= 0)
			(*first)[k + 1]++;
	for (i = 1; i <= keys + 1; i++)
		(*first)[i] += (*first)[i - 1];
	memcpy(at, *first, (keys + 1) * sizeof(*at));
	for (i = 0; i < n; i++)
		if ((k = key(m, i)) >= 0)
			(*order)[at[k]++] = (int)i;
	free(at);
	return 0;
}

static int parent_key(const struct bt_model *m, size_t i)
{
	return m->procs[i].parent;
}

static int use_key(const struct bt_model *m, size_t i)
{
	return m->uses[i].proc;
}

static bool is_write(__u8 access)
{
	return access == BT_ACC_WRITE || access == BT_ACC_CREATE ||
	       access == BT_ACC_RENAME_TO;
}

static int walk_init(struct walk *w, const struct bt_model *m)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	w->m = m;
	if (bucket(m->nr_procs, m->nr_procs, parent_key, m, &w->children,
		   &w->first_child) ||
	    bucket(m->nr_uses, m->nr_procs, use_key, m, &w->uses, &w->first_use))
		return -1;
	w->writes = malloc((m->nr_uses + 1) * sizeof(*w->writes));
	if (!w->writes)
		return -1;
	for (i = 0; i < m->nr_uses; i++)
		if (is_write(m->uses[i].access) && !m->uses[i].dir)
			w->writes[w->nr_writes++] = (struct write){
				m->uses[i].path, m->uses[i].proc, m->uses[i].time_ns };
	qsort(w->writes, w->nr_writes, sizeof(*w->writes), by_path_time);
	return 0;
}

static void walk_free(struct walk *w)
{
	free(w->children);
	free(w->first_child);
	free(w->uses);
	free(w->first_use);
	free(w->writes);
}

/* The last write of path before time by a process other than proc. */
static const struct write *last_write(const struct walk *w, __u32 path,
				      __u64 time, int proc)
{
	size_t lo = 0, hi = w->nr_writes, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->writes[mid].path < path ||
		    (w->writes[mid].path == path && w->writes[mid].time_ns <= time))
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0 && w->writes[lo].path == path)
		if (w->writes[lo].proc != proc)
			return &w->writes[lo];
	return NULL;
}

/* What proc last waited on before t: the step before it, if any. */
static bool waited_on(const struct walk *w, int proc, __u64 t,
		      struct bt_step *before)
{
	const struct bt_model *m = w->m;
	__u64 start = m->procs[proc].start_ns, best = 0;
	const struct write *wr;
	bool found = false;
	size_t i;

	for (i = w->first_child[proc]; i < w->first_child[proc + 1]; i++) {
		int c = w->children[i];
		__u64 end = end_of(m, c);

		if (!m->procs[c].ended || end > t || end < start || end <= best)
			continue;
		best = end;
		*before = (struct bt_step){ .proc = c, .to_ns = end,
					    .link = BT_LINK_CHILD_ENDED };
		found = true;
	}
	for (i = w->first_use[proc]; i < w->first_use[proc + 1]; i++) {
		const struct bt_use *u = &m->uses[w->uses[i]];

		if (u->time_ns > t)
			break;
		if (u->access != BT_ACC_READ && u->access != BT_ACC_EXEC)
			continue;
		wr = last_write(w, u->path, u->time_ns, proc);
		if (!wr || wr->time_ns <= best || wr->time_ns < start)
			continue;
		best = wr->time_ns;
		*before = (struct bt_step){ .proc = wr->proc, .to_ns = wr->time_ns,
					    .link = BT_LINK_READ, .path = u->path };
		found = true;
	}
	return found;
}

int bt_critical_path(const struct bt_model *m, struct bt_step **steps,
		     size_t *n)
{
	size_t cap = 64, nr = 0, limit, i;
	struct bt_step *v, *more, before;
	struct walk w = { .m = m };
	int cur = -1, root;
	__u64 t;

	*steps = NULL;
	*n = 0;
	/* the first process with no parent: COMMAND, or the selection's first */
	for (root = 0; root < (int)m->nr_procs && cur < 0; root++)
		if (m->procs[root].parent < 0)
			cur = root;
	if (cur < 0)
		return 0;
	v = malloc(cap * sizeof(*v));
	if (!v || walk_init(&w, m))
		goto out_nomem;
	t = end_of(m, cur);
	/* each step goes back in time or to another process: bound it anyway */
	limit = 2 * (m->nr_procs + m->nr_uses) + 16;
	for (i = 0; i < limit; i++) {
		enum bt_link link = BT_LINK_FIRST;
		__u64 from = m->procs[cur].start_ns;
		int next = -1;

		if (waited_on(&w, cur, t, &before)) {
			from = before.to_ns;
			next = before.proc;
			link = before.link;
		} else if (m->procs[cur].parent >= 0) {
			next = m->procs[cur].parent;
			link = BT_LINK_STARTED;
		}
		if (nr == cap) {
			more = realloc(v, (cap *= 2) * sizeof(*v));
			if (!more)
				goto out_nomem;
			v = more;
		}
		v[nr++] = (struct bt_step){ .proc = cur, .from_ns = from, .to_ns = t,
					    .link = link,
					    .path = link == BT_LINK_READ ? before.path : 0 };
		if (next < 0)
			break;
		cur = next;
		t = from;
	}
	walk_free(&w);
	/* walked back: put it in time order */
	for (i = 0; i < nr / 2; i++) {
		before = v[i];
		v[i] = v[nr - 1 - i];
		v[nr - 1 - i] = before;
	}
	*steps = v;
	*n = nr;
	return 0;
out_nomem:
	walk_free(&w);
	free(v);
	return -1;
}
