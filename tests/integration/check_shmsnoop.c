// SPDX-License-Identifier: GPL-2.0
/*
 * shmsnoop against the real kernel: each call of a workload with known
 * keys and sizes, with the arguments it passed and what the kernel
 * answered, in JSON and as bcc's exact lines; -x, -t, -n.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

#define SIZE 12288

/*
 * Keys of this run's own: the two passes run at once, and each uses
 * key, key + 1 (which must not exist) and key + 2, so the keys of two
 * pids are 4 apart.
 */
static char key_arg[32];
static long key;

static void key_setup(void)
{
	key = 0x5e000000 | ((getpid() & 0xfffff) << 2);
	snprintf(key_arg, sizeof(key_arg), "%ld", key);
}

static const char *const wl[] = { "shm", key_arg, "12288", NULL };

/* The events in the order made (rings are per CPU). */
static int by_time(const void *a, const void *b)
{
	long long ta = ev_int(*(const struct json_object *const *)a, "time_ns");
	long long tb = ev_int(*(const struct json_object *const *)b, "time_ns");

	return (ta > tb) - (ta < tb);
}

/* Assert the array "args" is want (n numbers). */
static void assert_args(const struct json_object *e, const long long *want, size_t n)
{
	char text[3][24];
	const char *list[4] = { NULL };
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(text[i], sizeof(text[i]), "%lld", want[i]);
		list[i] = text[i];
	}
	assert_strings(e, "args", list);
}

START_TEST(test_calls)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "call", "ret", "args", NULL };
	static const char *const calls[] = { "shmget", "shmat", "shmdt", "shmctl",
					     "shmctl", "shmget" };
	const char *flags[] = { "--json", NULL };
	const struct json_object *ev[6];
	long long want[3];
	long long addr;
	long id, pid;
	struct trace t;
	size_t i;

	trace_run(&t, "shmsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 6, "%zu events, not 6:\n%s", t.j.n, t.p.out);
	for (i = 0; i < 6; i++)
		ev[i] = t.j.objs[i];
	qsort(ev, 6, sizeof(ev[0]), by_time);
	pid = workload_value(&t, "pid");
	id = workload_value(&t, "shmget");
	/* An address, past LONG_MAX on a 32-bit machine above 2 GiB */
	addr = workload_value_ll(&t, "shmat");
	ck_assert_int_ge(id, 0);
	ck_assert_int_gt(addr, 0);
	for (i = 0; i < 6; i++) {
		assert_keys(ev[i], keys);
		ck_assert_str_eq(ev_str(ev[i], "call"), calls[i]);
		ck_assert_int_eq(ev_int(ev[i], "pid"), pid);
		ck_assert_int_eq(ev_int(ev[i], "tid"), pid);
		ck_assert_str_eq(ev_str(ev[i], "comm"), self_comm());
		assert_time_in_run(&t, ev[i]);
	}
	want[0] = key, want[1] = SIZE, want[2] = IPC_CREAT | IPC_EXCL | 0600;
	assert_args(ev[0], want, 3);
	ck_assert_int_eq(ev_int(ev[0], "ret"), id);
	want[0] = id, want[1] = 0, want[2] = SHM_RDONLY;
	assert_args(ev[1], want, 3);
	ck_assert_int_eq(ev_int(ev[1], "ret"), addr);
	want[0] = addr;
	assert_args(ev[2], want, 1);
	ck_assert_int_eq(ev_int(ev[2], "ret"), workload_value(&t, "shmdt"));
	ck_assert_int_eq(ev_int(ev[2], "ret"), 0);
	want[0] = id, want[1] = IPC_STAT, want[2] = workload_value(&t, "stat-buf");
	assert_args(ev[3], want, 3);
	ck_assert_int_eq(ev_int(ev[3], "ret"), 0);
	want[0] = id, want[1] = IPC_RMID, want[2] = 0;
	assert_args(ev[4], want, 3);
	ck_assert_int_eq(ev_int(ev[4], "ret"), 0);
	want[0] = key + 1, want[1] = 0, want[2] = 0;
	assert_args(ev[5], want, 3);
	ck_assert_int_eq(ev_int(ev[5], "ret"), -ENOENT);
	ck_assert_int_eq(workload_value(&t, "missing"), -ENOENT);
	trace__free(&t);
}
END_TEST

