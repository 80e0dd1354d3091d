// SPDX-License-Identifier: GPL-2.0
/*
 * Text assembler: one statement per line, parsed by hand: labels, the
 * .map and .type directives, and instructions in the forms asm/disasm.c
 * prints (read by asm/textinsn.c, from asm/textlex.c's tokens). Whitespace
 * is free between tokens ("(r10 -8)" and "(r10 - 8)" alike), so
 * llvm-objdump's spelling of the same instructions mostly reads too.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/insn.h"
#include "asm/text.h"
#include "asm/textinsn.h"
#include "asm/textlex.h"
#include "asm/names.h"

/* .map NAME TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS] */
static int parse_map_decl(struct asm_parser *ps)
{
	struct asm_prog *p = ps->p;
	struct asm_map m = { .line = ps->line }, *maps;
	char type[BUILDER_NAME_MAX];
	const char *at;
	long long v[4] = { 0 };
	size_t i;
	int t;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_ident(ps, m.name, "", "a map name"))
		return -EINVAL;
	for (i = 0; i < p->nr_maps; i++)
		if (!strcmp(p->maps[i].name, m.name))
			return lex_fail_at(ps, at, "map '%s' is already declared at line %d",
				       m.name, p->maps[i].line);
	lex_skip_ws(ps);
	at = ps->s;
	while (lex_ident_char(*ps->s))
		ps->s++;
	snprintf(type, sizeof(type), "%.*s", (int)(ps->s - at), at);
	t = bpf_map_type_id(type);
	if (t <= 0)
		return at == ps->s ? lex_expected(ps, "a map type (hash, array, ...)") :
		       lex_fail_at(ps, at, "unknown map type '%s'", type);
	m.type = (__u32)t;
	for (i = 0; i < 4; i++) {
		lex_skip_ws(ps);
		if (i == 3 && (!*ps->s || *ps->s == ';' || *ps->s == '\n'))
			break;		/* flags are optional */
		if (lex_number(ps, 0, UINT32_MAX, &v[i]))
			return -EINVAL;
	}
	m.key_size = (__u32)v[0];
	m.value_size = (__u32)v[1];
	m.max_entries = (__u32)v[2];
	m.flags = (__u32)v[3];
	maps = realloc(p->maps, (p->nr_maps + 1) * sizeof(*maps));
	if (!maps) {
		builder__fail(&p->b, -ENOMEM, "out of memory");
		return -ENOMEM;
	}
	p->maps = maps;
	p->maps[p->nr_maps++] = m;
	return 0;
}

/* .type NAME: the program type, as "barebpf verify --type" takes it */
static int parse_type(struct asm_parser *ps)
{
	char name[BUILDER_NAME_MAX];
	const char *at;
	int t;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_ident(ps, name, "", "a program type (tracepoint, socket_filter, ...)"))
		return -EINVAL;
	t = bpf_prog_type_id(name);
	if (t <= 0)
		return lex_fail_at(ps, at, "unknown program type '%s'", name);
	if (ps->p->prog_type >= 0 && ps->p->prog_type != t)
		return lex_fail_at(ps, at, "a second, different .type");
	ps->p->prog_type = t;
	return 0;
}

/* Record the source line of the slots the statement added. */
static int note_lines(struct asm_parser *ps)
{
	struct asm_prog *p = ps->p;
	size_t need = p->b.len;
	int *lines;

	if (need > p->cap_lines) {
		size_t cap = p->cap_lines ? p->cap_lines : 64;

		while (cap < need)
			cap *= 2;
		lines = realloc(p->lines, cap * sizeof(*lines));
		if (!lines) {
			builder__fail(&p->b, -ENOMEM, "out of memory");
			return -ENOMEM;
		}
		p->lines = lines;
		p->cap_lines = cap;
	}
	return 0;
}

