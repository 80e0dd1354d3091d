// SPDX-License-Identifier: GPL-2.0
/*
 * Statements, maps and calls to BPF. A program reads:
 *	r6 = ctx; [task filter]; [predicate, else goto out]; statements;
 *	out: r0 = 0; exit
 * Maps are read and counted with lookup-then-update on a key built in
 * the stack; events go out through "events" as records that start with
 * struct trace_record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/insn.h"
#include "progs/mapcall.h"
#include "progs/taskfilter.h"
#include "tools/trace/builtins.h"
#include "tools/trace/cg.h"
#include "tools/trace/codegen.h"
#include "tools/trace/lex.h"
#include "tools/trace/sema.h"

#define OUT_LABEL	"out"

static void sync_locs(struct cg *g)
{
	size_t need = g->b.len;

	if (need > g->cap) {
		size_t cap = g->cap ? g->cap : 256;
		int *l, *c;

		while (cap < need)
			cap *= 2;
		l = realloc(g->lines, cap * sizeof(*l));
		if (l)
			g->lines = l;
		c = l ? realloc(g->cols, cap * sizeof(*c)) : NULL;
		if (!l || !c) {
			builder__fail(&g->b, -12, "out of memory");
			return;
		}
		g->cols = c;
		g->cap = cap;
	}
	for (; g->filled < need; g->filled++) {
		g->lines[g->filled] = g->line;
		g->cols[g->filled] = g->col;
	}
}

void cg_enter(struct cg *g, const struct node *n, int saved[2])
{
	sync_locs(g);
	saved[0] = g->line;
	saved[1] = g->col;
	g->line = n->line;
	g->col = n->col;
}

void cg_leave(struct cg *g, const int saved[2])
{
	sync_locs(g);
	g->line = saved[0];
	g->col = saved[1];
}

const char *cg_label(struct cg *g, char buf[16])
{
	snprintf(buf, 16, "L%d", g->labels++);
	return buf;
}

int cg_alloc(struct cg *g, int size)
{
	g->frame += (size + 7) & ~7;
	if (g->frame > g->max_frame)
		g->max_frame = g->frame;
	return -g->frame;
}

int cg_fail(struct cg *g, const struct node *n, const char *msg)
{
	if (!g->failed)
		diag__error(g->c->diag, n ? n->line : g->line, n ? n->col : g->col, 1,
			    "%s", msg);
	g->failed = true;
	return -1;
}

static struct trace_map *map_of(struct cg *g, const struct node *m)
{
	return &g->c->maps[m->id];
}

int cg_map_key(struct cg *g, struct node *m, int extra)
{
	struct trace_map *map = map_of(g, m);
	int key = cg_alloc(g, (int)map->key_size), at = 0, i, sz;

	(void)extra;
	if (map->array) {
		/* index 0 (hist's bucket goes in its place later) */
		EMIT(&g->b, BPF_ST_MEM(BPF_W, BPF_REG_10, key, 0));
		return key;
	}
	for (i = 0; i < m->nr_args; i++) {
		sz = (int)type_slot_size(&map->keys[i]);
		cg_value(g, m->args[i], key + at, sz);
		at += sz;
	}
	return key;
}

void cg_map_read(struct cg *g, struct node *m)
{
	int key = cg_map_key(g, m, 0);
	char out[16];

	emit_map_lookup(&g->b, map_of(g, m)->bname, key);
	cg_label(g, out);
	JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), out);
	EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_0, 0));
	LABEL(&g->b, out);
}

/* perf_event_output(ctx, events, BPF_F_CURRENT_CPU, r10 + off, size) */
static void send(struct cg *g, int off, int size)
{
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6));
	LD_MAP(&g->b, BPF_REG_2, "events");
	/* a 32-bit move: BPF_F_CURRENT_CPU is 0xffffffff, not -1 */
	EMIT(&g->b, BPF_MOV32_IMM(BPF_REG_3, -1),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, off),
	     BPF_MOV64_IMM(BPF_REG_5, size),
	     BPF_EMIT_CALL(BPF_FUNC_perf_event_output));
}

