// SPDX-License-Identifier: GPL-2.0
/* The trace language's lexer. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/trace/lex.h"

void lexer__init(struct lexer *lx, const char *src)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = lx->pos = lx->line_start = src;
	lx->line = 1;
	/* A "#!" first line is the interpreter's, not ours. */
	if (src[0] == '#' && src[1] == '!')
		while (*lx->pos && *lx->pos != '\n')
			lx->pos++;
}

static int col_of(const struct lexer *lx, const char *p)
{
	return (int)(p - lx->line_start) + 1;
}

static void newline(struct lexer *lx, const char *after)
{
	lx->line++;
	lx->line_start = after;
}

static struct token make(struct lexer *lx, enum tok kind, const char *start)
{
	struct token t;

	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.line = lx->line;
	t.col = col_of(lx, start);
	t.start = start;
	t.len = (size_t)(lx->pos - start);
	return t;
}

static struct token fail(struct lexer *lx, const char *at, const char *msg)
{
	struct token t = make(lx, T_ERROR, at);

	snprintf(lx->err, sizeof(lx->err), "%s", msg);
	return t;
}

/* Blanks and comments. 0, or -1 at an unterminated comment. */
static int skip_blank(struct lexer *lx, const char **open)
{
	const char *p = lx->pos;

	for (;;) {
		if (*p == '\n') {
			newline(lx, ++p);
		} else if (isspace((unsigned char)*p)) {
			p++;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			*open = p;
			p += 2;
			while (*p && !(p[0] == '*' && p[1] == '/')) {
				if (*p == '\n')
					newline(lx, p + 1);
				p++;
			}
			if (!*p) {
				lx->pos = p;
				return -1;
			}
			p += 2;
		} else {
			break;
		}
	}
	lx->pos = p;
	return 0;
}

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static struct token number(struct lexer *lx)
{
	const char *start = lx->pos, *p = start;
	unsigned long long v = 0, prev;
	int base = 10, d;
	struct token t;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (hex_val(*p) < 0) {
			lx->pos = p;
			return fail(lx, start, "a hex number needs digits after 0x");
		}
	}
	for (; (d = hex_val(*p)) >= 0 && d < base; p++) {
		prev = v;
		v = v * (unsigned)base + (unsigned)d;
		if (v / (unsigned)base != prev) {
			lx->pos = p;
			return fail(lx, start, "number too large for 64 bits");
		}
	}
	lx->pos = p;
	if (ident_char(*p)) {
		while (ident_char(*lx->pos))
			lx->pos++;
		return fail(lx, start, "bad number");
	}
	t = make(lx, T_INT, start);
	t.num = v;
	return t;
}

static struct token string(struct lexer *lx)
{
	const char *start = lx->pos, *p = start + 1;
	size_t cap = 16, n = 0;
	char *buf = malloc(cap), c;
	struct token t;
	int d, k;

	if (!buf)
		return fail(lx, start, "out of memory");
	while (*p != '"') {
		if (!*p || *p == '\n') {
			free(buf);
			lx->pos = p;
			return fail(lx, start, "unterminated string");
		}
		c = *p++;
		if (c == '\\') {
			c = *p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case 'e': c = 27; break;
			case '\\': case '"': case '\'': break;
			case 'x':
				for (d = 0, k = 0; k < 2 && hex_val(*p) >= 0; k++)
					d = d * 16 + hex_val(*p++);
				if (!k) {
					free(buf);
					lx->pos = p;
					return fail(lx, p - 2, "\\x needs a hex digit");
				}
				c = (char)d;
				break;
			default:
				if (c >= '0' && c <= '7') {
					for (d = c - '0', k = 1; k < 3 && *p >= '0' && *p <= '7'; k++)
						d = d * 8 + (*p++ - '0');
					c = (char)d;
					break;
				}
				free(buf);
				lx->pos = p;
				return fail(lx, p - 2, "unknown escape in string");
			}
		}
		if (n + 1 >= cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb) {
				free(buf);
				return fail(lx, start, "out of memory");
			}
			buf = nb;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	lx->pos = p + 1;
	t = make(lx, T_STR, start);
	t.str = buf;
	t.str_len = n;
	return t;
}

