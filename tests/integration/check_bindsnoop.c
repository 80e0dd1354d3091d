// SPDX-License-Identifier: GPL-2.0
/*
 * bindsnoop against the real kernel: the exact bind of a listener over
 * loopback on IPv4, IPv6 and dual-stack IPv6, with BTF (what the socket
 * got: the port picked for port 0) and without (what was asked for);
 * UDP; failed binds; the filters; bad input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <check.h>
#include "tests/integration/net.h"
#include "tests/integration/usage.h"

static const char *const json[] = { "--json", NULL };

/* Who bound, as every event from a workload shows it. */
static void assert_binder(const struct trace *t, const struct json_object *e)
{
	long pid = workload_value(t, "pid");

	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
}

/* The listener's bind of "tcp ADDR": port 0 asked for, one picked. */
static void check_listener(int i, bool btf)
{
	const struct net_case *c = &net_cases[i];
	const char *wl[] = { "tcp", c->addr, NULL };
	const struct json_object *e;
	struct trace t;

	trace_run_opts(&t, btf ? NULL : &no_btf, "bindsnoop", json, wl);
	btf = btf && kernel_has_btf();
	assert_status(&t.p, 0);
	/* The connecting child binds nothing: this is the only event. */
	ck_assert_msg(t.j.n == 1, "%zu events:\n%s", t.j.n, t.p.out);
	e = trace_one_int(&t, "fd", workload_value(&t, "listen_fd"));
	assert_binder(&t, e);
	ck_assert_int_eq(ev_int(e, "ret"), 0);
	ck_assert_int_eq(ev_int(e, "ip"), c->ip);
	ck_assert_str_eq(ev_str(e, "addr"), c->listen);
	if (btf) {
		ck_assert_int_gt(workload_value(&t, "listen_port"), 0);
		ck_assert_int_eq(ev_int(e, "port"), workload_value(&t, "listen_port"));
		ck_assert_str_eq(ev_str(e, "proto"), "TCP");
		ck_assert(ev_bool(e, "bound"));
	} else {
		ck_assert_int_eq(ev_int(e, "port"), 0);
		ck_assert_str_eq(ev_str(e, "proto"), "?");
		ck_assert(!ev_bool(e, "bound"));
	}
	trace__free(&t);
}

START_TEST(test_listener_btf)
{
	check_listener(_i, true);
}
END_TEST

START_TEST(test_listener_no_btf)
{
	check_listener(_i, false);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "fd", "ret", "proto", "ip", "addr",
					    "port", "bound", NULL };
	const char *wl[] = { "bind", "udp", "127.0.0.1", "0", NULL };
	struct trace t;

	trace_run(&t, "bindsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_keys(t.j.objs[0], keys);
	trace__free(&t);
}
END_TEST

/* UDP on IPv4, TCP on IPv6 at a port given: both, each exact. */
START_TEST(test_udp_and_given_port)
{
	char port[8];
	const char *wl[] = { "bind", "udp", "0.0.0.0", "0",
			     "tcp", "::1", free_port(port), NULL };
	const struct json_object *e;
	struct trace t;
	int btf;

	for (btf = 0; btf < 2; btf++) {
		trace_run_opts(&t, btf ? NULL : &no_btf, "bindsnoop", json, wl);
		assert_status(&t.p, 0);
		ck_assert_uint_eq(t.j.n, 2);
		ck_assert_int_eq(workload_value(&t, "ret2"), 0);

		e = trace_one_int(&t, "fd", workload_value(&t, "fd1"));
		assert_binder(&t, e);
		ck_assert_int_eq(ev_int(e, "ip"), 4);
		ck_assert_str_eq(ev_str(e, "addr"), "0.0.0.0");
		ck_assert_str_eq(ev_str(e, "proto"), btf && kernel_has_btf() ? "UDP" : "?");
		ck_assert_int_eq(ev_int(e, "port"),
				 btf && kernel_has_btf() ? workload_value(&t, "port1") : 0);

		/* A port asked for is the port bound, BTF or not. */
		e = trace_one_int(&t, "fd", workload_value(&t, "fd2"));
		assert_binder(&t, e);
		ck_assert_int_eq(ev_int(e, "ip"), 6);
		ck_assert_str_eq(ev_str(e, "addr"), "::1");
		ck_assert_str_eq(ev_str(e, "proto"), btf && kernel_has_btf() ? "TCP" : "?");
		ck_assert_int_eq(ev_int(e, "port"), atoi(port));
		ck_assert_int_eq(workload_value(&t, "port2"), atoi(port));
		trace__free(&t);
	}
}
END_TEST

