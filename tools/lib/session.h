/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every tracing tool does around its own programs: check privilege,
 * find tracefs, create maps, build, load and attach programs (reporting a
 * verifier rejection with the log and our disassembly), optionally start
 * "-- COMMAND" held until the probes are live, poll the perf rings, and
 * leave nothing attached behind. The tool keeps its options, its
 * programs and its printer.
 */
#ifndef BAREBPF_TOOLS_SESSION_H
#define BAREBPF_TOOLS_SESSION_H

#include <stdbool.h>
#include <sys/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "loader/perfbuf.h"
#include "progs/features.h"
#include "progs/probe.h"
#include "tools/lib/child.h"
#include "tools/lib/options.h"

struct btf;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define SESSION_MAX_MAPS	16
#define SESSION_MAX_PROBES	48

struct session {
	struct tool_opts opts;		/* the tool's command line */
	bool noted;			/* -v's notes on the kernel printed */
	__u32 log_level;		/* verifier log level; 0: on failure only */
	struct prog_features features;
	struct {
		const char *name;
		int fd;
	} maps[SESSION_MAX_MAPS];
	int nr_maps;
	struct {
		const char *event;
		const char *name;
		int prog_fd;
		int perf_fd;		/* or a raw tracepoint's fd */
		bool raw;
		bool shared;		/* prog_fd is an earlier entry's */
		/*
		 * The program as loaded, to load an identical one once
		 * (open, openat and openat2's exits are the same bytes):
		 * NULL where shared.
		 */
		struct bpf_insn *insns;
		size_t len;
		enum bpf_prog_type type;
	} progs[SESSION_MAX_PROBES];
	int nr_progs;
	int events_fd;			/* "events": the perf event array */
	int counters_fd;		/* "counters": in-kernel drop counts */
	int tree_fd;			/* "tree": -- COMMAND's process tree */
	/*
	 * Set before session__spawn by a tool whose own sched_process_exit
	 * program reads "tree" and then removes the thread itself
	 * (tree_emit_forget): programs on one tracepoint run in the order
	 * they were attached, and the session's would remove it first.
	 */
	bool tree_exit_by_tool;
	struct perfbuf *pb;
	sigset_t wait_sigmask;		/* what epoll_pwait unblocks */
	__u64 lost_reported;
	struct held_child child;	/* -- COMMAND; pid 0 when none */
	/*
	 * Called every tick_ms (0: never) while session__run waits, between
	 * polls: a tool that counts in maps prints or tidies them here.
	 */
	int tick_ms;
	void (*tick)(struct session *s, void *ctx);
	void *tick_ctx;
	bool own_tree;			/* the tool's programs keep "tree" */
	/*
	 * Called by session__start once -- COMMAND is forked, before any
	 * probe is attached: a tool tells its programs of the fork they
	 * cannot have seen. ctx is session__start's.
	 */
	void (*spawned)(struct session *s, void *ctx);
	struct btf *btf;		/* session__btf's, once read */
	bool btf_read;
	char btf_why[160];		/* why there is none */
};

/*
 * Whether this process may load and attach programs (root, or CAP_BPF
 * and CAP_PERFMON); else prints the one hint every command gives and
 * returns EXIT_FAIL.
 */
int session_check_privilege(void);

/*
 * Find tracefs, or mount it (tool_tracefs()); else print why, naming a
 * mount that is there but unreadable and the capability missing, and
 * return EXIT_FAIL.
 */
int session_check_tracefs(void);

/*
 * Check privilege, find tracefs, probe helpers, create "events" and
 * "counters"; o (copied) gives -v, -b, -d and -- COMMAND. Prints what
 * failed. Returns 0 or an exit code.
 */
int session__init(struct session *s, const struct tool_opts *o);

/*
 * session__init, probing only what probes (PROG_PROBE_*) names: a tool
 * that learns later what its programs use probes that then, with
 * session__probe(). Until probed a feature reads as missing.
 */
int session__init_probing(struct session *s, const struct tool_opts *o,
			  unsigned int probes);

/* Probe what probes names and is not known yet. Returns 0 or EXIT_FAIL. */
int session__probe(struct session *s, unsigned int probes);

/*
 * Under -v, once: what was found or forced for this kernel (tracefs, and
 * each feature probed). session__attach says it; a tool loading its
 * programs itself calls this first.
 */
void session__note_choices(struct session *s);

/*
 * Create a map that programs can name; a hash map without preallocation
 * where the kernel allows it (PROG_PROBE_PREALLOC, probed on the first).
 * Returns its fd or -1 (printed).
 */
int session__map(struct session *s, const char *name, enum bpf_map_type type,
		 __u32 key_size, __u32 value_size, __u32 max_entries,
		 __u32 flags);

/*
 * Fork -- COMMAND held before exec, and trace only its process tree:
 * creates "tree" and, unless s->own_tree, adds the fork/exit programs
 * that keep it. Call before session__attach. Returns 0 or an exit code.
 */
int session__spawn(struct session *s);

/*
 * Build, load and attach each probe. Missing optional events are
 * skipped. Returns 0 or an exit code, with what failed printed.
 */
int session__attach(struct session *s, const struct probe *probes, size_t n,
		    void *ctx);

/*
 * Build and load p's program without attaching it (for a program array
 * to tail-call). Returns the program fd, 0 when p is optional and its
 * event is missing, or -1 (printed).
 */
int session__load(struct session *s, const struct probe *p, void *ctx);

/* True when a program is attached to the named event. */
bool session__has(const struct session *s, const char *event);

/*
 * What every tracing tool does once its maps exist, in the one safe
 * order: the perf rings first (a program attached before them would lose
 * events; none when cbs is NULL: the programs only count), then
 * -- COMMAND started held (and s->spawned called), then the n probes.
 * Returns 0 or an exit code, with what failed printed.
 */
int session__start(struct session *s, const struct perfbuf_cbs *cbs,
		   const struct probe *probes, size_t n, void *ctx);

/*
 * Open the perf rings behind "events", of -b pages each. Returns 0 or an
 * exit code. A tool whose programs send no events (syscount) need not:
 * session__run then only waits.
 */
int session__open_events(struct session *s, const struct perfbuf_cbs *cbs);

/*
 * Let the child exec (if any), then poll until SIGINT/SIGTERM, the child's
 * exit, or -d's seconds; drain every ring; report losses. Returns 0, or
 * an exit code on failure.
 */
int session__run(struct session *s);

/*
 * The kernel's BTF, read once (tools/lib/config.h's tool_btf()) for the
 * offsets a program reads where no tracepoint field says: NULL, with why
 * (len bytes) saying why not, when there is none or BAREBPF_NO_BTF says
 * to act as if. Freed by session__close.
 */
const struct btf *session__btf(struct session *s, char *why, size_t len);

/* The exit code to end with: the child's status mapped like a shell's. */
int session__exit_code(const struct session *s, int err);

/*
 * How every tracing tool's main ends: session__close, then the exit code
 * (err, else the child's status). Safe after a failed session__init.
 */
int session__end(struct session *s, int err);

/* Detach every program (the maps and rings stay). */
void session__detach(struct session *s);

/* Detach everything, free everything; kills a child never released. */
void session__close(struct session *s);

#endif /* BAREBPF_TOOLS_SESSION_H */
