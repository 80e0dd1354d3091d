/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text assembler: reads the verifier log's own syntax, exactly what
 * asm/disasm.h prints ("(bf) r6 = r1", the opcode prefix optional, an
 * "N:" index ignored), plus what a person writing by hand wants:
 *
 *	.type socket_filter		; the program type, when not given otherwise
 *	.map counts array 4 8 1		; .map NAME TYPE KEY VALUE MAX [FLAGS]
 *	start:				; a label, alone or before an insn
 *	r1 = map[counts] ll		; a map by name (" ll" optional)
 *	call bpf_map_lookup_elem	; a helper by name, "#1" optional
 *	if r0 == 0 goto out		; a jump to a label (or pc+N)
 *
 * Where the text alone is ambiguous the disassembler's conventions
 * decide: "r1 = 5" is a mov, "r1 = 0x5" (hex, as a 64-bit load prints)
 * or "r1 = 5 ll" a two-slot load, unless an opcode prefix says which.
 *
 * Instructions go through the builder (asm/builder.h), so labels and map
 * names resolve as they do for programs written in C. Errors, syntax or
 * unresolved names, read "FILE:LINE:COL: what" in b.errmsg.
 */
#ifndef BAREBPF_ASM_TEXT_H
#define BAREBPF_ASM_TEXT_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"

/* A ".map" declaration. */
struct asm_map {
	char name[BUILDER_NAME_MAX];
	__u32 type, key_size, value_size, max_entries, flags;
	int line;
};

struct asm_prog {
	struct builder b;		/* the instructions, b.errmsg */
	struct asm_map *maps;
	size_t nr_maps;
	int *lines;			/* lines[slot]: its source line, from 1 */
	size_t cap_lines;
	int prog_type;			/* from .type; -1 without one */
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
 * as in a file of bare instructions). Returns 0 or -errno with errmsg.
 */
int asm_prog__finish(struct asm_prog *p, const int *fds);

void asm_prog__free(struct asm_prog *p);

#endif /* BAREBPF_ASM_TEXT_H */
