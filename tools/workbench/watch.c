// SPDX-License-Identifier: GPL-2.0
/* Attach programs that are not ours and print what they send. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "loader/attach.h"
#include "loader/bpf.h"
#include "loader/format.h"
#include "loader/tracefs.h"
#include "tools/lib/config.h"
#include "tools/lib/args.h"
#include "tools/lib/child.h"
#include "tools/lib/clock.h"
#include "tools/lib/output.h"
#include "tools/workbench/watch.h"

/* Pages per CPU of each ring: records here are few and small. */
#define WATCH_RING_PAGES	16

int watch__init(struct watch *w, long limit)
{
	memset(w, 0, sizeof(*w));
	w->limit = limit;
	w->trace_fd = w->child.release_fd = -1;
	wait_signals_install(&w->wait_sigmask);
	return 0;
}

static void print_sample(void *ctx, int cpu, const void *data, __u32 size)
{
	struct watch_ring *ring = ctx;
	struct watch *w = ring->w;
	const unsigned char *p = data;
	__u32 i;

	if (w->limit && w->events >= w->limit)
		return;
	w->events++;
	out_printf("%s cpu %d, %u bytes:", ring->name, cpu, size);
	for (i = 0; i < size; i++)
		out_printf(" %02x", p[i]);
	out_char('\n');
}

int watch__perf_map(struct watch *w, int map_fd, const char *name)
{
	struct perfbuf_opts opts = {
		.pages = WATCH_RING_PAGES,
		.wait_sigmask = &w->wait_sigmask,
	};
	struct watch_ring *ring = &w->rings[w->nr_rings];
	struct perfbuf_cbs cbs = { .sample = print_sample, .ctx = ring };

	if (w->nr_rings == WATCH_MAX_RINGS) {
		tool_err("map %s: more than %d perf event arrays",
			 name, WATCH_MAX_RINGS);
		return EXIT_FAIL;
	}
	ring->w = w;
	ring->name = name;
	ring->pb = perfbuf__new(map_fd, &opts, &cbs);
	if (!ring->pb) {
		tool_err("opening perf rings of map %s: %s", name,
			 strerror(errno));
		return EXIT_FAIL;
	}
	w->nr_rings++;
	return 0;
}

/* Print each whole line trace_pipe has; returns lines printed. */
static int read_trace(struct watch *w, bool print)
{
	int lines = 0;
	ssize_t n;
	char *nl;

	if (w->trace_fd < 0)
		return 0;
	for (;;) {
		n = read(w->trace_fd, w->trace_buf + w->trace_len,
			 sizeof(w->trace_buf) - 1 - w->trace_len);
		if (n <= 0)
			break;
		w->trace_len += (size_t)n;
		w->trace_buf[w->trace_len] = '\0';
		while ((nl = strchr(w->trace_buf, '\n'))) {
			const char *line = w->trace_buf;

			*nl = '\0';
			while (*line == ' ')
				line++;
			if (print && (!w->limit || w->events < w->limit)) {
				out_str("trace ");
				out_esc(line, SIZE_MAX);
				out_char('\n');
				w->events++;
				lines++;
			}
			w->trace_len -= (size_t)(nl + 1 - w->trace_buf);
			memmove(w->trace_buf, nl + 1, w->trace_len + 1);
		}
		/* A line longer than the buffer: print what we have */
		if (w->trace_len == sizeof(w->trace_buf) - 1) {
			if (print) {
				out_str("trace ");
				out_esc(w->trace_buf, SIZE_MAX);
				out_char('\n');
			}
			w->trace_len = 0;
		}
	}
	return lines;
}

