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

int usage_error(const char *usage)
{
	fputs(usage, stderr);
	return EXIT_USAGE;
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

int list_or_dump_main(const char *tool, const char *what, const char *usage,
		      int argc, char **argv, int (*list)(void),
		      int (*dump)(__u32 id))
{
	long id;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (argc == 2 && (!strcmp(argv[1], "list") || !strcmp(argv[1], "show")))
		return list();
	if (argc == 3 && !strcmp(argv[1], "dump")) {
		if (parse_long(tool, "ID", argv[2], 1, 0xffffffffL, &id))
			goto out_usage;
		return dump((__u32)id);
	}
	if (argc < 2)
		tool_err(tool, "no subcommand: list or dump ID");
	else if (!strcmp(argv[1], "dump"))
		tool_err(tool, "dump takes one %s ID", what);
	else
		tool_err(tool, "unknown subcommand '%s': list or dump ID",
			 argv[1]);
out_usage:
	return usage_error(usage);
}
