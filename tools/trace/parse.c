// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive descent over bpftrace's grammar, C's precedence for
 * expressions. A predicate's closing '/' ends it: inside /.../ a
 * division needs parentheses, as in bpftrace.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "tools/trace/lex.h"
#include "tools/trace/parse.h"

/* Nesting deep enough for any script, shallow enough for the C stack. */
#define PARSE_DEPTH_MAX	200

struct parser {
	struct lexer lx;
	struct script *s;
	struct diag *d;
	struct token la;	/* lookahead, when has_la */
	bool has_la;
	int in_pred;		/* a '/' at this paren depth ends the predicate */
	int parens;
	int depth;
};

static struct token *peek(struct parser *p)
{
	if (!p->has_la) {
		p->la = lexer__next(&p->lx);
		p->has_la = true;
		/* The string's bytes move to the arena, so tokens own nothing. */
		if (p->la.kind == T_STR) {
			char *str = ast_strndup(p->s, p->la.str, p->la.str_len);

			free(p->la.str);
			p->la.str = str;
		}
	}
	return &p->la;
}

static struct token next(struct parser *p)
{
	struct token t = *peek(p);

	p->has_la = false;
	return t;
}

static int tok_error(struct parser *p, const struct token *t, const char *what)
{
	if (t->kind == T_ERROR)
		return diag__error(p->d, t->line, t->col, (int)t->len, "%s", p->lx.err);
	if (t->kind == T_EOF)
		return diag__error(p->d, t->line, t->col, 1,
				   "syntax error: unexpected end of input, expected %s", what);
	return diag__error(p->d, t->line, t->col, (int)t->len,
			   "syntax error: unexpected %s '%.*s', expected %s",
			   t->kind == T_IDENT ? "name" : t->kind == T_INT ? "number" :
			   t->kind == T_STR ? "string" : t->kind == T_MAP ? "map" :
			   t->kind == T_VAR ? "variable" : "token",
			   (int)(t->len > 40 ? 40 : t->len), t->start, what);
}

static int expect(struct parser *p, enum tok kind, const char *what)
{
	struct token t = next(p);

	if (t.kind != kind)
		return tok_error(p, &t, what);
	return 0;
}

static bool accept(struct parser *p, enum tok kind)
{
	if (peek(p)->kind != kind)
		return false;
	next(p);
	return true;
}

static bool is_word(const struct token *t, const char *w)
{
	return t->kind == T_IDENT && t->len == strlen(w) && !strncmp(t->start, w, t->len);
}

static struct node *oom(struct parser *p, const struct token *t)
{
	diag__error(p->d, t->line, t->col, 1, "out of memory");
	return NULL;
}

static struct node *node_at(struct parser *p, enum node_kind kind,
			    const struct token *t)
{
	struct node *n = ast_node(p->s, kind, t->line, t->col);

	return n ? n : oom(p, t);
}

unsigned int cast_type_size(const char *name, size_t len, bool *is_signed)
{
	static const struct {
		const char *name;
		unsigned int size;
		bool is_signed;
	} casts[] = {
		{ "int8", 1, true }, { "int16", 2, true }, { "int32", 4, true },
		{ "int64", 8, true }, { "uint8", 1, false }, { "uint16", 2, false },
		{ "uint32", 4, false }, { "uint64", 8, false },
	};
	size_t i;

	for (i = 0; i < sizeof(casts) / sizeof(casts[0]); i++)
		if (strlen(casts[i].name) == len && !strncmp(casts[i].name, name, len)) {
			*is_signed = casts[i].is_signed;
			return casts[i].size;
		}
	return 0;
}

static struct node *expr(struct parser *p);
static struct node *unary(struct parser *p);
static struct node *block(struct parser *p);

/* "(a, b)" after a call's name; the '(' is consumed. */
static int call_args(struct parser *p, struct node *call)
{
	struct node *a;

	p->parens++;
	if (!accept(p, T_RPAREN)) {
		do {
			a = expr(p);
			if (!a || ast_push(p->s, &call->args, &call->nr_args, a))
				return a ? (oom(p, &p->la), -1) : -1;
		} while (accept(p, T_COMMA));
		if (expect(p, T_RPAREN, "',' or ')'"))
			return -1;
	}
	p->parens--;
	return 0;
}

