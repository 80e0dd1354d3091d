/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checker: types every expression of a program against its
 * tracepoint's format file, checks calls and their arguments, and types
 * the maps across the whole script (a map keeps one key and one value
 * type). Errors name the script's LINE:COL.
 */
#ifndef BAREBPF_TRACE_SEMA_H
#define BAREBPF_TRACE_SEMA_H

#include "tools/trace/program.h"

/*
 * Check every program twice (maps assigned late in the script are typed
 * by the first pass), then size the maps. Returns 0, or -1 with the
 * error in c->diag.
 */
int sema__check(struct compiler *c);

/* Type program p's tree again, for the code generator. */
int sema__check_prog(struct compiler *c, struct trace_prog *p);

#endif /* BAREBPF_TRACE_SEMA_H */
