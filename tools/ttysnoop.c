// SPDX-License-Identifier: GPL-2.0
/* ttysnoop: show what is written to a terminal device, by any process. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "progs/counters.h"
#include "progs/ttysnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf ttysnoop [-Cv] [-s SIZE] [-c COUNT] [-p PID] [-d SECONDS]\n"
"                        [-b PAGES] [--json] DEVICE [-- COMMAND [ARGS...]]\n"
"Show what any process writes to a terminal: DEVICE is its path\n"
"(/dev/pts/3, /dev/tty1) or the number of a pseudo-terminal (3).\n"
"\n"
"  -C, --noclear      do not clear the screen first\n"
"  -s, --datasize N   bytes per record, 1..16384 (default 256)\n"
"  -c, --datacount N  records per write, 1..64 (default 16): a write longer\n"
"                     than N times SIZE shows its start, and is counted\n"
"  -p, --pid PID      writes of this process only\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per record, the bytes escaped\n"
"  -v, --verbose      say what this kernel offers\n"
"  -- COMMAND         run COMMAND, show only its process tree's writes\n"
"\n"
"The bytes are printed as they were written, escape sequences and all:\n"
"that is the point of this tool, and it shows them on your terminal.\n"
"It needs the kernel's BTF (/sys/kernel/btf/vmlinux) to tell which device\n"
"a write goes to.\n"
"\n"
"examples:\n"
"  barebpf ttysnoop /dev/pts/2     # what is written to pts/2\n"
"  barebpf ttysnoop 2              # the same\n"
"  barebpf ttysnoop --json /dev/console  # the console's output, as JSON\n";

static const struct option long_options[] = {
	{ "noclear", no_argument, NULL, 'C' },
	{ "datasize", required_argument, NULL, 's' },
	{ "datacount", required_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool noclear, json;
	long size, count;
} env = { .size = 256, .count = 16 };

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	switch (opt) {
	case 'C':
		env.noclear = true;
		return 0;
	case 's':
		return parse_long("-s", arg, 1, TTYSNOOP_DATA_MAX, &env.size);
	case 'c':
		return parse_long("-c", arg, 1, TTYSNOOP_COUNT_MAX, &env.count);
	}
	return -1;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_PID | TOOL_OPT_BUFFER | TOOL_OPT_JSON | TOOL_OPT_VERBOSE |
		  TOOL_OPT_DURATION,
	.options = "Cs:c:",
	.long_options = long_options,
	.parse = parse_option,
	.operand = "DEVICE",
};

/*
 * DEVICE as the kernel numbers it in i_rdev: MAJOR << 20 | MINOR. A
 * number alone is /dev/pts/N, as bcc takes it. Returns 0, or -1 after
 * a message (bad usage).
 */
static int device_of(const char *dev, __u32 *rdev)
{
	char path[PATH_MAX];
	struct stat st;

	if (dev[0] && strspn(dev, "0123456789") == strlen(dev))
		snprintf(path, sizeof(path), "/dev/pts/%s", dev);
	else
		snprintf(path, sizeof(path), "%s", dev);
	if (stat(path, &st)) {
		tool_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISCHR(st.st_mode)) {
		tool_err("%s: not a character device", path);
		return -1;
	}
	*rdev = (__u32)(major(st.st_rdev) << 20 | minor(st.st_rdev));
	return 0;
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	const size_t head = sizeof(struct ttysnoop_event);
	struct ttysnoop_event e;
	const char *bytes = (const char *)data + head;

	(void)ctx;
	(void)cpu;
	if (!perf_sample_copy(&e, head, data, size) || e.len > size - head)
		return;
	if (!env.json) {
		/* The terminal's own bytes, as bcc's ttysnoop shows them. */
		out_write(bytes, e.len);
		return;
	}
	out_json_who(e.time_ns, e.pid, e.tid, e.uid, e.comm, sizeof(e.comm));
	out_printf(",\"fd\":%d,\"count\":%llu,\"offset\":%llu,\"data\":", e.fd,
		   (unsigned long long)e.count, (unsigned long long)e.offset);
	out_json_data(bytes, e.len);
	out_str("}\n");
}

/* The offsets to tell a write's device, or NULL after saying why not. */
static const struct ttysnoop_offsets *load_offsets(struct session *s)
{
	static struct ttysnoop_offsets offsets;
	const struct btf *btf;
	char why[160];

	btf = session__btf(s, why, sizeof(why));
	if (!btf || ttysnoop_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		tool_err("needs the kernel's BTF to tell which device a write goes to: %s",
			 why);
		return NULL;
	}
	return &offsets;
}

int ttysnoop_main(int argc, char **argv)
{
	struct ttysnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	__u64 cut;
	int err, fd;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	if (device_of(o.operand, &cfg.rdev))
		return usage_error(usage_text);
	env.json = o.json;
	cfg.who = o.who;
	cfg.self = (__u32)getpid();
	cfg.size = (__u32)env.size;
	cfg.count = (__u32)env.count;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	err = EXIT_FAIL;
	cfg.offsets = load_offsets(&s);
	if (!cfg.offsets)
		goto out;
	if (session__map(&s, "writes", BPF_MAP_TYPE_HASH, sizeof(__u32),
			 sizeof(struct ttysnoop_pending), TTYSNOOP_IN_FLIGHT, 0) < 0 ||
	    session__map(&s, "tty_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, sizeof(__u32),
			 ttysnoop_scratch_size(cfg.size), 1, 0) < 0 ||
	    (fd = session__map(&s, "tty_cut", BPF_MAP_TYPE_PERCPU_ARRAY, sizeof(__u32),
			       sizeof(__u64), 1, 0)) < 0)
		goto out;
	err = session__start(&s, &cbs, ttysnoop_probes, ARRAY_SIZE(ttysnoop_probes), &cfg);
	if (err)
		goto out;
	/* bcc clears the screen, that the terminal's bytes land on a clean one. */
	if (!env.noclear && !env.json && isatty(1))
		out_str("\033[H\033[2J");
	err = session__run(&s);
	/* A per-CPU array of one u64, as the counters map's are. */
	cut = counter_read(fd, (enum counter)0);
	if (cut)
		tool_err("%llu write%s longer than -s %ld times -c %ld bytes: only %s start shown",
			 (unsigned long long)cut, cut == 1 ? "" : "s", env.size,
			 env.count, cut == 1 ? "its" : "their");
out:
	return session__end(&s, err);
}
