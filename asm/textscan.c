// SPDX-License-Identifier: GPL-2.0
/*
 * The text assembler's first look at a file: comments out, sections and
 * the order of lines, the names defined, GNU local labels. What it finds
 * wrong it leaves to asm/text.c, which reads every line again and says
 * where.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/textlex.h"
#include "asm/textscan.h"

/* Section names clang gives data, when no flags say otherwise (prefixes). */
static const char data_sections[] =
	".data\0.rodata\0.bss\0.BTF\0.debug\0.maps\0maps\0license\0version\0"
	".llvm\0.note\0.comment\0.eh_frame\0.rel\0.symtab\0.strtab\0"
	".addrsig\0.kconfig\0.ksyms\0.struct_ops\0.init_array\0.fini_array\0";

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Blank from s to the end of its line. */
static char *blank_to_eol(char *s)
{
	while (*s && *s != '\n')
		*s++ = ' ';
	return s;
}

/*
 * Blank every comment of text in place, newlines kept, so that columns
 * and lines stay where they were. comment(line, col) is told of each
 * ';' comment, when given.
 */
static void blank_comments(char *text, void (*comment)(void *, int, int),
			   void *ctx)
{
	bool block = false, str = false;
	char *c = text, *line = text;
	int n = 1;

	while (*c) {
		if (*c == '\n') {
			str = false;
			line = ++c;
			n++;
		} else if (block) {
			if (c[0] == '*' && c[1] == '/') {
				*c++ = ' ';
				block = false;
			}
			*c++ = ' ';
		} else if (str) {
			if (*c == '\\' && c[1] && c[1] != '\n')
				c++;
			else if (*c == '"')
				str = false;
			c++;
		} else if (*c == '"') {
			str = true;
			c++;
		} else if (c[0] == '/' && c[1] == '*') {
			c[0] = c[1] = ' ';
			c += 2;
			block = true;
		} else if ((c[0] == '/' && c[1] == '/') || *c == ';' ||
			   (*c == '#' && (c == line || blank(c[-1])))) {
			if (*c == ';' && comment)
				comment(ctx, n, (int)(c - line) + 1);
			c = blank_to_eol(c);
		} else {
			c++;
		}
	}
}

void text_scan__blank_line(char *s)
{
	blank_comments(s, NULL, NULL);
}

static void note_comment(void *ctx, int line, int col)
{
	struct text_scan *sc = ctx;

	if ((size_t)line <= sc->nr_lines)
		sc->lines[line - 1].comment = col;
}

static const char *skip_blanks(const char *s)
{
	while (blank(*s))
		s++;
	return s;
}

/* The directive word at s ("section" for ".section"), when s holds one. */
static bool directive(const char *s, const char *word, const char **rest)
{
	size_t n = strlen(word);

	if (*s != '.' || strncmp(s + 1, word, n) || lex_ident_char(s[n + 1]))
		return false;
	*rest = skip_blanks(s + n + 1);
	return true;
}

static bool data_name(const char *name)
{
	const char *p;

	for (p = data_sections; p < data_sections + sizeof(data_sections) - 1;
	     p += strlen(p) + 1)
		if (!strncmp(name, p, strlen(p)))
			return true;
	return false;
}

/*
 * The section a line switches to: ".section NAME[, "FLAGS"[, ...]]",
 * ".text" and its kin. -1 when the line switches none; -ENOMEM.
 */
static int switch_to(struct text_scan *sc, const char *s, int line)
{
	struct scan_section *sec;
	const char *rest, *end;
	char name[64], flags[16] = "";
	bool have_flags = false;
	size_t i, n;

	s = skip_blanks(s);
	if (directive(s, "section", &rest)) {
		if (*rest == '"') {
			end = strchr(rest + 1, '"');
			if (!end || memchr(rest, '\n', (size_t)(end - rest)))
				return -1;	/* asm/text.c says what is wrong */
			rest++;
		} else {
			end = rest + strcspn(rest, ", \t\r\n");
		}
		snprintf(name, sizeof(name), "%.*s", (int)(end - rest), rest);
		s = skip_blanks(end + (*end == '"'));
		if (*s == ',') {
			s = skip_blanks(s + 1);
			if (*s == '"') {
				n = strcspn(s + 1, "\"\n");
				snprintf(flags, sizeof(flags), "%.*s", (int)n, s + 1);
				have_flags = true;
			}
		}
	} else if (directive(s, "text", &rest) || directive(s, "data", &rest) ||
		   directive(s, "bss", &rest) || directive(s, "rodata", &rest)) {
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(s, " \t\r\n"), s);
	} else {
		return -1;
	}
	for (i = 0; i < sc->nr_sections; i++)
		if (!strcmp(sc->sections[i].name, name))
			return (int)i;
	sec = realloc(sc->sections, (sc->nr_sections + 1) * sizeof(*sec));
	if (!sec)
		return -ENOMEM;
	sc->sections = sec;
	sec = &sec[sc->nr_sections];
	memset(sec, 0, sizeof(*sec));
	snprintf(sec->name, sizeof(sec->name), "%s", name);
	sec->line = line;
	if (!strcmp(name, ".text") || !strncmp(name, ".text.", 6))
		sec->code = true;
	else
		sec->code = have_flags ? strchr(flags, 'x') != NULL : !data_name(name);
	return (int)sc->nr_sections++;
}

