// SPDX-License-Identifier: GPL-2.0
/*
 * statsnoop against the real kernel: every stat call of the workload,
 * with its exact path and result, the filters, the text columns, and
 * the same rows as libbpf-tools' statsnoop over the same workload.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <check.h>
#include "tests/integration/counterpart.h"
#include "tests/integration/trace.h"

static const char *const json[] = { "--json", NULL };

static char present[PATH_MAX], missing[PATH_MAX];

static void files_setup(void)
{
	case_dir_setup();
	snprintf(present, sizeof(present), "%s/present", case_dir);
	snprintf(missing, sizeof(missing), "%s/missing", case_dir);
	ck_assert_int_eq(write_file(present, "present\n", 0644), 0);
}

/* The calls "workload stat" makes on each path, in order. */
static const char *const calls[] = {
#ifdef __NR_newfstatat
	"newfstatat",
#endif
#ifdef __NR_statx
	"statx",
#endif
#ifdef __NR_stat
	"newstat",
#endif
#ifdef __NR_lstat
	"newlstat",
#endif
};

#define NR_CALLS ((int)(sizeof(calls) / sizeof(calls[0])))

/*
 * Assert the workload's stats of path: one event per call, each with
 * the workload's pid and comm, dirfd AT_FDCWD, the path exactly, and
 * ret/err as want_err says (0: success).
 */
static void assert_stats_of(const struct trace *t, const char *path, int want_err)
{
	long pid = workload_value(t, "pid");
	bool seen[NR_CALLS] = { false };
	const struct json_object *e;
	const char *call;
	size_t i;
	int n = 0, c;

	ck_assert_int_eq(workload_value(t, "calls"), NR_CALLS);
	for (i = 0; i < t->j.n; i++) {
		e = t->j.objs[i];
		if (strcmp(ev_str(e, "path"), path))
			continue;
		n++;
		ck_assert_int_eq(ev_int(e, "pid"), pid);
		ck_assert_int_eq(ev_int(e, "tid"), pid);
		ck_assert_int_eq(ev_int(e, "uid"), 0);
		ck_assert_str_eq(ev_str(e, "comm"), self_comm());
		ck_assert_int_eq(ev_int(e, "dirfd"), AT_FDCWD);
		ck_assert_int_eq(ev_int(e, "ret"), want_err ? -1 : 0);
		ck_assert_int_eq(ev_int(e, "err"), want_err);
		assert_time_in_run(t, e);
		call = ev_str(e, "call");
		for (c = 0; c < NR_CALLS && strcmp(calls[c], call); c++)
			;
		ck_assert_msg(c < NR_CALLS, "call \"%s\" was not made", call);
		ck_assert_msg(!seen[c], "%s of %s shown twice", call, path);
		seen[c] = true;
	}
	ck_assert_msg(n == NR_CALLS, "%d events for %s, not %d; output:\n%s", n,
		      path, NR_CALLS, t->p.out);
}

