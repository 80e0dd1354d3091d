// SPDX-License-Identifier: GPL-2.0
/* Values: integers into r0, strings and records into stack buffers. */
#include <string.h>
#include "asm/insn.h"
#include "progs/mapcall.h"
#include "tools/trace/builtins.h"
#include "tools/trace/cg.h"
#include "tools/trace/lex.h"
#include "tools/trace/sema.h"

void cg_push(struct cg *g)
{
	if (g->depth < 3) {
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_7 + g->depth, BPF_REG_0));
	} else if (g->depth - 3 < CG_SPILL_MAX) {
		g->spills[g->depth - 3] = cg_alloc(g, 8);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0,
					g->spills[g->depth - 3]));
	} else {
		cg_fail(g, NULL, "expression too deep");
	}
	g->depth++;
}

void cg_peek(struct cg *g, int reg)
{
	int d = g->depth - 1;

	if (d < 3)
		EMIT(&g->b, BPF_MOV64_REG(reg, BPF_REG_7 + d));
	else if (d - 3 < CG_SPILL_MAX)
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, reg, BPF_REG_10, g->spills[d - 3]));
}

void cg_pop(struct cg *g, int reg)
{
	cg_peek(g, reg);
	g->depth--;
}

void cg_zero(struct cg *g, int off, int size)
{
	int i;

	for (i = 0; i < size; i += 8)
		EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off + i, 0));
}

static void load_imm(struct cg *g, int reg, unsigned long long v)
{
	if ((long long)v == (long long)(int)v)
		EMIT(&g->b, BPF_MOV64_IMM(reg, (int)v));
	else
		EMIT(&g->b, BPF_LD_IMM64(reg, v));
}

/* Sign- or zero-extend r0 from size bytes to 64 bits. */
static void extend(struct cg *g, unsigned int size, bool is_signed)
{
	int bits = 64 - (int)size * 8;

	if (size >= 8)
		return;
	if (is_signed) {
		EMIT(&g->b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_0, bits),
		     BPF_ALU64_IMM(BPF_ARSH, BPF_REG_0, bits));
	} else if (size == 4) {
		EMIT(&g->b, BPF_MOV32_REG(BPF_REG_0, BPF_REG_0));
	} else {
		EMIT(&g->b, BPF_ALU64_IMM(BPF_AND, BPF_REG_0, (1 << (size * 8)) - 1));
	}
}

static int size_class(unsigned int size)
{
	return size == 1 ? BPF_B : size == 2 ? BPF_H : size == 4 ? BPF_W : BPF_DW;
}

static const struct tp_field *field_of(struct cg *g, const struct node *n)
{
	return tp_format__field(g->p->fmt, n->name);
}

static void call(struct cg *g, int helper)
{
	EMIT(&g->b, BPF_EMIT_CALL(helper));
}

