// SPDX-License-Identifier: GPL-2.0
/*
 * The tracing tools' shared options: what each puts in struct tool_opts,
 * the exact complaint for each bad value, the "--" tail, -h and
 * --version, and a tool's own options reaching its callback.
 */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>

#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/version.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char usage[] = "usage: barebpf t [-p PID]\n";

/* What a parse writes on fd fd: a pipe stands in for it meanwhile. */
struct captured {
	int fd, saved, pipe[2];
	char text[4096];
};

static void capture_begin(struct captured *c, int fd)
{
	c->fd = fd;
	ck_assert_int_eq(pipe2(c->pipe, O_CLOEXEC), 0);
	c->saved = dup(fd);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_eq(dup2(c->pipe[1], fd), fd);
	close(c->pipe[1]);
}

static const char *capture_end(struct captured *c)
{
	ssize_t n;

	fflush(c->fd == 1 ? stdout : stderr);
	ck_assert_int_eq(dup2(c->saved, c->fd), c->fd);
	close(c->saved);
	n = read(c->pipe[0], c->text, sizeof(c->text) - 1);
	close(c->pipe[0]);
	c->text[n > 0 ? n : 0] = '\0';
	return c->text;
}

/* What the callback saw, in order: "T", "n=NAME", "own=ARG". */
struct seen {
	char log[256];
	int calls;
};

enum { OPT_OWN = TOOL_OPT_OWN };

static int parse_own(int opt, const char *arg, void *ctx)
{
	struct seen *seen = ctx;
	size_t len = strlen(seen->log);

	seen->calls++;
	if (opt == 'n' && !strcmp(arg, "bad")) {
		tool_err("invalid -n value '%s'", arg);
		return -1;
	}
	snprintf(seen->log + len, sizeof(seen->log) - len, "%s%s%s%s",
		 len ? " " : "", opt == OPT_OWN ? "own" : (char[]){ (char)opt, 0 },
		 arg ? "=" : "", arg ? arg : "");
	return 0;
}

static const struct option own_long[] = {
	{ "stamp", no_argument, NULL, 'T' },
	{ "name", required_argument, NULL, 'n' },
	{ "own", required_argument, NULL, OPT_OWN },
	{ "fails", no_argument, NULL, 'x' },
	{ NULL, 0, NULL, 0 },
};

/* Every shared option, and some of its own. */
static const struct tool_spec every = {
	.usage = usage,
	.common = TOOL_OPTS_SNOOP | TOOL_OPT_TID | TOOL_OPT_UID |
		  TOOL_OPT_DURATION | TOOL_OPT_FAILED,
	.options = "Tn:",
	.long_options = own_long,
	.parse = parse_own,
};

/* -p -b -v --json only; its -t is its own. */
static const struct tool_spec few = {
	.usage = usage,
	.common = TOOL_OPTS_SNOOP,
	.options = "t",
	.parse = parse_own,
	.pages = 256,
};

/*
 * Parse args (NULL-terminated, after the command's name) against spec;
 * what went to stdout and stderr in out and err.
 */
static int parse(const struct tool_spec *spec, const char *const *args,
		 struct tool_opts *o, struct seen *seen, char **argv_out,
		 char *out, char *err)
{
	static char *argv[32];
	struct captured co, ce;
	int argc = 0, ret;

	argv[argc++] = "barebpf t";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	if (argv_out)
		memcpy(argv_out, argv, sizeof(char *) * (size_t)(argc + 1));
	memset(seen, 0, sizeof(*seen));
	capture_begin(&co, 1);
	capture_begin(&ce, 2);
	ret = tool_opts__parse(o, spec, argc, argv, seen);
	strcpy(err, capture_end(&ce));
	strcpy(out, capture_end(&co));
	return ret;
}

static void name_tool(void)
{
	tool_name = "t";
}

static void unname_tool(void)
{
	tool_name = NULL;
}

