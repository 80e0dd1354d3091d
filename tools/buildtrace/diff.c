// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace diff: what differs between two builds of the same tree.
 * Each file a build wrote and left behind is an output; its command is
 * the chain of processes from the one below the build's own command
 * (make) down to the one that last wrote it. For the outputs both builds
 * made, the outermost command whose arguments differ is shown, the same
 * for the environment (when both traces hold one), and the inputs gained
 * or lost; then outputs one build alone made, and the
 * commands that ran in one build alone (outside the outputs' chains).
 *
 * Paths under the directory each build ran in are compared relative to
 * it; in arguments, the name of a temporary file (one the build made and
 * did not leave) is compared as "<tmp>", since it changes from run to run.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/deps.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace diff A.trace B.trace\n"
"Say what differs between two builds of the same tree: the build command,\n"
"outputs made with other arguments or environment (the outermost command\n"
"that differs), inputs an output gained or lost, files one build alone\n"
"wrote, commands one build alone ran. Lines start with what they are\n"
"about, then - for A and + for B:\n"
"  command: - make -j2                  the build's own command\n"
"  arguments: src/a.o (cc): - -O2 + -O1 arguments one side alone had\n"
"  environment: src/a.o (cc): - CC=gcc  variables one side alone had\n"
"  input: src/a.o: + include/new.h      an input gained (+) or lost (-)\n"
"  written: - old.o                     written and left by one build only\n"
"  run: + ./gen.sh                      a command one build alone ran\n"
"In arguments, a temporary file's name (a file the build made and did not\n"
"leave) is compared as <tmp>; paths under the directory a build ran in are\n"
"compared relative to it.\n"
"\n"
"Exit status, as diff(1): 0 when the builds do not differ, 1 when they do,\n"
"2 for trouble (a bad command line, a trace that cannot be read).\n"
"\n"
"examples:\n"
"  barebpf buildtrace diff before.trace after.trace\n";

static const struct tool_spec spec = {
	.usage = usage_text,
	.operand = "A.trace",
	.operand_optional = true,	/* said below, with both names */
	.max_operands = 2,
	.no_command = true,
};

/* Trouble, as diff(1) says it: not a difference. */
#define EXIT_TROUBLE	2

struct output {
	char *path;		/* relative to the build's cwd when under it */
	int writer;		/* the process that last wrote it */
	char **inputs;
	size_t nr_inputs;
};

struct build {
	const char *file;
	struct bt_model m;
	char **temps;		/* temporary files' paths, sorted */
	size_t nr_temps;
	struct bt_deps *deps;
	struct output *outputs;
	size_t nr_outputs;
	unsigned char *chained;	/* per process: under an output's chain */
	char **runs;		/* commands outside the chains, normalized */
	size_t nr_runs;
};

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool is_temp(const struct build *b, const char *s)
{
	return bsearch(&s, b->temps, b->nr_temps, sizeof(*b->temps), by_str);
}

/*
 * s as compared: the build's cwd made "."; a temporary file's name,
 * whole or after '=', ',' or ':' ("-fresolution=/tmp/ccX.res"), made
 * "<tmp>". malloc()ed, or NULL.
 */
static char *normalize(const struct build *b, const char *s)
{
	const struct bt_model *m = &b->m;
	const char *cwd = bt_model__path(m, m->cwd);
	size_t n = strlen(cwd), len = strlen(s), k = 0, i;
	char *v = malloc(len + 8);

	if (!v)
		return NULL;
	for (i = 0; i < len; i++) {
		if ((!i || strchr("=,:", s[i - 1])) && is_temp(b, s + i)) {
			memcpy(v + k, "<tmp>", 5);
			k += 5;
			break;
		}
		v[k++] = s[i];
	}
	v[k] = '\0';
	if (n > 1 && !strncmp(v, cwd, n) && (v[n] == '/' || !v[n])) {
		memmove(v, v + n + (v[n] == '/'), strlen(v + n + (v[n] == '/')) + 1);
		if (!*v)
			strcpy(v, ".");
	}
	return v;
}

static int by_output(const void *x, const void *y)
{
	return strcmp(((const struct output *)x)->path,
		      ((const struct output *)y)->path);
}

static bool is_write(const struct bt_use *u)
{
	return !u->dir && (u->access == BT_ACC_WRITE || u->access == BT_ACC_CREATE ||
			   u->access == BT_ACC_RENAME_TO);
}

/* A command as compared: the program's base name and its arguments. */
static char *command_of(const struct build *b, const struct bt_exec_image *img)
{
	const struct bt_model *m = &b->m;
	size_t len = 1, k = 0, n;
	char *v = NULL, *a, **args;
	const char *base;
	int i;

	args = calloc((size_t)img->argc + 1, sizeof(*args));
	if (!args)
		return NULL;
	for (i = 0; i < img->argc; i++) {
		args[i] = normalize(b, img->argv[i]);
		if (!args[i])
			goto out;
		len += strlen(args[i]) + 1;
	}
	base = strrchr(bt_model__path(m, img->path), '/');
	base = base ? base + 1 : bt_model__path(m, img->path);
	len += strlen(base);
	v = malloc(len + 1);
	if (v) {
		k = (size_t)sprintf(v, "%s", base);
		for (i = 1; i < img->argc; i++) {
			a = args[i];
			n = strlen(a);
			v[k++] = ' ';
			memcpy(v + k, a, n + 1);
			k += n;
		}
	}
out:
	for (i = 0; i < img->argc; i++)
		free(args[i]);
	free(args);
	return i == img->argc ? v : NULL;
}

/* The outermost process of proc's chain: the one below a root. */
static int chain_top(const struct bt_model *m, int proc)
{
	while (m->procs[proc].parent >= 0 &&
	       m->procs[m->procs[proc].parent].parent >= 0)
		proc = m->procs[proc].parent;
	return proc;
}

/* The files the build made and did not leave: its last use of each says. */
static int collect_temps(struct build *b)
{
	const struct bt_model *m = &b->m;
	unsigned char *state = calloc(m->nr_paths + 1, 1);
	size_t i;

	b->temps = calloc(m->nr_paths + 1, sizeof(*b->temps));
	if (!state || !b->temps) {
		free(state);
		return -1;
	}
	for (i = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];

		if (is_write(u))
			state[u->path] = 1;
		else if (u->access == BT_ACC_DELETE || u->access == BT_ACC_RENAME_FROM)
			state[u->path] = state[u->path] ? 2 : 0;
	}
	for (i = 1; i < m->nr_paths; i++)
		if (state[i] == 2 && *bt_model__path(m, (__u32)i) == '/')
			b->temps[b->nr_temps++] = m->paths[i];
	qsort(b->temps, b->nr_temps, sizeof(*b->temps), by_str);
	free(state);
	return 0;
}