/* The same port twice: EADDRINUSE, shown with -x or --failed-only only. */
START_TEST(test_failed)
{
	char port[8];
	const char *wl[] = { "bind", "tcp", "127.0.0.1", free_port(port),
			     "tcp", "127.0.0.1", port, NULL };
	const char *with_failed[] = { "-x", "--json", NULL };
	const char *failed_only[] = { "--failed-only", "--json", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "bindsnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "ret2"), -EADDRINUSE);
	ck_assert_uint_eq(t.j.n, 1);
	e = trace_one_int(&t, "fd", workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "ret"), 0);
	ck_assert_int_eq(ev_int(e, "port"), atoi(port));
	trace__free(&t);

	trace_run(&t, "bindsnoop", with_failed, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	ck_assert_int_eq(ev_int(trace_one_int(&t, "fd", workload_value(&t, "fd1")),
				"ret"), 0);
	e = trace_one_int(&t, "fd", workload_value(&t, "fd2"));
	assert_binder(&t, e);
	ck_assert_int_eq(ev_int(e, "ret"), -EADDRINUSE);
	/* Not bound: what was asked for, on a TCP socket still (BTF says). */
	ck_assert_int_eq(ev_int(e, "port"), atoi(port));
	ck_assert_str_eq(ev_str(e, "addr"), "127.0.0.1");
	ck_assert_str_eq(ev_str(e, "proto"), kernel_has_btf() ? "TCP" : "?");
	ck_assert(!ev_bool(e, "bound"));
	trace__free(&t);

	trace_run(&t, "bindsnoop", failed_only, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	e = trace_one_int(&t, "fd", workload_value(&t, "fd2"));
	ck_assert_int_eq(ev_int(e, "ret"), -EADDRINUSE);
	trace__free(&t);
}
END_TEST

/* -P keeps the ports listed, in the kernel: the bound port for port 0. */
START_TEST(test_port_filter)
{
	char p1[8], p2[8], both[20];
	const char *wl[] = { "bind", "tcp", "127.0.0.1", free_port(p1),
			     "udp", "127.0.0.1", NULL, NULL };
	const char *one[] = { "--json", "-P", p1, NULL };
	const char *two[] = { "--json", "-P", both, NULL };
	const char *none[] = { "--json", "-P", "1,2,3", NULL };
	struct trace t;

	/* Two ports free at once: the second must differ from the first. */
	do
		free_port(p2);
	while (!strcmp(p1, p2));
	wl[6] = p2;
	snprintf(both, sizeof(both), "%s,%s", p2, p1);

	trace_run(&t, "bindsnoop", one, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	ck_assert_int_eq(ev_int(t.j.objs[0], "port"), atoi(p1));
	ck_assert_int_eq(ev_int(t.j.objs[0], "fd"), workload_value(&t, "fd1"));
	trace__free(&t);

	trace_run(&t, "bindsnoop", two, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 2);
	ck_assert_int_eq(ev_int(trace_one_int(&t, "fd", workload_value(&t, "fd2")),
				"port"), atoi(p2));
	trace__free(&t);

	trace_run(&t, "bindsnoop", none, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	trace__free(&t);
}
END_TEST

START_TEST(test_uid_filter)
{
	const char *wl[] = { "bind", "tcp", "127.0.0.1", "0", NULL };
	const char *root[] = { "--json", "-u", "0", NULL };
	const char *other[] = { "--json", "-u", "4242", NULL };
	struct trace t;

	trace_run(&t, "bindsnoop", root, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 1);
	assert_binder(&t, t.j.objs[0]);
	trace__free(&t);

	trace_run(&t, "bindsnoop", other, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_eq(t.j.n, 0);
	ck_assert_int_eq(workload_value(&t, "ret1"), 0);
	trace__free(&t);
}
END_TEST

/* -p PID, no command: this process's binds, and no one else's. */
START_TEST(test_pid_filter)
{
	char pid[16], row[128];
	const char *args[] = { "bindsnoop", "-p", pid, NULL };
	const char *wl[] = { self_path(), "workload", "bind", "tcp", "127.0.0.1",
			     "0", NULL };
	struct proc tool, other;
	struct sockaddr_in in = { .sin_family = AF_INET };
	socklen_t len = sizeof(in);
	int fd;

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	start_attached(&tool, args);
	/* Another process's bind, then ours. */
	ck_assert_int_eq(run(&other, (char *const *)wl, NULL), 0);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&in, sizeof(in)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&in, &len), 0);
	ck_assert_int_eq(proc__finish(&tool), 0);
	close(fd);

	/* Without BTF, what bind() was asked: port 0, of no known protocol */
	snprintf(row, sizeof(row), "%-7s %-16.16s %4d %-5s %-2s %-16s %5u\n",
		 pid, self_comm(), 0, kernel_has_btf() ? "UDP" : "?", "4", "127.0.0.1",
		 kernel_has_btf() ? ntohs(in.sin_port) : 0);
	ck_assert_msg(strstr(tool.out, row), "no row \"%s\" in:\n%s", row, tool.out);
	/* The workload's TCP bind is not ours. */
	ck_assert_msg(count_lines(tool.out, "TCP") == 0, "other binds shown:\n%s",
		      tool.out);
	proc__free(&other);
	proc__free(&tool);
}
END_TEST

START_TEST(test_text)
{
	static const char header[] =
		"PID     COMM              RET PROTO IP ADDR              PORT\n";
	const char *wl[] = { "bind", "tcp", "::1", "0", NULL };
	const char *flags[] = { "-t", "-U", NULL };
	char row[160];
	struct trace t;

	trace_run(&t, "bindsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	snprintf(row, sizeof(row), "%-7ld %-16.16s %4d %-5s %-2s %-16s %5ld\n",
		 workload_value(&t, "pid"), self_comm(), 0,
		 kernel_has_btf() ? "TCP" : "?", "6", "::1",
		 kernel_has_btf() ? workload_value(&t, "port1") : 0);
	ck_assert_msg(strstr(t.p.out, row), "no row \"%s\" in:\n%s", row, t.p.out);
	trace__free(&t);

	trace_run(&t, "bindsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, "TIME(s)   UID     PID ", 22), "header:\n%s",
		      t.p.out);
	trace__free(&t);
}
END_TEST

/* "barebpf bindsnoop: L events lost in all (...)": L, or -1. */
static long long summary_lost(const char *err)
{
	const char *p = strstr(err, "barebpf bindsnoop: ");
	long long n;

	for (; p; p = strstr(p + 1, "barebpf bindsnoop: "))
		if (sscanf(p, "barebpf bindsnoop: %lld events lost in all (", &n) == 1)
			return n;
	return -1;
}

/*
 * Behind a slow reader a one-page ring cannot hold 5000 binds: what is
 * not received is reported lost, to the event.
 */
START_TEST(test_lost_events_accounted)
{
	const char *wl[] = { "bind-many", "5000", NULL };
	const char *small[] = { "-b", "1", "--json", NULL };
	struct run_opts slow = { .stall_stdout_ms = 1500 };
	long long lost;
	struct trace t;

	trace_run_opts(&t, &slow, "bindsnoop", small, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "bound"), 5000);
	ck_assert_int_eq(trace_count(&t, "proto", kernel_has_btf() ? "UDP" : "?"), (int)t.j.n);
	lost = summary_lost(t.p.err);
	ck_assert_msg(lost > 0, "no loss summary on stderr:\n%s", t.p.err);
	ck_assert_msg((long long)t.j.n + lost == 5000,
		      "received %zu, lost %lld: not 5000", t.j.n, lost);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_input)
{
	const char *bad_port[] = { "-P", "80,http", NULL };
	const char *big_port[] = { "-P", "65536", NULL };
	const char *bad_pid[] = { "-p", "0", NULL };
	const char *bad_uid[] = { "-u", "-1", NULL };
	const char *stray[] = { "extra", NULL };
	const char *unknown[] = { "-Z", NULL };

	assert_bad_usage_naming("bindsnoop", bad_port, "invalid -P value '80,http'");
	assert_bad_usage_naming("bindsnoop", big_port, "invalid -P value '65536'");
	assert_bad_usage_naming("bindsnoop", bad_pid, "invalid -p value '0'");
	assert_bad_usage_naming("bindsnoop", bad_uid, "invalid -u value '-1'");
	assert_bad_usage_naming("bindsnoop", stray, "unexpected argument 'extra'");
	assert_bad_usage_naming("bindsnoop", unknown, "invalid option");
}
END_TEST

Suite *bindsnoop_suite(void)
{
	Suite *s = suite_create("bindsnoop");
	TCase *tc = tcase_create("events");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_loop_test(tc, test_listener_btf, 0, NET_CASES);
	tcase_add_loop_test(tc, test_listener_no_btf, 0, NET_CASES);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_udp_and_given_port);
	tcase_add_test(tc, test_failed);
	tcase_add_test(tc, test_port_filter);
	tcase_add_test(tc, test_uid_filter);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_lost_events_accounted);
	tcase_add_test(tc, test_bad_input);
	suite_add_tcase(s, tc);
	return s;
}
