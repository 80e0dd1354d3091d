// SPDX-License-Identifier: GPL-2.0
/* Type checking against format files: expressions, statements, maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/trace/builtins.h"
#include "tools/trace/checker.h"
#include "tools/trace/lex.h"
#include "tools/trace/sema.h"

int sema_err_at(struct compiler *c, const struct node *n, int len,
		const char *fmt, const char *a, const char *b)
{
	return diag__error(c->diag, n->line, n->col, len, fmt, a, b);
}

int sema_node_len(const struct node *n)
{
	return n->name ? (int)strlen(n->name) : 1;
}

struct type sema_int_type(unsigned int size, bool is_signed)
{
	struct type t = { .kind = TY_INT, .size = size, .is_signed = is_signed };

	return t;
}

struct type sema_sized(enum ty kind, unsigned int size)
{
	struct type t = { .kind = kind, .size = size };

	return t;
}

struct trace_map *sema_map_get(struct compiler *c, const struct node *n)
{
	struct trace_map *m = compiler__map(c, n->name);
	const char *s;
	size_t i;

	if (m)
		return m;
	m = realloc(c->maps, sizeof(*m) * (size_t)(c->nr_maps + 1));
	if (!m)
		return NULL;
	c->maps = m;
	m = &m[c->nr_maps++];
	memset(m, 0, sizeof(*m));
	m->name = n->name;
	m->line = n->line;
	m->col = n->col;
	m->fd = -1;
	/* "AT_" and the name, as bpftrace names its maps: "@x" is AT_x */
	strcpy(m->bname, "AT_");
	for (s = n->name + 1, i = 3; *s && i < sizeof(m->bname) - 1; s++)
		m->bname[i++] = *s;
	m->bname[i] = '\0';
	/* Two names that agree in their first 12 characters: number them. */
	if (c->nr_maps > 1 && i == sizeof(m->bname) - 1)
		snprintf(m->bname + 11, 5, "_%d", (c->nr_maps - 1) % 1000);
	return m;
}

static bool scalar_kind(enum ty k)
{
	return k == TY_INT;
}


/* The field of the tracepoint, typed from its format line. */
static int check_field(struct compiler *c, struct node *n)
{
	struct trace_prog *p = c->cur;
	const struct tp_field *f;
	char list[768];
	size_t i, at = 0;

	if (p->kind != PK_TRACEPOINT)
		return sema_err_at(c, n, 4, "args is only for tracepoint probes, not %s%s",
			      p->name, "");
	f = tp_format__field(p->fmt, n->name);
	if (!f || f->common) {
		for (i = 0; i < p->fmt->nr_fields && at < sizeof(list) - 64; i++) {
			if (p->fmt->fields[i].common)
				continue;
			at += (size_t)snprintf(list + at, sizeof(list) - at, "%s%s",
					       at ? ", " : "", p->fmt->fields[i].name);
		}
		return diag__error(c->diag, n->line, n->col,
				   (int)strlen(n->name) + 6,
				   "tracepoint %s:%s has no field '%s'; its fields: %s",
				   p->fmt->system, p->fmt->name, n->name,
				   at ? list : "(none)");
	}
	c->uses_args = true;
	if (f->data_loc || f->rel_loc) {
		if (!strstr(f->type, "char"))
			goto unsupported;
		n->type = sema_sized(TY_STR, TRACE_STRLEN);
		c->needs |= PROG_PROBE_READ;
		return 0;
	}
	if (f->is_array) {
		if (strncmp(f->type, "char", 4) && strncmp(f->type, "unsigned char", 13) &&
		    strncmp(f->type, "u8", 2) && strncmp(f->type, "__u8", 4))
			goto unsupported;
		n->type = sema_sized(TY_STR, f->size);
		c->needs |= PROG_PROBE_READ;
		return 0;
	}
	if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		goto unsupported;
	n->type = sema_int_type(f->size, f->is_signed);
	/* A syscall's pointer points into the caller's memory. */
	n->type.user = strchr(f->type, '*') && !strcmp(p->fmt->system, "syscalls");
	return 0;
unsupported:
	return diag__error(c->diag, n->line, n->col, (int)strlen(n->name) + 6,
			   "field '%s' of %s:%s is '%s', which barebpf cannot read yet",
			   n->name, p->fmt->system, p->fmt->name, f->type);
}

