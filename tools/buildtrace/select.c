// SPDX-License-Identifier: GPL-2.0
/* Narrowing a trace to part of a build: see select.h. */
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/select.h"

/* Events that are not syscalls. */
static const char *const own_events[] = {
	"start", "fork", "exec", "exit", "lost", "end",
};

static bool known_event(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(own_events) / sizeof(own_events[0]); i++)
		if (!strcmp(name, own_events[i]))
			return true;
	for (i = 1; i < BT_NR_OPS; i++)
		if (!strcmp(name, bt_op_name(i)))
			return true;
	return false;
}

/* "--event a,b": each name checked, kept in s (the last --event wins). */
static int parse_events(struct bt_select *s, const char *arg)
{
	char *name, *save = NULL;

	s->nr_events = 0;
	if (strlen(arg) >= sizeof(s->event_names)) {
		tool_err("--event: names too long (at most %zu bytes)",
			 sizeof(s->event_names) - 1);
		return -1;
	}
	strcpy(s->event_names, arg);
	for (name = strtok_r(s->event_names, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		if (!known_event(name)) {
			tool_err("--event: no event is named '%s' (exec, fork, exit, openat, ...: see normalize -h)",
				 name);
			return -1;
		}
		if (s->nr_events == BT_SELECT_MAX_EVENTS) {
			tool_err("--event: at most %d names",
				 BT_SELECT_MAX_EVENTS);
			return -1;
		}
		s->events[s->nr_events++] = name;
	}
	if (!s->nr_events) {
		tool_err("--event needs a name");
		return -1;
	}
	return 0;
}

/*
 * "SECONDS[.FRACTION]" into nanoseconds; by hand, as strtod would bring
 * in libc's whole float parser for this one option.
 */
static int parse_seconds(const char *opt, const char *arg, __u64 *ns)
{
	const char *p = arg;
	__u64 sec = 0, frac = 0, scale = 1000000000ull;

	for (; *p >= '0' && *p <= '9' && sec < 1000000000ull; p++)
		sec = sec * 10 + (__u64)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1)
				frac += (__u64)(*p - '0') * (scale /= 10);
	if (*p || p == arg || !strcmp(arg, ".") || sec >= 1000000000ull) {
		tool_err("invalid %s value '%s': expected seconds from the start, 0 or more",
			 opt, arg);
		return -1;
	}
	*ns = sec * 1000000000ull + frac;
	return 0;
}

int bt_select__option(struct bt_select *s, int opt, const char *arg)
{
	long pid;

	switch (opt) {
	case BT_OPT_PID:
		if (parse_long("--pid", arg, 1, 0x7fffffff, &pid))
			return -1;
		s->pid = (__u32)pid;
		s->pid_set = true;
		return 1;
	case BT_OPT_COMMAND:
		s->command = arg;
		return 1;
	case BT_OPT_PATH:
		s->path = arg;
		return 1;
	case BT_OPT_EVENT:
		return parse_events(s, arg) ? -1 : 1;
	case BT_OPT_SINCE:
		return parse_seconds("--since", arg, &s->since_ns) ? -1 : 1;
	case BT_OPT_UNTIL:
		if (parse_seconds("--until", arg, &s->until_ns))
			return -1;
		s->until_set = true;
		return 1;
	}
	return 0;
}

bool bt_select__active(const struct bt_select *s)
{
	return s->pid_set || s->command || s->path || s->nr_events ||
	       s->since_ns || s->until_set;
}

/* [set] at p against c: moves *p past it. -1 when the set is not closed. */
static int class_match(const char **p, unsigned char c)
{
	const char *s = *p + 1;
	bool neg = *s == '!' || *s == '^', hit = false;

	s += neg;
	do {
		if (!*s)
			return -1;
		if (s[1] == '-' && s[2] && s[2] != ']') {
			hit |= c >= (unsigned char)s[0] && c <= (unsigned char)s[2];
			s += 3;
		} else {
			hit |= c == (unsigned char)*s++;
		}
	} while (*s != ']');
	*p = s + 1;
	return hit != neg;
}

/*
 * The shell's wildcards as fnmatch(3) without flags has them: * and ?
 * match any byte ('/' too), [set] one of a set; a backslash quotes.
 * By hand: glibc's fnmatch brings its wide-character machinery in.
 */
bool bt_glob_match(const char *glob, const char *s)
{
	const char *star = NULL, *resume = NULL, *p = glob;
	int r;

	while (*s) {
		if (*p == '*') {
			star = ++p;
			resume = s;
			continue;
		}
		if (*p == '?') {
			p++;
			s++;
			continue;
		}
		if (*p == '[' && (r = class_match(&p, (unsigned char)*s)) >= 0) {
			if (r) {
				s++;
				continue;
			}
		} else {
			if (*p == '\\' && p[1])
				p++;
			if (*p && *p == *s) {
				p++;
				s++;
				continue;
			}
		}
		if (!star)
			return false;
		p = star;
		s = ++resume;
	}
	while (*p == '*')
		p++;
	return !*p;
}

static bool glob_match(const char *glob, const char *s)
{
	const char *base = strrchr(s, '/');

	return bt_glob_match(glob, s) || (base && bt_glob_match(glob, base + 1));
}

static bool exec_matches(const struct bt_select *s, const struct bt_model *m,
			 const struct bt_exec_image *img)
{
	return glob_match(s->command, bt_model__path(m, img->path)) ||
	       (img->argc && glob_match(s->command, img->argv[0]));
}

