/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to the checker (sema.c: expressions, statements, maps;
 * sema_calls.c: calls and aggregations). Each check types its node
 * (n->type) and returns 0, or -1 with the error in c->diag.
 */
#ifndef BAREBPF_TRACE_CHECKER_H
#define BAREBPF_TRACE_CHECKER_H

#include "tools/trace/program.h"

/* An error at n, len characters long, fmt taking two strings. */
int sema_err_at(struct compiler *c, const struct node *n, int len,
		const char *fmt, const char *a, const char *b);

/* Characters n's name takes in the script (1 when it has none). */
int sema_node_len(const struct node *n);

struct type sema_int_type(unsigned int size, bool is_signed);
struct type sema_sized(enum ty kind, unsigned int size);

int sema_check_expr(struct compiler *c, struct node *n);

/* Check n and require an integer; what names the place in the message. */
int sema_need_int(struct compiler *c, struct node *n, const char *what);

/* n (a call) has lo to hi arguments. */
int sema_nargs(struct compiler *c, struct node *n, int lo, int hi);

/* n is a constant number (or a negated one): into *v. */
int sema_const_int(struct compiler *c, struct node *n, const char *what,
		   long long *v);

int sema_check_call(struct compiler *c, struct node *n);

/* The value type an aggregation call gives its map; *err -1 on error. */
struct type sema_aggregate_type(struct compiler *c, struct node *call, int *err);

/* The map m names (created on first sight), or NULL when out of memory. */
struct trace_map *sema_map_get(struct compiler *c, const struct node *n);

/* m's keys against map's: one key type per map. */
int sema_check_map_keys(struct compiler *c, struct node *m,
			struct trace_map *map);

/* The map's value is of type t (assigned at at): one value type per map. */
int sema_map_value(struct compiler *c, struct trace_map *map,
		   const struct node *at, const struct type *t);

#endif /* BAREBPF_TRACE_CHECKER_H */
