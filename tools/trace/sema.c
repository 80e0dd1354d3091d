// SPDX-License-Identifier: GPL-2.0
/* Type checking against format files, and map typing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/trace/builtins.h"
#include "tools/trace/lex.h"
#include "tools/trace/printf.h"
#include "tools/trace/sema.h"

static int err_at(struct compiler *c, const struct node *n, int len,
		  const char *fmt, const char *a, const char *b)
{
	return diag__error(c->diag, n->line, n->col, len, fmt, a, b);
}

static int node_len(const struct node *n)
{
	return n->name ? (int)strlen(n->name) : 1;
}

static struct type int_type(unsigned int size, bool is_signed)
{
	struct type t = { .kind = TY_INT, .size = size, .is_signed = is_signed };

	return t;
}

static struct type sized(enum ty kind, unsigned int size)
{
	struct type t = { .kind = kind, .size = size };

	return t;
}

unsigned int type_slot_size(const struct type *t)
{
	switch (t->kind) {
	case TY_STR:
	case TY_BUF:
		return (t->size + 7) & ~7u;
	case TY_USTACK:
	case TY_TIMESTAMP:
	case TY_MIN: case TY_MAX: case TY_AVG: case TY_STATS:
		return 16;
	case TY_INET:
		return 24;
	default:
		return 8;
	}
}

const char *ty_name(const struct type *t, char *buf, size_t len)
{
	static const char *const names[] = {
		[TY_NONE] = "nothing", [TY_VOID] = "nothing", [TY_INT] = "int",
		[TY_STR] = "string", [TY_KSTACK] = "kstack", [TY_USTACK] = "ustack",
		[TY_KSYM] = "ksym", [TY_STRERROR] = "strerror", [TY_INET] = "ntop",
		[TY_TIMESTAMP] = "strftime", [TY_BUF] = "buf", [TY_COUNT] = "count()",
		[TY_SUM] = "sum()", [TY_MIN] = "min()", [TY_MAX] = "max()",
		[TY_AVG] = "avg()", [TY_STATS] = "stats()", [TY_HIST] = "hist()",
		[TY_LHIST] = "lhist()",
	};

	if (t->kind == TY_INT)
		snprintf(buf, len, "%sint%u", t->is_signed ? "" : "u", t->size * 8);
	else if (t->kind == TY_STR)
		snprintf(buf, len, "string[%u]", t->size);
	else
		snprintf(buf, len, "%s", names[t->kind]);
	return buf;
}

struct trace_map *compiler__map(struct compiler *c, const char *name)
{
	int i;

	for (i = 0; i < c->nr_maps; i++)
		if (!strcmp(c->maps[i].name, name))
			return &c->maps[i];
	return NULL;
}

static struct trace_map *map_get(struct compiler *c, const struct node *n)
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

static int check_expr(struct compiler *c, struct node *n);

/* The field of the tracepoint, typed from its format line. */
static int check_field(struct compiler *c, struct node *n)
{
	struct trace_prog *p = c->cur;
	const struct tp_field *f;
	char list[768];
	size_t i, at = 0;

	if (p->kind != PK_TRACEPOINT)
		return err_at(c, n, 4, "args is only for tracepoint probes, not %s%s",
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
		n->type = sized(TY_STR, TRACE_STRLEN);
		return 0;
	}
	if (f->is_array) {
		if (strncmp(f->type, "char", 4) && strncmp(f->type, "unsigned char", 13) &&
		    strncmp(f->type, "u8", 2) && strncmp(f->type, "__u8", 4))
			goto unsupported;
		n->type = sized(TY_STR, f->size);
		return 0;
	}
	if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		goto unsupported;
	n->type = int_type(f->size, f->is_signed);
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
		n->type = int_type(8, false);
		return 0;
	case B_NSECS: case B_ELAPSED: case B_NCPUS: case B_RAND: case B_CURTASK:
		n->type = int_type(8, false);
		return 0;
	case B_CPID:
		if (c->cpid < 0)
			return err_at(c, n, 4, "cpid needs a command: -c 'CMD' or -- COMMAND%s%s",
				      "", "");
		n->type = int_type(8, false);
		return 0;
	case B_COMM:
		n->type = sized(TY_STR, TRACE_COMM_LEN);
		return 0;
	case B_PROBE:
		c->uses_probe = true;
		n->type = sized(TY_STR, (unsigned int)strlen(c->cur->name) + 1);
		return 0;
	case B_KSTACK:
	case B_USTACK:
		n->type = sized(b == B_KSTACK ? TY_KSTACK : TY_USTACK, TRACE_STACK_DEPTH);
		return 0;
	case B_ARGS:
		return err_at(c, n, 4, "args is a record: read its fields, args.NAME%s%s",
			      "", "");
	default:
		if (func_lookup(n->name) != F_NONE)
			return err_at(c, n, node_len(n), "%s is a function: %s() %s",
				      n->name, "calls it");
		if (func_unsupported(n->name))
			return err_at(c, n, node_len(n), "%s is not supported by barebpf trace%s",
				      n->name, "");
		return err_at(c, n, node_len(n), "unknown identifier '%s'%s", n->name, "");
	}
}