static int record(struct cg *g, int size, enum record_kind kind, int index)
{
	int off = cg_alloc(g, size);

	EMIT(&g->b, BPF_ST_MEM(BPF_W, BPF_REG_10, off, kind),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, off + 4, index));
	return off;
}

static void call_printf(struct cg *g, struct node *n)
{
	const struct trace_fmt *f = &g->c->fmts[n->id];
	int off = record(g, (int)f->size, REC_PRINTF, n->id), i;

	for (i = 0; i < f->nr_args; i++)
		cg_value(g, n->args[i + 1], off + (int)f->offsets[i],
			 (int)type_slot_size(&f->args[i]));
	send(g, off, (int)f->size);
}

/*
 * join(array [, sep]): the array's strings, up to TRACE_JOIN_ARGS, into
 * the per-CPU "join" buffer (16 KiB: past any stack), sent as far as
 * read: a NULL pointer, or a pointer that cannot be read, ends it. r7
 * holds the buffer and r8 the next element: a statement has no pending
 * operands in them.
 */
static void call_join(struct cg *g, struct node *n)
{
	const struct prog_features *ft = g->c->features;
	bool user = n->args[0]->type.user;
	int key = cg_alloc(g, 8), ptr = cg_alloc(g, 8), i;
	char send_l[16], skip[16];

	if (g->depth) {
		cg_fail(g, n, "join() is a statement of its own");
		return;
	}
	cg_label(g, send_l);
	cg_label(g, skip);
	cg_int(g, n->args[0]);
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_8, BPF_REG_0),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, key, 0));
	emit_map_lookup(&g->b, "join", key);
	JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), skip);
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, 0, REC_JOIN),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, 4, n->id));
	for (i = 0; i < TRACE_JOIN_ARGS; i++) {
		/* the i-th pointer; r5 the record's size should it end here */
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, ptr),
		     BPF_MOV64_IMM(BPF_REG_2, 8),
		     BPF_MOV64_REG(BPF_REG_3, BPF_REG_8),
		     BPF_EMIT_CALL(user ? ft->read_user : ft->read_kernel),
		     BPF_MOV64_IMM(BPF_REG_5, 8 + i * TRACE_JOIN_ARGSIZE));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), send_l);
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, ptr));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), send_l);
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 8 + i * TRACE_JOIN_ARGSIZE),
		     BPF_MOV64_IMM(BPF_REG_2, TRACE_JOIN_ARGSIZE),
		     BPF_EMIT_CALL(user ? ft->read_user_str : ft->read_kernel_str),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_8, 8));
	}
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_5, TRACE_JOIN_SIZE));
	LABEL(&g->b, send_l);
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6));
	LD_MAP(&g->b, BPF_REG_2, "events");
	EMIT(&g->b, BPF_MOV32_IMM(BPF_REG_3, -1),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_7),
	     BPF_EMIT_CALL(BPF_FUNC_perf_event_output));
	LABEL(&g->b, skip);
}

static long long const_of(const struct node *n)
{
	if (n->kind == N_UNARY)
		return -(long long)n->a->num;
	return (long long)n->num;
}

/* A call as a statement. False when nothing after it runs (exit()). */
static bool call_stmt(struct cg *g, struct node *n)
{
	const struct trace_fmt *f;
	int off, key;

	switch (n->op) {
	case F_PRINTF:
		call_printf(g, n);
		break;
	case F_PRINT:
		if (n->args[0]->kind == N_MAP && !n->args[0]->nr_args) {
			off = record(g, 24, REC_PRINT, n->args[0]->id);
			EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off + 8,
					       n->nr_args > 1 ? (int)const_of(n->args[1]) : 0),
			     BPF_ST_MEM(BPF_DW, BPF_REG_10, off + 16,
					n->nr_args > 2 ? (int)const_of(n->args[2]) : 1));
			send(g, off, 24);
			break;
		}
		f = &g->c->fmts[n->id];
		off = record(g, (int)f->size, REC_VALUE, n->id);
		cg_value(g, n->args[0], off + 8, (int)type_slot_size(&f->args[0]));
		send(g, off, (int)f->size);
		break;
	case F_CLEAR:
	case F_ZERO:
		off = record(g, 8, n->op == F_CLEAR ? REC_CLEAR : REC_ZERO,
			     n->args[0]->id);
		send(g, off, 8);
		break;
	case F_TIME:
		off = record(g, 8, REC_TIME, n->id);
		send(g, off, 8);
		break;
	case F_JOIN:
		call_join(g, n);
		break;
	case F_DELETE:
		key = cg_map_key(g, n->args[0], 0);
		emit_map_delete(&g->b, map_of(g, n->args[0])->bname, key);
		break;
	case F_EXIT:
		off = record(g, 16, REC_EXIT, 0);
		if (n->nr_args) {
			cg_int(g, n->args[0]);
			EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off + 8));
		} else {
			EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off + 8, 0));
		}
		send(g, off, 16);
		/* nothing after exit() runs */
		JUMP(&g->b, BPF_JMP_A(0), OUT_LABEL);
		return false;
	default:
		/* an expression with no effect but its reads: evaluate it */
		off = cg_alloc(g, (int)type_slot_size(&n->type));
		cg_value(g, n, off, (int)type_slot_size(&n->type));
	}
	return true;
}