static int check_builtin(struct compiler *c, struct node *n)
{
	enum builtin b = builtin_lookup(n->name);

	n->op = b;
	switch (b) {
	case B_PID: case B_TID: case B_UID: case B_GID: case B_CPU:
		n->type = sema_int_type(8, false);
		return 0;
	case B_NSECS: case B_ELAPSED: case B_NCPUS: case B_RAND: case B_CURTASK:
		n->type = sema_int_type(8, false);
		return 0;
	case B_CPID:
		if (c->cpid < 0)
			return sema_err_at(c, n, 4, "cpid needs a command: -c 'CMD' or -- COMMAND%s%s",
				      "", "");
		n->type = sema_int_type(8, false);
		return 0;
	case B_COMM:
		n->type = sema_sized(TY_STR, TRACE_COMM_LEN);
		return 0;
	case B_PROBE:
		c->uses_probe = true;
		n->type = sema_sized(TY_STR, (unsigned int)strlen(c->cur->name) + 1);
		return 0;
	case B_KSTACK:
	case B_USTACK:
		n->type = sema_sized(b == B_KSTACK ? TY_KSTACK : TY_USTACK, TRACE_STACK_DEPTH);
		return 0;
	case B_ARGS:
		return sema_err_at(c, n, 4, "args is a record: read its fields, args.NAME%s%s",
			      "", "");
	default:
		if (func_lookup(n->name) != F_NONE)
			return sema_err_at(c, n, sema_node_len(n), "%s is a function: %s() %s",
				      n->name, "calls it");
		if (func_unsupported(n->name))
			return sema_err_at(c, n, sema_node_len(n), "%s is not supported by barebpf trace%s",
				      n->name, "");
		return sema_err_at(c, n, sema_node_len(n), "unknown identifier '%s'%s", n->name, "");
	}
}

int sema_need_int(struct compiler *c, struct node *n, const char *what)
{
	char buf[32];

	if (sema_check_expr(c, n))
		return -1;
	if (n->type.kind == TY_INT)
		return 0;
	return diag__error(c->diag, n->line, n->col, sema_node_len(n),
			   "type error: %s needs an integer, not %s", what,
			   ty_name(&n->type, buf, sizeof(buf)));
}

static bool same_kind(const struct type *a, const struct type *b)
{
	return a->kind == b->kind;
}

int sema_check_map_keys(struct compiler *c, struct node *m, struct trace_map *map)
{
	char want[32], got[32];
	int i;

	if (m->nr_args > TRACE_KEYS_MAX)
		return diag__error(c->diag, m->line, m->col, sema_node_len(m),
				   "a map key holds at most %d values", TRACE_KEYS_MAX);
	for (i = 0; i < m->nr_args; i++) {
		if (sema_check_expr(c, m->args[i]))
			return -1;
		if (m->args[i]->type.kind == TY_VOID || m->args[i]->type.kind >= TY_COUNT)
			return diag__error(c->diag, m->args[i]->line, m->args[i]->col, 1,
					   "this cannot be a map key");
	}
	if (!map->keys_known) {
		map->keys_known = true;
		map->nr_keys = m->nr_args;
		for (i = 0; i < m->nr_args; i++)
			map->keys[i] = m->args[i]->type;
		return 0;
	}
	if (map->nr_keys != m->nr_args)
		return diag__error(c->diag, m->line, m->col, sema_node_len(m),
				   "%s is used with %d key%s here, %d at %d:%d",
				   map->name, m->nr_args, m->nr_args == 1 ? "" : "s",
				   map->nr_keys, map->line, map->col);
	for (i = 0; i < m->nr_args; i++) {
		struct type *k = &map->keys[i];

		if (!same_kind(k, &m->args[i]->type))
			return diag__error(c->diag, m->args[i]->line, m->args[i]->col,
					   sema_node_len(m->args[i]),
					   "%s's key is %s at %d:%d, %s here: a map keeps one key type",
					   map->name, ty_name(k, want, sizeof(want)),
					   map->line, map->col,
					   ty_name(&m->args[i]->type, got, sizeof(got)));
		if (k->size < m->args[i]->type.size)
			k->size = m->args[i]->type.size;
		if (k->kind == TY_INT) {
			k->size = 8;
			k->is_signed = k->is_signed && m->args[i]->type.is_signed;
		}
	}
	return 0;
}