unsigned char *bt_select__procs(const struct bt_select *s,
				const struct bt_model *m)
{
	unsigned char *sel = calloc(m->nr_procs + 1, 1);
	size_t i;

	if (!sel)
		return NULL;
	/* bit 1: by --command; bit 2: by --pid (or not asked) */
	for (i = 0; i < m->nr_execs; i++)
		if (!s->command || exec_matches(s, m, &m->execs[i]))
			sel[m->execs[i].proc] |= 1;
	/* A parent comes before its children in procs: it is done first. */
	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];

		if (!s->command)
			sel[i] |= 1;
		if (!s->pid_set || p->pid == s->pid)
			sel[i] |= 2;
		if (p->parent >= 0)
			sel[i] |= sel[p->parent];
	}
	for (i = 0; i < m->nr_procs; i++)
		sel[i] = sel[i] == 3;
	return sel;
}

static bool path_matches(const struct bt_select *s, const struct bt_model *m,
			 __u32 id)
{
	const char *path = bt_model__path(m, id), *cwd = bt_model__path(m, m->cwd);
	size_t n = strlen(cwd);

	if (bt_glob_match(s->path, path))
		return true;
	return n > 1 && !strncmp(path, cwd, n) && path[n] == '/' &&
	       bt_glob_match(s->path, path + n + 1);
}

static bool event_named(const struct bt_select *s, const char *name)
{
	int i;

	if (!s->nr_events)
		return true;
	for (i = 0; i < s->nr_events; i++)
		if (!strcmp(s->events[i], name))
			return true;
	return false;
}

static bool in_window(const struct bt_select *s, __u64 t)
{
	return t >= s->since_ns && (!s->until_set || t <= s->until_ns);
}

bool bt_select__event(const struct bt_select *s, const struct bt_model *m,
		      const unsigned char *procs, const struct bt_event *ev)
{
	int i;

	if (!in_window(s, ev->time_ns) || !event_named(s, ev->name))
		return false;
	/* the trace's own events (lost, end) belong to no process */
	if ((s->pid_set || s->command) && ev->proc >= 0 &&
	    ((size_t)ev->proc >= m->nr_procs || !procs[ev->proc]))
		return false;
	if (!s->path)
		return true;
	for (i = 0; i < ev->nr_touch; i++)
		if (path_matches(s, m, ev->touch[i].path))
			return true;
	return false;
}

const char *bt_use_event(const struct bt_use *u)
{
	return u->op ? bt_op_name(u->op) : "exec";
}

int bt_select__apply(const struct bt_select *s, struct bt_model *m)
{
	int *map, *emap = NULL, err = -1;
	unsigned char *keep;
	size_t i, n;

	if (!bt_select__active(s))
		return 0;
	keep = bt_select__procs(s, m);
	map = malloc((m->nr_procs + 1) * sizeof(*map));
	if (!keep || !map) {
		free(keep);
		free(map);
		return -1;
	}
	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];
		__u64 end = p->ended ? p->end_ns : m->duration_ns;

		if (p->start_ns > (s->until_set ? s->until_ns : end) ||
		    end < s->since_ns)
			keep[i] = 0;
	}
	/* the uses kept; with --path or --event they say which processes stay */
	for (i = 0, n = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];

		if (!keep[u->proc] || !in_window(s, u->time_ns) ||
		    !event_named(s, bt_use_event(u)) ||
		    (s->path && !path_matches(s, m, u->path)))
			continue;
		m->uses[n++] = *u;
		if (s->path || s->nr_events)
			keep[u->proc] |= 2;
	}
	m->nr_uses = n;
	if (s->path || s->nr_events) {
		for (i = m->nr_procs; i-- > 0;) {
			int parent = m->procs[i].parent;

			if ((keep[i] & 2) && parent >= 0 && keep[parent])
				keep[parent] |= 2;
		}
		for (i = 0; i < m->nr_procs; i++)
			keep[i] = keep[i] == 3;
	}
	/* renumber: a parent is before its children, so it is mapped first */
	for (i = 0, n = 0; i < m->nr_procs; i++) {
		struct bt_proc p = m->procs[i];
		int parent = p.parent;

		while (parent >= 0 && !keep[parent])
			parent = m->procs[parent].parent;
		map[i] = keep[i] ? (int)n : -1;
		if (!keep[i])
			continue;
		p.parent = parent >= 0 ? map[parent] : -1;
		m->procs[n++] = p;
	}
	m->nr_procs = n;
	/*
	 * The images kept: those of kept processes, and those a kept
	 * process inherited at fork from one that went (its label).
	 */
	emap = malloc((m->nr_execs + 1) * sizeof(*emap));
	if (!emap)
		goto out_nomem;
	for (i = 0; i < m->nr_execs; i++)
		emap[i] = map[m->execs[i].proc];
	for (i = 0; i < m->nr_procs; i++) {
		int e = m->procs[i].exec;

		if (e >= 0 && emap[e] < 0)
			emap[e] = (int)i;
	}
	for (i = 0, n = 0; i < m->nr_execs; i++) {
		struct bt_exec_image img = m->execs[i];

		if (emap[i] < 0) {
			free(img.argv);
			free(img.env);
			continue;
		}
		img.proc = emap[i];
		emap[i] = (int)n;
		m->execs[n++] = img;
	}
	m->nr_execs = n;
	for (i = 0; i < m->nr_procs; i++)
		if (m->procs[i].exec >= 0)
			m->procs[i].exec = emap[m->procs[i].exec];
	for (i = 0; i < m->nr_uses; i++)
		m->uses[i].proc = map[m->uses[i].proc];
	err = 0;
out_nomem:
	free(keep);
	free(map);
	free(emap);
	return err;
}
