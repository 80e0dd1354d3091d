/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Maps printed as bpftrace prints them: "@name[k1, k2]: value" lines in
 * value order, hist() and lhist() as bucket lines with 52-wide bars,
 * avg() and stats() lines; or, with -f json, one NDJSON record per map.
 * Per-CPU values are summed (min and max taken) over the CPUs.
 */
#ifndef BAREBPF_TRACE_MAPPRINT_H
#define BAREBPF_TRACE_MAPPRINT_H

#include <linux/types.h>
#include "tools/trace/printf.h"
#include "tools/trace/resolve.h"

/* The bucket lines of hist() counts (nb buckets), as bpftrace prints them. */
void hist_render(struct sbuf *b, const __u64 *counts, int nb, __u64 div);

/* The same for lhist(min, max, step), buckets + 2 counts. */
void lhist_render(struct sbuf *b, const __u64 *counts, int nb, long long min,
		  long long max, long long step);

/* Read map m whole and print it (top: the last top entries; div: divide). */
int map_print(struct resolver *r, const struct trace_map *m, __u64 top, __u64 div);

/* Delete every entry (clear), or set every value to zero (zero). */
int map_clear(const struct trace_map *m, bool zero, int ncpus);

#endif /* BAREBPF_TRACE_MAPPRINT_H */
