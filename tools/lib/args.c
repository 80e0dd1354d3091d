// SPDX-License-Identifier: GPL-2.0
/* Number parsing with range checks, and the "-- COMMAND" tail. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/args.h"

/*
 * "WHO: MESSAGE\n" in one write(2): stderr is unbuffered, and a traced
 * command that shares it must not land in the middle of one of our lines.
 */
static void say(const char *who, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	n = snprintf(line, sizeof(line), "%s: ", who);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	fflush(stderr);
	if (write(2, line, (size_t)n) < 0)
		return;	/* nowhere left to say it */
}

const char *tool_name;

void tool_err(const char *fmt, ...)
{
	char who[64];
	va_list ap;

	if (tool_name)
		snprintf(who, sizeof(who), "barebpf %s", tool_name);
	else
		snprintf(who, sizeof(who), "barebpf");
	va_start(ap, fmt);
	say(who, fmt, ap);
	va_end(ap);
}

int parse_long_long(const char *opt, const char *s, long long min,
		    long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max) {
		tool_err("invalid %s value '%s': expected %lld..%lld", opt,
			 s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int parse_long(const char *opt, const char *s, long min, long max, long *out)
{
	long long v;

	if (parse_long_long(opt, s, min, max, &v))
		return -1;
	*out = (long)v;
	return 0;
}

/* getopt's own prefix: argv[0], which the dispatcher makes "barebpf TOOL". */
static void option_err(const char *argv0, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(argv0, fmt, ap);
	va_end(ap);
}

int tool_getopt(int argc, char **argv, const char *optstring,
		const struct option *longopts)
{
	const char *arg, *eq;
	int opt;

	opterr = 0;
	opt = getopt_long(argc, argv, optstring, longopts, NULL);
	if (opt != '?')
		return opt;
	/* A long option has been stepped over; a short one may not have. */
	arg = optind > 1 && optind <= argc ? argv[optind - 1] : "";
	if (!optopt) {
		option_err(argv[0], "unrecognized option '%s'", arg);
	} else if (!strncmp(arg, "--", 2)) {
		eq = strchr(arg, '=');
		if (eq)
			option_err(argv[0], "option '%.*s' doesn't allow an argument",
				   (int)(eq - arg), arg);
		else
			option_err(argv[0], "option '%s' requires an argument", arg);
	} else if (optopt != ':' && strchr(optstring, optopt)) {
		option_err(argv[0], "option requires an argument -- '%c'", optopt);
	} else {
		option_err(argv[0], "invalid option -- '%c'", optopt);
	}
	return '?';
}

int usage_error(const char *usage)
{
	fputs(usage, stderr);
	return EXIT_USAGE;
}

char **command_after_options(int argc, char **argv, int optind)
{
	/* "TOOL --" alone meant a command: not a trace of the whole system. */
	if (optind >= argc && optind > 1 && !strcmp(argv[optind - 1], "--")) {
		tool_err("-- needs a COMMAND after it");
		return (char **)-1;
	}
	if (optind >= argc)
		return NULL;
	if (optind > 0 && !strcmp(argv[optind - 1], "--"))
		return argv + optind;
	tool_err("unexpected argument '%s' (put a command after --)",
		 argv[optind]);
	return (char **)-1;
}
