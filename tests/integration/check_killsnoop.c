// SPDX-License-Identifier: GPL-2.0
/*
 * killsnoop against the real kernel: kill(), tkill() and tgkill() with
 * the signal, target and result the workload itself saw, the in-kernel
 * filters, signal names, and libbpf-tools' killsnoop over the same run.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"
#include "tests/integration/yardstick.h"

static const char *const wl[] = { "kills", NULL };

/* The one event of call with signal sig. */
static const struct json_object *kill_event(const struct trace *t,
					    const char *call, int sig)
{
	const struct json_object *found = NULL;
	long long v;
	const char *c;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		c = json_str(t->j.objs[i], "call");
		if (c && !strcmp(c, call) && json_int(t->j.objs[i], "sig", &v) &&
		    v == sig) {
			found = t->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d %s events of signal %d, not 1; output:\n%s", n,
		      call, sig, t->p.out);
	return found;
}

static void assert_kill(const struct trace *t, const struct json_object *e,
			long tpid, long tgid, long ret)
{
	long pid = workload_value(t, "pid");

	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "tid"), workload_value(t, "tid"));
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	ck_assert_int_eq(ev_int(e, "tpid"), tpid);
	ck_assert_int_eq(ev_int(e, "tgid"), tgid);
	ck_assert_int_eq(ev_int(e, "ret"), ret);
	assert_time_in_run(t, e);
}

