// SPDX-License-Identifier: GPL-2.0
/* Running a tool over a workload, and asserting on its events. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <check.h>
#include "loader/features.h"
#include "loader/tracefs.h"
#include "tests/integration/trace.h"

static long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void trace_run(struct trace *t, const char *tool, const char *const *flags,
	       const char *const *workload)
{
	trace_run_opts(t, NULL, tool, flags, workload);
}

void trace_run_opts(struct trace *t, const struct run_opts *opts,
		    const char *tool, const char *const *flags,
		    const char *const *workload)
{
	struct args a = { .n = 0 };
	int err;

	memset(t, 0, sizeof(*t));
	args__add(&a, barebpf_path(), tool, NULL);
	args__addv(&a, flags);
	if (workload) {
		args__add(&a, "--", self_path(), "workload", NULL);
		args__addv(&a, workload);
	}
	t->start_ns = monotonic_ns();
	err = run(&t->p, a.v, opts);
	t->end_ns = monotonic_ns();
	ck_assert_msg(err >= 0, "running %s: %s", a.v[0], strerror(-err));
	ck_assert_msg(!t->p.timed_out, "%s %s did not end; stderr:\n%s", a.v[0],
		      tool, t->p.err);
	ck_assert_msg(jsonl_parse(&t->j, t->p.out) == 0,
		      "stdout line %d is not JSON: %s", t->j.bad_line, t->j.err);
}

void trace__free(struct trace *t)
{
	jsonl__free(&t->j);
	proc__free(&t->p);
}

int trace_count(const struct trace *t, const char *key, const char *value)
{
	const char *s;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		s = json_str(t->j.objs[i], key);
		if (s && !strcmp(s, value))
			n++;
	}
	return n;
}

const struct json_object *trace_one(const struct trace *t, const char *key,
				    const char *value)
{
	const struct json_object *found = NULL;
	const char *s;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		s = json_str(t->j.objs[i], key);
		if (s && !strcmp(s, value)) {
			found = t->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d events with %s \"%s\", not 1; output:\n%.2000s\nstderr:\n%.1000s",
		      n, key, value, t->p.out, t->p.err);
	return found;
}

static bool strings_equal(const struct json_value *v, const char *const *want)
{
	size_t i;

	if (!v || v->type != JSON_ARRAY)
		return false;
	for (i = 0; want[i]; i++)
		if (i >= v->nr_items || strcmp(v->items[i].s, want[i]) ||
		    v->items[i].len != strlen(want[i]))
			return false;
	return i == v->nr_items;
}

const struct json_object *trace_one_args(const struct trace *t,
					 const char *const *want)
{
	const struct json_object *found = NULL;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		if (strings_equal(json_get(t->j.objs[i], "args"), want)) {
			found = t->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d events with args [\"%s\", ...], not 1; output:\n%s",
		      n, want[0], t->p.out);
	return found;
}

long long ev_int(const struct json_object *o, const char *key)
{
	long long v = 0;

	ck_assert_msg(json_int(o, key, &v), "no integer \"%s\" in the event", key);
	return v;
}

bool ev_bool(const struct json_object *o, const char *key)
{
	bool v = false;

	ck_assert_msg(json_bool(o, key, &v), "no boolean \"%s\" in the event", key);
	return v;
}

const char *ev_str(const struct json_object *o, const char *key)
{
	const char *s = json_str(o, key);

	ck_assert_msg(s != NULL, "no string \"%s\" in the event", key);
	return s;
}

void assert_strings(const struct json_object *o, const char *key,
		    const char *const *want)
{
	const struct json_value *v = json_get(o, key);
	size_t i, nwant = 0;

	while (want[nwant])
		nwant++;
	ck_assert_msg(v && v->type == JSON_ARRAY, "no array \"%s\" in the event", key);
	ck_assert_msg(v->nr_items == nwant, "\"%s\" has %zu strings, not %zu",
		      key, v->nr_items, nwant);
	for (i = 0; i < nwant; i++) {
		ck_assert_msg(v->items[i].len == strlen(want[i]) &&
			      !memcmp(v->items[i].s, want[i], v->items[i].len),
			      "%s[%zu] is \"%s\" (%zu bytes), not \"%s\" (%zu bytes)",
			      key, i, v->items[i].s, v->items[i].len, want[i],
			      strlen(want[i]));
	}
}

void assert_keys(const struct json_object *o, const char *const *want)
{
	size_t i, nwant = 0;

	while (want[nwant])
		nwant++;
	ck_assert_msg(o->nr_members == nwant, "%zu keys, not %zu",
		      o->nr_members, nwant);
	for (i = 0; i < nwant; i++)
		ck_assert_msg(!strcmp(o->members[i].key, want[i]),
			      "key %zu is \"%s\", not \"%s\"", i,
			      o->members[i].key, want[i]);
}

bool kernel_has_btf(void)
{
	return access("/sys/kernel/btf/vmlinux", R_OK) == 0;
}

bool execsnoop_rereads_at_return(void)
{
	return !trace_has_event("sched", "sched_prepare_exec") && !kernel_has_btf();
}

bool execsnoop_forgets_at_exit(void)
{
	return !getenv("BAREBPF_FORCE_PREALLOC") &&
	       feature_probe_hash_no_prealloc() > 0;
}

long workload_value(const struct trace *t, const char *key)
{
	long long v = workload_value_ll(t, key);

	ck_assert_msg(v >= LONG_MIN && v <= LONG_MAX,
		      "the workload's \"%s\" %lld is past a long", key, v);
	return (long)v;
}

long long workload_value_ll(const struct trace *t, const char *key)
{
	long long v = 0;

	ck_assert_msg(workload_report_ll(t->p.err, key, &v),
		      "the workload did not report \"%s\"; stderr:\n%s", key,
		      t->p.err);
	return v;
}

void assert_time_in_run(const struct trace *t, const struct json_object *o)
{
	long long ns = ev_int(o, "time_ns");

	ck_assert_msg(ns > t->start_ns && ns < t->end_ns,
		      "time_ns %lld outside the run, %lld..%lld", ns, t->start_ns,
		      t->end_ns);
}

void assert_status(const struct proc *p, int want)
{
	ck_assert_msg(p->status == want, "exit status %d, not %d; stderr:\n%s",
		      p->status, want, p->err);
}

bool trace_has_event(const char *system, const char *event)
{
	char rel[256];
	int fd;

	snprintf(rel, sizeof(rel), "events/%s/%s/format", system, event);
	fd = tracefs_open(rel, O_RDONLY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

void fake_tracefs_copy(const char *root, const char *system, const char *event)
{
	char rel[256], path[PATH_MAX];
	char *text;

	snprintf(rel, sizeof(rel), "events/%s/%s/format", system, event);
	text = tracefs_read(rel, NULL);
	ck_assert_msg(text != NULL, "reading %s from tracefs", rel);
	snprintf(path, sizeof(path), "%s/events", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/events/%s", root, system);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/events/%s/%s", root, system, event);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/events/%s/%s/format", root, system, event);
	ck_assert_int_eq(write_file(path, text, 0644), 0);
	free(text);
}

char *case_dir;

void case_dir_setup(void)
{
	case_dir = temp_dir();
	ck_assert_msg(case_dir != NULL, "no temporary directory");
}

void case_dir_teardown(void)
{
	remove_tree(case_dir);
	free(case_dir);
	case_dir = NULL;
}

const char *case_subdir(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", case_dir, name);
	ck_assert_msg(mkdir(buf, 0755) == 0, "mkdir %s: %m", buf);
	return buf;
}
