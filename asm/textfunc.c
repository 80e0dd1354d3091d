// SPDX-License-Identifier: GPL-2.0
/*
 * .func: a function's name and C prototype, read as clang would write
 * them in BTF (the names of clang's BTF: "unsigned int", "long long",
 * "_Bool"; the kernel's __u32 and u32 as typedefs of them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include "asm/insn.h"
#include "asm/textprog.h"
#include "asm/textfunc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Each int by its name in clang's BTF: size and encoding. */
static const struct {
	const char *name;
	__u8 size, encoding;
} ints[] = {
	{ "char", 1, BTF_INT_SIGNED },	/* char is signed on BPF */
	{ "signed char", 1, BTF_INT_SIGNED },
	{ "unsigned char", 1, 0 },
	{ "short", 2, BTF_INT_SIGNED },
	{ "unsigned short", 2, 0 },
	{ "int", 4, BTF_INT_SIGNED },
	{ "unsigned int", 4, 0 },
	{ "long", 8, BTF_INT_SIGNED },
	{ "unsigned long", 8, 0 },
	{ "long long", 8, BTF_INT_SIGNED },
	{ "unsigned long long", 8, 0 },
	{ "_Bool", 1, BTF_INT_BOOL },
};

/*
 * The kernel's fixed-size integer typedefs, as its headers define them,
 * each with the index of its base in ints[].
 */
static const struct {
	const char name[6];
	__u8 base;
} typedefs[] = {
	{ "__u8", 2 }, { "__s8", 1 }, { "__u16", 4 }, { "__s16", 3 },
	{ "__u32", 6 }, { "__s32", 5 }, { "__u64", 10 }, { "__s64", 9 },
	{ "u8", 2 }, { "s8", 1 }, { "u16", 4 }, { "s16", 3 },
	{ "u32", 6 }, { "s32", 5 }, { "u64", 10 }, { "s64", 9 },
};

/* The words of C's types .func knows, in the order of enum c_word. */
static const char c_words[] =
	"const\0signed\0unsigned\0char\0short\0int\0long\0_Bool\0bool\0"
	"struct\0union\0void\0";

enum c_word { W_CONST, W_SIGNED, W_UNSIGNED, W_CHAR, W_SHORT, W_INT, W_LONG,
	      W_BOOL, W_BOOL_MACRO, W_STRUCT, W_UNION, W_VOID, W_NONE };

static enum c_word c_word(const char *word)
{
	const char *p = c_words;
	int i;

	for (i = 0; *p; p += strlen(p) + 1, i++)
		if (!strcmp(p, word))
			return (enum c_word)i;
	return W_NONE;
}

/* The int C's words name ("unsigned", "long int"): its index in ints[]. */
static int int_index(const int *n)
{
	int sign = n[W_UNSIGNED] ? 1 : n[W_SIGNED] ? -1 : 0;

	if (n[W_SIGNED] + n[W_UNSIGNED] > 1 || n[W_CHAR] > 1 || n[W_SHORT] > 1 ||
	    n[W_INT] > 1 || n[W_LONG] > 2 || n[W_BOOL] > 1)
		return -1;
	if (n[W_BOOL])
		return n[W_CHAR] || n[W_SHORT] || n[W_LONG] || n[W_INT] || sign ? -1 : 11;
	if (n[W_CHAR])
		return n[W_SHORT] || n[W_LONG] || n[W_INT] ? -1 : sign > 0 ? 2 : sign ? 1 : 0;
	if (n[W_SHORT])
		return n[W_LONG] ? -1 : sign > 0 ? 4 : 3;
	if (n[W_LONG])
		return (n[W_LONG] == 2 ? 9 : 7) + (sign > 0);
	return sign > 0 ? 6 : 5;
}

