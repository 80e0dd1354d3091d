// SPDX-License-Identifier: GPL-2.0
/*
 * Text assembler: one statement per line, parsed by hand: labels,
 * directives, and instructions in the forms asm/disasm.c prints and
 * clang writes (read by asm/textinsn.c, from asm/textlex.c's tokens;
 * asm/textscan.c has looked at the file first, asm/textfunc.c reads
 * .func). Whitespace is free between tokens ("(r10 -8)" and "(r10 - 8)"
 * alike), so llvm-objdump's spelling of the same instructions mostly
 * reads too.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/insn.h"
#include "asm/text.h"
#include "asm/textfunc.h"
#include "asm/textinsn.h"
#include "asm/textlex.h"
#include "asm/textscan.h"
#include "asm/names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

/* .flags any_alignment,test_rnd_hi32: BPF_F_* of the load, added up */
static int parse_flags(struct asm_parser *ps)
{
	char bad[64];
	const char *end;
	__u32 flags;

	lex_skip_ws(ps);
	if (!*ps->s || *ps->s == '\n')
		return lex_expected(ps, "program flags (any_alignment, sleepable, ...)");
	if (bpf_prog_flags_parse(ps->s, &flags, bad, sizeof(bad))) {
		end = strstr(ps->s, bad);
		return lex_fail_at(ps, end ? end : ps->s,
			       "unknown program flag '%s' (strict_alignment, any_alignment, test_rnd_hi32, test_state_freq, sleepable, xdp_has_frags, ... or a number)",
			       bad);
	}
	ps->p->prog_flags |= flags;
	ps->s += strcspn(ps->s, "\n");
	return 0;
}

/* .retval N: what a test run of the program must return */
static int parse_retval(struct asm_parser *ps)
{
	const char *at;
	long long v;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_number(ps, INT32_MIN, UINT32_MAX, &v))
		return -EINVAL;
	if (ps->p->has_retval && (__u32)ps->p->retval != (__u32)v)
		return lex_fail_at(ps, at, "a second, different .retval");
	ps->p->has_retval = true;
	ps->p->retval = v;
	return 0;
}

/* GNU and clang directives that mean nothing to a single program. */
static const char ignored_directives[] =
	"globl\0global\0local\0weak\0hidden\0protected\0internal\0size\0"
	"p2align\0align\0balign\0file\0loc\0ident\0addrsig\0addrsig_sym\0"
	"section\0text\0data\0bss\0rodata\0";

/* What puts data, not instructions, where it stands. */
static const char data_directives[] =
	"byte\0short\0hword\0long\0int\0word\0quad\02byte\04byte\08byte\0"
	"ascii\0asciz\0string\0zero\0space\0skip\0fill\0uleb128\0sleb128\0";

/* Whether word is one of the NUL-separated words of list (size bytes). */
static bool in_list(const char *list, size_t size, const char *word)
{
	const char *p;

	for (p = list; p < list + size - 1; p += strlen(p) + 1)
		if (!strcmp(p, word))
			return true;
	return false;
}

