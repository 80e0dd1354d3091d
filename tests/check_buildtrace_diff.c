// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace diff over hand-written builds, lines and exit codes, with
 * arguments and environments; summary's environment; the views' -o
 * files; and every view on every cut of a trace.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <check.h>
#include "tests/buildtrace_views.h"
#include "tools/buildtrace/buildtrace.h"

START_TEST(test_diff)
{
	char a[64], b[64], bad[64];
	struct ran r;
	struct tb t;
	FILE *f;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(a, "a.trace"));
	mini_build(&t, "-O1", true, "/tmp/ccB.s");
	write_trace(&t, tmp_path(b, "b.trace"));
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, b, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out,
		"arguments: a.o (cc): - -O2 + -O1\n"
		"input: a.o: + extra.h\n");
	ck_assert_str_eq(r.err, "");
	ran_free(&r);

	/* the temporary file's name differs: no difference */
	mini_build(&t, "-O2", false, "/tmp/ccC.s");
	write_trace(&t, b);
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, b, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "");
	ran_free(&r);

	/* a command whose arguments could not be read: named by its file */
	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec_at(&t, 20, 20, 0, -100, "/usr/bin/cc");
	tb_chunk(&t, 20, 20, BT_ARGV, BT_ARGV_LAST | BT_ARGV_UNREADABLE, 0,
		 (const char *const[]){ NULL });
	tb_sc(&t, 20, 20, BT_OP_OPENAT, 4, WR, "a.o", NULL, NULL, 0);
	tb_exit(&t, 20, 20, true);
	wait_for(&t, 10, 20);
	tb_exit(&t, 10, 10, true);
	tb_end(&t, 0);
	write_trace(&t, b);
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, b, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "arguments: a.o (cc): - -O2 -c a.c -o a.o\n"));
	ran_free(&r);
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", b, a, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "arguments: a.o (cc): + -O2 -c a.c -o a.o\n"));
	ran_free(&r);

	/* trouble is 2, as diff(1) has it, in one line */
	f = fopen(tmp_path(bad, "bad.trace"), "w");
	fputs("not a trace\n", f);
	fclose(f);
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, bad, NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_int_eq(count(r.err, "\n"), 1);
	ck_assert_ptr_nonnull(strstr(r.err, "byte 0: not a buildtrace file"));
	ran_free(&r);
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "diff compares two traces"));
	ran_free(&r);
	unlink(a);
	unlink(b);
	unlink(bad);
}
END_TEST

/* -o: a symbolic link is not written through; a file is replaced whole, 0600. */
START_TEST(test_output_files)
{
	static int (*const mains[])(int, char **) = { bt_timeline_main, bt_report_main };
	char file[64], link[64], target[64], *kept;
	struct stat st;
	struct ran r;
	struct tb t;
	size_t k;
	FILE *f;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "out.trace"));
	tmp_path(target, "target");
	unlink(tmp_path(link, "link"));
	ck_assert_int_eq(symlink(target, link), 0);
	for (k = 0; k < 2; k++) {
		f = fopen(target, "w");
		fputs("precious\n", f);
		fclose(f);
		run_main(&r, mains[k], (const char *const[]){ "view", file, "-o", link, NULL });
		ck_assert_int_eq(r.status, 1);
		ck_assert_ptr_nonnull(strstr(r.err, ": a symbolic link: refusing to write through it"));
		ran_free(&r);
		kept = slurp(target);
		ck_assert_str_eq(kept, "precious\n");
		free(kept);
		/* a file is replaced, readable by its owner alone */
		run_main(&r, mains[k], (const char *const[]){ "view", file, "-o", target, NULL });
		ck_assert_int_eq(r.status, 0);
		ck_assert_str_eq(r.out, "");
		ran_free(&r);
		ck_assert_int_eq(stat(target, &st), 0);
		ck_assert_int_eq(st.st_mode & 0777, 0600);
		kept = slurp(target);
		ck_assert_ptr_nonnull(strstr(kept, k ? "<!DOCTYPE html>" : "{\"displayTimeUnit\""));
		free(kept);
	}
	unlink(link);
	unlink(target);
	unlink(file);
}
END_TEST

