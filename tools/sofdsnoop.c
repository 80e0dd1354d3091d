// SPDX-License-Identifier: GPL-2.0
/* sofdsnoop: trace file descriptors passed over Unix sockets. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "loader/bpf.h"
#include "progs/sofdsnoop.h"
#include "tools/lib/args.h"
#include "tools/lib/clock.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/procfs.h"
#include "tools/lib/session.h"

static const char usage_text[] =
"usage: barebpf sofdsnoop [-Tv] [-p PID] [-t TID] [-n NAME] [-d SECONDS]\n"
"                         [-b PAGES] [--json] [-- COMMAND [ARGS...]]\n"
"Trace file descriptors passed over Unix sockets (SCM_RIGHTS): each one sent\n"
"or received, with the file it refers to.\n"
"\n"
"  -T, --timestamp    include seconds since tracing started\n"
"  -p, --pid PID      this process only\n"
"  -t, --tid TID      this thread only\n"
"  -n, --name NAME    only processes whose name contains NAME\n"
"  -d, --duration S   trace for S seconds, then exit\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --json         one JSON object per line\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say how files are named on this kernel\n"
"  -- COMMAND         run COMMAND, trace only its process tree, exit with its status\n"
"\n"
"FD is the sender's descriptor, or the receiver's new one; SOCKET the socket\n"
"it went through, as fd:file.\n"
"\n"
"examples:\n"
"  barebpf sofdsnoop               # every descriptor passed on the system\n"
"  barebpf sofdsnoop -T -p 181     # process 181's, with times\n"
"  barebpf sofdsnoop -- systemd-run true  # what a service start passes\n";

static const struct option long_options[] = {
	{ "timestamp", no_argument, NULL, 'T' },
	{ "name", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static struct env {
	bool timestamp, json;
	const char *name;
	__u64 start_ns;
} env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	if (opt == 'T')
		env.timestamp = true;
	else if (opt == 'n')
		env.name = arg;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_DURATION,
	.options = "Tn:",
	.long_options = long_options,
	.parse = parse_option,
};

static void print_header(void)
{
	if (env.json)
		return;
	if (env.timestamp)
		out_printf("%-14s ", "TIME(s)");
	out_printf("%-6s %-6s %-16s %-25s %-5s %s\n", "ACTION", "TID", "COMM",
		   "SOCKET", "FD", "NAME");
}

/*
 * The file behind the event's fd: named by the kernel when it could
 * (names, len bytes), else read from /proc while the process lives; ""
 * when neither can.
 */
static const char *file_name(const struct sofdsnoop_event *e, const char *names,
			     size_t len, char *buf, size_t size)
{
	if (e->name_state == PATHWALK_WHOLE &&
	    pathwalk_join(names, len, NULL, buf, size) >= 0)
		return buf;
	if (proc_path((pid_t)e->pid, e->fd, buf, size))
		return "";
	return buf;
}

