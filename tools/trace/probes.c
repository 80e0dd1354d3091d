// SPDX-License-Identifier: GPL-2.0
/* Probe names expanded to attach points. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "loader/tracefs.h"
#include "tools/trace/probes.h"

bool glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *back = NULL;

	while (*s) {
		if (*pat == '*') {
			star = pat++;
			back = s;
		} else if (*pat == '?' || *pat == *s) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++back;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct name_list {
	char **names;
	size_t n, cap;
};

static int list_add(struct name_list *l, const char *cat, const char *event)
{
	char **names, *s;

	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		names = realloc(l->names, l->cap * sizeof(*names));
		if (!names)
			return -ENOMEM;
		l->names = names;
	}
	s = malloc(strlen(cat) + strlen(event) + 2);
	if (!s)
		return -ENOMEM;
	sprintf(s, "%s:%s", cat, event);
	l->names[l->n++] = s;
	return 0;
}

/* The directories under tracefs's rel that match glob (all with NULL). */
static int each_dir(const char *rel, const char *glob, struct name_list *out,
		    const char *cat)
{
	char path[4096];
	struct dirent *e;
	DIR *d;
	int err = 0;

	if (snprintf(path, sizeof(path), "%s/%s", tracefs_dir(), rel) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!err && (e = readdir(d))) {
		if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		if (glob && !glob_match(glob, e->d_name))
			continue;
		err = list_add(out, cat ? cat : e->d_name, cat ? e->d_name : "");
	}
	closedir(d);
	return err;
}

/*
 * Events are the directories events/CAT/EVENT of tracefs (those holding
 * a format file). Walking them is quick where reading available_events
 * is not: the kernel builds that file under its event lock, which took
 * a quarter second here while other tracers ran.
 */
char **tracepoints_matching(const char *pattern, int *count)
{
	struct name_list cats = { 0 }, events = { 0 };
	char cglob[256] = "*", eglob[256] = "*", rel[512], **list = NULL;
	const char *colon = pattern ? strchr(pattern, ':') : NULL;
	size_t i;
	int err = 0;

	if (!tracefs_dir())
		return NULL;
	if (pattern) {
		snprintf(cglob, sizeof(cglob), "%.*s", colon ? (int)(colon - pattern) :
			 (int)strlen(pattern), pattern);
		snprintf(eglob, sizeof(eglob), "%s", colon ? colon + 1 : "*");
	}
	if (!strpbrk(cglob, "*?"))
		err = list_add(&cats, cglob, "");
	else
		err = each_dir("events", cglob, &cats, NULL);
	for (i = 0; !err && i < cats.n; i++) {
		char *cat = cats.names[i];

		cat[strlen(cat) - 1] = '\0';	/* "CAT:" */
		if (!strcmp(cat, "ftrace") || !*cat)
			continue;	/* ftrace's own events take no programs */
		if (!strpbrk(eglob, "*?")) {
			struct stat st;
			char path[4096];

			snprintf(path, sizeof(path), "%s/events/%s/%s/format",
				 tracefs_dir(), cat, eglob);
			if (!stat(path, &st))
				err = list_add(&events, cat, eglob);
			continue;
		}
		snprintf(rel, sizeof(rel), "events/%s", cat);
		err = each_dir(rel, eglob, &events, cat);
	}
	for (i = 0; i < cats.n; i++)
		free(cats.names[i]);
	free(cats.names);
	if (err) {
		for (i = 0; i < events.n; i++)
			free(events.names[i]);
		free(events.names);
		errno = -err;
		return NULL;
	}
	if (!events.names && !(events.names = malloc(sizeof(char *)))) {
		errno = ENOMEM;
		return NULL;
	}
	list = events.names;
	list[events.n] = NULL;
	qsort(list, events.n, sizeof(*list), cmp_str);
	*count = (int)events.n;
	return list;
}