/* Operators, longest first. */
static const struct {
	const char *text;
	enum tok kind;
} ops[] = {
	{ "<<=", T_SHLEQ }, { ">>=", T_SHREQ },
	{ "->", T_ARROW }, { "..", T_DOTDOT }, { "<<", T_SHL }, { ">>", T_SHR },
	{ "<=", T_LE }, { ">=", T_GE }, { "==", T_EQ }, { "!=", T_NE },
	{ "&&", T_ANDAND }, { "||", T_OROR }, { "+=", T_PLUSEQ },
	{ "-=", T_MINUSEQ }, { "*=", T_STAREQ }, { "/=", T_SLASHEQ },
	{ "%=", T_PERCENTEQ }, { "&=", T_AMPEQ }, { "|=", T_PIPEEQ },
	{ "^=", T_CARETEQ }, { "++", T_INC }, { "--", T_DEC },
	{ "{", T_LBRACE }, { "}", T_RBRACE }, { "(", T_LPAREN }, { ")", T_RPAREN },
	{ "[", T_LBRACKET }, { "]", T_RBRACKET }, { ",", T_COMMA },
	{ ";", T_SEMI }, { ":", T_COLON }, { "?", T_QUESTION }, { ".", T_DOT },
	{ "+", T_PLUS }, { "-", T_MINUS }, { "*", T_STAR }, { "/", T_SLASH },
	{ "%", T_PERCENT }, { "&", T_AMP }, { "|", T_PIPE }, { "^", T_CARET },
	{ "~", T_TILDE }, { "!", T_BANG }, { "<", T_LT }, { ">", T_GT },
	{ "=", T_ASSIGN },
};

struct token lexer__next(struct lexer *lx)
{
	const char *start, *open = NULL;
	enum tok kind;
	size_t i, n;

	if (skip_blank(lx, &open))
		return fail(lx, open, "unterminated comment");
	start = lx->pos;
	if (!*start)
		return make(lx, T_EOF, start);
	if (isdigit((unsigned char)*start))
		return number(lx);
	if (*start == '"')
		return string(lx);
	if (ident_char(*start) || *start == '@' || *start == '$') {
		kind = *start == '@' ? T_MAP : *start == '$' ? T_VAR : T_IDENT;
		lx->pos += kind != T_IDENT;
		while (ident_char(*lx->pos))
			lx->pos++;
		if (kind == T_VAR && lx->pos == start + 1)
			return fail(lx, start, "'$' needs a name");
		return make(lx, kind, start);
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		n = strlen(ops[i].text);
		if (!strncmp(start, ops[i].text, n)) {
			lx->pos += n;
			return make(lx, ops[i].kind, start);
		}
	}
	lx->pos++;
	return fail(lx, start, "unexpected character");
}

static int probe_char(char c)
{
	return ident_char(c) || c == ':' || c == '*' || c == '?' || c == '.' ||
	       c == '-' || c == '[' || c == ']' || c == '!';
}

struct token lexer__probe(struct lexer *lx)
{
	const char *start, *open = NULL;

	if (skip_blank(lx, &open))
		return fail(lx, open, "unterminated comment");
	start = lx->pos;
	while (probe_char(*lx->pos))
		lx->pos++;
	return make(lx, lx->pos == start ? T_EOF : T_PROBE, start);
}

const char *tok_name(enum tok kind)
{
	static const char *const names[] = {
		[T_EOF] = "end of input", [T_ERROR] = "bad input",
		[T_IDENT] = "a name", [T_INT] = "a number", [T_STR] = "a string",
		[T_MAP] = "a map", [T_VAR] = "a variable", [T_PROBE] = "a probe",
		[T_LBRACE] = "'{'", [T_RBRACE] = "'}'", [T_LPAREN] = "'('",
		[T_RPAREN] = "')'", [T_LBRACKET] = "'['", [T_RBRACKET] = "']'",
		[T_COMMA] = "','", [T_SEMI] = "';'", [T_COLON] = "':'",
		[T_QUESTION] = "'?'", [T_DOT] = "'.'", [T_ARROW] = "'->'",
		[T_DOTDOT] = "'..'", [T_PLUS] = "'+'", [T_MINUS] = "'-'",
		[T_STAR] = "'*'", [T_SLASH] = "'/'", [T_PERCENT] = "'%'",
		[T_AMP] = "'&'", [T_PIPE] = "'|'", [T_CARET] = "'^'",
		[T_TILDE] = "'~'", [T_BANG] = "'!'", [T_SHL] = "'<<'",
		[T_SHR] = "'>>'", [T_LT] = "'<'", [T_LE] = "'<='", [T_GT] = "'>'",
		[T_GE] = "'>='", [T_EQ] = "'=='", [T_NE] = "'!='",
		[T_ANDAND] = "'&&'", [T_OROR] = "'||'", [T_ASSIGN] = "'='",
		[T_PLUSEQ] = "'+='", [T_MINUSEQ] = "'-='", [T_STAREQ] = "'*='",
		[T_SLASHEQ] = "'/='", [T_PERCENTEQ] = "'%='", [T_AMPEQ] = "'&='",
		[T_PIPEEQ] = "'|='", [T_CARETEQ] = "'^='", [T_SHLEQ] = "'<<='",
		[T_SHREQ] = "'>>='", [T_INC] = "'++'", [T_DEC] = "'--'",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) && names[kind] ?
	       names[kind] : "a token";
}
