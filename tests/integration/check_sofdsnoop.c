// SPDX-License-Identifier: GPL-2.0
/*
 * sofdsnoop against the real kernel: descriptors passed over a Unix
 * socketpair by sendmsg and sendmmsg, and received by recvmsg and
 * recvmmsg, each shown once with its exact number, socket and file; a
 * message with none not shown; named in the kernel with BTF (the process
 * may be gone) and from /proc without; more than a call can show, said.
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

static char file[PATH_MAX];

static void file_setup(void)
{
	case_dir_setup();
	snprintf(file, sizeof(file), "%s/passed", case_dir);
	ck_assert_int_eq(write_file(file, "passed\n", 0644), 0);
}

static const char *const json[] = { "--json", NULL };
static const char *const no_btf[] = { "BAREBPF_NO_BTF=1", NULL };

/* BTF the tool will use: the kernel's, unless this run forces it off. */
static bool have_btf(void)
{
	const char *off = getenv("BAREBPF_NO_BTF");

	return access("/sys/kernel/btf/vmlinux", R_OK) == 0 && !(off && !strcmp(off, "1"));
}

/* What the workload did, in order: action, socket, fd, file. */
struct passed {
	const char *action, *sock, *fd, *name;
};

static const struct passed passes[] = {
	{ "SEND", "tx", "file", file }, { "SEND", "tx", "null", "/dev/null" },
	{ "RECV", "rx", "got-file", file }, { "RECV", "rx", "got-null", "/dev/null" },
	{ "SEND", "tx", "file", file }, { "RECV", "rx", "mm-file", file },
};

#define NR_PASSES ((int)(sizeof(passes) / sizeof(passes[0])))

static int by_time(const void *a, const void *b)
{
	long long ta = ev_int(*(const struct json_object *const *)a, "time_ns");
	long long tb = ev_int(*(const struct json_object *const *)b, "time_ns");

	return (ta > tb) - (ta < tb);
}

/*
 * Run sofdsnoop -v over "fdpass FILE MS" with env; each pass exactly
 * once, in order. alive: the workload is still there when the events
 * are printed, so /proc names the sockets. Returns what -v said.
 */
static char *assert_passes(const char *const *env, const char *ms, bool alive)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "comm", "action",
					    "sock_fd", "socket", "fd", "name", NULL };
	const char *flags[] = { "-v", "--json", NULL };
	const char *wl[] = { "fdpass", file, ms, NULL };
	struct run_opts o = { .env = env };
	const struct json_object *e[NR_PASSES];
	char sock[64];
	struct trace t;
	long pid;
	int i;

	char *notes;

	trace_run_opts(&t, &o, "sofdsnoop", flags, wl);
	assert_status(&t.p, 0);
	/* The message with no descriptor is not one of them. */
	ck_assert_msg(t.j.n == NR_PASSES, "%zu events, not %d:\n%s\nstderr:\n%s", t.j.n,
		      NR_PASSES, t.p.out, t.p.err);
	for (i = 0; i < NR_PASSES; i++)
		e[i] = t.j.objs[i];
	qsort(e, NR_PASSES, sizeof(e[0]), by_time);
	pid = workload_value(&t, "pid");
	for (i = 0; i < NR_PASSES; i++) {
		assert_keys(e[i], keys);
		ck_assert_str_eq(ev_str(e[i], "action"), passes[i].action);
		ck_assert_int_eq(ev_int(e[i], "pid"), pid);
		ck_assert_int_eq(ev_int(e[i], "tid"), pid);
		ck_assert_str_eq(ev_str(e[i], "comm"), self_comm());
		ck_assert_int_eq(ev_int(e[i], "sock_fd"), workload_value(&t, passes[i].sock));
		ck_assert_int_eq(ev_int(e[i], "fd"), workload_value(&t, passes[i].fd));
		ck_assert_str_eq(ev_str(e[i], "name"), passes[i].name);
		snprintf(sock, sizeof(sock), "socket:[%ld]",
			 workload_value(&t, !strcmp(passes[i].sock, "tx") ? "tx-ino" : "rx-ino"));
		/* Gone, its descriptors may still be read if printed at once. */
		if (alive || *ev_str(e[i], "socket"))
			ck_assert_str_eq(ev_str(e[i], "socket"), sock);
		assert_time_in_run(&t, e[i]);
	}
	/* A received descriptor is a new number. */
	ck_assert_int_ne(workload_value(&t, "got-file"), workload_value(&t, "file"));
	notes = strdup(t.p.err);
	trace__free(&t);
	return notes;
}

/* As the kernel is: BTF named in the kernel where it is there, else /proc. */
START_TEST(test_passed)
{
	free(assert_passes(NULL, "1000", true));
}
END_TEST

/* Without BTF, from /proc, while the process is there. */
START_TEST(test_passed_no_btf)
{
	char *notes = assert_passes(no_btf, "1000", true);

	ck_assert_msg(strstr(notes, "note: NAME is read from /proc/PID/fd"), "-v:\n%s", notes);
	free(notes);
}
END_TEST