void tracepoints_free(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

static struct trace_prog *add_prog(struct compiler *c, struct probe_block *b,
				   int point, enum probe_kind kind)
{
	struct trace_prog *p = realloc(c->progs, sizeof(*p) * (size_t)(c->nr_progs + 1));

	if (!p)
		return NULL;
	c->progs = p;
	p = &p[c->nr_progs++];
	memset(p, 0, sizeof(*p));
	p->block = b;
	p->point = point;
	p->kind = kind;
	p->same_as = -1;
	p->fd = -1;
	return p;
}

static int unsupported(struct compiler *c, const struct probe_point *pt,
		       const char *type)
{
	static const char *const kprobe_types[] = {
		"kprobe", "k", "kretprobe", "kr", "kfunc", "f", "kretfunc", "fr",
		"fentry", "fexit", NULL,
	};
	int i, len = (int)strlen(pt->text);

	for (i = 0; kprobe_types[i]; i++)
		if (!strcmp(type, kprobe_types[i]))
			return diag__error(c->diag, pt->line, pt->col, len,
					   "%s probes are not supported yet: barebpf attaches to tracepoints (tracepoint:CAT:EVENT, \"barebpf trace -l\" lists them), BEGIN, END, interval and profile",
					   type);
	return diag__error(c->diag, pt->line, pt->col, len,
			   "unknown probe type '%s': barebpf attaches to tracepoint:CAT:EVENT, BEGIN, END, interval and profile",
			   type);
}

/* "N" in units: ns per unit, or hz when unit is "hz". */
static int interval(struct compiler *c, const struct probe_point *pt,
		    const char *unit, const char *num, __u64 *out, bool *freq)
{
	static const struct { const char *unit; __u64 ns; } units[] = {
		{ "s", 1000000000ull }, { "ms", 1000000ull }, { "us", 1000ull },
		{ "hz", 0 },
	};
	int len = (int)strlen(pt->text);
	unsigned long long v;
	char *end;
	size_t i;

	errno = 0;
	v = strtoull(num, &end, 10);
	if (!*num || *end || errno || !v || v > 1000000000ull)
		return diag__error(c->diag, pt->line, pt->col, len,
				   "bad count '%s' in %s: a whole number from 1", num, pt->text);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(unit, units[i].unit))
			continue;
		*freq = !units[i].ns;
		*out = *freq ? v : v * units[i].ns;
		return 0;
	}
	return diag__error(c->diag, pt->line, pt->col, len,
			   "unknown unit '%s' in %s: s, ms, us or hz", unit, pt->text);
}

static int timed(struct compiler *c, struct probe_block *b, int i,
		 enum probe_kind kind, char *parts[], int nr)
{
	const struct probe_point *pt = &b->points[i];
	struct trace_prog *p;
	char unit[8] = "", *num = parts[1];
	__u64 period = 0;
	bool freq = false;
	size_t n;

	if (nr == 3) {
		snprintf(unit, sizeof(unit), "%s", parts[1]);
		num = parts[2];
	} else if (nr == 2) {
		/* interval:5s, interval:100ms */
		n = strspn(parts[1], "0123456789");
		snprintf(unit, sizeof(unit), "%s", parts[1] + n);
		parts[1][n] = '\0';
	} else {
		return diag__error(c->diag, pt->line, pt->col, (int)strlen(pt->text),
				   "%s needs a rate: %s:hz:N, %s:s:N, %s:ms:N",
				   parts[0], parts[0], parts[0], parts[0]);
	}
	if (interval(c, pt, unit, num, &period, &freq))
		return -1;
	p = add_prog(c, b, i, kind);
	if (!p)
		return diag__error(c->diag, pt->line, pt->col, 1, "out of memory");
	p->period = period;
	p->freq = freq;
	p->name = strdup(pt->text);
	return p->name ? 0 : -1;
}

