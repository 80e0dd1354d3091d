// SPDX-License-Identifier: GPL-2.0
/* biosnoop: trace block I/O requests, with who made them and their latency. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "loader/format.h"
#include "progs/biosnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf biosnoop [-Qv] [-d DISK] [-p PID] [-t TID] [-b PAGES] [--json]\n"
"                        [-- COMMAND [ARGS...]]\n"
"Trace block I/O: each request's disk, direction, sector, size and latency.\n"
"\n"
"  -Q, --queued       include the time queued before issue (QUE(ms))\n"
"  -d, --disk DISK    this disk only (a name in /sys/class/block: sda, vda, nvme0n1)\n"
"  -p, --pid PID      requests made by this process only\n"
"  -t, --tid TID      requests made by this thread only\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where requests are found on this kernel\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"PID and COMM are the task that made the request (its I/O's submitter);\n"
"TIME(s) counts from the start of tracing; LAT(ms) is from issue to completion.\n"
"\n"
"examples:\n"
"  barebpf biosnoop                # every request on the system\n"
"  barebpf biosnoop -Q -d vda      # vda's, with the time queued\n"
"  barebpf biosnoop -- dd if=f of=/dev/null iflag=direct  # what dd reads\n";

static const struct option long_options[] = {
	{ "queued", no_argument, NULL, 'Q' },
	{ "disk", required_argument, NULL, 'd' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool queued, json;
	const char *disk;
	__u64 start_ns;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	if (opt == 'Q')
		env.queued = true;
	else if (opt == 'd')
		env.disk = arg;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID,
	.options = "Qd:",
	.long_options = long_options,
	.parse = parse_option,
};

/* "MAJ:MIN\n", as sysfs writes a dev file. */
static bool parse_dev(const char *s, unsigned int *major, unsigned int *minor)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end != ':' || v >= 1u << 12)
		return false;
	*major = (unsigned int)v;
	s = end + 1;
	v = strtoul(s, &end, 10);
	if (errno || end == s || (*end && *end != '\n') || v >= 1u << BIOSNOOP_MINOR_BITS)
		return false;
	*minor = (unsigned int)v;
	return true;
}

/*
 * -d NAME: the kernel's dev_t of the whole disk NAME. A partition's I/O
 * reaches the block layer as its disk's, so a partition is refused.
 * Returns 0, or -1 after a message (bad usage).
 */
static int disk_dev(const char *name, __u32 *dev)
{
	char path[PATH_MAX], buf[32];
	unsigned int major, minor;
	ssize_t n;
	int fd;

	if (!*name || strchr(name, '/') || name[0] == '.' ||
	    strlen(name) > NAME_MAX)
		goto bad;
	snprintf(path, sizeof(path), "/sys/class/block/%s/partition", name);
	if (!access(path, F_OK)) {
		tool_err("invalid -d value '%s': a partition; its requests are its disk's (give the disk)",
			 name);
		return -1;
	}
	snprintf(path, sizeof(path), "/sys/class/block/%s/dev", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto bad;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (!parse_dev(buf, &major, &minor))
		goto bad;
	*dev = BIOSNOOP_DEV(major, minor);
	return 0;
bad:
	tool_err("invalid -d value '%s': no such disk in /sys/class/block", name);
	return -1;
}

/*
 * The disk's name, as the kernel calls it (the last part of the link
 * /sys/dev/block/MAJ:MIN), looked up once per disk; "MAJ:MIN" when it
 * has none.
 */
static const char *disk_name(__u32 dev)
{
	static struct {
		__u32 dev;
		char name[NAME_MAX + 1];
	} cache[16];
	static unsigned int used;
	unsigned int i, major = BIOSNOOP_MAJOR(dev), minor = BIOSNOOP_MINOR(dev);
	char path[64], link[PATH_MAX], *base;
	ssize_t n;

	for (i = 0; i < used && i < ARRAY_SIZE(cache); i++)
		if (cache[i].dev == dev)
			return cache[i].name;
	i = used++ % ARRAY_SIZE(cache);
	cache[i].dev = dev;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major, minor);
	n = readlink(path, link, sizeof(link) - 1);
	base = NULL;
	if (n > 0) {
		link[n] = '\0';
		base = strrchr(link, '/');
		base = base ? base + 1 : link;
	}
	if (base && *base && strlen(base) < sizeof(cache[i].name))
		memcpy(cache[i].name, base, strlen(base) + 1);
	else
		snprintf(cache[i].name, sizeof(cache[i].name), "%u:%u", major, minor);
	return cache[i].name;
}

