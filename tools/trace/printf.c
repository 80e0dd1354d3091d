// SPDX-License-Identifier: GPL-2.0
/* printf's formats, and values as text. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tools/lib/escape.h"
#include "tools/lib/inet.h"
#include "tools/trace/printf.h"
#include "tools/trace/resolve.h"

void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap)
		n = b->cap - b->len;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len + 1, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len;
}

void sb_traced(struct sbuf *b, const char *s, size_t len)
{
	char esc[8];
	size_t n, used;

	if (b->raw) {
		sb_put(b, s, len);
		return;
	}
	/* barebpf's one escaping (tools/lib/escape.h): runs of plain bytes kept */
	while (len) {
		n = escape_plain_run(s, len, 0);
		sb_put(b, s, n);
		s += n;
		len -= n;
		if (!len || !*s)
			break;
		n = escape_one(esc, s, len, 0, &used);
		sb_put(b, esc, n);
		s += used;
		len -= used;
	}
}

bool fmt_conv_int(char conv)
{
	return strchr("diuxXocp", conv) != NULL;
}

int fmt_next(const char *fmt, size_t len, size_t *pos, struct fmt_spec *sp)
{
	size_t i = *pos, start = *pos, nf = 0;

	memset(sp, 0, sizeof(*sp));
	sp->width = sp->prec = -1;
	for (;;) {
		while (i < len && fmt[i] != '%')
			i++;
		if (i + 1 < len && fmt[i + 1] == '%') {
			/* "%%" is a literal '%': the caller prints it as one */
			i += 2;
			continue;
		}
		break;
	}
	sp->lit = i - start;
	if (i >= len) {
		*pos = i;
		return 0;
	}
	sp->at = i++;
	while (i < len && strchr("-+ #0", fmt[i])) {
		if (nf < sizeof(sp->flags) - 1)
			sp->flags[nf++] = fmt[i];
		i++;
	}
	if (i < len && fmt[i] >= '0' && fmt[i] <= '9') {
		sp->width = 0;
		while (i < len && fmt[i] >= '0' && fmt[i] <= '9' && sp->width < 10000)
			sp->width = sp->width * 10 + fmt[i++] - '0';
	}
	if (i < len && fmt[i] == '.') {
		sp->prec = 0;
		i++;
		while (i < len && fmt[i] >= '0' && fmt[i] <= '9' && sp->prec < 10000)
			sp->prec = sp->prec * 10 + fmt[i++] - '0';
	}
	sp->bits = 32;
	if (i + 1 < len && fmt[i] == 'h' && fmt[i + 1] == 'h')
		sp->bits = 8, i += 2;
	else if (i < len && fmt[i] == 'h')
		sp->bits = 16, i++;
	while (i < len && strchr("lzjtq", fmt[i]))
		sp->bits = 64, i++;
	if (i >= len || !strchr("diuxXocpsr", fmt[i])) {
		*pos = i;
		return -1;
	}
	sp->conv = fmt[i++];
	sp->len = i - sp->at;
	*pos = i;
	return 1;
}

/* Literal text of a format, "%%" made '%'. */
static void literal(struct sbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sb_put(b, s + i, 1);
		if (s[i] == '%' && i + 1 < n && s[i + 1] == '%')
			i++;
	}
}

static __s64 read_s64(const void *p)
{
	__s64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void render_stack(struct sbuf *b, const struct type *t, const void *data,
			 struct resolver *r)
{
	__u64 pcs[TRACE_STACK_DEPTH], off;
	int n = resolve_stack(r, (int)t->size, read_s64(data), pcs, TRACE_STACK_DEPTH), i;
	const char *name;

	sb_put(b, "\n", 1);
	for (i = 0; i < n; i++) {
		/* a ustack carries its process's pid after the stack id */
		name = t->kind == TY_KSTACK ? resolve_ksym(r, pcs[i], &off) :
		       resolve_usym(r, (int)read_s64((const char *)data + 8), pcs[i], &off);
		if (name)
			sb_printf(b, "        %s+%llu\n", name, (unsigned long long)off);
		else
			sb_printf(b, "        0x%llx\n", (unsigned long long)pcs[i]);
	}
}

void value_render(struct sbuf *b, const struct type *t, const void *data,
		  struct resolver *r)
{
	const char *s = data;
	char tmp[64];
	__u64 off;
	__s64 v;
	size_t i, n;

	switch (t->kind) {
	case TY_INT:
		v = read_s64(data);
		if (t->is_signed)
			sb_printf(b, "%lld", (long long)v);
		else
			sb_printf(b, "%llu", (unsigned long long)v);
		break;
	case TY_STR:
		sb_traced(b, s, strnlen(s, t->size));
		break;
	case TY_KSTACK:
	case TY_USTACK:
		render_stack(b, t, data, r);
		break;
	case TY_KSYM:
		s = resolve_ksym(r, (__u64)read_s64(data), &off);
		if (s)
			sb_put(b, s, strlen(s));
		else
			sb_printf(b, "0x%llx", (unsigned long long)read_s64(data));
		break;
	case TY_STRERROR:
		v = read_s64(data);
		sb_printf(b, "%s", strerror((int)v));
		break;
	case TY_INET:
		v = read_s64(data);
		if ((v == 2 || v == 10) && inet_addr_str((int)v, s + 8, tmp))
			sb_printf(b, "%s", tmp);
		else
			sb_printf(b, "(family %lld)", (long long)v);
		break;
	case TY_TIMESTAMP: {
		const struct trace_fmt *f = &r->c->fmts[read_s64(data)];
		char out[256];

		n = resolve_time(r, f->text, f->len, (__u64)read_s64(s + 8), true,
				 out, sizeof(out));
		sb_put(b, out, n);
		break;
	}
	case TY_BUF:
		n = (size_t)read_s64(data);
		if (n > t->size - 8)
			n = t->size - 8;
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[8 + i];

			if (c >= 0x20 && c < 0x7f && c != '\\')
				sb_put(b, (const char *)&c, 1);
			else
				sb_printf(b, "\\x%02x", c);
		}
		break;
	default:
		break;
	}
}

