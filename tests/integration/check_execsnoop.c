// SPDX-License-Identifier: GPL-2.0
/*
 * execsnoop against the real kernel: "execsnoop -- SELF workload ..." and
 * the exact events it must report for what the workload executes.
 */
#include <limits.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "progs/execsnoop.h"
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"

static const char *const json[] = { "--json", NULL };

/* Assert what every successful exec by the test binary shows. */
static void assert_plain_exec(const struct json_object *e, const char *comm)
{
	ck_assert_int_eq(ev_int(e, "ret"), 0);
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), comm);
	ck_assert(!ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
}

START_TEST(test_args_pids_and_comm)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "alpha", "beta", NULL };
	const char *parent_args[] = { self, "workload", "exec", self, "workload",
				      "true", "alpha", "beta", NULL };
	const char *child_args[] = { self, "workload", "true", "alpha", "beta", NULL };
	const struct json_object *w, *c;
	struct trace t;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	w = trace_one_args(&t, parent_args);
	c = trace_one_args(&t, child_args);
	assert_plain_exec(w, self_comm());
	assert_plain_exec(c, self_comm());
	/* The tool forked the workload; the workload forked the child. */
	ck_assert_int_eq(ev_int(w, "pid"), workload_value(&t, "pid"));
	ck_assert_int_eq(ev_int(w, "ppid"), t.p.pid);
	ck_assert_int_eq(ev_int(c, "pid"), workload_value(&t, "child"));
	ck_assert_int_eq(ev_int(c, "ppid"), workload_value(&t, "pid"));
	assert_time_in_run(&t, w);
	assert_time_in_run(&t, c);
	ck_assert(ev_int(c, "time_ns") > ev_int(w, "time_ns"));
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "ppid", "uid", "comm",
					    "ret", "args", "args_truncated",
					    "args_unreadable", NULL };
	const char *wl[] = { "exit", "0", NULL };
	struct trace t;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_keys(t.j.objs[0], keys);
	trace__free(&t);
}
END_TEST

/* Arguments are bytes: JSON must give back exactly the bytes passed. */
START_TEST(test_args_bytes_escaped)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "tab\there",
			     "line\nbreak", "quote\"q", "back\\slash", "caf\xc3\xa9",
			     "raw\xff\xfe", "\x01" "ctl", "", NULL };
	const char *child_args[] = { self, "workload", "true", "tab\there",
				     "line\nbreak", "quote\"q", "back\\slash",
				     "caf\xc3\xa9", "raw\xff\xfe", "\x01" "ctl", "",
				     NULL };
	struct trace t;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	assert_plain_exec(trace_one_args(&t, child_args), self_comm());
	trace__free(&t);
}
END_TEST

/*
 * fork() then execv() of string literals: in the child the literals'
 * pages are not mapped yet when sys_enter_execve runs, so a plain read
 * there fails (libbpf-tools prints those execs without arguments). The
 * workload checks each child's page table, so the case is known real.
 * sched_prepare_exec (6.10+) reads them again; before it, the new
 * image's own copy on its stack: every exec is whole on every kernel.
 */
START_TEST(test_fork_exec_literal_strings)
{
	const char *wl[] = { "forkexec", "50", NULL };
	const char *want[] = { WORKLOAD_FORKEXEC_PATH, WORKLOAD_FORKEXEC_ARGS, NULL };
	const char *parent_args[] = { self_path(), "workload", "forkexec", "50", NULL };
	long long pids[50];
	const struct json_object *e;
	struct trace t;
	long parent;
	size_t i;
	int n = 0, k;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "unmapped"), 50);
	parent = workload_value(&t, "pid");
	ck_assert_uint_eq(t.j.n, 51);
	e = trace_one_args(&t, parent_args);
	assert_plain_exec(e, self_comm());
	ck_assert_int_eq(ev_int(e, "pid"), parent);
	for (i = 0; i < t.j.n; i++) {
		e = t.j.objs[i];
		if (ev_int(e, "pid") == parent)
			continue;
		assert_strings(e, "args", want);
		/* comm comes from the path executed: "/proc/self/exe" */
		assert_plain_exec(e, "exe");
		ck_assert_int_eq(ev_int(e, "ppid"), parent);
		for (k = 0; k < n; k++)
			ck_assert_int_ne(pids[k], ev_int(e, "pid"));
		pids[n++] = ev_int(e, "pid");
	}
	ck_assert_int_eq(n, 50);
	trace__free(&t);
}
END_TEST