static int parse_line(struct asm_parser *ps)
{
	size_t before = ps->b->len, i;
	const char *at;

	ps->prefix = -1;
	lex_skip_ws(ps);
	/* "12:", the index the disassembler and the log print: skipped */
	if (isdigit((unsigned char)*ps->s)) {
		at = ps->s;
		while (isdigit((unsigned char)*ps->s))
			ps->s++;
		if (*ps->s != ':')
			return lex_fail_at(ps, at, "expected an instruction, found a number");
		ps->s++;
	}
	/* "name:" labels the next instruction */
	lex_skip_ws(ps);
	at = ps->s;
	if (isalpha((unsigned char)*at) || *at == '_') {
		char name[BUILDER_NAME_MAX];

		while (lex_ident_char(*ps->s))
			ps->s++;
		if (*ps->s == ':' && ps->s - at < BUILDER_NAME_MAX) {
			snprintf(name, sizeof(name), "%.*s", (int)(ps->s - at), at);
			ps->s++;
			ps->b->col = lex_col(ps, at);
			builder__label(ps->b, name, ps->line);
		} else {
			ps->s = at;
		}
	}
	lex_skip_ws(ps);
	if (!*ps->s || *ps->s == ';' || *ps->s == '\n')
		return ps->b->err;
	if (*ps->s == '.') {
		at = ps->s;
		if (lex_accept_word(ps, ".type")) {
			if (parse_type(ps))
				return -EINVAL;
		} else if (!lex_accept_word(ps, ".map")) {
			return lex_fail_at(ps, at, "unknown directive (.map and .type are known)");
		} else if (parse_map_decl(ps)) {
			return -EINVAL;
		}
	} else {
		/* "(bf)": the opcode, checked against the text */
		if (*ps->s == '(' && isxdigit((unsigned char)ps->s[1]) &&
		    isxdigit((unsigned char)ps->s[2]) && ps->s[3] == ')') {
			ps->prefix = (int)strtol(ps->s + 1, NULL, 16);
			ps->s += 4;
		}
		if (text_parse_insn(ps) || ps->b->err)
			return -EINVAL;
	}
	lex_skip_ws(ps);
	if (*ps->s && *ps->s != ';' && *ps->s != '\n') {
		char buf[32];

		return lex_fail_at(ps, ps->s, "unexpected %s after the instruction",
			       lex_found(ps, buf, sizeof(buf)));
	}
	if (note_lines(ps))
		return -ENOMEM;
	for (i = before; i < ps->b->len; i++)
		ps->p->lines[i] = ps->line;
	return 0;
}

int asm_prog__parse(struct asm_prog *p, const char *file, const char *text)
{
	struct asm_parser ps = { .p = p, .b = &p->b, .file = file };
	const char *line = text;

	memset(p, 0, sizeof(*p));
	builder__init(&p->b);
	p->b.file = file;
	p->prog_type = -1;
	while (line && *line) {
		const char *nl = strchr(line, '\n');

		ps.line++;
		ps.line_start = ps.s = line;
		if (parse_line(&ps))
			return p->b.err ? p->b.err : -EINVAL;
		line = nl ? nl + 1 : NULL;
	}
	return p->b.err;
}

int asm_prog__finish(struct asm_prog *p, const int *fds)
{
	size_t i;

	for (i = 0; i < p->nr_maps; i++)
		builder__map(&p->b, p->maps[i].name, fds ? fds[i] : (int)i);
	if (builder__finish(&p->b))
		return p->b.err;
	if (fds)
		return 0;
	/* Bare instructions: a map is its declaration's index */
	for (i = 0; i < p->b.nr_map_loads; i++) {
		struct bpf_insn *insn = &p->b.insns[p->b.map_loads[i].index];

		insn->src_reg = insn->src_reg == BPF_PSEUDO_MAP_VALUE ?
				BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_IDX;
	}
	return 0;
}

void asm_prog__free(struct asm_prog *p)
{
	builder__free(&p->b);
	free(p->maps);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}
