// SPDX-License-Identifier: GPL-2.0
/*
 * mountsnoop against the real kernel: a tmpfs mounted and unmounted in a
 * private mount namespace, by mount() and by fsopen/fsconfig/fsmount/
 * move_mount, each call with its arguments, its result as the workload
 * saw it, and the caller's namespace, with BTF and without; -x, -p and
 * the text form.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <check.h>
#include "tests/integration/counterpart.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

static const char *const no_btf_env[] = { "BAREBPF_NO_BTF=1", NULL };
static const struct run_opts modes[] = { { .env = NULL }, { .env = no_btf_env } };

static char dir[PATH_MAX];

static void dir_setup(void)
{
	case_dir_setup();
	case_subdir(dir, "mnt");
}

#define NR_CALLS 10

static int by_time(const void *a, const void *b)
{
	long long ta = ev_int(*(const struct json_object *const *)a, "time_ns");
	long long tb = ev_int(*(const struct json_object *const *)b, "time_ns");

	return (ta > tb) - (ta < tb);
}

/* The inode of this process's mount namespace. */
static long long own_mnt_ns(void)
{
	char link[64];
	ssize_t n = readlink("/proc/self/ns/mnt", link, sizeof(link) - 1);

	ck_assert_int_gt(n, 5);
	link[n] = '\0';
	return strtoll(link + 5, NULL, 10);
}

static void assert_call(const struct trace *t, const struct json_object *e,
			const char *call, long ret, const char *const *args)
{
	ck_assert_str_eq(ev_str(e, "call"), call);
	ck_assert_int_eq(ev_int(e, "ret"), ret);
	assert_strings(e, "args", args);
	ck_assert_int_eq(ev_int(e, "pid"), workload_value(t, "pid"));
	ck_assert_int_eq(ev_int(e, "tid"), workload_value(t, "pid"));
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	ck_assert_int_eq(ev_int(e, "mnt_ns"), workload_value_ll(t, "mntns"));
	assert_time_in_run(t, e);
}

/*
 * Every call the workload makes, in order. Without BTF the namespace is
 * read from /proc while the caller lives: it waits on stdin until every
 * event is out, so no timing is involved.
 */
START_TEST(test_calls)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "comm", "mnt_ns",
					    "call", "ret", "args", NULL };
	struct run_opts o = modes[_i];
	struct args a = { .n = 0 };
	const struct json_object *e[NR_CALLS];
	char fs[16], mnt[16];
	struct trace t;
	int i;

	memset(&t, 0, sizeof(t));
	o.keep_stdin = true;
	args__add(&a, barebpf_path(), "mountsnoop", "--json", "--", self_path(),
		  "workload", "mounts", dir, "wait", NULL);
	t.start_ns = now_ms() * 1000000LL;
	ck_assert_int_eq(proc__start(&t.p, a.v, &o), 0);
	/* Its stdin stays open (the namespace readable) until the last call is out. */
	ck_assert_msg(wait_lines(&t.p, "\"call\":\"umount\"", 3), "no third umount:\n%s\n%s",
		      t.p.out, t.p.err);
	ck_assert_int_eq(proc__finish(&t.p), 0);
	t.end_ns = (now_ms() + 1) * 1000000LL;
	ck_assert_msg(jsonl_parse(&t.j, t.p.out) == 0, "line %d: %s", t.j.bad_line, t.j.err);
	ck_assert_msg(t.j.n == NR_CALLS, "%zu events:\n%s\n%s", t.j.n, t.p.out, t.p.err);
	for (i = 0; i < NR_CALLS; i++)
		e[i] = t.j.objs[i];
	qsort(e, NR_CALLS, sizeof(e[0]), by_time);
	for (i = 0; i < NR_CALLS; i++)
		assert_keys(e[i], keys);
	ck_assert_int_ne(workload_value_ll(&t, "mntns"), own_mnt_ns());

	assert_call(&t, e[0], "mount", 0,
		    (const char *[]){ "NULL", "/", "NULL", "MS_REC|MS_PRIVATE", "NULL", NULL });
	assert_call(&t, e[1], "mount", 0,
		    (const char *[]){ "none", dir, "tmpfs", "MS_NOSUID|MS_NODEV", "size=1m", NULL });
	assert_call(&t, e[2], "umount", 0, (const char *[]){ dir, "0", NULL });
	ck_assert_int_eq(workload_value(&t, "ret-umount-again"), -EINVAL);
	assert_call(&t, e[3], "umount", -EINVAL, (const char *[]){ dir, "MNT_DETACH", NULL });

	snprintf(fs, sizeof(fs), "%ld", workload_value(&t, "fsopen"));
	snprintf(mnt, sizeof(mnt), "%ld", workload_value(&t, "fsmount"));
	assert_call(&t, e[4], "fsopen", workload_value(&t, "fsopen"),
		    (const char *[]){ "tmpfs", "FSOPEN_CLOEXEC", NULL });
	assert_call(&t, e[5], "fsconfig", 0,
		    (const char *[]){ fs, "FSCONFIG_SET_STRING", "size", "1m", "0", NULL });
	assert_call(&t, e[6], "fsconfig", 0,
		    (const char *[]){ fs, "FSCONFIG_CMD_CREATE", "NULL", "NULL", "0", NULL });
	assert_call(&t, e[7], "fsmount", workload_value(&t, "fsmount"),
		    (const char *[]){ fs, "FSMOUNT_CLOEXEC", "MOUNT_ATTR_NODEV", NULL });
	assert_call(&t, e[8], "move_mount", 0,
		    (const char *[]){ mnt, "", "AT_FDCWD", dir, "MOVE_MOUNT_F_EMPTY_PATH", NULL });
	assert_call(&t, e[9], "umount", 0, (const char *[]){ dir, "0", NULL });
	trace__free(&t);
}
END_TEST