static int need_int(struct compiler *c, struct node *n, const char *what)
{
	char buf[32];

	if (check_expr(c, n))
		return -1;
	if (n->type.kind == TY_INT)
		return 0;
	return diag__error(c->diag, n->line, n->col, node_len(n),
			   "type error: %s needs an integer, not %s", what,
			   ty_name(&n->type, buf, sizeof(buf)));
}

static int nargs(struct compiler *c, struct node *n, int lo, int hi)
{
	if (n->nr_args >= lo && n->nr_args <= hi)
		return 0;
	if (lo == hi)
		return diag__error(c->diag, n->line, n->col, node_len(n),
				   "%s() takes %d argument%s, not %d", n->name, lo,
				   lo == 1 ? "" : "s", n->nr_args);
	return diag__error(c->diag, n->line, n->col, node_len(n),
			   "%s() takes %d to %d arguments, not %d", n->name, lo, hi,
			   n->nr_args);
}

static int const_int(struct compiler *c, struct node *n, const char *what,
		     long long *v)
{
	if (n->kind == N_UNARY && n->op == T_MINUS && n->a->kind == N_INT) {
		*v = -(long long)n->a->num;
		return 0;
	}
	if (n->kind == N_INT) {
		*v = (long long)n->num;
		return 0;
	}
	return diag__error(c->diag, n->line, n->col, 1, "%s must be a constant number", what);
}

static struct trace_fmt *add_fmt(struct compiler *c, const struct node *s)
{
	struct trace_fmt *f = realloc(c->fmts, sizeof(*f) * (size_t)(c->nr_fmts + 1));

	if (!f)
		return NULL;
	c->fmts = f;
	f = &f[c->nr_fmts++];
	memset(f, 0, sizeof(*f));
	f->text = s->name;
	f->len = s->len;
	f->line = s->line;
	f->col = s->col;
	return f;
}