int watch__trace_pipe(struct watch *w)
{
	/* tracefs as the configuration says, mounted if need be */
	int fd = tool_tracefs() ?
		 tracefs_open("trace_pipe", O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -errno;

	if (fd < 0) {
		/* Recent kernels (later 6.1 updates among them) allow one reader. */
		tool_err("opening trace_pipe: %s%s", strerror(-fd),
			 fd == -EBUSY ? ": another process is reading it, and the kernel lets one at a time" : "");
		return EXIT_FAIL;
	}
	w->trace_fd = fd;
	/* What was printed before we came is not ours to show */
	read_trace(w, false);
	w->trace_len = 0;
	return 0;
}

bool insns_print_trace(const struct bpf_insn *insns, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (insns[i].code == (BPF_JMP | BPF_CALL) && !insns[i].src_reg &&
		    (insns[i].imm == BPF_FUNC_trace_printk ||
		     insns[i].imm == BPF_FUNC_trace_vprintk))
			return true;
	return false;
}

int watch__attach(struct watch *w, int prog_fd, enum bpf_prog_type type,
		  const char *event)
{
	char system[128];
	const char *name = strpbrk(event, "/:");
	struct tp_format *fmt;
	int fd;

	if (w->nr_attach == WATCH_MAX_ATTACH) {
		tool_err("attaching to %s: too many programs", event);
		return EXIT_FAIL;
	}
	if (type == BPF_PROG_TYPE_RAW_TRACEPOINT) {
		fd = bpf_raw_tracepoint_open(name ? name + 1 : event, prog_fd);
		if (fd < 0) {
			tool_err("attaching to raw tracepoint %s: %s",
				 event, strerror(-fd));
			return EXIT_FAIL;
		}
		w->attach_fds[w->nr_attach++] = fd;
		return 0;
	}
	if (!name || (size_t)(name - event) >= sizeof(system)) {
		tool_err("bad tracepoint '%s': expected CATEGORY:EVENT",
			 event);
		return EXIT_USAGE;
	}
	snprintf(system, sizeof(system), "%.*s", (int)(name - event), event);
	fmt = tool_tracefs() ? tp_format__load(system, name + 1) : NULL;
	if (!fmt) {
		tool_err("tracepoint %s:%s: %s", system, name + 1,
			 errno == ENOENT ? "not found on this kernel" :
			 strerror(errno));
		return EXIT_FAIL;
	}
	fd = tracepoint_attach(prog_fd, fmt->id);
	tp_format__free(fmt);
	if (fd < 0) {
		tool_err("attaching to %s:%s: %s", system, name + 1,
			 strerror(-fd));
		return EXIT_FAIL;
	}
	w->attach_fds[w->nr_attach++] = fd;
	return 0;
}

int watch__spawn(struct watch *w, char **argv)
{
	return held_child__spawn(&w->child, argv, &w->wait_sigmask);
}

/* One round: wait up to 100 ms for anything, then take all there is. */
static int poll_once(struct watch *w)
{
	struct pollfd pfd = { .fd = w->trace_fd, .events = POLLIN };
	struct timespec ts = { 0, 100 * 1000000 };
	int i, n;

	if (w->nr_rings) {
		n = perfbuf__poll(w->rings[0].pb, w->trace_fd >= 0 ? 0 : 100);
		if (n < 0 && n != -EINTR)
			return n;
	}
	if (w->trace_fd >= 0 || !w->nr_rings)
		ppoll(w->trace_fd >= 0 ? &pfd : NULL, w->trace_fd >= 0,
		      &ts, &w->wait_sigmask);
	for (i = w->trace_fd >= 0 ? 0 : 1; i < w->nr_rings; i++) {
		n = perfbuf__poll(w->rings[i].pb, 0);
		if (n < 0 && n != -EINTR)
			return n;
	}
	read_trace(w, true);
	return 0;
}

static bool limit_reached(const struct watch *w)
{
	return w->limit && w->events >= w->limit;
}

int watch__run(struct watch *w, int duration_s)
{
	long long deadline = duration_s ? monotonic_ms() + duration_s * 1000LL : 0;
	int i, err = 0;
	__u64 lost;

	held_child__release(&w->child);
	out_flush();
	while (!wait_signals_stop() && !limit_reached(w)) {
		err = poll_once(w);
		if (err) {
			tool_err("polling perf rings: %s", strerror(-err));
			err = EXIT_FAIL;
			break;
		}
		out_flush();
		if (out_failed() || held_child__reap(&w->child, WNOHANG))
			break;
		if (deadline && monotonic_ms() >= deadline)
			break;
	}
	/* What was sent before the end is still shown */
	for (i = 0; i < w->nr_rings; i++)
		perfbuf__drain(w->rings[i].pb);
	read_trace(w, true);
	out_flush();
	for (i = 0; i < w->nr_rings; i++) {
		lost = perfbuf__lost(w->rings[i].pb);
		if (lost)
			tool_err("map %s: %llu records lost (ring full)",
				 w->rings[i].name, (unsigned long long)lost);
	}
	if (w->child.pid && !w->child.done) {
		if (wait_signals_stop() || limit_reached(w))
			kill(w->child.pid, SIGTERM);
		held_child__reap(&w->child, 0);
	}
	return err;
}

int watch__exit_code(const struct watch *w, int err)
{
	return held_child__exit_code(&w->child, err);
}

void watch__close(struct watch *w)
{
	int i;

	tracepoint_detach_all(w->attach_fds, w->nr_attach);
	w->nr_attach = 0;
	for (i = 0; i < w->nr_rings; i++)
		perfbuf__free(w->rings[i].pb);
	w->nr_rings = 0;
	if (w->trace_fd >= 0)
		close(w->trace_fd);
	w->trace_fd = -1;
	held_child__abandon(&w->child);
}
