// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace graph: the build as a Graphviz digraph. Boxes are processes,
 * each labelled with what it did (its program and chief input or output,
 * label.h) and its whole command line as a tooltip, linked parent to
 * child; notes are files, with file -> process for what a process read
 * or ran and process -> file for what it wrote; pipes are dashed
 * ellipses. Every byte from the trace is escaped for DOT's strings.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/select.h"
#include "tools/lib/escape.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace graph [FILE] [--exclude PREFIX]... [--all]\n"
"                                [--no-reads | --no-writes] [--processes-only]\n"
"                                [--collapse] [--cluster] [SELECTION]\n"
"Print the build in the trace (default " BT_DEFAULT_FILE ") as a Graphviz\n"
"digraph: the process tree, with the files each process read (file -> process)\n"
"and wrote (process -> file). A process is labelled with its program and its\n"
"chief input or output; its whole command line is its tooltip.\n"
"\n"
"  --exclude PREFIX   leave out files under PREFIX (repeatable)\n"
"  --all              keep system files: by default /usr, /lib*, /bin, /sbin,\n"
"                     /etc, /proc, /dev and /sys are left out\n"
"  --no-reads         no file -> process edges\n"
"  --no-writes        no process -> file edges\n"
"  --processes-only   the process tree alone\n"
"  --collapse         a compiler driver and its children (cc1, as, collect2,\n"
"                     ld) as one box; files only they passed between left out\n"
"  --cluster          files grouped by directory\n"
BT_SELECT_USAGE
"\n"
"examples:\n"
"  barebpf buildtrace graph --collapse | dot -Tsvg > build.svg\n"
"  barebpf buildtrace graph --exclude /tmp --no-reads build.trace\n";

enum {
	OPT_EXCLUDE = 256, OPT_ALL, OPT_NO_READS, OPT_NO_WRITES, OPT_PROCS,
	OPT_COLLAPSE, OPT_CLUSTER,
};

static const struct option long_options[] = {
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "no-reads", no_argument, NULL, OPT_NO_READS },
	{ "no-writes", no_argument, NULL, OPT_NO_WRITES },
	{ "processes-only", no_argument, NULL, OPT_PROCS },
	{ "collapse", no_argument, NULL, OPT_COLLAPSE },
	{ "cluster", no_argument, NULL, OPT_CLUSTER },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* A tooltip holds the command line up to this; dot slows on huge strings. */
#define TOOLTIP_MAX	(16 << 10)

struct graph {
	const struct bt_model *m;
	int *node;		/* per process: the box it is drawn in */
	int *members;		/* per box: processes folded into it */
	bool reads, writes, files, cluster;
	bool fold;		/* --collapse */
	struct bt_filter filter;
};

struct edge {
	int proc;
	__u32 path;
	bool write;
};

static int by_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->path != b->path)
		return a->path < b->path ? -1 : 1;
	if (a->proc != b->proc)
		return a->proc < b->proc ? -1 : 1;
	return (int)a->write - (int)b->write;
}

/*
 * The bytes of a DOT string's inside: quotes and backslashes escaped;
 * controls (C1 ones in UTF-8 too) and bytes that are not UTF-8 shown as
 * \xNN, the backslash itself escaped, so that DOT draws it and reads no
 * escape of its own. At most max bytes of s.
 */
static void dot_bytes(const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + max;
	size_t n;

	while (*s && s < end) {
		if (*s == '"' || *s == '\\') {
			out_char('\\');
			out_char((char)*s++);
		} else if (*s >= 0x20 && *s < 0x7f) {
			out_char((char)*s++);
		} else if (*s >= 0x80 && (n = utf8_seq_len(s, (size_t)(end - s))) &&
			   !(s[0] == 0xc2 && s[1] < 0xa0)) {
			out_write((const char *)s, n);
			s += n;
		} else {
			out_printf("\\\\x%02x", *s++);
		}
	}
}

static void dot_str(const char *s)
{
	out_char('"');
	dot_bytes(s, (size_t)-1 / 2);
	out_char('"');
}

/* A path relative to where the build ran when under it. */
static const char *rel_path(const struct bt_model *m, __u32 path)
{
	const char *p = bt_model__path(m, path), *base = bt_model__path(m, m->cwd);
	size_t n = strlen(base);

	if (n > 1 && !strncmp(p, base, n) && p[n] == '/')
		return p + n + 1;
	return p;
}

