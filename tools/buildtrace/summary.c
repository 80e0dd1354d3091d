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
"were not there, the longest-running commands, the critical path (the chain\n"
"of processes, each waiting on a child or reading what another wrote, that\n"
"bounds the build's time, with each step's time on it), the environment\n"
"variables that differ between execs, events lost.\n"
"\n"
"  -n, --top N        list N commands, directories and variables (default 10)\n"
BT_SELECT_USAGE
"\n"
"examples:\n"
"  barebpf buildtrace summary build.trace\n";

static const struct option long_options[] = {
	{ "top", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
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
struct env_var {
	const char *s;		/* "NAME=value" */
	size_t name_len;
};

static int by_name_value(const void *x, const void *y)
{
	const struct env_var *a = x, *b = y;
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->s, b->s, n);

	if (c)
		return c;
	if (a->name_len != b->name_len)
		return a->name_len < b->name_len ? -1 : 1;
	return strcmp(a->s + a->name_len, b->s + b->name_len);
}

/* Values of one variable, most common first. */
struct env_value {
	const char *value;	/* after the '=' */
	size_t n;
};

static int by_count_desc(const void *x, const void *y)
{
	const struct env_value *a = x, *b = y;

	return a->n != b->n ? (a->n > b->n ? -1 : 1) : strcmp(a->value, b->value);
}

#define ENV_VALUES_SHOWN	3
#define ENV_VALUE_COLUMNS	72

/* Print one variable's values, values[0..n), and the execs without it. */
static void print_env_values(const struct env_var *v, struct env_value *values,
			     size_t n, size_t unset, long top)
{
	size_t k;

	out_str("  ");
	out_esc(v->s, v->name_len);
	out_char('\n');
	qsort(values, n, sizeof(*values), by_count_desc);
	for (k = 0; k < n && (long)k < top && k < ENV_VALUES_SHOWN; k++) {
		out_printf("    %6zu  ", values[k].n);
		out_esc(values[k].value, ENV_VALUE_COLUMNS);
		out_str(strlen(values[k].value) > ENV_VALUE_COLUMNS ? "...\n" : "\n");
	}
	if (k < n)
		out_printf("    %6s  (%zu more values)\n", "", n - k);
	if (unset)
		out_printf("    %6zu  (unset)\n", unset);
}

/*
 * The variables that differ between the build's execs: those with more
 * than one value, or set in some and not in others. Execs whose
 * environment was cut or could not be read say nothing of what is unset,
 * and are left out.
 */
static int print_env(const struct bt_model *m, long top)
{
	struct env_var *vars;
	struct env_value *values;
	size_t i, j, n = 0, execs = 0, names = 0, differ = 0, shown = 0;
	size_t partial = 0, nv;
	int e, pass;

	if (!m->env_recorded) {
		out_str("environment: not recorded (record --no-env, or a trace without it)\n");
		return 0;
	}
	for (i = 0; i < m->nr_execs; i++)
		n += (size_t)m->execs[i].nr_env;
	vars = malloc((n + 1) * sizeof(*vars));
	values = malloc((n + 1) * sizeof(*values));
	if (!vars || !values) {
		free(vars);
		free(values);
		return -1;
	}
	for (n = 0, i = 0; i < m->nr_execs; i++) {
		const struct bt_exec_image *img = &m->execs[i];

		if (img->env_truncated || img->env_unreadable) {
			partial++;
			continue;
		}
		execs++;
		for (e = 0; e < img->nr_env; e++) {
			const char *eq = strchr(img->env[e], '=');

			vars[n].s = img->env[e];
			vars[n++].name_len = eq ? (size_t)(eq - img->env[e]) : strlen(img->env[e]);
		}
	}
	qsort(vars, n, sizeof(*vars), by_name_value);
	/* A first pass counts, for the header; the second prints. */
	for (pass = 0; pass < 2; pass++) {
		if (pass) {
			out_printf("environment: %zu variables in %zu execs, %zu differ between them%s\n",
				   names, execs, differ, differ ? " (execs, value):" : "");
			if (partial)
				out_printf("  (left out: %zu execs whose environment was cut)\n",
					   partial);
		}
		for (i = 0; i < n; i = j) {
			/* vars[i..j): one name; values: its distinct values */
			for (j = i, nv = 0; j < n && vars[j].name_len == vars[i].name_len &&
			     !memcmp(vars[j].s, vars[i].s, vars[i].name_len); j++) {
				if (j == i || by_name_value(&vars[j - 1], &vars[j]))
					values[nv++] = (struct env_value){
						vars[j].s + vars[j].name_len +
						(vars[j].s[vars[j].name_len] == '='), 0 };
				values[nv - 1].n++;
			}
			names += !pass;
			if (nv < 2 && j - i >= execs)
				continue;
			differ += !pass;
			if (pass && (long)shown++ < top)
				print_env_values(&vars[i], values, nv,
						 execs > j - i ? execs - (j - i) : 0, top);
		}
	}
	if ((long)shown > top)
		out_printf("  (%zu more variables)\n", shown - (size_t)top);
	free(vars);
	free(values);
	return 0;
}

static int print_critical(const struct bt_model *m)
{
	char label[BT_LABEL_MAX];
	struct bt_step *steps;
	__u64 total = 0;
	size_t i, n;

	if (bt_critical_path(m, &steps, &n))
		return -1;
	for (i = 0; i < n; i++)
		total += steps[i].to_ns - steps[i].from_ns;
	if (n)
		out_printf("critical path: %.3f s in %zu steps (seconds on it, pid, what, how it follows):\n",
			   (double)total / 1e9, n);
	for (i = 0; i < n; i++) {
		const struct bt_step *s = &steps[i];

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
	free(steps);
	return 0;
}

int bt_summary_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	size_t i, running = 0;
	const char *file;
	struct bt_model m;
	long top = 10;
	int opt, err, c;

	while ((opt = tool_getopt(argc, argv, "n:h", long_options)) != -1) {
		switch (opt) {
		case 'n':
			if (parse_long("-n", optarg, 0, 1000000, &top))
				return usage_error(usage_text);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			if (bt_select__option(&sel, opt, optarg) <= 0)
				return usage_error(usage_text);
		}
	}
	file = bt_file_arg(argc, argv, optind);
	if (!file)
		return usage_error(usage_text);
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
	if (print_files(&m, top) || print_longest(&m, top) || print_critical(&m) ||
	    print_env(&m, top)) {
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