static void print_event(const struct sofdsnoop_event *e, const char *name,
			const char *sock)
{
	const char *action = e->action == SOFD_SEND ? "SEND" : "RECV";
	char col[32];

	if (env.json) {
		out_json_who(e->time_ns, e->pid, e->tid, -1, e->comm, sizeof(e->comm));
		out_printf(",\"action\":\"%s\",\"sock_fd\":%d,\"socket\":", action,
			   e->sock_fd);
		out_json_str(sock, PATH_MAX);
		out_printf(",\"fd\":%d,\"name\":", e->fd);
		out_json_str(name, PATHWALK_MAX + PATH_MAX);
		out_str("}\n");
		return;
	}
	if (env.timestamp)
		out_printf("%-14.9f ", e->time_ns > env.start_ns ?
			   (double)(e->time_ns - env.start_ns) / 1e9 : 0.0);
	out_printf("%-6s %-6u ", action, e->tid);
	out_esc_col(e->comm, sizeof(e->comm), 16);
	/* "fd:file", 25 wide as bcc's; a file's name is the kernel's, escaped all the same */
	snprintf(col, sizeof(col), " %d:", e->sock_fd);
	out_str(col);
	out_esc_col(*sock ? sock : "N/A", PATH_MAX, 25 - (int)strlen(col) + 1);
	out_printf(" %-5d ", e->fd);
	out_esc(*name ? name : "N/A", PATHWALK_MAX + PATH_MAX);
	out_char('\n');
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static struct sofdsnoop_event e;
	static char name[PATHWALK_MAX + PATH_MAX], sock[PATH_MAX];
	const size_t head = offsetof(struct sofdsnoop_event, names);
	size_t len;

	(void)ctx;
	(void)cpu;
	if (size < head)
		return;
	if (size > sizeof(e))
		size = sizeof(e);
	memcpy(&e, data, size);
	e.comm[sizeof(e.comm) - 1] = '\0';
	/* perf pads a sample to 8 bytes: the names are name_len bytes of it. */
	len = size - head;
	if (e.name_len > len)
		e.name_state = PATHWALK_NONE;
	else
		len = e.name_len;
	if (e.cut)
		tool_err("%u descriptors passed in one call by pid %u not shown (at most %d a call)",
			 e.cut, e.pid, SOFD_MAX_FDS);
	if (e.unread)
		tool_err("a call by pid %u had more control messages than are read (%d): some descriptors may not be shown",
			 e.pid, SOFD_ROUNDS);
	if (env.name && !strstr(e.comm, env.name))
		return;
	if (proc_path((pid_t)e.pid, e.sock_fd, sock, sizeof(sock)))
		sock[0] = '\0';
	print_event(&e, file_name(&e, e.names, len, name, sizeof(name)), sock);
}

/*
 * The offsets for naming files in the kernel, or NULL for /proc, which
 * misses processes gone (or descriptors closed) before the event is read.
 */
static const struct pathwalk_offsets *load_walk(struct session *s)
{
	static struct pathwalk_offsets offsets;
	const struct btf *btf;
	char why[160];

	btf = session__btf(s, why, sizeof(why));
	if (!btf || pathwalk_offsets__from_btf(&offsets, btf, why, sizeof(why))) {
		if (s->opts.verbose)
			tool_err("note: NAME is read from /proc/PID/fd, which needs the process alive and the descriptor open: %s",
				 why);
		return NULL;
	}
	if (s->opts.verbose)
		tool_err("note: NAME is named in the kernel (offsets from BTF)");
	return &offsets;
}

/* The maps, and the emit program where the exits' tail calls find it. */
static int setup(struct session *s, struct sofdsnoop_config *cfg)
{
	__u32 zero = 0;
	int emit_fd, prog_fd, err;

	if (session__map(s, "sofds", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct sofdsnoop_pending), SOFD_IN_FLIGHT, 0) < 0 ||
	    session__map(s, "sofd_scratch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 sizeof(struct sofdsnoop_scratch), 1, 0) < 0)
		return EXIT_FAIL;
	emit_fd = session__map(s, "sofd_emit", BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1, 0);
	if (emit_fd < 0)
		return EXIT_FAIL;
	prog_fd = session__load(s, &sofdsnoop_emit_probe, cfg);
	if (prog_fd <= 0)
		return EXIT_FAIL;
	err = bpf_map_update_elem(emit_fd, &zero, &prog_fd, BPF_ANY);
	if (err) {
		tool_err("storing the emit program: %s", strerror(-err));
		return EXIT_FAIL;
	}
	return 0;
}

int sofdsnoop_main(int argc, char **argv)
{
	struct sofdsnoop_config cfg = { 0 };
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	struct session s;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	env.json = o.json;
	cfg.who = o.who;

	err = session__init(&s, &o);
	if (err)
		goto out;
	cfg.features = &s.features;
	cfg.walk = load_walk(&s);
	err = setup(&s, &cfg);
	if (err)
		goto out;
	err = session__start(&s, &cbs, sofdsnoop_probes,
			     ARRAY_SIZE(sofdsnoop_probes), &cfg);
	if (err)
		goto out;
	env.start_ns = monotonic_ns();
	print_header();
	err = session__run(&s);
out:
	return session__end(&s, err);
}
