/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe names to attach points: BEGIN, END, tracepoint:CAT:EVENT with
 * '*' and '?' in either part (matched against tracefs's own list),
 * interval:s:N (ms, us, hz; or interval:Ns) and profile:hz:N.
 */
#ifndef BAREBPF_TRACE_PROBES_H
#define BAREBPF_TRACE_PROBES_H

#include <stdbool.h>
#include "tools/trace/program.h"

/*
 * One program per attach point of every probe block, in c->progs, each
 * tracepoint's format loaded. Returns 0, or -1 with the error in c->diag.
 */
int probes__expand(struct compiler *c);

/* True when text matches pattern ('*' any run, '?' one character). */
bool glob_match(const char *pattern, const char *text);

/*
 * Every tracepoint "CAT:EVENT" of this kernel that matches pattern (a
 * "CAT:EVENT" glob; NULL for all), sorted, NULL-terminated; free with
 * tracepoints_free(). NULL with errno when tracefs cannot be read.
 */
char **tracepoints_matching(const char *pattern, int *count);
void tracepoints_free(char **list);

#endif /* BAREBPF_TRACE_PROBES_H */
