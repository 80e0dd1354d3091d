// SPDX-License-Identifier: GPL-2.0
/* The life of a tracing tool around its programs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "asm/disasm.h"
#include "loader/attach.h"
#include "loader/btf.h"
#include "loader/kprobe.h"
#include "loader/bpf.h"
#include "loader/prog.h"
#include "loader/tracefs.h"
#include "progs/counters.h"
#include "progs/tree.h"
#include "tools/lib/args.h"
#include "tools/lib/child.h"
#include "tools/lib/clock.h"
#include "tools/lib/config.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38	/* 5.8 */
#endif
#ifndef CAP_BPF
#define CAP_BPF 39	/* 5.8 */
#endif

static bool has_cap(const struct __user_cap_data_struct *data, int cap)
{
	return data[cap / 32].effective & (1u << (cap % 32));
}

/* Tracing needs CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON since 5.8. */
static bool privileged(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return geteuid() == 0;
	return has_cap(data, CAP_SYS_ADMIN) ||
	       (has_cap(data, CAP_BPF) && has_cap(data, CAP_PERFMON));
}

int session_check_privilege(void)
{
	if (privileged())
		return 0;
	tool_err("permission denied: run as root, or with CAP_BPF and CAP_PERFMON (CAP_SYS_ADMIN before 5.8)");
	return EXIT_FAIL;
}

int session_check_tracefs(void)
{
	if (tool_tracefs())
		return 0;
	/* tracefs is mode 0700: CAP_BPF and CAP_PERFMON do not open it. */
	if (tracefs_denied())
		tool_err("tracefs at %s is mounted but not readable (%s): run as root, or add CAP_DAC_READ_SEARCH to CAP_BPF and CAP_PERFMON",
			 tracefs_denied(), strerror(errno));
	else
		tool_err("no tracefs: none is mounted, and mounting it at /sys/kernel/tracing (or debugfs at /sys/kernel/debug) failed: %s",
			 strerror(errno));
	return EXIT_FAIL;
}

/* What BAREBPF_FORCE_* forces (tools/lib/config.h), as prog_features takes it. */
static unsigned int forced(void)
{
	return (tool_config.force_probe_read ? PROG_FORCE_PROBE_READ : 0) |
	       (tool_config.force_unroll ? PROG_FORCE_UNROLL : 0) |
	       (tool_config.force_prealloc ? PROG_FORCE_PREALLOC : 0);
}

int session__probe(struct session *s, unsigned int probes)
{
	int err = prog_features__probe_more(&s->features, probes);

	if (err) {
		tool_err("probing BPF helpers: %s", strerror(-err));
		return EXIT_FAIL;
	}
	return 0;
}

int session__init(struct session *s, const struct tool_opts *o)
{
	return session__init_probing(s, o, PROG_PROBE_READ | PROG_PROBE_LOOPS);
}

int session__init_probing(struct session *s, const struct tool_opts *o,
			  unsigned int probes)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->opts = *o;
	s->events_fd = s->counters_fd = s->tree_fd = -1;
	s->child.release_fd = s->child.exec_fd = -1;
	if (session_check_privilege())
		return EXIT_FAIL;
	err = raise_memlock_rlimit();
	if (err)
		tool_err("raising RLIMIT_MEMLOCK: %s (maps may fail to load)",
			 strerror(-err));
	if (session_check_tracefs())
		return EXIT_FAIL;
	prog_features__init(&s->features, forced());
	if (session__probe(s, probes))
		return EXIT_FAIL;
	s->log_level = tool_config.verifier_log;
	wait_signals_install(&s->wait_sigmask);
	s->events_fd = perfbuf_map_create("events");
	s->counters_fd = counters_map_create();
	if (s->events_fd < 0 || s->counters_fd < 0) {
		tool_err("creating maps: %s",
			 strerror(-(s->events_fd < 0 ? s->events_fd : s->counters_fd)));
		return EXIT_FAIL;
	}
	s->maps[0].name = "events";
	s->maps[0].fd = s->events_fd;
	s->maps[1].name = "counters";
	s->maps[1].fd = s->counters_fd;
	s->nr_maps = 2;
	return 0;
}