/* A directive at the cursor; code tells a code section from data. */
static int parse_directive(struct asm_parser *ps, bool code)
{
	const char *at = ps->s, *after;
	char word[32];
	size_t n;

	ps->s++;
	n = 0;
	while (lex_ident_char(ps->s[n]))
		n++;
	snprintf(word, sizeof(word), "%.*s", (int)n, ps->s);
	ps->s += n;
	if (!strcmp(word, "type")) {
		/* GNU's ".type NAME, @function" has a comma; ours does not */
		lex_skip_ws(ps);
		after = ps->s;
		while (lex_ident_char(*after))
			after++;
		while (*after == ' ' || *after == '\t')
			after++;
		if (*after == ',')
			goto ignore;
		return parse_type(ps);
	}
	if (!strcmp(word, "map"))
		return parse_map_decl(ps);
	if (!strcmp(word, "flags"))
		return parse_flags(ps);
	if (!strcmp(word, "retval"))
		return parse_retval(ps);
	if (!strcmp(word, "func")) {
		if (!code)
			return lex_fail_at(ps, at, "a .func in a data section");
		return text_parse_func(ps);
	}
	if (!code || in_list(ignored_directives, sizeof(ignored_directives), word) ||
	    !strncmp(word, "cfi_", 4))
		goto ignore;
	if (in_list(data_directives, sizeof(data_directives), word))
		return lex_fail_at(ps, at, "data in a code section (.%s): only instructions are assembled",
			       word);
	return lex_fail_at(ps, at, "unknown directive '.%s'", word);
ignore:
	ps->s += strcspn(ps->s, "\n");
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

/* The labels a line starts with: "1:" (GNU local), then "name:" ones. */
static int parse_labels(struct asm_parser *ps)
{
	char name[BUILDER_NAME_MAX];
	unsigned long long n;
	const char *at;
	char *end;

	lex_skip_ws(ps);
	at = ps->s;
	if (isdigit((unsigned char)*at)) {
		errno = 0;
		n = strtoull(at, &end, 10);
		if (errno || *end != ':')
			return lex_fail_at(ps, at, "expected an instruction, found a number");
		ps->s = end + 1;
		text_scan__local_name(name, n, ps->line);
		ps->b->col = lex_col(ps, at);
		builder__label(ps->b, name, ps->line);
	}
	for (;;) {
		lex_skip_ws(ps);
		at = ps->s;
		if (!lex_label_start(at))
			return 0;
		ps->s++;
		while (lex_ident_char(*ps->s))
			ps->s++;
		if (*ps->s != ':') {
			ps->s = at;
			return 0;
		}
		if (ps->s - at >= BUILDER_NAME_MAX)
			return lex_fail_at(ps, at, "a label is longer than %d characters",
				       BUILDER_NAME_MAX - 1);
		snprintf(name, sizeof(name), "%.*s", (int)(ps->s - at), at);
		ps->s++;
		ps->b->col = lex_col(ps, at);
		builder__label(ps->b, name, ps->line);
		if (ps->b->err)
			return -EINVAL;
	}
}

static bool at_end(const struct asm_parser *ps)
{
	return !*ps->s || *ps->s == '\n';
}

static int parse_line(struct asm_parser *ps, bool code)
{
	size_t before = ps->b->len, i;
	const char *at;

	ps->prefix = -1;
	lex_skip_ws(ps);
	if (!code) {
		/* In data, only our directives count: clang's data does not */
		while (lex_label_start(ps->s) || *ps->s == '.') {
			at = ps->s++;
			while (lex_ident_char(*ps->s))
				ps->s++;
			if (*ps->s == ':') {
				ps->s++;
				lex_skip_ws(ps);
				continue;
			}
			ps->s = at;
			if (*at == '.')
				return parse_directive(ps, false);
			break;
		}
		if (at_end(ps))
			return 0;
		return lex_fail_at(ps, ps->s, "an instruction in a data section (one with no \"x\" flag, or .data, .BTF, license, ...)");
	}
	if (parse_labels(ps))
		return -EINVAL;
	lex_skip_ws(ps);
	if (at_end(ps))
		return ps->b->err;
	if (*ps->s == '.') {
		if (parse_directive(ps, true))
			return -EINVAL;
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
	if (!at_end(ps)) {
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

/*
 * clang reads what follows a ';' as a second statement: say so when it
 * would read as an instruction (the selftests' "r0 = 0;" has nothing
 * after it, and a word of prose is no instruction).
 */
static void check_comment(struct asm_parser *ps, const char *orig, int col)
{
	struct asm_prog scratch = { .prog_type = -1 };
	struct asm_parser t = *ps;
	const char *semi = orig + col - 1;
	char buf[256], *end;
	size_t n;

	n = strcspn(semi + 1, "\n");
	if (n >= sizeof(buf))
		return;
	memcpy(buf, semi + 1, n);
	buf[n] = '\0';
	text_scan__blank_line(buf);
	t.p = &scratch;
	t.b = &scratch.b;
	t.s = t.line_start = buf;
	t.prefix = -1;
	builder__init(&scratch.b);
	scratch.b.file = ps->file;
	lex_skip_ws(&t);
	if (*t.s && !text_parse_insn(&t) && !scratch.b.err) {
		lex_skip_ws(&t);
		if (!*t.s) {
			end = buf + n;
			while (end > buf && (end[-1] == ' ' || end[-1] == '\t' ||
					     end[-1] == '\r'))
				*--end = '\0';
			lex_warn_at(ps, ps->line_start + col - 1,
				    "clang reads \"%s\" after ';' as an instruction; here it is a comment",
				    buf + strspn(buf, " \t"));
		}
	}
	asm_prog__free(&scratch);
}

int asm_prog__parse(struct asm_prog *p, const char *file, const char *text)
{
	struct asm_parser ps = { .p = p, .b = &p->b, .file = file };
	const struct scan_section *sec;
	const struct scan_line *l;
	struct text_scan sc;
	size_t i;
	int err;

	memset(p, 0, sizeof(*p));
	builder__init(&p->b);
	p->b.file = file;
	p->prog_type = -1;
	err = text_scan__run(&sc, text);
	if (err) {
		builder__fail(&p->b, err, "out of memory");
		goto out;
	}
	ps.scan = &sc;
	if (sc.second >= 0) {
		sec = &sc.sections[sc.second];
		ps.line = sec->line;
		ps.line_start = ps.s = sc.lines[sec->line - 1].s;
		lex_fail_at(&ps, ps.s + strspn(ps.s, " \t"),
			    "a second program section, '%s': one program a file (the first, '%s', is at line %d)",
			    sec->name, sc.sections[sc.program].name,
			    sc.sections[sc.program].line);
		goto out;
	}
	for (i = 0; i < sc.nr_lines; i++) {
		ps.line = sc.order[i];
		l = &sc.lines[ps.line - 1];
		ps.line_start = ps.s = l->s;
		if (parse_line(&ps, sc.sections[l->section].code))
			goto out;
		if (l->comment)
			check_comment(&ps, text + (l->s - sc.text), l->comment);
	}
	if (p->prog_type < 0 && sc.program >= 0) {
		__u32 t = bpf_section_prog_type(sc.sections[sc.program].name, NULL);

		if (t)
			p->prog_type = (int)t;
	}
	p->text = sc.text;
	sc.text = NULL;
out:
	text_scan__free(&sc);
	return p->b.err;
}
int asm_prog__finish(struct asm_prog *p, const int *fds)
{
	size_t i;

	for (i = 0; i < p->nr_maps; i++)
		builder__map(&p->b, p->maps[i].name, fds ? fds[i] : (int)i);
	if (builder__finish(&p->b) || text_funcs_finish(p))
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
	size_t i;

	builder__free(&p->b);
	free(p->maps);
	free(p->lines);
	free(p->funcs);
	free(p->text);
	for (i = 0; i < p->nr_warnings; i++)
		free(p->warnings[i]);
	free(p->warnings);
	memset(p, 0, sizeof(*p));
}