/* The map's value is of type t (from an assignment at n). */
int sema_map_value(struct compiler *c, struct trace_map *map,
		   const struct node *at, const struct type *t)
{
	char want[32], got[32];

	if (map->value.kind == TY_NONE) {
		map->value = *t;
		return 0;
	}
	if (!same_kind(&map->value, t) ||
	    (t->kind == TY_LHIST && (t->lmin != map->value.lmin ||
				     t->lmax != map->value.lmax ||
				     t->lstep != map->value.lstep)))
		return diag__error(c->diag, at->line, at->col, 1,
				   "%s holds %s (set at %d:%d), not %s: a map keeps one value type",
				   map->name, ty_name(&map->value, want, sizeof(want)),
				   map->line, map->col, ty_name(t, got, sizeof(got)));
	if (map->value.size < t->size)
		map->value.size = t->size;
	if (t->kind == TY_INT) {
		map->value.size = 8;
		map->value.is_signed = map->value.is_signed || t->is_signed;
	}
	return 0;
}

static int check_map_read(struct compiler *c, struct node *n)
{
	struct trace_map *map = sema_map_get(c, n);
	char buf[32];

	if (!map)
		return diag__error(c->diag, n->line, n->col, 1, "out of memory");
	n->id = (int)(map - c->maps);
	if (sema_check_map_keys(c, n, map))
		return -1;
	map = &c->maps[n->id];
	if (map->value.kind == TY_NONE) {
		if (c->strict)
			return diag__error(c->diag, n->line, n->col, sema_node_len(n),
					   "%s is read but never assigned", n->name);
		n->type = sema_int_type(8, true);
		return 0;
	}
	if (map->value.kind >= TY_COUNT)
		return diag__error(c->diag, n->line, n->col, sema_node_len(n),
				   "%s holds %s, which can only be printed", n->name,
				   ty_name(&map->value, buf, sizeof(buf)));
	n->type = map->value;
	return 0;
}

static int check_var_read(struct compiler *c, struct node *n)
{
	int i;

	for (i = 0; i < c->nr_vars; i++)
		if (!strcmp(c->vars[i].name, n->name)) {
			n->type = c->vars[i].type;
			n->id = i;
			return 0;
		}
	return diag__error(c->diag, n->line, n->col, sema_node_len(n),
			   "%s is used before it is assigned", n->name);
}

static bool is_compare(int op)
{
	return op == T_EQ || op == T_NE || op == T_LT || op == T_LE ||
	       op == T_GT || op == T_GE;
}

static bool nonneg_literal(const struct node *n)
{
	return n->kind == N_INT;
}