/* Each row is bcc's, whole: RET in hex, arguments decoded. */
START_TEST(test_text)
{
	static const char header[] = "PID    COMM                SYS              RET ARGs\n";
	const char *flags[] = { "-x", NULL };
	char rows[6][256], lead[64];
	long long addr;
	long id;
	struct trace t;
	int i;

	trace_run(&t, "shmsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	id = workload_value(&t, "shmget");
	/* An address, past LONG_MAX on a 32-bit machine above 2 GiB */
	addr = workload_value_ll(&t, "shmat");
	snprintf(lead, sizeof(lead), "%-6ld %-16s", workload_value(&t, "pid"), self_comm());
	snprintf(rows[0], sizeof(rows[0]),
		 "%s shmget %16lx key: 0x%lx, size: %d, shmflg: 0x780 (IPC_CREAT|IPC_EXCL|0600)\n",
		 lead, id, key, SIZE);
	snprintf(rows[1], sizeof(rows[1]),
		 "%s  shmat %16llx shmid: 0x%lx, shmaddr: 0x0, shmflg: 0x1000 (SHM_RDONLY)\n",
		 lead, addr, id);
	snprintf(rows[2], sizeof(rows[2]), "%s  shmdt %16d shmaddr: 0x%llx\n", lead, 0, addr);
	snprintf(rows[3], sizeof(rows[3]),
		 "%s shmctl %16d shmid: 0x%lx, cmd: 2 (IPC_STAT), buf: 0x%lx\n",
		 lead, 0, id, workload_value(&t, "stat-buf"));
	snprintf(rows[4], sizeof(rows[4]),
		 "%s shmctl %16d shmid: 0x%lx, cmd: 0 (IPC_RMID), buf: 0x0\n", lead, 0, id);
	snprintf(rows[5], sizeof(rows[5]),
		 "%s shmget %16s key: 0x%lx, size: 0, shmflg: 0x0\n", lead, "-ENOENT",
		 key + 1);
	for (i = 0; i < 6; i++)
		ck_assert_msg(strstr(t.p.out, rows[i]), "no row\n%sin\n%s", rows[i], t.p.out);
	ck_assert_int_eq(count_lines(t.p.out, ""), 7);
	trace__free(&t);

	/* -x: the failed call alone */
	trace_run(&t, "shmsnoop", flags, wl);
	assert_status(&t.p, 0);
	snprintf(rows[5], sizeof(rows[5]),
		 "%-6ld %-16s shmget %16s key: 0x%lx, size: 0, shmflg: 0x0\n",
		 workload_value(&t, "pid"), self_comm(), "-ENOENT", key + 1);
	ck_assert_msg(strstr(t.p.out, rows[5]) && count_lines(t.p.out, "") == 2,
		      "-x showed:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

/* -t TID: that thread alone, named in the first column; -n NAME. */
START_TEST(test_tid_and_name)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	const char *other[] = { "-n", "no-such-comm", "--json", NULL };
	char num[32], lead[64];
	struct proc w, tool;
	struct trace t;
	long pid;

	args__add(&a, self_path(), "workload", "after-eof", "shm", key_arg, "12288", NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "shmsnoop", "-t", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "ARGs\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	ck_assert_msg(!strncmp(tool.out, "TID    COMM", 11), "header:\n%s", tool.out);
	/* A call of this process: never shown. */
	shmget((key_t)(key + 2), 0, 0);
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	snprintf(lead, sizeof(lead), "%-6ld %-16s ", pid, self_comm());
	ck_assert_msg(count_lines(tool.out, lead) == 6 && count_lines(tool.out, "") == 7,
		      "not the 6 calls of %ld:\n%s", pid, tool.out);
	proc__free(&tool);
	proc__free(&w);

	trace_run(&t, "shmsnoop", other, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-n no-such-comm showed:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("shmsnoop", (const char *[]){ "-t", "0", NULL },
			 "barebpf shmsnoop: invalid -t value '0': expected 1..2147483647");
	assert_bad_usage("shmsnoop", (const char *[]){ "-q", NULL },
			 "barebpf shmsnoop: invalid option -- 'q'");
}
END_TEST

Suite *shmsnoop_suite(void)
{
	Suite *s = suite_create("shmsnoop");
	TCase *tc = tcase_create("shm");

	tcase_add_unchecked_fixture(tc, key_setup, NULL);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_calls);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_tid_and_name);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);
	return s;
}
