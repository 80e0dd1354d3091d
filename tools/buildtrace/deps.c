// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace deps: for each file the build wrote and left behind, the
 * files it was made from. A file's makers are the processes that wrote
 * it (a process is a pid's whole life, across its execs, so a shell's
 * "> out" belongs to the command it then runs); their inputs are what
 * they read or executed. An input that the build also wrote but did not
 * leave behind (a temporary file, a name renamed away) or a pipe is
 * followed to its own makers; an input the build left behind is listed
 * and not followed: it has its own entry.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/select.h"
#include "tools/buildtrace/deps.h"
#include "tools/lib/escape.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace deps [FILE] [--make] [--exclude PREFIX]... [--all]\n"
"                               [SELECTION]\n"
"For each file the build wrote and left behind, the files it was made from:\n"
"what the processes that wrote it read or ran, following pipes and files\n"
"the build wrote then removed or renamed away. FILE defaults to\n"
BT_DEFAULT_FILE ".\n"
"\n"
"  --make             Makefile rules, paths relative to where the build ran\n"
"  --exclude PREFIX   leave out files under PREFIX (repeatable)\n"
"  --all              keep system files: by default /usr, /lib*, /bin, /sbin,\n"
"                     /etc, /proc, /dev and /sys are left out\n"
"\n"
"Without --make, each output is a line of its own, absolute, and each of\n"
"its inputs follows on a line starting with a tab (escaped as C escapes\n"
"strings: a newline in a name is \\n). With --make, a name make cannot\n"
"express (a control character, or one of ;|=%*?[]()\\ or a leading ~) is\n"
"left out, with a warning.\n"
BT_SELECT_USAGE
"\n"
"examples:\n"
"  barebpf buildtrace deps\n"
"  barebpf buildtrace deps --make build.trace > deps.mk\n";

enum { OPT_MAKE = 256, OPT_EXCLUDE, OPT_ALL };

