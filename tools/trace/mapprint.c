// SPDX-License-Identifier: GPL-2.0
/* Maps read back and printed in bpftrace's own layout. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "tools/lib/json.h"
#include "tools/lib/output.h"
#include "tools/trace/mapprint.h"
#include "tools/trace/sema.h"

#define TEXT_MAX	(1u << 20)

struct entry {
	unsigned char *key;
	__s64 v, v2;		/* the value; avg and stats: count and total */
	unsigned char *value;	/* a value kept whole: strings, stacks, ... */
	__u64 *buckets;
	int nb;
};

struct table {
	const struct trace_map *m;
	struct entry *e;
	size_t n, cap;
	int ncpus;
	unsigned int ukey;	/* the script's key: without the bucket */
};

static void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].key);
		free(t->e[i].value);
		free(t->e[i].buckets);
	}
	free(t->e);
}

static __s64 get64(const unsigned char *p)
{
	__s64 v;

	memcpy(&v, p, 8);
	return v;
}

static struct entry *find_or_add(struct table *t, const unsigned char *key)
{
	struct entry *e;
	size_t i;

	for (i = t->n; i-- > 0;)
		if (!memcmp(t->e[i].key, key, t->ukey))
			return &t->e[i];
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;

		e = realloc(t->e, cap * sizeof(*e));
		if (!e)
			return NULL;
		t->e = e;
		t->cap = cap;
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->key = malloc(t->ukey ? t->ukey : 1);
	if (!e->key)
		return NULL;
	memcpy(e->key, key, t->ukey);
	t->n++;
	return e;
}

/* Fold this key's per-CPU values (or its one value) into its entry. */
static int fold(struct table *t, const unsigned char *key, const unsigned char *val)
{
	const struct trace_map *m = t->m;
	unsigned int vs = (m->value_size + 7) & ~7u;
	int cpus = m->percpu ? t->ncpus : 1, c, bucket;
	struct entry *e = find_or_add(t, key);
	const unsigned char *v;
	bool any = false;

	if (!e)
		return -ENOMEM;
	switch (m->value.kind) {
	case TY_HIST:
	case TY_LHIST:
		if (!e->buckets) {
			e->nb = m->value.kind == TY_HIST ? TRACE_HIST_BUCKETS :
				(int)((m->value.lmax - m->value.lmin) / m->value.lstep) + 2;
			e->buckets = calloc((size_t)e->nb, sizeof(__u64));
			if (!e->buckets)
				return -ENOMEM;
		}
		bucket = (int)get64(key + t->ukey);
		for (c = 0; c < cpus && bucket >= 0 && bucket < e->nb; c++)
			e->buckets[bucket] += (__u64)get64(val + (size_t)c * vs);
		return 0;
	case TY_COUNT: case TY_SUM:
		for (c = 0; c < cpus; c++)
			e->v += get64(val + (size_t)c * vs);
		return 0;
	case TY_AVG: case TY_STATS:
		for (c = 0; c < cpus; c++) {
			e->v += get64(val + (size_t)c * vs);
			e->v2 += get64(val + (size_t)c * vs + 8);
		}
		return 0;
	case TY_MIN: case TY_MAX:
		for (c = 0; c < cpus; c++) {
			v = val + (size_t)c * vs;
			if (!get64(v + 8))
				continue;
			if (!any || (m->value.kind == TY_MIN ?
				     (m->value.is_signed ? get64(v) < e->v :
				      (__u64)get64(v) < (__u64)e->v) :
				     (m->value.is_signed ? get64(v) > e->v :
				      (__u64)get64(v) > (__u64)e->v)))
				e->v = get64(v);
			any = true;
		}
		return 0;
	default:
		e->v = get64(val);
		e->value = malloc(vs);
		if (!e->value)
			return -ENOMEM;
		memcpy(e->value, val, vs);
		return 0;
	}
}

/* An array's entries: no key, the index is hist's bucket (as a u64). */
static int array_read(struct table *t, const struct trace_map *m,
		      unsigned char *val)
{
	__u64 bucket;
	__u32 i;
	int err;

	t->ukey = 0;
	for (i = 0; i < m->max_entries; i++) {
		err = bpf_map_lookup_elem(m->fd, &i, val);
		if (err)
			return err;
		bucket = i;
		err = fold(t, (const unsigned char *)&bucket, val);
		if (err)
			return err;
	}
	return 0;
}

