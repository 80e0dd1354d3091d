/* SPDX-License-Identifier: GPL-2.0 */
/* The text assembler's instruction statements (asm/textinsn.c). */
#ifndef BAREBPF_ASM_TEXTINSN_H
#define BAREBPF_ASM_TEXTINSN_H

#include "asm/textlex.h"

/*
 * Parse the instruction at the cursor and add it to ps->p's builder,
 * checked against the "(xx)" opcode prefix when ps->prefix >= 0. Returns
 * 0, or -EINVAL with the builder failed at the offending column.
 */
int text_parse_insn(struct asm_parser *ps);

#endif /* BAREBPF_ASM_TEXTINSN_H */