static int build_load(struct build *b)
{
	struct bt_filter filter = { .n = 0 };
	struct bt_model *m = &b->m;
	const __u32 *inputs;
	int *writer = NULL;
	size_t i, k, n;

	if (bt_load(b->file, m, NULL, NULL))
		return EXIT_TROUBLE;
	writer = malloc((m->nr_paths + 1) * sizeof(*writer));
	b->outputs = calloc(m->nr_paths + 1, sizeof(*b->outputs));
	b->chained = calloc(m->nr_procs + 1, 1);
	b->runs = calloc(m->nr_execs + 1, sizeof(*b->runs));
	if (!writer || !b->outputs || !b->chained || !b->runs ||
	    bt_deps__build(&b->deps, m, &filter))
		goto out_nomem;
	for (i = 0; i < m->nr_uses; i++)
		if (is_write(&m->uses[i]))
			writer[m->uses[i].path] = m->uses[i].proc;
	if (collect_temps(b))
		goto out_nomem;
	for (i = 1; i < m->nr_paths; i++) {
		struct output *o = &b->outputs[b->nr_outputs];

		if (!bt_deps__is_output(b->deps, (__u32)i))
			continue;
		b->nr_outputs++;
		o->writer = writer[i];
		o->path = normalize(b, bt_model__path(m, (__u32)i));
		if (!o->path || bt_deps__inputs(b->deps, (__u32)i, &inputs, &n))
			goto out_nomem;
		o->inputs = calloc(n + 1, sizeof(*o->inputs));
		if (!o->inputs)
			goto out_nomem;
		for (k = 0; k < n; k++)
			if (!(o->inputs[o->nr_inputs++] =
			      normalize(b, bt_model__path(m, inputs[k]))))
				goto out_nomem;
		qsort(o->inputs, o->nr_inputs, sizeof(*o->inputs), by_str);
	}
	qsort(b->outputs, b->nr_outputs, sizeof(*b->outputs), by_output);
	free(writer);
	return 0;
out_nomem:
	free(writer);
	tool_err("%s: out of memory", b->file);
	return EXIT_TROUBLE;
}

