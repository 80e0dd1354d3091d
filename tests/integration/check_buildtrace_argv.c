// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace's argument vectors against the real kernel: argv and the
 * environment whole, cut at their bounds and said so, left out with
 * --no-env, and read from the new image where entry cannot read them
 * (pages the exec's caller never touched).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "progs/buildtrace/buildtrace.h"
#include "tests/integration/bt_run.h"
#include "tests/integration/workload.h"
#include "tests/integration/workload_bt.h"

/*
 * How an exec's argv is read: as the kernel offers (sched_prepare_exec
 * from 6.10, else at entry), at entry (as before 6.10), or at entry
 * with the vector in no page of the child's, so that only the new
 * image's stack gives it, at the exec's return.
 */
enum argv_way { ARGV_OFFERED, ARGV_AT_ENTRY, ARGV_COLD };

/* exec with n arguments of len bytes: the argv event, checked whole. */
static void check_argv(long n, long len, long kept, bool truncated,
		       enum argv_way way)
{
	static const char *const entry_env[] = { "BAREBPF_NO_PREPARE_EXEC=1", NULL };
	static const char *const names[] = { "argv", "argv_at_entry", "argv_cold" };
	char sn[16], sl[16], *arg = malloc((size_t)len + 1);
	const char *wl[] = { "bt-argv", sn, sl, way == ARGV_COLD ? "cold" : NULL, NULL };
	const struct json_object *e;
	const struct json_value *v;
	struct bt_run r;
	long i;

	ck_assert_ptr_nonnull(arg);
	snprintf(sn, sizeof(sn), "%ld", n);
	snprintf(sl, sizeof(sl), "%ld", len);
	bt_record(&r, names[way], way == ARGV_OFFERED ? NULL : entry_env, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	v = json_get(e, "argv");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->nr_items, kept + 3);
	ck_assert_str_eq(v->items[0].s, "workload");
	ck_assert_str_eq(v->items[2].s, "true");
	for (i = 0; i < kept; i++) {
		bt_workload_arg(arg, i, len);
		ck_assert_msg(!strcmp(v->items[i + 3].s, arg),
			      "argument %ld differs", i);
	}
	ck_assert_int_eq(ev_bool(e, "argv_truncated"), truncated);
	ck_assert_int_eq(ev_bool(e, "argv_unreadable"), false);
	/*
	 * The environment shares the chunks with argv: a whole one leaves
	 * it room; 1024 arguments take every chunk and leave it none. Cold,
	 * entry stops at the vector's first word and reads the environment
	 * whole, and the new image's stack gives argv, cut as at entry.
	 */
	v = json_get(e, "env");
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(ev_bool(e, "env_truncated") == (truncated && way != ARGV_COLD),
		      "env_truncated %d with %zu variables, argv read %s; record's stderr:\n%.2000s",
		      ev_bool(e, "env_truncated"), v->nr_items, names[way], r.rec.err);
	ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
	if (truncated && way != ARGV_COLD)
		ck_assert_uint_eq(v->nr_items, 0);
	else
		ck_assert_uint_eq(v->nr_items, reported(&r, "env"));
	free(arg);
	bt_run__free(&r);
}

/* 600 arguments, 72 KiB: whole; then read at entry, and from the new image. */
START_TEST(test_argv_whole)
{
	check_argv(600, 120, 600, false, _i);
}
END_TEST

/* 1100 arguments: the first 1024 (the three before included), and said. */
START_TEST(test_argv_cut)
{
	check_argv(1100, 8, 1024 - 3, true, _i);
}
END_TEST

/*
 * An environment of n variables of len bytes: what of it is kept, and
 * whether it says it was cut. Its exec's argv takes one chunk; the
 * environment has the other 31, 32 variables each, and a variable
 * longer than a chunk's 8 KiB is cut to fill one.
 */
static const struct {
	long n, len, kept, kept_len;
	bool truncated;
} env_cases[] = {
	{ 50, 100, 50, 100, false },
	{ 1100, 8, 31 * 32, 8, true },
	{ 2, 10000, 2, BT_ARGV_CHUNK_BYTES - 1, true },
};

START_TEST(test_env_bounds)
{
	char sn[16], sl[16], *var = malloc((size_t)env_cases[_i].len + 1);
	const char *wl[] = { "bt-env", sn, sl, NULL };
	const struct json_object *e;
	const struct json_value *v;
	struct bt_run r;
	long i;

	ck_assert_ptr_nonnull(var);
	snprintf(sn, sizeof(sn), "%ld", env_cases[_i].n);
	snprintf(sl, sizeof(sl), "%ld", env_cases[_i].len);
	bt_record(&r, "env", NULL, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	assert_strings(e, "argv", (const char *const[]){ "workload", "workload", "true", NULL });
	v = json_get(e, "env");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->nr_items, env_cases[_i].kept);
	for (i = 0; i < env_cases[_i].kept; i++) {
		bt_workload_var(var, i, env_cases[_i].len);
		var[env_cases[_i].kept_len] = '\0';
		ck_assert_msg(!strcmp(v->items[i].s, var), "variable %ld differs", i);
	}
	ck_assert_int_eq(ev_bool(e, "env_truncated"), env_cases[_i].truncated);
	ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
	free(var);
	bt_run__free(&r);
}
END_TEST

/* record --no-env: exec events without env, and the trace says so. */
START_TEST(test_no_env)
{
	const char *wl[] = { "bt-env", "3", "20", NULL };
	const struct json_object *e;
	struct bt_run r;

	bt_record_flags(&r, "no_env", (const char *const[]){ "--no-env", NULL }, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	assert_strings(e, "argv", (const char *const[]){ "workload", "workload", "true", NULL });
	ck_assert_ptr_null(json_get(e, "env"));
	ck_assert_ptr_null(json_get(e, "env_truncated"));
	bt_run__free(&r);
}
END_TEST

/* An exec event's env holds "NAME=value" exactly once. */
static void assert_env_has(const struct json_object *e, const char *var)
{
	const struct json_value *v = json_get(e, "env");
	size_t i;
	int n = 0;

	ck_assert_msg(v && v->type == JSON_ARRAY, "exec without env");
	for (i = 0; i < v->nr_items; i++)
		n += !strcmp(v->items[i].s, var);
	ck_assert_msg(n == 1, "%s %d times in env", var, n);
}

#define COLD_VAR	"BT_COLD_CHECK=env of a cold exec"

/*
 * The paths that read what entry could not: as the kernel offers
 * (sched_prepare_exec from 6.10), and with it forced off, with and
 * without BTF (which record does not need: it reads the new image's
 * stack at the exec's return); last, with the arguments kept from
 * entry as on arm64, where the return finds its exec another way.
 */
static const char *const cold_envs[][4] = {
	{ COLD_VAR, NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", "BAREBPF_NO_BTF=1", NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", "BAREBPF_KEEP_ARGS=1", NULL },
};

/*
 * The children's execs from a forkexec or coldexec workload of n: each
 * once, with its path, argv and environment whole; the literals really
 * were not mapped in each child at execv.
 */
static void check_cold(const struct bt_run *r, int n, const char *path,
		       const char *const *want)
{
	long long pid, parent = reported(r, "pid");
	size_t i;
	int execs = 0;

	for (i = 0; i < r->j.n; i++) {
		const struct json_object *e = r->j.objs[i];

		/* the children's execs: all but the workload's own */
		if (strcmp(json_str(e, "event") ?: "", "exec") ||
		    !json_int(e, "pid", &pid) || pid == parent)
			continue;
		assert_strings(e, "argv", want);
		ck_assert_str_eq(ev_str(e, "path"), path);
		ck_assert_int_eq(ev_bool(e, "argv_unreadable"), false);
		ck_assert_int_eq(ev_bool(e, "argv_truncated"), false);
		assert_env_has(e, COLD_VAR);
		ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
		ck_assert_int_eq(ev_bool(e, "env_truncated"), false);
		execs++;
	}
	ck_assert_msg(execs == n, "%d execs of children, not %d; normalized (the end):\n%s",
		      execs, n, r->norm.out + tail_from(r->norm.out));
	ck_assert_int_eq(reported(r, "unmapped"), n);
}

/*
 * fork+exec from string literals the child never touched: resident only
 * once the kernel reads them, which sched_prepare_exec (6.10) waits for.
 * Before it (and with BAREBPF_NO_PREPARE_EXEC=1) entry cannot read them,
 * and the new image's stack gives them at the exec's return.
 */
START_TEST(test_argv_cold_pages)
{
	struct bt_run r;
	char name[32];

	snprintf(name, sizeof(name), "cold%d", _i);
	bt_record(&r, name, cold_envs[_i], (const char *const[]){ "forkexec", "3", NULL });
	assert_status(&r.rec, 0);
	check_cold(&r, 3, WORKLOAD_FORKEXEC_PATH, (const char *const[]){
			WORKLOAD_FORKEXEC_PATH, WORKLOAD_FORKEXEC_ARGS, NULL });
	bt_run__free(&r);
}
END_TEST


Suite *buildtrace_argv_suite(void)
{
	Suite *s = suite_create("buildtrace_argv");
	TCase *tc = tcase_create("argv");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_loop_test(tc, test_argv_whole, 0, 3);
	tcase_add_loop_test(tc, test_argv_cut, 0, 3);
	tcase_add_loop_test(tc, test_argv_cold_pages, 0, 4);
	tcase_add_loop_test(tc, test_env_bounds, 0,
			    sizeof(env_cases) / sizeof(env_cases[0]));
	tcase_add_test(tc, test_no_env);
	suite_add_tcase(s, tc);
	return s;
}
