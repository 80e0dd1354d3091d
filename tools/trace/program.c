// SPDX-License-Identifier: GPL-2.0
/* What a checked script compiles to: type names and sizes, its maps, freeing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/trace/program.h"

unsigned int type_slot_size(const struct type *t)
{
	switch (t->kind) {
	case TY_STR:
	case TY_BUF:
		return (t->size + 7) & ~7u;
	case TY_USTACK:
	case TY_TIMESTAMP:
	case TY_MIN: case TY_MAX: case TY_AVG: case TY_STATS:
		return 16;
	case TY_INET:
		return 24;
	default:
		return 8;
	}
}

const char *ty_name(const struct type *t, char *buf, size_t len)
{
	static const char *const names[] = {
		[TY_NONE] = "nothing", [TY_VOID] = "nothing", [TY_INT] = "int",
		[TY_STR] = "string", [TY_KSTACK] = "kstack", [TY_USTACK] = "ustack",
		[TY_KSYM] = "ksym", [TY_STRERROR] = "strerror", [TY_INET] = "ntop",
		[TY_TIMESTAMP] = "strftime", [TY_BUF] = "buf", [TY_COUNT] = "count()",
		[TY_SUM] = "sum()", [TY_MIN] = "min()", [TY_MAX] = "max()",
		[TY_AVG] = "avg()", [TY_STATS] = "stats()", [TY_HIST] = "hist()",
		[TY_LHIST] = "lhist()",
	};

	if (t->kind == TY_INT)
		snprintf(buf, len, "%sint%u", t->is_signed ? "" : "u", t->size * 8);
	else if (t->kind == TY_STR)
		snprintf(buf, len, "string[%u]", t->size);
	else
		snprintf(buf, len, "%s", names[t->kind]);
	return buf;
}

struct trace_map *compiler__map(struct compiler *c, const char *name)
{
	int i;

	for (i = 0; i < c->nr_maps; i++)
		if (!strcmp(c->maps[i].name, name))
			return &c->maps[i];
	return NULL;
}

void compiler__free(struct compiler *c)
{
	int i;

	for (i = 0; i < c->nr_progs; i++) {
		struct trace_prog *p = &c->progs[i];

		free(p->insns);
		free(p->lines);
		free(p->cols);
		free(p->name);
		tp_format__free(p->fmt);
	}
	for (i = 0; i < c->nr_maps; i++)
		if (c->maps[i].fd >= 0 && c->maps[i].fd < 1000)
			close(c->maps[i].fd);
	if (c->uses_join && c->join_fd >= 0 && c->join_fd < 1000)
		close(c->join_fd);
	for (i = 0; i < c->nr_stack_depths; i++)
		if (c->stack_fds[i] > 0 && c->stack_fds[i] < 1000)
			close(c->stack_fds[i]);
	free(c->progs);
	free(c->maps);
	free(c->fmts);
	c->progs = NULL;
	c->maps = NULL;
	c->fmts = NULL;
	c->nr_progs = c->nr_maps = c->nr_fmts = 0;
}