/* The whole command line, then what a folded box holds. */
static void print_tooltip(const struct graph *g, int box)
{
	const struct bt_model *m = g->m;
	const struct bt_proc *p = &m->procs[box];
	char label[BT_LABEL_MAX];
	size_t used = 0, i;
	int a;

	out_str(", tooltip=\"");
	if (p->exec >= 0) {
		const struct bt_exec_image *img = &m->execs[p->exec];

		for (a = 0; a < img->argc && used < TOOLTIP_MAX; a++) {
			if (a)
				out_char(' ');
			dot_bytes(img->argv[a], TOOLTIP_MAX - used);
			used += strlen(img->argv[a]) + 1;
		}
		if (used > TOOLTIP_MAX)
			out_str("...");
	}
	out_printf(" (pid %u)", p->pid);
	for (i = (size_t)box + 1; g->members[box] > 1 && i < m->nr_procs; i++) {
		if (g->node[i] != box || m->procs[i].exec == p->exec)
			continue;
		bt_proc_label(label, sizeof(label), m, (int)i);
		out_str("\\n");
		dot_bytes(label, sizeof(label));
	}
	out_char('"');
}

static void print_procs(const struct graph *g)
{
	const struct bt_model *m = g->m;
	char label[BT_LABEL_MAX];
	size_t i;

	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];

		if (g->node[i] != (int)i)
			continue;
		bt_proc_label(label, sizeof(label), m, (int)i);
		out_printf("  p%zu [shape=box, label=", i);
		dot_str(label);
		print_tooltip(g, (int)i);
		out_str(g->members[i] > 1 ? ", peripheries=2];\n" : "];\n");
		if (p->parent >= 0)
			out_printf("  p%d -> p%zu [color=gray50];\n",
				   g->node[p->parent], i);
	}
}

/* Fold each compiler driver's descendants into it (--collapse). */
static void collapse(struct graph *g)
{
	const struct bt_model *m = g->m;
	size_t i;

	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];
		int up = p->parent >= 0 ? g->node[p->parent] : -1;
		const struct bt_proc *u = up >= 0 ? &m->procs[up] : NULL;

		if (u && u->exec >= 0 &&
		    bt_image_is_compiler(m, &m->execs[u->exec])) {
			g->node[i] = up;
			g->members[up]++;
		}
	}
}

static bool edge_of(const struct graph *g, const struct bt_use *u, bool *write)
{
	const char *path = bt_model__path(g->m, u->path);

	switch (u->access) {
	case BT_ACC_READ:
	case BT_ACC_EXEC:
		*write = false;
		break;
	case BT_ACC_WRITE:
	case BT_ACC_CREATE:
	case BT_ACC_RENAME_TO:
		*write = true;
		break;
	default:
		return false;
	}
	return !u->dir && (*write ? g->writes : g->reads) &&
	       (*path == '/' || !strncmp(path, "pipe:", 5)) &&
	       !bt_filter__excluded(&g->filter, path);
}

static void print_file(const struct graph *g, __u32 path, bool in_cluster)
{
	const char *name = rel_path(g->m, path), *slash = strrchr(name, '/');

	if (!strncmp(name, "pipe:", 5))
		out_printf("  f%u [shape=ellipse, style=dashed, label=", path);
	else
		out_printf("  f%u [shape=note, label=", path);
	dot_str(in_cluster && slash ? slash + 1 : name);
	if (in_cluster) {
		out_str(", tooltip=");
		dot_str(bt_model__path(g->m, path));
	}
	out_str("];\n");
}

/* Directory of a path as a length; 0 for none (a pipe, a name at /). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return *path == '/' && slash && slash != path ? (size_t)(slash - path) : 0;
}

/* The directory of path (d bytes), relative to where the build ran. */
static void print_dir(const struct bt_model *m, const char *path, size_t d)
{
	const char *cwd = bt_model__path(m, m->cwd);
	size_t n = strlen(cwd);

	if (n > 1 && d >= n && !strncmp(path, cwd, n) && (d == n || path[n] == '/')) {
		if (d == n)
			out_char('.');
		else
			dot_bytes(path + n + 1, d - n - 1);
		return;
	}
	dot_bytes(path, d);
}

/* By directory, then by name: a directory's files side by side. */
static int by_dir(const void *x, const void *y, void *ctx)
{
	const struct bt_model *m = ctx;
	const char *a = bt_model__path(m, *(const __u32 *)x);
	const char *b = bt_model__path(m, *(const __u32 *)y);
	size_t da = dir_len(a), db = dir_len(b);
	int c = memcmp(a, b, da < db ? da : db);

	if (c)
		return c;
	if (da != db)
		return da < db ? -1 : 1;
	return strcmp(a, b);
}