static void builtin_int(struct cg *g, struct node *n)
{
	struct compiler *c = g->c;

	switch (n->op) {
	case B_PID:
		call(g, BPF_FUNC_get_current_pid_tgid);
		EMIT(&g->b, BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		break;
	case B_TID:
		call(g, BPF_FUNC_get_current_pid_tgid);
		EMIT(&g->b, BPF_MOV32_REG(BPF_REG_0, BPF_REG_0));
		break;
	case B_UID:
		call(g, BPF_FUNC_get_current_uid_gid);
		EMIT(&g->b, BPF_MOV32_REG(BPF_REG_0, BPF_REG_0));
		break;
	case B_GID:
		call(g, BPF_FUNC_get_current_uid_gid);
		EMIT(&g->b, BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		break;
	case B_NSECS:
		call(g, BPF_FUNC_ktime_get_ns);
		break;
	case B_ELAPSED:
		call(g, BPF_FUNC_ktime_get_ns);
		EMIT(&g->b, BPF_LD_IMM64(BPF_REG_1, c->start_ns),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_0, BPF_REG_1));
		break;
	case B_CPU:
		call(g, BPF_FUNC_get_smp_processor_id);
		break;
	case B_NCPUS:
		load_imm(g, BPF_REG_0, (unsigned long long)c->ncpus);
		break;
	case B_CPID:
		load_imm(g, BPF_REG_0, (unsigned long long)c->cpid);
		break;
	case B_RAND:
		call(g, BPF_FUNC_get_prandom_u32);
		break;
	case B_CURTASK:
		call(g, BPF_FUNC_get_current_task);
		break;
	default:
		cg_fail(g, n, "this builtin is not an integer");
	}
}

static bool is_compare(int op)
{
	return op == T_EQ || op == T_NE || op == T_LT || op == T_LE ||
	       op == T_GT || op == T_GE;
}

/* The jump taken when "a op b" is false, signed or not. */
static int inverse_jump(int op, bool is_signed)
{
	switch (op) {
	case T_EQ: return BPF_JNE;
	case T_NE: return BPF_JEQ;
	case T_LT: return is_signed ? BPF_JSGE : BPF_JGE;
	case T_LE: return is_signed ? BPF_JSGT : BPF_JGT;
	case T_GT: return is_signed ? BPF_JSLE : BPF_JLE;
	default:   return is_signed ? BPF_JSLT : BPF_JLT;	/* T_GE */
	}
}

static bool small_const(const struct node *n)
{
	return n->kind == N_INT && n->num <= 0x7fffffffull;
}

/* Strings a and b, equal or not: r0 = 1 when equal. */
static void string_equal(struct cg *g, struct node *n)
{
	unsigned int size = n->a->type.size > n->b->type.size ?
			    n->a->type.size : n->b->type.size;
	int sz = (int)((size + 7) & ~7u), a, b, i;
	char ne[16], end[16];

	a = cg_alloc(g, sz);
	b = cg_alloc(g, sz);
	cg_value(g, n->a, a, sz);
	cg_value(g, n->b, b, sz);
	cg_label(g, ne);
	cg_label(g, end);
	/* Both are NUL-padded: the strings are equal when the buffers are. */
	for (i = 0; i < sz; i += 8) {
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, a + i),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, b + i));
		JUMP(&g->b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), ne);
	}
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, n->op == T_EQ));
	JUMP(&g->b, BPF_JMP_A(0), end);
	LABEL(&g->b, ne);
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, n->op != T_EQ));
	LABEL(&g->b, end);
}

void cg_cond_false(struct cg *g, struct node *n, const char *label)
{
	int saved[2];
	char t[16];

	cg_enter(g, n, saved);
	if (n->kind == N_BINARY && is_compare(n->op) && n->a->type.kind == TY_INT) {
		int jmp = inverse_jump(n->op, n->id > 0);

		cg_int(g, n->a);
		if (small_const(n->b)) {
			JUMP(&g->b, BPF_JMP_IMM(jmp, BPF_REG_0, (int)n->b->num, 0), label);
		} else {
			cg_push(g);
			cg_int(g, n->b);
			cg_pop(g, BPF_REG_1);
			JUMP(&g->b, BPF_JMP_REG(jmp, BPF_REG_1, BPF_REG_0, 0), label);
		}
	} else if (n->kind == N_BINARY && n->op == T_ANDAND) {
		cg_cond_false(g, n->a, label);
		cg_cond_false(g, n->b, label);
	} else if (n->kind == N_BINARY && n->op == T_OROR) {
		cg_label(g, t);
		cg_int(g, n->a);
		JUMP(&g->b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), t);
		cg_cond_false(g, n->b, label);
		LABEL(&g->b, t);
	} else if (n->kind == N_UNARY && n->op == T_BANG) {
		cg_int(g, n->a);
		JUMP(&g->b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), label);
	} else {
		cg_int(g, n);
		JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), label);
	}
	cg_leave(g, saved);
}