static void build_free(struct build *b)
{
	size_t i, k;

	for (i = 0; i < b->nr_outputs; i++) {
		for (k = 0; k < b->outputs[i].nr_inputs; k++)
			free(b->outputs[i].inputs[k]);
		free(b->outputs[i].inputs);
		free(b->outputs[i].path);
	}
	for (i = 0; i < b->nr_runs; i++)
		free(b->runs[i]);
	free(b->runs);
	free(b->temps);
	free(b->outputs);
	free(b->chained);
	bt_deps__free(b->deps);
	bt_model__free(&b->m);
}

/* Mark proc and every process below it as accounted for by an output. */
static void chain_mark(struct build *b, int top)
{
	const struct bt_model *m = &b->m;
	size_t i;

	b->chained[top] = 1;
	/* a parent comes before its children */
	for (i = (size_t)top + 1; i < m->nr_procs; i++)
		if (m->procs[i].parent >= 0 && b->chained[m->procs[i].parent])
			b->chained[i] = 1;
}

/* Print the items of a (sorted) only in a, with sign, after prefix. */
static void print_sorted_diff(char *const *a, size_t na, char *const *b,
			      size_t nb, const char *prefix, const char *about,
			      char sign, bool *differ)
{
	size_t i = 0, j = 0;
	int c;

	while (i < na) {
		c = j < nb ? strcmp(a[i], b[j]) : -1;
		if (c > 0) {
			j++;
			continue;
		}
		if (c < 0) {
			out_str(prefix);
			if (about) {
				out_esc(about, SIZE_MAX);
				out_str(": ");
			}
			out_printf("%c ", sign);
			out_esc(a[i], SIZE_MAX);
			out_char('\n');
			*differ = true;
		} else {
			j++;
		}
		i++;
	}
}

/* The base name of an image's argv[0], or of the file when it has no argv. */
static const char *program(const struct build *b, const struct bt_exec_image *img)
{
	const char *name = img->argc ? img->argv[0] : bt_model__path(&b->m, img->path);
	const char *slash = strrchr(name, '/');

	return slash && slash[1] ? slash + 1 : name;
}

/* Arguments one side had and the other not, as one line. */
static void print_args_diff(const struct build *a, int pa, const struct build *b,
			    int pb, const char *path, bool *differ)
{
	const struct bt_exec_image *ia = &a->m.execs[a->m.procs[pa].exec];
	const struct bt_exec_image *ib = &b->m.execs[b->m.procs[pb].exec];
	char **va = calloc((size_t)ia->argc + 1, sizeof(*va));
	char **vb = calloc((size_t)ib->argc + 1, sizeof(*vb));
	const char *base = program(a, ia);
	int i, j, na = 0, nb = 0;
	bool *used = calloc((size_t)ib->argc + 1, 1);

	if (!va || !vb || !used)
		goto out;
	for (i = 1; i < ia->argc; i++)
		if (!(va[na++] = normalize(a, ia->argv[i])))
			goto out;
	for (i = 1; i < ib->argc; i++)
		if (!(vb[nb++] = normalize(b, ib->argv[i])))
			goto out;
	out_str("arguments: ");
	out_esc(path, SIZE_MAX);
	out_str(" (");
	out_esc(base, SIZE_MAX);
	out_str("):");
	/* in order: what A had that B lacks, then what B had that A lacks */
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && (used[j] || strcmp(va[i], vb[j])); j++)
			;
		if (j < nb) {
			used[j] = true;
			free(va[i]);
			va[i] = NULL;
		}
	}
	for (i = 0, j = 0; i < na; i++)
		if (va[i]) {
			out_str(j++ ? " " : " - ");
			out_esc(va[i], SIZE_MAX);
		}
	for (i = 0, j = 0; j < nb; j++)
		if (!used[j]) {
			out_str(i++ ? " " : " + ");
			out_esc(vb[j], SIZE_MAX);
		}
	out_char('\n');
	*differ = true;
