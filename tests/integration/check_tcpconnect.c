// SPDX-License-Identifier: GPL-2.0
/*
 * tcpconnect against the real kernel: the exact connect of a child over
 * loopback on IPv4, IPv6 and IPv4-mapped IPv6, with and without BTF; a
 * non-blocking one (EINPROGRESS) and a refused one; counts kept in the
 * kernel; the filters; nothing for UDP or Unix sockets; bad input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/net.h"
#include "tests/integration/usage.h"

static const char *const json[] = { "--json", NULL };

/* Who connected: the "tcp" workload's child, or the workload itself. */
static void assert_connector(const struct trace *t, const struct json_object *e,
			     const char *pid_key)
{
	long pid = workload_value(t, pid_key);

	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
}

/* Both ends, exactly: the client's port and the listener's. */
static void assert_ends(const struct trace *t, const struct json_object *e,
			const struct net_case *c, long sport)
{
	ck_assert_int_eq(ev_int(e, "ip"), c->ip);
	ck_assert_str_eq(ev_str(e, "saddr"), c->addr);
	ck_assert_str_eq(ev_str(e, "daddr"), c->addr);
	ck_assert_int_eq(ev_int(e, "dport"), workload_value(t, "listen_port"));
	ck_assert_int_eq(ev_int(e, "sport"), sport);
}

/* A blocking connect: the port comes from the handshake, BTF or not. */
static void check_connect(int i, bool btf)
{
	const struct net_case *c = &net_cases[i];
	const char *wl[] = { "tcp", c->addr, NULL };
	const struct json_object *e;
	struct trace t;

	trace_run_opts(&t, btf ? NULL : &no_btf, "tcpconnect", json, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 1, "%zu events:\n%s", t.j.n, t.p.out);
	e = t.j.objs[0];
	assert_connector(&t, e, "client_pid");
	ck_assert_int_ne(ev_int(e, "pid"), workload_value(&t, "pid"));
	ck_assert_int_gt(workload_value(&t, "client_port"), 0);
	assert_ends(&t, e, c, workload_value(&t, "client_port"));
	ck_assert_int_eq(ev_int(e, "ret"), 0);
	ck_assert_int_eq(workload_value(&t, "connect_ret"), 0);
	trace__free(&t);
}

START_TEST(test_connect_btf)
{
	check_connect(_i, true);
}
END_TEST

START_TEST(test_connect_no_btf)
{
	check_connect(_i, false);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "ip", "saddr", "sport", "daddr",
					    "dport", "ret", NULL };
	const char *wl[] = { "tcp", "127.0.0.1", NULL };
	struct trace t;

	trace_run(&t, "tcpconnect", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_keys(t.j.objs[0], keys);
	trace__free(&t);
}
END_TEST

/*
 * Two connects fill a backlog of 1; the third, non-blocking, sends a SYN
 * that is dropped: the attempt is shown, ret -EINPROGRESS. Its source
 * port is read from the socket with BTF; without, nothing has told it
 * yet, and it shows 0.
 */
START_TEST(test_nonblocking)
{
	const struct net_case *c = &net_cases[_i];
	const char *wl[] = { "tcp-nonblock", c->addr, NULL };
	const struct json_object *e;
	struct trace t;
	int btf;

	for (btf = 0; btf < 2; btf++) {
		trace_run_opts(&t, btf ? NULL : &no_btf, "tcpconnect", json, wl);
		assert_status(&t.p, 0);
		ck_assert_msg(t.j.n == 3, "%zu events:\n%s", t.j.n, t.p.out);
		ck_assert_int_eq(trace_count_int(&t, "ret", 0), 2);
		e = trace_one_int(&t, "ret", -EINPROGRESS);
		assert_connector(&t, e, "pid");
		assert_ends(&t, e, c, btf && kernel_has_btf() ?
				      workload_value(&t, "client_port") : 0);
		trace__free(&t);
	}
}
END_TEST