/*
 * With BTF the kernel names the files: right though the process closes
 * every descriptor at once, which leaves /proc nothing to name.
 */
START_TEST(test_named_in_kernel)
{
	char *notes = assert_passes(NULL, "leave", false);

	ck_assert_msg(strstr(notes, "note: NAME is named in the kernel"), "-v:\n%s", notes);
	free(notes);
}
END_TEST

/* bcc's columns, each row whole. */
START_TEST(test_text)
{
	static const char header[] =
		"ACTION TID    COMM             SOCKET                    FD    NAME\n";
	const char *wl[] = { "fdpass", file, "1000", NULL };
	char row[PATH_MAX + 128], sock[64];
	struct trace t;
	int i;

	trace_run(&t, "sofdsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	for (i = 0; i < NR_PASSES; i++) {
		snprintf(sock, sizeof(sock), "%ld:socket:[%ld]", workload_value(&t, passes[i].sock),
			 workload_value(&t, !strcmp(passes[i].sock, "tx") ? "tx-ino" : "rx-ino"));
		snprintf(row, sizeof(row), "%-6s %-6ld %-16s %-25s %-5ld %s\n", passes[i].action,
			 workload_value(&t, "pid"), self_comm(), sock,
			 workload_value(&t, passes[i].fd), passes[i].name);
		ck_assert_msg(strstr(t.p.out, row), "no row\n%sin\n%s", row, t.p.out);
	}
	ck_assert_int_eq(count_lines(t.p.out, ""), NR_PASSES + 1);
	trace__free(&t);
}
END_TEST

/* More than a call can show: the first 32 of each side, and a word on the rest. */
START_TEST(test_too_many)
{
	char key[16], ms[16];
	const char *wl[] = { "fdpass-many", "40", ms, NULL };
	struct trace t;
	size_t i;
	long fd;
	int n, k;

	/* Without BTF the names are read from /proc: it lingers there */
	snprintf(ms, sizeof(ms), "%d", kernel_has_btf() ? 0 : run_scaled_ms(1000));

	trace_run(&t, "sofdsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "received"), 40);
	ck_assert_int_eq(trace_count(&t, "action", "SEND"), 32);
	ck_assert_int_eq(trace_count(&t, "action", "RECV"), 32);
	for (i = 0; i < t.j.n; i++)
		ck_assert_str_eq(ev_str(t.j.objs[i], "name"), "/dev/null");
	/* The sender's first 32, each once. */
	for (k = 0; k < 32; k++) {
		snprintf(key, sizeof(key), "fd%d", k);
		fd = workload_value(&t, key);
		for (i = 0, n = 0; i < t.j.n; i++)
			n += !strcmp(ev_str(t.j.objs[i], "action"), "SEND") &&
			     ev_int(t.j.objs[i], "fd") == fd;
		ck_assert_msg(n == 1, "fd %ld sent %d times:\n%s", fd, n, t.p.out);
	}
	ck_assert_int_eq(count_lines(t.p.err, "8 descriptors passed in one call by pid"), 2);
	trace__free(&t);
}
END_TEST

START_TEST(test_filters)
{
	char self[32];
	const char *wl[] = { "fdpass", file, "0", NULL };
	const char *by_pid[] = { "-p", self, "--json", NULL };
	const char *by_name[] = { "-n", "no-such-comm", "--json", NULL };
	const char *ours[] = { "-n", self_comm(), "--json", NULL };
	struct trace t;

	snprintf(self, sizeof(self), "%d", (int)getpid());
	trace_run(&t, "sofdsnoop", by_pid, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-p %s showed:\n%s", self, t.p.out);
	trace__free(&t);

	trace_run(&t, "sofdsnoop", by_name, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-n no-such-comm showed:\n%s", t.p.out);
	trace__free(&t);

	trace_run(&t, "sofdsnoop", ours, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(t.j.n, NR_PASSES);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("sofdsnoop", (const char *[]){ "-t", "x", NULL },
			 "barebpf sofdsnoop: invalid -t value 'x': expected 1..2147483647");
	assert_bad_usage("sofdsnoop", (const char *[]){ "-d", "0", NULL },
			 "barebpf sofdsnoop: invalid -d value '0': expected 1..2147483647");
}
END_TEST

Suite *sofdsnoop_suite(void)
{
	Suite *s = suite_create("sofdsnoop");
	TCase *tc = tcase_create("passes");

	tcase_add_unchecked_fixture(tc, file_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_passed);
	tcase_add_test(tc, test_passed_no_btf);
	if (have_btf())
		tcase_add_test(tc, test_named_in_kernel);
	else
		printf("SKIP sofdsnoop named in the kernel: no BTF (no /sys/kernel/btf/vmlinux, or BAREBPF_NO_BTF=1)\n");
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_too_many);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);
	return s;
}
