/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Narrowing a trace to part of a build, the same way for every view:
 * --pid PID and --command GLOB pick processes (with their descendants),
 * --path GLOB and --event NAME[,NAME] pick the events that touch such
 * files or have such names, --since and --until a window of time. Given
 * together, each narrows what the others left.
 *
 * The views built from the model (graph, deps, summary, timeline,
 * report, diff) see the model cut down to the selection; normalize,
 * which streams events, asks of each event.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_SELECT_H
#define BAREBPF_TOOLS_BUILDTRACE_SELECT_H

#include <getopt.h>
#include <stdbool.h>
#include "tools/buildtrace/model.h"

#define BT_SELECT_MAX_EVENTS	32

struct bt_select {
	bool pid_set, until_set;
	__u32 pid;
	const char *command;	/* glob: the program or argv[0] */
	const char *path;	/* glob: an absolute path, or one under the cwd */
	const char *events[BT_SELECT_MAX_EVENTS];	/* into event_names */
	int nr_events;
	char event_names[512];
	__u64 since_ns, until_ns;
};

enum {
	BT_OPT_PID = 0x1000, BT_OPT_COMMAND, BT_OPT_PATH, BT_OPT_EVENT,
	BT_OPT_SINCE, BT_OPT_UNTIL,
};

/* The long options, to put in a subcommand's own table. */
#define BT_SELECT_OPTIONS \
	{ "pid", required_argument, NULL, BT_OPT_PID }, \
	{ "command", required_argument, NULL, BT_OPT_COMMAND }, \
	{ "path", required_argument, NULL, BT_OPT_PATH }, \
	{ "event", required_argument, NULL, BT_OPT_EVENT }, \
	{ "since", required_argument, NULL, BT_OPT_SINCE }, \
	{ "until", required_argument, NULL, BT_OPT_UNTIL }

/* Their help, for a usage text. */
#define BT_SELECT_USAGE \
"selection (see README.md; given together, each narrows the others):\n" \
"  --pid PID          that process and its descendants\n" \
"  --command GLOB     processes whose program or argv[0] matches, and their\n" \
"                     descendants\n" \
"  --path GLOB        events touching a matching path (absolute, or under\n" \
"                     the directory the build ran in)\n" \
"  --event NAME[,NAME]  events of these names (exec, fork, openat, ...)\n" \
"  --since SECONDS, --until SECONDS   a window, from the trace's start\n"

/*
 * Take option opt if it is a selection option. Returns 1 when taken, 0
 * when it is not one, -1 (printed) when its value is bad.
 */
int bt_select__option(struct bt_select *s, int opt, const char *arg);

/* True when any selection option was given. */
bool bt_select__active(const struct bt_select *s);

/*
 * The processes --pid and --command select, as one byte per process
 * (1: selected), or NULL when memory is short.
 */
unsigned char *bt_select__procs(const struct bt_select *s,
				const struct bt_model *m);

/* Whether normalize shows ev, given what bt_select__procs() returned. */
bool bt_select__event(const struct bt_select *s, const struct bt_model *m,
		      const unsigned char *procs, const struct bt_event *ev);

/*
 * Cut the model down to the selection: processes not selected go (a
 * child whose parent went hangs from its nearest kept ancestor), with
 * their execs and uses; uses outside the window, the paths or the
 * events go too. With --path or --event, a process stays only when it
 * or a descendant kept a use. Returns 0, or -1 when memory is short.
 */
int bt_select__apply(const struct bt_select *s, struct bt_model *m);

/* The shell's wildcards, as fnmatch(3) with no flags: '*' matches '/' too. */
bool bt_glob_match(const char *glob, const char *s);

/* The event name of a use: its syscall's, or "exec". */
const char *bt_use_event(const struct bt_use *u);

#endif /* BAREBPF_TOOLS_BUILDTRACE_SELECT_H */
