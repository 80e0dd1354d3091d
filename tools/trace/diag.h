/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One error in a script, as compilers say it:
 *	FILE:LINE:COL: error: what
 *	the line itself
 *	         ^~~~
 * The first error stops compilation; later calls keep the first.
 */
#ifndef BAREBPF_TRACE_DIAG_H
#define BAREBPF_TRACE_DIAG_H

#include <stdbool.h>
#include <stdio.h>

struct diag {
	const char *file, *text;
	int line, col, len;	/* len: characters the caret marks, >= 1 */
	bool set;
	char msg[1024];
};

void diag__init(struct diag *d, const char *file, const char *text);

/* Record an error at line:col, len characters long. Returns -1. */
int diag__error(struct diag *d, int line, int col, int len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Write the error, the source line and the caret to f. */
void diag__print(const struct diag *d, FILE *f);

/* Line n (from 1) of text and its length. */
const char *diag_line(const char *text, int n, int *len);

#endif /* BAREBPF_TRACE_DIAG_H */
