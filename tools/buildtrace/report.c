// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace report: one HTML file that holds a build whole and draws
 * it in the browser with no network: the summary, a timeline with the
 * critical path marked, the process tree, the files with who read and
 * who wrote them, the failed probes. The page is report.html (made a
 * C string at build time); the trace goes in as JSON in a script tag of
 * type application/json, every '<', '>' and '&' escaped so nothing in a
 * path can end the tag. The script puts every string from the trace in
 * the page as text, never as markup.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/select.h"
#include "tools/buildtrace/tracks.h"
#include "tools/lib/json.h"
#include "tools/lib/output.h"
#include "report_html.h"

static const char usage_text[] =
"usage: barebpf buildtrace report [FILE] [-o OUT] [--all] [SELECTION]\n"
"Write the trace (default " BT_DEFAULT_FILE ") as one self-contained HTML\n"
"file (no network, no other file): summary, timeline with the critical path,\n"
"process tree, a searchable table of files with who read and who wrote them,\n"
"failed probes. It stays quick for hundreds of thousands of events.\n"
"\n"
"  -o, --output OUT   write to OUT instead of stdout\n"
"  --all              list system files too: by default /usr, /lib*, /bin,\n"
"                     /sbin, /etc, /proc, /dev and /sys are left out of the\n"
"                     file table (not of the failed probes)\n"
BT_SELECT_USAGE
"\n"
"A URL ending in #files=TEXT&probes=TEXT opens with those searches.\n"
"\n"
"examples:\n"
"  barebpf buildtrace report -o build.html\n";

enum { OPT_ALL = 256 };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "all", no_argument, NULL, OPT_ALL },
	BT_SELECT_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Processes named per failed probe, at most. */
#define PROBE_PROCS	8

/* A file's use by a process: read (0), written (1), probed missing (2). */
struct pair {
	__u32 path;
	int proc;
	int kind;
};

static int by_pair(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->path != b->path)
		return a->path < b->path ? -1 : 1;
	return a->proc - b->proc;
}

/*
 * A JSON string for inside a script element: json_escape's, with '<',
 * '>' and '&' as \u escapes, so "</script>" or "<!--" cannot appear.
 */
