/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the verifier said of a program, printed for a person: ACCEPTED or
 * REJECTED, the log with each instruction it names shown beside the
 * source line it came from, where it stopped and why, and its statistics.
 */
#ifndef BAREBPF_TOOLS_VERDICT_H
#define BAREBPF_TOOLS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include "loader/bpf.h"
#include "loader/prog.h"

/*
 * The verifier's log is kept up to this size. Kernels from 6.4 keep the
 * end of a longer log (where the reason is); older ones its beginning.
 */
#define VERDICT_LOG_SIZE	(4u << 20)

/* Log lines shown by default: the last ones, where the reason is. */
#define VERDICT_LOG_LINES	400

struct verdict {
	int fd;				/* what the load returned */
	struct prog_log log;		/* what the verifier said */
};

/*
 * Load with the log at log_level, plus the verifier's statistics, in
 * VERDICT_LOG_SIZE: a longer log is cut (loader/prog.h says how the
 * verdict's reason is still had). log_level 0: a log only if the kernel
 * refuses the program, without statistics. Returns v->fd.
 */
int verdict_load(struct verdict *v, enum bpf_prog_type type,
		 const struct bpf_insn *insns, size_t n,
		 const struct bpf_prog_load_opts *opts, int log_level);

void verdict__free(struct verdict *v);

/* Where the instructions came from; all NULL for an object file. */
struct verdict_source {
	const char *path;		/* FILE.s */
	const char *text;		/* its text */
	const int *lines;		/* lines[slot]: source line */
	size_t nr;			/* slots */
};

/*
 * what names the program ("bad.s as tracepoint"). Prints through
 * out_printf the last max_lines lines of the log (0: all of it). Returns
 * 0 when accepted, else EXIT_FAIL.
 */
int print_verdict(const char *what, const struct verdict *v,
		  const struct verdict_source *src, long max_lines);

#endif /* BAREBPF_TOOLS_VERDICT_H */
