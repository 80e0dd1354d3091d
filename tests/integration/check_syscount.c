// SPDX-License-Identifier: GPL-2.0
/*
 * syscount against the real kernel: the exact number of each syscall a
 * workload makes, the result filters, per-process counts, intervals,
 * and the same counts as libbpf-tools' syscount over the same workload.
 *
 * "workload syscalls N PATH" makes N getppid(), N + 1 chdir(PATH) that
 * fail with ENOENT and N + 2 dup(-1) that fail with EBADF: three counts
 * apart, from syscalls no C library start-up makes.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <check.h>
#include "tests/integration/counterpart.h"
#include "tests/integration/trace.h"

#define N 1000
#define N_STR "1000"

static char missing[PATH_MAX];

static void files_setup(void)
{
	case_dir_setup();
	snprintf(missing, sizeof(missing), "%s/missing", case_dir);
}

/* The count of the row for name (syscall or comm), or 0 when none. */
static long long row_count(const struct trace *t, const char *key, const char *name)
{
	const struct json_object *o = NULL;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		const char *s = json_str(t->j.objs[i], key);

		if (s && !strcmp(s, name)) {
			o = t->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n <= 1, "%d rows for %s; output:\n%s", n, name, t->p.out);
	return o ? ev_int(o, "count") : 0;
}

/* Every JSON row: syscall, id, count, total_ns, in one print. */
static void assert_rows(const struct trace *t)
{
	static const char *const keys[] = { "time_ns", "syscall", "id", "count",
					    "total_ns", NULL };
	size_t i;

	ck_assert_uint_gt(t->j.n, 0);
	for (i = 0; i < t->j.n; i++) {
		assert_keys(t->j.objs[i], keys);
		ck_assert_int_gt(ev_int(t->j.objs[i], "count"), 0);
		/* No -i: one print, at the end. */
		ck_assert_int_eq(ev_int(t->j.objs[i], "time_ns"),
				 ev_int(t->j.objs[0], "time_ns"));
		assert_time_in_run(t, t->j.objs[i]);
	}
}