static int table_read(struct table *t, const struct trace_map *m)
{
	unsigned int vs = (m->value_size + 7) & ~7u;
	unsigned char *key, *next, *val;
	int err = 0, cpus;

	memset(t, 0, sizeof(*t));
	t->m = m;
	cpus = cpus_possible();
	t->ncpus = cpus > 0 ? cpus : 1;
	t->ukey = m->key_size;
	if (m->value.kind == TY_HIST || m->value.kind == TY_LHIST)
		t->ukey -= 8;
	key = calloc(1, m->key_size);
	next = calloc(1, m->key_size);
	val = calloc((size_t)(m->percpu ? t->ncpus : 1), vs);
	if (!key || !next || !val) {
		err = -ENOMEM;
		goto out;
	}
	if (m->array) {
		err = array_read(t, m, val);
		goto out;
	}
	for (err = bpf_map_get_next_key(m->fd, NULL, next); !err;
	     err = bpf_map_get_next_key(m->fd, key, next)) {
		memcpy(key, next, m->key_size);
		/* an entry deleted meanwhile is simply not printed */
		if (bpf_map_lookup_elem(m->fd, key, val))
			continue;
		err = fold(t, key, val);
		if (err)
			goto out;
	}
	err = err == -ENOENT ? 0 : err;
	/* A map without keys shows its zero value until it has one, as bpftrace's. */
	if (!err && !t->n && !m->nr_keys) {
		memset(key, 0, m->key_size);
		memset(val, 0, (size_t)(m->percpu ? t->ncpus : 1) * vs);
		err = fold(t, key, val);
	}
out:
	free(key);
	free(next);
	free(val);
	return err;
}

static __u64 bucket_total(const struct entry *e)
{
	__u64 s = 0;
	int i;

	for (i = 0; i < e->nb; i++)
		s += e->buckets[i];
	return s;
}

static const struct table *sort_table;

/* Keys compared field by field: integers by value, strings by bytes. */
static int key_cmp(const struct entry *a, const struct entry *b)
{
	const struct trace_map *m = sort_table->m;
	unsigned int at = 0, sz;
	int i, r;

	for (i = 0; i < m->nr_keys; i++) {
		sz = type_slot_size(&m->keys[i]);
		if (m->keys[i].kind == TY_INT) {
			__s64 x = get64(a->key + at), y = get64(b->key + at);

			if (x != y)
				return m->keys[i].is_signed ? (x < y ? -1 : 1) :
				       ((__u64)x < (__u64)y ? -1 : 1);
		} else if ((r = memcmp(a->key + at, b->key + at, sz))) {
			return r;
		}
		at += sz;
	}
	return 0;
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	const struct type *t = &sort_table->m->value;
	__s64 x, y;

	switch (t->kind) {
	case TY_HIST: case TY_LHIST:
		x = (__s64)bucket_total(a);
		y = (__s64)bucket_total(b);
		return (__u64)x < (__u64)y ? -1 : (__u64)x > (__u64)y;
	case TY_AVG: case TY_STATS:
		x = a->v ? a->v2 / a->v : 0;
		y = b->v ? b->v2 / b->v : 0;
		break;
	case TY_INT: case TY_COUNT: case TY_SUM: case TY_MIN: case TY_MAX:
		x = a->v;
		y = b->v;
		if (!t->is_signed || t->kind == TY_COUNT)
			return (__u64)x < (__u64)y ? -1 : (__u64)x > (__u64)y;
		break;
	default:
		return key_cmp(a, b);
	}
	return x < y ? -1 : x > y;
}

static void render_key(struct sbuf *b, const struct table *t, const struct entry *e,
		       struct resolver *r, bool json)
{
	const struct trace_map *m = t->m;
	unsigned int at = 0;
	int i;