static int check_binary(struct compiler *c, struct node *n)
{
	char a[32], b[32];

	if (sema_check_expr(c, n->a) || sema_check_expr(c, n->b))
		return -1;
	if (n->a->type.kind == TY_STR && n->b->type.kind == TY_STR &&
	    (n->op == T_EQ || n->op == T_NE)) {
		n->type = sema_int_type(8, false);
		return 0;
	}
	if (!scalar_kind(n->a->type.kind) || !scalar_kind(n->b->type.kind)) {
		const struct node *bad = scalar_kind(n->a->type.kind) ? n->b : n->a;

		if (n->a->type.kind == TY_STR && n->b->type.kind == TY_STR)
			return diag__error(c->diag, n->line, n->col, 1,
					   "type error: strings compare only with == and !=");
		return diag__error(c->diag, bad->line, bad->col, sema_node_len(bad),
				   "type error: %s used as an integer (the other side is %s)",
				   ty_name(&bad->type, a, sizeof(a)),
				   ty_name(bad == n->a ? &n->b->type : &n->a->type, b,
					     sizeof(b)));
	}
	/* Signed when both sides are, a plain literal taking the other's side. */
	n->type = sema_int_type(8, (n->a->type.is_signed || nonneg_literal(n->a)) &&
			      (n->b->type.is_signed || nonneg_literal(n->b)));
	if (is_compare(n->op) || n->op == T_ANDAND || n->op == T_OROR) {
		/* the operands' signedness decides the comparison */
		n->type.user = false;
		n->b->type.user = n->b->type.user;
		n->id = n->type.is_signed;
		n->type = sema_int_type(8, false);
	}
	return 0;
}

int sema_check_expr(struct compiler *c, struct node *n)
{
	char buf[32];

	switch (n->kind) {
	case N_INT:
		n->type = sema_int_type(8, n->num <= 0x7fffffffffffffffull);
		return 0;
	case N_STR:
		n->type = sema_sized(TY_STR, (unsigned int)n->len + 1);
		if (n->len + 1 > 200)
			return diag__error(c->diag, n->line, n->col, 1,
					   "string literal longer than 200 bytes");
		return 0;
	case N_BUILTIN:
		return check_builtin(c, n);
	case N_FIELD:
		return check_field(c, n);
	case N_VAR:
		return check_var_read(c, n);
	case N_MAP:
		return check_map_read(c, n);
	case N_CALL:
		return sema_check_call(c, n);
	case N_BINARY:
		return check_binary(c, n);
	case N_UNARY:
		if (sema_need_int(c, n->a, n->op == T_BANG ? "'!'" : n->op == T_TILDE ?
			     "'~'" : "a sign"))
			return -1;
		n->type = sema_int_type(8, n->op == T_MINUS || n->a->type.is_signed);
		if (n->op == T_BANG)
			n->type = sema_int_type(8, false);
		return 0;
	case N_TERNARY:
		if (sema_need_int(c, n->a, "the condition") || sema_check_expr(c, n->b) ||
		    sema_check_expr(c, n->c))
			return -1;
		if (n->b->type.kind != n->c->type.kind ||
		    (n->b->type.kind != TY_INT && n->b->type.kind != TY_STR))
			return diag__error(c->diag, n->line, n->col, 1,
					   "the ternary's branches must both be integers or both strings, not %s and %s",
					   ty_name(&n->b->type, buf, sizeof(buf)),
					   ty_name(&n->c->type, buf + 16, 16));
		n->type = n->b->type;
		if (n->type.kind == TY_STR && n->c->type.size > n->type.size)
			n->type.size = n->c->type.size;
		if (n->type.kind == TY_INT)
			n->type = sema_int_type(8, n->b->type.is_signed && n->c->type.is_signed);
		return 0;
	case N_CAST:
		return sema_need_int(c, n->a, "a cast");
	case N_INCDEC:
		if (n->a->kind != N_VAR && n->a->kind != N_MAP)
			return diag__error(c->diag, n->line, n->col, 2,
					   "++ and -- take a map or a $variable");
		return diag__error(c->diag, n->line, n->col, 2,
				   "++ and -- are statements here, not values");
	default:
		return diag__error(c->diag, n->line, n->col, 1, "not an expression");
	}
}

