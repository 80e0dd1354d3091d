// SPDX-License-Identifier: GPL-2.0
/*
 * The tokens of the text assembler: blanks, words, numbers, registers,
 * sizes, offsets and typed pointers, each consumed at the cursor, and
 * errors placed at the column they are about.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/insn.h"
#include "asm/textprog.h"
#include "asm/textlex.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

bool lex_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

void lex_skip_ws(struct asm_parser *ps)
{
	while (*ps->s == ' ' || *ps->s == '\t' || *ps->s == '\r')
		ps->s++;
}

int lex_col(const struct asm_parser *ps, const char *at)
{
	return (int)(at - ps->line_start) + 1;
}

/* Fail at position at: "FILE:LINE:COL: message". Always -EINVAL. */
int lex_fail_at(struct asm_parser *ps, const char *at, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	builder__fail(ps->b, -EINVAL, "%s:%d:%d: %s", ps->file, ps->line,
		      lex_col(ps, at), msg);
	return -EINVAL;
}

/* What stands at the cursor, for messages: the next word, or the end. */
const char *lex_found(const struct asm_parser *ps, char *buf, size_t len)
{
	size_t n = 0;
	const char *s = ps->s;

	while (s[n] && s[n] != '\n' && s[n] != ' ' && s[n] != '\t' &&
	       s[n] != ';' && n + 1 < len && n < 24)
		n++;
	if (!n)
		return "the end of the line";
	snprintf(buf, len, "'%.*s'", (int)n, s);
	return buf;
}

int lex_expected(struct asm_parser *ps, const char *what)
{
	char buf[32];

	lex_skip_ws(ps);
	return lex_fail_at(ps, ps->s, "expected %s, found %s", what,
		       lex_found(ps, buf, sizeof(buf)));
}

/* Consume text if it comes next (after blanks). */
bool lex_accept(struct asm_parser *ps, const char *text)
{
	size_t n = strlen(text);

	lex_skip_ws(ps);
	if (strncmp(ps->s, text, n))
		return false;
	ps->s += n;
	return true;
}

/* Consume the word if it comes next, as a whole word. */
bool lex_accept_word(struct asm_parser *ps, const char *word)
{
	size_t n = strlen(word);

	lex_skip_ws(ps);
	if (strncmp(ps->s, word, n) || lex_ident_char(ps->s[n]))
		return false;
	ps->s += n;
	return true;
}

int lex_expect(struct asm_parser *ps, const char *text)
{
	char what[16];

	if (lex_accept(ps, text))
		return 0;
	snprintf(what, sizeof(what), "'%s'", text);
	return lex_expected(ps, what);
}

/* Identifier into buf (BUILDER_NAME_MAX); extra also allowed inside. */
int lex_ident(struct asm_parser *ps, char *buf, const char *extra,
		 const char *what)
{
	const char *start;
	size_t n;

	lex_skip_ws(ps);
	start = ps->s;
	if (!isalpha((unsigned char)*start) && *start != '_')
		return lex_expected(ps, what);
	while (lex_ident_char(*ps->s) || (*ps->s && strchr(extra, *ps->s)))
		ps->s++;
	n = (size_t)(ps->s - start);
	if (n >= BUILDER_NAME_MAX)
		return lex_fail_at(ps, start, "%s is longer than %d characters",
			       what, BUILDER_NAME_MAX - 1);
	memcpy(buf, start, n);
	buf[n] = '\0';
	return 0;
}

/*
 * The digits of a number as clang's assembler reads them: 0x hex, 0b
 * binary, a leading 0 octal, else decimal, then the C suffixes it
 * skips (U, L, UL, LL, ULL; upper case only, as it). False when that is
 * not a whole number.
 */
static bool read_digits(const char *s, const char **end,
			unsigned long long *mag, bool *hex)
{
	int base = 10;
	char *e;

	*hex = false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		*hex = true;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B') &&
		   (s[2] == '0' || s[2] == '1')) {
		base = 2;
		s += 2;
	} else if (s[0] == '0' && isdigit((unsigned char)s[1])) {
		base = 8;
	}
	if (!isxdigit((unsigned char)*s))
		return false;
	errno = 0;
	*mag = strtoull(s, &e, base);
	if (errno)
		return false;
	if (*e == 'U')
		e++;
	if (*e == 'L')
		e++;
	if (*e == 'L')
		e++;
	*end = e;
	return !lex_ident_char(*e);
}

/*
 * A number: decimal, 0x hex, 0b binary or 0 octal, with an optional
 * sign and C suffix, within [min, max] (max as unsigned, so a 64-bit
 * load takes 0xffff...).
 */
int lex_number(struct asm_parser *ps, long long min, unsigned long long max,
	       long long *out)
{
	unsigned long long mag, neg_max;
	const char *start, *end;
	bool neg = false, hex;

	lex_skip_ws(ps);
	start = ps->s;
	if (*ps->s == '+' || *ps->s == '-') {
		neg = *ps->s == '-';
		ps->s++;
		lex_skip_ws(ps);
	}
	if (!isdigit((unsigned char)*ps->s)) {
		ps->s = start;
		return lex_expected(ps, "a number");
	}
	if (!read_digits(ps->s, &end, &mag, &hex))
		return lex_fail_at(ps, start, "bad number");
	ps->s = end;
	neg_max = min < 0 ? (unsigned long long)-(min + 1) + 1 : 0;
	if (neg ? mag > neg_max : mag > max)
		return lex_fail_at(ps, start, "%.*s is out of range (%lld..%llu)",
			       (int)(end - start), start, min, max);
	*out = neg ? (long long)(0 - mag) : (long long)mag;
	return 0;
}