int session__map(struct session *s, const char *name, enum bpf_map_type type,
		 __u32 key_size, __u32 value_size, __u32 max_entries,
		 __u32 flags)
{
	int fd;

	if (s->nr_maps == SESSION_MAX_MAPS) {
		tool_err("creating map %s: too many maps", name);
		return -1;
	}
	/*
	 * Preallocating a hash map takes milliseconds at start-up (the
	 * tree's 16384 entries; a per-CPU allocation for each entry of a
	 * per-CPU one): where every program type takes one that fills as
	 * it goes (6.1), it does. LRU maps are preallocated always.
	 */
	if ((type == BPF_MAP_TYPE_HASH || type == BPF_MAP_TYPE_PERCPU_HASH) &&
	    !(flags & BPF_F_NO_PREALLOC)) {
		if (session__probe(s, PROG_PROBE_PREALLOC))
			return -1;
		if (s->features.hash_no_prealloc)
			flags |= BPF_F_NO_PREALLOC;
	}
	fd = bpf_map_create(type, name, key_size, value_size, max_entries, flags);
	if (fd < 0) {
		tool_err("creating map %s: %s", name, strerror(-fd));
		return -1;
	}
	s->maps[s->nr_maps].name = name;
	s->maps[s->nr_maps].fd = fd;
	s->nr_maps++;
	return fd;
}

int session__spawn(struct session *s)
{
	__u32 one = 1, pid;
	int err;

	s->tree_fd = session__map(s, "tree", BPF_MAP_TYPE_HASH, sizeof(__u32),
				  sizeof(__u32), TREE_MAX_ENTRIES, 0);
	if (s->tree_fd < 0)
		return EXIT_FAIL;
	err = held_child__spawn(&s->child, s->opts.command, &s->wait_sigmask);
	if (err)
		return err;
	pid = (__u32)s->child.pid;
	err = bpf_map_update_elem(s->tree_fd, &pid, &one, BPF_ANY);
	if (err) {
		tool_err("adding pid %u to the tree: %s", pid,
			 strerror(-err));
		return EXIT_FAIL;
	}
	if (s->own_tree)
		return 0;
	return session__attach(s, tree_probes, s->tree_exit_by_tool ? 1 : 2,
			       NULL);
}

static void print_rejection(const struct probe *p, const struct builder *b,
			    int err, const char *log)
{
	int failing = log ? verifier_log__failing_insn(log) : -1;
	const char *line = log;
	char text[160];
	size_t i;
	int n;

	tool_err("the kernel refused program %s for %s:%s: %s",
		 p->name, p->system, p->event, strerror(-err));
	if (line && *line) {
		fprintf(stderr, "verifier log:\n");
		while (*line) {
			const char *nl = strchr(line, '\n');
			int len = nl ? (int)(nl - line) : (int)strlen(line);

			fprintf(stderr, "  %.*s\n", len, line);
			line += len + (nl ? 1 : 0);
		}
	}
	fprintf(stderr, "program %s (%zu instructions)%s:\n", p->name, b->len,
		failing >= 0 ? ", => marks where the verifier stopped" : "");
	for (i = 0; i < b->len; i += (size_t)n) {
		n = disasm_insn_str(&b->insns[i], b->len - i, text, sizeof(text));
		fprintf(stderr, "%s%4zu: %s\n", (int)i == failing ? "=> " : "   ",
			i, text);
	}
}

/*
 * The entry of a program this session loaded with the same type and
 * bytes as b's, or -1. Its maps are the session's, so the same bytes do
 * the same thing: one program serves both events, verified once, which
 * saves the verifier's milliseconds where a big program repeats
 * (sofdsnoop's recvmsg and recvmmsg exits).
 */
static int loaded_twin(const struct session *s, enum bpf_prog_type type,
		       const struct builder *b)
{
	int i;

	for (i = 0; i < s->nr_progs; i++)
		if (s->progs[i].insns && s->progs[i].type == type &&
		    s->progs[i].len == b->len &&
		    !memcmp(s->progs[i].insns, b->insns, b->len * sizeof(*b->insns)))
			return i;
	return -1;
}

/*
 * Load p's program and, unless load_only, attach it. Returns the
 * program fd, 0 for an optional event this kernel lacks, or -1 (printed).
 */
