/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emit: how every program ends. A tracepoint program's return value is
 * ignored by perf (bpf_overflow_handler runs it for its side effects),
 * so each returns 0; a block that is done jumps to the shared "out".
 */
#ifndef BAREBPF_PROGS_EXIT_H
#define BAREBPF_PROGS_EXIT_H

#include "asm/builder.h"

/* Emit: return 0. */
void exit_emit_return(struct builder *b);

/* Emit: the "out" label, then return 0. */
void exit_emit_out(struct builder *b);

#endif /* BAREBPF_PROGS_EXIT_H */
