// SPDX-License-Identifier: GPL-2.0
/* Number parsing with range checks, and the "-- COMMAND" tail. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/args.h"

/*
 * One write(2) per line: stderr is unbuffered, and a traced command that
 * shares it must not land in the middle of one of our lines.
 */
void tool_err(const char *tool, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "barebpf %s: ", tool);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	fflush(stderr);
	if (write(2, line, (size_t)n) < 0)
		return;	/* nowhere left to say it */
}

int parse_long(const char *tool, const char *opt, const char *s, long min,
	       long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max) {
		tool_err(tool, "invalid %s value '%s': expected %ld..%ld", opt,
			 s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

char **command_after_options(const char *tool, int argc, char **argv,
			     int optind)
{
	if (optind >= argc)
		return NULL;
	if (optind > 0 && !strcmp(argv[optind - 1], "--"))
		return argv + optind;
	tool_err(tool, "unexpected argument '%s' (put a command after --)",
		 argv[optind]);
	return (char **)-1;
}
