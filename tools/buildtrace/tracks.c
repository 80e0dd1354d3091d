// SPDX-License-Identifier: GPL-2.0
/* Processes laid out on nesting tracks: see tracks.h. */
#include <stdlib.h>
#include "tools/buildtrace/tracks.h"

/* What is open on a track: the nested processes, innermost last. */
struct stack {
	int *proc;
	size_t n, cap;
};

__u64 bt_proc_end(const struct bt_model *m, int proc)
{
	const struct bt_proc *p = &m->procs[proc];

	return p->ended && p->end_ns >= p->start_ns ? p->end_ns :
	       m->duration_ns > p->start_ns ? m->duration_ns : p->start_ns;
}

static int by_start(const void *x, const void *y, void *ctx)
{
	const struct bt_model *m = ctx;
	int a = *(const int *)x, b = *(const int *)y;
	__u64 ea = bt_proc_end(m, a), eb = bt_proc_end(m, b);

	if (m->procs[a].start_ns != m->procs[b].start_ns)
		return m->procs[a].start_ns < m->procs[b].start_ns ? -1 : 1;
	if (ea != eb)
		return ea > eb ? -1 : 1;	/* the enclosing one first */
	return a - b;
}

/*
 * The process open innermost on the track at start, -1 for none: what
 * ended is taken off (processes come in order of start).
 */
static int open_at(const struct bt_model *m, struct stack *s, __u64 start)
{
	while (s->n && bt_proc_end(m, s->proc[s->n - 1]) <= start)
		s->n--;
	return s->n ? s->proc[s->n - 1] : -1;
}

static int push(struct stack *s, int proc)
{
	int *v;

	if (s->n == s->cap) {
		v = realloc(s->proc, (s->cap * 2 + 8) * sizeof(*v));
		if (!v)
			return -1;
		s->proc = v;
		s->cap = s->cap * 2 + 8;
	}
	s->proc[s->n++] = proc;
	return 0;
}

int bt_tracks(const struct bt_model *m, int **track, int *nr_tracks)
{
	int *order = malloc((m->nr_procs + 1) * sizeof(*order)), i, k, t, n = 0;
	struct stack *stacks = NULL, *more;
	int err = -1;

	*track = malloc((m->nr_procs + 1) * sizeof(**track));
	if (!order || !*track)
		goto out;
	for (i = 0; i < (int)m->nr_procs; i++) {
		order[i] = i;
		(*track)[i] = -1;
	}
	qsort_r(order, m->nr_procs, sizeof(*order), by_start, (void *)m);
	for (k = 0; k < (int)m->nr_procs; k++) {
		int p = order[k], parent = m->procs[p].parent;
		__u64 start = m->procs[p].start_ns, end = bt_proc_end(m, p);

		/* under its parent, if the parent is innermost there and lasts */
		t = -1;
		if (parent >= 0 && (*track)[parent] >= 0 &&
		    open_at(m, &stacks[(*track)[parent]], start) == parent &&
		    bt_proc_end(m, parent) >= end)
			t = (*track)[parent];
		/* else alone on a track */
		for (i = 0; t < 0 && i < n; i++)
			if (open_at(m, &stacks[i], start) < 0)
				t = i;
		if (t < 0) {
			more = realloc(stacks, (size_t)(n + 1) * sizeof(*stacks));
			if (!more)
				goto out;
			stacks = more;
			stacks[n] = (struct stack){ NULL, 0, 0 };
			t = n++;
		}
		if (push(&stacks[t], p))
			goto out;
		(*track)[p] = t;
	}
	*nr_tracks = n;
	err = 0;
out:
	for (i = 0; i < n; i++)
		free(stacks[i].proc);
	free(stacks);
	free(order);
	if (err) {
		free(*track);
		*track = NULL;
	}
	return err;
}