static const struct option long_options[] = {
	{ "make", no_argument, NULL, OPT_MAKE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "all", no_argument, NULL, OPT_ALL },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* An edge (a, b), sorted by a: path -> maker, path -> older name, proc -> input. */
struct edge {
	__u32 a, b;
};

struct bt_deps {
	const struct bt_model *m;
	const struct bt_filter *filter;
	struct edge *makers, *names, *inputs;
	size_t nr_makers, nr_names, nr_inputs;
	unsigned char *state;	/* per path: WRITTEN, LEFT, DIR */
	__u32 *seen_path, *seen_proc, gen;
	__u32 *out;		/* the current output's inputs */
	size_t nr_out;
	__u32 *queue;		/* paths (< nr_paths) and procs (+ nr_paths) */
	size_t head, tail, cap;
};

#define WRITTEN	1	/* the build wrote it */
#define LEFT	2	/* and it is there at the end */
#define DIR	4	/* a directory the build made */

static int by_a(const void *x, const void *y)
{
	const struct edge *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static int add_edge(struct edge **v, size_t *n, size_t *cap, __u32 a, __u32 b)
{
	struct edge *e;

	if (*n == *cap) {
		e = realloc(*v, (*cap * 2 + 64) * sizeof(**v));
		if (!e)
			return -1;
		*v = e;
		*cap = *cap * 2 + 64;
	}
	(*v)[(*n)++] = (struct edge){ a, b };
	return 0;
}

/* The edges from a, as [*first, *first + return). */
static size_t edges_from(const struct edge *v, size_t n, __u32 a, size_t *first)
{
	size_t lo = 0, hi = n, end;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid].a < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (end = lo; end < n && v[end].a == a; end++)
		;
	return end - lo;
}

static bool is_pipe(const char *path)
{
	return !strncmp(path, "pipe:", 5);
}

int bt_deps__build(struct bt_deps **out, const struct bt_model *m,
		      const struct bt_filter *filter)
{
	size_t i, cap_makers = 0, cap_names = 0, cap_inputs = 0;
	struct bt_deps *g = calloc(1, sizeof(*g));
	int err = 0;

	if (!g)
		return -1;
	g->m = m;
	g->filter = filter;
	g->state = calloc(m->nr_paths, 1);
	g->seen_path = calloc(m->nr_paths, sizeof(*g->seen_path));
	g->seen_proc = calloc(m->nr_procs + 1, sizeof(*g->seen_proc));
	g->out = calloc(m->nr_paths, sizeof(*g->out));
	if (!g->state || !g->seen_path || !g->seen_proc || !g->out)
		err = -1;
	/* Uses are in time order: the last one says whether a file is left. */
	for (i = 0; i < m->nr_uses && !err; i++) {
		const struct bt_use *u = &m->uses[i];

		switch (u->access) {
		case BT_ACC_WRITE:
		case BT_ACC_CREATE:
		case BT_ACC_RENAME_TO:
			g->state[u->path] |= WRITTEN | LEFT;
			if (u->dir)
				g->state[u->path] |= DIR;
			/* renamed or linked: the content is the old name's */
			if (u->from)
				err = add_edge(&g->names, &g->nr_names, &cap_names,
					       u->path, u->from);
			else
				err = add_edge(&g->makers, &g->nr_makers, &cap_makers,
					       u->path, (__u32)u->proc);
			break;
		case BT_ACC_DELETE:
		case BT_ACC_RENAME_FROM:
			g->state[u->path] &= ~LEFT;
			break;
		case BT_ACC_READ:
		case BT_ACC_EXEC:
			if (u->dir)
				break;	/* a directory listed */
			err = add_edge(&g->inputs, &g->nr_inputs, &cap_inputs,
				       (__u32)u->proc, u->path);
			break;
		}
	}
	/* An array never grown is NULL, which qsort() must not be given. */
	if (!err && g->nr_makers)
		qsort(g->makers, g->nr_makers, sizeof(*g->makers), by_a);
	if (!err && g->nr_names)
		qsort(g->names, g->nr_names, sizeof(*g->names), by_a);
	if (!err && g->nr_inputs)
		qsort(g->inputs, g->nr_inputs, sizeof(*g->inputs), by_a);
	*out = g;
	return err;
}

void bt_deps__free(struct bt_deps *g)
{
	if (!g)
		return;
	free(g->makers);
	free(g->names);
	free(g->inputs);
	free(g->state);
	free(g->seen_path);
	free(g->seen_proc);
	free(g->out);
	free(g->queue);
	free(g);
}

static int push(struct bt_deps *g, __u32 v)
{
	__u32 *q;

	if (g->tail == g->cap) {
		q = realloc(g->queue, (g->cap * 2 + 256) * sizeof(*q));
		if (!q)
			return -1;
		g->queue = q;
		g->cap = g->cap * 2 + 256;
	}
	g->queue[g->tail++] = v;
	return 0;
}

/* Reach path: list it, or follow it to its makers and older names. */
static int reach(struct bt_deps *g, __u32 path, __u32 target)
{
	const char *name = g->m->paths[path];

	if (path == target || g->seen_path[path] == g->gen)
		return 0;
	g->seen_path[path] = g->gen;
	if (!is_pipe(name)) {
		/* not a file: a socket, or relative to something unknown */
		if (*name != '/' || (g->state[path] & DIR) ||
		    bt_filter__excluded(g->filter, name))
			return 0;
		if (!(g->state[path] & WRITTEN) || (g->state[path] & LEFT)) {
			g->out[g->nr_out++] = path;
			return 0;
		}
	}
	return push(g, path);
}

static int by_name(const void *x, const void *y, void *m)
{
	const struct bt_model *model = m;

	const __u32 *a = x, *b = y;

	return strcmp(model->paths[*a], model->paths[*b]);
}

int bt_deps__inputs(struct bt_deps *g, __u32 target, const __u32 **inputs,
		       size_t *n)
{
	size_t first, k, cnt;
	__u32 v, np = (__u32)g->m->nr_paths;

	g->gen++;
	g->nr_out = 0;
	g->head = g->tail = 0;
	g->seen_path[target] = g->gen;
	if (push(g, target))
		return -1;
	while (g->head < g->tail) {
		v = g->queue[g->head++];
		if (v >= np) {
			/* a maker: what it read and ran */
			cnt = edges_from(g->inputs, g->nr_inputs, v - np, &first);
			for (k = first; k < first + cnt; k++)
				if (reach(g, g->inputs[k].b, target))
					return -1;
			continue;
		}
		cnt = edges_from(g->makers, g->nr_makers, v, &first);
		for (k = first; k < first + cnt; k++) {
			__u32 proc = g->makers[k].b;

			if (g->seen_proc[proc] == g->gen)
				continue;
			g->seen_proc[proc] = g->gen;
			if (push(g, proc + np))
				return -1;
		}
		cnt = edges_from(g->names, g->nr_names, v, &first);
		for (k = first; k < first + cnt; k++)
			if (reach(g, g->names[k].b, target))
				return -1;
	}
	if (g->nr_out)
		qsort_r(g->out, g->nr_out, sizeof(*g->out), by_name, (void *)g->m);
	*inputs = g->out;
	*n = g->nr_out;
	return 0;
}

bool bt_deps__is_output(const struct bt_deps *g, __u32 path)
{
	const char *name = g->m->paths[path];

	return (g->state[path] & (WRITTEN | LEFT)) == (WRITTEN | LEFT) &&
	       !(g->state[path] & DIR) && *name == '/' &&
	       !bt_filter__excluded(g->filter, name);
}

/* A path for a Makefile: relative to base when under it. */
static const char *make_path(const char *path, const char *base)
{
	size_t n = strlen(base);

	if (n > 1 && !strncmp(path, base, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

/*
 * Whether make can name path in a rule. A newline or a tab would end the
 * line and start a recipe that make runs; ';' starts one on the same
 * line, '|' and '=' change what the rule means, '%' makes it a pattern
 * rule, "*?[]" glob, '(' names an archive member, a leading '~' is a home
 * directory, and none of these (nor a backslash, whose meaning depends
 * on what follows) has an escape make reads back reliably.
 */
static bool make_can_name(const char *path)
{
	const unsigned char *s = (const unsigned char *)path;

	if (*s == '~')
		return false;
	for (; *s; s++)
		if (*s < 0x20 || *s == 0x7f || strchr(";|=%*?[]()\\", *s))
			return false;
	return true;
}

/* Space, '#' and ':' escaped with a backslash, '$' doubled. */
static void print_make_path(const char *path)
{
	for (; *path; path++) {
		if (*path == '$')
			out_char('$');
		else if (strchr(" #:", *path))
			out_char('\\');
		out_char(*path);
	}
}

/* The names --make leaves out: each said once (the first few), and counted. */
struct left_out {
	unsigned char *seen;	/* by path index */
	size_t n;
};

#define LEFT_OUT_SHOWN	10

/* True (and noted) when path cannot be named in a Makefile. */
static bool left_out(struct left_out *l, const struct bt_model *m, __u32 path,
		     const char *name)
{
	char shown[ESCAPED_MAX(256)];

	if (make_can_name(name))
		return false;
	if (l->seen[path])
		return true;
	l->seen[path] = 1;
	if (l->n++ < LEFT_OUT_SHOWN) {
		escape_bytes(shown, bt_model__path(m, path), 256, 0);
		tool_err("warning: left out of the Makefile, a name make cannot express: %s",
			 shown);
	}
	return true;
}

struct deps_args {
	struct bt_filter *filter;
	bool *make;
};

static int option(int opt, const char *arg, void *ctx)
{
	struct deps_args *a = ctx;

	switch (opt) {
	case OPT_MAKE: *a->make = true; return 0;
	case OPT_ALL: a->filter->all = true; return 0;
	case OPT_EXCLUDE: return bt_filter__add(a->filter, arg) ? -1 : 0;
	}
	return -1;
}

int bt_deps_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	struct bt_filter filter = { .n = 0 };
	const __u32 *inputs;
	__u32 *outputs = NULL;
	size_t i, k, n, nr_outputs = 0, shown;
	struct left_out dropped = { NULL, 0 };
	struct bt_deps *g = NULL;
	const char *file, *base, *name;
	struct bt_model m;
	bool make = false;
	struct deps_args args = { .filter = &filter, .make = &make };
	int err;

	err = bt_view_args(argc, argv, usage_text, "", long_options, option,
			   &args, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	err = bt_load_selected(file, &m, &sel);
	if (err)
		return err;
	err = EXIT_FAIL;
	outputs = malloc(m.nr_paths * sizeof(*outputs));
	dropped.seen = calloc(m.nr_paths, 1);
	if (!outputs || !dropped.seen || bt_deps__build(&g, &m, &filter))
		goto out_nomem;
	for (i = 1; i < m.nr_paths; i++)
		if (bt_deps__is_output(g, (__u32)i))
			outputs[nr_outputs++] = (__u32)i;
	if (nr_outputs)
		qsort_r(outputs, nr_outputs, sizeof(*outputs), by_name, &m);
	base = bt_model__path(&m, m.cwd);
	for (i = 0; i < nr_outputs; i++) {
		if (bt_deps__inputs(g, outputs[i], &inputs, &n))
			goto out_nomem;
		if (!make) {
			out_esc(bt_model__path(&m, outputs[i]), SIZE_MAX);
			out_char('\n');
			for (k = 0; k < n; k++) {
				out_char('\t');
				out_esc(bt_model__path(&m, inputs[k]), SIZE_MAX);
				out_char('\n');
			}
			continue;
		}
		name = make_path(bt_model__path(&m, outputs[i]), base);
		if (left_out(&dropped, &m, outputs[i], name))
			continue;
		print_make_path(name);
		out_char(':');
		for (k = 0, shown = 0; k < n; k++) {
			name = make_path(bt_model__path(&m, inputs[k]), base);
			if (left_out(&dropped, &m, inputs[k], name))
				continue;
			out_str(shown++ % 4 == 3 ? " \\\n " : "");
			out_char(' ');
			print_make_path(name);
		}
		out_char('\n');
	}
	if (dropped.n)
		tool_err("warning: %zu name%s left out of the Makefile: make cannot express %s",
			 dropped.n, dropped.n == 1 ? "" : "s",
			 dropped.n == 1 ? "it" : "them");
	err = EXIT_OK;
	if (out_flush()) {
		tool_err("writing: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
	goto out;
out_nomem:
	tool_err("%s: out of memory", file);
out:
	bt_deps__free(g);
	free(dropped.seen);
	free(outputs);
	bt_model__free(&m);
	return err;
}
