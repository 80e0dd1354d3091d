// SPDX-License-Identifier: GPL-2.0
/*
 * ttysnoop against the real kernel: a pseudo-terminal of the test's
 * own, known bytes written to it by write() and writev() (a NUL, an
 * escape sequence and a byte that is not UTF-8 among them) and to
 * /dev/null beside it: the terminal's bytes exactly, raw as text and
 * escaped in JSON, where they are in each call; -s and -c; and without
 * BTF, the one line saying it cannot.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <check.h>
#include "tests/integration/hostile.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"
#include "tests/integration/workload.h"

static const char bytes[] = WORKLOAD_TTY_BYTES;
#define LEN	(sizeof(bytes) - 1)

static struct {
	int master;
	char slave[PATH_MAX + 16];
	char devpts[PATH_MAX];	/* our own devpts, where none is mounted */
} pty = { .master = -1 };

/*
 * A pseudo-terminal: the system's, or, where /dev/pts is not mounted
 * (the kernel matrix's VMs), from a devpts instance of our own.
 */
static void pty_setup(void)
{
	char ptmx[PATH_MAX + 8];
	int n;

	case_dir_setup();
	pty.master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (pty.master < 0) {
		snprintf(pty.devpts, sizeof(pty.devpts), "%s/pts", case_dir);
		ck_assert_int_eq(mkdir(pty.devpts, 0755), 0);
		ck_assert_msg(mount("devpts", pty.devpts, "devpts", 0,
				    "newinstance,ptmxmode=0666") == 0,
			      "mounting devpts: %s", strerror(errno));
		snprintf(ptmx, sizeof(ptmx), "%s/ptmx", pty.devpts);
		pty.master = open(ptmx, O_RDWR | O_NOCTTY | O_CLOEXEC);
	}
	ck_assert_msg(pty.master >= 0, "no pseudo-terminal: %s", strerror(errno));
	ck_assert_int_eq(unlockpt(pty.master), 0);
	ck_assert_int_eq(ioctl(pty.master, TIOCGPTN, &n), 0);
	snprintf(pty.slave, sizeof(pty.slave), "%s/%d",
		 pty.devpts[0] ? pty.devpts : "/dev/pts", n);
}

static void pty_teardown(void)
{
	if (pty.master >= 0)
		close(pty.master);
	if (pty.devpts[0])
		umount2(pty.devpts, MNT_DETACH);
	case_dir_teardown();
}

/* Read what the terminal's other end has, so that no write waits on it. */
static void drain(void)
{
	char buf[4096];

	fcntl(pty.master, F_SETFL, O_NONBLOCK);
	while (read(pty.master, buf, sizeof(buf)) > 0)
		;
}

START_TEST(test_raw)
{
	const char *flags[] = { pty.slave, NULL };
	const char *wl[] = { "tty-write", pty.slave, NULL };
	struct trace t;

	trace_run(&t, "ttysnoop", flags, wl);
	drain();
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "write"), WORKLOAD_TTY_SPLIT);
	ck_assert_int_eq(workload_value(&t, "writev"), LEN - WORKLOAD_TTY_SPLIT);
	/* The bytes as written, NUL and escape sequence and all; nothing of /dev/null. */
	ck_assert_msg(t.p.out_len == LEN && !memcmp(t.p.out, bytes, LEN),
		      "%zu bytes, not %zu: '%s'", t.p.out_len, LEN, t.p.out);
	ck_assert_msg(!strstr(t.p.err, "barebpf"), "stderr:\n%s", t.p.err);
	trace__free(&t);
}
END_TEST

/* Assert e is the record of len bytes at offset of a call of count bytes. */
static void assert_record(const struct trace *t, const struct json_object *e,
			  long long count, long long offset, size_t len)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "fd", "count", "offset", "data", NULL };
	const struct json_value *data = json_get(e, "data");

	assert_keys(e, keys);
	ck_assert_int_eq(ev_int(e, "pid"), workload_value(t, "pid"));
	ck_assert_int_eq(ev_int(e, "tid"), workload_value(t, "pid"));
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(t, "fd"));
	ck_assert_int_eq(ev_int(e, "count"), count);
	ck_assert_int_eq(ev_int(e, "offset"), offset);
	ck_assert_ptr_nonnull(data);
	ck_assert_msg(data->str.len == len, "%zu bytes, not %zu", data->str.len, len);
	/* offset counts in the call, whose bytes start at its own place in ours */
	ck_assert(!memcmp(data->str.s, bytes + (count == WORKLOAD_TTY_SPLIT ? 0 :
						 WORKLOAD_TTY_SPLIT) + offset, len));
	assert_time_in_run(t, e);
}

/* JSON: a record per write, per iovec of writev; the bytes escaped, read back exactly. */
START_TEST(test_json)
{
	const char *flags[] = { "--json", pty.slave, NULL };
	const char *wl[] = { "tty-write", pty.slave, NULL };
	const long long v = LEN - WORKLOAD_TTY_SPLIT;
	struct trace t;

	trace_run(&t, "ttysnoop", flags, wl);
	drain();
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 3, "%zu records:\n%s", t.j.n, t.p.out);
	assert_record(&t, t.j.objs[0], WORKLOAD_TTY_SPLIT, 0, WORKLOAD_TTY_SPLIT);
	assert_record(&t, t.j.objs[1], v, 0, 3);
	assert_record(&t, t.j.objs[2], v, 3, (size_t)v - 3);
	/* The escape sequences as JSON writes them, never raw. */
	ck_assert_ptr_null(memchr(t.p.out, '\033', t.p.out_len));
	ck_assert_ptr_nonnull(strstr(t.p.out, "\"data\":\"hello from barebpf\\u000d\\n\"}\n"));
	ck_assert_ptr_nonnull(strstr(t.p.out, "\"data\":\"mbold\\u001b[0m\\u0000\\udcff\\tend\\n\"}\n"));
	trace__free(&t);
}
END_TEST