/* @name or @name[k1, k2] */
static struct node *map_ref(struct parser *p, const struct token *t)
{
	struct node *n = node_at(p, N_MAP, t), *k;

	if (!n)
		return NULL;
	n->name = ast_strndup(p->s, t->start, t->len);
	if (!accept(p, T_LBRACKET))
		return n;
	p->parens++;
	do {
		k = expr(p);
		if (!k || ast_push(p->s, &n->args, &n->nr_args, k))
			return k ? oom(p, t) : NULL;
	} while (accept(p, T_COMMA));
	p->parens--;
	return expect(p, T_RBRACKET, "',' or ']'") ? NULL : n;
}

static struct node *primary(struct parser *p)
{
	struct token t = next(p);
	struct node *n;

	switch (t.kind) {
	case T_INT:
		n = node_at(p, N_INT, &t);
		if (n)
			n->num = t.num;
		return n;
	case T_STR:
		n = node_at(p, N_STR, &t);
		if (n) {
			n->name = t.str;
			n->len = t.str_len;
		}
		return n;
	case T_MAP:
		return map_ref(p, &t);
	case T_VAR:
		n = node_at(p, N_VAR, &t);
		if (n)
			n->name = ast_strndup(p->s, t.start, t.len);
		return n;
	case T_LPAREN:
		p->parens++;
		n = expr(p);
		p->parens--;
		return n && !expect(p, T_RPAREN, "')'") ? n : NULL;
	case T_IDENT:
		if (is_word(&t, "args") && (peek(p)->kind == T_DOT ||
					    peek(p)->kind == T_ARROW)) {
			struct token op = next(p), f = next(p);

			if (f.kind != T_IDENT) {
				tok_error(p, &f, "a field name");
				return NULL;
			}
			n = node_at(p, N_FIELD, &t);
			if (n) {
				n->name = ast_strndup(p->s, f.start, f.len);
				n->arrow = op.kind == T_ARROW;
			}
			return n;
		}
		n = node_at(p, accept(p, T_LPAREN) ? N_CALL : N_BUILTIN, &t);
		if (!n)
			return NULL;
		n->name = ast_strndup(p->s, t.start, t.len);
		if (n->kind == N_CALL && call_args(p, n))
			return NULL;
		return n;
	default:
		tok_error(p, &t, "an expression");
		return NULL;
	}
}

static struct node *postfix(struct parser *p)
{
	struct node *n = primary(p), *u;
	struct token *t;

	while (n) {
		t = peek(p);
		if (t->kind == T_INC || t->kind == T_DEC) {
			u = node_at(p, N_INCDEC, t);
			if (!u)
				return NULL;
			u->op = next(p).kind;
			u->post = true;
			u->a = n;
			n = u;
		} else if (t->kind == T_DOT || t->kind == T_ARROW ||
			   t->kind == T_LBRACKET) {
			diag__error(p->d, t->line, t->col, (int)t->len,
				    "%s only follows args (fields) or a map (keys)",
				    tok_name(t->kind));
			return NULL;
		} else {
			break;
		}
	}
	return n;
}

static struct node *unary(struct parser *p)
{
	struct token *t = peek(p), op;
	struct node *n;
	bool is_signed;
	unsigned int size;