static int add_label(struct text_scan *sc, const char *s, size_t n)
{
	char (*labels)[BUILDER_NAME_MAX];

	if (n >= BUILDER_NAME_MAX)
		return 0;		/* too long: asm/text.c says so */
	labels = realloc(sc->labels, (sc->nr_labels + 1) * sizeof(*labels));
	if (!labels)
		return -ENOMEM;
	sc->labels = labels;
	memcpy(labels[sc->nr_labels], s, n);
	labels[sc->nr_labels++][n] = '\0';
	return 0;
}

static int add_local(struct text_scan *sc, unsigned long long n, int line)
{
	struct scan_local *l;

	l = realloc(sc->locals, (sc->nr_locals + 1) * sizeof(*l));
	if (!l)
		return -ENOMEM;
	sc->locals = l;
	l[sc->nr_locals].n = n;
	l[sc->nr_locals++].line = line;
	return 0;
}

/* The labels at the start of a code line, and its "N:". */
static int scan_code(struct text_scan *sc, const char *s, int line)
{
	const char *p = skip_blanks(s), *name;
	unsigned long long n;
	char *e;
	int err;

	if (isdigit((unsigned char)*p)) {
		errno = 0;
		n = strtoull(p, &e, 10);
		if (!errno && *e == ':') {
			err = add_local(sc, n, line);
			if (err)
				return err;
			p = skip_blanks(e + 1);
		}
	}
	for (;;) {
		if (!lex_label_start(p))
			break;
		name = p++;
		while (lex_ident_char(*p))
			p++;
		if (*p != ':') {
			/* ".func NAME" defines NAME too */
			if (!strncmp(name, ".func", 5) && blank(name[5])) {
				name = skip_blanks(name + 5);
				p = name;
				while (lex_ident_char(*p))
					p++;
				if (p > name)
					return add_label(sc, name, (size_t)(p - name));
			}
			break;
		}
		err = add_label(sc, name, (size_t)(p - name));
		if (err)
			return err;
		p = skip_blanks(p + 1);
	}
	return 0;
}

static int cmp_label(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Lines in the order they are assembled: the program's, then .text's. */
static int order_lines(struct text_scan *sc)
{
	size_t i, n = 0;
	int text = -1;

	sc->order = malloc((sc->nr_lines + 1) * sizeof(*sc->order));
	if (!sc->order)
		return -ENOMEM;
	for (i = 0; i < sc->nr_sections; i++) {
		if (!sc->sections[i].code)
			continue;
		if (!strcmp(sc->sections[i].name, ".text"))
			text = (int)i;
		else if (sc->program < 0)
			sc->program = (int)i;
		else if (sc->second < 0)
			sc->second = (int)i;
	}
	for (i = 0; i < sc->nr_lines; i++)
		if (sc->program < 0 || sc->lines[i].section != text)
			sc->order[n++] = (int)i + 1;
	for (i = 0; sc->program >= 0 && i < sc->nr_lines; i++)
		if (sc->lines[i].section == text)
			sc->order[n++] = (int)i + 1;
	return 0;
}

int text_scan__run(struct text_scan *sc, const char *text)
{
	struct scan_line *lines;
	const char *s, *nl;
	int section = 0, sw, err;
	size_t cap = 0;

	memset(sc, 0, sizeof(*sc));
	sc->program = sc->second = -1;
	sc->text = strdup(text);
	if (!sc->text)
		return -ENOMEM;
	/* Lines before any section directive are .text's, as in clang's */
	if (switch_to(sc, ".text", 0) < 0)
		return -ENOMEM;
	for (s = sc->text; *s; s = nl + 1) {
		if (sc->nr_lines == cap) {
			cap = cap ? cap * 2 : 256;
			lines = realloc(sc->lines, cap * sizeof(*lines));
			if (!lines)
				return -ENOMEM;
			sc->lines = lines;
		}
		sc->lines[sc->nr_lines++] = (struct scan_line){ .s = s };
		nl = strchr(s, '\n');
		if (!nl)
			break;
	}
	blank_comments(sc->text, note_comment, sc);
	for (size_t i = 0; i < sc->nr_lines; i++) {
		sw = switch_to(sc, sc->lines[i].s, (int)i + 1);
		if (sw == -ENOMEM)
			return -ENOMEM;
		if (sw >= 0)
			section = sw;
		sc->lines[i].section = section;
		if (sc->sections[section].code) {
			err = scan_code(sc, sc->lines[i].s, (int)i + 1);
			if (err)
				return err;
		}
	}
	if (sc->nr_labels)
		qsort(sc->labels, sc->nr_labels, sizeof(*sc->labels), cmp_label);
	return order_lines(sc);
}

void text_scan__free(struct text_scan *sc)
{
	free(sc->text);
	free(sc->lines);
	free(sc->sections);
	free(sc->order);
	free(sc->locals);
	free(sc->labels);
	memset(sc, 0, sizeof(*sc));
}

bool text_scan__has_label(const struct text_scan *sc, const char *name)
{
	return sc && sc->nr_labels &&
	       bsearch(name, sc->labels, sc->nr_labels, sizeof(*sc->labels),
		       cmp_label);
}

int text_scan__local(const struct text_scan *sc, unsigned long long n,
		     bool back, int line)
{
	int found = 0;
	size_t i;

	for (i = 0; sc && i < sc->nr_locals; i++) {
		if (sc->locals[i].n != n)
			continue;
		if (back && sc->locals[i].line <= line)
			found = sc->locals[i].line;
		else if (!back && sc->locals[i].line > line)
			return sc->locals[i].line;
	}
	return found;
}

void text_scan__local_name(char *buf, unsigned long long n, int line)
{
	snprintf(buf, BUILDER_NAME_MAX, "%llu@%d", n, line);
}
