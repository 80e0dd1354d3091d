/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What user space turns the programs' raw values into when it prints
 * them: kernel addresses into symbols (/proc/kallsyms), user ones into
 * the symbols of the files mapped there (usym), stack ids into frames
 * (the stack maps), nanoseconds since boot into wall-clock time.
 */
#ifndef BAREBPF_TRACE_RESOLVE_H
#define BAREBPF_TRACE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "tools/trace/program.h"
#include "tools/trace/usym.h"

struct ksym {
	__u64 addr;
	__u32 name;		/* in ksym_names */
} __attribute__((packed));	/* 12 bytes: there are tens of thousands */

struct resolver {
	const struct compiler *c;
	int stack_fds[4];	/* as c->stack_depths */
	bool json;
	bool raw;		/* --raw: traced bytes as they are */
	struct ksym *ksyms;	/* sorted, loaded on first use */
	size_t nr_ksyms;
	bool ksyms_tried;
	char *ksym_names;
	size_t names_len;
	long long boot_to_real_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	struct usym_cache usyms;	/* ustack's names */
};

void resolver__init(struct resolver *r, const struct compiler *c);
void resolver__free(struct resolver *r);

/* The symbol at or before addr, or NULL; *off the distance from it. */
const char *resolve_ksym(struct resolver *r, __u64 addr, __u64 *off);

/* Process pid's function at addr, or NULL; *off the distance into it. */
const char *resolve_usym(struct resolver *r, int pid, __u64 addr, __u64 *off);

/*
 * The frames of stack id of the given depth: into pcs (up to max), the
 * count returned; 0 when the id is gone or negative.
 */
int resolve_stack(struct resolver *r, int depth, long long id, __u64 *pcs,
		  int max);

/* strftime's subset bpftrace scripts use, for ns of CLOCK_MONOTONIC. */
size_t resolve_time(struct resolver *r, const char *fmt, size_t fmt_len,
		    __u64 ns, bool monotonic, char *buf, size_t len);

#endif /* BAREBPF_TRACE_RESOLVE_H */
