// SPDX-License-Identifier: GPL-2.0
/* Running totals per key, and what grew between two prints. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/tally.h"

/* The row for key, or where it would go (*found false). */
static size_t find(const struct tally *t, __u32 key, bool *found)
{
	size_t lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->rows[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < t->n && t->rows[lo].key == key;
	return lo;
}

int tally__set(struct tally *t, __u32 key, __u64 count, __u64 ns,
	       const char *comm)
{
	struct tally_row *r;
	bool found;
	size_t i = find(t, key, &found);

	if (!found) {
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 64;
			struct tally_row *rows = realloc(t->rows, cap * sizeof(*rows));

			if (!rows)
				return -ENOMEM;
			t->rows = rows;
			t->cap = cap;
		}
		memmove(&t->rows[i + 1], &t->rows[i], (t->n - i) * sizeof(*t->rows));
		t->n++;
		memset(&t->rows[i], 0, sizeof(*t->rows));
		t->rows[i].key = key;
	}
	r = &t->rows[i];
	/* Totals only grow: smaller ones are a new kernel entry. */
	if (r->live && (count < r->live_count || ns < r->live_ns)) {
		r->done_count += r->live_count;
		r->done_ns += r->live_ns;
	}
	r->live = true;
	r->live_count = count;
	r->live_ns = ns;
	if (comm && *comm) {
		strncpy(r->comm, comm, sizeof(r->comm) - 1);
		r->comm[sizeof(r->comm) - 1] = '\0';
	}
	return 0;
}

void tally__retire(struct tally *t, __u32 key)
{
	struct tally_row *r;
	bool found;
	size_t i = find(t, key, &found);

	if (!found)
		return;
	r = &t->rows[i];
	r->done_count += r->live_count;
	r->done_ns += r->live_ns;
	r->live_count = r->live_ns = 0;
	r->live = false;
}

static __u64 total_count(const struct tally_row *r)
{
	return r->done_count + r->live_count;
}

static __u64 total_ns(const struct tally_row *r)
{
	return r->done_ns + r->live_ns;
}

static int by_count(const void *a, const void *b)
{
	const struct tally_delta *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->ns != y->ns)
		return x->ns > y->ns ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int by_ns(const void *a, const void *b)
{
	const struct tally_delta *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns > y->ns ? -1 : 1;
	return by_count(a, b);
}

size_t tally__deltas(const struct tally *t, bool by_time,
		     struct tally_delta *out)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++) {
		const struct tally_row *r = &t->rows[i];

		if (total_count(r) == r->base_count)
			continue;
		out[n].key = r->key;
		out[n].count = total_count(r) - r->base_count;
		out[n].ns = total_ns(r) - r->base_ns;
		out[n].comm = r->comm;
		n++;
	}
	qsort(out, n, sizeof(*out), by_time ? by_ns : by_count);
	return n;
}

void tally__rebase(struct tally *t)
{
	size_t i, kept = 0;

	for (i = 0; i < t->n; i++) {
		struct tally_row *r = &t->rows[i];

		if (!r->live)
			continue;
		r->base_count = total_count(r);
		r->base_ns = total_ns(r);
		t->rows[kept++] = *r;
	}
	t->n = kept;
}

void tally__free(struct tally *t)
{
	free(t->rows);
	t->rows = NULL;
	t->n = t->cap = 0;
}
