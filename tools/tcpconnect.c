// SPDX-License-Identifier: GPL-2.0
/* tcpconnect: trace TCP connect() calls, or count them in the kernel. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "loader/bpf.h"
#include "progs/tcpconnect.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/inet.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf tcpconnect [-tUscx46v] [-p PID] [-u UID] [-P PORTS]\n"
"                          [-d SECONDS] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace TCP connect() calls: who connected where, from which address.\n"
"\n"
"  -t, --timestamp    include seconds since tracing started\n"
"  -U, --print-uid    include a UID column\n"
"  -s, --source-port  include the source port (with -c: count by it too)\n"
"  -c, --count        count connects per source, destination and port, in\n"
"                     the kernel; print the counts at the end\n"
"  -x, --failed       failed connects only (an error other than EINPROGRESS),\n"
"                     with an ERR column\n"
"  -4, --ipv4         IPv4 only\n"
"  -6, --ipv6         IPv6 only\n"
"  -p, --pid PID      this process only\n"
"  -u, --uid UID      this user id only\n"
"  -P, --port PORTS   these destination ports only, comma-separated: 80,443\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where the source port comes from\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"A connect is shown once it sent a SYN, as it returns: a non-blocking one\n"
"shows the attempt (ret -115, EINPROGRESS in JSON).\n"
"\n"
"examples:\n"
"  barebpf tcpconnect               # every TCP connect\n"
"  barebpf tcpconnect -P 80,443 -s  # to ports 80 and 443, with source ports\n"
"  barebpf tcpconnect -c -d 10      # counts over 10 seconds\n"
"  barebpf tcpconnect -- curl -s http://example.com/\n";

static const struct option long_options[] = {
	{ "source-port", no_argument, NULL, 's' },
	{ "count", no_argument, NULL, 'c' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "port", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, print_uid, sport, failed, json;
	__u64 start_ns;
} env;

static __u16 ports[INET_PORTS_MAX];	/* -P, network order */

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct tcpconnect_config *cfg = ctx;

	switch (opt) {
	case 's': env.sport = true; break;
	case 'c': cfg->count = 1; break;
	case '4':
	case '6':
		return parse_family(opt, &cfg->family);
	case 'P':
		cfg->nr_ports = parse_ports("-P", arg, ports);
		return cfg->nr_ports < 0 ? -1 : 0;
	}
	return 0;
}

/* -x: failed connects only, with an ERR column. */
static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_UID | TOOL_OPT_DURATION |
		  TOOL_OPT_TIMESTAMP | TOOL_OPT_PRINT_UID |
		  TOOL_OPT_FAILED,
	.options = "sc46P:",
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
	out_printf("%-7s %-16s %-2s %-16s %-16s", "PID", "COMM", "IP", "SADDR",
		   "DADDR");
	if (env.sport)
		out_printf(" %-5s", "SPORT");
	out_printf(" %-5s%s\n", "DPORT", env.failed ? " ERR" : "");
}

static void print_event(const struct tcpconnect_event *e)
{
	char saddr[INET_ADDR_STRLEN], daddr[INET_ADDR_STRLEN];

	inet_addr_str(e->src.family, e->src.addr, saddr);
	inet_addr_str(e->dst.family, e->dst.addr, daddr);
	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, e->uid, e->comm,
			     sizeof(e->comm));
		out_printf(",\"ip\":%d,\"saddr\":\"%s\",\"sport\":%u,\"daddr\":\"%s\","
			   "\"dport\":%u,\"ret\":%d}\n", inet_ip(e->dst.family),
			   saddr, inet_port(e->src.port), daddr,
			   inet_port(e->dst.port), e->ret);
		return;
	}
	if (env.timestamp)
		out_printf("%-9.3f ", (double)(e->time_ns - env.start_ns) / 1e9);
	if (env.print_uid)
		out_printf("%-7u ", e->uid);
	out_printf("%-7u ", e->pid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %-2s %-16s %-16s", inet_version(e->dst.family), saddr, daddr);
	if (env.sport)
		out_printf(" %-5u", inet_port(e->src.port));
	out_printf(" %-5u", inet_port(e->dst.port));
	if (env.failed)
		out_printf(" %d", -e->ret);
	out_char('\n');
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct tcpconnect_event e;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	print_event(&e);
}

