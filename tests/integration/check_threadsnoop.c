// SPDX-License-Identifier: GPL-2.0
/*
 * threadsnoop against the real kernel: each thread a workload makes, by
 * pthread_create() and by clone() itself, with its exact id and flags;
 * not its fork; -p; the text columns.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"
#include "tests/integration/workload.h"

#define THREADS 3

static const char *const wl[] = { "threads", "3", NULL };

/* The one event whose tid is tid. */
static const struct json_object *by_tid(const struct trace *t, long tid)
{
	const struct json_object *found = NULL;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++)
		if (ev_int(t->j.objs[i], "tid") == tid) {
			found = t->j.objs[i];
			n++;
		}
	ck_assert_msg(n == 1, "%d events for thread %ld in:\n%s", n, tid, t->p.out);
	return found;
}

START_TEST(test_threads)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "parent_tid", "clone_flags", NULL };
	const char *flags[] = { "--json", NULL };
	const struct json_object *e;
	struct trace t;
	char key[16];
	long pid;
	int i;

	trace_run(&t, "threadsnoop", flags, wl);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	/* The threads and nothing else: not the fork. */
	ck_assert_msg(t.j.n == THREADS + 1, "%zu events, not %d:\n%s", t.j.n,
		      THREADS + 1, t.p.out);
	for (i = 0; i < THREADS; i++) {
		snprintf(key, sizeof(key), "tid%d", i);
		e = by_tid(&t, workload_value(&t, key));
		assert_keys(e, keys);
		ck_assert_int_eq(ev_int(e, "pid"), pid);
		ck_assert_int_eq(ev_int(e, "parent_tid"), pid);
		ck_assert_int_eq(ev_int(e, "uid"), 0);
		ck_assert_str_eq(ev_str(e, "comm"), self_comm());
		/* pthread_create(): a thread in the same memory, whatever else its libc asks */
		ck_assert_int_eq(ev_int(e, "clone_flags") & (CLONE_THREAD | CLONE_VM |
							      CLONE_SIGHAND),
				 CLONE_THREAD | CLONE_VM | CLONE_SIGHAND);
		assert_time_in_run(&t, e);
	}
	e = by_tid(&t, workload_value(&t, "clone-tid"));
	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "clone_flags"), WORKLOAD_CLONE_FLAGS);
	ck_assert_int_ne(ev_int(e, "tid"), workload_value(&t, "child"));
	trace__free(&t);
}
END_TEST

START_TEST(test_text)
{
	static const char header[] = "TIME(ms)   PID     TID     COMM             FLAGS\n";
	char row[128];
	struct trace t;

	trace_run(&t, "threadsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	/* After TIME(ms) and its space: the rest of the row, whole. */
	snprintf(row, sizeof(row), " %-7ld %-7ld %-16s %#x\n", workload_value(&t, "pid"),
		 workload_value(&t, "clone-tid"), self_comm(), WORKLOAD_CLONE_FLAGS);
	ck_assert_msg(strstr(t.p.out, row), "no row \"%s\" in:\n%s", row, t.p.out);
	ck_assert_int_eq(count_lines(t.p.out, ""), THREADS + 2);
	trace__free(&t);
}
END_TEST

static void *nothing(void *arg)
{
	return arg;
}

/* -p: the threads of one process, started before the tool; not ours. */
START_TEST(test_pid_filter)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char num[32], row[64];
	struct proc w, tool;
	pthread_t th;
	long pid;

	args__add(&a, self_path(), "workload", "after-eof", "threads", "3", NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "threadsnoop", "-p", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "FLAGS\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	/* A thread of this process: never shown. */
	ck_assert_int_eq(pthread_create(&th, NULL, nothing, NULL), 0);
	pthread_join(th, NULL);
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	snprintf(row, sizeof(row), " %-7ld ", pid);
	ck_assert_msg(count_lines(tool.out, row) == THREADS + 1 &&
		      count_lines(tool.out, "") == THREADS + 2,
		      "not the threads of %ld:\n%s", pid, tool.out);
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("threadsnoop", (const char *[]){ "-p", "x", NULL },
			 "barebpf threadsnoop: invalid -p value 'x': expected 1..2147483647");
	assert_bad_usage("threadsnoop", (const char *[]){ "-t", "1", NULL },
			 "barebpf threadsnoop: invalid option -- 't'");
}
END_TEST

Suite *threadsnoop_suite(void)
{
	Suite *s = suite_create("threadsnoop");
	TCase *tc = tcase_create("threads");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);
	return s;
}
