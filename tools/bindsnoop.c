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

enum { OPT_JSON = 256, OPT_FAILED_ONLY };

static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 't' },
	{ "print-uid", no_argument, NULL, 'U' },
	{ "failed", no_argument, NULL, 'x' },
	{ "failed-only", no_argument, NULL, OPT_FAILED_ONLY },
	{ "pid", required_argument, NULL, 'p' },
	{ "uid", required_argument, NULL, 'u' },
	{ "ports", required_argument, NULL, 'P' },
	{ "duration", required_argument, NULL, 'd' },
	{ "buffer", required_argument, NULL, 'b' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, json;
	__u64 start_ns;
} env;

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
		out_printf("{\"time_ns\":%llu,\"pid\":%u,\"tid\":%u,\"uid\":%u,\"comm\":",
			   (unsigned long long)e->time_ns, e->pid, e->tid, e->uid);
		out_json_str(e->comm, sizeof(e->comm));
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
	/* perf pads a sample to 8 bytes; anything shorter is no record. */
	if (size < sizeof(e))
		return;
	memcpy(&e, data, sizeof(e));
	e.comm[sizeof(e.comm) - 1] = '\0';
	print_event(&e);
}

int bindsnoop_main(int argc, char **argv)
{
	static struct sockfd_offsets offsets;
	static __u16 ports[INET_PORTS_MAX];
	struct bindsnoop_config cfg = {
		.who = { .pid = -1, .uid = -1 },
		.ports = ports,
	};
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct session s;
	size_t pages = 64;
	char **command, why[160];
	int opt, err, verbose = 0;
	long duration = 0;

	while ((opt = tool_getopt(argc, argv, "+tUxvhp:u:P:d:b:",
				  long_options)) != -1) {
		switch (opt) {
		case 't': env.timestamp = true; break;
		case 'U': env.print_uid = true; break;
		case 'x': cfg.include_failed = 1; break;
		case OPT_FAILED_ONLY: cfg.failed_only = 1; break;
		case 'v': verbose = 1; break;
		case OPT_JSON: env.json = true; break;
		case 'p':
			if (parse_long("bindsnoop", "-p", optarg, 1, INT_MAX, &cfg.who.pid))
				return usage_error(usage_text);
			break;
		case 'u':
			if (parse_long("bindsnoop", "-u", optarg, 0, 0xfffffffeL, &cfg.who.uid))
				return usage_error(usage_text);
			break;
		case 'P':
			cfg.nr_ports = parse_ports("bindsnoop", "-P", optarg, ports);
			if (cfg.nr_ports < 0)
				return usage_error(usage_text);
			break;
		case 'd':
			if (parse_long("bindsnoop", "-d", optarg, 1, INT_MAX, &duration))
				return usage_error(usage_text);
			break;
		case 'b':
			if (parse_pages("bindsnoop", optarg, &pages))
				return usage_error(usage_text);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		default:
			return usage_error(usage_text);
		}
	}
	command = command_after_options("bindsnoop", argc, argv, optind);
	if (command == (char **)-1)
		return usage_error(usage_text);

	err = session__init(&s, "bindsnoop");
	if (err)
		goto out;
	s.verbose = verbose;
	cfg.features = &s.features;
	cfg.who.tree = command != NULL;
	if (!sockfd_offsets__load(&offsets, why, sizeof(why)))
		cfg.sock = &offsets;
	if (verbose && cfg.sock)
		tool_err("bindsnoop", "note: addresses read from the socket (offsets from BTF)");
	else if (verbose)
		tool_err("bindsnoop", "note: addresses as the caller asked, no protocol: %s",
			 why);
	err = EXIT_FAIL;
	if (session__map(&s, "binds", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct bindsnoop_event), BINDSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, pages, &cbs, command, bindsnoop_probes,
			     PROBES_LEN(bindsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s, (int)duration);
out:
	session__close(&s);
	return session__exit_code(&s, err);
}