/*
 * r0 = the bucket of r0: hist()'s power of two (0 for negatives, 1 for
 * 0, 2 + log2 after), or lhist()'s step.
 */
static void bucket(struct cg *g, const struct type *t)
{
	static const int steps[] = { 32, 16, 8, 4, 2, 1 };
	char done[16], l[16];
	size_t i;

	cg_label(g, done);
	if (t->kind == TY_LHIST) {
		long long buckets = (t->lmax - t->lmin) / t->lstep;

		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_0),
		     BPF_MOV64_IMM(BPF_REG_0, 0));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_1, (int)t->lmin, 0), done);
		EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, (int)buckets + 1));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_1, (int)t->lmax, 0), done);
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_0, BPF_REG_1),
		     BPF_ALU64_IMM(BPF_SUB, BPF_REG_0, (int)t->lmin),
		     BPF_ALU64_IMM(BPF_DIV, BPF_REG_0, (int)t->lstep),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, 1));
		LABEL(&g->b, done);
		return;
	}
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_0),
	     BPF_MOV64_IMM(BPF_REG_0, 0));
	JUMP(&g->b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_1, 0, 0), done);
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 1));
	JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), done);
	/* floor(log2(r1)) by halves, into r0 (from 2) */
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 2));
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		cg_label(g, l);
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
		     BPF_ALU64_IMM(BPF_RSH, BPF_REG_2, steps[i]));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), l);
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_2),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, steps[i]));
		LABEL(&g->b, l);
	}
	LABEL(&g->b, done);
}

/*
 * An aggregation on the map's value for key: in place when the key is
 * there (this CPU's slot: no atomics needed), else a new entry. The
 * argument, if any, is the pending operand.
 */
static void aggregate(struct cg *g, struct trace_map *m, int key, bool has_arg)
{
	enum ty k = m->value.kind;
	char fresh[16], done[16], set[16];
	int val = cg_alloc(g, 16);

	cg_label(g, fresh);
	cg_label(g, done);
	emit_map_lookup(&g->b, m->bname, key);
	JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), fresh);
	if (has_arg)
		cg_peek(g, BPF_REG_2);
	switch (k) {
	case TY_SUM:
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_2),
		     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
		break;
	case TY_AVG:
	case TY_STATS:
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
		     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 8),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_2),
		     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 8));
		break;
	case TY_MIN:
	case TY_MAX:
		cg_label(g, set);
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 8));
		JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), set);
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
		JUMP(&g->b, BPF_JMP_REG(k == TY_MIN ?
					(m->value.is_signed ? BPF_JSLE : BPF_JLE) :
					(m->value.is_signed ? BPF_JSGE : BPF_JGE),
					BPF_REG_1, BPF_REG_2, 0), done);
		LABEL(&g->b, set);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_2, 0),
		     BPF_ST_MEM(BPF_DW, BPF_REG_0, 8, 1));
		break;
	default:	/* count, hist, lhist: one more */
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
		     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
	}
	JUMP(&g->b, BPF_JMP_A(0), done);
	LABEL(&g->b, fresh);
	if (k == TY_SUM || k == TY_AVG || k == TY_STATS || k == TY_MIN || k == TY_MAX) {
		cg_peek(g, BPF_REG_2);
		if (k == TY_SUM)
			EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_2, val));
		else if (k == TY_AVG || k == TY_STATS)
			EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, val, 1),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_2, val + 8));
		else
			EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_2, val),
			     BPF_ST_MEM(BPF_DW, BPF_REG_10, val + 8, 1));
	} else {
		EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, val, 1));
	}
	emit_map_update(&g->b, m->bname, key, val, BPF_ANY);
	LABEL(&g->b, done);
}

