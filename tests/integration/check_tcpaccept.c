// SPDX-License-Identifier: GPL-2.0
/*
 * tcpaccept against the real kernel: the exact accept of a connection a
 * child made over loopback, on IPv4, IPv6 and dual-stack IPv6, shown for
 * the process that accepted and not the one that connected, with and
 * without BTF; accept4; accept(fd, NULL, NULL); the filters; nothing for
 * Unix sockets; bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/net.h"
#include "tests/integration/usage.h"

static const char *const json[] = { "--json", NULL };

/* The accepting process, the new fd, and both ends, exactly. */
static void assert_accept(const struct trace *t, const struct json_object *e,
			  const struct net_case *c)
{
	long pid = workload_value(t, "pid");

	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	ck_assert_int_ne(ev_int(e, "pid"), workload_value(t, "client_pid"));
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(t, "conn_fd"));
	ck_assert_int_eq(ev_int(e, "listen_fd"), workload_value(t, "listen_fd"));
	ck_assert_int_eq(ev_int(e, "ip"), c->ip);
	ck_assert_str_eq(ev_str(e, "raddr"), c->addr);
	ck_assert_int_eq(ev_int(e, "rport"), workload_value(t, "client_port"));
	ck_assert_str_eq(ev_str(e, "laddr"), c->addr);
	ck_assert_int_eq(ev_int(e, "lport"), workload_value(t, "listen_port"));
}

/* accept() or accept4() with an address buffer: the same, BTF or not. */
static void check_accept(int i, bool btf, const char *how)
{
	const struct net_case *c = &net_cases[i];
	const char *wl[] = { "tcp", c->addr, how, NULL };
	struct trace t;

	trace_run_opts(&t, btf ? NULL : &no_btf, "tcpaccept", json, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 1, "%zu events:\n%s", t.j.n, t.p.out);
	assert_accept(&t, t.j.objs[0], c);
	trace__free(&t);
}

START_TEST(test_accept_btf)
{
	check_accept(_i, true, NULL);
}
END_TEST

START_TEST(test_accept_no_btf)
{
	check_accept(_i, false, NULL);
}
END_TEST

START_TEST(test_accept4_btf)
{
	check_accept(_i, true, "accept4");
}
END_TEST

START_TEST(test_accept4_no_btf)
{
	check_accept(_i, false, "accept4");
}
END_TEST

/*
 * accept(fd, NULL, NULL): with BTF the new socket tells everything;
 * without, nothing says even that it is TCP, and it is not shown.
 */
