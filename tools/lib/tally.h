/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counts per key (a syscall, a pid) read from a map whose counts only
 * grow: each read sets a key's running totals, and a print shows what
 * grew since the last one, so nothing is lost between reading a map and
 * clearing it. A key whose kernel entry is removed (a process gone) is
 * retired: its last totals stay until printed, then the row goes, and a
 * pid used again starts afresh.
 */
#ifndef BAREBPF_TOOLS_TALLY_H
#define BAREBPF_TOOLS_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define TALLY_COMM_LEN	16

struct tally_row {
	__u32 key;
	bool live;			/* the kernel still has an entry */
	__u64 done_count, done_ns;	/* final totals of retired entries */
	__u64 live_count, live_ns;	/* the kernel entry's running totals */
	__u64 base_count, base_ns;	/* all totals at the last print */
	char comm[TALLY_COMM_LEN];
};

struct tally {
	struct tally_row *rows;		/* sorted by key */
	size_t n, cap;
};

/* What a key grew by since the last print. */
struct tally_delta {
	__u32 key;
	__u64 count, ns;
	const char *comm;		/* the row's, valid until the next call */
};

/*
 * Set key's running totals to what its kernel entry holds now; comm
 * (NULL or "" to keep the last one) names it. Returns 0 or -ENOMEM.
 */
int tally__set(struct tally *t, __u32 key, __u64 count, __u64 ns,
	       const char *comm);

/* key's kernel entry was removed: its running totals are final. */
void tally__retire(struct tally *t, __u32 key);

/*
 * The keys that grew since the last print, into out (room for t->n),
 * largest count first, or largest ns with by_time; ties by key. Returns
 * how many.
 */
size_t tally__deltas(const struct tally *t, bool by_time,
		     struct tally_delta *out);

/* After a print: what grew is shown, retired keys go. */
void tally__rebase(struct tally *t);

void tally__free(struct tally *t);

#endif /* BAREBPF_TOOLS_TALLY_H */
