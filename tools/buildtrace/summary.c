// SPDX-License-Identifier: GPL-2.0
/* buildtrace summary: what a build ran and touched, in a screenful. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/select.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace summary [FILE] [-n N] [SELECTION]\n"
"Sum up the trace (default " BT_DEFAULT_FILE "): the command and its status,\n"
"processes and execs, files read, written and deleted, probes for files that\n"
"were not there, the longest-running commands, the environment variables\n"
"not the same in every process, the critical path (the chain\n"
"of processes, each waiting on a child or reading what another wrote, that\n"
"bounds the build's time, with each step's time on it), events lost.\n"
"\n"
"  -n, --top N        list N commands, directories, variables and steps of\n"
"                     the critical path (default 10)\n"
BT_SELECT_USAGE
"\n"
"examples:\n"
"  barebpf buildtrace summary build.trace\n";

static const struct option long_options[] = {
	{ "top", required_argument, NULL, 'n' },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

struct count {
	__u32 key;
	__u64 n;
};

static int by_count(const void *x, const void *y)
{
	const struct count *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

static void print_status(int status)
{
	if (status == BT_STATUS_UNKNOWN)
		out_str(" (status unknown)\n");
	else if (WIFEXITED(status))
		out_printf(" (exit %d)\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		out_printf(" (killed by signal %d)\n", WTERMSIG(status));
	else
		out_printf(" (status 0x%x)\n", status);
}

/* Distinct paths per access, and the directories probed most in vain. */
static int print_files(struct bt_model *m, long top)
{
	size_t files[BT_NR_ACCESS] = { 0 }, missing = 0, i, nr_dirs = 0;
	unsigned char *seen = calloc(m->nr_paths, 1);
	struct count *dirs = NULL, *more;
	const char *path, *slash;
	__u32 d;
	long k;

	if (!seen)
		return -1;
	for (i = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];
		unsigned char bit = 1u << (u->access % 8);

		if (u->access < 8 && !(seen[u->path] & bit)) {
			seen[u->path] |= bit;
			files[u->access]++;
		}
		if (u->access != BT_ACC_PROBE_MISSING)
			continue;
		missing++;
		/* count it for its directory, interned as a path of its own */
		path = bt_model__path(m, u->path);
		slash = strrchr(path, '/');
		if (!slash || slash == path)
			continue;
		d = bt_model__intern(m, path, (size_t)(slash - path));
		if (d >= nr_dirs) {
			more = realloc(dirs, m->nr_paths * sizeof(*dirs));
			if (!more)
				goto out_nomem;
			memset(more + nr_dirs, 0,
			       (m->nr_paths - nr_dirs) * sizeof(*dirs));
			dirs = more;
			nr_dirs = m->nr_paths;
		}
		dirs[d].key = d;
		dirs[d].n++;
	}
	out_printf("files:     %zu read, %zu executed, %zu written, %zu created, %zu deleted, %zu renamed\n",
		   files[BT_ACC_READ], files[BT_ACC_EXEC], files[BT_ACC_WRITE],
		   files[BT_ACC_CREATE], files[BT_ACC_DELETE], files[BT_ACC_RENAME_TO]);
	out_printf("probes:    %zu paths found there, %zu probes for paths that were not\n",
		   files[BT_ACC_PROBE], missing);
	if (dirs)
		qsort(dirs, nr_dirs, sizeof(*dirs), by_count);
	if (missing)
		out_str("directories probed most for what was not there (probes):\n");
	for (k = 0; k < top && k < (long)nr_dirs && dirs[k].n; k++) {
		out_printf("  %8llu  ", (unsigned long long)dirs[k].n);
		out_esc(bt_model__path(m, dirs[k].key), SIZE_MAX);
		out_char('\n');
	}
	free(seen);
	free(dirs);
	return 0;
out_nomem:
	free(seen);
	free(dirs);
	return -1;
}

static int by_duration(const void *x, const void *y, void *ctx)
{
	const struct bt_model *m = ctx;
	const struct bt_proc *a = &m->procs[*(const int *)x];
	const struct bt_proc *b = &m->procs[*(const int *)y];
	__u64 da = a->end_ns - a->start_ns, db = b->end_ns - b->start_ns;

	if (da != db)
		return da > db ? -1 : 1;
	return *(const int *)x - *(const int *)y;
}