START_TEST(test_no_buffer)
{
	const struct net_case *c = &net_cases[_i];
	const char *wl[] = { "tcp", c->addr, "nobuf", NULL };
	struct trace t;

	trace_run(&t, "tcpaccept", json, wl);
	assert_status(&t.p, 0);
	if (kernel_has_btf()) {
		ck_assert_msg(t.j.n == 1, "%zu events:\n%s", t.j.n, t.p.out);
		assert_accept(&t, t.j.objs[0], c);
	} else {
		ck_assert_msg(t.j.n == 0, "shown without BTF:\n%s", t.p.out);
	}
	trace__free(&t);

	trace_run_opts(&t, &no_btf, "tcpaccept", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_ge(workload_value(&t, "conn_fd"), 0);
	ck_assert_msg(t.j.n == 0, "shown:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "fd", "listen_fd", "ip", "raddr",
					    "rport", "laddr", "lport", NULL };
	const char *wl[] = { "tcp", "127.0.0.1", NULL };
	struct trace t;

	trace_run(&t, "tcpaccept", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_keys(t.j.objs[0], keys);
	trace__free(&t);
}
END_TEST

/* Three connections, three accepts, each its own fd and client port. */
START_TEST(test_several)
{
	const char *wl[] = { "tcp", "::1", "times=3", NULL };
	struct trace t;
	size_t i;
	int btf;

	for (btf = 0; btf < 2; btf++) {
		trace_run_opts(&t, btf ? NULL : &no_btf, "tcpaccept", json, wl);
		assert_status(&t.p, 0);
		ck_assert_msg(t.j.n == 3, "%zu events:\n%s", t.j.n, t.p.out);
		for (i = 0; i < t.j.n; i++) {
			ck_assert_int_eq(trace_count_int(&t, "fd",
							 ev_int(t.j.objs[i], "fd")), 1);
			ck_assert_int_eq(trace_count_int(&t, "rport",
							 ev_int(t.j.objs[i], "rport")), 1);
			ck_assert_int_eq(ev_int(t.j.objs[i], "lport"),
					 workload_value(&t, "listen_port"));
			ck_assert_str_eq(ev_str(t.j.objs[i], "laddr"), "::1");
		}
		/* The first the child reported, among them. */
		trace_one_int(&t, "rport", workload_value(&t, "client_port"));
		trace__free(&t);
	}
}
END_TEST

/* -P (local ports), -4/-6, -p: kept or dropped in the kernel. */
START_TEST(test_filters)
{
	char port[8], other[8], arg[16];
	const char *wl[] = { "tcp", "::ffff:127.0.0.1", arg, NULL };
	const char *by_port[] = { "--json", "-P", port, NULL };
	const char *by_other[] = { "--json", "-P", other, NULL };
	const char *only4[] = { "--json", "-4", NULL };
	const char *only6[] = { "--json", "-6", NULL };
	const char *by_pid[] = { "--json", "-p", "1", NULL };
	struct trace t;

	snprintf(arg, sizeof(arg), "port=%s", free_port(port));
	snprintf(other, sizeof(other), "%u", (unsigned int)(atoi(port) + 1) & 0xffff);

	trace_run(&t, "tcpaccept", by_port, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_int_eq(ev_int(t.j.objs[0], "lport"), atoi(port));
	assert_accept(&t, t.j.objs[0], &net_cases[2]);
	trace__free(&t);

	trace_run(&t, "tcpaccept", by_other, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);

	/* An IPv4 peer of an IPv6 socket is IPv6 here, as its socket. */
	trace_run(&t, "tcpaccept", only4, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);

	trace_run(&t, "tcpaccept", only6, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	trace__free(&t);

	trace_run(&t, "tcpaccept", by_pid, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	ck_assert_int_ge(workload_value(&t, "conn_fd"), 0);
	trace__free(&t);
}
END_TEST

/* A Unix stream accept is no TCP accept. */
START_TEST(test_not_tcp)
{
	const char *wl[] = { "not-tcp", case_dir, NULL };
	struct trace t;
	int btf;

	for (btf = 0; btf < 2; btf++) {
		trace_run_opts(&t, btf ? NULL : &no_btf, "tcpaccept", json, wl);
		assert_status(&t.p, 0);
		ck_assert_int_ge(workload_value(&t, "unix_accept"), 0);
		ck_assert_msg(t.j.n == 0, "shown:\n%s", t.p.out);
		trace__free(&t);
	}
}
END_TEST

START_TEST(test_text)
{
	static const char header[] =
		"PID     COMM             IP RADDR            RPORT LADDR            LPORT\n";
	const char *wl[] = { "tcp", "127.0.0.1", NULL };
	char row[160];
	struct trace t;

	trace_run(&t, "tcpaccept", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	snprintf(row, sizeof(row), "%-7ld %-16.16s %-2s %-16s %-5ld %-16s %-5ld\n",
		 workload_value(&t, "pid"), self_comm(), "4", "127.0.0.1",
		 workload_value(&t, "client_port"), "127.0.0.1",
		 workload_value(&t, "listen_port"));
	ck_assert_msg(strstr(t.p.out, row), "no row \"%s\" in:\n%s", row, t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_input)
{
	const char *bad_port[] = { "-P", "1,-2", NULL };
	const char *both[] = { "-6", "-4", NULL };
	const char *bad_pages[] = { "-b", "3", NULL };
	const char *stray[] = { "extra", NULL };

	assert_bad_usage_naming("tcpaccept", bad_port, "invalid -P value '1,-2'");
	assert_bad_usage_naming("tcpaccept", both, "-4 and -6 exclude each other");
	assert_bad_usage_naming("tcpaccept", bad_pages, "pages must be a power of two");
	assert_bad_usage_naming("tcpaccept", stray, "unexpected argument 'extra'");
}
END_TEST

Suite *tcpaccept_suite(void)
{
	Suite *s = suite_create("tcpaccept");
	TCase *tc = tcase_create("events");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_add_loop_test(tc, test_accept_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_accept_no_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_accept4_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_accept4_no_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_no_buffer, 0, NET_CASES);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_several);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_not_tcp);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_bad_input);
	suite_add_tcase(s, tc);
	return s;
}
