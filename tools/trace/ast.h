/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace language's syntax tree: probes, each with its attach points,
 * an optional predicate and a block; statements and expressions as
 * nodes carrying their LINE:COL, and the type the checker gives them.
 * Nodes live in one arena, freed with the script.
 */
#ifndef BAREBPF_TRACE_AST_H
#define BAREBPF_TRACE_AST_H

#include <stdbool.h>
#include <stddef.h>

enum ty {
	TY_NONE,	/* not typed yet */
	TY_VOID,	/* a call that gives nothing: printf, exit */
	TY_INT,
	TY_STR,		/* size bytes, NUL-padded */
	TY_KSTACK, TY_USTACK,	/* a stack id, resolved when printed */
	TY_KSYM,	/* a kernel address, named when printed */
	TY_STRERROR,	/* an errno, named when printed */
	TY_INET,	/* ntop(): family and address */
	TY_TIMESTAMP,	/* strftime(): format and ns */
	TY_BUF,		/* buf(): length and bytes */
	/* aggregations: map values only */
	TY_COUNT, TY_SUM, TY_MIN, TY_MAX, TY_AVG, TY_STATS, TY_HIST, TY_LHIST,
};

struct type {
	enum ty kind;
	unsigned int size;	/* bytes a value takes (TY_INT: 1, 2, 4 or 8) */
	bool is_signed;
	bool user;		/* TY_INT from a syscall's pointer: user memory */
	int fmt_id;		/* TY_TIMESTAMP: its format */
	long long lmin, lmax, lstep;	/* TY_LHIST */
};

enum node_kind {
	N_INT, N_STR, N_BUILTIN, N_FIELD, N_VAR, N_MAP, N_CALL,
	N_BINARY, N_UNARY, N_TERNARY, N_CAST,
	/* statements */
	N_ASSIGN, N_INCDEC, N_IF, N_BLOCK, N_UNROLL, N_FOR, N_RETURN, N_EXPR,
};

struct node {
	enum node_kind kind;
	int line, col;
	int op;			/* enum tok of an operator; builtin id; cast type */
	unsigned long long num;	/* N_INT; N_UNROLL's count; N_FOR's bounds in a,b */
	char *name;		/* N_STR bytes; N_FIELD, N_VAR, N_MAP, N_CALL name */
	size_t len;		/* N_STR length */
	bool post;		/* N_INCDEC: x++ rather than ++x */
	bool arrow;		/* N_FIELD: args->f rather than args.f */
	struct node *a, *b, *c;	/* operands; N_IF cond/then/else; N_FOR var/body */
	struct node **args;	/* N_CALL arguments, N_MAP keys, N_BLOCK statements */
	int nr_args;
	struct type type;	/* from the checker */
	int id;			/* checker's: map index, variable slot, printf id */
};

struct probe_point {
	char *text;		/* as written: "t:syscalls:sys_enter_open*" */
	int line, col;
};

struct probe_block {
	struct probe_point *points;
	int nr_points;
	struct node *pred;	/* or NULL */
	struct node *body;	/* N_BLOCK */
	int line, col;
};

struct script {
	const char *file;	/* as named in messages: "-e" or a path */
	const char *text;
	struct probe_block *probes;
	int nr_probes;
	struct arena *arena;
};

struct arena;

/* Zeroed memory from the script's arena; NULL when out of memory. */
void *ast_alloc(struct script *s, size_t size);

/* A new node of kind at line:col, or NULL. */
struct node *ast_node(struct script *s, enum node_kind kind, int line, int col);

/* Append n to an array of node pointers; -1 when out of memory. */
int ast_push(struct script *s, struct node ***arr, int *nr, struct node *n);

char *ast_strndup(struct script *s, const char *p, size_t n);

void script__free(struct script *s);

#endif /* BAREBPF_TRACE_AST_H */
