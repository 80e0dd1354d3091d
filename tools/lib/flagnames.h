/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Flags as names, "IPC_CREAT|IPC_EXCL|0600", from a table per argument:
 * the one routine the tools that decode arguments share. An entry is a
 * flag (its own bit) or a value within a field of bits (shmctl's command
 * in its low byte, shmget's huge page size in bits 26 to 31); what no
 * entry names is printed as a number, in the base the argument reads
 * best in (permission bits in octal).
 */
#ifndef BAREBPF_TOOLS_FLAGNAMES_H
#define BAREBPF_TOOLS_FLAGNAMES_H

#include <stddef.h>

struct flag_name {
	unsigned int value;	/* what the bits under mask must be */
	unsigned int mask;	/* a flag's own bit, or a field's bits */
	const char *name;	/* NULL ends the table */
};

#define FLAG(f)			{ (f), (f), #f }
#define FLAG_VALUE(v, m, name)	{ (v), (m), name }

enum flags_rest {
	FLAGS_REST_HEX,		/* 0x1c0 */
	FLAGS_REST_OCTAL,	/* 0600 */
};

/*
 * v as the names of the entries of t that match, in table order and
 * joined by '|' (a field matched once: its first entry that fits), then
 * what no entry took, as rest says, when something is left or nothing
 * matched ("0" for 0). Cut to len, always NUL-terminated. Returns the
 * number of names written.
 */
int flags_text(char *buf, size_t len, const struct flag_name *t,
	       unsigned long long v, enum flags_rest rest);

#endif /* BAREBPF_TOOLS_FLAGNAMES_H */