START_TEST(test_calls)
{
	const char *flags[] = { "--json", NULL };
	struct trace t;
	long pid, tid;

	trace_run(&t, "killsnoop", flags, wl);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	tid = workload_value(&t, "tid");
	ck_assert_int_eq(workload_value(&t, "ret-kill"), -ESRCH);
	assert_kill(&t, kill_event(&t, "kill", 0), INT_MAX, 0, -ESRCH);
	assert_kill(&t, kill_event(&t, "kill", SIGTERM), workload_value(&t, "child"), 0, 0);
	assert_kill(&t, kill_event(&t, "tkill", 0), tid, 0, 0);
	assert_kill(&t, kill_event(&t, "tgkill", 0), tid, pid, 0);
	assert_kill(&t, kill_event(&t, "kill", SIGUSR1), pid, 0, 0);
	ck_assert_uint_eq(t.j.n, 5);
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_only)
{
	const char *flags[] = { "-x", "--json", NULL };
	struct trace t;

	trace_run(&t, "killsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_kill(&t, kill_event(&t, "kill", 0), INT_MAX, 0, -ESRCH);
	trace__free(&t);
}
END_TEST

START_TEST(test_signal_filter)
{
	const char *names[] = { "-s", "TERM,sigusr1", "--json", NULL };
	const char *zero[] = { "-s", "0", "--json", NULL };
	struct trace t;

	trace_run(&t, "killsnoop", names, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	assert_kill(&t, kill_event(&t, "kill", SIGTERM), workload_value(&t, "child"), 0, 0);
	assert_kill(&t, kill_event(&t, "kill", SIGUSR1), workload_value(&t, "pid"), 0, 0);
	trace__free(&t);

	trace_run(&t, "killsnoop", zero, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 3);
	assert_kill(&t, kill_event(&t, "kill", 0), INT_MAX, 0, -ESRCH);
	kill_event(&t, "tkill", 0);
	kill_event(&t, "tgkill", 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "comm", "call",
					    "sig", "tpid", "tgid", "ret", NULL };
	const char *flags[] = { "--json", NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "killsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 5);
	for (i = 0; i < t.j.n; i++)
		assert_keys(t.j.objs[i], keys);
	trace__free(&t);
}
END_TEST

/* Columns after TIME: "PID COMM SIG TPID RESULT", as printed. */
static void assert_row(const struct trace *t, const char *sig, long tpid, int ret)
{
	char row[128];

	snprintf(row, sizeof(row), " %-7ld %-16s %-9s %-7ld %-6d",
		 workload_value(t, "pid"), self_comm(), sig, tpid, ret);
	ck_assert_msg(count_lines(t->p.out, row) == 1, "no row \"%s\" in:\n%s", row,
		      t->p.out);
}

START_TEST(test_text_with_names)
{
	static const char header[] = "TIME     PID     COMM             SIG       TPID    RESULT\n";
	const char *flags[] = { "-n", NULL };
	struct trace t;

	trace_run(&t, "killsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	assert_row(&t, "0", INT_MAX, -ESRCH);
	assert_row(&t, "SIGTERM", workload_value(&t, "child"), 0);
	assert_row(&t, "SIGUSR1", workload_value(&t, "pid"), 0);
	ck_assert_int_eq(count_lines(t.p.out, ""), 6);
	trace__free(&t);
}
END_TEST

/* -p: the calls of one process, started before the tool. */
START_TEST(test_pid_filter)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char num[32], row[64];
	struct proc w, tool;
	long pid;

	args__add(&a, self_path(), "workload", "after-eof", "kills", NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "killsnoop", "-p", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "RESULT\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	/* Not that process: never shown. */
	ck_assert_int_eq(kill(INT_MAX, 0), -1);
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	snprintf(row, sizeof(row), " %-7ld %-16s ", pid, self_comm());
	ck_assert_msg(count_lines(tool.out, row) == 5 && count_lines(tool.out, "") == 6,
		      "not the 5 calls of %ld:\n%s", pid, tool.out);
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

START_TEST(test_bad_usage)
{
	static const char usage_line[] = "barebpf killsnoop: invalid -s value '%s': %s";
	char line[160];

	snprintf(line, sizeof(line), usage_line, "TERM,FOO", "no signal 'FOO'");
	assert_bad_usage("killsnoop", (const char *[]){ "-s", "TERM,FOO", NULL }, line);
	snprintf(line, sizeof(line), usage_line, "65", "no signal '65'");
	assert_bad_usage("killsnoop", (const char *[]){ "-s", "65", NULL }, line);
	snprintf(line, sizeof(line), usage_line, ",", "expected a comma list of signals");
	assert_bad_usage("killsnoop", (const char *[]){ "-s", ",", NULL }, line);
	snprintf(line, sizeof(line), usage_line, "", "expected a comma list of signals");
	assert_bad_usage("killsnoop", (const char *[]){ "-s", "", NULL }, line);
	assert_bad_usage("killsnoop", (const char *[]){ "-p", "0", NULL },
			 "barebpf killsnoop: invalid -p value '0': expected 1..2147483647");
	assert_bad_usage("killsnoop", (const char *[]){ "-s", NULL },
			 "barebpf killsnoop: option requires an argument -- 's'");
}
END_TEST

/* A row of libbpf-tools' killsnoop: "TIME PID COMM SIG TPID RESULT". */
struct their_kill {
	long sig, tpid, ret;
};

static int their_kills(const char *out, long pid, struct their_kill *k, int max)
{
	const char *line;
	int n = 0;
	long p;

	for (line = out; line && *line && n < max;
	     line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (strlen(line) > 34 && sscanf(line + 9, "%ld", &p) == 1 && p == pid &&
		    sscanf(line + 34, "%ld %ld %ld", &k[n].sig, &k[n].tpid, &k[n].ret) == 3)
			n++;
	return n;
}

/* The same calls, signals, targets and results as libbpf-tools' killsnoop. */
START_TEST(test_same_as_libbpf_tools)
{
	const char *flags[] = { "--json", NULL };
	struct their_kill k[16];
	struct trace t;
	struct proc y;
	bool used[16] = { false };
	size_t i;
	int n, j;

	/* kill, tkill and tgkill, each at entry and exit */
	yardstick_start(&y, "killsnoop", NULL, 6);
	trace_run(&t, "killsnoop", flags, wl);
	yardstick_stop(&y);
	assert_status(&t.p, 0);
	n = their_kills(y.out, workload_value(&t, "pid"), k, 16);
	ck_assert_msg(n == (int)t.j.n, "libbpf-tools saw %d calls, we saw %zu; theirs:\n%s",
		      n, t.j.n, y.out);
	for (i = 0; i < t.j.n; i++) {
		const struct json_object *e = t.j.objs[i];

		for (j = 0; j < n; j++)
			if (!used[j] && k[j].sig == ev_int(e, "sig") &&
			    k[j].tpid == ev_int(e, "tpid") && k[j].ret == ev_int(e, "ret"))
				break;
		ck_assert_msg(j < n, "libbpf-tools did not see %s(%lld, %lld) = %lld",
			      ev_str(e, "call"), ev_int(e, "tpid"), ev_int(e, "sig"),
			      ev_int(e, "ret"));
		used[j] = true;
	}
	proc__free(&y);
	trace__free(&t);
}
END_TEST

Suite *killsnoop_suite(void)
{
	Suite *s = suite_create("killsnoop");
	TCase *tc = tcase_create("kills");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_calls);
	tcase_add_test(tc, test_failed_only);
	tcase_add_test(tc, test_signal_filter);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_text_with_names);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_bad_usage);
	/* Only where libbpf-tools is: not counted as passed without it */
	if (yardstick_available("killsnoop", "killsnoop differential"))
		tcase_add_test(tc, test_same_as_libbpf_tools);
	suite_add_tcase(s, tc);
	return s;
}
