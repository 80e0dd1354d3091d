// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace graph: the build as a Graphviz digraph. Boxes are processes
 * (labelled with the command they ran last), linked parent to child;
 * notes are files, with file -> process for what a process read or ran
 * and process -> file for what it wrote; pipes are dashed ellipses.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/lib/escape.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace graph [FILE] [--exclude PREFIX]... [--all]\n"
"                                [--no-reads | --no-writes] [--processes-only]\n"
"Print the build in the trace (default " BT_DEFAULT_FILE ") as a Graphviz\n"
"digraph: the process tree, with the files each process read (file -> process)\n"
"and wrote (process -> file).\n"
"\n"
"  --exclude PREFIX   leave out files under PREFIX (repeatable)\n"
"  --all              keep system files: by default /usr, /lib*, /bin, /sbin,\n"
"                     /etc, /proc, /dev and /sys are left out\n"
"  --no-reads         no file -> process edges\n"
"  --no-writes        no process -> file edges\n"
"  --processes-only   the process tree alone\n"
"\n"
"examples:\n"
"  barebpf buildtrace graph | dot -Tsvg > build.svg\n"
"  barebpf buildtrace graph --exclude /tmp --no-reads build.trace\n";

enum { OPT_EXCLUDE = 256, OPT_ALL, OPT_NO_READS, OPT_NO_WRITES, OPT_PROCS };

static const struct option long_options[] = {
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "no-reads", no_argument, NULL, OPT_NO_READS },
	{ "no-writes", no_argument, NULL, OPT_NO_WRITES },
	{ "processes-only", no_argument, NULL, OPT_PROCS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
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
 * A quoted dot string: quotes and backslashes escaped, the unprintable
 * (controls, C1 controls in UTF-8, bytes that are not UTF-8) '?': dot
 * reads backslash escapes of its own, so the text form would not survive.
 */
static void dot_str(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	out_char('"');
	while (*s) {
		if (*s == '"' || *s == '\\') {
			out_char('\\');
			out_char((char)*s++);
		} else if (*s < 0x20 || *s == 0x7f) {
			out_char('?');
			s++;
		} else if (*s < 0x80) {
			out_char((char)*s++);
		} else if ((n = utf8_seq_len(s, 4)) != 0 &&
			   !(s[0] == 0xc2 && s[1] < 0xa0)) {
			out_write((const char *)s, n);
			s += n;
		} else {
			out_char('?');
			s++;
		}
	}
	out_char('"');
}

/* A file's label: relative to where the build ran when under it. */
static const char *file_label(const struct bt_model *m, __u32 path)
{
	const char *p = bt_model__path(m, path), *base = bt_model__path(m, m->cwd);
	size_t n = strlen(base);

	if (n > 1 && !strncmp(p, base, n) && p[n] == '/')
		return p + n + 1;
	return p;
}

static void print_procs(const struct bt_model *m)
{
	char label[96];
	size_t i;

	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];

		bt_short_argv(label, sizeof(label),
				  p->exec >= 0 ? &m->execs[p->exec] : NULL);
		out_printf("  p%zu [shape=box, label=", i);
		if (!*label)
			snprintf(label, sizeof(label), "pid %u", p->pid);
		dot_str(label);
		out_str("];\n");
		if (p->parent >= 0)
			out_printf("  p%d -> p%zu [color=gray50];\n", p->parent, i);
	}
}

static int print_files(const struct bt_model *m,
		       const struct bt_filter *filter, bool reads,
		       bool writes)
{
	struct edge *edges = malloc((m->nr_uses + 1) * sizeof(*edges));
	size_t i, n = 0;
	__u32 last = 0;

	if (!edges)
		return -1;
	for (i = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];
		const char *path = bt_model__path(m, u->path);
		bool write;

		switch (u->access) {
		case BT_ACC_READ:
		case BT_ACC_EXEC:
			write = false;
			break;
		case BT_ACC_WRITE:
		case BT_ACC_CREATE:
		case BT_ACC_RENAME_TO:
			write = true;
			break;
		default:
			continue;
		}
		if (u->dir || (write ? !writes : !reads) ||
		    (*path != '/' && strncmp(path, "pipe:", 5)) ||
		    bt_filter__excluded(filter, path))
			continue;
		edges[n++] = (struct edge){ u->proc, u->path, write };
	}
	qsort(edges, n, sizeof(*edges), by_edge);
	for (i = 0; i < n; i++) {
		if (i && !by_edge(&edges[i], &edges[i - 1]))
			continue;
		if (edges[i].path != last) {
			last = edges[i].path;
			if (!strncmp(bt_model__path(m, last), "pipe:", 5)) {
				out_printf("  f%u [shape=ellipse, style=dashed, label=", last);
			} else {
				out_printf("  f%u [shape=note, label=", last);
			}
			dot_str(file_label(m, last));
			out_str("];\n");
		}
		if (edges[i].write)
			out_printf("  p%d -> f%u [color=firebrick];\n", edges[i].proc,
				   edges[i].path);
		else
			out_printf("  f%u -> p%d [color=steelblue];\n", edges[i].path,
				   edges[i].proc);
	}
	free(edges);
	return 0;
}

int bt_graph_main(int argc, char **argv)
{
	struct bt_filter filter = { .n = 0 };
	bool reads = true, writes = true, files = true;
	const char *file;
	struct bt_model m;
	int opt, err;

	while ((opt = tool_getopt(argc, argv, "h", long_options)) != -1) {
		switch (opt) {
		case OPT_ALL: filter.all = true; break;
		case OPT_NO_READS: reads = false; break;
		case OPT_NO_WRITES: writes = false; break;
		case OPT_PROCS: files = false; break;
		case OPT_EXCLUDE:
			if (bt_filter__add(&filter, optarg))
				return usage_error(usage_text);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return usage_error(usage_text);
		}
	}
	if (!reads && !writes) {
		tool_err("--no-reads and --no-writes leave no file edges: use --processes-only");
		return usage_error(usage_text);
	}
	file = bt_file_arg(argc, argv, optind);
	if (!file)
		return usage_error(usage_text);
	err = bt_load(file, &m, NULL, NULL);
	if (err)
		return err;
	out_str("digraph build {\n  rankdir=LR;\n"
		"  node [fontname=\"monospace\", fontsize=10];\n");
	print_procs(&m);
	if (files && print_files(&m, &filter, reads, writes)) {
		tool_err("%s: out of memory", file);
		err = EXIT_FAIL;
	}
	out_str("}\n");
	if (out_flush() && !err) {
		tool_err("writing: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
	bt_model__free(&m);
	return err;
}
