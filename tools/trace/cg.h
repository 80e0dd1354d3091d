/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the code generator (codegen.c: statements, maps, calls;
 * cg_expr.c: values). Registers: r6 holds the context throughout; an
 * expression leaves its integer in r0; r7 to r9 hold the left operands
 * of pending binary operations (deeper ones spill to the stack), since
 * helper calls clobber only r0 to r5.
 */
#ifndef BAREBPF_TRACE_CG_H
#define BAREBPF_TRACE_CG_H

#include "asm/builder.h"
#include "tools/trace/program.h"

#define CG_SPILL_MAX	32

struct cg {
	struct compiler *c;
	struct trace_prog *p;
	struct builder b;
	int *lines, *cols;
	size_t cap, filled;
	int line, col;		/* where the instructions now emitted come from */
	int frame;		/* bytes of stack in use (r10 - frame) */
	int max_frame;
	int var_slots[TRACE_VARS_MAX];
	int depth;		/* pending left operands */
	int spills[CG_SPILL_MAX];
	int labels;
	bool failed;
};

/* Tag the instructions emitted so far, then go on at node n. */
void cg_enter(struct cg *g, const struct node *n, int saved[2]);
void cg_leave(struct cg *g, const int saved[2]);

/* A new label name, unique in the program. */
const char *cg_label(struct cg *g, char buf[16]);

/* size bytes of stack, 8-aligned: its offset from r10 (negative). */
int cg_alloc(struct cg *g, int size);

int cg_fail(struct cg *g, const struct node *n, const char *msg);

/* r0 = the integer n evaluates to. */
void cg_int(struct cg *g, struct node *n);

/* Unless n holds, goto label. */
void cg_cond_false(struct cg *g, struct node *n, const char *label);

/* Write n's value, of slot size bytes, at r10 + off (NUL-padded strings). */
void cg_value(struct cg *g, struct node *n, int off, int size);

/* Zero size bytes at r10 + off. */
void cg_zero(struct cg *g, int off, int size);

/* The map's key for node m (N_MAP) at a new stack slot: its offset. */
int cg_map_key(struct cg *g, struct node *m, int extra);

/* r0 = the value the map holds for m's key (0 when none). */
void cg_map_read(struct cg *g, struct node *m);

/* Keep r0 as a pending left operand; give it back into reg. */
void cg_push(struct cg *g);
void cg_pop(struct cg *g, int reg);
/* reg = the last pending operand, still pending. */
void cg_peek(struct cg *g, int reg);

#endif /* BAREBPF_TRACE_CG_H */
