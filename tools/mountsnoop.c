// SPDX-License-Identifier: GPL-2.0
/* mountsnoop: trace mount(), umount() and the fd-based mount API. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "progs/mountsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/json.h"
#include "tools/lib/localtime.h"
#include "tools/lib/mountcall.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf mountsnoop [-txv] [-p PID] [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace mount(), umount() and the fd-based mount API (fsopen, fsconfig,\n"
"fsmount, move_mount, fspick, open_tree): who, in which mount namespace,\n"
"with what arguments, and the result.\n"
"\n"
"  -t, --timestamp    include a time column (HH:MM:SS)\n"
"  -x, --failed       failed calls only\n"
"  -p, --pid PID      this process only\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say where MNT_NS comes from and which calls are missing\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"MNT_NS is the caller's mount namespace inode, as in /proc/PID/ns/mnt;\n"
"- when it could not be known.\n"
"\n"
"examples:\n"
"  barebpf mountsnoop              # every mount and umount on the system\n"
"  barebpf mountsnoop -x           # the ones that failed\n"
"  barebpf mountsnoop -- systemctl start tmp.mount\n";

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_FAILED | TOOL_OPT_TIMESTAMP,
};

static struct env {
	bool timestamp, json;
} env;

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-8s ", "TIME");
	out_printf("%-16s %-7s %-7s %-11s %s\n", "COMM", "PID", "TID", "MNT_NS",
		   "CALL");
}

/* The mount namespace of a live process, from /proc; 0 once it is gone. */
static __u64 proc_mnt_ns(__u32 pid)
{
	char path[64], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%u/ns/mnt", pid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 6 || strncmp(link, "mnt:[", 5))
		return 0;
	link[n] = '\0';
	return strtoull(link + 5, NULL, 10);
}

static void print_event(const struct mountsnoop_event *e, const struct mount_args *a)
{
	const char *name = mountsnoop_calls[e->call].name;
	int i;

	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, -1, e->comm,
			     sizeof(e->comm));
		out_printf(",\"mnt_ns\":%llu,\"call\":\"%s\",\"ret\":%d,\"args\":[",
			   (unsigned long long)e->mnt_ns, name, e->ret);
		for (i = 0; i < a->n; i++) {
			if (i)
				out_char(',');
			out_json_str(a->text[i], MOUNTSNOOP_STR_MAX);
		}
		out_str("]}\n");
		return;
	}
	if (env.timestamp) {
		char ts[16];

		out_printf("%-8s ", local_hms(ts, sizeof(ts)));
	}
	out_esc_col(e->comm, sizeof(e->comm), 16);
	out_printf(" %-7u %-7u ", e->pid, e->tid);
	if (e->mnt_ns)
		out_printf("%-11llu ", (unsigned long long)e->mnt_ns);
	else
		out_printf("%-11s ", "-");
	out_printf("%s(", name);
	for (i = 0; i < a->n; i++) {
		if (i)
			out_str(", ");
		if (a->string[i])
			out_esc_quoted(a->text[i], MOUNTSNOOP_STR_MAX);
		else
			out_esc(a->text[i], MOUNTSNOOP_STR_MAX);
	}
	out_printf(") = %d\n", e->ret);
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static struct mountsnoop_event e;
	static struct mount_args a;
	const size_t head = offsetof(struct mountsnoop_event, str);
	size_t len;

	(void)ctx;
	(void)cpu;
	if (size < head)
		return;
	if (size > sizeof(e))
		size = sizeof(e);
	memcpy(&e, data, size);
	if (e.call >= NR_MOUNT_CALLS)
		return;
	/* Never trust a length over the bytes that came, nor a last string unended. */
	len = e.str_len < size - head ? e.str_len : size - head;
	if (len)
		e.str[len - 1] = '\0';
	e.comm[sizeof(e.comm) - 1] = '\0';
	if (!e.mnt_ns)
		e.mnt_ns = proc_mnt_ns(e.pid);
	mount_args_decode(&e, len, &a);
	print_event(&e, &a);
}

int mountsnoop_main(int argc, char **argv)
{
	static struct mountsnoop_offsets offsets;
	struct mountsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	const struct btf *btf;
	char why[160];
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	env.timestamp = o.timestamp;
	cfg.who = o.who;
	cfg.failed_only = o.failed;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	btf = session__btf(&s, why, sizeof(why));
	if (btf && !mountsnoop_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		cfg.offsets = &offsets;
		if (o.verbose)
			tool_err("note: MNT_NS read in the kernel "
				 "(offsets from BTF)");
	} else if (o.verbose) {
		tool_err("note: MNT_NS read from /proc/PID/ns/mnt, "
			 "which needs the caller alive: %s", why);
	}
	err = EXIT_FAIL;
	if (session__map(&s, "mount_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 sizeof(struct mountsnoop_event), 1, 0) < 0 ||
	    session__map(&s, "mounts", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct mountsnoop_pending), MOUNTSNOOP_IN_FLIGHT, 0) < 0)
		goto out;
	err = session__start(&s, &cbs, mountsnoop_probes,
			     ARRAY_SIZE(mountsnoop_probes), &cfg);
	if (err)
		goto out;
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