	if (++p->depth > PARSE_DEPTH_MAX) {
		diag__error(p->d, t->line, t->col, 1, "expression nested too deep");
		return NULL;
	}
	switch (t->kind) {
	case T_BANG: case T_TILDE: case T_MINUS: case T_PLUS:
	case T_INC: case T_DEC:
		op = next(p);
		n = node_at(p, op.kind == T_INC || op.kind == T_DEC ? N_INCDEC :
			       N_UNARY, &op);
		if (!n)
			return NULL;
		n->op = op.kind;
		n->a = unary(p);
		p->depth--;
		return n->a ? n : NULL;
	case T_STAR: case T_AMP:
		diag__error(p->d, t->line, t->col, 1,
			    "pointers are not supported: no '%c' to dereference or take an address",
			    *t->start);
		return NULL;
	case T_LPAREN:
		/* "(uint8)x": a cast, when the name in parens is a type. */
		op = next(p);
		t = peek(p);
		if (t->kind == T_IDENT &&
		    (size = cast_type_size(t->start, t->len, &is_signed))) {
			struct token name = next(p);

			if (!accept(p, T_RPAREN)) {
				tok_error(p, &name, "')' after the type");
				return NULL;
			}
			n = node_at(p, N_CAST, &op);
			if (!n)
				return NULL;
			n->type.kind = TY_INT;
			n->type.size = size;
			n->type.is_signed = is_signed;
			n->a = unary(p);
			p->depth--;
			return n->a ? n : NULL;
		}
		/* Not a cast: the parenthesised expression, then postfix. */
		p->parens++;
		n = expr(p);
		p->parens--;
		p->depth--;
		if (!n || expect(p, T_RPAREN, "')'"))
			return NULL;
		return n;
	default:
		n = postfix(p);
		p->depth--;
		return n;
	}
}

/* Binary operators by precedence, loosest first (C's table). */
static const enum tok levels[][5] = {
	{ T_OROR }, { T_ANDAND }, { T_PIPE }, { T_CARET }, { T_AMP },
	{ T_EQ, T_NE }, { T_LT, T_LE, T_GT, T_GE }, { T_SHL, T_SHR },
	{ T_PLUS, T_MINUS }, { T_STAR, T_SLASH, T_PERCENT },
};
#define NR_LEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static bool at_level(struct parser *p, int level, enum tok k)
{
	int i;

	/* Inside /.../, a '/' outside parentheses closes the predicate. */
	if (k == T_SLASH && p->in_pred && p->parens == 0)
		return false;
	for (i = 0; i < 5 && levels[level][i]; i++)
		if (levels[level][i] == k)
			return true;
	return false;
}

static struct node *binary(struct parser *p, int level)
{
	struct node *l, *n;
	struct token op;

	if (level == NR_LEVELS)
		return unary(p);
	l = binary(p, level + 1);
	while (l && at_level(p, level, peek(p)->kind)) {
		op = next(p);
		n = node_at(p, N_BINARY, &op);
		if (!n)
			return NULL;
		n->op = op.kind;
		n->a = l;
		n->b = binary(p, level + 1);
		if (!n->b)
			return NULL;
		l = n;
	}
	return l;
}

static struct node *expr(struct parser *p)
{
	struct node *c = binary(p, 0), *n;
	struct token q;

	if (!c || peek(p)->kind != T_QUESTION)
		return c;
	q = next(p);
	n = node_at(p, N_TERNARY, &q);
	if (!n)
		return NULL;
	n->a = c;
	p->parens++;		/* a '/' between ? and : divides */
	n->b = expr(p);
	p->parens--;
	if (!n->b || expect(p, T_COLON, "':' of the ternary"))
		return NULL;
	n->c = expr(p);
	return n->c ? n : NULL;
}

static bool is_assign_op(enum tok k)
{
	return k == T_ASSIGN || (k >= T_PLUSEQ && k <= T_SHREQ);
}

static struct node *statement(struct parser *p);

/* if (c) { } else if (c) { } else { } */
static struct node *if_stmt(struct parser *p, const struct token *t)
{
	struct node *n = node_at(p, N_IF, t);

	if (!n || expect(p, T_LPAREN, "'(' after if"))
		return NULL;
	p->parens++;
	n->a = expr(p);
	p->parens--;
	if (!n->a || expect(p, T_RPAREN, "')'"))
		return NULL;
	n->b = block(p);
	if (!n->b)
		return NULL;
	if (is_word(peek(p), "else")) {
		struct token e = next(p);

		if (is_word(peek(p), "if")) {
			struct token i = next(p);

			n->c = if_stmt(p, &i);
		} else {
			n->c = block(p);
		}
		(void)e;
		if (!n->c)
			return NULL;
	}
	return n;
}

