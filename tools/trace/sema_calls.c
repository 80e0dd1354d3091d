// SPDX-License-Identifier: GPL-2.0
/* Calls checked: their arguments, the formats they send, aggregations. */
#include <stdlib.h>
#include <string.h>
#include "tools/trace/builtins.h"
#include "tools/trace/checker.h"
#include "tools/trace/lex.h"
#include "tools/trace/printf.h"

int sema_nargs(struct compiler *c, struct node *n, int lo, int hi)
{
	if (n->nr_args >= lo && n->nr_args <= hi)
		return 0;
	if (lo == hi)
		return diag__error(c->diag, n->line, n->col, sema_node_len(n),
				   "%s() takes %d argument%s, not %d", n->name, lo,
				   lo == 1 ? "" : "s", n->nr_args);
	return diag__error(c->diag, n->line, n->col, sema_node_len(n),
			   "%s() takes %d to %d arguments, not %d", n->name, lo, hi,
			   n->nr_args);
}

int sema_const_int(struct compiler *c, struct node *n, const char *what,
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
		if (sema_check_expr(c, a))
			return -1;
		if (fmt_conv_int(sp.conv) != (a->type.kind == TY_INT) ||
		    (sp.conv == 'r' && a->type.kind != TY_BUF) ||
		    a->type.kind == TY_VOID || a->type.kind >= TY_COUNT)
			return diag__error(c->diag, a->line, a->col, sema_node_len(a),
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
		return diag__error(c->diag, n->line, n->col, sema_node_len(n),
				   "%s() takes a map, as %s(@name)", fn, fn);
	if (!compiler__map(c, m->name) && c->strict)
		return diag__error(c->diag, m->line, m->col, sema_node_len(m),
				   "%s is never assigned", m->name);
	m->id = compiler__map(c, m->name) ? (int)(compiler__map(c, m->name) - c->maps) : -1;
	return 0;
}


int sema_check_call(struct compiler *c, struct node *n)
{
	enum func f = func_lookup(n->name);
	long long v;
	int i;

	n->op = f;
	n->type = sema_sized(TY_VOID, 0);
	switch (f) {
	case F_PRINTF:
		return check_printf(c, n);
	case F_PRINT:
		if (sema_nargs(c, n, 1, 3))
			return -1;
		if (n->args[0]->kind == N_MAP && !n->args[0]->nr_args) {
			for (i = 1; i < n->nr_args; i++)
				if (sema_const_int(c, n->args[i], i == 1 ? "print()'s top" :
					      "print()'s div", &v))
					return -1;
			return whole_map(c, n, "print");
		}
		if (n->nr_args != 1)
			return sema_nargs(c, n, 1, 1);
		if (sema_check_expr(c, n->args[0]))
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
		return sema_nargs(c, n, 1, 1) ? -1 : whole_map(c, n, n->name);
	case F_DELETE:
		if (sema_nargs(c, n, 1, 2))
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
			return sema_check_map_keys(c, n->args[0], m);
		}
	case F_STR:
		if (sema_nargs(c, n, 1, 2) || sema_check_expr(c, n->args[0]))
			return -1;
		if (n->nr_args == 2 && sema_const_int(c, n->args[1], "str()'s length", &v))
			return -1;
		if (n->nr_args == 2 && (v < 1 || v > TRACE_STRLEN))
			return diag__error(c->diag, n->args[1]->line, n->args[1]->col, 1,
					   "str()'s length must be 1 to %d", TRACE_STRLEN);
		if (n->args[0]->type.kind == TY_STR) {
			n->type = n->args[0]->type;
			return 0;
		}
		if (n->args[0]->type.kind != TY_INT)
			return sema_need_int(c, n->args[0], "str()");
		/* str(p, n): n characters at most, and the NUL */
		n->type = sema_sized(TY_STR, n->nr_args == 2 ? (unsigned int)v + 1 : TRACE_STRLEN);
		n->type.user = n->args[0]->type.user || c->cur->kind != PK_TRACEPOINT;
		c->needs |= PROG_PROBE_READ;
		return 0;
	case F_BUF:
		if (sema_nargs(c, n, 2, 2) || sema_need_int(c, n->args[0], "buf()") ||
		    sema_const_int(c, n->args[1], "buf()'s length", &v))
			return -1;
		if (v < 1 || v > TRACE_STRLEN)
			return diag__error(c->diag, n->args[1]->line, n->args[1]->col, 1,
					   "buf()'s length must be 1 to %d", TRACE_STRLEN);
		n->type = sema_sized(TY_BUF, (unsigned int)v + 1);
		n->type.user = n->args[0]->type.user;
		c->needs |= PROG_PROBE_READ;
		return 0;
	case F_KSYM:
		if (sema_nargs(c, n, 1, 1) || sema_need_int(c, n->args[0], "ksym()"))
			return -1;
		n->type = sema_sized(TY_KSYM, 8);
		return 0;
	case F_STRERROR:
		if (sema_nargs(c, n, 1, 1) || sema_need_int(c, n->args[0], "strerror()"))
			return -1;
		n->type = sema_sized(TY_STRERROR, 8);
		return 0;
	case F_NTOP:
		if (sema_nargs(c, n, 1, 2))
			return -1;
		for (i = 0; i < n->nr_args; i++)
			if (sema_check_expr(c, n->args[i]))
				return -1;
		if (n->args[0]->type.kind != TY_INT ||
		    (n->nr_args == 2 && n->args[1]->type.kind != TY_INT &&
		     !(n->args[1]->type.kind == TY_STR &&
		       (n->args[1]->type.size == 4 || n->args[1]->type.size == 16))))
			return diag__error(c->diag, n->line, n->col, 4,
					   "ntop() takes an IPv4 address as an integer, or a family and an address (an integer, or a 4 or 16 byte field)");
		n->type = sema_sized(TY_INET, 24);
		return 0;
	case F_TIME:
		if (sema_nargs(c, n, 0, 1))
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
		if (sema_nargs(c, n, 2, 2) || sema_need_int(c, n->args[1], "strftime()"))
			return -1;
		if (n->args[0]->kind != N_STR)
			return diag__error(c->diag, n->line, n->col, 8,
					   "strftime() takes a format string first");
		if (c->strict && n->id < 0) {
			if (!add_fmt(c, n->args[0]))
				return -1;
			n->id = c->nr_fmts - 1;
		}
		n->type = sema_sized(TY_TIMESTAMP, 16);
		n->type.fmt_id = n->id;
		return 0;
	case F_EXIT:
		if (sema_nargs(c, n, 0, 1))
			return -1;
		return n->nr_args ? sema_need_int(c, n->args[0], "exit()") : 0;
	case F_KSTACK:
	case F_USTACK:
		if (sema_nargs(c, n, 0, 1))
			return -1;
		v = TRACE_STACK_DEPTH;
		if (n->nr_args && sema_const_int(c, n->args[0], "the stack depth", &v))
			return -1;
		if (v < 1 || v > TRACE_STACK_DEPTH)
			return diag__error(c->diag, n->line, n->col, 6,
					   "the stack depth must be 1 to %d", TRACE_STACK_DEPTH);
		n->type = sema_sized(f == F_KSTACK ? TY_KSTACK : TY_USTACK, (unsigned int)v);
		return 0;
	case F_JOIN:
		/* join(array [, "separator"]): printed as it comes, a line */
		if (sema_nargs(c, n, 1, 2) || sema_need_int(c, n->args[0], "join()"))
			return -1;
		if (n->nr_args == 2 && n->args[1]->kind != N_STR)
			return diag__error(c->diag, n->args[1]->line, n->args[1]->col, 1,
					   "join()'s separator must be a string literal");
		if (c->strict && n->id < 0) {
			static struct node space = { .kind = N_STR, .name = " ", .len = 1 };

			if (!add_fmt(c, n->nr_args == 2 ? n->args[1] : &space))
				return -1;
			n->id = c->nr_fmts - 1;
		}
		c->uses_join = true;
		c->needs |= PROG_PROBE_READ;
		return 0;
	case F_COUNT: case F_SUM: case F_AVG: case F_MIN: case F_MAX:
	case F_STATS: case F_HIST: case F_LHIST:
		return diag__error(c->diag, n->line, n->col, sema_node_len(n),
				   "%s() is an aggregation: assign it to a map, @x = %s(...)",
				   n->name, n->name);
	default:
		if (func_unsupported(n->name) || builtin_lookup(n->name) != B_NONE)
			return diag__error(c->diag, n->line, n->col, sema_node_len(n),
					   "%s() is not supported by barebpf trace", n->name);
		return diag__error(c->diag, n->line, n->col, sema_node_len(n),
				   "unknown function %s()", n->name);
	}
}