static void assign_aggregate(struct cg *g, struct node *n)
{
	struct trace_map *m = map_of(g, n->a);
	struct node *call = n->b;
	int key = cg_map_key(g, n->a, 0);
	bool has_arg = call->nr_args > 0;

	if (m->value.kind == TY_HIST || m->value.kind == TY_LHIST) {
		/* the bucket is the key's last u64, or the array's index */
		cg_int(g, call->args[0]);
		bucket(g, &m->value);
		if (m->array)
			EMIT(&g->b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, key));
		else
			EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0,
						key + (int)m->key_size - 8));
		has_arg = false;
	} else if (has_arg) {
		cg_int(g, call->args[0]);
	}
	if (has_arg)
		cg_push(g);
	aggregate(g, m, key, has_arg);
	if (has_arg)
		g->depth--;
}

static int bpf_op_of(int tok)
{
	switch (tok) {
	case T_PLUSEQ: case T_INC: return BPF_ADD;
	case T_MINUSEQ: case T_DEC: return BPF_SUB;
	case T_STAREQ: return BPF_MUL;
	case T_SLASHEQ: return BPF_DIV;
	case T_PERCENTEQ: return BPF_MOD;
	case T_AMPEQ: return BPF_AND;
	case T_PIPEEQ: return BPF_OR;
	case T_CARETEQ: return BPF_XOR;
	case T_SHLEQ: return BPF_LSH;
	default: return BPF_RSH;
	}
}

/* @m[k] op= r0 (pending): in place, or 0 op value as a new entry. */
static void map_compound(struct cg *g, struct node *l, int op)
{
	struct trace_map *m = map_of(g, l);
	char fresh[16], done[16];
	int key, val;

	cg_push(g);
	key = cg_map_key(g, l, 0);
	val = cg_alloc(g, 8);
	cg_label(g, fresh);
	cg_label(g, done);
	emit_map_lookup(&g->b, m->bname, key);
	cg_pop(g, BPF_REG_2);
	JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), fresh);
	EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
	     BPF_ALU64_REG(op, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
	JUMP(&g->b, BPF_JMP_A(0), done);
	LABEL(&g->b, fresh);
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_1, 0),
	     BPF_ALU64_REG(op, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, val));
	emit_map_update(&g->b, m->bname, key, val, BPF_ANY);
	LABEL(&g->b, done);
}

static void assign(struct cg *g, struct node *n)
{
	struct node *l = n->a;
	int slot, op, sz;

	if (l->kind == N_VAR) {
		slot = g->var_slots[l->id];
		if (n->op == T_ASSIGN) {
			cg_value(g, n->b, slot, (int)type_slot_size(&g->c->vars[l->id].type));
			return;
		}
		cg_int(g, n->b);
		op = bpf_op_of(n->op);
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot),
		     BPF_ALU64_REG(op, BPF_REG_1, BPF_REG_0),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
		return;
	}
	if (n->b->kind == N_CALL && n->b->op >= F_COUNT) {
		assign_aggregate(g, n);
		return;
	}
	if (n->op != T_ASSIGN) {
		cg_int(g, n->b);
		map_compound(g, l, bpf_op_of(n->op));
		return;
	}
	{
		struct trace_map *m = map_of(g, l);
		int key = cg_map_key(g, l, 0), val;

		sz = (int)m->value_size;
		val = cg_alloc(g, sz);
		cg_value(g, n->b, val, sz);
		emit_map_update(&g->b, m->bname, key, val, BPF_ANY);
	}
}

static bool statement(struct cg *g, struct node *n);