/*
 * -s 8 -c 2: records of 8 bytes at most, 2 a call; each iovec begins a
 * record, and the empty one takes a round of its own; what is past that
 * is counted and said.
 */
START_TEST(test_size_count)
{
	const char *flags[] = { "--json", "-s", "8", "-c", "2", pty.slave, NULL };
	const char *wl[] = { "tty-write", pty.slave, NULL };
	struct trace t;

	trace_run(&t, "ttysnoop", flags, wl);
	drain();
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 3, "%zu records:\n%s", t.j.n, t.p.out);
	assert_record(&t, t.j.objs[0], WORKLOAD_TTY_SPLIT, 0, 8);
	assert_record(&t, t.j.objs[1], WORKLOAD_TTY_SPLIT, 8, 8);
	assert_record(&t, t.j.objs[2], LEN - WORKLOAD_TTY_SPLIT, 0, 3);
	/* After the workload's own lines. */
	ck_assert_int_eq(count_lines(t.p.err, "barebpf ttysnoop: "), 1);
	ck_assert_int_eq(count_lines(t.p.err, "barebpf ttysnoop: 2 writes longer than -s 8 "
					      "times -c 2 bytes: only their start shown"), 1);
	trace__free(&t);
}
END_TEST

/*
 * Written under a hostile name: JSON escapes the comm as it does the
 * bytes, and none of them reaches the output raw.
 */
START_TEST(test_hostile_json)
{
	const char *flags[] = { "--json", pty.slave, NULL };
	const char *wl[] = { "as-hostile", "tty-write", pty.slave, NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "ttysnoop", flags, wl);
	drain();
	assert_status(&t.p, 0);
	hostile_assert_clean("ttysnoop --json", t.p.out);
	ck_assert_ptr_null(memchr(t.p.out, '\0', t.p.out_len));
	ck_assert_msg(t.j.n == 3, "%zu records:\n%s", t.j.n, t.p.out);
	for (i = 0; i < t.j.n; i++) {
		ck_assert_int_eq(ev_int(t.j.objs[i], "pid"), workload_value(&t, "pid"));
		ck_assert_str_eq(ev_str(t.j.objs[i], "comm"), HOSTILE_COMM);
	}
	ck_assert_ptr_nonnull(strstr(t.p.out, "\"comm\":\"\\u001b[2Jev\\nil\\u000d\\udcff\""));
	trace__free(&t);
}
END_TEST

/* Without BTF nothing says which device a write goes to: one line, exit 1. */
START_TEST(test_no_btf)
{
	static const char *const env[] = { "BAREBPF_NO_BTF=1", NULL };
	const struct run_opts o = { .env = env };
	const char *flags[] = { pty.slave, NULL };
	struct trace t;

	trace_run_opts(&t, &o, "ttysnoop", flags, NULL);
	assert_status(&t.p, 1);
	ck_assert_str_eq(t.p.out, "");
	ck_assert_str_eq(t.p.err, "barebpf ttysnoop: needs the kernel's BTF to tell "
			 "which device a write goes to: BAREBPF_NO_BTF is set\n");
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	char file[PATH_MAX + 8], line[PATH_MAX + 64];

	assert_bad_usage("ttysnoop", (const char *[]){ NULL },
			 "barebpf ttysnoop: missing DEVICE");
	assert_bad_usage("ttysnoop", (const char *[]){ "/nonexistent-tty", NULL },
			 "barebpf ttysnoop: /nonexistent-tty: No such file or directory");
	assert_bad_usage("ttysnoop", (const char *[]){ "99999999", NULL },
			 "barebpf ttysnoop: /dev/pts/99999999: No such file or directory");
	snprintf(file, sizeof(file), "%s/file", case_dir);
	ck_assert_int_eq(write_file(file, "x", 0644), 0);
	snprintf(line, sizeof(line), "barebpf ttysnoop: %s: not a character device", file);
	assert_bad_usage("ttysnoop", (const char *[]){ file, NULL }, line);
	assert_bad_usage("ttysnoop", (const char *[]){ "-s", "0", pty.slave, NULL },
			 "barebpf ttysnoop: invalid -s value '0': expected 1..16384");
	assert_bad_usage("ttysnoop", (const char *[]){ "-c", "65", pty.slave, NULL },
			 "barebpf ttysnoop: invalid -c value '65': expected 1..64");
	assert_bad_usage("ttysnoop", (const char *[]){ pty.slave, "again", NULL },
			 "barebpf ttysnoop: unexpected argument 'again' (put a command after --)");
}
END_TEST

Suite *ttysnoop_suite(void)
{
	Suite *s = suite_create("ttysnoop");
	TCase *tc = tcase_create("pty");

	tcase_add_unchecked_fixture(tc, pty_setup, pty_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_bad_usage);
	tcase_add_test(tc, test_no_btf);
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		printf("SKIP ttysnoop writes: this kernel has no BTF (/sys/kernel/btf/vmlinux)\n");
		suite_add_tcase(s, tc);
		return s;
	}
	tcase_add_test(tc, test_raw);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_size_count);
	tcase_add_test(tc, test_hostile_json);
	suite_add_tcase(s, tc);
	return s;
}