START_TEST(test_exact_counts)
{
	const char *flags[] = { "--json", "-T", "1000", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	const struct json_object *o;
	struct trace t;

	trace_run(&t, "syscount", flags, wl);
	assert_status(&t.p, 0);
	assert_rows(&t);
	ck_assert_int_eq(workload_value(&t, "getppid"), N);
	ck_assert_int_eq(row_count(&t, "syscall", "getppid"), N);
	ck_assert_int_eq(row_count(&t, "syscall", "chdir"), N + 1);
	ck_assert_int_eq(row_count(&t, "syscall", "dup"), N + 2);
	/* The largest first; the ids are this architecture's. */
	o = t.j.objs[0];
	ck_assert_str_eq(ev_str(o, "syscall"), "dup");
	ck_assert_int_eq(ev_int(o, "id"), SYS_dup);
	ck_assert_int_eq(ev_int(o, "total_ns"), 0);
	ck_assert_str_eq(ev_str(t.j.objs[1], "syscall"), "chdir");
	ck_assert_int_eq(ev_int(t.j.objs[1], "id"), SYS_chdir);
	ck_assert_str_eq(ev_str(t.j.objs[2], "syscall"), "getppid");
	ck_assert_int_eq(ev_int(t.j.objs[2], "id"), SYS_getppid);
	trace__free(&t);
}
END_TEST

/* -e by name and by number, -x: failures of that errno, of any. */
START_TEST(test_result_filters)
{
	const char *enoent[] = { "--json", "-T", "1000", "-e", "ENOENT", NULL };
	const char *ebadf[] = { "--json", "-T", "1000", "-e", "9", NULL };
	const char *failed[] = { "--json", "-T", "1000", "-x", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	struct trace t;

	trace_run(&t, "syscount", enoent, wl);
	assert_status(&t.p, 0);
	assert_rows(&t);
	ck_assert_int_eq(row_count(&t, "syscall", "chdir"), N + 1);
	ck_assert_int_eq(row_count(&t, "syscall", "getppid"), 0);
	ck_assert_int_eq(row_count(&t, "syscall", "dup"), 0);
	trace__free(&t);

	ck_assert_int_eq(EBADF, 9);
	trace_run(&t, "syscount", ebadf, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(row_count(&t, "syscall", "dup"), N + 2);
	ck_assert_int_eq(row_count(&t, "syscall", "chdir"), 0);
	ck_assert_int_eq(row_count(&t, "syscall", "getppid"), 0);
	trace__free(&t);

	trace_run(&t, "syscount", failed, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(row_count(&t, "syscall", "chdir"), N + 1);
	ck_assert_int_eq(row_count(&t, "syscall", "dup"), N + 2);
	ck_assert_int_eq(row_count(&t, "syscall", "getppid"), 0);
	trace__free(&t);
}
END_TEST

/* -L: time inside the calls, sorted by it; the counts as without. */
START_TEST(test_latency)
{
	const char *flags[] = { "--json", "-T", "1000", "-L", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "syscount", flags, wl);
	assert_status(&t.p, 0);
	assert_rows(&t);
	ck_assert_int_eq(row_count(&t, "syscall", "getppid"), N);
	ck_assert_int_eq(row_count(&t, "syscall", "chdir"), N + 1);
	for (i = 0; i < t.j.n; i++) {
		const char *name = ev_str(t.j.objs[i], "syscall");

		if (!strcmp(name, "getppid") || !strcmp(name, "chdir"))
			ck_assert_int_gt(ev_int(t.j.objs[i], "total_ns"), 0);
		if (i)
			ck_assert_int_le(ev_int(t.j.objs[i], "total_ns"),
					 ev_int(t.j.objs[i - 1], "total_ns"));
	}
	trace__free(&t);
}
END_TEST

/* -P: a row per process, the workload's with its pid and name. */
START_TEST(test_per_process)
{
	static const char *const keys[] = { "time_ns", "pid", "comm", "count",
					    "total_ns", NULL };
	const char *flags[] = { "--json", "-P", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	const struct json_object *o = NULL;
	struct trace t;
	long pid;
	size_t i;

	trace_run(&t, "syscount", flags, wl);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	for (i = 0; i < t.j.n; i++) {
		assert_keys(t.j.objs[i], keys);
		if (ev_int(t.j.objs[i], "pid") == pid)
			o = t.j.objs[i];
	}
	ck_assert_msg(o != NULL, "no row for pid %ld:\n%s", pid, t.p.out);
	/* The workload is the only process: its exec, libraries, and ours. */
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_str_eq(ev_str(o, "comm"), self_comm());
	ck_assert_int_gt(ev_int(o, "count"), 3 * N + 3);
	trace__free(&t);
}
END_TEST

/*
 * -i 1 over a workload that sleeps between two batches: at least two
 * prints, and the batches add up across them exactly.
 */
START_TEST(test_interval)
{
	const char *flags[] = { "--json", "-i", "1", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, "2500", NULL };
	long long getppid = 0, last = 0;
	struct trace t;
	int prints = 0;
	size_t i;

	trace_run(&t, "syscount", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "getppid"), 2 * N);
	for (i = 0; i < t.j.n; i++) {
		if (strcmp(ev_str(t.j.objs[i], "syscall"), "getppid"))
			continue;
		ck_assert_int_gt(ev_int(t.j.objs[i], "time_ns"), last);
		last = ev_int(t.j.objs[i], "time_ns");
		prints++;
		getppid += ev_int(t.j.objs[i], "count");
	}
	ck_assert_int_eq(getppid, 2 * N);
	ck_assert_msg(prints >= 2, "getppid in %d prints:\n%s", prints, t.p.out);
	trace__free(&t);
}
END_TEST

/* The table of libbpf-tools' syscount: [HH:MM:SS], header, rows, a blank. */
START_TEST(test_text)
{
	const char *flags[] = { "-T", "3", NULL };
	const char *latency[] = { "-T", "3", "-L", "-m", NULL };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	char want[256];
	struct trace t;
	unsigned h, m, sec;
	const char *p;

	trace_run(&t, "syscount", flags, wl);
	assert_status(&t.p, 0);
	p = t.p.out;
	ck_assert_msg(!strncmp(p, "Tracing syscalls, printing top 3... Ctrl+C to quit.\n", 52),
		      "stdout:\n%s", p);
	p = strchr(p, '\n') + 1;
	ck_assert_msg(sscanf(p, "[%2u:%2u:%2u]\n", &h, &m, &sec) == 3 && h < 24 &&
		      m < 60 && sec < 61 && p[10] == '\n', "no time line:\n%s", t.p.out);
	snprintf(want, sizeof(want),
		 "%-22s %8s\n%-22s %8d\n%-22s %8d\n%-22s %8d\n\n",
		 "SYSCALL", "COUNT", "dup", N + 2, "chdir", N + 1, "getppid", N);
	ck_assert_str_eq(p + 11, want);
	trace__free(&t);

	trace_run(&t, "syscount", latency, wl);
	assert_status(&t.p, 0);
	snprintf(want, sizeof(want), "\n%-22s %8s %16s\n", "SYSCALL", "COUNT", "TIME (ms)");
	ck_assert_msg(strstr(t.p.out, want), "no header:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

/* "-l": the build's table, "%3ld: %s", by number. */
START_TEST(test_list)
{
	const char *args[] = { barebpf_path(), "syscount", "-l", NULL };
	const char *line, *nl;
	char want[64], name[64];
	long nr, last = -1;
	int lines = 0;
	struct proc p;

	ck_assert_int_eq(run(&p, (char *const *)args, NULL), 0);
	ck_assert_str_eq(p.err, "");
	snprintf(want, sizeof(want), "%3d: getppid\n", SYS_getppid);
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in:\n%s", want, p.out);
	snprintf(want, sizeof(want), "%3d: openat\n", SYS_openat);
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in:\n%s", want, p.out);
	for (line = p.out; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		ck_assert_msg(sscanf(line, "%ld: %63s", &nr, name) == 2,
			      "not \"N: name\": %.*s", (int)(nl - line), line);
		ck_assert_msg(nr > last, "%ld after %ld", nr, last);
		last = nr;
		lines++;
	}
	ck_assert_int_gt(lines, 250);
	proc__free(&p);
}
END_TEST

/* Bad input: one line saying what, the usage, exit 2. */
START_TEST(test_bad_usage)
{
	static const struct {
		const char *args[3];
		const char *line;
	} bad[] = {
		{ { "-e", "ENOSUCH" }, "barebpf syscount: invalid -e value 'ENOSUCH': expected an errno name (ENOENT) or a number 1..4095\n" },
		{ { "-e", "0" }, "barebpf syscount: invalid -e value '0': expected an errno name (ENOENT) or a number 1..4095\n" },
		{ { "-e", "4096" }, "barebpf syscount: invalid -e value '4096': expected an errno name (ENOENT) or a number 1..4095\n" },
		{ { "-T", "0" }, "barebpf syscount: invalid -T value '0': expected 1..2147483647\n" },
		{ { "-i", "-1" }, "barebpf syscount: invalid -i value '-1': expected 0..2147483647\n" },
		{ { "-d", "1s" }, "barebpf syscount: invalid -d value '1s': expected 1..2147483647\n" },
		{ { "-p", "0" }, "barebpf syscount: invalid -p value '0': expected 1..2147483647\n" },
		{ { "stray" }, "barebpf syscount: unexpected argument 'stray' (put a command after --)\n" },
	};
	static const char usage[] = "usage: barebpf syscount [";
	struct proc p;
	size_t i, len;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct args a = { .n = 0 };

		args__add(&a, barebpf_path(), "syscount", NULL);
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

/* A kernel without raw_syscalls: one line saying so, exit 1. */
START_TEST(test_no_raw_syscalls)
{
	char root[PATH_MAX], env[PATH_MAX + 32];
	const char *envs[] = { env, NULL };
	struct run_opts o = { .env = envs };
	struct args a = { .n = 0 };
	struct proc p;

	case_subdir(root, "fake-tracefs");
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	fake_tracefs_copy(root, "sched", "sched_process_exit");
	args__add(&a, barebpf_path(), "syscount", NULL);
	ck_assert_int_eq(run(&p, a.v, &o), 1);
	ck_assert_str_eq(p.out, "");
	ck_assert_str_eq(p.err, "barebpf syscount: tracepoint raw_syscalls:sys_exit: "
				"not found on this kernel\n");
	proc__free(&p);
}
END_TEST

/*
 * Rows "NAME COUNT" of a libbpf-tools style table: the count of name,
 * or 0 when it has no row, asserting it has at most one.
 */
static long long table_count(const char *out, const char *name)
{
	const char *line, *nl;
	long long count = 0;
	size_t len = strlen(name);
	int n = 0;

	for (line = out; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		if (strncmp(line, name, len) || line[len] != ' ')
			continue;
		count = strtoll(line + 22, NULL, 10);
		n++;
	}
	ck_assert_msg(n <= 1, "%d rows for %s:\n%s", n, name, out);
	return count;
}

/*
 * The same held workload under libbpf-tools' syscount and ours, both by
 * pid, with the same flags: the same counts for the workload's calls.
 */
static void same_as_libbpf_tools(const char *flag, const char *value,
				 const long long want[3])
{
	static const char *const names[] = { "getppid", "chdir", "dup" };
	const char *wl[] = { "syscalls", N_STR, missing, NULL };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char path[PATH_MAX], num[32], key[64];
	struct proc w, lt, bb;
	long long theirs, ours;
	size_t i;
	long pid;

	counterpart_find("syscount", path);
	pid = held_start(&w, wl);
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&a, self_path(), "workload", "pty", path, "-p", num, "-T", "100",
		  flag, value, NULL);
	tool_start(&lt, a.v, "Tracing syscalls");
	args__add(&b, barebpf_path(), "syscount", "-p", num, "-T", "100", flag, value, NULL);
	tool_start(&bb, b.v, "Tracing syscalls");
	held_release(&w);
	/* Both print once, when stopped. */
	tool_stop(&lt);
	ck_assert_int_eq(tool_stop(&bb), 0);
	if (flag && !strcmp(flag, "-P")) {
		snprintf(key, sizeof(key), "%-6ld %-15s", pid, self_comm());
		theirs = table_count(lt.out, key);
		ours = table_count(bb.out, key);
		ck_assert_msg(theirs == ours && ours > 3 * N + 3,
			      "pid %ld: %lld by libbpf-tools, %lld by barebpf\n%s\n%s",
			      pid, theirs, ours, lt.out, bb.out);
	} else {
		for (i = 0; i < 3; i++) {
			theirs = table_count(lt.out, names[i]);
			ours = table_count(bb.out, names[i]);
			ck_assert_msg(theirs == ours && ours == want[i],
				      "%s %s: %lld by libbpf-tools, %lld by barebpf, not %lld\n%s\n%s",
				      flag ? flag : "", names[i], theirs, ours, want[i],
				      lt.out, bb.out);
		}
	}
	proc__free(&lt);
	proc__free(&bb);
	proc__free(&w);
}

START_TEST(test_same_as_libbpf_tools)
{
	const long long want[3] = { N, N + 1, N + 2 };

	same_as_libbpf_tools(NULL, NULL, want);
}
END_TEST

START_TEST(test_same_as_libbpf_tools_failed)
{
	const long long want[3] = { 0, N + 1, N + 2 };

	same_as_libbpf_tools("-x", NULL, want);
}
END_TEST

START_TEST(test_same_as_libbpf_tools_errno)
{
	const long long want[3] = { 0, N + 1, 0 };

	same_as_libbpf_tools("-e", "ENOENT", want);
}
END_TEST

START_TEST(test_same_as_libbpf_tools_process)
{
	same_as_libbpf_tools("-P", NULL, NULL);
}
END_TEST

Suite *syscount_suite(void)
{
	Suite *s = suite_create("syscount");
	TCase *tc = tcase_create("counts");

	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_exact_counts);
	tcase_add_test(tc, test_result_filters);
	tcase_add_test(tc, test_latency);
	tcase_add_test(tc, test_per_process);
	tcase_add_test(tc, test_interval);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_bad_usage);
	tcase_add_test(tc, test_no_raw_syscalls);
	suite_add_tcase(s, tc);

	tc = tcase_create("libbpf-tools");
	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	if (counterpart_present("syscount")) {
		tcase_add_test(tc, test_same_as_libbpf_tools);
		tcase_add_test(tc, test_same_as_libbpf_tools_failed);
		tcase_add_test(tc, test_same_as_libbpf_tools_errno);
		tcase_add_test(tc, test_same_as_libbpf_tools_process);
	}
	suite_add_tcase(s, tc);
	return s;
}
