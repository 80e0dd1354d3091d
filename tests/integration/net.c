// SPDX-License-Identifier: GPL-2.0
/* Helpers of the bindsnoop, tcpconnect and tcpaccept suites. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <check.h>
#include "tests/integration/net.h"

static const char *const no_btf_env[] = { "BAREBPF_NO_BTF=1", NULL };

const struct run_opts no_btf = { .env = no_btf_env };

const struct net_case net_cases[NET_CASES] = {
	{ "127.0.0.1", "127.0.0.1", 4 },
	{ "::1", "::1", 6 },
	{ "::ffff:127.0.0.1", "::", 6 },
};

const char *free_port(char buf[8])
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&in, sizeof(in)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&in, &len), 0);
	close(fd);
	snprintf(buf, 8, "%u", ntohs(in.sin_port));
	return buf;
}

int trace_count_int(const struct trace *t, const char *key, long long value)
{
	long long v;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++)
		if (json_int(t->j.objs[i], key, &v) && v == value)
			n++;
	return n;
}

const struct json_object *trace_one_int(const struct trace *t, const char *key,
					long long value)
{
	const struct json_object *found = NULL;
	long long v;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++) {
		if (json_int(t->j.objs[i], key, &v) && v == value) {
			found = t->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d events with %s %lld, not 1; output:\n%s\nstderr:\n%s",
		      n, key, value, t->p.out, t->p.err);
	return found;
}

void start_attached(struct proc *tool, const char *const *args)
{
	struct args a = { .n = 0 };

	args__add(&a, barebpf_path(), NULL);
	args__addv(&a, args);
	args__add(&a, "-d", "2", NULL);
	ck_assert_int_eq(proc__start(tool, a.v, NULL), 0);
	ck_assert_msg(proc__wait_for(tool, false, "PID", 10000),
		      "no header; stderr:\n%s", tool->err);
}
