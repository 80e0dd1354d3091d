/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code generator: each checked program to BPF instructions through
 * the builder, every instruction tagged with the script's LINE:COL it
 * came from (for -d and for the verifier's complaints).
 */
#ifndef BAREBPF_TRACE_CODEGEN_H
#define BAREBPF_TRACE_CODEGEN_H

#include "tools/trace/program.h"

/*
 * Generate every program of c (its maps created, or given stand-in fds)
 * into p->insns (and p->lines, p->cols).
 * Programs whose code would not differ share it (p->same_as). Returns
 * 0, or -1 with the error in c->diag.
 */
/*
 * The kstack and ustack depths the script uses, into c->stack_depths:
 * each needs its stack map before code is generated. Returns 0 or -1.
 */
int codegen__stacks(struct compiler *c);

int codegen__all(struct compiler *c);

#endif /* BAREBPF_TRACE_CODEGEN_H */