static void print_header(void)
{
	if (env.json)
		return;
	out_printf("%-11s %-14s %-7s %-7s %-4s %-10s %-7s ", "TIME(s)", "COMM",
		   "PID", "DISK", "T", "SECTOR", "BYTES");
	if (env.queued)
		out_printf("%7s ", "QUE(ms)");
	out_printf("%7s\n", "LAT(ms)");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	struct biosnoop_event e;
	const char *disk;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, sizeof(e), data, size))
		return;
	e.comm[sizeof(e.comm) - 1] = '\0';
	e.rwbs[sizeof(e.rwbs) - 1] = '\0';
	disk = disk_name(e.dev);
	if (env.json) {
		out_json_who(e.time_ns, e.pid, e.tid, -1, e.comm, sizeof(e.comm));
		out_str(",\"disk\":");
		out_json_str(disk, NAME_MAX + 1);
		out_printf(",\"major\":%u,\"minor\":%u,\"rwbs\":", BIOSNOOP_MAJOR(e.dev),
			   BIOSNOOP_MINOR(e.dev));
		out_json_str(e.rwbs, sizeof(e.rwbs));
		out_printf(",\"sector\":%llu,\"bytes\":%u,\"queue_ns\":%lld,"
			   "\"latency_ns\":%llu,\"error\":%d}\n",
			   (unsigned long long)e.sector, e.bytes, (long long)e.queue_ns,
			   (unsigned long long)e.latency_ns, e.error);
		return;
	}
	out_printf("%-11.6f ", e.time_ns > env.start_ns ?
		   (double)(e.time_ns - env.start_ns) / 1e9 : 0.0);
	out_esc_col(e.comm, sizeof(e.comm), 14);
	out_printf(" %-7u ", e.pid);
	out_esc_col(disk, NAME_MAX + 1, 7);
	out_char(' ');
	out_esc_col(e.rwbs, sizeof(e.rwbs), 4);
	out_printf(" %-10llu %-7u ", (unsigned long long)e.sector, e.bytes);
	if (env.queued)
		out_printf("%7.3f ", e.queue_ns < 0 ? -1.0 : (double)e.queue_ns / 1e6);
	out_printf("%7.3f\n", (double)e.latency_ns / 1e6);
}

/* Whether this kernel has block_io_start (6.5+), where requests are made. */
static bool has_io_start(void)
{
	struct tp_format *fmt = tp_format__load("block", "block_io_start");

	tp_format__free(fmt);
	return fmt != NULL;
}

int biosnoop_main(int argc, char **argv)
{
	struct biosnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	if (env.disk && disk_dev(env.disk, &cfg.dev))
		return usage_error(usage_text);
	env.json = o.json;
	cfg.who = o.who;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	cfg.made_at_start = has_io_start();
	if (o.verbose)
		tool_err(cfg.made_at_start ?
			 "note: requests are made at block_io_start: PID is the submitter's" :
			 "note: no block_io_start (before 6.5): PID is who inserted the request, or issued it when it skipped the scheduler");
	err = EXIT_FAIL;
	if (session__map(&s, "requests", BPF_MAP_TYPE_LRU_HASH,
			 sizeof(struct biosnoop_key), sizeof(struct biosnoop_request),
			 BIOSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, biosnoop_probes,
			     ARRAY_SIZE(biosnoop_probes), &cfg);
	if (!err)
		err = session__attach(&s, &biosnoop_make_probes[!cfg.made_at_start],
				      1, &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