static long long signed_int(struct parser *p, const char *what)
{
	bool neg = accept(p, T_MINUS);
	struct token t = next(p);

	if (t.kind != T_INT) {
		tok_error(p, &t, what);
		return LLONG_MIN;
	}
	return neg ? -(long long)t.num : (long long)t.num;
}

/* for ($i : A..B) { } with constant bounds */
static struct node *for_stmt(struct parser *p, const struct token *t)
{
	struct node *n = node_at(p, N_FOR, t);
	struct token v;
	long long lo, hi;

	if (!n || expect(p, T_LPAREN, "'(' after for"))
		return NULL;
	v = next(p);
	if (v.kind != T_VAR) {
		tok_error(p, &v, "a $variable");
		return NULL;
	}
	n->a = node_at(p, N_VAR, &v);
	if (!n->a || expect(p, T_COLON, "':'"))
		return NULL;
	n->a->name = ast_strndup(p->s, v.start, v.len);
	lo = signed_int(p, "a constant start");
	if (p->d->set || expect(p, T_DOTDOT, "'..'"))
		return NULL;
	hi = signed_int(p, "a constant end");
	if (p->d->set || expect(p, T_RPAREN, "')'"))
		return NULL;
	n->b = block(p);
	if (!n->b)
		return NULL;
	n->num = (unsigned long long)lo;
	n->len = (size_t)(hi - lo > 0 ? hi - lo : 0);
	return n;
}

static struct node *unroll_stmt(struct parser *p, const struct token *t)
{
	struct node *n = node_at(p, N_UNROLL, t);
	struct token c;

	if (!n || expect(p, T_LPAREN, "'(' after unroll"))
		return NULL;
	c = next(p);
	if (c.kind != T_INT) {
		tok_error(p, &c, "a constant count");
		return NULL;
	}
	if (c.num < 1 || c.num > 100) {
		diag__error(p->d, c.line, c.col, (int)c.len,
			    "unroll count must be 1 to 100");
		return NULL;
	}
	n->num = c.num;
	if (expect(p, T_RPAREN, "')'"))
		return NULL;
	n->b = block(p);
	return n->b ? n : NULL;
}

static struct node *statement(struct parser *p)
{
	struct token *t = peek(p), w;
	struct node *e, *n;

	if (t->kind == T_LBRACE)
		return block(p);
	if (t->kind == T_IDENT) {
		if (is_word(t, "if"))
			return w = next(p), if_stmt(p, &w);
		if (is_word(t, "for"))
			return w = next(p), for_stmt(p, &w);
		if (is_word(t, "unroll"))
			return w = next(p), unroll_stmt(p, &w);
		if (is_word(t, "while")) {
			diag__error(p->d, t->line, t->col, (int)t->len,
				    "while loops are not supported: use for ($i : A..B) or unroll(N)");
			return NULL;
		}
		if (is_word(t, "return")) {
			w = next(p);
			n = node_at(p, N_RETURN, &w);
			if (n && peek(p)->kind != T_SEMI && peek(p)->kind != T_RBRACE)
				n->a = expr(p);
			return n;
		}
	}
	e = expr(p);
	if (!e)
		return NULL;
	t = peek(p);
	if (is_assign_op(t->kind)) {
		w = next(p);
		if (e->kind != N_MAP && e->kind != N_VAR) {
			diag__error(p->d, w.line, w.col, (int)w.len,
				    "only a map or a $variable can be assigned to");
			return NULL;
		}
		/* the statement is where its target is written */
		n = ast_node(p->s, N_ASSIGN, e->line, e->col);
		if (!n)
			return oom(p, &w);
		n->op = w.kind;
		n->a = e;
		n->b = expr(p);
		return n->b ? n : NULL;
	}
	if (e->kind == N_INCDEC)
		return e;
	n = ast_node(p->s, N_EXPR, e->line, e->col);
	if (!n)
		return oom(p, t);
	n->a = e;
	return n;
}

