// SPDX-License-Identifier: GPL-2.0
/* Program builder: labels and map names resolved in one final pass. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/builder.h"

void builder__init(struct builder *b)
{
	memset(b, 0, sizeof(*b));
	b->round = -1;
}

void builder__free(struct builder *b)
{
	free(b->insns);
	free(b->labels);
	free(b->label_slots);
	free(b->jumps);
	free(b->map_loads);
	free(b->maps);
	memset(b, 0, sizeof(*b));
	b->round = -1;
}

void builder__fail(struct builder *b, int err, const char *fmt, ...)
{
	va_list ap;

	if (b->err)
		return;
	b->err = err < 0 ? err : -err;
	va_start(ap, fmt);
	vsnprintf(b->errmsg, sizeof(b->errmsg), fmt, ap);
	va_end(ap);
}

/* Grow *arr to hold one more element of size sz; false (and fail) if not. */
static int grow(struct builder *b, void **arr, size_t *cap, size_t len,
		size_t need, size_t sz)
{
	size_t ncap;
	void *p;

	if (len + need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < len + need)
		ncap *= 2;
	p = realloc(*arr, ncap * sz);
	if (!p) {
		builder__fail(b, -ENOMEM, "out of memory at insn %zu", b->len);
		return -ENOMEM;
	}
	*arr = p;
	*cap = ncap;
	return 0;
}

#define BUILDER_WHERE_MAX	320

/* "FILE:LINE:COL" for a text source, else "insn N (line L)". */
static void where(const struct builder *b, char *buf, size_t index, int line,
		  int col)
{
	if (b->file)
		snprintf(buf, BUILDER_WHERE_MAX, "%.*s:%d:%d", 256,
			 b->file, line, col);
	else
		snprintf(buf, BUILDER_WHERE_MAX, "insn %zu (line %d)", index,
			 line);
}

static int copy_name(struct builder *b, char *dst, const char *name,
		     const char *what)
{
	if (!name || !*name || strlen(name) >= BUILDER_NAME_MAX) {
		builder__fail(b, -EINVAL, "insn %zu: bad %s name '%s'", b->len,
			      what, name ? name : "(null)");
		return -EINVAL;
	}
	strcpy(dst, name);
	return 0;
}

void builder__append(struct builder *b, const struct bpf_insn *insns, size_t n)
{
	if (b->err || grow(b, (void **)&b->insns, &b->cap, b->len, n,
			   sizeof(*insns)))
		return;
	memcpy(b->insns + b->len, insns, n * sizeof(*insns));
	b->len += n;
}

static void add_ref(struct builder *b, struct builder_ref **refs, size_t *nr,
		    size_t *cap, const char *name, int line, const char *what)
{
	struct builder_ref *ref;

	if (b->err || grow(b, (void **)refs, cap, *nr, 1, sizeof(**refs)))
		return;
	ref = &(*refs)[*nr];
	if (copy_name(b, ref->name, name, what))
		return;
	ref->index = b->len;
	ref->line = line;
	ref->col = b->col;
	(*nr)++;
}

/*
 * A label starting with '.' belongs to the round of the loop being
 * emitted: ".next" in round 3 of loop 1 is ".next@1.3". NULL, with the
 * builder failed, when there is no loop. A text source has no loops,
 * and its '.' labels are clang's own (".LBB0_2"): plain names there.
 */
static const char *round_label(struct builder *b, const char *label, int line,
			       char *buf)
{
	if (!label || label[0] != '.' || (b->file && b->round < 0))
		return label;
	if (b->round < 0) {
		builder__fail(b, -EINVAL, "insn %zu (line %d): label '%s' outside a loop",
			      b->len, line, label);
		return NULL;
	}
	snprintf(buf, BUILDER_NAME_MAX + 16, "%s@%u.%d", label, b->nr_loops,
		 b->round);
	return buf;
}

void builder__jump(struct builder *b, struct bpf_insn insn, const char *label,
		   int line)
{
	char buf[BUILDER_NAME_MAX + 16];

	label = round_label(b, label, line, buf);
	if (b->err)
		return;
	add_ref(b, &b->jumps, &b->nr_jumps, &b->cap_jumps, label, line, "label");
	builder__append(b, &insn, 1);
}

/* FNV-1a: label names are short, and this spreads them well enough. */
static size_t name_hash(const char *name)
{
	size_t h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h;
}

/* The slot holding name, or the free slot where it would go. */
static size_t *label_slot(const struct builder *b, const char *name)
{
	size_t mask = b->nr_label_slots - 1, i = name_hash(name) & mask;

	while (b->label_slots[i] &&
	       strcmp(b->labels[b->label_slots[i] - 1].name, name))
		i = (i + 1) & mask;
	return &b->label_slots[i];
}

static const struct builder_label *find_label(const struct builder *b,
					      const char *name)
{
	size_t *slot;

	if (!b->nr_label_slots)
		return NULL;
	slot = label_slot(b, name);
	return *slot ? &b->labels[*slot - 1] : NULL;
}

/* Room in the index for one more label: doubled and refilled when half full. */
static int grow_label_slots(struct builder *b)
{
	size_t n = b->nr_label_slots ? b->nr_label_slots * 2 : 128, i;
	size_t *old = b->label_slots, old_n = b->nr_label_slots;

	if ((b->nr_labels + 1) * 2 <= b->nr_label_slots)
		return 0;
	b->label_slots = calloc(n, sizeof(*b->label_slots));
	if (!b->label_slots) {
		b->label_slots = old;
		builder__fail(b, -ENOMEM, "out of memory at insn %zu", b->len);
		return -ENOMEM;
	}
	b->nr_label_slots = n;
	for (i = 0; i < old_n; i++)
		if (old[i])
			*label_slot(b, b->labels[old[i] - 1].name) = old[i];
	free(old);
	return 0;
}

