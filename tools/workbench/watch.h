/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Watching programs that are not ours: attach them to a tracepoint, then
 * print what they send, perf event output records as hex and
 * bpf_trace_printk() lines from trace_pipe, until a count is reached,
 * "-- COMMAND" exits, or SIGINT/SIGTERM. Used by verify --attach and
 * elf run; the tracing tools use session.h instead.
 */
#ifndef BAREBPF_TOOLS_WATCH_H
#define BAREBPF_TOOLS_WATCH_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <linux/bpf.h>
#include "loader/perfbuf.h"
#include "tools/lib/child.h"

#define WATCH_MAX_ATTACH	32
#define WATCH_MAX_RINGS		8

struct watch;

struct watch_ring {
	struct watch *w;
	struct perfbuf *pb;
	const char *name;		/* the map's */
};

struct watch {
	int attach_fds[WATCH_MAX_ATTACH];	/* perf event or raw tp fds */
	int nr_attach;
	struct watch_ring rings[WATCH_MAX_RINGS];
	int nr_rings;
	int trace_fd;			/* trace_pipe, or -1 */
	char trace_buf[4096];
	size_t trace_len;
	long limit;			/* stop after this many; 0: never */
	long events;
	sigset_t wait_sigmask;
	struct held_child child;	/* -- COMMAND; pid 0 when none */
};

/* Set up signals. Returns 0. */
int watch__init(struct watch *w, long limit);

/* Print the records of this perf event array. Returns 0 or an exit code. */
int watch__perf_map(struct watch *w, int map_fd, const char *name);

/*
 * Read bpf_trace_printk() lines from trace_pipe, lines already waiting
 * there dropped. Returns 0 or an exit code.
 */
int watch__trace_pipe(struct watch *w);

/* True when a program calls bpf_trace_printk or bpf_trace_vprintk. */
bool insns_print_trace(const struct bpf_insn *insns, size_t n);

/*
 * Attach a program: "CATEGORY/EVENT" (or "CATEGORY:EVENT") for a
 * tracepoint program, the event name for a raw tracepoint. Returns 0 or
 * an exit code, with what failed printed.
 */
int watch__attach(struct watch *w, int prog_fd, enum bpf_prog_type type,
		  const char *event);

/* Start argv held until watch__run. Returns 0 or an exit code. */
int watch__spawn(struct watch *w, char **argv);

/*
 * Release the child, print events until the limit, the child's exit,
 * duration_s seconds (0: none) or a signal. Returns 0 or an exit code.
 */
int watch__run(struct watch *w, int duration_s);

/* The child's status as a shell gives it, or err. */
int watch__exit_code(const struct watch *w, int err);

/* Detach, close, kill a child never released. */
void watch__close(struct watch *w);

#endif /* BAREBPF_TOOLS_WATCH_H */