/* Refused: the error, shown alone with -x, with an ERR column in text. */
START_TEST(test_refused)
{
	const struct net_case *c = &net_cases[_i];
	const char *wl[] = { "tcp-refused", c->addr, NULL };
	const char *failed_json[] = { "-x", "--json", NULL };
	const char *failed_text[] = { "-x", "-s", NULL };
	static const char header[] = "PID     COMM             IP SADDR            "
				     "DADDR            SPORT DPORT ERR\n";
	const struct json_object *e;
	char row[160];
	struct trace t;

	trace_run(&t, "tcpconnect", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "connect_ret"), -ECONNREFUSED);
	e = trace_one_int(&t, "ret", -ECONNREFUSED);
	ck_assert_uint_eq(t.j.n, 1);
	assert_connector(&t, e, "pid");
	ck_assert_str_eq(ev_str(e, "saddr"), c->addr);
	ck_assert_str_eq(ev_str(e, "daddr"), c->addr);
	ck_assert_int_eq(ev_int(e, "sport"), workload_value(&t, "client_port"));
	ck_assert_int_eq(ev_int(e, "dport"), workload_value(&t, "port"));
	trace__free(&t);

	/* The successful connects of "tcp" are not failures. */
	trace_run(&t, "tcpconnect", failed_json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_int_eq(ev_int(t.j.objs[0], "ret"), -ECONNREFUSED);
	trace__free(&t);

	trace_run(&t, "tcpconnect", failed_text, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s",
		      t.p.out);
	snprintf(row, sizeof(row), "%-7ld %-16.16s %-2d %-16s %-16s %-5ld %-5ld %d\n",
		 workload_value(&t, "pid"), self_comm(), c->ip, c->addr, c->addr,
		 workload_value(&t, "client_port"), workload_value(&t, "port"),
		 ECONNREFUSED);
	ck_assert_msg(strstr(t.p.out, row), "no row \"%s\" in:\n%s", row, t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_only_hides_success)
{
	const char *wl[] = { "tcp", "127.0.0.1", NULL };
	const char *flags[] = { "-x", "--json", NULL };
	struct trace t;

	trace_run(&t, "tcpconnect", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "connect_ret"), 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);
}
END_TEST

/* -c: three connects, one key, counted in the kernel. */
START_TEST(test_count)
{
	const struct net_case *c = &net_cases[_i];
	const char *wl[] = { "tcp", c->addr, "times=3", NULL };
	const char *count_json[] = { "-c", "--json", NULL };
	const char *count_sport[] = { "-c", "-s", "--json", NULL };
	const char *count_text[] = { "-c", NULL };
	const struct json_object *e;
	char row[160];
	struct trace t;
	size_t i;

	trace_run(&t, "tcpconnect", count_json, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 1, "%zu keys:\n%s", t.j.n, t.p.out);
	e = t.j.objs[0];
	ck_assert_int_eq(ev_int(e, "ip"), c->ip);
	ck_assert_str_eq(ev_str(e, "saddr"), c->addr);
	ck_assert_str_eq(ev_str(e, "daddr"), c->addr);
	ck_assert_int_eq(ev_int(e, "sport"), 0);
	ck_assert_int_eq(ev_int(e, "dport"), workload_value(&t, "listen_port"));
	ck_assert_int_eq(ev_int(e, "connects"), 3);
	trace__free(&t);

	/* By source port too: three keys of one connect each. */
	trace_run(&t, "tcpconnect", count_sport, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 3, "%zu keys:\n%s", t.j.n, t.p.out);
	for (i = 0; i < t.j.n; i++) {
		ck_assert_int_eq(ev_int(t.j.objs[i], "connects"), 1);
		ck_assert_int_eq(trace_count_int(&t, "sport",
						 ev_int(t.j.objs[i], "sport")), 1);
	}
	trace_one_int(&t, "sport", workload_value(&t, "client_port"));
	trace__free(&t);

	trace_run(&t, "tcpconnect", count_text, wl);
	assert_status(&t.p, 0);
	snprintf(row, sizeof(row), "%-25s %-25s %-5s %s\n%-25s %-25s %-5ld %d\n",
		 "LADDR", "RADDR", "RPORT", "CONNECTS", c->addr, c->addr,
		 workload_value(&t, "listen_port"), 3);
	ck_assert_msg(strstr(t.p.out, row), "not \"%s\" in:\n%s", row, t.p.out);
	trace__free(&t);
}
END_TEST