	if (!m->nr_keys)
		return;
	if (!json)
		sb_put(b, "[", 1);
	for (i = 0; i < m->nr_keys; i++) {
		if (i)
			sb_put(b, json ? "," : ", ", json ? 1 : 2);
		if (m->keys[i].kind == TY_KSTACK || m->keys[i].kind == TY_USTACK) {
			/* stacks in a key are indented by 4, as bpftrace does */
			struct sbuf s = *b;

			value_render(b, &m->keys[i], e->key + at, r);
			for (s.len = s.len + 1; s.len + 8 <= b->len; s.len++)
				if (b->p[s.len - 1] == '\n' && !memcmp(b->p + s.len, "        ", 8)) {
					memmove(b->p + s.len, b->p + s.len + 4, b->len - s.len - 4);
					b->len -= 4;
				}
		} else {
			value_render(b, &m->keys[i], e->key + at, r);
		}
		at += type_slot_size(&m->keys[i]);
	}
	if (!json)
		sb_put(b, "]", 1);
}

static void render_value(struct sbuf *b, const struct table *t,
			 const struct entry *e, struct resolver *r, __u64 div, bool json)
{
	const struct type *ty = &t->m->value;
	__s64 avg;

	if (!div)
		div = 1;
	switch (ty->kind) {
	case TY_COUNT:
		sb_printf(b, "%llu", (unsigned long long)e->v / div);
		break;
	case TY_SUM: case TY_MIN: case TY_MAX:
		if (ty->is_signed)
			sb_printf(b, "%lld", (long long)(e->v / (__s64)div));
		else
			sb_printf(b, "%llu", (unsigned long long)e->v / div);
		break;
	case TY_INT:
		if (ty->is_signed)
			sb_printf(b, "%lld", (long long)(e->v / (__s64)div));
		else
			sb_printf(b, "%llu", (unsigned long long)e->v / div);
		break;
	case TY_AVG:
		avg = e->v ? e->v2 / e->v : 0;
		sb_printf(b, "%lld", (long long)(avg / (__s64)div));
		break;
	case TY_STATS:
		avg = e->v ? e->v2 / e->v : 0;
		sb_printf(b, json ? "{\"count\": %lld, \"average\": %lld, \"total\": %lld}" :
			  "count %lld, average %lld, total %lld",
			  (long long)e->v, (long long)avg, (long long)e->v2);
		break;
	case TY_HIST:
		hist_render(b, e->buckets, e->nb, div);
		break;
	case TY_LHIST:
		lhist_render(b, e->buckets, e->nb, ty->lmin, ty->lmax, ty->lstep);
		break;
	default:
		value_render(b, ty, e->value, r);
	}
}

/* JSON wants the text, escaped and quoted; strings and the like only. */
static bool quoted(enum ty k)
{
	return k == TY_STR || k == TY_KSTACK || k == TY_USTACK || k == TY_KSYM ||
	       k == TY_INET || k == TY_BUF || k == TY_STRERROR || k == TY_TIMESTAMP;
}

static void out_json_bytes(const char *s, size_t n)
{
	static char esc[JSON_ESCAPED_MAX(4096)];
	size_t len;

	while (n) {
		size_t chunk = n > 4096 ? 4096 : n;

		len = json_escape(esc, s, chunk);
		/* json_escape quotes: the pieces go out without theirs */
		out_write(esc + 1, len - 2);
		s += chunk;
		n -= chunk;
	}
}

static void print_json(struct table *t, struct resolver *r, size_t from, __u64 div,
		       struct sbuf *b)
{
	const struct trace_map *m = t->m;
	enum ty k = m->value.kind;
	size_t i;

	if (from >= t->n)
		return;
	out_printf("{\"type\": \"%s\", \"data\": {\"", k == TY_HIST || k == TY_LHIST ?
		   "hist" : k == TY_AVG || k == TY_STATS ? "stats" : "map");
	out_json_bytes(m->name, strlen(m->name));
	out_str("\": ");
	if (m->nr_keys)
		out_str("{");
	for (i = from; i < t->n; i++) {
		if (i > from)
			out_str(", ");
		if (m->nr_keys) {
			b->len = 0;
			render_key(b, t, &t->e[i], r, true);
			out_str("\"");
			out_json_bytes(b->p, b->len);
			out_str("\": ");
		}
		b->len = 0;
		render_value(b, t, &t->e[i], r, div, true);
		if (quoted(k)) {
			out_str("\"");
			out_json_bytes(b->p, b->len);
			out_str("\"");
		} else {
			out_write(b->p, b->len);
		}
	}
	if (m->nr_keys)
		out_str("}");
	out_str("}}\n");
}