static void binary_int(struct cg *g, struct node *n)
{
	static const struct { int tok, op; } ops[] = {
		{ T_PLUS, BPF_ADD }, { T_MINUS, BPF_SUB }, { T_STAR, BPF_MUL },
		{ T_SLASH, BPF_DIV }, { T_PERCENT, BPF_MOD }, { T_AMP, BPF_AND },
		{ T_PIPE, BPF_OR }, { T_CARET, BPF_XOR }, { T_SHL, BPF_LSH },
		{ T_SHR, BPF_RSH },
	};
	char f[16], e[16];
	size_t i;
	int op = -1;

	if (n->a->type.kind == TY_STR) {
		string_equal(g, n);
		return;
	}
	if (is_compare(n->op) || n->op == T_ANDAND || n->op == T_OROR) {
		cg_label(g, f);
		cg_label(g, e);
		cg_cond_false(g, n, f);
		EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 1));
		JUMP(&g->b, BPF_JMP_A(0), e);
		LABEL(&g->b, f);
		EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 0));
		LABEL(&g->b, e);
		return;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].tok == n->op)
			op = ops[i].op;
	if (op == BPF_RSH && n->type.is_signed)
		op = BPF_ARSH;
	cg_int(g, n->a);
	if (small_const(n->b) && !((op == BPF_DIV || op == BPF_MOD) && !n->b->num)) {
		EMIT(&g->b, BPF_ALU64_IMM(op, BPF_REG_0, (int)n->b->num));
		return;
	}
	cg_push(g);
	cg_int(g, n->b);
	cg_pop(g, BPF_REG_1);
	EMIT(&g->b, BPF_ALU64_REG(op, BPF_REG_1, BPF_REG_0),
	     BPF_MOV64_REG(BPF_REG_0, BPF_REG_1));
}

void cg_int(struct cg *g, struct node *n)
{
	const struct tp_field *f;
	char a[16], b[16];
	int saved[2], off;

	cg_enter(g, n, saved);
	switch (n->kind) {
	case N_INT:
		load_imm(g, BPF_REG_0, n->num);
		break;
	case N_BUILTIN:
		builtin_int(g, n);
		break;
	case N_FIELD:
		f = field_of(g, n);
		EMIT(&g->b, BPF_LDX_MEM(size_class(f->size), BPF_REG_0, BPF_REG_6,
					(__s16)f->offset));
		if (f->is_signed)
			extend(g, f->size, true);
		break;
	case N_VAR:
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_10,
					g->var_slots[n->id]));
		break;
	case N_MAP:
		cg_map_read(g, n);
		break;
	case N_CAST:
		cg_int(g, n->a);
		extend(g, n->type.size, n->type.is_signed);
		break;
	case N_UNARY:
		cg_int(g, n->a);
		if (n->op == T_MINUS)
			EMIT(&g->b, BPF_ALU64_IMM(BPF_NEG, BPF_REG_0, 0));
		else if (n->op == T_TILDE)
			EMIT(&g->b, BPF_ALU64_IMM(BPF_XOR, BPF_REG_0, -1));
		else if (n->op == T_BANG) {
			cg_label(g, a);
			cg_label(g, b);
			JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), a);
			EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 0));
			JUMP(&g->b, BPF_JMP_A(0), b);
			LABEL(&g->b, a);
			EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_0, 1));
			LABEL(&g->b, b);
		}
		break;
	case N_BINARY:
		binary_int(g, n);
		break;
	case N_TERNARY:
		cg_label(g, a);
		cg_label(g, b);
		cg_cond_false(g, n->a, a);
		cg_int(g, n->b);
		JUMP(&g->b, BPF_JMP_A(0), b);
		LABEL(&g->b, a);
		cg_int(g, n->c);
		LABEL(&g->b, b);
		break;
	case N_CALL:
		/* ksym(), strerror(): the integer, named when printed */
		off = cg_alloc(g, 8);
		cg_value(g, n, off, 8);
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_10, off));
		break;
	default:
		cg_fail(g, n, "not an integer");
	}
	cg_leave(g, saved);
}