/* printf("fmt", args...): each conversion against its argument. */
static int check_printf(struct compiler *c, struct node *n)
{
	struct node *fmt = n->nr_args ? n->args[0] : NULL;
	struct fmt_spec sp;
	struct trace_fmt *f;
	char buf[32];
	size_t pos = 0;
	int i = 1, r;
	unsigned int off = sizeof(struct trace_record);

	if (!fmt || fmt->kind != N_STR)
		return diag__error(c->diag, n->line, n->col, 6,
				   "printf() needs a format string first");
	if (n->nr_args - 1 > TRACE_ARGS_MAX)
		return diag__error(c->diag, n->line, n->col, 6,
				   "printf() takes at most %d arguments", TRACE_ARGS_MAX);
	while ((r = fmt_next(fmt->name, fmt->len, &pos, &sp)) > 0) {
		struct node *a;

		if (i >= n->nr_args)
			return diag__error(c->diag, fmt->line, fmt->col, (int)fmt->len + 2,
					   "printf: the format has more conversions than arguments (%d given)",
					   n->nr_args - 1);
		a = n->args[i++];
		if (check_expr(c, a))
			return -1;
		if (fmt_conv_int(sp.conv) != (a->type.kind == TY_INT) ||
		    (sp.conv == 'r' && a->type.kind != TY_BUF) ||
		    a->type.kind == TY_VOID || a->type.kind >= TY_COUNT)
			return diag__error(c->diag, a->line, a->col, node_len(a),
					   "printf: %%%c needs %s, not %s", sp.conv,
					   fmt_conv_int(sp.conv) ? "an integer" :
					   sp.conv == 'r' ? "a buf()" : "a string",
					   ty_name(&a->type, buf, sizeof(buf)));
	}
	if (r < 0)
		return diag__error(c->diag, fmt->line, fmt->col + 1 + (int)sp.at, 1,
				   "printf: bad conversion in the format (%%d %%u %%x %%s %%c %%p %%r, or %%%% for a %%)");
	if (i < n->nr_args)
		return diag__error(c->diag, n->args[i]->line, n->args[i]->col, 1,
				   "printf: %d argument%s more than the format's conversions",
				   n->nr_args - i, n->nr_args - i == 1 ? "" : "s");
	if (!c->strict)
		return 0;
	if (n->id < 0) {
		f = add_fmt(c, fmt);
		if (!f)
			return diag__error(c->diag, n->line, n->col, 1, "out of memory");
		n->id = c->nr_fmts - 1;
	}
	f = &c->fmts[n->id];
	f->nr_args = n->nr_args - 1;
	for (i = 1; i < n->nr_args; i++) {
		f->args[i - 1] = n->args[i]->type;
		f->offsets[i - 1] = off;
		off += type_slot_size(&n->args[i]->type);
	}
	f->size = off;
	return 0;
}

static int whole_map(struct compiler *c, struct node *n, const char *fn)
{
	struct node *m = n->nr_args ? n->args[0] : NULL;

	if (!m || m->kind != N_MAP || m->nr_args)
		return diag__error(c->diag, n->line, n->col, node_len(n),
				   "%s() takes a map, as %s(@name)", fn, fn);
	if (!compiler__map(c, m->name) && c->strict)
		return diag__error(c->diag, m->line, m->col, node_len(m),
				   "%s is never assigned", m->name);
	m->id = compiler__map(c, m->name) ? (int)(compiler__map(c, m->name) - c->maps) : -1;
	return 0;
}

static int check_map_keys(struct compiler *c, struct node *m, struct trace_map *map);