START_TEST(test_missing_and_present)
{
	const char *wl[] = { "stat", present, missing, NULL };
	struct trace t;

	trace_run(&t, "statsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "stat1"), 0);
	ck_assert_int_eq(workload_value(&t, "stat2"), -ENOENT);
	assert_stats_of(&t, missing, ENOENT);
	assert_stats_of(&t, present, 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_only)
{
	const char *wl[] = { "stat", present, missing, NULL };
	const char *flags[] = { "-x", "--json", NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "statsnoop", flags, wl);
	assert_status(&t.p, 0);
	assert_stats_of(&t, missing, ENOENT);
	ck_assert_int_eq(trace_count(&t, "path", present), 0);
	for (i = 0; i < t.j.n; i++) {
		ck_assert_int_eq(ev_int(t.j.objs[i], "ret"), -1);
		ck_assert_int_gt(ev_int(t.j.objs[i], "err"), 0);
	}
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "call", "ret", "err", "dirfd", "path", NULL };
	const char *wl[] = { "stat", missing, NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "statsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_ge(t.j.n, NR_CALLS);
	for (i = 0; i < t.j.n; i++)
		assert_keys(t.j.objs[i], keys);
	trace__free(&t);
}
END_TEST

/* The columns of libbpf-tools' statsnoop, and -t's seconds in front. */
START_TEST(test_text)
{
	static const char header[] = "PID     COMM                 RET  ERR  PATH\n";
	static const char header_t[] = "TIME(s)        PID     COMM                 RET  ERR  PATH\n";
	const char *wl[] = { "stat", present, missing, NULL };
	const char *stamp[] = { "-t", NULL };
	char row[PATH_MAX + 128], stamp_text[32];
	const char *line;
	struct trace t;
	double secs;
	int n = 0;

	trace_run(&t, "statsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)),
		      "header is not the first line:\n%s", t.p.out);
	snprintf(row, sizeof(row), "%-7ld %-20s %-4d %-4d %s",
		 workload_value(&t, "pid"), self_comm(), -1, ENOENT, missing);
	ck_assert_msg(count_lines(t.p.out, row) == NR_CALLS, "not %d of\n%sin\n%s",
		      NR_CALLS, row, t.p.out);
	snprintf(row, sizeof(row), "%-7ld %-20s %-4d %-4d %s",
		 workload_value(&t, "pid"), self_comm(), 0, 0, present);
	ck_assert_msg(count_lines(t.p.out, row) == NR_CALLS, "not %d of\n%sin\n%s",
		      NR_CALLS, row, t.p.out);
	trace__free(&t);

	trace_run(&t, "statsnoop", stamp, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header_t, strlen(header_t)),
		      "header is not the first line:\n%s", t.p.out);
	for (line = strchr(t.p.out, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
		if (!strstr(line, missing) || strstr(line, missing) > strchr(line, '\n'))
			continue;
		ck_assert_msg(sscanf(line, "%lf ", &secs) == 1 && secs >= 0 && secs < 20,
			      "no seconds in front: %.80s", line);
		/* "%-14.9f " and the pid right after. */
		snprintf(stamp_text, sizeof(stamp_text), "%-14.9f ", secs);
		ck_assert_msg(!strncmp(line, stamp_text, 15) && line[15] != ' ',
			      "not %%-14.9f: %.80s", line);
		n++;
	}
	ck_assert_int_eq(n, NR_CALLS);
	trace__free(&t);
}
END_TEST

/* -p: the held workload's stats only; the test's own are not shown. */
START_TEST(test_pid_filter)
{
	const char *wl[] = { "stat", missing, NULL };
	char num[32], own[PATH_MAX + 8];
	struct args a = { .n = 0 };
	struct proc w, tool;
	const char *line;
	struct stat st;
	struct jsonl j;
	long pid;

	pid = held_start(&w, wl);
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&a, barebpf_path(), "statsnoop", "-p", num, NULL);
	tool_start(&tool, a.v, "PATH\n");
	/* A stat of our own, never shown. */
	snprintf(own, sizeof(own), "%s-own", missing);
	ck_assert_int_ne(stat(own, &st), 0);
	held_release(&w);
	ck_assert_msg(wait_lines(&tool, missing, NR_CALLS), "no rows:\n%s", tool.out);
	ck_assert_int_eq(tool_stop(&tool), 0);
	ck_assert_msg(jsonl_parse(&j, tool.out) == 0, "stdout is not text");
	ck_assert_uint_eq(j.n, 0);
	jsonl__free(&j);
	ck_assert_int_eq(count_lines(tool.out, missing), NR_CALLS);
	ck_assert_int_eq(count_lines(tool.out, own), 0);
	/* Every row, after the header, is the workload's. */
	for (line = strchr(tool.out, '\n') + 1; *line; line = strchr(line, '\n') + 1)
		ck_assert_msg(strtol(line, NULL, 10) == pid, "a row of another pid: %.80s",
			      line);
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

/* The rows about paths in case_dir, sorted, into rows (n of them). */
static int case_rows(const char *out, char rows[][PATH_MAX + 64], int max)
{
	const char *line, *nl;
	int n = 0, i, k;

	for (line = out; *line && n < max; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		if (!memmem(line, (size_t)(nl - line), case_dir, strlen(case_dir)))
			continue;
		snprintf(rows[n++], PATH_MAX + 64, "%.*s", (int)(nl - line), line);
	}
	/* Insertion sort: rings of two CPUs may interleave differently. */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(rows[k - 1], rows[k]) > 0; k--) {
			char tmp[PATH_MAX + 64];

			memcpy(tmp, rows[k], sizeof(tmp));
			memcpy(rows[k], rows[k - 1], sizeof(tmp));
			memcpy(rows[k - 1], tmp, sizeof(tmp));
		}
	return n;
}

/*
 * The same workload under libbpf-tools' statsnoop and ours, both by pid:
 * the same rows, byte for byte (both print "%-7d %-20s %-4d %-4d %s").
 */
START_TEST(test_same_as_libbpf_tools)
{
	static char theirs[2 * 8][PATH_MAX + 64], ours[2 * 8][PATH_MAX + 64];
	const char *wl[] = { "stat", present, missing, NULL };
	char path[PATH_MAX], num[32];
	struct args a = { .n = 0 }, b = { .n = 0 };
	struct proc w, lt, bb;
	int n_theirs, n_ours, i;
	long pid;

	counterpart_find("statsnoop", path);
	pid = held_start(&w, wl);
	snprintf(num, sizeof(num), "%ld", pid);
	/* Its stdout on a pty, its debugfs names in place: see workload_sys.c. */
	args__add(&a, self_path(), "workload", "pty", self_path(), "workload",
		  "stat-names", path, "-p", num, NULL);
	tool_start(&lt, a.v, "PATH");
	args__add(&b, barebpf_path(), "statsnoop", "-p", num, NULL);
	tool_start(&bb, b.v, "PATH");
	held_release(&w);
	ck_assert_msg(wait_lines(&bb, case_dir, 2 * NR_CALLS), "ours:\n%s", bb.out);
	ck_assert_msg(wait_lines(&lt, case_dir, 2 * NR_CALLS),
		      "libbpf-tools' statsnoop showed %d of the %d stats:\n%s\nstderr:\n%s",
		      count_lines(lt.out, case_dir), 2 * NR_CALLS, lt.out, lt.err);
	tool_stop(&lt);
	ck_assert_int_eq(tool_stop(&bb), 0);

	n_theirs = case_rows(lt.out, theirs, 16);
	n_ours = case_rows(bb.out, ours, 16);
	ck_assert_int_eq(n_ours, 2 * NR_CALLS);
	ck_assert_int_eq(n_theirs, n_ours);
	for (i = 0; i < n_ours; i++)
		ck_assert_msg(!strcmp(theirs[i], ours[i]), "libbpf-tools: \"%s\"\nbarebpf:      \"%s\"",
			      theirs[i], ours[i]);
	proc__free(&lt);
	proc__free(&bb);
	proc__free(&w);
}
END_TEST

/* Bad input: one line saying what, the usage, exit 2, nothing traced. */
START_TEST(test_bad_usage)
{
	static const struct {
		const char *args[3];
		const char *line;
	} bad[] = {
		{ { "-p", "0" }, "barebpf statsnoop: invalid -p value '0': expected 1..2147483647\n" },
		{ { "-p", "x" }, "barebpf statsnoop: invalid -p value 'x': expected 1..2147483647\n" },
		{ { "-b", "3" }, "barebpf statsnoop: invalid -b value '3': pages must be a power of two\n" },
		{ { "extra" }, "barebpf statsnoop: unexpected argument 'extra' (put a command after --)\n" },
	};
	static const char usage[] = "usage: barebpf statsnoop [";
	struct proc p;
	size_t i, len;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct args a = { .n = 0 };

		args__add(&a, barebpf_path(), "statsnoop", NULL);
		args__addv(&a, bad[i].args);
		ck_assert_int_eq(run(&p, a.v, NULL), 2);
		ck_assert_str_eq(p.out, "");
		len = strlen(bad[i].line);
		ck_assert_msg(!strncmp(p.err, bad[i].line, len) &&
			      !strncmp(p.err + len, usage, strlen(usage)),
			      "stderr:\n%s", p.err);
		proc__free(&p);
	}
}
END_TEST