/*
 * for ($i : A..B): a bounded loop from 5.3, else the body once per
 * value. False when the body never finishes (return, exit()): it runs
 * once, with no back edge.
 */
static bool loop_for(struct cg *g, struct node *n)
{
	long long lo = (long long)n->num, count = (long long)n->len, i;
	int slot = g->var_slots[n->a->id];
	char head[16];

	if (count <= 0)
		return true;
	if (!g->c->features->bounded_loops) {
		/* before 5.3: the body once per value */
		if (count > TRACE_UNROLL_MAX) {
			cg_fail(g, n, "this kernel verifies no loops (before 5.3): a for loop is unrolled, and this one has more than 1000 rounds");
			return true;
		}
		for (i = 0; i < count && !g->failed; i++) {
			EMIT(&g->b, BPF_LD_IMM64(BPF_REG_1, lo + i),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
			if (!statement(g, n->b))
				return false;
		}
		return true;
	}
	cg_label(g, head);
	EMIT(&g->b, BPF_LD_IMM64(BPF_REG_1, lo),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
	LABEL(&g->b, head);
	if (!statement(g, n->b))
		return false;
	EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot),
	     BPF_LD_IMM64(BPF_REG_2, lo + count));
	JUMP(&g->b, BPF_JMP_REG(BPF_JSLT, BPF_REG_1, BPF_REG_2, 0), head);
	return true;
}

/*
 * Emit n. Returns whether what follows can run: after return or exit(),
 * or an if whose every branch ends so, nothing more is emitted, as the
 * verifier refuses instructions no path reaches.
 */
static bool statement(struct cg *g, struct node *n)
{
	int saved[2], frame = g->frame, i;
	bool through = true, then;
	char a[16], b[16];

	if (g->failed)
		return true;
	cg_enter(g, n, saved);
	switch (n->kind) {
	case N_BLOCK:
		for (i = 0; i < n->nr_args && through; i++)
			through = statement(g, n->args[i]);
		break;
	case N_ASSIGN:
		assign(g, n);
		break;
	case N_INCDEC:
		if (n->a->kind == N_VAR) {
			int slot = g->var_slots[n->a->id];

			EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot),
			     BPF_ALU64_IMM(n->op == T_INC ? BPF_ADD : BPF_SUB, BPF_REG_1, 1),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
		} else {
			EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 1));
			map_compound(g, n->a, bpf_op_of(n->op));
		}
		break;
	case N_IF:
		cg_label(g, a);
		cg_label(g, b);
		cg_cond_false(g, n->a, a);
		then = statement(g, n->b);
		if (n->c && then)
			JUMP(&g->b, BPF_JMP_A(0), b);
		LABEL(&g->b, a);
		if (n->c) {
			through = statement(g, n->c) || then;
			LABEL(&g->b, b);
		}
		break;
	case N_UNROLL:
		for (i = 0; i < (int)n->num && !g->failed && through; i++)
			through = statement(g, n->b);
		break;
	case N_FOR:
		through = loop_for(g, n);
		break;
	case N_RETURN:
		JUMP(&g->b, BPF_JMP_A(0), OUT_LABEL);
		through = false;
		break;
	case N_EXPR:
		through = call_stmt(g, n->a);
		break;
	default:
		break;
	}
	cg_leave(g, saved);
	g->frame = frame;
	return through;
}

static void register_maps(struct cg *g)
{
	struct compiler *c = g->c;
	char name[16];
	int i;

	builder__map(&g->b, "events", c->events_fd);
	if (c->tree)
		builder__map(&g->b, "tree", c->tree_fd);
	if (c->uses_join)
		builder__map(&g->b, "join", c->join_fd);
	for (i = 0; i < c->nr_maps; i++)
		builder__map(&g->b, c->maps[i].bname, c->maps[i].fd);
	for (i = 0; i < c->nr_stack_depths; i++) {
		snprintf(name, sizeof(name), "stack_%d", c->stack_depths[i]);
		builder__map(&g->b, name, c->stack_fds[i]);
	}
}

