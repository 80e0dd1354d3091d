/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Programs shown for a person: -d's listing in the text "barebpf asm"
 * reads back, each instruction with the script's LINE:COL; and a
 * verifier rejection, its log lines beside the script lines they came
 * from, and why: at the expression.
 */
#ifndef BAREBPF_TRACE_LISTING_H
#define BAREBPF_TRACE_LISTING_H

#include <stdio.h>
#include "tools/trace/program.h"

/* Every program of c, to f (the maps as .map lines, loads by name). */
void listing_print(const struct compiler *c, FILE *f);

/* The verifier's refusal of p, to stderr. */
void listing_rejection(const struct compiler *c, const struct trace_prog *p,
		       const char *log);

#endif /* BAREBPF_TRACE_LISTING_H */