static int set_var(struct compiler *c, struct node *v, const struct type *t)
{
	char a[32], b[32];
	int i;

	for (i = 0; i < c->nr_vars; i++) {
		if (strcmp(c->vars[i].name, v->name))
			continue;
		v->id = i;
		if (c->vars[i].type.kind != t->kind)
			return diag__error(c->diag, v->line, v->col, sema_node_len(v),
					   "%s holds %s, not %s: a variable keeps one type",
					   v->name, ty_name(&c->vars[i].type, a, sizeof(a)),
					   ty_name(t, b, sizeof(b)));
		if (t->size > c->vars[i].type.size)
			c->vars[i].type.size = t->size;
		v->type = c->vars[i].type;
		return 0;
	}
	if (c->nr_vars == TRACE_VARS_MAX)
		return diag__error(c->diag, v->line, v->col, 1, "too many variables");
	if (t->kind == TY_VOID || t->kind >= TY_COUNT)
		return diag__error(c->diag, v->line, v->col, sema_node_len(v),
				   "%s cannot hold %s", v->name, ty_name(t, a, sizeof(a)));
	c->vars[c->nr_vars].name = v->name;
	c->vars[c->nr_vars].type = *t;
	if (t->kind == TY_INT)
		c->vars[c->nr_vars].type = sema_int_type(8, t->is_signed);
	v->type = c->vars[c->nr_vars].type;
	v->id = c->nr_vars++;
	return 0;
}

static int check_assign(struct compiler *c, struct node *n)
{
	struct node *l = n->a, *r = n->b;
	struct trace_map *map;
	struct type t;
	int err;

	if (l->kind == N_VAR) {
		if (n->op != T_ASSIGN) {
			if (check_var_read(c, l) || sema_need_int(c, l, "a compound assignment") ||
			    sema_need_int(c, r, "a compound assignment"))
				return -1;
			return 0;
		}
		if (sema_check_expr(c, r))
			return -1;
		if (r->type.kind == TY_VOID)
			return diag__error(c->diag, r->line, r->col, sema_node_len(r),
					   "%s() gives no value to assign", r->name);
		return set_var(c, l, &r->type);
	}
	map = sema_map_get(c, l);
	if (!map)
		return diag__error(c->diag, l->line, l->col, 1, "out of memory");
	l->id = (int)(map - c->maps);
	if (sema_check_map_keys(c, l, map))
		return -1;
	if (r->kind == N_CALL && func_lookup(r->name) >= F_COUNT) {
		if (n->op != T_ASSIGN)
			return diag__error(c->diag, n->line, n->col, 2,
					   "an aggregation is assigned with '=' alone");
		t = sema_aggregate_type(c, r, &err);
		if (err)
			return -1;
		r->type = t;
	} else {
		if (sema_check_expr(c, r))
			return -1;
		t = r->type;
		if (t.kind == TY_VOID)
			return diag__error(c->diag, r->line, r->col, sema_node_len(r),
					   "%s() gives no value to assign", r->name);
		if (n->op != T_ASSIGN && t.kind != TY_INT)
			return sema_need_int(c, r, "a compound assignment");
	}
	if (sema_map_value(c, &c->maps[l->id], n, &t))
		return -1;
	l->type = c->maps[l->id].value;
	if (n->op != T_ASSIGN && l->type.kind != TY_INT)
		return diag__error(c->diag, n->line, n->col, 2,
				   "%s does not hold an integer", l->name);
	return 0;
}

