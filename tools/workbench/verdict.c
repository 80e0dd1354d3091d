// SPDX-License-Identifier: GPL-2.0
/* The verifier's log, read for a person. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"
#include "tools/workbench/verdict.h"

/* Where source notes start, past the kernel's own "; R1=..." column. */
#define NOTE_COL	48

/* Lines the statistics summary says again, so left out of the log. */
static bool stats_line(const char *line)
{
	return !strncmp(line, "processed ", 10) ||
	       !strncmp(line, "verification time ", 18) ||
	       !strncmp(line, "stack depth ", 12);
}

/* "12: (bf) ..." names instruction 12; -1 for other lines. */
static long insn_line(const char *line)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*line))
		return -1;
	v = strtol(line, &end, 10);
	return end[0] == ':' && end[1] == ' ' && end[2] == '(' ? v : -1;
}

/* The instruction a message names as "insn N", or -1. */
static long insn_named(const char *line, size_t len)
{
	const char *p = line, *end = line + len;

	while ((p = memmem(p, (size_t)(end - p), "insn ", 5))) {
		p += 5;
		if (p < end && isdigit((unsigned char)*p))
			return strtol(p, NULL, 10);
	}
	return -1;
}

static void print_source(const char *sep, const struct verdict_source *src,
			 long insn)
{
	const char *text;
	int len;

	text = source_line(src->text, src->lines[insn], &len);
	/* The source is a file anyone may have written: escaped. */
	out_printf("%s%s:%d: ", sep, src->path, src->lines[insn]);
	out_esc(text, (size_t)len);
}

/* The next line from *pos, its length in *len; NULL at the end. */
static const char *next_line(const char **pos, size_t *len)
{
	const char *line = *pos, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	*len = nl ? (size_t)(nl - line) : strlen(line);
	*pos = line + *len + (nl != NULL);
	return line;
}

static bool has_source(const struct verdict_source *src, long insn)
{
	return src && src->lines && insn >= 0 && (size_t)insn < src->nr;
}

/* One log line, and the source of the instruction it names. */
static void print_log_line(const char *line, size_t len,
			   const struct verdict_source *src)
{
	long insn = insn_line(line);

	if (insn < 0)
		insn = insn_named(line, len);
	out_printf("  %.*s", (int)len, line);
	if (has_source(src, insn)) {
		out_printf("%*s", len < NOTE_COL ? (int)(NOTE_COL - len) : 2, "");
		print_source("| ", src, insn);
	}
	out_char('\n');
}

/* The number after key in the log, or -1. */
static long log_value(const char *log, const char *key)
{
	const char *p = strstr(log, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static void print_stats(const char *log)
{
	long processed = log_value(log, "processed "), usec;
	const char *depth = strstr(log, "stack depth ");

	if (processed < 0)
		return;
	out_printf("statistics: %ld instructions processed (limit %ld), %ld states (peak %ld, at most %ld per instruction)",
		   processed, log_value(log, "(limit "),
		   log_value(log, "total_states "), log_value(log, "peak_states "),
		   log_value(log, "max_states_per_insn "));
	if (depth) {
		depth += 12;
		out_printf(", stack depth %.*s", (int)strcspn(depth, "\n"), depth);
	}
	usec = log_value(log, "verification time ");
	if (usec >= 0)
		out_printf(", %ld us", usec);
	out_char('\n');
}

/* The lines after the last instruction line: the verifier's reason. */
static void print_reason(const char *log, const struct verdict_source *src)
{
	const char *pos = log, *from = log, *line;
	long insn = verifier_log__failing_insn(log);
	size_t len;

	while ((line = next_line(&pos, &len)))
		if (insn_line(line) >= 0)
			from = pos;
	if (insn >= 0) {
		out_printf("stopped at instruction %ld", insn);
		if (has_source(src, insn))
			print_source(", ", src, insn);
		out_char('\n');
	}
	pos = from;
	while ((line = next_line(&pos, &len)))
		if (len && !stats_line(line))
			print_log_line(line, len, src);
}

int verdict_load(struct verdict *v, enum bpf_prog_type type,
		 const struct bpf_insn *insns, size_t n,
		 const struct bpf_prog_load_opts *opts, int log_level)
{
	memset(v, 0, sizeof(*v));
	v->log.level = (__u32)log_level;
	if (log_level) {
		v->log.stats = true;
		v->log.size = v->log.size_max = VERDICT_LOG_SIZE;
	}
	v->fd = prog_load(type, insns, n, opts, &v->log);
	return v->fd;
}

void verdict__free(struct verdict *v)
{
	prog_log__free(&v->log);
}

int print_verdict(const char *what, const struct verdict *v,
		  const struct verdict_source *src, long max_lines)
{
	const char *log = v->log.text, *pos = log, *line;
	bool header = false;
	long lines = 0, skip;
	int fd = v->fd;
	size_t len;

	if (fd >= 0)
		out_printf("ACCEPTED: %s\n", what);
	else
		out_printf("REJECTED: %s: %s\n", what, strerror(-fd));
	if (!log || !*log) {
		if (fd < 0)
			out_str("the kernel refused it before the verifier ran (no log)\n");
		return fd >= 0 ? 0 : EXIT_FAIL;
	}
	while ((line = next_line(&pos, &len)))
		lines += len && !stats_line(line);
	skip = max_lines && lines > max_lines ? lines - max_lines : 0;
	pos = log;
	while ((line = next_line(&pos, &len))) {
		if (!len || stats_line(line))
			continue;
		if (!header) {
			out_str("verifier log:\n");
			if (v->log.cut)
				out_printf("  ... (longer than %u MiB: the kernel kept only its %s)\n",
					   VERDICT_LOG_SIZE >> 20,
					   v->log.head_kept ? "start" : "end");
			if (skip)
				out_printf("  ... (%ld lines before these; --full-log shows them)\n",
					   skip);
		}
		header = true;
		if (skip) {
			skip--;
			continue;
		}
		print_log_line(line, len, src);
	}
	/* A log cut at its end has lost why; the verdict's own log says. */
	if (v->log.head_kept && v->log.reason)
		log = v->log.reason;
	if (fd < 0) {
		out_str("why:\n");
		print_reason(log, src);
	}
	print_stats(log);
	return fd >= 0 ? 0 : EXIT_FAIL;
}
