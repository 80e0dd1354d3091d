/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buildtrace's subcommands, each in its own file (tools/btrace_*.c),
 * and what they share: loading a trace with one clear line on failure,
 * the paths left out of graphs and dependencies, long JSON strings.
 */
#ifndef BAREBPF_TOOLS_BTRACE_H
#define BAREBPF_TOOLS_BTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include "tools/btrace_model.h"

#define BTRACE_DEFAULT_FILE	"buildtrace.trace"
#define BTRACE_TOOL		"buildtrace"

int btrace_record_main(int argc, char **argv);
int btrace_normalize_main(int argc, char **argv);
int btrace_graph_main(int argc, char **argv);
int btrace_deps_main(int argc, char **argv);
int btrace_compdb_main(int argc, char **argv);
int btrace_summary_main(int argc, char **argv);

/*
 * The trace file named after the options: argv[optind], or the default
 * when there is none. NULL (printed) when more than one is named.
 */
const char *btrace_file_arg(int argc, char **argv, int optind);

/*
 * Load and replay file, calling fn for each event. Prints what failed
 * and returns EXIT_FAIL, or warns when the trace is incomplete (events
 * lost, or no end record) and returns 0.
 */
int btrace_load(const char *file, struct bt_model *m, bt_event_fn fn,
		void *ctx);

/*
 * -o FILE: the output goes to out from now on (stdout when NULL).
 * Returns its fd (1 for stdout), or -1 after saying why it cannot.
 */
int btrace_output_open(const char *out);

/*
 * Flush the output and close fd when it is not stdout. Returns err, or
 * EXIT_FAIL after saying why when err was 0 and a write failed.
 */
int btrace_output_close(const char *out, int fd, int err);

/* Paths graph and deps leave out: system files by default. */
#define BTRACE_MAX_EXCLUDES	64

struct btrace_filter {
	const char *prefix[BTRACE_MAX_EXCLUDES];
	int n;
	bool all;		/* --all: keep everything but --exclude */
};

/* Add --exclude PREFIX. Returns -1 (printed) when there are too many. */
int btrace_filter__add(struct btrace_filter *f, const char *prefix);
/* True when path is under an excluded prefix. */
bool btrace_filter__excluded(const struct btrace_filter *f, const char *path);

/* A command's short form: the program's basename and its first arguments. */
void btrace_short_argv(char *buf, size_t size, const struct bt_exec_image *img);

/* Append s as a JSON string, however long. */
void btrace_json_str(const char *s);

#endif /* BAREBPF_TOOLS_BTRACE_H */