static int print_longest(const struct bt_model *m, long top)
{
	int *order = malloc((m->nr_procs + 1) * sizeof(*order)), n = 0;
	char label[160];
	size_t i;
	long k;

	if (!order)
		return -1;
	for (i = 0; i < m->nr_procs; i++)
		if (m->procs[i].ended && m->procs[i].exec >= 0)
			order[n++] = (int)i;
	if (n)
		qsort_r(order, (size_t)n, sizeof(*order), by_duration, (void *)m);
	if (n)
		out_str("longest-running commands (seconds, pid, command):\n");
	for (k = 0; k < top && k < n; k++) {
		const struct bt_proc *p = &m->procs[order[k]];

		bt_short_argv(label, sizeof(label), &m->execs[p->exec]);
		out_printf("  %8.3f  %-7u ", (double)(p->end_ns - p->start_ns) / 1e9,
			   p->pid);
		out_esc(label, sizeof(label));
		out_char('\n');
	}
	free(order);
	return 0;
}

/* One variable of one exec's environment. */
struct var {
	const char *s;		/* "NAME=value" */
	size_t name_len;
};

static int by_var(const void *x, const void *y)
{
	const struct var *a = x, *b = y;
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->s, b->s, n);

	if (c)
		return c;
	if (a->name_len != b->name_len)
		return a->name_len < b->name_len ? -1 : 1;
	return strcmp(a->s + a->name_len, b->s + b->name_len);
}

/* "NAME value (N), value (N), unset (N)": at most 4 values shown. */
static void print_var(const struct var *v, size_t n, size_t execs)
{
	size_t i, j, shown = 0, values = 0;

	out_str("  ");
	out_esc(v->s, v->name_len);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !strcmp(v[j].s, v[i].s); j++)
			;
		values++;
		if (shown++ == 4)
			continue;
		out_str(shown > 1 ? ", " : "  ");
		out_esc_quoted(v[i].s + v[i].name_len + 1, 48);
		if (strlen(v[i].s + v[i].name_len + 1) > 48)
			out_str("...");
		out_printf(" (%zu)", j - i);
	}
	if (n < execs)
		out_printf(", unset (%zu)", execs - n);
	if (values > 4)
		out_printf(", and %zu other values", values - 4);
	out_char('\n');
}

/*
 * The variables whose value is not the same in every process that had
 * an environment: set to different values, or set in some alone.
 */
static int print_env(const struct bt_model *m, long top)
{
	size_t i, k, n = 0, execs = 0, names = 0, differ = 0;
	struct var *v;
	int e;

	if (!m->env_recorded) {
		out_str("environment: not recorded in this trace\n");
		return 0;
	}
	for (i = 0; i < m->nr_execs; i++)
		n += m->execs[i].env ? (size_t)m->execs[i].nr_env : 0;
	v = malloc((n + 1) * sizeof(*v));
	if (!v)
		return -1;
	for (i = 0, n = 0; i < m->nr_execs; i++) {
		const struct bt_exec_image *img = &m->execs[i];

		if (!img->env)
			continue;
		execs++;
		for (e = 0; e < img->nr_env; e++) {
			const char *eq = strchr(img->env[e], '=');

			if (eq)
				v[n++] = (struct var){ img->env[e], (size_t)(eq - img->env[e]) };
		}
	}
	qsort(v, n, sizeof(*v), by_var);
	/* twice: count, then list the first top */
	for (k = 0; k < 2; k++) {
		long shown = 0;
		size_t j, l;

		if (k)
			out_printf("environment: %zu variables in %zu execs, %zu not the same in all (value (execs)):\n",
				   names, execs, differ);
		for (i = 0; i < n; i = j) {
			bool same = true;

			for (j = i; j < n && v[j].name_len == v[i].name_len &&
			     !memcmp(v[j].s, v[i].s, v[i].name_len); j++)
				;
			for (l = i + 1; l < j; l++)
				same &= !strcmp(v[l].s, v[i].s);
			same &= j - i == execs;
			if (!k) {
				names++;
				differ += !same;
			} else if (!same && shown++ < top) {
				print_var(v + i, j - i, execs);
			}
		}
	}
	free(v);
	return 0;
}

