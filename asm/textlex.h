/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text assembler's tokens (asm/text.c reads lines, asm/textinsn.c
 * instructions). Each lex_ function skips blanks, then consumes what it
 * names at the cursor; on a mismatch it fails the builder with
 * "FILE:LINE:COL: expected ..., found ..." and returns -EINVAL (or
 * false, for the lex_accept family).
 */
#ifndef BAREBPF_ASM_TEXTLEX_H
#define BAREBPF_ASM_TEXTLEX_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"

struct asm_prog;
struct text_scan;

struct asm_parser {
	struct asm_prog *p;		/* the program read (asm/textprog.h) */
	struct builder *b;		/* &p->b: where instructions go */
	const char *file;
	const char *line_start;		/* for columns */
	const char *s;			/* the cursor */
	int line;
	int prefix;			/* "(xx)" opcode, or -1 */
	const struct text_scan *scan;	/* the file's first look */
};

bool lex_ident_char(char c);
void lex_skip_ws(struct asm_parser *ps);
int lex_col(const struct asm_parser *ps, const char *at);

/* Fail at position at: "FILE:LINE:COL: message". Always -EINVAL. */
int lex_fail_at(struct asm_parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What stands at the cursor, for messages: the next word, or the end. */
const char *lex_found(const struct asm_parser *ps, char *buf, size_t len);

/* Fail with "expected WHAT, found ...". Always -EINVAL. */
int lex_expected(struct asm_parser *ps, const char *what);

/* Consume text if it comes next. */
bool lex_accept(struct asm_parser *ps, const char *text);

/* Consume the word if it comes next, as a whole word. */
bool lex_accept_word(struct asm_parser *ps, const char *word);

/* Consume text, or fail. */
int lex_expect(struct asm_parser *ps, const char *text);

/* An identifier into buf (BUILDER_NAME_MAX); extra also allowed inside. */
int lex_ident(struct asm_parser *ps, char *buf, const char *extra,
	      const char *what);

/*
 * A number: decimal, 0x hex, 0b binary or 0 octal, with an optional
 * sign and C suffix (U, L, UL, LL, ULL), within [min, max] (max as
 * unsigned, so a 64-bit load takes 0xffff...).
 */
int lex_number(struct asm_parser *ps, long long min, unsigned long long max,
	       long long *out);

/* A GNU local label reference, "1b" or "1f": consumed when it is one. */
bool lex_local_ref(struct asm_parser *ps, unsigned long long *n, bool *back);

/* Whether a label name starts at s. */
bool lex_label_start(const char *s);

/* A label name: an identifier, or one of clang's starting with '.'. */
int lex_label(struct asm_parser *ps, char *buf, const char *what);

/* Add "FILE:LINE:COL: message" to the program's warnings. */
void lex_warn_at(struct asm_parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A register: r0..r10, or w0..w10 (then *wide is false). */
int lex_reg(struct asm_parser *ps, int *r, bool *wide);

/* True when a register comes next. */
bool lex_at_reg(struct asm_parser *ps);

/* A register of the given width. */
int lex_reg_of(struct asm_parser *ps, bool wide, int *r);

/* u8, u16, u32, u64 (s8, s16, s32: *sx): returns the BPF_SIZE bits. */
int lex_size_word(struct asm_parser *ps, bool *sx);

/* "+8", "-8", "+ 8" or nothing: a 16-bit offset. */
int lex_offset(struct asm_parser *ps, __s16 *off);

/* "(SIZE *)(rN +OFF)": the typed pointer of loads, stores and atomics. */
int lex_typed_ptr(struct asm_parser *ps, int *size, bool *sx, int *r,
		  __s16 *off);

#endif /* BAREBPF_ASM_TEXTLEX_H */
