// SPDX-License-Identifier: GPL-2.0
/*
 * syncsnoop against the real kernel: each call of the sync family once,
 * in the order made, with the fd it was given; -p; the text columns.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

static char path[PATH_MAX];

/*
 * As the workload calls them; msync and sync take no fd. 32-bit arm's
 * libc calls sync_file_range2, the only one its kernel has.
 */
static struct {
	const char *call;
	int has_fd;
} calls[] = {
	{ "sync", 0 }, { "fsync", 1 }, { "fdatasync", 1 }, { "syncfs", 1 },
	{ "sync_file_range", 1 }, { "msync", 0 },
};

static void files_setup(void)
{
	case_dir_setup();
	snprintf(path, sizeof(path), "%s/synced", case_dir);
	if (!trace_has_event("syscalls", "sys_enter_sync_file_range"))
		calls[4].call = "sync_file_range2";
}

#define NR_CALLS ((int)(sizeof(calls) / sizeof(calls[0])))

static int by_time(const void *a, const void *b)
{
	long long ta = ev_int(*(const struct json_object *const *)a, "time_ns");
	long long tb = ev_int(*(const struct json_object *const *)b, "time_ns");

	return (ta > tb) - (ta < tb);
}

START_TEST(test_calls)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "comm", "call",
					    "fd", NULL };
	const char *flags[] = { "--json", NULL };
	const char *wl[] = { "syncs", path, NULL };
	const struct json_object *evs[NR_CALLS];
	struct trace t;
	long pid;
	int i;

	trace_run(&t, "syncsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == NR_CALLS, "%zu events, not %d:\n%s", t.j.n, NR_CALLS,
		      t.p.out);
	/* Rings are per CPU: the order made is the order of the times. */
	for (i = 0; i < NR_CALLS; i++)
		evs[i] = t.j.objs[i];
	qsort(evs, NR_CALLS, sizeof(evs[0]), by_time);
	pid = workload_value(&t, "pid");
	for (i = 0; i < NR_CALLS; i++) {
		assert_keys(evs[i], keys);
		ck_assert_str_eq(ev_str(evs[i], "call"), calls[i].call);
		ck_assert_int_eq(ev_int(evs[i], "fd"),
				 calls[i].has_fd ? workload_value(&t, "fd") : -1);
		ck_assert_int_eq(ev_int(evs[i], "pid"), pid);
		ck_assert_int_eq(ev_int(evs[i], "tid"), pid);
		ck_assert_str_eq(ev_str(evs[i], "comm"), self_comm());
		assert_time_in_run(&t, evs[i]);
	}
	trace__free(&t);
}
END_TEST

/* Lines of out that end with tail. */
static int lines_ending(const char *out, const char *tail)
{
	size_t n = strlen(tail), len;
	const char *line = out, *nl;
	int count = 0;

	while (*line) {
		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		count += len >= n && !memcmp(line + len - n, tail, n);
		line += len + (nl ? 1 : 0);
	}
	return count;
}

START_TEST(test_text)
{
	static const char header[] = "TIME     PID     COMM             CALL\n";
	const char *wl[] = { "syncs", path, NULL };
	char row[96];
	struct trace t;
	int i;

	trace_run(&t, "syncsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	for (i = 0; i < NR_CALLS; i++) {
		/* After "HH:MM:SS ": the rest of the row, whole. */
		snprintf(row, sizeof(row), " %-7ld %-16s %s", workload_value(&t, "pid"),
			 self_comm(), calls[i].call);
		ck_assert_msg(lines_ending(t.p.out, row) == 1, "no row \"%s\" in:\n%s",
			      row, t.p.out);
	}
	ck_assert_int_eq(count_lines(t.p.out, ""), NR_CALLS + 1);
	trace__free(&t);
}
END_TEST

/* -p: the syncs of one process, started before the tool. */
START_TEST(test_pid_filter)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char num[32], row[64];
	struct proc w, tool;
	long pid;

	args__add(&a, self_path(), "workload", "after-eof", "syncs", path, NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "syncsnoop", "-p", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "CALL\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	/* Not that process: never shown. */
	sync();
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	snprintf(row, sizeof(row), " %-7ld %-16s ", pid, self_comm());
	ck_assert_msg(count_lines(tool.out, row) == NR_CALLS &&
		      count_lines(tool.out, "") == NR_CALLS + 1,
		      "not the syncs of %ld:\n%s", pid, tool.out);
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("syncsnoop", (const char *[]){ "-p", "-5", NULL },
			 "barebpf syncsnoop: invalid -p value '-5': expected 1..2147483647");
	assert_bad_usage("syncsnoop", (const char *[]){ "now", NULL },
			 "barebpf syncsnoop: unexpected argument 'now' (put a command after --)");
}
END_TEST

Suite *syncsnoop_suite(void)
{
	Suite *s = suite_create("syncsnoop");
	TCase *tc = tcase_create("syncs");

	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_calls);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);
	return s;
}
