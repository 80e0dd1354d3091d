/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the verifier said of a program, printed for a person: ACCEPTED or
 * REJECTED, the log with each instruction it names shown beside the
 * source line it came from, where it stopped and why, and its statistics.
 */
#ifndef BAREBPF_TOOLS_VERDICT_H
#define BAREBPF_TOOLS_VERDICT_H

#include <stddef.h>

/* Where the instructions came from; all NULL for an object file. */
struct verdict_source {
	const char *path;		/* FILE.s */
	const char *text;		/* its text */
	const int *lines;		/* lines[slot]: source line */
	size_t nr;			/* slots */
};

/*
 * what names the program ("bad.s as tracepoint"); fd is what the load
 * returned. Prints through out_printf. Returns 0 when accepted, else
 * EXIT_FAIL.
 */
int print_verdict(const char *what, int fd, const char *log,
		  const struct verdict_source *src);

#endif /* BAREBPF_TOOLS_VERDICT_H */
