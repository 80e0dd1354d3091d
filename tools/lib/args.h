/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line helpers shared by the tools, and how tools/ fails.
 *
 * Only tools/ print and choose exit codes. A tools/lib function that
 * fails says so itself, in one line, "barebpf TOOL: what failed: why"
 * (tool_err()), and returns what its caller passes on: an exit code
 * (EXIT_OK, EXIT_FAIL, EXIT_USAGE) where the caller is a main (the
 * session, the option layer, the held child, outfile), or -1 where it is
 * a parser whose caller adds the usage (parse_long(), parse_ports()). A
 * function that prints nothing returns as loader/ does: >= 0 or -errno,
 * NULL with errno set. Which kind each is, its header says.
 */
#ifndef BAREBPF_TOOLS_ARGS_H
#define BAREBPF_TOOLS_ARGS_H

#include <stdbool.h>
#include <linux/types.h>

/* Exit codes of every tool. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* a runtime failure */
	EXIT_USAGE = 2,		/* bad usage: unknown flag, bad number */
	EXIT_NOT_FOUND = 127,	/* no such command, as a shell says */
};

/*
 * The command running ("opensnoop"), which every message names: set once
 * by the dispatcher (tools/main.c) before the command's main runs, as
 * toybox keeps the command in its global context. NULL before that.
 */
extern const char *tool_name;

/*
 * Print "barebpf TOOL: " and the message, then a newline, to stderr
 * ("barebpf: " while no command runs).
 */
void tool_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Parse s as a base-10 integer in [min, max]. On failure print
 * "barebpf TOOL: invalid OPT value 'S': expected MIN..MAX" and return -1.
 */
int parse_long(const char *opt, const char *s, long min, long max, long *out);

/* The same for ranges past a 32-bit long: uids, object IDs. */
int parse_long_long(const char *opt, const char *s, long long min,
		    long long max, long long *out);

struct option;

/*
 * getopt_long, its complaint about a bad option in glibc's words with
 * any libc (musl words them otherwise): "ARGV0: invalid option -- 'Z'",
 * "unrecognized option '--bogus'", "option requires an argument -- 's'".
 * Returns what getopt_long returns ('?' after the complaint).
 */
int tool_getopt(int argc, char **argv, const char *optstring,
		const struct option *longopts);

/* Print usage on stderr and return EXIT_USAGE, after a bad command line. */
int usage_error(const char *usage);

/*
 * After getopt: argv[optind..] is COMMAND only when "--" preceded it.
 * Returns the command's argv (NULL when there is none) or prints the
 * stray argument, or that "--" has nothing after it, and returns
 * (char **)-1.
 */
char **command_after_options(int argc, char **argv, int optind);

#endif /* BAREBPF_TOOLS_ARGS_H */
