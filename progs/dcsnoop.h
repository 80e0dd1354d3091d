/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dcsnoop: lookups in the directory entry cache. No tracepoint sees
 * them: the programs are kprobes (loader/kprobe.h), their arguments
 * read from the registers (progs/callregs.h), the names from the
 * kernel's structs with offsets from BTF.
 *
 *	lookup_fast(nd)		a path walk looks nd->last up in the dcache:
 *				with -a, a reference ('R')
 *	lookup_fast returns	NULL: not in the dcache, the file system is
 *				asked: a miss ('M')
 *	d_lookup(parent, name)	the lookups create, unlink, rename and
 *				open's own make (bcc's dcsnoop watches only
 *				this one)
 *	d_lookup returns	NULL: a miss ('M'), unless it is the very
 *				name the walk's lookup_fast has just missed
 *				(open() of a name not cached asks both): the
 *				same miss, shown once
 *
 * What entry keeps for return is in an LRU hash by thread id: a return
 * that never comes (a kretprobe missed) leaves an entry the next entry
 * of the thread replaces, and the LRU pushes out a gone thread's.
 */
#ifndef BAREBPF_PROGS_DCSNOOP_H
#define BAREBPF_PROGS_DCSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/btf.h"
#include "loader/format.h"
#include "progs/callregs.h"
#include "progs/features.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define DCSNOOP_COMM_LEN	16
#define DCSNOOP_NAME_MAX	255	/* NAME_MAX: a dentry's name, whole */
#define DCSNOOP_THREADS		8192	/* threads looking up at once */

enum dcsnoop_type {
	DCSNOOP_MISS = 'M',
	DCSNOOP_REFERENCE = 'R',
};

/* What entries keep for returns ("lookups" map value). */
struct dcsnoop_pending {
	__u64 fast_qstr;	/* lookup_fast's &nd->last, until it returns */
	__u64 dl_qstr;		/* d_lookup's name, until it returns */
	__u64 missed_name;	/* the name lookup_fast last missed: qstr.name */
	__u64 missed_hash_len;	/* ... and qstr.hash_len */
	__u64 dl_same;		/* d_lookup's name is the one just missed */
};

_Static_assert(sizeof(struct dcsnoop_pending) == 40, "dcsnoop_pending layout");

struct dcsnoop_event {
	__u64 time_ns;
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 type;		/* enum dcsnoop_type */
	__u32 name_len;		/* bytes of name */
	__u32 pad;
	char comm[DCSNOOP_COMM_LEN];
	char name[DCSNOOP_NAME_MAX + 1];	/* not NUL-terminated: name_len says */
};

_Static_assert(offsetof(struct dcsnoop_event, comm) == 32, "dcsnoop_event layout");
_Static_assert(sizeof(struct dcsnoop_event) == 304, "dcsnoop_event layout");

/* Byte offsets of the members read. */
struct dcsnoop_offsets {
	__u32 nd_last;			/* struct nameidata: last, a struct qstr */
	__u32 qstr_name;		/* struct qstr: name, a pointer */
	__u32 qstr_hash_len;		/* hash_len, a u64 */
	__u32 qstr_len;			/* len, a u32 */
};

/*
 * Fill o from btf. -ENOENT when a struct or member is missing, -EINVAL
 * when one is not what is read; what (len bytes) then names it.
 */
int dcsnoop_offsets__from_btf(struct dcsnoop_offsets *o, const struct btf *btf,
			      char *what, size_t len);

struct dcsnoop_config {
	const struct prog_features *features;
	const struct dcsnoop_offsets *offsets;
	const struct callregs *regs;
	struct task_filter who;	/* -p, -t, -- COMMAND */
	int all;		/* -a: references too */
};

/*
 * Programs; cfg is a struct dcsnoop_config; no format (kprobes). Maps:
 * "events", "counters", "tree" (with cfg->who.tree) and "lookups" (LRU
 * hash u32 tid -> struct dcsnoop_pending).
 */
int dcsnoop_build_fast(struct builder *b, const struct tp_format *fmt, void *cfg);
int dcsnoop_build_fast_ret(struct builder *b, const struct tp_format *fmt, void *cfg);
int dcsnoop_build_d_lookup(struct builder *b, const struct tp_format *fmt, void *cfg);
int dcsnoop_build_d_lookup_ret(struct builder *b, const struct tp_format *fmt, void *cfg);

/*
 * The returns, then the entries: [0] and [2] for lookup_fast, [1] and
 * [3] for d_lookup, each event the function's plain name (the tool puts
 * the name /proc/kallsyms gives in its place: lookup_fast.isra.0).
 */
extern const struct probe dcsnoop_probes[4];

#endif /* BAREBPF_PROGS_DCSNOOP_H */