/* File nodes: by directory in clusters with --cluster. */
static void print_file_nodes(const struct graph *g, __u32 *paths, size_t n)
{
	const struct bt_model *m = g->m;
	size_t i, d, cluster = 0;
	const char *p, *q;

	if (!g->cluster) {
		for (i = 0; i < n; i++)
			print_file(g, paths[i], false);
		return;
	}
	qsort_r(paths, n, sizeof(*paths), by_dir, (void *)m);
	for (i = 0; i < n; i++) {
		p = bt_model__path(m, paths[i]);
		d = dir_len(p);
		if (!d) {
			print_file(g, paths[i], false);
			continue;
		}
		out_printf("  subgraph cluster_%zu {\n    label=\"", cluster++);
		print_dir(m, p, d);
		out_str("\";\n  ");
		print_file(g, paths[i], true);
		for (; i + 1 < n; i++) {
			q = bt_model__path(m, paths[i + 1]);
			if (dir_len(q) != d || strncmp(p, q, d))
				break;
			out_str("  ");
			print_file(g, paths[i + 1], true);
		}
		out_str("  }\n");
	}
}

static int print_files(const struct graph *g)
{
	const struct bt_model *m = g->m;
	struct edge *edges = malloc((m->nr_uses + 1) * sizeof(*edges));
	__u32 *paths = malloc((m->nr_uses + 1) * sizeof(*paths));
	size_t i, j, n = 0, k = 0, nr_paths = 0;
	bool write;

	if (!edges || !paths) {
		free(edges);
		free(paths);
		return -1;
	}
	for (i = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];

		if (edge_of(g, u, &write))
			edges[n++] = (struct edge){ g->node[u->proc], u->path, write };
	}
	if (n)
		qsort(edges, n, sizeof(*edges), by_edge);
	/* identical edges once; a file only one folded box used, not at all */
	for (i = 0; i < n; i = j) {
		bool inside = g->members[edges[i].proc] > 1;

		for (j = i; j < n && edges[j].path == edges[i].path; j++)
			inside &= edges[j].proc == edges[i].proc;
		if (inside)
			continue;
		paths[nr_paths++] = edges[i].path;
		for (; i < j; i++)
			if (!k || by_edge(&edges[i], &edges[k - 1]))
				edges[k++] = edges[i];
	}
	print_file_nodes(g, paths, nr_paths);
	for (i = 0; i < k; i++) {
		if (edges[i].write)
			out_printf("  p%d -> f%u [color=firebrick];\n", edges[i].proc,
				   edges[i].path);
		else
			out_printf("  f%u -> p%d [color=steelblue];\n", edges[i].path,
				   edges[i].proc);
	}
	free(edges);
	free(paths);
	return 0;
}

static int option(int opt, const char *arg, void *ctx)
{
	struct graph *g = ctx;

	switch (opt) {
	case OPT_ALL: g->filter.all = true; return 0;
	case OPT_NO_READS: g->reads = false; return 0;
	case OPT_NO_WRITES: g->writes = false; return 0;
	case OPT_PROCS: g->files = false; return 0;
	case OPT_COLLAPSE: g->fold = true; return 0;
	case OPT_CLUSTER: g->cluster = true; return 0;
	case OPT_EXCLUDE: return bt_filter__add(&g->filter, arg) ? -1 : 0;
	}
	return -1;
}

int bt_graph_main(int argc, char **argv)
{
	struct graph g = { .reads = true, .writes = true, .files = true };
	struct bt_select sel = { .nr_events = 0 };
	const char *file;
	struct bt_model m;
	int err;
	size_t i;

	err = bt_view_args(argc, argv, usage_text, "", long_options, option,
			   &g, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	if (!g.reads && !g.writes) {
		tool_err("--no-reads and --no-writes leave no file edges: use --processes-only");
		return usage_error(usage_text);
	}
	err = bt_load_selected(file, &m, &sel);
	if (err)
		return err;
	g.m = &m;
	g.node = malloc((m.nr_procs + 1) * sizeof(*g.node));
	g.members = malloc((m.nr_procs + 1) * sizeof(*g.members));
	if (!g.node || !g.members)
		goto out_nomem;
	for (i = 0; i < m.nr_procs; i++) {
		g.node[i] = (int)i;
		g.members[i] = 1;
	}
	if (g.fold)
		collapse(&g);
	out_str("digraph build {\n  rankdir=LR;\n"
		"  node [fontname=\"monospace\", fontsize=10];\n");
	print_procs(&g);
	if (g.files && print_files(&g))
		goto out_nomem;
	out_str("}\n");
	goto out;
out_nomem:
	tool_err("%s: out of memory", file);
	err = EXIT_FAIL;
out:
	if (out_flush() && !err) {
		tool_err("writing: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
	free(g.node);
	free(g.members);
	bt_model__free(&m);
	return err;
}
