/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printf formats as bpftrace reads them: %d %i %u %x %X %o %c %s %p %r
 * with C's flags, width and precision and length modifiers; %%. As in
 * bpftrace, which hands C's printf each integer as 64 bits, a conversion
 * without l or ll reads the low 32 bits: printf("%u", -1) is 4294967295.
 * The checker parses a format once; the printer formats a record with it.
 */
#ifndef BAREBPF_TRACE_PRINTF_H
#define BAREBPF_TRACE_PRINTF_H

#include <stdbool.h>
#include <stddef.h>
#include "tools/trace/program.h"

struct fmt_spec {
	size_t lit;		/* literal bytes before the conversion */
	size_t at, len;		/* the conversion's text: "%-16s" */
	char conv;		/* 'd', 's', ...; 0 at the end */
	int bits;		/* of the integer C's printf would read: 32 with no
				 * length given, 64 with l or ll, 16 h, 8 hh */
	char flags[8];
	int width, prec;	/* -1 when not given */
};

/*
 * The next conversion of fmt (len bytes) from *pos on, *pos moved past
 * it. Returns 1 with spec filled, 0 at the end (spec->lit: the trailing
 * text), -1 for a bad conversion (spec->at says where).
 */
int fmt_next(const char *fmt, size_t len, size_t *pos, struct fmt_spec *spec);

/* True when conv takes an integer. */
bool fmt_conv_int(char conv);

struct resolver;

/* Text being put together; bytes past cap are dropped. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool raw;		/* traced bytes as they are: --raw, or JSON's
				 * (escaped as JSON later) */
	bool json;		/* hist and lhist as JSON arrays */
};

void sb_put(struct sbuf *b, const char *s, size_t n);
void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Traced bytes for a terminal, through barebpf's one escaping
 * (tools/lib/escape.h: \\ \n \t \r, \xHH for other controls and invalid
 * UTF-8): the one place bytes a traced process controls reach the text
 * output (in JSON they are JSON-escaped instead, b->raw). Stops at a NUL.
 */
void sb_traced(struct sbuf *b, const char *s, size_t len);

/*
 * A value of type t as bpftrace prints it in maps and for %s: strings,
 * stacks as frame lines, ksym() named, strerror() in words ...
 */
void value_render(struct sbuf *b, const struct type *t, const void *data,
		  struct resolver *r);

/* One record of f (size bytes from its start) as printf renders it. */
void fmt_render(struct sbuf *b, const struct trace_fmt *f, const void *data,
		size_t size, struct resolver *r);

#endif /* BAREBPF_TRACE_PRINTF_H */
