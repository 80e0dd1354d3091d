// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace summary on hand-written traces: the environment variables
 * that differ between the execs of a build, word for word.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/buildtrace_tb.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/lib/output.h"

/* Write the builder's trace to a file and run summary on it: its stdout. */
static char *summary_of(struct tb *t, const char *top)
{
	char trace[] = "/tmp/barebpf-summary.XXXXXX";
	char *argv[] = { "summary", trace, "-n", (char *)top, NULL };
	static char text[16384];
	int fd = mkstemp(trace);
	FILE *f;
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, t->buf, t->len), (ssize_t)t->len);
	close(fd);
	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	output_set_fd(fileno(f));
	optind = 1;
	ck_assert_int_eq(bt_summary_main(4, argv), 0);
	ck_assert_int_eq(out_flush(), 0);
	output_set_fd(1);
	n = pread(fileno(f), text, sizeof(text) - 1, 0);
	ck_assert_int_ge(n, 0);
	text[n] = '\0';
	fclose(f);
	unlink(trace);
	free(t->buf);
	return strstr(text, "environment:") ?: text;
}

/* Four compilers: A takes two values, B is unset in one, one env was cut. */
START_TEST(test_env_differences)
{
	static const char *const argv[] = { "cc", "-c", "a.c", NULL };
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_exec_env(&t, 10, 10, "/usr/bin/cc", argv,
		    (const char *const[]){ "A=1", "B=x", "PATH=/bin", NULL });
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec_env(&t, 20, 20, "/usr/bin/cc", argv,
		    (const char *const[]){ "A=2", "B=x", "PATH=/bin", NULL });
	tb_fork(&t, 10, 10, 30, 30, 0x11);
	tb_exec_env(&t, 30, 30, "/usr/bin/cc", argv,
		    (const char *const[]){ "PATH=/bin", "A=1", NULL });
	tb_fork(&t, 10, 10, 40, 40, 0x11);
	tb_exec(&t, 40, 40, "/usr/bin/cc", argv);
	tb_chunk(&t, 40, 40, BT_ENV, BT_ARGV_LAST | BT_ARGV_TRUNCATED, 0,
		 (const char *const[]){ "A=9", NULL });
	tb_end(&t, 0);
	ck_assert_str_eq(summary_of(&t, "10"),
		"environment: 3 variables in 3 execs, 2 differ between them (execs, value):\n"
		"  (left out: 1 execs whose environment was cut)\n"
		"  A\n"
		"         2  1\n"
		"         1  2\n"
		"  B\n"
		"         2  x\n"
		"         1  (unset)\n"
		"lost:      0 events\n");
}
END_TEST

/* -n 1: one variable and one value of each; a control byte escaped. */
START_TEST(test_env_top_and_escaped)
{
	static const char *const argv[] = { "sh", NULL };
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_exec_env(&t, 10, 10, "/bin/sh", argv,
		    (const char *const[]){ "A=1", "B=\x1b[31m", NULL });
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec_env(&t, 20, 20, "/bin/sh", argv,
		    (const char *const[]){ "A=2", "B=y", NULL });
	tb_end(&t, 0);
	ck_assert_str_eq(summary_of(&t, "1"),
		"environment: 2 variables in 2 execs, 2 differ between them (execs, value):\n"
		"  A\n"
		"         1  1\n"
		"            (1 more values)\n"
		"  (1 more variables)\n"
		"lost:      0 events\n");
	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_exec_env(&t, 10, 10, "/bin/sh", argv,
		    (const char *const[]){ "B=\x1b[31m", NULL });
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec_env(&t, 20, 20, "/bin/sh", argv, (const char *const[]){ NULL });
	tb_end(&t, 0);
	ck_assert_str_eq(summary_of(&t, "10"),
		"environment: 1 variables in 2 execs, 1 differ between them (execs, value):\n"
		"  B\n"
		"         1  \\x1b[31m\n"
		"         1  (unset)\n"
		"lost:      0 events\n");
}
END_TEST

/* Without an environment in the trace, summary says so. */
START_TEST(test_env_not_recorded)
{
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_header(&t, BT_FILE_VERSION, BT_FILE_NO_ENV);
	tb_exec(&t, 10, 10, "/bin/sh", (const char *const[]){ "sh", NULL });
	tb_end(&t, 0);
	ck_assert_str_eq(summary_of(&t, "10"),
		"environment: not recorded (record --no-env, or a trace without it)\n"
		"lost:      0 events\n");
}
END_TEST

Suite *buildtrace_summary_suite(void)
{
	Suite *s = suite_create("buildtrace_summary");
	TCase *tc = tcase_create("env");

	tcase_add_test(tc, test_env_differences);
	tcase_add_test(tc, test_env_top_and_escaped);
	tcase_add_test(tc, test_env_not_recorded);
	suite_add_tcase(s, tc);
	return s;
}
