/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command line every tracing tool shares, parsed in one place:
 *
 *   -p PID  -t TID  -u UID  -d SECONDS  -b PAGES  -x  -v  --json  --raw
 *   -t (a time column, where -t is no TID)  -U (a UID column)
 *   -h  --version  -- COMMAND [ARGS...]
 *
 * A tool names which of these it takes (a tool whose -t means something
 * else leaves TOOL_OPT_TID out and parses its own), gives its usage text
 * and its own options getopt's way, and a callback for those. What the
 * shared ones hold comes back in struct tool_opts, ready for the session
 * (tools/lib/session.h) and for the program's struct task_filter.
 *
 * A new tool: copy tools/opensnoop.c.
 */
#ifndef BAREBPF_TOOLS_OPTIONS_H
#define BAREBPF_TOOLS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include "progs/taskfilter.h"

struct option;

/* Which shared options a tool takes (struct tool_spec's common). */
enum {
	TOOL_OPT_PID = 1 << 0,		/* -p, --pid PID: 1..INT_MAX */
	TOOL_OPT_TID = 1 << 1,		/* -t, --tid TID: 1..INT_MAX */
	TOOL_OPT_UID = 1 << 2,		/* -u, --uid UID: 0..4294967294 */
	TOOL_OPT_DURATION = 1 << 3,	/* -d, --duration SECONDS: 1..INT_MAX */
	TOOL_OPT_BUFFER = 1 << 4,	/* -b, --buffer PAGES: a power of two */
	TOOL_OPT_FAILED = 1 << 5,	/* -x, --failed */
	TOOL_OPT_JSON = 1 << 6,		/* --json */
	TOOL_OPT_VERBOSE = 1 << 7,	/* -v, --verbose */
	TOOL_OPT_TIMESTAMP = 1 << 8,	/* -t, --timestamp: not with TOOL_OPT_TID */
	TOOL_OPT_PRINT_UID = 1 << 9,	/* -U, --print-uid */
	/*
	 * --raw: traced bytes (comm, paths, arguments) printed as they are,
	 * not escaped (tools/lib/escape.h), for a consumer of one's own;
	 * tool_opts__parse sets the output module so.
	 */
	TOOL_OPT_RAW = 1 << 10,
};

/* What nearly every snoop takes; -t, -u and -d where it says so. */
#define TOOL_OPTS_SNOOP	(TOOL_OPT_PID | TOOL_OPT_BUFFER | TOOL_OPT_JSON | \
			 TOOL_OPT_VERBOSE | TOOL_OPT_RAW)

/*
 * getopt_long values for a tool's own long-only options start here
 * (the shared long-only ones, --json and --version, are above them).
 */
#define TOOL_OPT_OWN	256

/* The most operands a tool takes (buildtrace diff's A and B). */
#define TOOL_OPERANDS_MAX	2

/* The perf ring size per CPU when the tool does not name one. */
#define TOOL_DEFAULT_PAGES	64

struct tool_opts {
	struct task_filter who;	/* -p, -t, -u; .tree set by "-- COMMAND" */
	long duration;		/* -d: seconds, 0 until Ctrl-C */
	size_t pages;		/* -b: perf ring pages per CPU */
	bool failed;		/* -x: what it means is the tool's to say */
	bool timestamp;		/* -t: a time column, which the tool's to say */
	bool print_uid;		/* -U: a UID column */
	bool json;		/* --json */
	bool raw;		/* --raw */
	int verbose;		/* -v */
	char **command;		/* after "--", NULL-terminated; or NULL */
	const char *operand;	/* struct tool_spec's operand, as given */
	const char *operands[TOOL_OPERANDS_MAX];	/* operand is the first */
	int nr_operands;
};

struct tool_spec {
	const char *usage;	/* printed by -h, and after bad usage */
	unsigned int common;	/* TOOL_OPT_* it takes */
	const char *options;	/* its own short options, getopt's way: "TUn:" */
	const struct option *long_options;	/* its own, or NULL */
	/*
	 * Called for each of its own options (opt is getopt's answer, arg
	 * its argument or NULL; ctx is what tool_opts__parse was given).
	 * Returns 0, or -1 after a "barebpf TOOL: ..." line (bad usage).
	 */
	int (*parse)(int opt, const char *arg, void *ctx);
	size_t pages;		/* -b's default; 0: TOOL_DEFAULT_PAGES */
	/*
	 * The name of the operand the tool requires ("DEVICE"), given
	 * before "--" and among the options in any order; NULL: none.
	 */
	const char *operand;
	bool operand_optional;	/* it may be left out (trace's FILE, for -e) */
	int max_operands;	/* how many it takes at most; 0: one */
	/*
	 * It runs no COMMAND (asm, disasm, buildtrace's views): "--" only
	 * ends the options, so the operands may follow it ("-- -odd.s"),
	 * and anything more is a stray argument, not a command put in the
	 * wrong place.
	 */
	bool no_command;
};

/* tool_opts__parse's answer when the tool is to go on and trace. */
#define TOOL_RUN	(-1)

/*
 * Parse argv against spec into o. Returns TOOL_RUN, or the exit code to
 * return at once: EXIT_OK after -h (the usage on stdout) or --version,
 * EXIT_USAGE after bad usage (one line saying what is wrong, then the
 * usage, on stderr).
 */
int tool_opts__parse(struct tool_opts *o, const struct tool_spec *spec,
		     int argc, char **argv, void *ctx);

#endif /* BAREBPF_TOOLS_OPTIONS_H */
