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

#include "asm/textprog.h"

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

#endif /* BAREBPF_ASM_TEXT_H */
