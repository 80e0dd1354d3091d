/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Program builder: append instructions, let jumps name a label and map
 * loads name a map, then resolve both in builder__finish().
 *
 *	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
 *	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
 *	LD_MAP(b, BPF_REG_1, "events");
 *	LABEL(b, "out");
 *
 * Errors are sticky, like a stream's error flag: the first one is kept
 * with its message and every later call is a no-op, so a program is
 * written straight through and checked once, at builder__finish().
 *
 * What asm/ functions return: what can fail returns 0 (or a count of
 * slots) or -errno, as loader/ does, and says what went wrong in words
 * for the caller to print (the builder's errmsg, "FILE:LINE:COL: ..."
 * from the text assembler); what only appends returns nothing, its
 * error waiting in the builder; a lookup of a name or id answers NULL or
 * -1 for one it does not know. Nothing in asm/ prints or exits.
 */
#ifndef BAREBPF_ASM_BUILDER_H
#define BAREBPF_ASM_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include "asm/insn.h"

#define BUILDER_NAME_MAX 32

struct builder_label {
	char name[BUILDER_NAME_MAX];
	size_t index;			/* slot the label stands before */
	int line, col;			/* where it was defined, for messages */
};

struct builder_ref {
	char name[BUILDER_NAME_MAX];	/* target label or map */
	size_t index;			/* slot of the jump or map load */
	int line;			/* caller's source line, for messages */
	int col;			/* and column, for a text source */
};

struct builder_map {
	char name[BUILDER_NAME_MAX];
	int fd;
};

struct builder {
	struct bpf_insn *insns;
	size_t len, cap;
	struct builder_label *labels;
	size_t nr_labels, cap_labels;
	/*
	 * Labels by name: open addressing, each slot 1 + an index into
	 * labels (0 is free), at most half full, so that a program of
	 * 40k labels and 40k jumps resolves in linear time.
	 */
	size_t *label_slots;
	size_t nr_label_slots;		/* a power of two, or 0 */
	struct builder_ref *jumps;
	size_t nr_jumps, cap_jumps;
	struct builder_ref *map_loads;
	size_t nr_map_loads, cap_map_loads;
	struct builder_map *maps;
	size_t nr_maps, cap_maps;
	/*
	 * A text source (the assembler) names itself here and sets col
	 * before each call: messages then say "FILE:LINE:COL:" rather than
	 * "insn N (line L)".
	 */
	const char *file;
	int col;
	int round;			/* of the loop being emitted, or -1 */
	unsigned int nr_loops;
	unsigned int nr_local_labels;	/* made by builder__local_label() */
	int err;			/* first error, as -errno; 0 if none */
	char errmsg[512];
};

void builder__init(struct builder *b);
void builder__free(struct builder *b);

/* Append n slots (n is 2 for one BPF_LD_IMM64). */
void builder__append(struct builder *b, const struct bpf_insn *insns, size_t n);

/* Append a jump whose offset is filled in from label at finish. */
void builder__jump(struct builder *b, struct bpf_insn insn, const char *label,
		   int line);

/* Define label at the current end of the program. */
void builder__label(struct builder *b, const char *label, int line);

/*
 * A label no other in the program has, for an emitter that may run more
 * than once in one program: what, '#', and a count kept by the builder
 * ("kept#3"). '#' is in no name a program or the assembler gives, so it
 * cannot clash with one. Written to buf (BUILDER_NAME_MAX bytes); returns
 * buf. A what too long for the number fails the builder.
 */
const char *builder__local_label(struct builder *b, char *buf, const char *what);

/*
 * A loop of n rounds of body(b, ctx). bounded (the kernel verifies
 * loops, 5.3+): the body is emitted once and repeated by a back edge,
 * the round count kept in the u64 stack slot r10 + slot, r1 clobbered
 * between rounds. Else the body is emitted n times: unrolled, for
 * kernels before 5.3. A body leaves early by jumping to a label after
 * the loop; labels starting with '.' are its round's own, so each
 * unrolled copy has its own ".next". Loops do not nest.
 */
void builder__loop(struct builder *b, int n, bool bounded, __s16 slot,
		   void (*body)(struct builder *b, void *ctx), void *ctx);

/* Name a map fd so that builder__ld_map() can refer to it. */
void builder__map(struct builder *b, const char *name, int fd);

/* dst = pointer to map name (two slots); the fd is written at finish. */
void builder__ld_map(struct builder *b, int dst, const char *name, int line);

/*
 * Record an error found by the caller (a missing tracepoint field, say).
 * Only the first error is kept.
 */
void builder__fail(struct builder *b, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Resolve jumps and map loads. Returns 0, or the first error as -errno
 * with b->errmsg naming the instruction index: an undefined or duplicate
 * label, an unknown map, a jump offset that does not fit 16 bits.
 */
int builder__finish(struct builder *b);

/* Index the next appended instruction will get. */
static inline size_t builder__pc(const struct builder *b)
{
	return b->len;
}

#define BUILDER_COUNT(...) \
	(sizeof((const struct bpf_insn[]){ __VA_ARGS__ }) / sizeof(struct bpf_insn))

/* Append one or more instructions (a BPF_LD_IMM64 counts as two). */
#define EMIT(b, ...) \
	builder__append(b, (const struct bpf_insn[]){ __VA_ARGS__ }, \
			BUILDER_COUNT(__VA_ARGS__))
#define JUMP(b, insn, label)	builder__jump(b, insn, label, __LINE__)
#define LABEL(b, label)		builder__label(b, label, __LINE__)
#define LD_MAP(b, dst, map)	builder__ld_map(b, dst, map, __LINE__)

#endif /* BAREBPF_ASM_BUILDER_H */
