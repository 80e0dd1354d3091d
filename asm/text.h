/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text assembler: reads the verifier log's own syntax, exactly what
 * asm/disasm.h prints ("(bf) r6 = r1", the opcode prefix optional), and
 * clang's BPF assembly as clang's assembler reads it (-S output, the
 * selftests' inline assembly), plus what a person writing by hand wants:
 *
 *	.type socket_filter		; the program type, when not given otherwise
 *	.map counts array 4 8 1		; .map NAME TYPE KEY VALUE MAX [FLAGS]
 *	.flags any_alignment		; BPF_F_* of the load
 *	.retval 2			; what a test run must return
 *	.func sub int(void *)		; a function: its name and C prototype
 *	start:				; a label, alone or before an insn
 *	1:				; a GNU local label: "goto 1b", "goto 1f"
 *	r1 = map[counts] ll		; a map by name (" ll" optional)
 *	call bpf_map_lookup_elem	; a helper by name, "#1" optional
 *	call sub			; a function defined here
 *	if r0 == 0 goto out		; a jump to a label (or pc+N)
 *
 * Where the two readings of a line differ, clang's wins, with a warning
 * (p->warnings), but for two: ';' starts a comment (clang: a second
 * statement), and "rN = IMM" that does not fit 32 bits is the two-slot
 * load of that value (clang 14 keeps its low 32 bits, as a mov). So
 * "r1 = 5" and "r1 = 0x5" are movs, sign-extended from 32 bits as clang
 * gives them, and "r1 = 5 ll" a two-slot load, unless an opcode prefix
 * says which. An "N:" before an instruction, the index the disassembler
 * and the log print, is a local label like any other, and harmless.
 *
 * Instructions go through the builder (asm/builder.h), so labels and map
 * names resolve as they do for programs written in C. Errors, syntax or
 * unresolved names, read "FILE:LINE:COL: what" in b.errmsg.
 */
#ifndef BAREBPF_ASM_TEXT_H
#define BAREBPF_ASM_TEXT_H

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

/*
 * Assemble text (NUL-terminated), read from file (named in messages).
 * Returns 0 or -errno (EINVAL for bad syntax) with p->b.errmsg set;
 * labels and maps are resolved later, by asm_prog__finish().
 */
int asm_prog__parse(struct asm_prog *p, const char *file, const char *text);

/*
 * Resolve labels and map names: the map of declaration i gets fds[i]
 * (BPF_PSEUDO_MAP_FD), or, with fds NULL, index i (BPF_PSEUDO_MAP_IDX,
 * as in a file of bare instructions). With .func lines, check that
 * every function called has one and each one is called, and sort them.
 * Returns 0 or -errno with errmsg.
 */
int asm_prog__finish(struct asm_prog *p, const int *fds);

void asm_prog__free(struct asm_prog *p);

/* f as a .func line reads it: ".func sub int(void *r1)". Its length. */
size_t asm_func__format(const struct asm_func *f, char *buf, size_t len);

#endif /* BAREBPF_ASM_TEXT_H */