bool lex_local_ref(struct asm_parser *ps, unsigned long long *n, bool *back)
{
	const char *s;
	char *e;

	lex_skip_ws(ps);
	s = ps->s;
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*n = strtoull(s, &e, 10);
	if (errno || (*e != 'b' && *e != 'f') || lex_ident_char(e[1]))
		return false;
	*back = *e == 'b';
	ps->s = e + 1;
	return true;
}

bool lex_label_start(const char *s)
{
	if (*s == '.')	/* clang's own labels: ".LBB0_2", ".Ltmp0" */
		s++;
	return isalpha((unsigned char)*s) || *s == '_';
}

int lex_label(struct asm_parser *ps, char *buf, const char *what)
{
	const char *start;
	size_t n;

	lex_skip_ws(ps);
	start = ps->s;
	if (!lex_label_start(start))
		return lex_expected(ps, what);
	ps->s++;
	while (lex_ident_char(*ps->s))
		ps->s++;
	n = (size_t)(ps->s - start);
	if (n >= BUILDER_NAME_MAX)
		return lex_fail_at(ps, start, "%s is longer than %d characters",
			       what, BUILDER_NAME_MAX - 1);
	memcpy(buf, start, n);
	buf[n] = '\0';
	return 0;
}

void lex_warn_at(struct asm_parser *ps, const char *at, const char *fmt, ...)
{
	struct asm_prog *p = ps->p;
	char msg[400], **w;
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "%s:%d:%d: warning: ", ps->file, ps->line,
		     lex_col(ps, at));
	if (n < 0 || (size_t)n >= sizeof(msg))
		return;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	w = realloc(p->warnings, (p->nr_warnings + 1) * sizeof(*w));
	if (!w)
		return;
	p->warnings = w;
	w[p->nr_warnings] = strdup(msg);
	if (w[p->nr_warnings])
		p->nr_warnings++;
}

/* A register: r0..r10, or w0..w10 where wide is false. */
int lex_reg(struct asm_parser *ps, int *r, bool *wide)
{
	const char *s;
	long v;

	lex_skip_ws(ps);
	s = ps->s;
	if ((*s != 'r' && *s != 'w') || !isdigit((unsigned char)s[1]))
		return lex_expected(ps, "a register");
	v = strtol(s + 1, (char **)&ps->s, 10);
	if (v > 10 || lex_ident_char(*ps->s)) {
		ps->s = s;
		return lex_expected(ps, "a register (r0..r10)");
	}
	*r = (int)v;
	*wide = *s == 'r';
	return 0;
}

bool lex_at_reg(struct asm_parser *ps)
{
	lex_skip_ws(ps);
	return (*ps->s == 'r' || *ps->s == 'w') &&
	       isdigit((unsigned char)ps->s[1]);
}

/* A register of the given width. */
int lex_reg_of(struct asm_parser *ps, bool wide, int *r)
{
	const char *at;
	bool w;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_reg(ps, r, &w))
		return -EINVAL;
	if (w != wide)
		return lex_fail_at(ps, at, "%s register here, not %c%d",
			       wide ? "a 64-bit (r)" : "a 32-bit (w)",
			       w ? 'r' : 'w', *r);
	return 0;
}

/* u8, u16, u32, u64 (s8, s16, s32: sx): returns the BPF_SIZE bits. */
int lex_size_word(struct asm_parser *ps, bool *sx)
{
	static const struct {
		const char name[4];
		__u8 size;
	} sizes[] = {
		{ "u8", BPF_B }, { "u16", BPF_H }, { "u32", BPF_W },
		{ "u64", BPF_DW }, { "s8", BPF_B }, { "s16", BPF_H },
		{ "s32", BPF_W },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (lex_accept_word(ps, sizes[i].name)) {
			*sx = sizes[i].name[0] == 's';
			return sizes[i].size;
		}
	}
	return lex_expected(ps, "u8, u16, u32 or u64");
}

/* "+8", "-8", "+ 8" or nothing: a 16-bit offset. */
int lex_offset(struct asm_parser *ps, __s16 *off)
{
	long long v = 0;

	lex_skip_ws(ps);
	if ((*ps->s == '+' || *ps->s == '-') &&
	    lex_number(ps, -32768, 32767, &v))
		return -EINVAL;
	*off = (__s16)v;
	return 0;
}

/* "(SIZE *)(rN +OFF)": the typed pointer of loads, stores and atomics. */
int lex_typed_ptr(struct asm_parser *ps, int *size, bool *sx, int *r, __s16 *off)
{
	bool wide;

	if (lex_expect(ps, "("))
		return -EINVAL;
	*size = lex_size_word(ps, sx);
	if (*size < 0 || lex_expect(ps, "*") || lex_expect(ps, ")") || lex_expect(ps, "(") ||
	    lex_reg(ps, r, &wide) || lex_offset(ps, off) || lex_expect(ps, ")"))
		return -EINVAL;
	return 0;
}