static int tracepoints(struct compiler *c, struct probe_block *b, int i,
		       char *parts[], int nr)
{
	const struct probe_point *pt = &b->points[i];
	int len = (int)strlen(pt->text), count = 0, k;
	char pattern[512], **list;
	struct trace_prog *p;

	if (nr != 3 || !*parts[1] || !*parts[2])
		return diag__error(c->diag, pt->line, pt->col, len,
				   "a tracepoint is tracepoint:CATEGORY:EVENT");
	snprintf(pattern, sizeof(pattern), "%s:%s", parts[1], parts[2]);
	list = tracepoints_matching(pattern, &count);
	if (!list)
		return diag__error(c->diag, pt->line, pt->col, len,
				   "reading tracefs's list of events: %s", strerror(errno));
	if (!count) {
		tracepoints_free(list);
		return diag__error(c->diag, pt->line, pt->col, len,
				   "no tracepoint %s on this kernel (\"barebpf trace -l '%s'\" lists what there is)",
				   pattern, strpbrk(pattern, "*?") ? pattern : parts[1]);
	}
	for (k = 0; k < count; k++) {
		char *colon = strchr(list[k], ':');

		p = add_prog(c, b, i, PK_TRACEPOINT);
		if (!p)
			break;
		*colon = '\0';
		p->fmt = tp_format__load(list[k], colon + 1);
		*colon = ':';
		if (!p->fmt) {
			diag__error(c->diag, pt->line, pt->col, len,
				    "reading the format of tracepoint %s:%s: %s",
				    list[k], colon + 1, strerror(errno));
			tracepoints_free(list);
			return -1;
		}
		p->name = malloc(strlen(list[k]) + strlen(colon + 1) + 13);
		if (!p->name)
			break;
		sprintf(p->name, "tracepoint:%s", list[k]);
	}
	tracepoints_free(list);
	return k == count ? 0 : diag__error(c->diag, pt->line, pt->col, 1, "out of memory");
}

static int expand_point(struct compiler *c, struct probe_block *b, int i)
{
	const struct probe_point *pt = &b->points[i];
	char buf[512], *parts[4], *s;
	int nr = 0;

	if (!strcmp(pt->text, "BEGIN") || !strcmp(pt->text, "begin") ||
	    !strcmp(pt->text, "END") || !strcmp(pt->text, "end")) {
		struct trace_prog *p = add_prog(c, b, i, (pt->text[0] | 32) == 'b' ?
						PK_BEGIN : PK_END);

		if (!p || !(p->name = strdup((pt->text[0] | 32) == 'b' ? "BEGIN" : "END")))
			return diag__error(c->diag, pt->line, pt->col, 1, "out of memory");
		return 0;
	}
	if (snprintf(buf, sizeof(buf), "%s", pt->text) >= (int)sizeof(buf))
		return diag__error(c->diag, pt->line, pt->col, 1, "probe name too long");
	for (s = buf; nr < 4; nr++) {
		parts[nr] = s;
		s = strchr(s, ':');
		if (!s) {
			nr++;
			break;
		}
		*s++ = '\0';
	}
	if (!strcmp(parts[0], "tracepoint") || !strcmp(parts[0], "t"))
		return tracepoints(c, b, i, parts, nr);
	if (!strcmp(parts[0], "interval") || !strcmp(parts[0], "i"))
		return timed(c, b, i, PK_INTERVAL, parts, nr);
	if (!strcmp(parts[0], "profile") || !strcmp(parts[0], "p"))
		return timed(c, b, i, PK_PROFILE, parts, nr);
	if (nr == 1)
		return diag__error(c->diag, pt->line, pt->col, (int)strlen(pt->text),
				   "unknown probe '%s': BEGIN, END, tracepoint:CAT:EVENT, interval:s:N or profile:hz:N",
				   pt->text);
	return unsupported(c, pt, parts[0]);
}

int probes__expand(struct compiler *c)
{
	struct script *s = c->script;
	int i, j;

	for (i = 0; i < s->nr_probes; i++)
		for (j = 0; j < s->probes[i].nr_points; j++)
			if (expand_point(c, &s->probes[i], j))
				return -1;
	return 0;
}