static int check_call(struct compiler *c, struct node *n)
{
	enum func f = func_lookup(n->name);
	long long v;
	int i;

	n->op = f;
	n->type = sized(TY_VOID, 0);
	switch (f) {
	case F_PRINTF:
		return check_printf(c, n);
	case F_PRINT:
		if (nargs(c, n, 1, 3))
			return -1;
		if (n->args[0]->kind == N_MAP && !n->args[0]->nr_args) {
			for (i = 1; i < n->nr_args; i++)
				if (const_int(c, n->args[i], i == 1 ? "print()'s top" :
					      "print()'s div", &v))
					return -1;
			return whole_map(c, n, "print");
		}
		if (n->nr_args != 1)
			return nargs(c, n, 1, 1);
		if (check_expr(c, n->args[0]))
			return -1;
		if (c->strict && n->id < 0) {
			struct trace_fmt *fm = add_fmt(c, n->args[0]);

			if (!fm)
				return -1;
			n->id = c->nr_fmts - 1;
		}
		if (c->strict) {
			struct trace_fmt *fm = &c->fmts[n->id];

			fm->text = "";
			fm->len = 0;
			fm->nr_args = 1;
			fm->args[0] = n->args[0]->type;
			fm->offsets[0] = sizeof(struct trace_record);
			fm->size = fm->offsets[0] + type_slot_size(&fm->args[0]);
		}
		return 0;
	case F_CLEAR:
	case F_ZERO:
		return nargs(c, n, 1, 1) ? -1 : whole_map(c, n, n->name);
	case F_DELETE:
		if (nargs(c, n, 1, 2))
			return -1;
		if (n->args[0]->kind != N_MAP ||
		    (n->nr_args == 1) == !n->args[0]->nr_args)
			return diag__error(c->diag, n->line, n->col, 6,
					   "delete() takes @map[key], or @map and a key");
		if (n->nr_args == 2) {
			/* delete(@m, k) is delete(@m[k]) */
			if (ast_push(c->script, &n->args[0]->args, &n->args[0]->nr_args,
				     n->args[1]))
				return -1;
			n->nr_args = 1;
		}
		{
			struct trace_map *m = compiler__map(c, n->args[0]->name);

			if (!m)
				return c->strict ? diag__error(c->diag, n->args[0]->line,
							      n->args[0]->col, 1,
							      "%s is never assigned",
							      n->args[0]->name) : 0;
			n->args[0]->id = (int)(m - c->maps);
			return check_map_keys(c, n->args[0], m);
		}
	case F_STR:
		if (nargs(c, n, 1, 2) || check_expr(c, n->args[0]))
			return -1;
		if (n->nr_args == 2 && const_int(c, n->args[1], "str()'s length", &v))
			return -1;
		if (n->nr_args == 2 && (v < 1 || v > TRACE_STRLEN))
			return diag__error(c->diag, n->args[1]->line, n->args[1]->col, 1,
					   "str()'s length must be 1 to %d", TRACE_STRLEN);
		if (n->args[0]->type.kind == TY_STR) {
			n->type = n->args[0]->type;
			return 0;
		}
		if (n->args[0]->type.kind != TY_INT)
			return need_int(c, n->args[0], "str()");
		/* str(p, n): n characters at most, and the NUL */
		n->type = sized(TY_STR, n->nr_args == 2 ? (unsigned int)v + 1 : TRACE_STRLEN);
		n->type.user = n->args[0]->type.user || c->cur->kind != PK_TRACEPOINT;
		return 0;
	case F_BUF:
		if (nargs(c, n, 2, 2) || need_int(c, n->args[0], "buf()") ||
		    const_int(c, n->args[1], "buf()'s length", &v))
			return -1;
		if (v < 1 || v > TRACE_STRLEN)
			return diag__error(c->diag, n->args[1]->line, n->args[1]->col, 1,
					   "buf()'s length must be 1 to %d", TRACE_STRLEN);
		n->type = sized(TY_BUF, (unsigned int)v + 1);
		n->type.user = n->args[0]->type.user;
		return 0;
	case F_KSYM:
		if (nargs(c, n, 1, 1) || need_int(c, n->args[0], "ksym()"))
			return -1;
		n->type = sized(TY_KSYM, 8);
		return 0;
	case F_STRERROR:
		if (nargs(c, n, 1, 1) || need_int(c, n->args[0], "strerror()"))
			return -1;
		n->type = sized(TY_STRERROR, 8);
		return 0;
	case F_NTOP:
		if (nargs(c, n, 1, 2))
			return -1;
		for (i = 0; i < n->nr_args; i++)
			if (check_expr(c, n->args[i]))
				return -1;
		if (n->args[0]->type.kind != TY_INT ||
		    (n->nr_args == 2 && n->args[1]->type.kind != TY_INT &&
		     !(n->args[1]->type.kind == TY_STR &&
		       (n->args[1]->type.size == 4 || n->args[1]->type.size == 16))))
			return diag__error(c->diag, n->line, n->col, 4,
					   "ntop() takes an IPv4 address as an integer, or a family and an address (an integer, or a 4 or 16 byte field)");
		n->type = sized(TY_INET, 24);
		return 0;
	case F_TIME:
		if (nargs(c, n, 0, 1))
			return -1;
		if (n->nr_args && n->args[0]->kind != N_STR)
			return diag__error(c->diag, n->line, n->col, 4,
					   "time() takes a format string");
		if (c->strict && n->id < 0) {
			static struct node dflt = { .kind = N_STR, .name = "%H:%M:%S\n", .len = 9 };
			struct trace_fmt *fm = add_fmt(c, n->nr_args ? n->args[0] : &dflt);

			if (!fm)
				return -1;
			fm->size = sizeof(struct trace_record);
			n->id = c->nr_fmts - 1;
		}
		return 0;
	case F_STRFTIME:
		if (nargs(c, n, 2, 2) || need_int(c, n->args[1], "strftime()"))
			return -1;
		if (n->args[0]->kind != N_STR)
			return diag__error(c->diag, n->line, n->col, 8,
					   "strftime() takes a format string first");
		if (c->strict && n->id < 0) {
			if (!add_fmt(c, n->args[0]))
				return -1;
			n->id = c->nr_fmts - 1;
		}
		n->type = sized(TY_TIMESTAMP, 16);
		n->type.fmt_id = n->id;
		return 0;
	case F_EXIT:
		if (nargs(c, n, 0, 1))
			return -1;
		return n->nr_args ? need_int(c, n->args[0], "exit()") : 0;
	case F_KSTACK:
	case F_USTACK:
		if (nargs(c, n, 0, 1))
			return -1;
		v = TRACE_STACK_DEPTH;
		if (n->nr_args && const_int(c, n->args[0], "the stack depth", &v))
			return -1;
		if (v < 1 || v > TRACE_STACK_DEPTH)
			return diag__error(c->diag, n->line, n->col, 6,
					   "the stack depth must be 1 to %d", TRACE_STACK_DEPTH);
		n->type = sized(f == F_KSTACK ? TY_KSTACK : TY_USTACK, (unsigned int)v);
		return 0;
	case F_JOIN:
		return diag__error(c->diag, n->line, n->col, 4,
				   "join() is not supported yet: print the strings with printf(\"%%s\", str(...))");
	case F_COUNT: case F_SUM: case F_AVG: case F_MIN: case F_MAX:
	case F_STATS: case F_HIST: case F_LHIST:
		return diag__error(c->diag, n->line, n->col, node_len(n),
				   "%s() is an aggregation: assign it to a map, @x = %s(...)",
				   n->name, n->name);
	default:
		if (func_unsupported(n->name) || builtin_lookup(n->name) != B_NONE)
			return diag__error(c->diag, n->line, n->col, node_len(n),
					   "%s() is not supported by barebpf trace", n->name);
		return diag__error(c->diag, n->line, n->col, node_len(n),
				   "unknown function %s()", n->name);
	}
}