static int by_step_time(const void *x, const void *y, void *ctx)
{
	const struct bt_step *v = ctx;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	__u64 ta = v[a].to_ns - v[a].from_ns, tb = v[b].to_ns - v[b].from_ns;

	if (ta != tb)
		return ta > tb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void print_step(const struct bt_model *m, const struct bt_step *s)
{
	char label[BT_LABEL_MAX];

	bt_proc_label(label, sizeof(label), m, s->proc);
	out_printf("  %8.3f  %-7u ", (double)(s->to_ns - s->from_ns) / 1e9,
		   m->procs[s->proc].pid);
	out_esc(label, sizeof(label));
	if (s->link == BT_LINK_READ) {
		out_str("  (read ");
		out_esc(bt_model__path(m, s->path), SIZE_MAX);
		out_char(')');
	} else if (s->link != BT_LINK_FIRST) {
		out_printf("  (%s)", bt_link_name(s->link));
	}
	out_char('\n');
}

/*
 * The critical path in time order: its top longest steps, each run of
 * the others between them as one line with their time and count.
 */
static int print_critical(const struct bt_model *m, long top)
{
	size_t i, n, *order = NULL, folded = 0;
	unsigned char *shown = NULL;
	struct bt_step *steps;
	__u64 total = 0, rest = 0;

	if (bt_critical_path(m, &steps, &n))
		return -1;
	order = malloc((n + 1) * sizeof(*order));
	shown = calloc(n + 1, 1);
	if (!order || !shown) {
		free(order);
		free(shown);
		free(steps);
		return -1;
	}
	for (i = 0; i < n; i++) {
		total += steps[i].to_ns - steps[i].from_ns;
		order[i] = i;
	}
	qsort_r(order, n, sizeof(*order), by_step_time, steps);
	for (i = 0; i < n && (long)i < top; i++)
		shown[order[i]] = 1;
	if (n)
		out_printf("critical path: %.3f s in %zu steps%s (seconds on it, pid, what, how it follows):\n",
			   (double)total / 1e9, n, (long)n > top ? ", the longest" : "");
	for (i = 0; i <= n; i++) {
		if (i < n && !shown[i]) {
			rest += steps[i].to_ns - steps[i].from_ns;
			folded++;
			continue;
		}
		if (folded)
			out_printf("  %8.3f  (%zu step%s)\n", (double)rest / 1e9, folded,
				   folded > 1 ? "s" : "");
		rest = 0;
		folded = 0;
		if (i < n)
			print_step(m, &steps[i]);
	}
	free(order);
	free(shown);
	free(steps);
	return 0;
}

/* -n N: how many of each list */
static int top_option(int opt, const char *arg, void *ctx)
{
	if (opt != 'n')
		return -1;
	return parse_long("-n", arg, 0, 1000000, ctx);
}

int bt_summary_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	size_t i, running = 0;
	const char *file;
	struct bt_model m;
	long top = 10;
	int err, c;

	err = bt_view_args(argc, argv, usage_text, "n:", long_options,
			   top_option, &top, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	err = bt_load_selected(file, &m, &sel);
	if (err)
		return err;
	out_str("trace:     ");
	out_esc(file, SIZE_MAX);
	out_str(" (");
	out_esc(m.machine, sizeof(m.machine));
	out_printf("), %.3f s%s\n", (double)m.duration_ns / 1e9,
		   m.complete ? "" : ", cut short: no end record");
	out_str("command:  ");
	for (c = 0; m.command && m.command[c]; c++) {
		out_char(' ');
		out_esc(m.command[c], SIZE_MAX);
	}
	print_status(m.status);
	out_str("cwd:       ");
	out_esc(bt_model__path(&m, m.cwd), SIZE_MAX);
	out_char('\n');
	for (i = 0; i < m.nr_procs; i++)
		running += !m.procs[i].ended;
	out_printf("processes: %zu (%zu still running at the end), %zu execs (and %zu that failed), %zu syscalls recorded\n",
		   m.nr_procs, running, m.nr_execs, m.nr_failed_execs, m.nr_syscalls);
	if (print_files(&m, top) || print_longest(&m, top) || print_env(&m, top) ||
	    print_critical(&m, top)) {
		tool_err("%s: out of memory", file);
		err = EXIT_FAIL;
	}
	out_printf("lost:      %llu events", (unsigned long long)m.lost);
	for (i = 0; i < NR_COUNTERS; i++)
		if (m.dropped[i])
			out_printf(", %llu %s", (unsigned long long)m.dropped[i],
				   counter_name((enum counter)i));
	out_char('\n');
	if (out_flush() && !err) {
		tool_err("writing: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
	bt_model__free(&m);
	return err;
}
