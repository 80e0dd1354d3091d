/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the network tools' suites share: the run without BTF, free ports,
 * events found by an integer member, the usage errors.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_NET_H
#define BAREBPF_TESTS_INTEGRATION_NET_H

#include "tests/integration/trace.h"

/* Run options with BAREBPF_NO_BTF=1: the tools' fallbacks. */
extern const struct run_opts no_btf;

/* The loopback addresses each test runs over, and how each is listened on. */
struct net_case {
	const char *addr;	/* connected to, as the tools print it */
	const char *listen;	/* bound to: "::" for an IPv4-mapped one */
	int ip;			/* the "ip" member: 4 or 6 */
};

#define NET_CASES 3
extern const struct net_case net_cases[NET_CASES];

/* A port nothing was bound to on 127.0.0.1 a moment ago, as text. */
const char *free_port(char buf[8]);

/* Events whose integer member key is value. */
int trace_count_int(const struct trace *t, const char *key, long long value);

/* The one event whose integer member key is value (asserts one). */
const struct json_object *trace_one_int(const struct trace *t, const char *key,
					long long value);

/*
 * Start barebpf TOOL ARGS... -d 2 (text, no command) and wait until its
 * header is out: its programs are attached from then on.
 */
void start_attached(struct proc *tool, const char *const *args);

#endif /* BAREBPF_TESTS_INTEGRATION_NET_H */