out:
	for (i = 0; va && i < na; i++)
		free(va[i]);
	for (j = 0; vb && j < nb; j++)
		free(vb[j]);
	free(va);
	free(vb);
	free(used);
}

/* An environment as compared: normalized, sorted; NULL when short of memory. */
static char **env_of(const struct build *b, const struct bt_exec_image *img)
{
	char **v = calloc((size_t)img->nr_env + 1, sizeof(*v));
	int i;

	for (i = 0; v && i < img->nr_env; i++) {
		if (!(v[i] = normalize(b, img->env[i]))) {
			while (i--)
				free(v[i]);
			free(v);
			return NULL;
		}
	}
	if (v)
		qsort(v, (size_t)img->nr_env, sizeof(*v), by_str);
	return v;
}

static void free_strings(char **v)
{
	char **p;

	for (p = v; p && *p; p++)
		free(*p);
	free(v);
}

/*
 * Compare the environments of pa and pb (both recorded): when they
 * differ, one line with what A alone had and what B alone had.
 * Returns 1 when they differ, 0 when not, -1 when short of memory.
 */
static int compare_env(const struct build *a, int pa, const struct build *b,
		       int pb, const char *path)
{
	const struct bt_exec_image *ia = &a->m.execs[a->m.procs[pa].exec];
	const struct bt_exec_image *ib = &b->m.execs[b->m.procs[pb].exec];
	char **va = env_of(a, ia), **vb = env_of(b, ib);
	const char *base = program(a, ia);
	int i = 0, j = 0, c, pass, shown;

	if (!va || !vb) {
		free_strings(va);
		free_strings(vb);
		return -1;
	}
	for (; va[i] && vb[j] && !strcmp(va[i], vb[j]); i++, j++)
		;
	c = va[i] || vb[j];
	if (c) {
		out_str("environment: ");
		out_esc(path, SIZE_MAX);
		out_str(" (");
		out_esc(base, SIZE_MAX);
		out_str("):");
		/* what A alone had, then what B alone had: two sorted walks */
		for (pass = 0; pass < 2; pass++) {
			char **x = pass ? vb : va, **y = pass ? va : vb;

			for (i = j = shown = 0; x[i]; ) {
				int d = y[j] ? strcmp(x[i], y[j]) : -1;

				if (d > 0) {
					j++;
					continue;
				}
				if (d < 0) {
					out_str(shown++ ? " " : pass ? " + " : " - ");
					out_esc(x[i], SIZE_MAX);
				} else {
					j++;
				}
				i++;
			}
		}
		out_char('\n');
	}
	free_strings(va);
	free_strings(vb);
	return c;
}

/* The arguments of the outermost command on the output's chain that differ. */
static int compare_chain(struct build *a, const struct output *oa,
			 struct build *b, const struct output *ob, bool *differ)
{
	int pa = oa->writer, pb = ob->writer, ca[64], cb[64], na = 0, nb = 0;
	int args_at = 0;
	char *x, *y;
	int i, same;

	/* the chains, writer first */
	for (; pa >= 0 && a->m.procs[pa].parent >= 0 && na < 64;
	     pa = a->m.procs[pa].parent)
		ca[na++] = pa;
	for (; pb >= 0 && b->m.procs[pb].parent >= 0 && nb < 64;
	     pb = b->m.procs[pb].parent)
		cb[nb++] = pb;
	if (na)
		chain_mark(a, chain_top(&a->m, ca[0]));
	if (nb)
		chain_mark(b, chain_top(&b->m, cb[0]));
	/* from the outermost down, while both have a command */
	for (i = 1; i <= na && i <= nb; i++) {
		pa = ca[na - i];
		pb = cb[nb - i];
		if (a->m.procs[pa].exec < 0 || b->m.procs[pb].exec < 0)
			continue;
		x = command_of(a, &a->m.execs[a->m.procs[pa].exec]);
		y = command_of(b, &b->m.execs[b->m.procs[pb].exec]);
		same = x && y && !strcmp(x, y);
		free(x);
		free(y);
		if (!x || !y)
			return -1;
		if (!same) {
			print_args_diff(a, pa, b, pb, oa->path, differ);
			args_at = i;
			break;
		}
	}
	/*
	 * The same for the environment, where both traces hold one, down to
	 * the command whose arguments differ: below it, an environment that
	 * differs is what those arguments made (gcc hands its options to as
	 * in COLLECT_GCC_OPTIONS).
	 */
	for (i = 1; i <= na && i <= nb && (!args_at || i <= args_at); i++) {
		pa = ca[na - i];
		pb = cb[nb - i];
		if (a->m.procs[pa].exec < 0 || b->m.procs[pb].exec < 0 ||
		    !a->m.execs[a->m.procs[pa].exec].env ||
		    !b->m.execs[b->m.procs[pb].exec].env)
			continue;
		same = compare_env(a, pa, b, pb, oa->path);
		if (same < 0)
			return -1;
		if (same) {
			*differ = true;
			break;
		}
	}
	return 0;
}