int text_parse_ctype(struct asm_parser *ps, struct asm_ctype *t, bool allow_void)
{
	int n[W_NONE + 1] = { 0 }, ints_words = 0, i = -1;
	char word[BUILDER_NAME_MAX];
	const char *at, *start;
	bool whole = false;
	enum c_word w;

	memset(t, 0, sizeof(*t));
	lex_skip_ws(ps);
	start = ps->s;
	for (;;) {
		lex_skip_ws(ps);
		at = ps->s;
		if (!lex_label_start(at) || *at == '.')
			break;
		if (lex_ident(ps, word, "", "a type"))
			return -EINVAL;
		w = c_word(word);
		if (w == W_BOOL_MACRO)
			w = W_BOOL;
		/* After a whole type, or ints, another word names the argument */
		if ((whole && w != W_CONST) || (ints_words && w >= W_STRUCT)) {
			ps->s = at;
			break;
		}
		n[w]++;
		if (w == W_STRUCT || w == W_UNION) {
			if (lex_ident(ps, t->name, "", "a struct's name"))
				return -EINVAL;
			t->kind = w == W_STRUCT ? ASM_CTYPE_STRUCT : ASM_CTYPE_UNION;
			whole = true;
		} else if (w == W_VOID) {
			t->kind = ASM_CTYPE_VOID;
			whole = true;
		} else if (w == W_NONE) {
			for (i = 0; i < (int)ARRAY_SIZE(typedefs); i++)
				if (!strcmp(typedefs[i].name, word))
					break;
			if (i == (int)ARRAY_SIZE(typedefs))
				return lex_fail_at(ps, at, "unknown type '%s' (C's ints, __u32 and u32 and their kin, void, struct NAME)",
					       word);
			t->kind = ASM_CTYPE_TYPEDEF;
			snprintf(t->name, sizeof(t->name), "%s", word);
			t->base = ints[typedefs[i].base].name;
			i = typedefs[i].base;
			whole = true;
		} else if (w != W_CONST) {
			ints_words++;
		}
	}
	t->is_const = n[W_CONST] > 0;
	if (!whole) {
		if (!ints_words)
			return lex_expected(ps, "a type (int, void *, __u32, struct NAME *, ...)");
		i = int_index(n);
		if (i < 0)
			return lex_fail_at(ps, start, "not a C type .func reads");
		t->kind = ASM_CTYPE_INT;
		snprintf(t->name, sizeof(t->name), "%s", ints[i].name);
	}
	if (i >= 0) {
		t->size = ints[i].size;
		t->encoding = ints[i].encoding;
	}
	while (lex_accept(ps, "*"))
		if (++t->ptr > 8)
			return lex_fail_at(ps, start, "more pointers than .func takes");
	if (t->kind == ASM_CTYPE_VOID && !t->ptr && (!allow_void || t->is_const))
		return lex_fail_at(ps, start, "void where a value is passed");
	return 0;
}

/* .func NAME RETURN(ARGS) [static|global] */
int text_parse_func(struct asm_parser *ps)
{
	struct asm_prog *p = ps->p;
	struct asm_func f = { .line = ps->line }, *funcs;
	const char *at, *arg;
	char word[BUILDER_NAME_MAX];
	size_t i;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_ident(ps, f.name, "", "a function name"))
		return -EINVAL;
	for (i = 0; i < p->nr_funcs; i++)
		if (!strcmp(p->funcs[i].name, f.name))
			return lex_fail_at(ps, at, "function '%s' is already declared at line %d",
				       f.name, p->funcs[i].line);
	if (text_parse_ctype(ps, &f.ret, true) || lex_expect(ps, "("))
		return -EINVAL;
	lex_skip_ws(ps);
	arg = ps->s;
	if (!strncmp(arg, "void", 4) && !lex_ident_char(arg[4])) {
		ps->s += 4;
		lex_skip_ws(ps);
		if (*ps->s != ')')
			ps->s = arg;		/* "void *p" */
	}
	while (!lex_accept(ps, ")")) {
		if (f.nr_args && lex_expect(ps, ","))
			return -EINVAL;
		lex_skip_ws(ps);
		arg = ps->s;
		if (f.nr_args == ASM_FUNC_ARGS_MAX)
			return lex_fail_at(ps, arg, "more than %d arguments (r1 to r5)",
				       ASM_FUNC_ARGS_MAX);
		if (text_parse_ctype(ps, &f.args[f.nr_args], false))
			return -EINVAL;
		lex_skip_ws(ps);
		if (lex_label_start(ps->s) && *ps->s != '.') {
			if (lex_ident(ps, f.arg_names[f.nr_args], "", "an argument name"))
				return -EINVAL;
		} else {
			/* The kernel wants a FUNC's arguments named: by register */
			snprintf(f.arg_names[f.nr_args], BUILDER_NAME_MAX, "r%d",
				 f.nr_args + 1);
		}
		f.nr_args++;
	}
	lex_skip_ws(ps);
	at = ps->s;
	if (lex_label_start(at) && !lex_ident(ps, word, "", "static or global")) {
		if (strcmp(word, "static") && strcmp(word, "global"))
			return lex_fail_at(ps, at, "expected static or global, found '%s'", word);
		f.global = word[0] == 'g';
	}
	f.index = ps->b->len;
	funcs = realloc(p->funcs, (p->nr_funcs + 1) * sizeof(*funcs));
	if (!funcs) {
		builder__fail(ps->b, -ENOMEM, "out of memory");
		return -ENOMEM;
	}
	p->funcs = funcs;
	p->funcs[p->nr_funcs++] = f;
	/* Its name is a label: "call NAME" */
	ps->b->col = lex_col(ps, ps->line_start + strspn(ps->line_start, " \t"));
	builder__label(ps->b, f.name, ps->line);
	return ps->b->err;
}