static int attach_one(struct session *s, const struct probe *p, void *ctx,
		      bool load_only)
{
	struct bpf_prog_load_opts opts = { .name = p->name };
	bool kprobe = p->flags & PROBE_KPROBE;
	enum bpf_prog_type type = kprobe ? BPF_PROG_TYPE_KPROBE :
		p->flags & PROBE_RAW ? BPF_PROG_TYPE_RAW_TRACEPOINT :
		BPF_PROG_TYPE_TRACEPOINT;
	struct tp_format *fmt = NULL;
	struct prog_log log = { .level = s->log_level };
	struct bpf_insn *insns = NULL;
	struct builder b;
	int i, fd, twin, perf_fd = -1, ret = -1;

	/* Kernels before 5.0 load a kprobe program for their own version only. */
	if (kprobe)
		opts.kern_version = kernel_version_code();
	else
		fmt = tp_format__load(p->system, p->event);
	if (!kprobe && !fmt) {
		if (errno == ENOENT && (p->flags & PROBE_OPTIONAL)) {
			if (s->opts.verbose)
				tool_err("note: no tracepoint %s:%s on this kernel, skipped",
					 p->system, p->event);
			return 0;
		}
		tool_err("tracepoint %s:%s: %s", p->system, p->event,
			 errno == ENOENT ? "not found on this kernel" : strerror(errno));
		return -1;
	}
	if (s->nr_progs == SESSION_MAX_PROBES) {
		tool_err("too many programs");
		goto out_fmt;
	}
	builder__init(&b);
	for (i = 0; i < s->nr_maps; i++)
		builder__map(&b, s->maps[i].name, s->maps[i].fd);
	if (p->build(&b, fmt, ctx) || builder__finish(&b)) {
		tool_err("building program %s: %s", p->name,
			 b.errmsg[0] ? b.errmsg : "failed");
		goto out_builder;
	}
	twin = loaded_twin(s, type, &b);
	if (twin >= 0) {
		fd = s->progs[twin].prog_fd;
		if (s->log_level)
			fprintf(stderr, "verifier log of %s (%s:%s): the program of %s, loaded once\n",
				p->name, p->system, p->event, s->progs[twin].name);
	} else {
		insns = malloc(b.len * sizeof(*insns));
		if (!insns) {
			tool_err("building program %s: %s", p->name, strerror(ENOMEM));
			goto out_builder;
		}
		memcpy(insns, b.insns, b.len * sizeof(*insns));
		fd = prog_load(type, b.insns, b.len, &opts, &log);
		if (fd < 0) {
			print_rejection(p, &b, fd, log.text);
			goto out_builder;
		}
		if (s->log_level && log.text)
			fprintf(stderr, "verifier log of %s (%s:%s):\n%s", p->name,
				p->system, p->event, log.text);
	}
	if (!load_only) {
		perf_fd = kprobe ? kprobe_attach(fd, p->event, p->flags & PROBE_RETPROBE) :
			p->flags & PROBE_RAW ? bpf_raw_tracepoint_open(p->event, fd) :
			tracepoint_attach(fd, fmt->id);
		if (perf_fd < 0) {
			tool_err("attaching %s to %s:%s: %s", p->name,
				 p->system, p->event, strerror(-perf_fd));
			if (twin < 0)
				close(fd);
			goto out_builder;
		}
	}
	s->progs[s->nr_progs].event = load_only ? "" : p->event;
	s->progs[s->nr_progs].name = p->name;
	s->progs[s->nr_progs].prog_fd = fd;
	s->progs[s->nr_progs].perf_fd = perf_fd;
	s->progs[s->nr_progs].raw = p->flags & PROBE_RAW;
	s->progs[s->nr_progs].shared = twin >= 0;
	s->progs[s->nr_progs].insns = insns;
	s->progs[s->nr_progs].len = b.len;
	s->progs[s->nr_progs].type = type;
	insns = NULL;
	s->nr_progs++;
	ret = fd;
out_builder:
	free(insns);
	prog_log__free(&log);
	builder__free(&b);
out_fmt:
	tp_format__free(fmt);
	return ret;
}

void session__note_choices(struct session *s)
{
	const struct prog_features *f = &s->features;

	if (!s->opts.verbose || s->noted)
		return;
	s->noted = true;
	tool_err("note: tracefs at %s%s", tracefs_dir(),
		 tool_config.force_debugfs ? " (BAREBPF_FORCE_DEBUGFS)" : "");
	if (f->probed & PROG_PROBE_READ)
		tool_err("note: memory read with %s%s",
			 f->read_user == BPF_FUNC_probe_read ? "bpf_probe_read{,_str}" :
			 "bpf_probe_read_{user,kernel}{,_str}",
			 f->forced_read ? " (BAREBPF_FORCE_PROBE_READ)" : "");
	if (f->probed & PROG_PROBE_LOOPS)
		tool_err("note: loops %s%s",
			 f->bounded_loops ? "bounded" : "unrolled",
			 f->forced_unroll ? " (BAREBPF_FORCE_UNROLL)" : "");
	if (f->probed & PROG_PROBE_PREALLOC)
		tool_err("note: hash maps %s%s",
			 f->hash_no_prealloc ? "allocated as they fill" : "preallocated",
			 f->forced_prealloc ? " (BAREBPF_FORCE_PREALLOC)" : "");
}