/* A string literal's bytes, 8 at a time. */
static void literal(struct cg *g, const char *s, size_t len, int off, int size)
{
	unsigned long long w;
	size_t i;

	for (i = 0; i < (size_t)size; i += 8) {
		w = 0;
		if (i < len)
			memcpy(&w, s + i, len - i < 8 ? len - i : 8);
		if ((long long)w == (long long)(int)w)
			EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off + (int)i, (int)w));
		else
			EMIT(&g->b, BPF_LD_IMM64(BPF_REG_1, w),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, off + (int)i));
	}
}

/* Copy n bytes from reg + 0 (a map value) to r10 + off. */
static void copy_from(struct cg *g, int reg, int off, int n)
{
	int i;

	for (i = 0; i < n; i += 8)
		EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, reg, i),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, off + i));
}

/* r1 = r10 + off, r2 = len: a helper's buffer */
static void buffer_args(struct cg *g, int off, int len)
{
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, off),
	     BPF_MOV64_IMM(BPF_REG_2, len));
}

static void field_string(struct cg *g, struct node *n, int off, int size)
{
	const struct tp_field *f = field_of(g, n);
	const struct prog_features *ft = g->c->features;

	cg_zero(g, off, size);
	if (f->data_loc || f->rel_loc) {
		/* The u32 holds length << 16 | start; the bytes are in the record. */
		EMIT(&g->b, BPF_LDX_MEM(BPF_W, BPF_REG_3, BPF_REG_6, (__s16)f->offset),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_3, 0xffff));
		if (f->rel_loc)
			EMIT(&g->b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (int)f->offset + 4));
		EMIT(&g->b, BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_6));
		buffer_args(g, off, size < TRACE_STRLEN ? size : TRACE_STRLEN);
		call(g, ft->read_kernel_str);
		return;
	}
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_6),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (int)f->offset));
	buffer_args(g, off, (int)f->size < size ? (int)f->size : size);
	call(g, ft->read_kernel);
}

static void str_value(struct cg *g, struct node *n, int off, int size)
{
	const struct prog_features *ft = g->c->features;
	struct node *a = n->args[0];
	int len = (int)n->type.size;

	if (a->type.kind == TY_STR) {
		cg_value(g, a, off, size);
		return;
	}
	cg_int(g, a);
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_0));
	cg_zero(g, off, size);
	buffer_args(g, off, len < size ? len : size);
	call(g, n->type.user ? ft->read_user_str : ft->read_kernel_str);
}

static int stack_map(struct cg *g, unsigned int depth, char *name)
{
	int i;

	for (i = 0; i < g->c->nr_stack_depths; i++)
		if (g->c->stack_depths[i] == (int)depth) {
			snprintf(name, 16, "stack_%u", depth);
			return i;
		}
	return -1;
}

static void stack_value(struct cg *g, const struct type *t, int off)
{
	char name[16];

	if (stack_map(g, t->size, name) < 0) {
		cg_fail(g, NULL, "stack map missing");
		return;
	}
	EMIT(&g->b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6));
	LD_MAP(&g->b, BPF_REG_2, name);
	EMIT(&g->b, BPF_MOV64_IMM(BPF_REG_3, t->kind == TY_USTACK ? BPF_F_USER_STACK : 0));
	call(g, BPF_FUNC_get_stackid);
	EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off));
	if (t->kind == TY_USTACK) {
		/* the process, to name its frames from its own maps */
		call(g, BPF_FUNC_get_current_pid_tgid);
		EMIT(&g->b, BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off + 8));
	}
}

