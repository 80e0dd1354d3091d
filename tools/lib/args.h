/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line helpers shared by the tools. */
#ifndef BAREBPF_TOOLS_ARGS_H
#define BAREBPF_TOOLS_ARGS_H

#include <stdbool.h>
#include <linux/types.h>

/* Exit codes of every tool. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* a runtime failure */
	EXIT_USAGE = 2,		/* bad usage: unknown flag, bad number */
};

/*
 * Parse s as a base-10 integer in [min, max]. On failure print
 * "barebpf TOOL: invalid OPT value 'S': expected MIN..MAX" and return -1.
 */
int parse_long(const char *tool, const char *opt, const char *s, long min,
	       long max, long *out);

/* Print "barebpf TOOL: " and the message, then a newline, to stderr. */
void tool_err(const char *tool, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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
 * stray argument and returns (char **)-1.
 */
char **command_after_options(const char *tool, int argc, char **argv,
			     int optind);

/*
 * "TOOL list" and "TOOL dump ID", the shape of prog and map: -h prints
 * usage and exits 0; a bad line says what is wrong, prints usage, exits 2.
 * what names the object ("program", "map").
 */
int list_or_dump_main(const char *tool, const char *what, const char *usage,
		      int argc, char **argv, int (*list)(void),
		      int (*dump)(__u32 id));

#endif /* BAREBPF_TOOLS_ARGS_H */
