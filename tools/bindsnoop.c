// SPDX-License-Identifier: GPL-2.0
/* bindsnoop: trace bind() on IPv4 and IPv6 sockets. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "progs/bindsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/inet.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf bindsnoop [-tUxv] [-p PID] [-u UID] [-P PORTS] [--failed-only]\n"
"                         [-d SECONDS] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace bind() on IPv4 and IPv6 sockets: who bound what, and the result.\n"
"\n"
"  -t, --timestamp    include seconds since tracing started\n"
"  -U, --print-uid    include a UID column\n"
"  -x, --failed       include failed binds (RET is -errno)\n"
"      --failed-only  failed binds only\n"
"  -p, --pid PID      this process only\n"
"  -u, --uid UID      this user id only\n"
"  -P, --ports PORTS  these ports only, comma-separated: 80,443\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where addresses come from\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"ADDR and PORT are what the socket got (port 0 shows the port picked) on a\n"
"kernel with BTF; without BTF, what the caller asked for, and PROTO is ?.\n"
"\n"
"examples:\n"
"  barebpf bindsnoop               # every successful bind\n"
"  barebpf bindsnoop -x -P 80,443  # binds of ports 80 and 443, failures too\n"
"  barebpf bindsnoop -- nginx      # what a server binds\n";

enum { OPT_FAILED_ONLY = TOOL_OPT_OWN };

static const struct option long_options[] = {
	{ "failed-only", no_argument, NULL, OPT_FAILED_ONLY },
	{ "ports", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, json;
	__u64 start_ns;
} env;

static __u16 ports[INET_PORTS_MAX];	/* -P, network order */

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct bindsnoop_config *cfg = ctx;

	switch (opt) {
	case OPT_FAILED_ONLY: cfg->failed_only = 1; break;
	case 'P':
		cfg->nr_ports = parse_ports("-P", arg, ports);
		return cfg->nr_ports < 0 ? -1 : 0;
	}
	return 0;
}

/* -x: failed binds too. */
static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_UID | TOOL_OPT_DURATION |
		  TOOL_OPT_TIMESTAMP | TOOL_OPT_PRINT_UID |
		  TOOL_OPT_FAILED,
	.options = "P:",
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
	out_printf("%-7s %-16s %4s %-5s %-2s %-16s %5s\n",
		   "PID", "COMM", "RET", "PROTO", "IP", "ADDR", "PORT");
}

static void print_event(const struct bindsnoop_event *e)
{
	char addr[INET_ADDR_STRLEN], num[8];
	const char *proto = inet_proto_name(e->type, e->protocol, num);

	inet_addr_str(e->ep.family, e->ep.addr, addr);
	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, e->uid, e->comm,
			     sizeof(e->comm));
		out_printf(",\"fd\":%d,\"ret\":%d,\"proto\":\"%s\",\"ip\":%d,"
			   "\"addr\":\"%s\",\"port\":%u,\"bound\":%s}\n",
			   e->fd, e->ret, proto, inet_ip(e->ep.family), addr,
			   inet_port(e->ep.port),
			   e->flags & BIND_FROM_SOCKET ? "true" : "false");
		return;
	}
	if (env.timestamp)
		out_printf("%-9.3f ", (double)(e->time_ns - env.start_ns) / 1e9);
	if (env.print_uid)
		out_printf("%-7u ", e->uid);
	out_printf("%-7u ", e->pid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %4d %-5s %-2s %-16s %5u\n", e->ret, proto, inet_version(e->ep.family), addr,
		   inet_port(e->ep.port));
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct bindsnoop_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	print_event(&e);
}

int bindsnoop_main(int argc, char **argv)
{
	static struct sockfd_offsets offsets;
	struct bindsnoop_config cfg = { .ports = ports };
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
	cfg.include_failed = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	btf = session__btf(&s, why, sizeof(why));
	if (btf && !sockfd_offsets__from_btf(&offsets, btf, why, sizeof(why)))
		cfg.sock = &offsets;
	if (o.verbose && cfg.sock)
		tool_err("note: addresses read from the socket (offsets from BTF)");
	else if (o.verbose)
		tool_err("note: addresses as the caller asked, no protocol: %s",
			 why);
	err = EXIT_FAIL;
	if (session__map(&s, "binds", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct bindsnoop_event), BINDSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, bindsnoop_probes,
			     ARRAY_SIZE(bindsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
