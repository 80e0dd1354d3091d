// SPDX-License-Identifier: GPL-2.0
/* -d's listings, and the verifier's refusals, in the script's terms. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "asm/disasm.h"
#include "loader/prog.h"
#include "tools/trace/listing.h"

/* Where the notes start, past the instruction's text. */
#define NOTE_COL	40

struct line_out {
	FILE *f;
	const struct compiler *c;
	const struct trace_prog *p;
	size_t index;
};

/* A map load shown by the map's name, as "barebpf asm" reads it back. */
static const char *map_name(void *ctx, const struct bpf_insn *insn, __u64 imm,
			    char *buf, size_t len)
{
	const struct compiler *c = ((const struct line_out *)ctx)->c;
	int i;

	(void)imm;
	if (insn->src_reg != BPF_PSEUDO_MAP_FD)
		return NULL;
	if (insn->imm == c->events_fd) {
		snprintf(buf, len, "map[events]");
		return buf;
	}
	if (c->tree && insn->imm == c->tree_fd) {
		snprintf(buf, len, "map[tree]");
		return buf;
	}
	if (c->uses_join && insn->imm == c->join_fd) {
		snprintf(buf, len, "map[join]");
		return buf;
	}
	for (i = 0; i < c->nr_maps; i++)
		if (c->maps[i].fd == insn->imm) {
			snprintf(buf, len, "map[%s]", c->maps[i].bname);
			return buf;
		}
	for (i = 0; i < c->nr_stack_depths; i++)
		if (c->stack_fds[i] == insn->imm) {
			snprintf(buf, len, "map[stack_%d]", c->stack_depths[i]);
			return buf;
		}
	return NULL;
}

static const char *map_type(const struct trace_map *m)
{
	if (m->array)
		return m->percpu ? "percpu_array" : "array";
	return m->percpu ? "percpu_hash" : "hash";
}

static void print_maps(const struct compiler *c, FILE *f)
{
	int i;

	fprintf(f, ".map events perf_event_array 4 4 %d\n", c->ncpus);
	if (c->tree)
		fprintf(f, ".map tree hash 4 4 16384%s\n",
			c->features->hash_no_prealloc ? " 1" : "");
	if (c->uses_join)
		fprintf(f, ".map join percpu_array 4 %d 1\n", TRACE_JOIN_SIZE);
	for (i = 0; i < c->nr_maps; i++) {
		const struct trace_map *m = &c->maps[i];

		fprintf(f, ".map %s %s %u %u %u", m->bname, map_type(m),
			m->key_size, (m->value_size + 7) & ~7u, m->max_entries);
		fprintf(f, m->flags ? " %u\n" : "\n", m->flags);
	}
	for (i = 0; i < c->nr_stack_depths; i++)
		fprintf(f, ".map stack_%d stack_trace 4 %d %d\n", c->stack_depths[i],
			c->stack_depths[i] * 8, TRACE_STACK_ENTRIES);
}

static void print_insn(void *ctx, const char *text)
{
	struct line_out *o = ctx;
	int n = fprintf(o->f, "%4zu: %s", o->index, text);

	fprintf(o->f, "%*s; %d:%d\n", n < NOTE_COL ? NOTE_COL - n : 1, "",
		o->p->lines[o->index], o->p->cols[o->index]);
}

void listing_print(const struct compiler *c, FILE *f)
{
	struct line_out o = { .f = f, .c = c };
	struct disasm_cbs cbs = { .print = print_insn, .imm64 = map_name,
				  .ctx = &o };
	int i, n;

	for (i = 0; i < c->nr_progs; i++) {
		const struct trace_prog *p = &c->progs[i];
		const struct probe_point *pt = &p->block->points[p->point];

		if (p->same_as >= 0) {
			fprintf(f, "; %s (%s:%d:%d): the program of %s\n\n", p->name,
				c->script->file, pt->line, pt->col,
				c->progs[p->same_as].name);
			continue;
		}
		fprintf(f, "; %s (%s:%d:%d), %zu instructions\n", p->name,
			c->script->file, pt->line, pt->col, p->len);
		fprintf(f, ".type %s\n", p->kind == PK_TRACEPOINT ? "tracepoint" :
			"perf_event");
		print_maps(c, f);
		o.p = p;
		for (o.index = 0; o.index < p->len; o.index += (size_t)n) {
			n = disasm_insn(&cbs, p->insns + o.index, p->len - o.index);
			if (n < 1)
				break;
		}
		fputc('\n', f);
	}
}

/* "12: (bf) ..." names instruction 12; -1 for other lines. */
static long insn_of(const char *line)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*line))
		return -1;
	v = strtol(line, &end, 10);
	return end[0] == ':' && end[1] == ' ' ? v : -1;
}

static void source_note(const struct compiler *c, const struct trace_prog *p,
			long insn, int pad)
{
	const char *text;
	int len;

	if (insn < 0 || (size_t)insn >= p->len)
		return;
	text = diag_line(c->script->text, p->lines[insn], &len);
	while (len && (*text == ' ' || *text == '\t'))
		text++, len--;
	fprintf(stderr, "%*s| %s:%d:%d: %.*s", pad > 1 ? pad : 2, "", c->script->file,
		p->lines[insn], p->cols[insn], len > 60 ? 60 : len, text);
}

/* The first line of a log's messages that is no statistic. */
static const char *first_message(const char *reason, int *len)
{
	*len = (int)strcspn(reason, "\n");
	while (*len && (!strncmp(reason, "processed ", 10) || !*reason)) {
		reason += *len + (reason[*len] == '\n');
		*len = (int)strcspn(reason, "\n");
	}
	return reason;
}

void listing_rejection(const struct compiler *c, const struct trace_prog *p,
		       const struct prog_log *plog)
{
	const char *log = plog->text, *line = log, *nl, *reason = NULL;
	long insn, failing = log ? verifier_log__failing_insn(log) : -1;
	struct diag d;
	int len;

	if (!log || !*log) {
		fprintf(stderr, "(the kernel refused it before the verifier ran: no log)\n");
		return;
	}
	fprintf(stderr, "verifier log:\n");
	for (; *line; line = nl ? nl + 1 : line + len) {
		nl = strchr(line, '\n');
		len = nl ? (int)(nl - line) : (int)strlen(line);
		if (!len)
			continue;
		fprintf(stderr, "  %.*s", len, line);
		insn = insn_of(line);
		if (insn >= 0) {
			source_note(c, p, insn, NOTE_COL + 8 - len);
			reason = nl ? nl + 1 : NULL;
		}
		fputc('\n', stderr);
		if (!nl)
			break;
	}
	/*
	 * Cut, its start kept: its last instruction is not where the
	 * verifier stopped, and only the verdict's own log says why.
	 */
	if (plog->cut && plog->head_kept && plog->reason) {
		fprintf(stderr, "  ... (cut: this kernel keeps a long log's start)\n");
		reason = first_message(plog->reason, &len);
		fprintf(stderr, "why (at an instruction past the log's start): %.*s\n",
			len, reason);
		return;
	}
	if (failing < 0 || (size_t)failing >= p->len)
		return;
	/* why: the verifier's own words, at the script's expression */
	diag__init(&d, c->script->file, c->script->text);
	len = 0;
	if (reason)
		reason = first_message(reason, &len);
	diag__error(&d, p->lines[failing], p->cols[failing], 1,
		    "%.*s (instruction %ld)", len, reason ? reason : "", failing);
	fprintf(stderr, "why: ");
	diag__print(&d, stderr);
}
