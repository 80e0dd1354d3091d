/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the workbench tools (asm, disasm, verify, prog, elf) share: files
 * read whole, .s files assembled with their errors printed, and
 * listings in the verifier log's text, "   5: (bf) r6 = r1".
 */
#ifndef BAREBPF_TOOLS_SOURCE_H
#define BAREBPF_TOOLS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include "asm/disasm.h"
#include "asm/text.h"

/*
 * Read path whole, NUL-terminated. NULL with errno set: EISDIR, or
 * EFTYPE_NOT_REGULAR for what is not a regular file (a FIFO, a device),
 * which is refused at once, never waited on.
 */
char *file_read(const char *path, size_t *len);

/* errno's text, "not a regular file" for EFTYPE_NOT_REGULAR. */
const char *file_strerror(int err);
#define EFTYPE_NOT_REGULAR	EBADFD

/* True when the bytes start like an ELF file. */
bool file_is_elf(const char *buf, size_t len);

/*
 * Read and assemble the .s file path into p. Prints what went wrong as
 * "barebpf TOOL: ..." and returns EXIT_USAGE (bad text) or EXIT_FAIL
 * (unreadable); 0 when p holds the program, labels not yet resolved.
 */
int source_assemble(const char *path, struct asm_prog *p,
		    char **text);

/* Print p's warnings (lines clang reads otherwise), one line each. */
void source_warnings(const struct asm_prog *p);

/* Line n (from 1) of text, its length in *len, comments and blanks cut. */
const char *source_line(const char *text, int n, int *len);

/*
 * Print insns through out_printf, one "   5: text" line each (bpftool's
 * layout), with cbs's callbacks (its print is ours). A NULL cbs prints
 * plain numbers.
 */
void print_listing(const struct bpf_insn *insns, size_t n,
		   const struct disasm_cbs *cbs);

/* The same for insns[from..to), indices counted from insns. */
void print_listing_range(const struct bpf_insn *insns, size_t from, size_t to,
			 const struct disasm_cbs *cbs);

#endif /* BAREBPF_TOOLS_SOURCE_H */