/* -P, -4/-6, -u: kept or dropped in the kernel. */
START_TEST(test_filters)
{
	char port[8], other[8];
	const char *wl6[] = { "tcp", "::1", NULL, NULL };
	const char *by_port[] = { "--json", "-P", other, NULL };
	const char *only4[] = { "--json", "-4", NULL };
	const char *only6[] = { "--json", "-6", NULL };
	const char *by_uid[] = { "--json", "-u", "4242", NULL };
	char arg[16];
	struct trace t;

	snprintf(arg, sizeof(arg), "port=%s", free_port(port));
	wl6[2] = arg;
	snprintf(other, sizeof(other), "%u", (unsigned int)(atoi(port) + 1) & 0xffff);

	by_port[2] = port;
	trace_run(&t, "tcpconnect", by_port, wl6);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_int_eq(ev_int(t.j.objs[0], "dport"), atoi(port));
	trace__free(&t);

	by_port[2] = other;
	trace_run(&t, "tcpconnect", by_port, wl6);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);

	trace_run(&t, "tcpconnect", only4, wl6);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);

	trace_run(&t, "tcpconnect", only6, wl6);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_str_eq(ev_str(t.j.objs[0], "daddr"), "::1");
	trace__free(&t);

	trace_run(&t, "tcpconnect", by_uid, wl6);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	ck_assert_int_eq(workload_value(&t, "connect_ret"), 0);
	trace__free(&t);
}
END_TEST

/* A UDP connect and a Unix stream connect are no TCP connects. */
START_TEST(test_not_tcp)
{
	const char *wl[] = { "not-tcp", case_dir, NULL };
	struct trace t;
	int btf;

	for (btf = 0; btf < 2; btf++) {
		trace_run_opts(&t, btf ? NULL : &no_btf, "tcpconnect", json, wl);
		assert_status(&t.p, 0);
		ck_assert_int_eq(workload_value(&t, "udp_connect"), 0);
		ck_assert_int_eq(workload_value(&t, "unix_connect"), 0);
		ck_assert_msg(t.j.n == 0, "shown:\n%s", t.p.out);
		trace__free(&t);
	}
}
END_TEST

START_TEST(test_bad_input)
{
	const char *bad_port[] = { "-P", "80,,81", NULL };
	const char *both[] = { "-4", "-6", NULL };
	const char *bad_pid[] = { "-p", "x", NULL };
	const char *bad_duration[] = { "-d", "0", NULL };
	const char *stray[] = { "-c", "extra", NULL };

	assert_bad_usage_naming("tcpconnect", bad_port, "invalid -P value '80,,81'");
	assert_bad_usage_naming("tcpconnect", both, "-4 and -6 exclude each other");
	assert_bad_usage_naming("tcpconnect", bad_pid, "invalid -p value 'x'");
	assert_bad_usage_naming("tcpconnect", bad_duration, "invalid -d value '0'");
	assert_bad_usage_naming("tcpconnect", stray, "unexpected argument 'extra'");
}
END_TEST

Suite *tcpconnect_suite(void)
{
	Suite *s = suite_create("tcpconnect");
	TCase *tc = tcase_create("events");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_add_loop_test(tc, test_connect_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_connect_no_btf, 0, NET_CASES);
	tcase_add_test(tc, test_json_keys);
	tcase_add_loop_test(tc, test_nonblocking, 0, NET_CASES);
	tcase_add_loop_test(tc, test_refused, 0, NET_CASES);
	tcase_add_test(tc, test_failed_only_hides_success);
	tcase_add_loop_test(tc, test_count, 0, NET_CASES);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_not_tcp);
	tcase_add_test(tc, test_bad_input);
	suite_add_tcase(s, tc);
	return s;
}