int session__attach(struct session *s, const struct probe *probes, size_t n,
		    void *ctx)
{
	size_t i;
	int err;

	session__note_choices(s);
	for (i = 0; i < n; i++) {
		err = attach_one(s, &probes[i], ctx, false);
		if (err < 0)
			return EXIT_FAIL;
	}
	return 0;
}

int session__load(struct session *s, const struct probe *p, void *ctx)
{
	return attach_one(s, p, ctx, true);
}

bool session__has(const struct session *s, const char *event)
{
	int i;

	for (i = 0; i < s->nr_progs; i++)
		if (!strcmp(s->progs[i].event, event))
			return true;
	return false;
}

int session__start(struct session *s, const struct perfbuf_cbs *cbs,
		   const struct probe *probes, size_t n, void *ctx)
{
	int err = cbs ? session__open_events(s, cbs) : 0;

	if (err)
		return err;
	if (s->opts.command) {
		err = session__spawn(s);
		if (err)
			return err;
		if (s->spawned)
			s->spawned(s, ctx);
	}
	return session__attach(s, probes, n, ctx);
}

/* kernel.perf_event_paranoid, or INT_MIN where it cannot be read. */
static int perf_paranoid(void)
{
	/*
	 * Read whole, not by fscanf: the scanf family and the locale
	 * tables it draws in are some 110 KiB of the static glibc build.
	 */
	char text[16], *end;
	int fd = open("/proc/sys/kernel/perf_event_paranoid", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	long level;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return INT_MIN;
	text[n] = '\0';
	level = strtol(text, &end, 10);
	return end == text || level < INT_MIN || level > INT_MAX ? INT_MIN : (int)level;
}

int session__open_events(struct session *s, const struct perfbuf_cbs *cbs)
{
	struct perfbuf_opts opts = {
		.pages = s->opts.pages,
		.wait_sigmask = &s->wait_sigmask,
	};
	int err, paranoid;

	s->pb = perfbuf__new(s->events_fd, &opts, cbs);
	if (!s->pb) {
		err = errno;
		paranoid = err == EACCES ? perf_paranoid() : INT_MIN;
		/*
		 * Debian's and Ubuntu's kernels add levels above 2 (Debian's
		 * default is 3) where perf events are CAP_SYS_ADMIN's alone:
		 * CAP_PERFMON is refused.
		 */
		if (paranoid > 2)
			tool_err("opening perf buffers of %zu pages: %s: kernel.perf_event_paranoid is %d, which leaves perf events to CAP_SYS_ADMIN: run as root, add CAP_SYS_ADMIN, or set it to 2",
				 s->opts.pages, strerror(err), paranoid);
		else
			tool_err("opening perf buffers of %zu pages: %s", s->opts.pages,
				 strerror(err));
		return EXIT_FAIL;
	}
	return 0;
}

static void report_new_losses(struct session *s)
{
	__u64 lost = s->pb ? perfbuf__lost(s->pb) : 0;

	if (lost == s->lost_reported)
		return;
	out_flush();
	tool_err("lost %llu events (ring full; a bigger -b may help)",
		 (unsigned long long)(lost - s->lost_reported));
	s->lost_reported = lost;
}

/*
 * Runs the kernel skipped: a tracing program does not run while another
 * runs on its CPU (an interrupt's completion inside a syscall's program,
 * say), and the kernel counts each skip in the program's info (5.12+;
 * before, the skip is not counted anywhere).
 */
static __u64 recursion_misses(const struct session *s)
{
	__u64 misses = 0;
	int i;

	for (i = 0; i < s->nr_progs; i++) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);

		if (s->progs[i].shared)
			continue;	/* an earlier entry's program */
		memset(&info, 0, sizeof(info));
		if (!bpf_obj_get_info_by_fd(s->progs[i].prog_fd, &info, &len) &&
		    len > offsetof(struct bpf_prog_info, recursion_misses))
			misses += info.recursion_misses;
	}
	return misses;
}