/*
 * mountsnoop FLAGS -- the workload's calls, to its end once the n-th
 * line holding last is out: as in test_calls, the caller lives (its
 * namespace is in /proc, where it is read without BTF) until then.
 */
static void trace_mounts(struct trace *t, const char *const *flags, const char *last,
			 int n)
{
	struct run_opts o = { .keep_stdin = true };
	struct args a = { .n = 0 };

	memset(t, 0, sizeof(*t));
	args__add(&a, barebpf_path(), "mountsnoop", NULL);
	args__addv(&a, flags);
	args__add(&a, "--", self_path(), "workload", "mounts", dir, "wait", NULL);
	t->start_ns = now_ms() * 1000000LL;
	ck_assert_int_eq(proc__start(&t->p, a.v, &o), 0);
	ck_assert_msg(wait_lines(&t->p, last, n), "no %s:\n%s\n%s", last, t->p.out,
		      t->p.err);
	ck_assert_int_eq(proc__finish(&t->p), 0);
	t->end_ns = (now_ms() + 1) * 1000000LL;
	ck_assert_msg(jsonl_parse(&t->j, t->p.out) == 0, "line %d: %s", t->j.bad_line,
		      t->j.err);
}

START_TEST(test_failed_only)
{
	const char *flags[] = { "-x", "--json", NULL };
	struct trace t;

	trace_mounts(&t, flags, "\"call\":\"umount\"", 1);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_call(&t, t.j.objs[0], "umount", -EINVAL,
		    (const char *[]){ dir, "MNT_DETACH", NULL });
	trace__free(&t);
}
END_TEST

START_TEST(test_text)
{
	static const char header[] = "COMM             PID     TID     MNT_NS      CALL\n";
	const char *flags[] = { NULL };
	char row[PATH_MAX + 160], who[64];
	struct trace t;

	trace_mounts(&t, flags, "umount(", 3);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	snprintf(who, sizeof(who), "%-16s %-7ld %-7ld %-11lld ", self_comm(),
		 workload_value(&t, "pid"), workload_value(&t, "pid"),
		 workload_value_ll(&t, "mntns"));
	snprintf(row, sizeof(row), "%smount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL) = 0\n",
		 who);
	ck_assert_msg(strstr(t.p.out, row), "no row\n%sin\n%s", row, t.p.out);
	snprintf(row, sizeof(row),
		 "%smount(\"none\", \"%s\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m\") = 0\n",
		 who, dir);
	ck_assert_msg(strstr(t.p.out, row), "no row\n%sin\n%s", row, t.p.out);
	snprintf(row, sizeof(row), "%sumount(\"%s\", MNT_DETACH) = %d\n", who, dir, -EINVAL);
	ck_assert_msg(strstr(t.p.out, row), "no row\n%sin\n%s", row, t.p.out);
	snprintf(row, sizeof(row), "%smove_mount(%ld, \"\", AT_FDCWD, \"%s\", "
		 "MOVE_MOUNT_F_EMPTY_PATH) = 0\n", who, workload_value(&t, "fsmount"), dir);
	ck_assert_msg(strstr(t.p.out, row), "no row\n%sin\n%s", row, t.p.out);
	ck_assert_int_eq(count_lines(t.p.out, ""), NR_CALLS + 1);
	trace__free(&t);
}
END_TEST

/* -p: the mounts of one process, started before the tool. */
START_TEST(test_pid_filter)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char num[32], who[64];
	struct proc w, tool;
	long pid;

	args__add(&a, self_path(), "workload", "after-eof", "mounts", dir, NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "mountsnoop", "-p", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "CALL\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	/* Not that process: never shown. */
	ck_assert_int_eq(umount2("/nonexistent-mountsnoop", 0), -1);
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	snprintf(who, sizeof(who), "%-16s %-7ld %-7ld ", self_comm(), pid, pid);
	ck_assert_msg(count_lines(tool.out, who) == NR_CALLS &&
		      count_lines(tool.out, "") == NR_CALLS + 1,
		      "not the calls of %ld:\n%s", pid, tool.out);
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("mountsnoop", (const char *[]){ "-p", "1x", NULL },
			 "barebpf mountsnoop: invalid -p value '1x': expected 1..2147483647");
	assert_bad_usage("mountsnoop", (const char *[]){ "-d", NULL },
			 "barebpf mountsnoop: invalid option -- 'd'");
}
END_TEST

Suite *mountsnoop_suite(void)
{
	Suite *s = suite_create("mountsnoop");
	TCase *tc = tcase_create("mounts");

	tcase_add_unchecked_fixture(tc, dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_loop_test(tc, test_calls, 0, 2);
	tcase_add_test(tc, test_failed_only);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);
	return s;
}