void builder__label(struct builder *b, const char *label, int line)
{
	char buf[BUILDER_NAME_MAX + 16];
	const struct builder_label *first;
	struct builder_label *l;

	label = round_label(b, label, line, buf);
	if (b->err)
		return;
	/* A NULL label is refused by copy_name() below, not looked up. */
	first = label ? find_label(b, label) : NULL;
	if (first) {
		char at[BUILDER_WHERE_MAX];

		where(b, at, b->len, line, b->col);
		if (b->file)
			builder__fail(b, -EEXIST,
				      "%s: duplicate label '%s', first defined at line %d",
				      at, label, first->line);
		else
			builder__fail(b, -EEXIST,
				      "%s: duplicate label '%s', first defined at insn %zu",
				      at, label, first->index);
		return;
	}
	if (grow(b, (void **)&b->labels, &b->cap_labels, b->nr_labels, 1,
		 sizeof(*l)) || grow_label_slots(b))
		return;
	l = &b->labels[b->nr_labels];
	if (copy_name(b, l->name, label, "label"))
		return;
	l->index = b->len;
	l->line = line;
	l->col = b->col;
	b->nr_labels++;
	*label_slot(b, l->name) = b->nr_labels;
}

const char *builder__local_label(struct builder *b, char *buf, const char *what)
{
	int n = snprintf(buf, BUILDER_NAME_MAX, "%s#%u", what,
			 b->nr_local_labels++);

	if (n < 0 || n >= BUILDER_NAME_MAX)
		builder__fail(b, -EINVAL, "insn %zu: local label '%s' too long",
			      b->len, what);
	return buf;
}

void builder__loop(struct builder *b, int n, bool bounded, __s16 slot,
		   void (*body)(struct builder *b, void *ctx), void *ctx)
{
	char head[BUILDER_NAME_MAX];

	if (b->err)
		return;
	if (b->round >= 0 || n < 1) {
		builder__fail(b, -EINVAL, "insn %zu: loop of %d rounds%s", b->len,
			      n, b->round >= 0 ? " inside a loop" : "");
		return;
	}
	b->nr_loops++;
	if (!bounded) {
		for (b->round = 0; b->round < n && !b->err; b->round++)
			body(b, ctx);
		b->round = -1;
		return;
	}
	/* The count lives on the stack, where the verifier keeps it exact. */
	snprintf(head, sizeof(head), "loop@%u", b->nr_loops);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, slot, 0));
	LABEL(b, head);
	b->round = 0;
	body(b, ctx);
	b->round = -1;
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, slot),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, n, 0), head);
}

void builder__map(struct builder *b, const char *name, int fd)
{
	struct builder_map *m;

	if (b->err || grow(b, (void **)&b->maps, &b->cap_maps, b->nr_maps, 1,
			   sizeof(*m)))
		return;
	m = &b->maps[b->nr_maps];
	if (copy_name(b, m->name, name, "map"))
		return;
	m->fd = fd;
	b->nr_maps++;
}

void builder__ld_map(struct builder *b, int dst, const char *name, int line)
{
	add_ref(b, &b->map_loads, &b->nr_map_loads, &b->cap_map_loads, name,
		line, "map");
	EMIT(b, BPF_LD_MAP_FD(dst, 0));
}

static const struct builder_map *find_map(const struct builder *b,
					  const char *name)
{
	size_t i;

	for (i = 0; i < b->nr_maps; i++)
		if (!strcmp(b->maps[i].name, name))
			return &b->maps[i];
	return NULL;
}

/*
 * A call to a BPF subprogram and the 32-bit "gotol" keep their distance
 * in imm; every other jump keeps it in the 16-bit off.
 */
static int offset_in_imm(const struct bpf_insn *insn)
{
	if (insn->code == (BPF_JMP | BPF_CALL))
		return 1;
	return insn->code == (BPF_JMP32 | BPF_JA);
}

static void resolve_jump(struct builder *b, const struct builder_ref *ref)
{
	const struct builder_label *l = find_label(b, ref->name);
	struct bpf_insn *insn = &b->insns[ref->index];
	char at[BUILDER_WHERE_MAX];
	long delta;

	where(b, at, ref->index, ref->line, ref->col);
	if (!l) {
		builder__fail(b, -ENOENT, "%s: jump to undefined label '%s'",
			      at, ref->name);
		return;
	}
	/* The target counts from the slot after the jump. */
	delta = (long)l->index - (long)ref->index - 1;
	if (offset_in_imm(insn)) {
		insn->imm = (__s32)delta;
		return;
	}
	if (delta < -32768 || delta > 32767) {
		builder__fail(b, -ERANGE,
			      "%s: jump to '%s' is %ld slots away, more than a 16-bit offset holds",
			      at, ref->name, delta);
		return;
	}
	insn->off = (__s16)delta;
}

static void resolve_map(struct builder *b, const struct builder_ref *ref)
{
	const struct builder_map *m = find_map(b, ref->name);
	char at[BUILDER_WHERE_MAX];

	if (!m) {
		where(b, at, ref->index, ref->line, ref->col);
		builder__fail(b, -ENOENT, "%s: load of undeclared map '%s'",
			      at, ref->name);
		return;
	}
	b->insns[ref->index].imm = m->fd;
}

int builder__finish(struct builder *b)
{
	size_t i;

	for (i = 0; i < b->nr_jumps && !b->err; i++)
		resolve_jump(b, &b->jumps[i]);
	for (i = 0; i < b->nr_map_loads && !b->err; i++)
		resolve_map(b, &b->map_loads[i]);
	return b->err;
}
