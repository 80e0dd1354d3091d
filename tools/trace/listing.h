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
#include "loader/prog.h"
#include "tools/trace/program.h"

/* Every program of c, to f (the maps as .map lines, loads by name). */
void listing_print(const struct compiler *c, FILE *f);

/*
 * The verifier's refusal of p, to stderr: log->text beside the script,
 * and why; from log->reason where the log was cut and the kernel kept
 * its start (before 6.4), the instruction it stopped at being past it.
 */
void listing_rejection(const struct compiler *c, const struct trace_prog *p,
		       const struct prog_log *log);

#endif /* BAREBPF_TRACE_LISTING_H */
