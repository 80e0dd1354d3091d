/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buildtrace's subcommands, each in its own file (tools/buildtrace/),
 * and what they share: loading a trace with one clear line on failure,
 * the paths left out of graphs and dependencies, long JSON strings.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_BUILDTRACE_H
#define BAREBPF_TOOLS_BUILDTRACE_BUILDTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include "tools/buildtrace/model.h"
#include "tools/lib/options.h"

#define BT_DEFAULT_FILE	"buildtrace.trace"

int bt_record_main(int argc, char **argv);
int bt_normalize_main(int argc, char **argv);
int bt_graph_main(int argc, char **argv);
int bt_deps_main(int argc, char **argv);
int bt_compdb_main(int argc, char **argv);
int bt_summary_main(int argc, char **argv);
int bt_timeline_main(int argc, char **argv);
int bt_report_main(int argc, char **argv);
int bt_diff_main(int argc, char **argv);

struct bt_select;

/*
 * A view's command line, through the option layer (tools/lib/options.h):
 * its own options (getopt's short string and long table) go to
 * own(opt, arg, ctx), which returns 0 when taken, -1 after saying what
 * is wrong; the selection's go to sel, where the view takes them (NULL:
 * not); the one trace file, BT_DEFAULT_FILE when left out, into *file.
 * Returns TOOL_RUN, or the exit code to return at once (after -h,
 * --version or bad usage).
 */
int bt_view_args(int argc, char **argv, const char *usage,
		 const char *options, const struct option *long_options,
		 int (*own)(int opt, const char *arg, void *ctx), void *ctx,
		 struct bt_select *sel, const char **file);

/* -o OUT, for bt_view_args: ctx is where OUT goes (a const char *). */
int bt_output_option(int opt, const char *arg, void *ctx);

/*
 * Load and replay file, calling fn for each event. Prints what failed
 * and returns EXIT_FAIL (the model freed), or warns when the trace is
 * incomplete (events lost, or no end record) and returns 0.
 */
int bt_load(const char *file, struct bt_model *m, bt_event_fn fn,
		void *ctx);

/* bt_load, then the model cut down to the selection (select.h). */
int bt_load_selected(const char *file, struct bt_model *m,
		     const struct bt_select *sel);

/*
 * -o FILE: the output goes to out from now on (stdout when NULL), opened
 * as tools/lib/outfile.h says: a symbolic link refused, a new file
 * written beside out and put in place by bt_output_close(). Returns its
 * fd (1 for stdout), or -1 after saying why it cannot. Mode 0644; the
 * _private form 0600, for an output that holds the whole trace.
 */
int bt_output_open(const char *out);
int bt_output_open_private(const char *out);

/*
 * Flush the output; then, for a file, put it in place when err is 0 and
 * every write succeeded, else drop it and leave what was at out as it
 * was. Returns err, or EXIT_FAIL after saying why when err was 0 and a
 * write or the rename failed.
 */
int bt_output_close(const char *out, int fd, int err);

/* Paths graph and deps leave out: system files by default. */
#define BT_MAX_EXCLUDES	64

struct bt_filter {
	const char *prefix[BT_MAX_EXCLUDES];
	int n;
	bool all;		/* --all: keep everything but --exclude */
};

/* Add --exclude PREFIX. Returns -1 (printed) when there are too many. */
int bt_filter__add(struct bt_filter *f, const char *prefix);
/* True when path is under an excluded prefix. */
bool bt_filter__excluded(const struct bt_filter *f, const char *path);

/* A command's short form: the program's basename and its first arguments. */
void bt_short_argv(char *buf, size_t size, const struct bt_exec_image *img);

/* Append s as a JSON string, however long. */
void bt_json_str(const char *s);

#endif /* BAREBPF_TOOLS_BUILDTRACE_BUILDTRACE_H */
