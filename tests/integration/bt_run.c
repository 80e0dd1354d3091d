// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace record run under the integration tests, and the lookups in
 * its normalized events that check_buildtrace*.c share.
 */
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "tests/integration/bt_run.h"
#include "tests/integration/workload.h"

const char *in_case(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", case_dir, name);
	return buf;
}

/*
 * barebpf buildtrace record -o case_dir/name.trace [FLAGS] [env] -- SELF
 * workload ARGS..., then normalize it. timeout_ms 0: RUN_TIMEOUT_MS.
 */
void bt_record_opts(struct bt_run *r, const char *name,
		    const char *const *env, int timeout_ms,
		    const char *const *flags, const char *const *workload)
{
	struct run_opts opts = { .env = env, .timeout_ms = timeout_ms };
	struct args a = { .n = 0 };
	char file[64];
	int err;

	memset(r, 0, sizeof(*r));
	snprintf(file, sizeof(file), "%s.trace", name);
	in_case(r->trace, file);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", r->trace, NULL);
	if (flags)
		args__addv(&a, flags);
	args__add(&a, "--", self_path(), "workload", NULL);
	args__addv(&a, workload);
	err = run(&r->rec, a.v, &opts);
	ck_assert_msg(err >= 0 && !r->rec.timed_out, "record did not end: %s",
		      r->rec.err);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "normalize", r->trace, NULL);
	err = run(&r->norm, a.v, NULL);
	ck_assert_msg(err == 0, "normalize exited %d: %s", err, r->norm.err);
	ck_assert_msg(jsonl_parse(&r->j, r->norm.out) == 0,
		      "normalize line %d is not JSON: %s", r->j.bad_line, r->j.err);
}

void bt_record(struct bt_run *r, const char *name,
	       const char *const *env, const char *const *workload)
{
	bt_record_opts(r, name, env, 0, NULL, workload);
}

void bt_record_flags(struct bt_run *r, const char *name,
		     const char *const *flags, const char *const *workload)
{
	bt_record_opts(r, name, NULL, 0, flags, workload);
}

void bt_run__free(struct bt_run *r)
{
	jsonl__free(&r->j);
	proc__free(&r->rec);
	proc__free(&r->norm);
}

/*
 * Where the last 3000 bytes of text start: Check refuses a message of
 * more than some 4 KiB, ending the test without saying why.
 */
size_t tail_from(const char *text)
{
	size_t len = strlen(text);

	return len > 3000 ? len - 3000 : 0;
}

/* True when the string array key holds s at index i. */
bool item_is(const struct json_object *o, const char *key, size_t i,
	     const char *s)
{
	const struct json_value *v = json_get(o, key);

	return v && v->type == JSON_ARRAY && i < v->nr_items &&
	       !strcmp(v->items[i].s, s);
}

/* Events named event whose paths include path. */
int count_touching(const struct bt_run *r, const char *event,
		   const char *path)
{
	const struct json_value *v;
	size_t i, k;
	int n = 0;

	for (i = 0; i < r->j.n; i++) {
		const char *e = json_str(r->j.objs[i], "event");

		v = json_get(r->j.objs[i], "paths");
		if (!e || strcmp(e, event) || !v || v->type != JSON_ARRAY)
			continue;
		for (k = 0; k < v->nr_items; k++)
			if (!strcmp(v->items[k].s, path)) {
				n++;
				break;
			}
	}
	return n;
}

/* The one event named event whose paths include path. */
const struct json_object *touching(const struct bt_run *r,
				   const char *event, const char *path)
{
	const struct json_value *v;
	const struct json_object *found = NULL;
	size_t i, k;

	ck_assert_msg(count_touching(r, event, path) == 1,
		      "%d %s events on %s, not 1; normalized (the end):\n%s",
		      count_touching(r, event, path), event, path, r->norm.out + tail_from(r->norm.out));
	for (i = 0; i < r->j.n && !found; i++) {
		v = json_get(r->j.objs[i], "paths");
		if (strcmp(json_str(r->j.objs[i], "event") ?: "", event) ||
		    !v || v->type != JSON_ARRAY)
			continue;
		for (k = 0; k < v->nr_items; k++)
			if (!strcmp(v->items[k].s, path))
				found = r->j.objs[i];
	}
	return found;
}

/* The one event named event of process pid. */
const struct json_object *of_pid(const struct bt_run *r,
				 const char *event, long long pid)
{
	const struct json_object *found = NULL;
	long long p;
	size_t i;
	int n = 0;

	for (i = 0; i < r->j.n; i++) {
		const char *e = json_str(r->j.objs[i], "event");

		if (e && !strcmp(e, event) && json_int(r->j.objs[i], "pid", &p) &&
		    p == pid) {
			found = r->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d %s events of pid %lld, not 1; normalized (the end):\n%s",
		      n, event, pid, r->norm.out + tail_from(r->norm.out));
	return found;
}

long reported(const struct bt_run *r, const char *key)
{
	long v;

	ck_assert_msg(workload_report(r->rec.err, key, &v),
		      "the workload did not report %s; stderr:\n%s", key, r->rec.err);
	return v;
}