static int check_stmt(struct compiler *c, struct node *n)
{
	struct type one = sema_int_type(8, true);
	int i;

	switch (n->kind) {
	case N_BLOCK:
		for (i = 0; i < n->nr_args; i++)
			if (check_stmt(c, n->args[i]))
				return -1;
		return 0;
	case N_ASSIGN:
		return check_assign(c, n);
	case N_INCDEC:
		if (n->a->kind == N_VAR)
			return check_var_read(c, n->a) ||
			       sema_need_int(c, n->a, n->op == T_INC ? "'++'" : "'--'");
		if (n->a->kind != N_MAP)
			return diag__error(c->diag, n->line, n->col, 2,
					   "++ and -- take a map or a $variable");
		{
			struct trace_map *map = sema_map_get(c, n->a);

			if (!map)
				return -1;
			n->a->id = (int)(map - c->maps);
			if (sema_check_map_keys(c, n->a, map) ||
			    sema_map_value(c, &c->maps[n->a->id], n, &one))
				return -1;
			n->a->type = c->maps[n->a->id].value;
		}
		return 0;
	case N_IF:
		return sema_need_int(c, n->a, "the condition") || check_stmt(c, n->b) ||
		       (n->c && check_stmt(c, n->c)) ? -1 : 0;
	case N_UNROLL:
		return check_stmt(c, n->b);
	case N_FOR:
		c->needs |= PROG_PROBE_LOOPS;
		if (set_var(c, n->a, &one))
			return -1;
		return check_stmt(c, n->b);
	case N_RETURN:
		if (n->a)
			return diag__error(c->diag, n->line, n->col, 6,
					   "return takes no value in a probe");
		return 0;
	case N_EXPR:
		if (n->a->kind == N_CALL && func_lookup(n->a->name) >= F_COUNT)
			return sema_check_call(c, n->a);
		return sema_check_expr(c, n->a);
	default:
		return sema_check_expr(c, n);
	}
}

int sema__check_prog(struct compiler *c, struct trace_prog *p)
{
	c->cur = p;
	c->nr_vars = 0;
	c->uses_args = c->uses_probe = false;
	if (p->block->pred && sema_need_int(c, p->block->pred, "the predicate"))
		return -1;
	return check_stmt(c, p->block->body);
}

/* Key and value sizes, and whether a per-CPU map serves. */
static int size_maps(struct compiler *c)
{
	int i, k;

	for (i = 0; i < c->nr_maps; i++) {
		struct trace_map *m = &c->maps[i];

		m->key_size = 0;
		for (k = 0; k < m->nr_keys; k++)
			m->key_size += type_slot_size(&m->keys[k]);
		m->array = !m->nr_keys;
		m->max_entries = TRACE_MAP_ENTRIES;
		if (m->array) {
			/* the u32 index: 0, or hist's and lhist's bucket */
			m->key_size = 4;
			m->max_entries = m->value.kind == TY_HIST ? TRACE_HIST_BUCKETS :
					 m->value.kind == TY_LHIST ?
					 (unsigned int)((m->value.lmax - m->value.lmin) /
							m->value.lstep) + 2 : 1;
		} else {
			c->needs |= PROG_PROBE_PREALLOC;
		}
		m->value_size = type_slot_size(&m->value);
		switch (m->value.kind) {
		case TY_COUNT: case TY_SUM: case TY_MIN: case TY_MAX:
		case TY_AVG: case TY_STATS: case TY_HIST: case TY_LHIST:
			/* Each CPU counts in its own slot: no atomics, summed when printed. */
			m->percpu = true;
			break;
		default:
			m->percpu = false;
		}
		if (!m->array && (m->value.kind == TY_HIST || m->value.kind == TY_LHIST))
			m->key_size += 8;	/* the bucket */
		if (m->key_size > 512)
			return diag__error(c->diag, m->line, m->col, 1,
					   "%s's key is %u bytes, more than a BPF stack holds",
					   m->name, m->key_size);
	}
	return 0;
}

int sema__check(struct compiler *c)
{
	int pass, i;

	for (pass = 0; pass < 2; pass++) {
		c->strict = pass == 1;
		for (i = 0; i < c->nr_progs; i++)
			if (sema__check_prog(c, &c->progs[i]))
				return -1;
	}
	return size_maps(c);
}
