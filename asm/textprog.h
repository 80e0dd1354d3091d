/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an assembled text holds (asm/text.h reads it): the instructions
 * in a builder, each slot's source line, the .map and .func
 * declarations and the directives' values. Below the text assembler's
 * modules (lexer, functions, BTF), which fill or read it.
 */
#ifndef BAREBPF_ASM_TEXTPROG_H
#define BAREBPF_ASM_TEXTPROG_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"

/* A ".map" declaration. */
struct asm_map {
	char name[BUILDER_NAME_MAX];
	__u32 type, key_size, value_size, max_entries, flags;
	int line;
};

/* A C type of a .func prototype, as BTF will spell it. */
enum asm_ctype_kind {
	ASM_CTYPE_VOID,
	ASM_CTYPE_INT,			/* name: "int", "unsigned long", ... */
	ASM_CTYPE_TYPEDEF,		/* name: "__u32", of the int base */
	ASM_CTYPE_STRUCT,		/* name: the tag */
	ASM_CTYPE_UNION,
};

struct asm_ctype {
	enum asm_ctype_kind kind;
	char name[BUILDER_NAME_MAX];
	const char *base;		/* a typedef's int: "unsigned int" */
	__u8 size;			/* an int's bytes */
	__u8 encoding;			/* BTF_INT_SIGNED, _CHAR, _BOOL */
	__u8 ptr;			/* levels of '*' */
	bool is_const;			/* "const T" (of the pointee, with ptr) */
};

#define ASM_FUNC_ARGS_MAX	5	/* a BPF function's arguments: r1..r5 */

/* A ".func NAME RETURN(ARGS) [static|global]" declaration. */
struct asm_func {
	char name[BUILDER_NAME_MAX];
	size_t index;			/* its first slot */
	int line;
	bool global;
	struct asm_ctype ret;
	struct asm_ctype args[ASM_FUNC_ARGS_MAX];
	char arg_names[ASM_FUNC_ARGS_MAX][BUILDER_NAME_MAX];
	int nr_args;
};

struct asm_prog {
	struct builder b;		/* the instructions, b.errmsg */
	struct asm_map *maps;
	size_t nr_maps;
	int *lines;			/* lines[slot]: its source line, from 1 */
	size_t cap_lines;
	int prog_type;			/* from .type or the section; -1: none */
	struct asm_func *funcs;		/* by first slot, after finish */
	size_t nr_funcs;
	__u32 prog_flags;		/* from .flags */
	bool has_retval;		/* .retval given */
	long long retval;
	char *text;			/* the file, comments blanked */
	char **warnings;		/* "FILE:LINE:COL: what", clang reading it otherwise */
	size_t nr_warnings;
};

/* f as a .func line reads it: ".func sub int(void *r1)". Its length. */
size_t asm_func__format(const struct asm_func *f, char *buf, size_t len);

#endif /* BAREBPF_ASM_TEXTPROG_H */