static int cmp_func(const void *a, const void *b)
{
	const struct asm_func *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return x->line - y->line;
}

static int cmp_index(const void *a, const void *b)
{
	const struct asm_func *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

static struct asm_func *func_at(struct asm_prog *p, size_t index)
{
	struct asm_func key = { .index = index };

	return bsearch(&key, p->funcs, p->nr_funcs, sizeof(key), cmp_index);
}

int text_funcs_finish(struct asm_prog *p)
{
	const char *file = p->b.file;
	struct bpf_insn *insn;
	struct asm_func *f;
	bool *called;
	size_t i, t;

	if (!p->nr_funcs)
		return 0;
	/* In source order, but for .text laid after the program's section */
	qsort(p->funcs, p->nr_funcs, sizeof(*p->funcs), cmp_func);
	for (i = 0; i < p->nr_funcs; i++) {
		f = &p->funcs[i];
		if (f->index >= p->b.len) {
			builder__fail(&p->b, -EINVAL, "%s:%d:1: function '%s' has no instructions",
				      file, f->line, f->name);
			return p->b.err;
		}
		if (i && f->index == f[-1].index) {
			builder__fail(&p->b, -EINVAL, "%s:%d:1: functions '%s' and '%s' start at one instruction",
				      file, f->line, f[-1].name, f->name);
			return p->b.err;
		}
	}
	called = calloc(p->nr_funcs, sizeof(*called));
	if (!called) {
		builder__fail(&p->b, -ENOMEM, "out of memory");
		return p->b.err;
	}
	for (i = 0; i < p->b.len; i++) {
		insn = &p->b.insns[i];
		if (!(insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) &&
		    !(BPF_INSN_IS_LD_IMM64(*insn) && insn->src_reg == BPF_PSEUDO_FUNC)) {
			i += BPF_INSN_IS_LD_IMM64(*insn);
			continue;
		}
		t = i + (size_t)(long)insn->imm + 1;
		f = func_at(p, t);
		if (!f) {
			builder__fail(&p->b, -EINVAL, "%s:%d:1: %s instruction %zu, which starts no .func: with .func lines, each function needs one",
				      file, p->lines[i], insn->code == (BPF_JMP | BPF_CALL) ?
				      "a call to" : "a callback at", t);
			goto out;
		}
		called[f - p->funcs] = true;
		i += BPF_INSN_IS_LD_IMM64(*insn);
	}
	for (i = 0; i < p->nr_funcs; i++) {
		f = &p->funcs[i];
		if (f->index && !called[i]) {
			builder__fail(&p->b, -EINVAL, "%s:%d:1: function '%s' is never called: the kernel knows a function by the calls to it",
				      file, f->line, f->name);
			break;
		}
	}
out:
	free(called);
	return p->b.err;
}

static size_t put(char *buf, size_t len, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at + n < len)
		memcpy(buf + at, s, n + 1);
	return at + n;
}

static size_t put_ctype(char *buf, size_t len, size_t at, const struct asm_ctype *t)
{
	int i;

	if (t->is_const)
		at = put(buf, len, at, "const ");
	if (t->kind == ASM_CTYPE_STRUCT)
		at = put(buf, len, at, "struct ");
	else if (t->kind == ASM_CTYPE_UNION)
		at = put(buf, len, at, "union ");
	at = put(buf, len, at, t->kind == ASM_CTYPE_VOID ? "void" : t->name);
	if (t->ptr)
		at = put(buf, len, at, " ");
	for (i = 0; i < t->ptr; i++)
		at = put(buf, len, at, "*");
	return at;
}

size_t asm_func__format(const struct asm_func *f, char *buf, size_t len)
{
	size_t at;
	int i;

	if (!len)
		return 0;
	buf[0] = '\0';
	at = put(buf, len, 0, ".func ");
	at = put(buf, len, at, f->name);
	at = put(buf, len, at, " ");
	at = put_ctype(buf, len, at, &f->ret);
	at = put(buf, len, at, "(");
	if (!f->nr_args)
		at = put(buf, len, at, "void");
	for (i = 0; i < f->nr_args; i++) {
		if (i)
			at = put(buf, len, at, ", ");
		at = put_ctype(buf, len, at, &f->args[i]);
		if (!f->args[i].ptr)
			at = put(buf, len, at, " ");
		at = put(buf, len, at, f->arg_names[i]);
	}
	at = put(buf, len, at, f->global ? ") global" : ")");
	return at;
}