/* A kernel without one stat tracepoint: one line saying so, exit 1. */
START_TEST(test_no_stat_tracepoints)
{
	char root[PATH_MAX], env[PATH_MAX + 32];
	const char *envs[] = { env, NULL };
	struct run_opts o = { .env = envs };
	struct args a = { .n = 0 };
	struct proc p;

	case_subdir(root, "fake-tracefs");
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	fake_tracefs_copy(root, "sched", "sched_process_exit");
	args__add(&a, barebpf_path(), "statsnoop", NULL);
	ck_assert_int_eq(run(&p, a.v, &o), 1);
	ck_assert_str_eq(p.out, "");
	ck_assert_str_eq(p.err, "barebpf statsnoop: no stat syscall tracepoints on this "
				"kernel (syscalls:sys_exit_statx, ...)\n");
	proc__free(&p);
}
END_TEST

Suite *statsnoop_suite(void)
{
	Suite *s = suite_create("statsnoop");
	TCase *tc = tcase_create("events");

	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_missing_and_present);
	tcase_add_test(tc, test_failed_only);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	if (counterpart_present("statsnoop"))
		tcase_add_test(tc, test_same_as_libbpf_tools);
	tcase_add_test(tc, test_bad_usage);
	tcase_add_test(tc, test_no_stat_tracepoints);
	suite_add_tcase(s, tc);
	return s;
}