struct type sema_aggregate_type(struct compiler *c, struct node *call, int *err)
{
	enum func f = func_lookup(call->name);
	struct type t = { .kind = TY_NONE };
	long long lo, hi, step;

	*err = 0;
	call->op = f;
	switch (f) {
	case F_COUNT:
		*err = sema_nargs(c, call, 0, 0);
		t = sema_sized(TY_COUNT, 8);
		break;
	case F_SUM: case F_AVG: case F_MIN: case F_MAX: case F_STATS: case F_HIST:
		*err = sema_nargs(c, call, 1, 1) || sema_need_int(c, call->args[0], call->name);
		t = sema_sized(f == F_SUM ? TY_SUM : f == F_AVG ? TY_AVG : f == F_MIN ? TY_MIN :
			  f == F_MAX ? TY_MAX : f == F_STATS ? TY_STATS : TY_HIST, 8);
		t.is_signed = !*err && call->args[0]->type.is_signed;
		break;
	case F_LHIST:
		*err = sema_nargs(c, call, 4, 4) || sema_need_int(c, call->args[0], "lhist()") ||
		       sema_const_int(c, call->args[1], "lhist()'s min", &lo) ||
		       sema_const_int(c, call->args[2], "lhist()'s max", &hi) ||
		       sema_const_int(c, call->args[3], "lhist()'s step", &step);
		if (*err)
			break;
		if (step < 1 || hi <= lo || (hi - lo) / step > 1000 || lo < 0) {
			*err = diag__error(c->diag, call->line, call->col, 5,
					   "lhist(value, min, max, step): min >= 0, max > min, step > 0, at most 1000 steps");
			break;
		}
		t = sema_sized(TY_LHIST, 8);
		t.lmin = lo;
		t.lmax = hi;
		t.lstep = step;
		break;
	default:
		break;
	}
	return t;
}