static bool same_kind(const struct type *a, const struct type *b)
{
	return a->kind == b->kind;
}

static int check_map_keys(struct compiler *c, struct node *m, struct trace_map *map)
{
	char want[32], got[32];
	int i;

	if (m->nr_args > TRACE_KEYS_MAX)
		return diag__error(c->diag, m->line, m->col, node_len(m),
				   "a map key holds at most %d values", TRACE_KEYS_MAX);
	for (i = 0; i < m->nr_args; i++) {
		if (check_expr(c, m->args[i]))
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
		return diag__error(c->diag, m->line, m->col, node_len(m),
				   "%s is used with %d key%s here, %d at %d:%d",
				   map->name, m->nr_args, m->nr_args == 1 ? "" : "s",
				   map->nr_keys, map->line, map->col);
	for (i = 0; i < m->nr_args; i++) {
		struct type *k = &map->keys[i];

		if (!same_kind(k, &m->args[i]->type))
			return diag__error(c->diag, m->args[i]->line, m->args[i]->col,
					   node_len(m->args[i]),
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
static int map_value(struct compiler *c, struct trace_map *map,
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
	struct trace_map *map = map_get(c, n);
	char buf[32];

	if (!map)
		return diag__error(c->diag, n->line, n->col, 1, "out of memory");
	n->id = (int)(map - c->maps);
	if (check_map_keys(c, n, map))
		return -1;
	map = &c->maps[n->id];
	if (map->value.kind == TY_NONE) {
		if (c->strict)
			return diag__error(c->diag, n->line, n->col, node_len(n),
					   "%s is read but never assigned", n->name);
		n->type = int_type(8, true);
		return 0;
	}
	if (map->value.kind >= TY_COUNT)
		return diag__error(c->diag, n->line, n->col, node_len(n),
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
	return diag__error(c->diag, n->line, n->col, node_len(n),
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

	if (check_expr(c, n->a) || check_expr(c, n->b))
		return -1;
	if (n->a->type.kind == TY_STR && n->b->type.kind == TY_STR &&
	    (n->op == T_EQ || n->op == T_NE)) {
		n->type = int_type(8, false);
		return 0;
	}
	if (!scalar_kind(n->a->type.kind) || !scalar_kind(n->b->type.kind)) {
		const struct node *bad = scalar_kind(n->a->type.kind) ? n->b : n->a;

		if (n->a->type.kind == TY_STR && n->b->type.kind == TY_STR)
			return diag__error(c->diag, n->line, n->col, 1,
					   "type error: strings compare only with == and !=");
		return diag__error(c->diag, bad->line, bad->col, node_len(bad),
				   "type error: %s used as an integer (the other side is %s)",
				   ty_name(&bad->type, a, sizeof(a)),
				   ty_name(bad == n->a ? &n->b->type : &n->a->type, b,
					     sizeof(b)));
	}
	/* Signed when both sides are, a plain literal taking the other's side. */
	n->type = int_type(8, (n->a->type.is_signed || nonneg_literal(n->a)) &&
			      (n->b->type.is_signed || nonneg_literal(n->b)));
	if (is_compare(n->op) || n->op == T_ANDAND || n->op == T_OROR) {
		/* the operands' signedness decides the comparison */
		n->type.user = false;
		n->b->type.user = n->b->type.user;
		n->id = n->type.is_signed;
		n->type = int_type(8, false);
	}
	return 0;
}

static int check_expr(struct compiler *c, struct node *n)
{
	char buf[32];

	switch (n->kind) {
	case N_INT:
		n->type = int_type(8, n->num <= 0x7fffffffffffffffull);
		return 0;
	case N_STR:
		n->type = sized(TY_STR, (unsigned int)n->len + 1);
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
		return check_call(c, n);
	case N_BINARY:
		return check_binary(c, n);
	case N_UNARY:
		if (need_int(c, n->a, n->op == T_BANG ? "'!'" : n->op == T_TILDE ?
			     "'~'" : "a sign"))
			return -1;
		n->type = int_type(8, n->op == T_MINUS || n->a->type.is_signed);
		if (n->op == T_BANG)
			n->type = int_type(8, false);
		return 0;
	case N_TERNARY:
		if (need_int(c, n->a, "the condition") || check_expr(c, n->b) ||
		    check_expr(c, n->c))
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
			n->type = int_type(8, n->b->type.is_signed && n->c->type.is_signed);
		return 0;
	case N_CAST:
		return need_int(c, n->a, "a cast");
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

static struct type aggregate_type(struct compiler *c, struct node *call, int *err)
{
	enum func f = func_lookup(call->name);
	struct type t = { .kind = TY_NONE };
	long long lo, hi, step;

	*err = 0;
	call->op = f;
	switch (f) {
	case F_COUNT:
		*err = nargs(c, call, 0, 0);
		t = sized(TY_COUNT, 8);
		break;
	case F_SUM: case F_AVG: case F_MIN: case F_MAX: case F_STATS: case F_HIST:
		*err = nargs(c, call, 1, 1) || need_int(c, call->args[0], call->name);
		t = sized(f == F_SUM ? TY_SUM : f == F_AVG ? TY_AVG : f == F_MIN ? TY_MIN :
			  f == F_MAX ? TY_MAX : f == F_STATS ? TY_STATS : TY_HIST, 8);
		t.is_signed = !*err && call->args[0]->type.is_signed;
		break;
	case F_LHIST:
		*err = nargs(c, call, 4, 4) || need_int(c, call->args[0], "lhist()") ||
		       const_int(c, call->args[1], "lhist()'s min", &lo) ||
		       const_int(c, call->args[2], "lhist()'s max", &hi) ||
		       const_int(c, call->args[3], "lhist()'s step", &step);
		if (*err)
			break;
		if (step < 1 || hi <= lo || (hi - lo) / step > 1000 || lo < 0) {
			*err = diag__error(c->diag, call->line, call->col, 5,
					   "lhist(value, min, max, step): min >= 0, max > min, step > 0, at most 1000 steps");
			break;
		}
		t = sized(TY_LHIST, 8);
		t.lmin = lo;
		t.lmax = hi;
		t.lstep = step;
		break;
	default:
		break;
	}
	return t;
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
			return diag__error(c->diag, v->line, v->col, node_len(v),
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
		return diag__error(c->diag, v->line, v->col, node_len(v),
				   "%s cannot hold %s", v->name, ty_name(t, a, sizeof(a)));
	c->vars[c->nr_vars].name = v->name;
	c->vars[c->nr_vars].type = *t;
	if (t->kind == TY_INT)
		c->vars[c->nr_vars].type = int_type(8, t->is_signed);
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
			if (check_var_read(c, l) || need_int(c, l, "a compound assignment") ||
			    need_int(c, r, "a compound assignment"))
				return -1;
			return 0;
		}
		if (check_expr(c, r))
			return -1;
		return set_var(c, l, &r->type);
	}
	map = map_get(c, l);
	if (!map)
		return diag__error(c->diag, l->line, l->col, 1, "out of memory");
	l->id = (int)(map - c->maps);
	if (check_map_keys(c, l, map))
		return -1;
	if (r->kind == N_CALL && func_lookup(r->name) >= F_COUNT) {
		if (n->op != T_ASSIGN)
			return diag__error(c->diag, n->line, n->col, 2,
					   "an aggregation is assigned with '=' alone");
		t = aggregate_type(c, r, &err);
		if (err)
			return -1;
		r->type = t;
	} else {
		if (check_expr(c, r))
			return -1;
		t = r->type;
		if (t.kind == TY_VOID)
			return diag__error(c->diag, r->line, r->col, node_len(r),
					   "%s gives no value to assign", r->name ? r->name : "this");
		if (n->op != T_ASSIGN && t.kind != TY_INT)
			return need_int(c, r, "a compound assignment");
	}
	if (map_value(c, &c->maps[l->id], n, &t))
		return -1;
	l->type = c->maps[l->id].value;
	if (n->op != T_ASSIGN && l->type.kind != TY_INT)
		return diag__error(c->diag, n->line, n->col, 2,
				   "%s does not hold an integer", l->name);
	return 0;
}

static int check_stmt(struct compiler *c, struct node *n)
{
	struct type one = int_type(8, true);
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
			       need_int(c, n->a, n->op == T_INC ? "'++'" : "'--'");
		if (n->a->kind != N_MAP)
			return diag__error(c->diag, n->line, n->col, 2,
					   "++ and -- take a map or a $variable");
		{
			struct trace_map *map = map_get(c, n->a);

			if (!map)
				return -1;
			n->a->id = (int)(map - c->maps);
			if (check_map_keys(c, n->a, map) ||
			    map_value(c, &c->maps[n->a->id], n, &one))
				return -1;
			n->a->type = c->maps[n->a->id].value;
		}
		return 0;
	case N_IF:
		return need_int(c, n->a, "the condition") || check_stmt(c, n->b) ||
		       (n->c && check_stmt(c, n->c)) ? -1 : 0;
	case N_UNROLL:
		return check_stmt(c, n->b);
	case N_FOR:
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
			return check_call(c, n->a);
		return check_expr(c, n->a);
	default:
		return check_expr(c, n);
	}
}

int sema__check_prog(struct compiler *c, struct trace_prog *p)
{
	c->cur = p;
	c->nr_vars = 0;
	c->uses_args = c->uses_probe = false;
	if (p->block->pred && need_int(c, p->block->pred, "the predicate"))
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
		if (!m->nr_keys)
			m->key_size = 8;
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
		if (m->value.kind == TY_HIST || m->value.kind == TY_LHIST)
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

void compiler__free(struct compiler *c)
{
	int i;

	for (i = 0; i < c->nr_progs; i++) {
		struct trace_prog *p = &c->progs[i];

		free(p->insns);
		free(p->lines);
		free(p->cols);
		free(p->name);
		tp_format__free(p->fmt);
	}
	for (i = 0; i < c->nr_maps; i++)
		if (c->maps[i].fd >= 0 && c->maps[i].fd < 1000)
			close(c->maps[i].fd);
	for (i = 0; i < c->nr_stack_depths; i++)
		if (c->stack_fds[i] > 0 && c->stack_fds[i] < 1000)
			close(c->stack_fds[i]);
	free(c->progs);
	free(c->maps);
	free(c->fmts);
	c->progs = NULL;
	c->maps = NULL;
	c->fmts = NULL;
	c->nr_progs = c->nr_maps = c->nr_fmts = 0;
}
