// SPDX-License-Identifier: GPL-2.0
/* The syntax tree's memory: one arena per script. */
#include <stdlib.h>
#include <string.h>
#include "tools/trace/ast.h"

#define ARENA_CHUNK	(16u << 10)

struct arena {
	struct arena *next;
	size_t used, size;
	max_align_t data[];
};

void *ast_alloc(struct script *s, size_t size)
{
	struct arena *a = s->arena;
	void *p;

	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!a || a->used + size > a->size) {
		size_t n = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		a = malloc(sizeof(*a) + n);
		if (!a)
			return NULL;
		a->next = s->arena;
		a->used = 0;
		a->size = n;
		s->arena = a;
	}
	p = (char *)a->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

struct node *ast_node(struct script *s, enum node_kind kind, int line, int col)
{
	struct node *n = ast_alloc(s, sizeof(*n));

	if (n) {
		n->kind = kind;
		n->line = line;
		n->col = col;
		n->id = -1;
	}
	return n;
}

int ast_push(struct script *s, struct node ***arr, int *nr, struct node *n)
{
	struct node **na;

	/* Doubling in the arena: the old array is left there, unused. */
	if (!(*nr & (*nr - 1)) || !*nr) {
		na = ast_alloc(s, sizeof(*na) * (size_t)(*nr ? *nr * 2 : 4));
		if (!na)
			return -1;
		if (*nr)
			memcpy(na, *arr, sizeof(*na) * (size_t)*nr);
		*arr = na;
	}
	(*arr)[(*nr)++] = n;
	return 0;
}

char *ast_strndup(struct script *s, const char *p, size_t n)
{
	char *d = ast_alloc(s, n + 1);

	if (d)
		memcpy(d, p, n);
	return d;
}

void script__free(struct script *s)
{
	struct arena *a = s->arena, *next;

	for (; a; a = next) {
		next = a->next;
		free(a);
	}
	s->arena = NULL;
	s->probes = NULL;
	s->nr_probes = 0;
}