static void report_summary(struct session *s)
{
	__u64 missed = recursion_misses(s);

	__u64 lost = s->pb ? perfbuf__lost(s->pb) : 0;
	int i, n = s->pb ? perfbuf__nr_rings(s->pb) : 0;

	if (lost) {
		fprintf(stderr, "barebpf %s: %llu events lost in all (", tool_name,
			(unsigned long long)lost);
		for (i = 0; i < n; i++) {
			const struct perf_ring *r = perfbuf__ring(s->pb, i);

			fprintf(stderr, "%sCPU %d: %llu", i ? ", " : "", r->cpu,
				(unsigned long long)r->lost);
		}
		fprintf(stderr, ")\n");
	}
	if (missed)
		tool_err("%llu events missed: the kernel skipped a program that "
			 "fired while another ran on its CPU",
			 (unsigned long long)missed);
	for (i = 0; i < NR_COUNTERS; i++) {
		__u64 c = counter_read(s->counters_fd, (enum counter)i);

		if (c)
			tool_err("%llu %s", (unsigned long long)c,
				 counter_name((enum counter)i));
	}
}

/* Without rings: wait for a signal, as perfbuf__poll would. */
static int wait_signal(struct session *s, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };

	return ppoll(NULL, 0, &ts, &s->wait_sigmask) < 0 ? -errno : 0;
}

int session__run(struct session *s)
{
	long long deadline = s->opts.duration ?
			     monotonic_ms() + s->opts.duration * 1000LL : 0;
	long long next_tick = monotonic_ms() + s->tick_ms;
	int n, err = 0;

	if (out_flush()) {
		tool_err("writing output: %s", strerror(-out_flush()));
		return EXIT_FAIL;
	}
	held_child__release(&s->child);
	while (!wait_signals_stop()) {
		/* A short wait bounds how long a quiet event sits unseen. */
		n = s->pb ? perfbuf__poll(s->pb, 100) : wait_signal(s, 100);
		if (n < 0 && n != -EINTR) {
			tool_err("polling perf buffers: %s", strerror(-n));
			err = EXIT_FAIL;
			break;
		}
		if (s->tick_ms && monotonic_ms() >= next_tick) {
			next_tick += s->tick_ms;
			s->tick(s, s->tick_ctx);
		}
		out_flush();
		report_new_losses(s);
		if (out_failed() || held_child__reap(&s->child, WNOHANG))
			break;
		if (deadline && monotonic_ms() >= deadline)
			break;
	}
	if (wait_signals_stop() == SIGTERM && s->child.pid && !s->child.done)
		kill(s->child.pid, SIGTERM);
	if (s->pb)
		perfbuf__drain(s->pb);
	out_flush();
	report_new_losses(s);
	report_summary(s);
	if (s->child.pid && !held_child__reap(&s->child, 0))
		err = EXIT_FAIL;
	return err;
}

int session__exit_code(const struct session *s, int err)
{
	return held_child__exit_code(&s->child, err);
}

const struct btf *session__btf(struct session *s, char *why, size_t len)
{
	if (!s->btf_read) {
		s->btf = tool_btf(s->btf_why, sizeof(s->btf_why));
		s->btf_read = true;
	}
	if (!s->btf)
		snprintf(why, len, "%s", s->btf_why);
	return s->btf;
}

int session__end(struct session *s, int err)
{
	session__close(s);
	return session__exit_code(s, err);
}

/*
 * The programs come out of their tracepoints at once; the grace periods
 * the kernel then waits, per tracepoint whose perf hook goes (tens of
 * milliseconds each), and before freeing a program (tasks-trace RCU,
 * 6.13+), are left to a closer process (loader/attach.h), so a shell
 * waiting for us does not wait for them.
 */
void session__detach(struct session *s)
{
	int perf_fds[SESSION_MAX_PROBES];
	int i, n = 0;

	for (i = 0; i < s->nr_progs; i++) {
		/*
		 * Freed before the closer is forked: freeing after would
		 * write to pages the fork shared, each a copy-on-write fault
		 * (some 0.7 ms of exit on a virtual machine).
		 */
		free(s->progs[i].insns);
		s->progs[i].insns = NULL;
		/* A raw tracepoint detaches at once: no closer needed. */
		if (s->progs[i].raw && s->progs[i].perf_fd >= 0)
			close(s->progs[i].perf_fd);
		else
			perf_fds[n++] = s->progs[i].perf_fd;
	}
	tracepoint_detach_background(perf_fds, n);
	/* A shared program's fd is its first entry's, closed once. */
	for (i = 0; i < s->nr_progs; i++)
		if (!s->progs[i].shared)
			close(s->progs[i].prog_fd);
	s->nr_progs = 0;
}

void session__close(struct session *s)
{
	int i;

	session__detach(s);
	perfbuf__free(s->pb);
	s->pb = NULL;
	held_child__abandon(&s->child);
	for (i = 0; i < s->nr_maps; i++)
		close(s->maps[i].fd);
	s->nr_maps = 0;
	btf__free(s->btf);
	s->btf = NULL;
	s->btf_read = false;
}