/* The commands outside every output's chain, sorted. */
static int collect_runs(struct build *b)
{
	const struct bt_model *m = &b->m;
	size_t i;

	for (i = 0; i < m->nr_execs; i++) {
		int p = m->execs[i].proc;

		if (m->procs[p].parent < 0 || b->chained[p])
			continue;
		b->runs[b->nr_runs] = command_of(b, &m->execs[i]);
		if (!b->runs[b->nr_runs++])
			return -1;
	}
	qsort(b->runs, b->nr_runs, sizeof(*b->runs), by_str);
	return 0;
}

static void print_command(const struct build *b, char sign)
{
	int i;

	out_printf("command: %c", sign);
	for (i = 0; b->m.command && b->m.command[i]; i++) {
		out_char(' ');
		out_esc(b->m.command[i], SIZE_MAX);
	}
	out_char('\n');
}

static bool same_command(const struct build *a, const struct build *b)
{
	int i;

	if (!a->m.command || !b->m.command)
		return a->m.command == b->m.command;
	for (i = 0; a->m.command[i] && b->m.command[i]; i++)
		if (strcmp(a->m.command[i], b->m.command[i]))
			return false;
	return !a->m.command[i] && !b->m.command[i];
}

static int compare(struct build *a, struct build *b, bool *differ)
{
	size_t i = 0, j = 0;
	int c;

	if (!same_command(a, b)) {
		print_command(a, '-');
		print_command(b, '+');
		*differ = true;
	}
	while (i < a->nr_outputs || j < b->nr_outputs) {
		struct output *oa = i < a->nr_outputs ? &a->outputs[i] : NULL;
		struct output *ob = j < b->nr_outputs ? &b->outputs[j] : NULL;

		c = !oa ? 1 : !ob ? -1 : strcmp(oa->path, ob->path);
		if (c) {
			out_printf("written: %c ", c < 0 ? '-' : '+');
			out_esc(c < 0 ? oa->path : ob->path, SIZE_MAX);
			out_char('\n');
			*differ = true;
			i += c < 0;
			j += c > 0;
			continue;
		}
		if (compare_chain(a, oa, b, ob, differ))
			return -1;
		print_sorted_diff(oa->inputs, oa->nr_inputs, ob->inputs,
				  ob->nr_inputs, "input: ", oa->path, '-', differ);
		print_sorted_diff(ob->inputs, ob->nr_inputs, oa->inputs,
				  oa->nr_inputs, "input: ", oa->path, '+', differ);
		i++;
		j++;
	}
	if (collect_runs(a) || collect_runs(b))
		return -1;
	print_sorted_diff(a->runs, a->nr_runs, b->runs, b->nr_runs, "run: ", NULL,
			  '-', differ);
	print_sorted_diff(b->runs, b->nr_runs, a->runs, a->nr_runs, "run: ", NULL,
			  '+', differ);
	return 0;
}

int bt_diff_main(int argc, char **argv)
{
	struct build a = { .file = NULL }, b = { .file = NULL };
	bool differ = false;
	struct tool_opts o;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	if (o.nr_operands != 2) {
		tool_err("diff compares two traces: A.trace B.trace");
		return usage_error(usage_text);
	}
	a.file = o.operands[0];
	b.file = o.operands[1];
	err = build_load(&a);
	if (!err)
		err = build_load(&b);
	if (!err && compare(&a, &b, &differ)) {
		tool_err("out of memory");
		err = EXIT_TROUBLE;
	}
	if (out_flush() && !err) {
		tool_err("writing: %s", strerror(-out_flush()));
		err = EXIT_TROUBLE;
	}
	build_free(&a);
	build_free(&b);
	return err ? EXIT_TROUBLE : differ ? 1 : EXIT_OK;
}