static void call_value(struct cg *g, struct node *n, int off, int size)
{
	const struct prog_features *ft = g->c->features;

	switch (n->op) {
	case F_STR:
		str_value(g, n, off, size);
		return;
	case F_KSYM:
	case F_STRERROR:
		cg_int(g, n->args[0]);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off));
		return;
	case F_KSTACK:
	case F_USTACK:
		stack_value(g, &n->type, off);
		return;
	case F_STRFTIME:
		cg_int(g, n->args[1]);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off + 8),
		     BPF_ST_MEM(BPF_DW, BPF_REG_10, off, n->id));
		return;
	case F_NTOP:
		cg_zero(g, off, 24);
		if (n->nr_args == 1) {
			EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off, 2));
			cg_int(g, n->args[0]);
			EMIT(&g->b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, off + 8));
			return;
		}
		cg_int(g, n->args[0]);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off));
		if (n->args[1]->type.kind == TY_STR) {
			cg_value(g, n->args[1], off + 8, 16);
			return;
		}
		cg_int(g, n->args[1]);
		EMIT(&g->b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, off + 8));
		return;
	case F_BUF:
		cg_int(g, n->args[0]);
		EMIT(&g->b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_0));
		cg_zero(g, off, size);
		EMIT(&g->b, BPF_ST_MEM(BPF_DW, BPF_REG_10, off, (int)n->type.size - 8));
		buffer_args(g, off + 8, (int)n->type.size - 8);
		call(g, n->type.user ? ft->read_user : ft->read_kernel);
		return;
	default:
		cg_fail(g, n, "this call has no value");
	}
}

void cg_value(struct cg *g, struct node *n, int off, int size)
{
	int saved[2], var;
	char a[16], b[16];

	cg_enter(g, n, saved);
	if (n->type.kind == TY_INT && n->kind != N_CALL) {
		cg_int(g, n);
		EMIT(&g->b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, off));
		cg_leave(g, saved);
		return;
	}
	switch (n->kind) {
	case N_STR:
		literal(g, n->name, n->len, off, size);
		break;
	case N_BUILTIN:
		if (n->op == B_COMM) {
			/*
			 * Zeroed first, all of it: on some kernels (6.1 among
			 * them) the helper copies with strscpy, which leaves
			 * the bytes after the NUL as they were, and a map key
			 * compares them.
			 */
			cg_zero(g, off, size > TRACE_COMM_LEN ? size : TRACE_COMM_LEN);
			buffer_args(g, off, TRACE_COMM_LEN);
			call(g, BPF_FUNC_get_current_comm);
		} else if (n->op == B_PROBE) {
			literal(g, g->p->name, strlen(g->p->name), off, size);
		} else {
			stack_value(g, &n->type, off);
		}
		break;
	case N_FIELD:
		field_string(g, n, off, size);
		break;
	case N_VAR: {
		int i, n8;

		var = (int)type_slot_size(&g->c->vars[n->id].type);
		n8 = var < size ? var : size;
		for (i = 0; i < n8; i += 8)
			EMIT(&g->b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10,
						g->var_slots[n->id] + i),
			     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, off + i));
		if (n8 < size)
			cg_zero(g, off + n8, size - n8);
		break;
	}
	case N_MAP: {
		struct trace_map *m = &g->c->maps[n->id];
		int key = cg_map_key(g, n, 0), vs = (int)m->value_size;

		emit_map_lookup(&g->b, m->bname, key);
		cg_label(g, a);
		cg_label(g, b);
		JUMP(&g->b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), a);
		copy_from(g, BPF_REG_0, off, vs < size ? vs : size);
		if (vs < size)
			cg_zero(g, off + vs, size - vs);
		JUMP(&g->b, BPF_JMP_A(0), b);
		LABEL(&g->b, a);
		cg_zero(g, off, size);
		LABEL(&g->b, b);
		break;
	}
	case N_TERNARY:
		cg_label(g, a);
		cg_label(g, b);
		cg_cond_false(g, n->a, a);
		cg_value(g, n->b, off, size);
		JUMP(&g->b, BPF_JMP_A(0), b);
		LABEL(&g->b, a);
		cg_value(g, n->c, off, size);
		LABEL(&g->b, b);
		break;
	case N_CALL:
		call_value(g, n, off, size);
		break;
	default:
		cg_fail(g, n, "this has no value to keep");
	}
	cg_leave(g, saved);
}