static bool ends_in_block(const struct node *n)
{
	return n->kind == N_IF || n->kind == N_FOR || n->kind == N_UNROLL ||
	       n->kind == N_BLOCK;
}

static struct node *block(struct parser *p)
{
	struct token t = next(p);
	struct node *n, *st;

	if (t.kind != T_LBRACE) {
		tok_error(p, &t, "'{'");
		return NULL;
	}
	n = node_at(p, N_BLOCK, &t);
	if (!n)
		return NULL;
	if (++p->depth > PARSE_DEPTH_MAX) {
		diag__error(p->d, t.line, t.col, 1, "blocks nested too deep");
		return NULL;
	}
	for (;;) {
		while (accept(p, T_SEMI))
			;
		if (accept(p, T_RBRACE))
			break;
		st = statement(p);
		if (!st || ast_push(p->s, &n->args, &n->nr_args, st))
			return st ? oom(p, &t) : NULL;
		if (peek(p)->kind == T_RBRACE || ends_in_block(st))
			continue;
		if (expect(p, T_SEMI, "';' or '}'"))
			return NULL;
	}
	p->depth--;
	return n;
}

static int probe_block(struct parser *p, struct token *first)
{
	struct probe_block *pb, *np;
	struct token t = *first, sep;

	np = ast_alloc(p->s, sizeof(*np) * (size_t)(p->s->nr_probes + 1));
	if (!np)
		return oom(p, first), -1;
	if (p->s->nr_probes)
		memcpy(np, p->s->probes, sizeof(*np) * (size_t)p->s->nr_probes);
	p->s->probes = np;
	pb = &np[p->s->nr_probes++];
	pb->line = t.line;
	pb->col = t.col;
	for (;;) {
		struct probe_point *pts = ast_alloc(p->s, sizeof(*pts) *
						    (size_t)(pb->nr_points + 1));

		if (!pts)
			return oom(p, &t), -1;
		if (pb->nr_points)
			memcpy(pts, pb->points, sizeof(*pts) * (size_t)pb->nr_points);
		pb->points = pts;
		pts[pb->nr_points].text = ast_strndup(p->s, t.start, t.len);
		pts[pb->nr_points].line = t.line;
		pts[pb->nr_points].col = t.col;
		pb->nr_points++;
		sep = next(p);
		if (sep.kind != T_COMMA)
			break;
		t = lexer__probe(&p->lx);
		if (t.kind != T_PROBE)
			return tok_error(p, &t, "a probe after ','");
	}
	if (sep.kind == T_SLASH) {
		p->in_pred = 1;
		p->parens = 0;
		pb->pred = expr(p);
		p->in_pred = 0;
		if (!pb->pred || expect(p, T_SLASH, "'/' to end the predicate"))
			return -1;
	} else if (sep.kind == T_LBRACE) {
		p->la = sep;
		p->has_la = true;
	} else {
		return tok_error(p, &sep, "',', a /predicate/ or '{'");
	}
	pb->body = block(p);
	return pb->body ? 0 : -1;
}

int script__parse(struct script *s, const char *file, const char *text,
		  struct diag *d)
{
	struct parser p;
	struct token t;

	memset(s, 0, sizeof(*s));
	s->file = file;
	s->text = text;
	diag__init(d, file, text);
	memset(&p, 0, sizeof(p));
	p.s = s;
	p.d = d;
	lexer__init(&p.lx, text);
	for (;;) {
		t = lexer__probe(&p.lx);
		if (t.kind == T_ERROR)
			return tok_error(&p, &t, "a probe");
		if (t.kind == T_EOF) {
			t = lexer__next(&p.lx);
			if (t.kind == T_EOF)
				break;
			free(t.str);
			return tok_error(&p, &t, "a probe");
		}
		if (probe_block(&p, &t))
			return -1;
	}
	if (!s->nr_probes)
		return diag__error(d, t.line, t.col, 1, "no probes: nothing to trace");
	return 0;
}
