// SPDX-License-Identifier: GPL-2.0
/*
 * Whole argument vectors whatever pages they sit in: a thousand
 * fork+execs whose path and arguments are literals in a page the child
 * never touched (the workload checks each child's page table), under
 * execsnoop and buildtrace record at once, on each path that reads what
 * entry cannot: the kernel's own choice, sched_prepare_exec forced off
 * (where there is one), and BTF forced off too. Every exec must come out
 * once and whole from both. One loop serves both tools, since an emulated
 * CPU (the kernel matrix) takes minutes for a thousand execs.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"

#ifdef WORKLOAD_COLDEXEC

#define COLD_VAR	"BT_COLD_CHECK=env of a cold exec"

static const struct {
	const char *env[4];
	const char *note;	/* what execsnoop -v says of its choice */
} paths[] = {
	{ { COLD_VAR, NULL }, NULL },
	{ { COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", NULL },
	  "note: arguments entry could not read are read from the new image's stack, found through current->mm (BTF)\n" },
	{ { COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", "BAREBPF_NO_BTF=1", NULL },
	  "note: arguments entry could not read are read from the new image's stack, found through its stack pointer at the exec's return\n" },
};

static const char *const want_args[] = { WORKLOAD_COLDEXEC_ARGS, NULL };

/* The array member key is want exactly; false (not asserting) otherwise. */
static bool strings_are(const struct json_object *o, const char *key,
			const char *const *want)
{
	const struct json_value *v = json_get(o, key);
	size_t i;

	if (!v || v->type != JSON_ARRAY)
		return false;
	for (i = 0; want[i]; i++)
		if (i >= v->nr_items || strcmp(v->items[i].s, want[i]))
			return false;
	return i == v->nr_items;
}

static bool holds(const struct json_object *o, const char *key, const char *s)
{
	const struct json_value *v = json_get(o, key);
	size_t i;

	for (i = 0; v && v->type == JSON_ARRAY && i < v->nr_items; i++)
		if (!strcmp(v->items[i].s, s))
			return true;
	return false;
}

/* execsnoop's events of the workload's children: each whole, each once. */
static int count_execsnoop(const struct jsonl *j, long long parent, int execs)
{
	static long long pids[1000];
	const char *want[] = { WORKLOAD_COLDEXEC_PATH, "cold-arg-one",
			       "cold-arg-two", NULL };
	int n = 0, whole = 0, k;
	size_t i;

	for (i = 0; i < j->n; i++) {
		const struct json_object *e = j->objs[i];

		if (ev_int(e, "pid") == parent)
			continue;
		whole += strings_are(e, "args", want) && ev_int(e, "ret") == 0 &&
			 !ev_bool(e, "args_unreadable") && !ev_bool(e, "args_truncated") &&
			 !strcmp(ev_str(e, "comm"), WORKLOAD_COLDEXEC_NAME);
		ck_assert_int_lt(n, execs);
		for (k = 0; k < n; k++)
			ck_assert_int_ne(pids[k], ev_int(e, "pid"));
		pids[n++] = ev_int(e, "pid");
	}
	ck_assert_msg(n == execs, "execsnoop: %d execs of children, not %d", n, execs);
	return whole;
}

/*
 * buildtrace's exec events: execsnoop's, the workload's and one per
 * child, each child's with its path, argv and environment whole.
 */
static int count_buildtrace(const struct jsonl *j, const char *path, int execs)
{
	int n = 0, whole = 0;
	size_t i;

	for (i = 0; i < j->n; i++) {
		const struct json_object *e = j->objs[i];
		const char *p = json_str(e, "path");

		if (strcmp(json_str(e, "event") ?: "", "exec"))
			continue;
		n++;
		whole += p && !strcmp(p, path) && strings_are(e, "argv", want_args) &&
			 !ev_bool(e, "argv_unreadable") && !ev_bool(e, "argv_truncated") &&
			 holds(e, "env", COLD_VAR) && !ev_bool(e, "env_unreadable") &&
			 !ev_bool(e, "env_truncated");
	}
	ck_assert_msg(n == execs + 2, "buildtrace: %d execs, not %d and two", n, execs);
	return whole;
}

/*
 * barebpf buildtrace record -o T -- barebpf execsnoop --json -v --
 * SELF workload coldexec N DIR, then normalize T: 1000 of 1000 whole in
 * both. With every fallback forced as well (the second pass, which runs
 * beside the first), 100: what differs there is how the programs are
 * built, not how often they run.
 */
START_TEST(test_cold_pages)
{
	const int execs = getenv("BAREBPF_FORCE_UNROLL") ? 100 : 1000;
	char name[32], count[16], dir[PATH_MAX], trace_file[PATH_MAX + 16];
	char path[PATH_MAX + 16];
	struct run_opts opts = { .env = paths[_i].env, .timeout_ms = 300000 };
	struct args a = { .n = 0 };
	struct proc rec, norm;
	struct jsonl out, events;
	long parent, unmapped;
	int err;

	snprintf(name, sizeof(name), "cold%d", _i);
	snprintf(count, sizeof(count), "%d", execs);
	case_subdir(dir, name);
	snprintf(trace_file, sizeof(trace_file), "%s.trace", dir);
	snprintf(path, sizeof(path), "%s/%s", dir, WORKLOAD_COLDEXEC_NAME);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", trace_file, "--",
		  barebpf_path(), "execsnoop", "--json", "-v", "--",
		  self_path(), "workload", "coldexec", count, dir, NULL);
	err = run(&rec, a.v, &opts);
	ck_assert_msg(err >= 0 && !rec.timed_out, "record did not end: %s", rec.err);
	assert_status(&rec, 0);
	ck_assert_msg(workload_report(rec.err, "pid", &parent) &&
		      workload_report(rec.err, "unmapped", &unmapped), "%s", rec.err);
	/* the children really had their literals unmapped at execv */
	ck_assert_int_eq(unmapped, execs);
	ck_assert_msg(!strstr(rec.err, "lost"), "%s", rec.err);
	if (paths[_i].note)
		ck_assert_msg(strstr(rec.err, paths[_i].note), "no \"%s\" in:\n%s",
			      paths[_i].note, rec.err);
	ck_assert_msg(jsonl_parse(&out, rec.out) == 0, "execsnoop line %d: %s",
		      out.bad_line, out.err);
	ck_assert_int_eq(count_execsnoop(&out, parent, execs), execs);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "normalize", trace_file, NULL);
	err = run(&norm, a.v, &opts);
	ck_assert_msg(err == 0, "normalize exited %d: %s", err, norm.err);
	ck_assert_msg(jsonl_parse(&events, norm.out) == 0, "normalize line %d: %s",
		      events.bad_line, events.err);
	ck_assert_int_eq(count_buildtrace(&events, path, execs), execs);
	jsonl__free(&events);
	jsonl__free(&out);
	proc__free(&norm);
	proc__free(&rec);
}
END_TEST

#endif

Suite *coldexec_suite(void)
{
	Suite *s = suite_create("coldexec");
#ifdef WORKLOAD_COLDEXEC
	TCase *tc = tcase_create("cold");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_cold_pages, 0, 1);
	/* forcing it off is a path of its own only where it is there */
	if (trace_has_event("sched", "sched_prepare_exec"))
		tcase_add_loop_test(tc, test_cold_pages, 1, 2);
	tcase_add_loop_test(tc, test_cold_pages, 2, 3);
	suite_add_tcase(s, tc);
#endif
	return s;
}
