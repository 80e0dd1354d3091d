// SPDX-License-Identifier: GPL-2.0
/*
 * Format file parser. A format file reads:
 *
 *	name: sched_process_exec
 *	ID: 365
 *	format:
 *		field:unsigned short common_type;	offset:0;	size:2;	signed:0;
 *		...
 *		field:__data_loc char[] filename;	offset:8;	size:4;	signed:0;
 *
 *	print fmt: "filename=%s ...", __get_str(filename), ...
 *
 * Kernels before 2.6.32 leave out "signed:"; it is optional here.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader/format.h"
#include "loader/tracefs.h"

void tp_format__free(struct tp_format *fmt)
{
	size_t i;

	if (!fmt)
		return;
	for (i = 0; i < fmt->nr_fields; i++) {
		free(fmt->fields[i].type);
		free(fmt->fields[i].name);
	}
	free(fmt->fields);
	free(fmt->system);
	free(fmt->name);
	free(fmt->print_fmt);
	free(fmt);
}

static char *dup_range(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

static const char *trim_end(const char *s, const char *end)
{
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	return end;
}

static int is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Read "key:NUMBER;" starting at *p; advance past the ';'. */
static int parse_attr(const char **p, const char *end, const char *key,
		      unsigned long *val)
{
	const char *s = skip_space(*p, end);
	size_t klen = strlen(key);
	char *num_end;

	if ((size_t)(end - s) < klen + 1 || strncmp(s, key, klen) || s[klen] != ':')
		return -EINVAL;
	s += klen + 1;
	if (s >= end || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*val = strtoul(s, &num_end, 10);
	if (errno || num_end >= end || *num_end != ';' || *val > UINT_MAX)
		return -EINVAL;
	*p = num_end + 1;
	return 0;
}

/*
 * Split a declaration into type and name: "const char * filename",
 * "char comm[16]", "__data_loc char[] filename".
 */
static int parse_decl(struct tp_field *f, const char *s, const char *end)
{
	const char *name_end, *name, *type_end, *br = NULL;

	s = skip_space(s, end);
	end = trim_end(s, end);
	if (end - s > 11 && !strncmp(s, "__data_loc ", 11)) {
		f->data_loc = true;
		s = skip_space(s + 11, end);
	} else if (end - s > 10 && !strncmp(s, "__rel_loc ", 10)) {
		f->rel_loc = true;
		s = skip_space(s + 10, end);
	}
	name_end = end;
	if (name_end > s && name_end[-1] == ']') {
		br = memchr(s, '[', (size_t)(end - s));
		/* "char[] name" keeps its brackets in the type, not here. */
		if (!br)
			return -EINVAL;
		name_end = br;
		f->is_array = true;
	}
	name = name_end;
	while (name > s && is_ident(name[-1]))
		name--;
	if (name == name_end)
		return -EINVAL;
	type_end = trim_end(s, name);
	if (type_end == s)
		return -EINVAL;
	if (br) {
		char *num_end;
		unsigned long n = strtoul(br + 1, &num_end, 10);

		if (num_end == end - 1 && num_end != br + 1 && n <= UINT_MAX)
			f->array_len = (__u32)n;
	}
	f->name = dup_range(name, (size_t)(name_end - name));
	f->type = dup_range(s, (size_t)(type_end - s));
	if (!f->name || !f->type)
		return -ENOMEM;
	f->common = !strncmp(f->name, "common_", 7);
	return 0;
}

/* One "field:DECL;	offset:N;	size:N;	signed:N;" line. */
static int parse_field(struct tp_field *f, const char *s, const char *end)
{
	const char *decl_end;
	unsigned long off, size, sign;
	int err;

	s = skip_space(s, end);
	if (end - s < 6 || strncmp(s, "field:", 6))
		return -EINVAL;
	s += 6;
	decl_end = memchr(s, ';', (size_t)(end - s));
	if (!decl_end)
		return -EINVAL;
	err = parse_decl(f, s, decl_end);
	if (err)
		return err;
	s = decl_end + 1;
	if (parse_attr(&s, end, "offset", &off) ||
	    parse_attr(&s, end, "size", &size))
		return -EINVAL;
	f->offset = (__u32)off;
	f->size = (__u32)size;
	s = skip_space(s, end);
	if (s < end) {
		if (parse_attr(&s, end, "signed", &sign) || sign > 1)
			return -EINVAL;
		f->is_signed = sign;
	}
	return skip_space(s, end) == end ? 0 : -EINVAL;
}

static int add_field(struct tp_format *fmt, const char *s, const char *end,
		     size_t *cap)
{
	struct tp_field *f;
	int err;

	if (fmt->nr_fields == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		f = realloc(fmt->fields, ncap * sizeof(*f));
		if (!f)
			return -ENOMEM;
		fmt->fields = f;
		*cap = ncap;
	}
	f = &fmt->fields[fmt->nr_fields];
	memset(f, 0, sizeof(*f));
	err = parse_field(f, s, end);
	/* Counted even on failure, so free() releases what was set. */
	fmt->nr_fields++;
	return err;
}

static int parse_line(struct tp_format *fmt, const char *s, const char *end,
		      size_t *cap, int *seen)
{
	const char *t = skip_space(s, end);
	char *num_end;
	unsigned long id;

	if (t == end)
		return 0;
	if (!strncmp(t, "name:", 5)) {
		*seen |= 1;
		return 0;	/* the caller's event name is the one we keep */
	}
	if (!strncmp(t, "ID:", 3)) {
		t = skip_space(t + 3, end);
		errno = 0;
		id = strtoul(t, &num_end, 10);
		if (num_end == t || errno || id > UINT_MAX ||
		    skip_space(num_end, end) != end)
			return -EINVAL;
		fmt->id = (__u32)id;
		*seen |= 2;
		return 0;
	}
	if (!strncmp(t, "format:", 7))
		return skip_space(t + 7, end) == end ? 0 : -EINVAL;
	if (!strncmp(t, "field:", 6))
		return add_field(fmt, t, end, cap);
	if (!strncmp(t, "print fmt:", 10)) {
		t = skip_space(t + 10, end);
		fmt->print_fmt = dup_range(t, (size_t)(end - t));
		return fmt->print_fmt ? 0 : -ENOMEM;
	}
	return -EINVAL;
}

struct tp_format *tp_format__parse(const char *system, const char *event,
				   const char *text, int *err_line)
{
	struct tp_format *fmt = calloc(1, sizeof(*fmt));
	const char *line = text, *end;
	size_t cap = 0;
	int lineno = 0, seen = 0, err = -ENOMEM;

	if (err_line)
		*err_line = 0;
	if (!fmt)
		return NULL;
	fmt->system = strdup(system);
	fmt->name = strdup(event);
	if (!fmt->system || !fmt->name)
		goto out_err;
	while (*line) {
		lineno++;
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		err = parse_line(fmt, line, end, &cap, &seen);
		if (err)
			goto out_err;
		/* print fmt may hold no newline of its own; it ends the file. */
		if (fmt->print_fmt || !*end)
			break;
		line = end + 1;
	}
	err = -EINVAL;
	if (seen != 3)
		goto out_err;
	return fmt;
out_err:
	if (err_line)
		*err_line = lineno;
	tp_format__free(fmt);
	errno = -err;
	return NULL;
}

struct tp_format *tp_format__load(const char *system, const char *event)
{
	char rel[512];
	struct tp_format *fmt;
	char *text;

	if (snprintf(rel, sizeof(rel), "events/%s/%s/format", system, event) >=
	    (int)sizeof(rel)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	text = tracefs_read(rel, NULL);
	if (!text)
		return NULL;
	fmt = tp_format__parse(system, event, text, NULL);
	free(text);
	return fmt;
}

const struct tp_field *tp_format__field(const struct tp_format *fmt,
					const char *name)
{
	size_t i;

	for (i = 0; i < fmt->nr_fields; i++)
		if (!strcmp(fmt->fields[i].name, name))
			return &fmt->fields[i];
	errno = ENOENT;
	return NULL;
}

/* s past its blanks; s is NUL-terminated. */
static const char *skip_blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/*
 * One "{ VALUE, "NAME" }" at s, into sym (*ok false when VALUE is not a
 * plain number or NAME does not fit). Returns what follows it, or NULL
 * when s holds none.
 */
static const char *parse_symbol(const char *s, struct tp_symbol *sym,
				bool *ok)
{
	const char *name;
	char *end;
	size_t len;

	if (*s != '{')
		return NULL;
	s = skip_blank(s + 1);
	errno = 0;
	sym->value = strtol(s, &end, 0);
	*ok = !errno && end != s;
	s = skip_blank(end);
	if (*s != ',') {
		/* an expression, not a number: skip to its comma */
		*ok = false;
		s = strchr(s, ',');
		if (!s)
			return NULL;
	}
	s = skip_blank(s + 1);
	if (*s != '"')
		return NULL;
	name = s + 1;
	s = strchr(name, '"');
	if (!s)
		return NULL;
	len = (size_t)(s - name);
	if (len >= sizeof(sym->name))
		*ok = false;
	else if (*ok) {
		memcpy(sym->name, name, len);
		sym->name[len] = '\0';
	}
	s = skip_blank(s + 1);
	return *s == '}' ? s + 1 : NULL;
}

int tp_format__symbols(const struct tp_format *fmt, const char *field,
		       struct tp_symbol *syms, size_t max)
{
	static const char call[] = "__print_symbolic(";
	const char *s = fmt->print_fmt;
	size_t n = 0, flen = strlen(field);
	struct tp_symbol sym;
	bool ok;

	for (; s && (s = strstr(s, call)); s++) {
		s = skip_blank(s + sizeof(call) - 1);
		if (strncmp(s, "REC->", 5) || strncmp(s + 5, field, flen) ||
		    is_ident(s[5 + flen]))
			continue;
		s = skip_blank(s + 5 + flen);
		while (s && *s == ',') {
			s = parse_symbol(skip_blank(s + 1), &sym, &ok);
			if (s && ok && n < max)
				syms[n++] = sym;
			if (s)
				s = skip_blank(s);
		}
		return (int)n;
	}
	return -ENOENT;
}