struct count {
	struct tcpconnect_key key;
	__u64 n;
};

/* Most connects first; then by key, so equal counts print in a fixed order. */
static int by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return memcmp(&x->key, &y->key, sizeof(x->key));
}

/* -c: read "counts" whole, print it sorted. Returns 0 or an exit code. */
static int print_counts(int fd)
{
	struct count *c = calloc(TCPCONNECT_COUNT_KEYS, sizeof(*c));
	struct tcpconnect_key key, next;
	char saddr[INET_ADDR_STRLEN], daddr[INET_ADDR_STRLEN];
	const void *prev = NULL;
	size_t n = 0, i;

	if (!c) {
		tool_err("reading counts: out of memory");
		return EXIT_FAIL;
	}
	while (n < TCPCONNECT_COUNT_KEYS &&
	       bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		c[n].key = key;
		if (bpf_map_lookup_elem(fd, &key, &c[n].n) == 0)
			n++;
	}
	qsort(c, n, sizeof(*c), by_count);
	if (!env.json) {
		out_printf("%-25s %-25s", "LADDR", "RADDR");
		if (env.sport)
			out_printf(" %-5s", "LPORT");
		out_printf(" %-5s %s\n", "RPORT", "CONNECTS");
	}
	for (i = 0; i < n; i++) {
		const struct tcpconnect_key *k = &c[i].key;

		inet_addr_str(k->family, k->saddr, saddr);
		inet_addr_str(k->family, k->daddr, daddr);
		if (env.json) {
			out_printf("{\"ip\":%d,\"saddr\":\"%s\",\"sport\":%u,"
				   "\"daddr\":\"%s\",\"dport\":%u,\"connects\":%llu}\n",
				   inet_ip(k->family), saddr, inet_port(k->sport),
				   daddr, inet_port(k->dport),
				   (unsigned long long)c[i].n);
			continue;
		}
		out_printf("%-25s %-25s", saddr, daddr);
		if (env.sport)
			out_printf(" %-5u", inet_port(k->sport));
		out_printf(" %-5u %llu\n", inet_port(k->dport),
			   (unsigned long long)c[i].n);
	}
	free(c);
	if (out_flush()) {
		tool_err("writing output: %s", strerror(-out_flush()));
		return EXIT_FAIL;
	}
	return 0;
}

int tcpconnect_main(int argc, char **argv)
{
	static struct sockfd_offsets offsets;
	struct tcpconnect_config cfg = { .ports = ports };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	const struct btf *btf;
	char why[160];
	int err, counts_fd = -1;

	err = tool_opts__parse(&o, &spec, argc, argv, &cfg);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	env.print_uid = o.print_uid;
	env.failed = o.failed;
	cfg.who = o.who;
	cfg.failed_only = o.failed;
	cfg.count_sport = cfg.count && env.sport;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	btf = session__btf(&s, why, sizeof(why));
	if (btf && !sockfd_offsets__from_btf(&offsets, btf, why, sizeof(why)))
		cfg.sock = &offsets;
	if (o.verbose && cfg.sock)
		tool_err("note: source ports read from the socket (offsets from BTF)");
	else if (o.verbose)
		tool_err("note: a non-blocking connect shows source port 0: %s",
			 why);
	err = EXIT_FAIL;
	if (session__map(&s, "conns", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct tcpconnect_event), TCPCONNECT_IN_FLIGHT, 0) < 0 ||
	    session__map(&s, "connecting", BPF_MAP_TYPE_LRU_HASH, 8, 4,
			 TCPCONNECT_IN_FLIGHT, 0) < 0)
		goto out;
	if (cfg.count) {
		counts_fd = session__map(&s, "counts", BPF_MAP_TYPE_HASH,
					 sizeof(struct tcpconnect_key), 8,
					 TCPCONNECT_COUNT_KEYS, 0);
		if (counts_fd < 0)
			goto out;
	}
	err = session__start(&s, &cbs, tcpconnect_probes,
			     ARRAY_SIZE(tcpconnect_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	if (!cfg.count)
		print_header();
	err = session__run(&s);
	if (!err && cfg.count)
		err = print_counts(counts_fd);
out:
	return session__end(&s, err);
}