static int gen_prog(struct compiler *c, struct trace_prog *p)
{
	struct task_filter who = { .pid = c->filter_pid, .uid = -1, .tree = c->tree };
	struct probe_block *pb = p->block;
	struct cg g;
	int i, saved[2];
	struct node at = { .line = pb->points[p->point].line,
			   .col = pb->points[p->point].col };

	if (sema__check_prog(c, p))
		return -1;
	memset(&g, 0, sizeof(g));
	g.c = c;
	g.p = p;
	g.line = at.line;
	g.col = at.col;
	builder__init(&g.b);
	register_maps(&g);
	for (i = 0; i < c->nr_vars; i++) {
		g.var_slots[i] = cg_alloc(&g, (int)type_slot_size(&c->vars[i].type));
	}
	cg_enter(&g, &at, saved);
	EMIT(&g.b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	/* Scratch variables start at zero, as bpftrace's do. */
	for (i = 0; i < c->nr_vars; i++)
		cg_zero(&g, g.var_slots[i], (int)type_slot_size(&c->vars[i].type));
	if (p->kind == PK_TRACEPOINT || p->kind == PK_PROFILE) {
		if (who.pid >= 0 || who.tree)
			task_filter_emit(&g.b, &who, OUT_LABEL, cg_alloc(&g, 8));
	}
	if (pb->pred)
		cg_cond_false(&g, pb->pred, OUT_LABEL);
	statement(&g, pb->body);
	LABEL(&g.b, OUT_LABEL);
	EMIT(&g.b, BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN());
	cg_leave(&g, saved);
	sync_locs(&g);
	if (!g.failed && g.max_frame > TRACE_FRAME_MAX)
		cg_fail(&g, &at, "this probe needs more than BPF's 512 bytes of stack: fewer or shorter strings at once (str(p, N) reads N bytes)");
	if (!g.failed && builder__finish(&g.b))
		cg_fail(&g, &at, g.b.errmsg);
	if (g.failed) {
		free(g.lines);
		free(g.cols);
		builder__free(&g.b);
		return -1;
	}
	p->insns = g.b.insns;
	p->len = g.b.len;
	p->lines = g.lines;
	p->cols = g.cols;
	g.b.insns = NULL;
	builder__free(&g.b);
	return 0;
}

/* kstack and ustack depths the script uses: a stack map each. */
static int find_stacks(struct compiler *c, struct node *n)
{
	int i;

	if (!n)
		return 0;
	if ((n->type.kind == TY_KSTACK || n->type.kind == TY_USTACK) &&
	    (n->kind == N_BUILTIN || n->kind == N_CALL)) {
		for (i = 0; i < c->nr_stack_depths; i++)
			if (c->stack_depths[i] == (int)n->type.size)
				break;
		if (i == c->nr_stack_depths) {
			if (i == 4)
				return diag__error(c->diag, n->line, n->col, 1,
						   "at most 4 stack depths in one script");
			c->stack_depths[c->nr_stack_depths++] = (int)n->type.size;
		}
	}
	for (i = 0; i < n->nr_args; i++)
		if (find_stacks(c, n->args[i]))
			return -1;
	return find_stacks(c, n->a) || find_stacks(c, n->b) || find_stacks(c, n->c) ?
	       -1 : 0;
}



int codegen__stacks(struct compiler *c)
{
	int i;

	for (i = 0; i < c->nr_progs; i++) {
		if (sema__check_prog(c, &c->progs[i]) ||
		    find_stacks(c, c->progs[i].block->pred) ||
		    find_stacks(c, c->progs[i].block->body))
			return -1;
	}
	return 0;
}

int codegen__all(struct compiler *c)
{
	int i, j;

	for (i = 0; i < c->nr_progs; i++) {
		struct trace_prog *p = &c->progs[i];

		/* Code that reads no args and names no probe is the same for each point. */
		for (j = 0; j < i; j++) {
			struct trace_prog *q = &c->progs[j];

			if (q->block == p->block && q->kind == p->kind &&
			    q->same_as < 0 && q->insns)
				break;
		}
		if (sema__check_prog(c, p))
			return -1;
		if (j < i && !c->uses_args && !c->uses_probe) {
			p->same_as = j;
			continue;
		}
		if (gen_prog(c, p))
			return -1;
	}
	return 0;
}
