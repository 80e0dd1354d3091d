/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text assembler's first look at a file, before any statement is
 * read (asm/text.c): comments blanked out, each line's section, the
 * order lines are assembled in, the names defined as labels and the
 * GNU local labels ("1:", read by "1b" and "1f").
 *
 * Comments, as clang's assembler and the verifier log's readers write
 * them: C's block comments (across lines too), "//" and ";" to the end
 * of the line, and "#" at the start of a line or after a blank ("call
 * name#12" is the log's helper id, not a comment). clang reads ";" as a
 * statement separator; here it starts a comment, and asm/text.c warns
 * where the rest would read as an instruction.
 *
 * Sections: ".section NAME[,"FLAGS"...]", ".text", ".data", ".bss",
 * ".rodata". A section is data when its flags lack "x" or, given none,
 * when its name is one clang gives data (.BTF, .debug_*, .maps,
 * license, ...); a data section's lines are left out, but for the
 * directives of our own. The program is the first code section not
 * named ".text"; ".text" holds subprograms and goes after it, as
 * libbpf lays an object's functions out.
 */
#ifndef BAREBPF_ASM_TEXTSCAN_H
#define BAREBPF_ASM_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include "asm/builder.h"

struct scan_section {
	char name[64];
	int line;			/* where it was first named */
	bool code;
};

struct scan_line {
	const char *s;			/* in text, comments blanked */
	int section;			/* index in sections */
	int comment;			/* column of a ';' comment, or 0 */
};

/* "N:" at the start of a line, in a code section. */
struct scan_local {
	unsigned long long n;
	int line;
};

struct text_scan {
	char *text;			/* the file's copy, comments blanked */
	struct scan_line *lines;	/* lines[i] is line i + 1 */
	size_t nr_lines;
	struct scan_section *sections;
	size_t nr_sections;
	int *order;			/* line numbers in assembly order */
	struct scan_local *locals;	/* in source order */
	size_t nr_locals;
	char (*labels)[BUILDER_NAME_MAX];	/* defined names, sorted */
	size_t nr_labels;
	int program;			/* the program's section, or -1 */
	int second;			/* a second program section, or -1 */
};

/* Look at text. Returns 0 or -ENOMEM. */
int text_scan__run(struct text_scan *sc, const char *text);

void text_scan__free(struct text_scan *sc);

/* Whether name is defined as a label or a .func somewhere in the code. */
bool text_scan__has_label(const struct text_scan *sc, const char *name);

/*
 * The line of the definition "n:" that "nb" (back: the last at or
 * before line) or "nf" (forward: the first after it) names; 0 if none.
 */
int text_scan__local(const struct text_scan *sc, unsigned long long n,
		     bool back, int line);

/* The builder's name of the local label n defined at line. */
void text_scan__local_name(char *buf, unsigned long long n, int line);

/* Blank the comments of a single line in place (a ';' one too). */
void text_scan__blank_line(char *s);

#endif /* BAREBPF_ASM_TEXTSCAN_H */
