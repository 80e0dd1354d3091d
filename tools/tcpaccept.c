// SPDX-License-Identifier: GPL-2.0
/* tcpaccept: trace accept() of TCP connections, by the accepting process. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "progs/tcpaccept.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/inet.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf tcpaccept [-tU46v] [-p PID] [-u UID] [-P PORTS]\n"
"                         [-d SECONDS] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace accept() and accept4() of TCP connections: who accepted whom, where.\n"
"\n"
"  -t, --timestamp    include seconds since tracing started\n"
"  -U, --print-uid    include a UID column\n"
"  -4, --ipv4         IPv4 only\n"
"  -6, --ipv6         IPv6 only (IPv4-mapped peers of IPv6 sockets too)\n"
"  -p, --pid PID      this process only\n"
"  -u, --uid UID      this user id only\n"
"  -P, --port PORTS   these local ports only, comma-separated: 80,443\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where addresses come from\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"PID and COMM are the process that called accept(). With BTF, both ends come\n"
"from the new socket, so accept(fd, NULL, NULL) shows them too. Without BTF,\n"
"RADDR is what the kernel wrote to the caller's buffer: an accept with no\n"
"buffer is not shown, and one whose connection came before tracing began\n"
"shows LADDR ? and LPORT 0.\n"
"\n"
"examples:\n"
"  barebpf tcpaccept               # every TCP accept\n"
"  barebpf tcpaccept -P 80,443 -t  # on local ports 80 and 443, with times\n"
"  barebpf tcpaccept -- sshd -D    # what a server accepts\n";

static const struct option long_options[] = {
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "port", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, json;
	__u64 start_ns;
} env;

static __u16 ports[INET_PORTS_MAX];	/* -P, network order */

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct tcpaccept_config *cfg = ctx;

	switch (opt) {
	case '4':
	case '6':
		return parse_family(opt, &cfg->family);
	case 'P':
		cfg->nr_ports = parse_ports("-P", arg, ports);
		return cfg->nr_ports < 0 ? -1 : 0;
	}
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_UID | TOOL_OPT_DURATION |
		  TOOL_OPT_TIMESTAMP | TOOL_OPT_PRINT_UID,
	.options = "46P:",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-9s ", "TIME(s)");
	if (env.print_uid)
		out_printf("%-7s ", "UID");
	out_printf("%-7s %-16s %-2s %-16s %-5s %-16s %-5s\n", "PID", "COMM", "IP",
		   "RADDR", "RPORT", "LADDR", "LPORT");
}

static void print_event(const struct tcpaccept_event *e)
{
	char raddr[INET_ADDR_STRLEN], laddr[INET_ADDR_STRLEN];

	inet_addr_str(e->remote.family, e->remote.addr, raddr);
	inet_addr_str(e->local.family, e->local.addr, laddr);
	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, e->uid, e->comm,
			     sizeof(e->comm));
		out_printf(",\"fd\":%d,\"listen_fd\":%d,\"ip\":%d,\"raddr\":\"%s\","
			   "\"rport\":%u,\"laddr\":\"%s\",\"lport\":%u}\n",
			   e->ret, e->fd, inet_ip(e->remote.family), raddr,
			   inet_port(e->remote.port), laddr, inet_port(e->local.port));
		return;
	}
	if (env.timestamp)
		out_printf("%-9.3f ", (double)(e->time_ns - env.start_ns) / 1e9);
	if (env.print_uid)
		out_printf("%-7u ", e->uid);
	out_printf("%-7u ", e->pid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %-2s %-16s %-5u %-16s %-5u\n", inet_version(e->remote.family), raddr, inet_port(e->remote.port),
		   laddr, inet_port(e->local.port));
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct tcpaccept_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	print_event(&e);
}

int tcpaccept_main(int argc, char **argv)
{
	static struct sockfd_offsets offsets;
	struct tcpaccept_config cfg = { .ports = ports };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	const struct btf *btf;
	char why[160];
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, &cfg);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	env.print_uid = o.print_uid;
	cfg.who = o.who;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	btf = session__btf(&s, why, sizeof(why));
	if (btf && !sockfd_offsets__from_btf(&offsets, btf, why, sizeof(why)))
		cfg.sock = &offsets;
	if (o.verbose && cfg.sock)
		tool_err("note: addresses read from the new socket (offsets from BTF)");
	else if (o.verbose)
		tool_err("note: peers from the caller's buffer, local ends from "
			 "connection set-up; accepts without a buffer are not shown: %s",
			 why);
	err = EXIT_FAIL;
	if (session__map(&s, "accepts", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct tcpaccept_event), TCPACCEPT_IN_FLIGHT, 0) < 0 ||
	    (!cfg.sock &&
	     session__map(&s, "peers", BPF_MAP_TYPE_LRU_HASH, sizeof(struct inet_ep),
			  sizeof(struct inet_ep), TCPACCEPT_PEERS, 0) < 0))
		goto out;
	/* With BTF the new socket has both ends: no peer program. */
	err = session__start(&s, &cbs, tcpaccept_probes + (cfg.sock ? 1 : 0),
			     ARRAY_SIZE(tcpaccept_probes) - (cfg.sock ? 1 : 0), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