static void print_text(struct table *t, struct resolver *r, size_t from, __u64 div,
		       struct sbuf *b)
{
	const struct trace_map *m = t->m;
	enum ty k = m->value.kind;
	bool hist = k == TY_HIST || k == TY_LHIST;
	size_t i;

	for (i = from; i < t->n; i++) {
		b->len = 0;
		if (i > from && k != TY_KSTACK && k != TY_USTACK)
			sb_put(b, "\n", 1);
		sb_put(b, m->name, strlen(m->name));
		render_key(b, t, &t->e[i], r, false);
		sb_put(b, hist ? ": \n" : ": ", hist ? 3 : 2);
		render_value(b, t, &t->e[i], r, div, false);
		out_write(b->p, b->len);
	}
	out_str(k == TY_AVG || k == TY_STATS ? "\n\n" : "\n");
}

int map_print(struct resolver *r, const struct trace_map *m, __u64 top, __u64 div)
{
	static char text[TEXT_MAX];
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1, .raw = r->json || r->raw,
			  .json = r->json };
	struct table t;
	size_t from = 0;
	int err = table_read(&t, m);

	if (err) {
		table_free(&t);
		return err;
	}
	sort_table = &t;
	qsort(t.e, t.n, sizeof(*t.e), entry_cmp);
	if (top && t.n > top)
		from = t.n - top;
	if (r->json)
		print_json(&t, r, from, div, &b);
	else
		print_text(&t, r, from, div, &b);
	table_free(&t);
	return 0;
}

int map_clear(const struct trace_map *m, bool zero, int ncpus)
{
	unsigned int vs = (m->value_size + 7) & ~7u;
	unsigned char *key = calloc(1, m->key_size), *next = calloc(1, m->key_size);
	unsigned char *val = calloc((size_t)(m->percpu ? ncpus : 1), vs);
	int err = key && next && val ? 0 : -ENOMEM;
	bool first = true;
	__u32 i;

	/* an array's entries stay: cleared or zeroed, they are zero */
	for (i = 0; !err && m->array && i < m->max_entries; i++)
		err = bpf_map_update_elem(m->fd, &i, val, BPF_ANY);
	while (!err && !m->array) {
		err = bpf_map_get_next_key(m->fd, first ? NULL : key, next);
		if (err)
			break;
		memcpy(key, next, m->key_size);
		if (zero) {
			err = bpf_map_update_elem(m->fd, key, val, BPF_EXIST);
			if (err == -ENOENT)
				err = 0;
			first = false;
		} else {
			/* deleting the key walked from: start over each time */
			bpf_map_delete_elem(m->fd, key);
			first = true;
		}
	}
	free(key);
	free(next);
	free(val);
	return err == -ENOENT ? 0 : err;
}

/* 2^power with K, M, G, T for powers of 1024, as bpftrace labels buckets. */
static void hist_label(struct sbuf *b, int power)
{
	static const char suffix[] = { 0, 'K', 'M', 'G', 'T' };
	int s = power >= 40 ? 4 : power / 10;

	sb_printf(b, "%d", 1 << (power - s * 10));
	if (s)
		sb_put(b, &suffix[s], 1);
}

static void lhist_label(struct sbuf *b, long long n)
{
	if (n == 0)
		sb_printf(b, "%lld", n);
	else if (n % 1048576 == 0)
		sb_printf(b, "%lldM", n / 1048576);
	else if (n % 1024 == 0)
		sb_printf(b, "%lldK", n / 1024);
	else
		sb_printf(b, "%lld", n);
}