/* One conversion with its flags and width, on text already rendered. */
static void pad_text(struct sbuf *b, const struct fmt_spec *sp, const char *s,
		     size_t n)
{
	size_t w = sp->width > 0 ? (size_t)sp->width : 0;
	bool left = strchr(sp->flags, '-') != NULL;

	if (sp->prec >= 0 && (size_t)sp->prec < n)
		n = (size_t)sp->prec;
	while (!left && w > n) {
		sb_put(b, " ", 1);
		w--;
	}
	sb_put(b, s, n);
	while (left && w > n) {
		sb_put(b, " ", 1);
		w--;
	}
}

static void render_int(struct sbuf *b, const struct fmt_spec *sp, __s64 v)
{
	char spec[48], text[64];

	if (sp->conv == 'p') {
		struct fmt_spec s = *sp;

		if (v)
			snprintf(text, sizeof(text), "0x%llx", (unsigned long long)v);
		else
			snprintf(text, sizeof(text), "(nil)");
		s.prec = -1;
		pad_text(b, &s, text, strlen(text));
		return;
	}
	snprintf(spec, sizeof(spec), "%%%s", sp->flags);
	if (sp->width >= 0)
		snprintf(spec + strlen(spec), 16, "%d", sp->width);
	if (sp->prec >= 0)
		snprintf(spec + strlen(spec), 16, ".%d", sp->prec);
	if (sp->conv == 'c') {
		strcat(spec, "c");
		sb_printf(b, spec, (int)(unsigned char)v);
		return;
	}
	strcat(spec, "ll");
	spec[strlen(spec) + 1] = '\0';
	spec[strlen(spec)] = sp->conv == 'i' ? 'd' : sp->conv;
	/* the bits C's printf would read of a 64-bit argument */
	if (sp->conv == 'd' || sp->conv == 'i')
		sb_printf(b, spec, sp->bits == 8 ? (long long)(signed char)v :
			  sp->bits == 16 ? (long long)(short)v :
			  sp->bits == 32 ? (long long)(int)v : (long long)v);
	else
		sb_printf(b, spec, sp->bits == 8 ? (unsigned long long)(unsigned char)v :
			  sp->bits == 16 ? (unsigned long long)(unsigned short)v :
			  sp->bits == 32 ? (unsigned long long)(unsigned int)v :
			  (unsigned long long)v);
}

void fmt_render(struct sbuf *b, const struct trace_fmt *f, const void *data,
		size_t size, struct resolver *r)
{
	static char text[8192];
	struct sbuf t = { .p = text, .cap = sizeof(text) - 1, .raw = b->raw,
			  .json = b->json };
	const char *rec = data;
	struct fmt_spec sp;
	size_t pos = 0, start;
	int i = 0;

	for (;;) {
		start = pos;
		if (fmt_next(f->text, f->len, &pos, &sp) <= 0) {
			literal(b, f->text + start, sp.lit);
			break;
		}
		literal(b, f->text + start, sp.lit);
		if (i >= f->nr_args || f->offsets[i] + 8 > size)
			break;
		if (fmt_conv_int(sp.conv)) {
			render_int(b, &sp, read_s64(rec + f->offsets[i]));
		} else {
			t.len = 0;
			value_render(&t, &f->args[i], rec + f->offsets[i], r);
			pad_text(b, &sp, t.p, t.len);
		}
		i++;
	}
}