START_TEST(test_defaults)
{
	static const char *const none[] = { NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&every, none, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(o.who.pid, -1);
	ck_assert_int_eq(o.who.uid, -1);
	ck_assert_int_eq(o.who.tid, 0);
	ck_assert_int_eq(o.who.tree, 0);
	ck_assert_int_eq(o.duration, 0);
	ck_assert_uint_eq(o.pages, TOOL_DEFAULT_PAGES);
	ck_assert(!o.failed && !o.json && !o.raw);
	ck_assert_int_eq(o.verbose, 0);
	ck_assert_ptr_null(o.command);
	ck_assert_int_eq(seen.calls, 0);

	/* A tool's own default ring size. */
	ck_assert_int_eq(parse(&few, none, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_uint_eq(o.pages, 256);
}
END_TEST

/* Each shared option, short and long, with the values at its bounds. */
START_TEST(test_shared)
{
	static const char *const shorts[] = {
		"-p", "2147483647", "-t", "1", "-u", "0", "-d", "1", "-b", "65536",
		"-x", "-v", "--json", "--raw", NULL,
	};
	static const char *const longs[] = {
		"--pid=1", "--tid", "2147483647", "--uid=4294967294",
		"--duration", "2147483647", "--buffer=1", "--failed", "--verbose", NULL,
	};
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&every, shorts, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(o.who.pid, 2147483647);
	ck_assert_int_eq(o.who.tid, 1);
	ck_assert_int_eq(o.who.uid, 0);
	ck_assert_int_eq(o.duration, 1);
	ck_assert_uint_eq(o.pages, 65536);
	ck_assert(o.failed && o.json && o.raw);
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(seen.calls, 0);
	output_set_raw(false);

	ck_assert_int_eq(parse(&every, longs, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(o.who.pid, 1);
	ck_assert_int_eq(o.who.tid, 2147483647);
	ck_assert_int_eq(o.who.uid, 4294967294L);
	ck_assert_int_eq(o.duration, 2147483647);
	ck_assert_uint_eq(o.pages, 1);
	ck_assert(o.failed && !o.json && !o.raw);
	ck_assert_int_eq(o.verbose, 1);
}
END_TEST

/* A bad value: exactly one line naming it, then the usage; exit 2. */
static const struct {
	const char *opt, *value, *line;
} bad_values[] = {
	{ "-p", "0", "barebpf t: invalid -p value '0': expected 1..2147483647\n" },
	{ "-p", "2147483648", "barebpf t: invalid -p value '2147483648': expected 1..2147483647\n" },
	{ "-p", "abc", "barebpf t: invalid -p value 'abc': expected 1..2147483647\n" },
	{ "--pid", "1x", "barebpf t: invalid -p value '1x': expected 1..2147483647\n" },
	{ "-t", "0", "barebpf t: invalid -t value '0': expected 1..2147483647\n" },
	{ "-u", "-1", "barebpf t: invalid -u value '-1': expected 0..4294967294\n" },
	{ "-u", "4294967295", "barebpf t: invalid -u value '4294967295': expected 0..4294967294\n" },
	{ "-d", "0", "barebpf t: invalid -d value '0': expected 1..2147483647\n" },
	{ "-d", "", "barebpf t: invalid -d value '': expected 1..2147483647\n" },
	{ "-b", "0", "barebpf t: invalid -b value '0': expected 1..65536\n" },
	{ "-b", "131072", "barebpf t: invalid -b value '131072': expected 1..65536\n" },
	{ "-b", "3", "barebpf t: invalid -b value '3': pages must be a power of two\n" },
	{ "-b", "96", "barebpf t: invalid -b value '96': pages must be a power of two\n" },
	{ "-n", "bad", "barebpf t: invalid -n value 'bad'\n" },
};

START_TEST(test_bad_value)
{
	const char *args[] = { bad_values[_i].opt, bad_values[_i].value, NULL };
	char out[4096], err[4096], want[512];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&every, args, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	snprintf(want, sizeof(want), "%s%s", bad_values[_i].line, usage);
	ck_assert_str_eq(err, want);
}
END_TEST

/* Options getopt refuses, in glibc's words, and what a tool does not take. */
static const struct {
	const char *arg, *line;
} bad_options[] = {
	{ "-Z", "barebpf t: invalid option -- 'Z'\n" },
	{ "--bogus", "barebpf t: unrecognized option '--bogus'\n" },
	{ "-p", "barebpf t: option requires an argument -- 'p'\n" },
	{ "--pid", "barebpf t: option '--pid' requires an argument\n" },
	{ "--json=1", "barebpf t: option '--json' doesn't allow an argument\n" },
	/* few takes neither -u, -d nor -x, and its -t takes no value */
	{ "-u", "barebpf t: invalid option -- 'u'\n" },
	{ "--uid=3", "barebpf t: unrecognized option '--uid=3'\n" },
	{ "-x", "barebpf t: invalid option -- 'x'\n" },
	{ "--tid=3", "barebpf t: unrecognized option '--tid=3'\n" },
	{ "--duration", "barebpf t: unrecognized option '--duration'\n" },
};

START_TEST(test_bad_option)
{
	const char *args[] = { bad_options[_i].arg, NULL };
	char out[4096], err[4096], want[512];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&few, args, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	snprintf(want, sizeof(want), "%s%s", bad_options[_i].line, usage);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(seen.calls, 0);
}
END_TEST

/* The tool's own options reach its callback, with their argument and ctx. */
START_TEST(test_own_options)
{
	static const char *const args[] = {
		"-T", "-p", "3", "--name=x y", "--own", "1", "-n", "z", "--stamp",
		"--fails", NULL,
	};
	static const char *const t_is_own[] = { "-t", "-p", "4", NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&every, args, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(seen.log, "T n=x y own=1 n=z T");
	ck_assert_int_eq(seen.calls, 5);
	ck_assert_int_eq(o.who.pid, 3);
	/* A tool's own long name for a shared option: execsnoop's --fails. */
	ck_assert(o.failed);

	/* A tool that leaves -t out has its own -t. */
	ck_assert_int_eq(parse(&few, t_is_own, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(seen.log, "t");
	ck_assert_int_eq(o.who.tid, 0);
	ck_assert_int_eq(o.who.pid, 4);
}
END_TEST

/*
 * "-- COMMAND": the rest is COMMAND's, options included; else a stray;
 * "--" alone is a usage error.
 */
START_TEST(test_command)
{
	static const char *const with[] = { "-p", "5", "--", "ls", "-p", "x", NULL };
	static const char *const dashes_only[] = { "-v", "--", NULL };
	static const char *const stray[] = { "-x", "foo", "-p", "1", NULL };
	static const char *const first[] = { "ls", NULL };
	char *argv[32], out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&every, with, &o, &seen, argv, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_nonnull(o.command);
	ck_assert_str_eq(o.command[0], "ls");
	ck_assert_str_eq(o.command[1], "-p");
	ck_assert_str_eq(o.command[2], "x");
	ck_assert_ptr_null(o.command[3]);
	ck_assert_int_eq(o.who.tree, 1);
	ck_assert_int_eq(o.who.pid, 5);

	/* "--" and nothing after it: bad usage, not a trace of everything. */
	ck_assert_int_eq(parse(&every, dashes_only, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "barebpf t: -- needs a COMMAND after it\n"
			      "usage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&every, stray, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "barebpf t: unexpected argument 'foo' (put a command after --)\n"
			      "usage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&every, first, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: unexpected argument 'ls' (put a command after --)\n"
			      "usage: barebpf t [-p PID]\n");
}
END_TEST

/* One operand, among the options in any order; not after "--". */
START_TEST(test_operand)
{
	static const struct tool_spec dev = {
		.usage = usage,
		.common = TOOL_OPTS_SNOOP,
		.options = "Tn:",
		.parse = parse_own,
		.operand = "DEVICE",
	};
	static const char *const before[] = { "/dev/pts/3", "-T", "-p", "2", NULL };
	static const char *const between[] = { "-n", "a", "3", "-T", "--", "ls", NULL };
	static const char *const none[] = { "-T", NULL };
	static const char *const after_dashes[] = { "-T", "--", "ls", NULL };
	static const char *const two[] = { "4", "-T", "5", NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&dev, before, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(o.operand, "/dev/pts/3");
	ck_assert_str_eq(seen.log, "T");
	ck_assert_int_eq(o.who.pid, 2);
	ck_assert_ptr_null(o.command);

	ck_assert_int_eq(parse(&dev, between, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(o.operand, "3");
	ck_assert_str_eq(seen.log, "n=a T");
	ck_assert_str_eq(o.command[0], "ls");

	ck_assert_int_eq(parse(&dev, none, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "barebpf t: missing DEVICE\nusage: barebpf t [-p PID]\n");
	/* COMMAND's first word is COMMAND's, not the operand. */
	ck_assert_int_eq(parse(&dev, after_dashes, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: missing DEVICE\nusage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&dev, two, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: unexpected argument '5' (put a command after --)\n"
			      "usage: barebpf t [-p PID]\n");
	/* A tool without one takes none. */
	ck_assert_int_eq(parse(&every, before, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_ptr_null(o.operand);
}
END_TEST

/*
 * A tool that runs no COMMAND (asm, disasm): a second argument is a
 * stray, never "a command put in the wrong place"; "--" only ends the
 * options, so an operand that looks like one may follow it.
 */
START_TEST(test_no_command)
{
	static const struct tool_spec file = {
		.usage = usage, .common = TOOL_OPT_VERBOSE, .options = "T",
		.parse = parse_own, .operand = "FILE.s", .no_command = true,
	};
	static const char *const two[] = { "a.s", "-v", "b.s", NULL };
	static const char *const dashed[] = { "-T", "--", "-odd.s", NULL };
	static const char *const more[] = { "--", "-odd.s", "-v", NULL };
	static const char *const trailing[] = { "a.s", "--", NULL };
	static const char *const none[] = { "-v", NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&file, two, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "barebpf t: unexpected argument 'b.s'\n"
			      "usage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&file, dashed, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(o.operand, "-odd.s");
	ck_assert_str_eq(seen.log, "T");
	ck_assert_ptr_null(o.command);
	ck_assert_int_eq(o.who.tree, 0);

	/* After "--" nothing is an option any more */
	ck_assert_int_eq(parse(&file, more, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: unexpected argument '-v'\n"
			      "usage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&file, trailing, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(o.operand, "a.s");
	ck_assert_ptr_null(o.command);

	ck_assert_int_eq(parse(&file, none, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: missing FILE.s\nusage: barebpf t [-p PID]\n");
}
END_TEST

/* An operand that may be left out: trace's FILE, which -e replaces. */
START_TEST(test_operand_optional)
{
	static const struct tool_spec file = {
		.usage = usage, .common = TOOL_OPT_PID, .options = "T",
		.parse = parse_own, .operand = "FILE", .operand_optional = true,
	};
	static const char *const given[] = { "-T", "a.bt", "-p", "3", NULL };
	static const char *const none[] = { "-T", "--", "ls", NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&file, given, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(o.operand, "a.bt");
	ck_assert_int_eq(o.who.pid, 3);
	ck_assert_int_eq(parse(&file, none, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_null(o.operand);
	ck_assert_str_eq(o.command[0], "ls");
}
END_TEST

/*
 * A command that runs no COMMAND, with two operands (buildtrace diff's
 * A and B): among the options, or after "--" as getopt has them; a
 * third is a stray argument, not a command.
 */
START_TEST(test_operands_no_command)
{
	static const struct tool_spec two = {
		.usage = usage, .options = "T", .parse = parse_own,
		.operand = "A", .max_operands = 2, .no_command = true,
	};
	static const char *const among[] = { "a", "-T", "b", NULL };
	static const char *const dashes[] = { "-T", "--", "-a", "-b", NULL };
	static const char *const one[] = { "a", NULL };
	static const char *const three[] = { "a", "b", "-T", "c", NULL };
	static const char *const version[] = { "a", "--version", NULL };
	char out[4096], err[4096], want[256];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&two, among, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(o.nr_operands, 2);
	ck_assert_str_eq(o.operands[0], "a");
	ck_assert_str_eq(o.operands[1], "b");
	ck_assert_str_eq(o.operand, "a");
	ck_assert_str_eq(seen.log, "T");
	ck_assert_ptr_null(o.command);

	ck_assert_int_eq(parse(&two, dashes, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert_int_eq(o.nr_operands, 2);
	ck_assert_str_eq(o.operands[0], "-a");
	ck_assert_str_eq(o.operands[1], "-b");
	ck_assert_ptr_null(o.command);

	ck_assert_int_eq(parse(&two, one, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: missing A\nusage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&two, three, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: unexpected argument 'c'\n"
			      "usage: barebpf t [-p PID]\n");

	ck_assert_int_eq(parse(&two, version, &o, &seen, NULL, out, err), EXIT_OK);
	ck_assert_str_eq(err, "");
	snprintf(want, sizeof(want), "barebpf %s\n", barebpf_version);
	ck_assert_str_eq(out, want);
}
END_TEST

/* -t as a time column where it is no TID, and -U: a column each. */
START_TEST(test_columns)
{
	static const struct tool_spec columns = {
		.usage = usage,
		.common = TOOL_OPT_TIMESTAMP | TOOL_OPT_PRINT_UID,
	};
	static const struct tool_spec both_t = {
		.usage = usage,
		.common = TOOL_OPT_TIMESTAMP | TOOL_OPT_TID,
	};
	static const char *const shorts[] = { "-t", "-U", NULL };
	static const char *const longs[] = { "--timestamp", "--print-uid", NULL };
	static const char *const t_only[] = { "-t", NULL };
	static const char *const none[] = { NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&columns, none, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert(!o.timestamp && !o.print_uid);
	ck_assert_int_eq(parse(&columns, shorts, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert(o.timestamp && o.print_uid);
	ck_assert_int_eq(o.who.tid, 0);
	ck_assert_int_eq(parse(&columns, longs, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert(o.timestamp && o.print_uid);
	ck_assert_int_eq(parse(&columns, t_only, &o, &seen, NULL, out, err), TOOL_RUN);
	ck_assert(o.timestamp && !o.print_uid);
	/* Where -t is a TID, -U is not taken unless said. */
	ck_assert_int_eq(parse(&every, shorts + 1, &o, &seen, NULL, out, err), EXIT_USAGE);
	ck_assert_str_eq(err, "barebpf t: invalid option -- 'U'\nusage: barebpf t [-p PID]\n");
	/* A tool cannot have -t mean both. */
	ck_assert_int_eq(parse(&both_t, none, &o, &seen, NULL, out, err), EXIT_FAIL);
	ck_assert_str_eq(err, "barebpf t: -t cannot be both -t TID and --timestamp\n");
}
END_TEST

/* -h and --help: the usage on stdout, exit 0, whatever follows. */
START_TEST(test_help)
{
	static const char *const h[] = { "-p", "1", "-h", "-Z", NULL };
	static const char *const help[] = { "--help", NULL };
	char out[4096], err[4096];
	struct tool_opts o;
	struct seen seen;

	ck_assert_int_eq(parse(&few, h, &o, &seen, NULL, out, err), EXIT_OK);
	ck_assert_str_eq(out, usage);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(parse(&few, help, &o, &seen, NULL, out, err), EXIT_OK);
	ck_assert_str_eq(out, usage);
	ck_assert_str_eq(err, "");
}
END_TEST

/* --version: "barebpf VERSION" on stdout, exit 0. */
START_TEST(test_version)
{
	static const char *const version[] = { "--version", NULL };
	char out[4096], err[4096], want[256];
	struct tool_opts o;
	struct seen seen;

	/* git describe's "f17b850", "f17b850-dirty", "v1-3-gf17b850", or VERSION */
	ck_assert_uint_gt(strlen(barebpf_version), 0);
	ck_assert_uint_eq(strcspn(barebpf_version, " \t\n\"\\"), strlen(barebpf_version));
	snprintf(want, sizeof(want), "barebpf %s\n", barebpf_version);
	ck_assert_int_eq(parse(&every, version, &o, &seen, NULL, out, err), EXIT_OK);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(parse(&few, version, &o, &seen, NULL, out, err), EXIT_OK);
	ck_assert_str_eq(out, want);
}
END_TEST

Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options");

	tcase_add_checked_fixture(tc, name_tool, unname_tool);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_shared);
	tcase_add_loop_test(tc, test_bad_value, 0, ARRAY_SIZE(bad_values));
	tcase_add_loop_test(tc, test_bad_option, 0, ARRAY_SIZE(bad_options));
	tcase_add_test(tc, test_own_options);
	tcase_add_test(tc, test_command);
	tcase_add_test(tc, test_operand);
	tcase_add_test(tc, test_operand_optional);
	tcase_add_test(tc, test_operands_no_command);
	tcase_add_test(tc, test_no_command);
	tcase_add_test(tc, test_columns);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_version);
	suite_add_tcase(s, tc);
	return s;
}