/* "[2, 4)          12 |@@@@...|": the header left in 16, the count right in 8. */
static void bar_line(struct sbuf *b, size_t head, __u64 count, __u64 shown, int max)
{
	int width = (int)((float)(int)count / (float)max * 52), i;
	size_t n = b->len - head;

	for (; n < 16; n++)
		sb_put(b, " ", 1);
	sb_printf(b, "%8llu |", (unsigned long long)shown);
	for (i = 0; i < 52; i++)
		sb_put(b, i < width ? "@" : " ", 1);
	sb_put(b, "|\n", 2);
}

void hist_render(struct sbuf *b, const __u64 *v, int nb, __u64 div)
{
	int lo = -1, hi = -1, max = 0, i;
	size_t head;

	if (b->json) {
		bool first = true;

		for (i = 0; i < nb; i++)
			if (v[i] && lo < 0)
				lo = i;
		for (i = nb; i-- > 0;)
			if (v[i] && hi < 0)
				hi = i;
		sb_put(b, "[", 1);
		for (i = lo; lo >= 0 && i <= hi; i++, first = false) {
			sb_put(b, first ? "{" : ", {", first ? 1 : 3);
			if (i == 0)
				sb_put(b, "\"max\": -1, ", 11);
			else if (i == 1)
				sb_printf(b, "\"min\": 0, \"max\": 0, ");
			else if (i == 2)
				sb_printf(b, "\"min\": 1, \"max\": 1, ");
			else
				sb_printf(b, "\"min\": %llu, \"max\": %llu, ",
					  1ull << (i - 2), (1ull << (i - 1)) - 1);
			sb_printf(b, "\"count\": %llu}", (unsigned long long)(v[i] / (div ? div : 1)));
		}
		sb_put(b, "]", 1);
		return;
	}
	for (i = 0; i < nb; i++) {
		if (v[i]) {
			if (lo < 0)
				lo = i;
			hi = i;
		}
		if ((int)v[i] > max)
			max = (int)v[i];
	}
	for (i = lo; lo >= 0 && i <= hi; i++) {
		head = b->len;
		if (i == 0) {
			sb_printf(b, "(..., 0)");
		} else if (i == 1) {
			sb_printf(b, "[0]");
		} else if (i == 2) {
			sb_printf(b, "[1]");
		} else {
			sb_put(b, "[", 1);
			hist_label(b, i - 2);
			sb_put(b, ", ", 2);
			hist_label(b, i - 1);
			sb_put(b, ")", 1);
		}
		bar_line(b, head, v[i], v[i] / (div ? div : 1), max);
	}
}

void lhist_render(struct sbuf *b, const __u64 *v, int nb, long long min,
		  long long max, long long step)
{
	int lo = -1, hi = 0, top = 0, buckets = nb - 2, i;
	size_t head;

	for (i = 0; i < nb; i++) {
		if (v[i]) {
			if (lo < 0)
				lo = i;
			hi = i;
		}
		if ((int)v[i] > top)
			top = (int)v[i];
	}
	if (b->json) {
		sb_put(b, "[", 1);
		for (i = lo; lo >= 0 && i <= hi; i++) {
			sb_put(b, i > lo ? ", {" : "{", i > lo ? 3 : 1);
			if (i == 0)
				sb_printf(b, "\"max\": %lld, ", min - 1);
			else if (i == buckets + 1)
				sb_printf(b, "\"min\": %lld, ", max);
			else
				sb_printf(b, "\"min\": %lld, \"max\": %lld, ",
					  (i - 1) * step + min, i * step + min - 1);
			sb_printf(b, "\"count\": %llu}", (unsigned long long)v[i]);
		}
		sb_put(b, "]", 1);
		return;
	}
	for (i = lo; lo >= 0 && i <= hi; i++) {
		head = b->len;
		if (i == 0) {
			sb_put(b, "(..., ", 6);
			lhist_label(b, min);
			sb_put(b, ")", 1);
		} else if (i == buckets + 1) {
			sb_put(b, "[", 1);
			lhist_label(b, max);
			sb_put(b, ", ...)", 6);
		} else {
			sb_put(b, "[", 1);
			lhist_label(b, (i - 1) * step + min);
			sb_put(b, ", ", 2);
			lhist_label(b, i * step + min);
			sb_put(b, ")", 1);
		}
		bar_line(b, head, v[i], v[i], top);
	}
}