/* make runs cc with CFLAGS=cflags in its environment, then ar (with MARK=1 if mark). */
static void env_build(struct tb *t, const char *cflags, bool mark)
{
	char var[64];

	snprintf(var, sizeof(var), "CFLAGS=%s", cflags);
	tb_init(t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_fork(t, 10, 10, 20, 20, 0x11);
	tb_exec_env(t, 20, 20, "/usr/bin/cc",
		    (const char *const[]){ "cc", "-c", "a.c", "-o", "a.o", NULL },
		    (const char *const[]){ "PATH=/bin", var, NULL });
	tb_sc(t, 20, 20, BT_OP_OPENAT, 3, RD, "a.c", NULL, NULL, 0);
	tb_sc(t, 20, 20, BT_OP_OPENAT, 4, WR, "a.o", NULL, NULL, 0);
	tb_exit(t, 20, 20, true);
	wait_for(t, 10, 20);
	tb_fork(t, 10, 10, 30, 30, 0x11);
	tb_exec_env(t, 30, 30, "/usr/bin/ar",
		    (const char *const[]){ "ar", "rcs", "lib.a", "a.o", NULL },
		    mark ? (const char *const[]){ "MARK=1", "PATH=/bin", NULL } :
			   (const char *const[]){ "PATH=/bin", NULL });
	tb_sc(t, 30, 30, BT_OP_OPENAT, 3, RD, "a.o", NULL, NULL, 0);
	tb_sc(t, 30, 30, BT_OP_OPENAT, 4, WR, "lib.a", NULL, NULL, 0);
	tb_exit(t, 30, 30, true);
	wait_for(t, 10, 30);
	tb_exit(t, 10, 10, true);
	tb_end(t, 0);
}

START_TEST(test_env_summary_and_diff)
{
	char a[64], b[64];
	struct ran r;
	struct tb t;

	env_build(&t, "-O2 -g\x1b", true);
	write_trace(&t, tmp_path(a, "env-a.trace"));
	run_main(&r, bt_summary_main, (const char *const[]){ "summary", a, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"environment: 3 variables in 2 execs, 2 not the same in all (value (execs)):\n"
		"  CFLAGS  \"-O2 -g\\x1b\" (1), unset (1)\n"
		"  MARK  \"1\" (1), unset (1)\n"));
	ran_free(&r);

	env_build(&t, "-O1", false);
	write_trace(&t, tmp_path(b, "env-b.trace"));
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, b, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out,
		"environment: a.o (cc): - CFLAGS=-O2 -g\\x1b + CFLAGS=-O1\n"
		"environment: lib.a (ar): - MARK=1\n");
	ran_free(&r);

	/* no environment recorded: said so, and nothing compared */
	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	tb_header(&t, BT_FILE_VERSION, BT_FILE_NO_ENV);
	write_trace(&t, b);
	run_main(&r, bt_summary_main, (const char *const[]){ "summary", b, NULL });
	ck_assert_ptr_nonnull(strstr(r.out, "environment: not recorded in this trace\n"));
	ran_free(&r);
	unlink(a);
	unlink(b);
}
END_TEST