static void html_json_str(const char *s, size_t max)
{
	char buf[JSON_ESCAPED_MAX(512)];
	size_t len = strnlen(s, max), n, w, i, from;

	out_char('"');
	while (len) {
		n = len < 512 ? len : 512;
		while (n < len && n > 508 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		w = json_escape(buf, s, n);
		/* buf[0] and buf[w - 1] are its quotes */
		for (i = from = 1; i < w - 1; i++) {
			if (buf[i] != '<' && buf[i] != '>' && buf[i] != '&')
				continue;
			out_write(buf + from, i - from);
			out_printf("\\u%04x", buf[i]);
			from = i + 1;
		}
		out_write(buf + from, w - 1 - from);
		s += n;
		len -= n;
	}
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

static void status_text(char *buf, size_t size, int status)
{
	if (status == BT_STATUS_UNKNOWN)
		snprintf(buf, size, "status unknown");
	else if (WIFEXITED(status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "status 0x%x", status);
}

/* The command line, space-separated, at most 8 KiB of it. */
static void print_argv(const struct bt_exec_image *img)
{
	size_t used = 0, n;
	char *buf, *p;
	int i;

	for (i = 0; img && i < img->argc; i++)
		used += strlen(img->argv[i]) + 1;
	buf = malloc(used + 1);
	if (!buf) {
		out_str("\"\"");
		return;
	}
	for (p = buf, i = 0; img && i < img->argc; i++) {
		n = strlen(img->argv[i]);
		memcpy(p, img->argv[i], n);
		p += n;
		*p++ = ' ';
	}
	*(p > buf ? p - 1 : p) = '\0';
	html_json_str(buf, 8192);
	free(buf);
}

static void print_procs(const struct bt_model *m, const int *track,
			const unsigned char *critical)
{
	char label[BT_LABEL_MAX], status[32];
	size_t i;

	out_str(",\"p\":[");
	for (i = 0; i < m->nr_procs; i++) {
		const struct bt_proc *p = &m->procs[i];

		bt_proc_label(label, sizeof(label), m, (int)i);
		status_text(status, sizeof(status), p->status);
		out_printf("%s\n[%u,%d,%llu,%llu,%d,\"%s%s\",", i ? "," : "", p->pid,
			   p->parent, (unsigned long long)p->start_ns / 1000,
			   (unsigned long long)bt_proc_end(m, (int)i) / 1000, track[i],
			   p->ended ? "" : "running, ", status);
		html_json_str(label, sizeof(label));
		out_char(',');
		print_argv(p->exec >= 0 ? &m->execs[p->exec] : NULL);
		out_printf(",%d]", critical[i]);
	}
	out_char(']');
}

static void print_list(const struct pair *v, size_t n, size_t max)
{
	size_t i;

	out_char('[');
	for (i = 0; i < n && i < max; i++)
		out_printf("%s%d", i ? "," : "", v[i].proc);
	out_char(']');
}

/*
 * The files, each with its readers and writers; the failed probes, most
 * first. pairs: sorted by kind, path, process, duplicates out.
 */
static void print_files(const struct bt_model *m, const struct pair *v,
			size_t n, size_t *nr_read, size_t *nr_written)
{
	size_t i = 0, r, w;
	bool first = true;

	out_str(",\"f\":[");
	/* reads then writes: each path's two runs found by walking both */
	for (r = 0, w = 0; r < n && v[r].kind == 0; r++)
		;
	w = r;
	while (i < r || (w < n && v[w].kind == 1)) {
		__u32 path = i < r ? v[i].path : v[w].path;
		size_t i2 = i, w2 = w;

		if (w < n && v[w].kind == 1 && (i >= r || v[w].path < path))
			path = v[w].path;
		while (i2 < r && v[i2].path == path)
			i2++;
		while (w2 < n && v[w2].kind == 1 && v[w2].path == path)
			w2++;
		out_str(first ? "\n[" : ",\n[");
		first = false;
		html_json_str(rel_path(m, path), (size_t)-1);
		out_char(',');
		print_list(v + i, i2 - i, (size_t)-1);
		out_char(',');
		print_list(v + w, w2 - w, (size_t)-1);
		out_char(']');
		*nr_read += i2 > i;
		*nr_written += w2 > w;
		i = i2;
		w = w2;
	}
	out_char(']');
}

struct missing_probe {
	__u32 path;
	__u32 count;
};

static int by_count(const void *x, const void *y)
{
	const struct missing_probe *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->path < b->path ? -1 : a->path > b->path;
}

static int print_probes(const struct bt_model *m, const struct pair *v, size_t n,
			size_t *nr_probes)
{
	struct missing_probe *p = calloc(m->nr_paths + 1, sizeof(*p));
	size_t *first = calloc(m->nr_paths + 1, sizeof(*first));
	size_t i, k = 0, j;

	if (!p || !first) {
		free(p);
		free(first);
		return -1;
	}
	for (i = 0; i < m->nr_uses; i++)
		if (m->uses[i].access == BT_ACC_PROBE_MISSING) {
			p[m->uses[i].path].path = m->uses[i].path;
			p[m->uses[i].path].count++;
			(*nr_probes)++;
		}
	/* where each path's probers start among the pairs */
	for (i = n; i-- > 0 && v[i].kind == 2;)
		first[v[i].path] = i + 1;
	for (i = 0; i < m->nr_paths; i++)
		if (p[i].count)
			p[k++] = p[i];
	qsort(p, k, sizeof(*p), by_count);
	out_str(",\"m\":[");
	for (i = 0; i < k; i++) {
		size_t f = first[p[i].path] - 1;

		for (j = f; j < n && v[j].path == p[i].path; j++)
			;
		out_str(i ? ",\n[" : "\n[");
		html_json_str(rel_path(m, p[i].path), (size_t)-1);
		out_printf(",%u,%zu,", p[i].count, j - f);
		print_list(v + f, j - f, PROBE_PROCS);
		out_char(']');
	}
	out_char(']');
	free(p);
	free(first);
	return 0;
}

static struct pair *collect_pairs(const struct bt_model *m,
				  const struct bt_filter *filter, size_t *n)
{
	struct pair *v = malloc((m->nr_uses + 1) * sizeof(*v));
	size_t i, k = 0;

	if (!v)
		return NULL;
	for (i = 0; i < m->nr_uses; i++) {
		const struct bt_use *u = &m->uses[i];
		const char *path = bt_model__path(m, u->path);
		int kind;

		switch (u->access) {
		case BT_ACC_READ: case BT_ACC_EXEC: kind = 0; break;
		case BT_ACC_WRITE: case BT_ACC_CREATE: case BT_ACC_RENAME_TO: kind = 1; break;
		case BT_ACC_PROBE_MISSING: kind = 2; break;
		default: continue;
		}
		if (kind < 2 && (u->dir || *path != '/' || bt_filter__excluded(filter, path)))
			continue;
		v[k++] = (struct pair){ u->path, u->proc, kind };
	}
	qsort(v, k, sizeof(*v), by_pair);
	for (i = 0, *n = 0; i < k; i++)
		if (!*n || by_pair(&v[i], &v[*n - 1]))
			v[(*n)++] = v[i];
	return v;
}

static int print_data(const char *file, const struct bt_model *m,
		      const struct bt_filter *filter)
{
	size_t i, n = 0, nr_steps = 0, nr_read = 0, nr_written = 0, nr_probes = 0;
	unsigned char *critical = calloc(m->nr_procs + 1, 1);
	struct bt_step *steps = NULL;
	struct pair *pairs = NULL;
	int *track = NULL, nr_tracks, err = -1, c;
	char status[32];

	if (!critical || bt_tracks(m, &track, &nr_tracks) ||
	    bt_critical_path(m, &steps, &nr_steps) ||
	    !(pairs = collect_pairs(m, filter, &n)))
		goto out;
	for (i = 0; i < nr_steps; i++)
		critical[steps[i].proc] = 1;
	out_str("<script type=\"application/json\" id=\"data\">{\"t\":");
	html_json_str(file, (size_t)-1);
	out_str(",\"cmd\":[");
	for (c = 0; m->command && m->command[c]; c++) {
		out_str(c ? "," : "");
		html_json_str(m->command[c], (size_t)-1);
	}
	out_str("],\"cwd\":");
	html_json_str(bt_model__path(m, m->cwd), (size_t)-1);
	status_text(status, sizeof(status), m->status);
	out_printf(",\"st\":\"%s\",\"dur\":%llu,\"lost\":%llu,\"done\":%s", status,
		   (unsigned long long)m->duration_ns / 1000,
		   (unsigned long long)m->lost, m->complete ? "true" : "false");
	print_procs(m, track, critical);
	print_files(m, pairs, n, &nr_read, &nr_written);
	if (print_probes(m, pairs, n, &nr_probes))
		goto out;
	out_str(",\"c\":[");
	for (i = 0; i < nr_steps; i++) {
		const struct bt_step *s = &steps[i];

		out_printf("%s\n[%d,%llu,%llu,\"%s\",", i ? "," : "", s->proc,
			   (unsigned long long)s->from_ns / 1000,
			   (unsigned long long)s->to_ns / 1000, bt_link_name(s->link));
		html_json_str(s->path ? rel_path(m, s->path) : "", (size_t)-1);
		out_char(']');
	}
	out_printf("],\"n\":[%zu,%zu,%zu,%zu,%zu,%zu,%zu]}</script>\n", m->nr_procs,
		   m->nr_execs, m->nr_failed_execs, m->nr_syscalls, nr_read,
		   nr_written, nr_probes);
	err = 0;
out:
	free(critical);
	free(track);
	free(steps);
	free(pairs);
	return err;
}

struct report_args {
	const char **out;
	struct bt_filter *filter;
};

static int option(int opt, const char *arg, void *ctx)
{
	struct report_args *a = ctx;

	if (opt == OPT_ALL) {
		a->filter->all = true;
		return 0;
	}
	return bt_output_option(opt, arg, a->out);
}

int bt_report_main(int argc, char **argv)
{
	struct bt_select sel = { .nr_events = 0 };
	struct bt_filter filter = { .n = 0 };
	const char *file, *out = NULL, *data;
	struct bt_model m;
	struct report_args args = { .out = &out, .filter = &filter };
	int fd, err;

	err = bt_view_args(argc, argv, usage_text, "o:", long_options, option,
			   &args, &sel, &file);
	if (err != TOOL_RUN)
		return err;
	err = bt_load_selected(file, &m, &sel);
	if (err)
		return err;
	/* it holds every command line of the build, as a trace does */
	fd = bt_output_open_private(out);
	if (fd < 0) {
		bt_model__free(&m);
		return EXIT_FAIL;
	}
	data = strstr(report_html, "<!--DATA-->");
	out_write(report_html, (size_t)(data - report_html));
	if (print_data(file, &m, &filter)) {
		tool_err("%s: out of memory", file);
		err = EXIT_FAIL;
	}
	out_str(data + strlen("<!--DATA-->"));
	bt_model__free(&m);
	return bt_output_close(out, fd, err);
}
