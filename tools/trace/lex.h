/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace language's tokens: bpftrace's, with LINE:COL on each. Probe
 * names ("tracepoint:syscalls:sys_enter_open*") are read whole, as one
 * token, only where the parser expects one.
 */
#ifndef BAREBPF_TRACE_LEX_H
#define BAREBPF_TRACE_LEX_H

#include <stddef.h>

enum tok {
	T_EOF, T_ERROR,
	T_IDENT,	/* pid, printf, if, uint8 */
	T_INT,		/* 42, 0x2a, 1_000 */
	T_STR,		/* "..." with its escapes decoded */
	T_MAP,		/* @name, or @ alone */
	T_VAR,		/* $name */
	T_PROBE,	/* tracepoint:syscalls:sys_enter_open* */
	/* punctuation, one token each */
	T_LBRACE, T_RBRACE, T_LPAREN, T_RPAREN, T_LBRACKET, T_RBRACKET,
	T_COMMA, T_SEMI, T_COLON, T_QUESTION, T_DOT, T_ARROW, T_DOTDOT,
	T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT,
	T_AMP, T_PIPE, T_CARET, T_TILDE, T_BANG, T_SHL, T_SHR,
	T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE, T_ANDAND, T_OROR,
	T_ASSIGN, T_PLUSEQ, T_MINUSEQ, T_STAREQ, T_SLASHEQ, T_PERCENTEQ,
	T_AMPEQ, T_PIPEEQ, T_CARETEQ, T_SHLEQ, T_SHREQ,
	T_INC, T_DEC,
};

struct token {
	enum tok kind;
	int line, col;		/* of its first character, from 1 */
	const char *start;	/* in the source */
	size_t len;		/* of the source text */
	unsigned long long num;	/* T_INT */
	char *str;		/* T_STR: decoded bytes (malloc'd); others: NULL */
	size_t str_len;
};

struct lexer {
	const char *src, *pos;
	int line;
	const char *line_start;
	char err[160];		/* T_ERROR's message */
};

void lexer__init(struct lexer *lx, const char *src);

/* The next token; T_ERROR with lx->err set on bad input. */
struct token lexer__next(struct lexer *lx);

/*
 * A probe name from here: the characters a probe can hold, up to a
 * blank, ',' '{' or '/'. T_PROBE, or T_EOF.
 */
struct token lexer__probe(struct lexer *lx);

/* Text for a token kind in messages: "'{'", "a string", "end of input". */
const char *tok_name(enum tok kind);

#endif /* BAREBPF_TRACE_LEX_H */