/* make runs cc with opt, and cc runs as, which gets opt in its environment. */
static void gcc_build(struct tb *t, const char *opt)
{
	char var[64];

	snprintf(var, sizeof(var), "COLLECT_GCC_OPTIONS='-c' '%s'", opt);
	tb_init(t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_fork(t, 10, 10, 20, 20, 0x11);
	tb_exec_env(t, 20, 20, "/usr/bin/cc",
		    (const char *const[]){ "cc", "-c", opt, "a.c", NULL },
		    (const char *const[]){ "PATH=/bin", NULL });
	tb_sc(t, 20, 20, BT_OP_OPENAT, 3, RD, "a.c", NULL, NULL, 0);
	tb_fork(t, 20, 20, 21, 21, 0x11);
	tb_exec_env(t, 21, 21, "/usr/bin/as",
		    (const char *const[]){ "as", "-o", "a.o", NULL },
		    (const char *const[]){ "PATH=/bin", var, NULL });
	tb_sc(t, 21, 21, BT_OP_OPENAT, 4, WR, "a.o", NULL, NULL, 0);
	tb_exit(t, 21, 21, true);
	wait_for(t, 20, 21);
	tb_exit(t, 20, 20, true);
	wait_for(t, 10, 20);
	tb_exit(t, 10, 10, true);
	tb_end(t, 0);
}

/*
 * Arguments that differ make the environments below them differ too:
 * only the arguments are said, not what they handed down.
 */
START_TEST(test_env_below_arguments)
{
	char a[64], b[64];
	struct ran r;
	struct tb t;

	gcc_build(&t, "-O2");
	write_trace(&t, tmp_path(a, "gcc-a.trace"));
	gcc_build(&t, "-O1");
	write_trace(&t, tmp_path(b, "gcc-b.trace"));
	run_main(&r, bt_diff_main, (const char *const[]){ "diff", a, b, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "arguments: a.o (cc): - -O2 + -O1\n");
	ran_free(&r);
	unlink(a);
	unlink(b);
}
END_TEST

/*
 * Every view on every cut of a trace: a whole answer (status 0), or one
 * line naming the byte and status 1 (diff: 2, trouble as diff(1) says).
 */
START_TEST(test_cut_traces)
{
	static int (*const mains[])(int, char **) = {
		bt_graph_main, bt_timeline_main, bt_report_main, bt_summary_main,
		bt_diff_main, bt_normalize_main,
	};
	static const char *const names[] = {
		"graph", "timeline", "report", "summary", "diff", "normalize",
	};
	char whole[64], cut[64];
	size_t len, k, fails = 0;
	struct ran r;
	struct tb t;
	FILE *f;

	mini_build(&t, "-O2", true, "/tmp/ccA.s");
	len = t.len;
	f = fopen(tmp_path(whole, "whole.trace"), "w");
	ck_assert_uint_eq(fwrite(t.buf, 1, len, f), len);
	fclose(f);
	for (; len > 0; len -= len > 64 ? 3 : 1) {
		f = fopen(tmp_path(cut, "cut.trace"), "w");
		ck_assert_uint_eq(fwrite(t.buf, 1, len, f), len);
		fclose(f);
		for (k = 0; k < sizeof(mains) / sizeof(mains[0]); k++) {
			bool diff = mains[k] == bt_diff_main;

			run_main(&r, mains[k], diff ?
				 (const char *const[]){ "diff", whole, cut, NULL } :
				 (const char *const[]){ names[k], "--collapse", cut, NULL } + (k != 0));
			if (r.status == 0 || (diff && r.status == 1)) {
				/* a header alone has no event to normalize */
				ck_assert_msg(diff || r.out[0] || len == sizeof(struct bt_file_header),
					      "%s, cut at %zu: nothing", names[k], len);
			} else {
				fails++;
				ck_assert_msg(r.status == (diff ? 2 : 1), "%s, cut at %zu: exit %d",
					      names[k], len, r.status);
				ck_assert_msg(count(r.err, "\n") == 1 &&
					      !strncmp(r.err, "barebpf buildtrace: ", 20) &&
					      strstr(r.err, ": byte "),
					      "%s, cut at %zu: \"%s\"", names[k], len, r.err);
			}
			ran_free(&r);
		}
	}
	ck_assert_uint_gt(fails, 100);
	free(t.buf);
	unlink(whole);
	unlink(cut);
}
END_TEST


Suite *buildtrace_diff_suite(void)
{
	Suite *s = suite_create("buildtrace_diff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_diff);
	tcase_add_test(tc, test_output_files);
	tcase_add_test(tc, test_env_summary_and_diff);
	tcase_add_test(tc, test_env_below_arguments);
	tcase_add_test(tc, test_cut_traces);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