/*
 * What the programs keep ends with what it is kept for: an exec's record
 * with its result, a process's parent with the process, not with one of
 * its threads. Where hash maps allocate as they fill, nothing else
 * would remove them; else they are LRU maps, which keep the ended
 * children until evicted.
 */
START_TEST(test_nothing_kept_past_exit)
{
	const char *wl[] = { "tracer-maps", "5", NULL };
	bool lru = !execsnoop_forgets_at_exit();
	struct trace t;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_int_eq(workload_value(&t, "parents_lru"), lru);
	ck_assert_int_eq(workload_value(&t, "execs_lru"), lru);
	ck_assert_int_eq(workload_value(&t, "parents_self"), 1);
	ck_assert_int_eq(workload_value(&t, "parents_children"), lru ? 5 : 0);
	ck_assert_int_eq(workload_value(&t, "execs_entries"), 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_exec_with_x)
{
	const char *wl[] = { "exec", "/nonexistent/x", "a", "b", NULL };
	const char *want[] = { "/nonexistent/x", "a", "b", NULL };
	const char *flags[] = { "-x", "--json", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "execsnoop", flags, wl);
	/* The child's execv() fails, it exits 127, the workload likewise. */
	assert_status(&t.p, 127);
	ck_assert_uint_eq(t.j.n, 2);
	e = trace_one_args(&t, want);
	ck_assert_int_eq(ev_int(e, "ret"), -2);
	ck_assert_int_eq(ev_int(e, "pid"), workload_value(&t, "child"));
	ck_assert_int_eq(ev_int(e, "ppid"), workload_value(&t, "pid"));
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	/* No exec happened: the comm is still the workload's. */
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	ck_assert(!ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_exec_hidden_without_x)
{
	const char *self = self_path();
	const char *wl[] = { "exec", "/nonexistent/x", "a", "b", NULL };
	const char *want[] = { self, "workload", "exec", "/nonexistent/x", "a", "b", NULL };
	struct trace t;

	trace_run(&t, "execsnoop", json, wl);
	assert_status(&t.p, 127);
	ck_assert_uint_eq(t.j.n, 1);
	assert_plain_exec(trace_one_args(&t, want), self_comm());
	ck_assert_int_eq(count_lines(t.p.out, "\"args\":[\"/nonexistent/x\""), 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_max_args_cuts)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "alpha", "beta", NULL };
	const char *flags[] = { "--max-args", "3", "--json", NULL };
	const char *parent_args[] = { self, "workload", "exec", NULL };
	const char *child_args[] = { self, "workload", "true", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	e = trace_one_args(&t, parent_args);
	ck_assert(ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
	e = trace_one_args(&t, child_args);
	ck_assert(ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
	trace__free(&t);
}
END_TEST

/* Exactly --max-args strings: all kept, and nothing was left out. */
START_TEST(test_max_args_exact_fit)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "alpha", "beta", NULL };
	const char *flags[] = { "--max-args", "5", "--json", NULL };
	const char *parent_args[] = { self, "workload", "exec", self, "workload", NULL };
	const char *child_args[] = { self, "workload", "true", "alpha", "beta", NULL };
	struct trace t;

	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	ck_assert(ev_bool(trace_one_args(&t, parent_args), "args_truncated"));
	assert_plain_exec(trace_one_args(&t, child_args), self_comm());
	trace__free(&t);
}
END_TEST

/* 60 strings of full length: the largest record the tool can hold. */
START_TEST(test_max_args_60_full_length)
{
	static char longs[64][EXECSNOOP_ARG_SIZE];
	const char *self = self_path();
	const char *wl[72] = { "exec", self, "workload", "true" };
	const char *want[EXECSNOOP_MAX_ARGS + 1] = { self, "workload", "true" };
	const char *flags[] = { "--max-args", "60", "--json", NULL };
	const struct json_object *e;
	struct trace t;
	int i;

	for (i = 0; i < 64; i++) {
		memset(longs[i], 'A' + i % 26, EXECSNOOP_ARG_SIZE - 1);
		longs[i][0] = (char)('0' + i % 10);
		longs[i][EXECSNOOP_ARG_SIZE - 1] = '\0';
		wl[4 + i] = longs[i];
	}
	wl[4 + 64] = NULL;
	/* filename, argv[1] and argv[2], then 57 of the long ones */
	for (i = 3; i < EXECSNOOP_MAX_ARGS; i++)
		want[i] = longs[i - 3];
	want[EXECSNOOP_MAX_ARGS] = NULL;
	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	e = trace_one_args(&t, want);
	ck_assert(ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
	trace__free(&t);
}
END_TEST

/* 127 bytes fit an argument's slot whole; 128 and more are cut to 127. */
START_TEST(test_long_argument_cut)
{
	char a127[128], a128[129], a200[201], cut128[128], cut200[128];
	const char *self = self_path();
	const char *wl1[] = { "exec", self, "workload", "true", a127, "tail", NULL };
	const char *want1[] = { self, "workload", "true", a127, "tail", NULL };
	const char *wl2[] = { "exec", self, "workload", "true", a128, a200, "tail", NULL };
	const char *want2[] = { self, "workload", "true", cut128, cut200, "tail", NULL };
	const struct json_object *e;
	struct trace t;

	memset(a127, 'b', 127);
	a127[127] = '\0';
	memset(a128, 'c', 128);
	a128[128] = '\0';
	memset(a200, 'a', 200);
	a200[200] = '\0';
	memcpy(cut128, a128, 127);
	cut128[127] = '\0';
	memcpy(cut200, a200, 127);
	cut200[127] = '\0';

	trace_run(&t, "execsnoop", json, wl1);
	assert_status(&t.p, 0);
	assert_plain_exec(trace_one_args(&t, want1), self_comm());
	trace__free(&t);

	trace_run(&t, "execsnoop", json, wl2);
	assert_status(&t.p, 0);
	e = trace_one_args(&t, want2);
	ck_assert(ev_bool(e, "args_truncated"));
	ck_assert(!ev_bool(e, "args_unreadable"));
	ck_assert_int_eq(ev_int(e, "ret"), 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_uid_filter)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", NULL };
	const char *nobody[] = { "-u", "65534", "--json", NULL };
	const char *root[] = { "-u", "0", "--json", NULL };
	const char *child_args[] = { self, "workload", "true", NULL };
	struct trace t;

	trace_run(&t, "execsnoop", nobody, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-u 65534 showed root's execs:\n%s", t.p.out);
	trace__free(&t);

	trace_run(&t, "execsnoop", root, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	assert_plain_exec(trace_one_args(&t, child_args), self_comm());
	trace__free(&t);
}
END_TEST

START_TEST(test_exit_status_of_command)
{
	const char *self = self_path();
	const char *exit7[] = { "exit", "7", NULL };
	const char *want7[] = { self, "workload", "exit", "7", NULL };
	const char *kill9[] = { "signal", "9", NULL };
	const char *usr1[] = { "signal", "10", NULL };
	struct trace t;

	trace_run(&t, "execsnoop", json, exit7);
	assert_status(&t.p, 7);
	ck_assert_uint_eq(t.j.n, 1);
	assert_plain_exec(trace_one_args(&t, want7), self_comm());
	trace__free(&t);

	trace_run(&t, "execsnoop", json, kill9);
	assert_status(&t.p, 128 + SIGKILL);
	ck_assert(!t.p.signaled);
	trace__free(&t);

	trace_run(&t, "execsnoop", json, usr1);
	assert_status(&t.p, 128 + SIGUSR1);
	ck_assert(!t.p.signaled);
	trace__free(&t);
}
END_TEST

/* Lines of text equal to line. */
static int count_exact_lines(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;
	int count = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len == n && !memcmp(p, line, n))
			count++;
		p += len + (nl ? 1 : 0);
	}
	return count;
}

START_TEST(test_text_output)
{
	static const char header[] = "PCOMM            PID    PPID   RET ARGS\n";
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "alpha", "beta", NULL };
	char row[1024], args[512];
	struct trace t;

	trace_run(&t, "execsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)),
		      "header is not the first line:\n%s", t.p.out);
	ck_assert_int_eq(count_lines(t.p.out, ""), 3);

	snprintf(args, sizeof(args), "%s workload exec %s workload true alpha beta",
		 self, self);
	snprintf(row, sizeof(row), "%-16s %-6ld %-6d %3d %s", self_comm(),
		 workload_value(&t, "pid"), (int)t.p.pid, 0, args);
	ck_assert_msg(count_exact_lines(t.p.out, row) == 1, "no row\n%s\nin\n%s",
		      row, t.p.out);
	snprintf(row, sizeof(row), "%-16s %-6ld %-6ld %3d %s workload true alpha beta",
		 self_comm(), workload_value(&t, "child"), workload_value(&t, "pid"),
		 0, self);
	ck_assert_msg(count_exact_lines(t.p.out, row) == 1, "no row\n%s\nin\n%s",
		      row, t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_text_quoted)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "two words",
			     "say \"hi\"", "back\\slash", NULL };
	const char *flags[] = { "-q", NULL };
	char row[1024];
	struct trace t;

	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	snprintf(row, sizeof(row),
		 "%-16s %-6ld %-6ld %3d \"%s\" \"workload\" \"true\" \"two words\" "
		 "\"say \\\"hi\\\"\" \"back\\\\slash\"",
		 self_comm(), workload_value(&t, "child"), workload_value(&t, "pid"),
		 0, self);
	ck_assert_msg(count_exact_lines(t.p.out, row) == 1, "no row\n%s\nin\n%s",
		      row, t.p.out);
	trace__free(&t);
}
END_TEST

/* A cut argument or one left out ends the text row with " ...". */
START_TEST(test_text_truncated_marker)
{
	const char *self = self_path();
	const char *wl[] = { "exec", self, "workload", "true", "alpha", "beta", NULL };
	const char *flags[] = { "--max-args", "4", NULL };
	char row[1024];
	struct trace t;

	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	snprintf(row, sizeof(row), "%-16s %-6ld %-6ld %3d %s workload true alpha ...",
		 self_comm(), workload_value(&t, "child"), workload_value(&t, "pid"),
		 0, self);
	ck_assert_msg(count_exact_lines(t.p.out, row) == 1, "no row\n%s\nin\n%s",
		      row, t.p.out);
	trace__free(&t);
}
END_TEST

Suite *execsnoop_suite(void)
{
	Suite *s = suite_create("execsnoop");
	TCase *tc = tcase_create("events");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_args_pids_and_comm);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_args_bytes_escaped);
	tcase_add_test(tc, test_fork_exec_literal_strings);
	tcase_add_test(tc, test_nothing_kept_past_exit);
	tcase_add_test(tc, test_failed_exec_with_x);
	tcase_add_test(tc, test_failed_exec_hidden_without_x);
	tcase_add_test(tc, test_max_args_cuts);
	tcase_add_test(tc, test_max_args_exact_fit);
	tcase_add_test(tc, test_max_args_60_full_length);
	tcase_add_test(tc, test_long_argument_cut);
	tcase_add_test(tc, test_uid_filter);
	tcase_add_test(tc, test_exit_status_of_command);
	suite_add_tcase(s, tc);


	tc = tcase_create("text");
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_text_output);
	tcase_add_test(tc, test_text_quoted);
	tcase_add_test(tc, test_text_truncated_marker);
	suite_add_tcase(s, tc);
	return s;
}
