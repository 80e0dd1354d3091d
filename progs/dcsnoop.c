// SPDX-License-Identifier: GPL-2.0
/* dcsnoop's programs: kprobes on lookup_fast() and d_lookup(). */
#include "progs/dcsnoop.h"
#include "progs/exit.h"
#include "progs/frame.h"
#include "progs/kernel_offsets.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"

int dcsnoop_offsets__from_btf(struct dcsnoop_offsets *o, const struct btf *btf,
			      char *what, size_t len)
{
	/* struct qstr's hash and len are in an anonymous union with hash_len. */
	const struct kernel_member m[] = {
		{ "nameidata", "last", 0, &o->nd_last, BTF_KIND_STRUCT },
		{ "qstr", "name", 8, &o->qstr_name, BTF_KIND_PTR },
		{ "qstr", "hash_len", 8, &o->qstr_hash_len, BTF_KIND_INT },
		{ "qstr", "len", 4, &o->qstr_len, BTF_KIND_INT },
	};

	return kernel_members_resolve(btf, m, sizeof(m) / sizeof(m[0]), what, len);
}

/* The stack, below r10. */
struct frame {
	struct dcsnoop_event ev;
	struct dcsnoop_pending pending;
	__u64 name;		/* the qstr's name pointer */
	__u64 hash_len;		/* and its hash_len */
	__u64 len;		/* and its len (u32) */
	__u32 key;		/* u32 tid */
	__u32 tree;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define PENDING(field) ((__s16)offsetof(struct dcsnoop_pending, field))

_Static_assert(sizeof(struct frame) == 384, "dcsnoop frame");

/*
 * Emit: the u64 at r10 + slot = *(u64 *)(qstr + off) (size bytes of it,
 * the rest zero). Uses r0-r5.
 */
static void emit_qstr_read(struct builder *b, const struct dcsnoop_config *cfg,
			   int qstr, __u32 off, int size, __s16 slot)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, slot, 0));
	emit_probe_read(b, cfg->features->read_kernel, BPF_REG_10, slot, size,
			qstr, (int)off);
}

/*
 * Emit: send a record of type for the struct qstr at qstr (a callee-saved
 * register): who, and the name's len bytes (a dentry's name is no C
 * string inside a path: "a/b" has last "a" of len 1). Uses r0-r5 and r9.
 */
static void emit_send(struct builder *b, const struct dcsnoop_config *cfg,
		      enum dcsnoop_type type, int qstr)
{
	const struct record_who who = {
		.time_ns = SLOT(ev.time_ns), .pid = SLOT(ev.pid),
		.tid = SLOT(ev.tid), .uid = SLOT(ev.uid), .comm = SLOT(ev.comm),
	};
	char named[BUILDER_NAME_MAX], send[BUILDER_NAME_MAX];

	builder__local_label(b, named, "named");
	builder__local_label(b, send, "send");
	record_emit_who(b, BPF_REG_10, &who);
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ev.type), type),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ev.pad), 0));

	/* r9 = len, at most DCSNOOP_NAME_MAX; the name's bytes after the header */
	emit_qstr_read(b, cfg, qstr, cfg->offsets->qstr_name, 8, SLOT(name));
	emit_qstr_read(b, cfg, qstr, cfg->offsets->qstr_len, 4, SLOT(len));
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_10, SLOT(len)));
	JUMP(b, BPF_JMP_IMM(BPF_JLE, BPF_REG_9, DCSNOOP_NAME_MAX, 0), named);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_9, DCSNOOP_NAME_MAX));
	LABEL(b, named);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_9, 0, 0), send);
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, SLOT(ev.name)),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_9),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(name)),
	     BPF_EMIT_CALL(cfg->features->read_kernel));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), send);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_9, 0));	/* unreadable: no name */
	LABEL(b, send);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_9, SLOT(ev.name_len)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(ev)),
	     BPF_MOV64_REG(BPF_REG_5, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, offsetof(struct dcsnoop_event, name)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));
}

int dcsnoop_build_fast(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct dcsnoop_config *cfg = arg;
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* r8 = &nd->last: the name the walk looks up */
	callregs_emit_arg(b, cfg->regs, BPF_REG_8, BPF_REG_6, 0);
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_8, (__s32)cfg->offsets->nd_last));
	if (cfg->all)
		emit_send(b, cfg, DCSNOOP_REFERENCE, BPF_REG_8);

	/* lookups[tid] = { &nd->last for the return }: no miss pending */
	for (i = 0; i < (int)(sizeof(struct dcsnoop_pending) / 8); i++)
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, (__s16)(SLOT(pending) + 8 * i), 0));
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_8, SLOT(pending.fast_qstr)));
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "lookups", SLOT(key), SLOT(pending), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int dcsnoop_build_fast_ret(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct dcsnoop_config *cfg = arg;

	(void)fmt;
	/* r7 = lookups[tid], r8 = the name looked up, or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "lookups", BPF_REG_7, SLOT(key), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_7, PENDING(fast_qstr)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_7, PENDING(fast_qstr), 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "out");
	/* A dentry, or an error (ERR_PTR): not a miss. */
	callregs_emit_ret(b, cfg->regs, BPF_REG_1, BPF_REG_6);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");

	/* a miss: the name, kept for d_lookup to know it, and sent */
	emit_qstr_read(b, cfg, BPF_REG_8, cfg->offsets->qstr_hash_len, 8, SLOT(hash_len));
	emit_send(b, cfg, DCSNOOP_MISS, BPF_REG_8);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(name)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, PENDING(missed_name)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(hash_len)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, PENDING(missed_hash_len)));
	exit_emit_out(b);
	return 0;
}

int dcsnoop_build_d_lookup(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct dcsnoop_config *cfg = arg;
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* r8 = the name (a struct qstr *), its pointer and hash_len */
	callregs_emit_arg(b, cfg->regs, BPF_REG_8, BPF_REG_6, 1);
	emit_qstr_read(b, cfg, BPF_REG_8, cfg->offsets->qstr_name, 8, SLOT(name));
	emit_qstr_read(b, cfg, BPF_REG_8, cfg->offsets->qstr_hash_len, 8, SLOT(hash_len));

	/* A thread seen before: is this the name its lookup_fast just missed? */
	record_emit_key(b, SLOT(key));
	emit_map_lookup(b, "lookups", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "new");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_8, PENDING(dl_qstr)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_7, PENDING(dl_same), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(missed_name)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(name)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_7, PENDING(missed_name), 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(missed_hash_len)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(hash_len)));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "out");
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_7, PENDING(dl_same), 1));
	JUMP(b, BPF_JMP_A(0), "out");

	/* else lookups[tid] = { the name for the return } */
	LABEL(b, "new");
	for (i = 0; i < (int)(sizeof(struct dcsnoop_pending) / 8); i++)
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, (__s16)(SLOT(pending) + 8 * i), 0));
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_8, SLOT(pending.dl_qstr)));
	record_emit_keep(b, "lookups", SLOT(key), SLOT(pending), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int dcsnoop_build_d_lookup_ret(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct dcsnoop_config *cfg = arg;

	(void)fmt;
	/* r7 = lookups[tid], r8 = the name looked up, or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "lookups", BPF_REG_7, SLOT(key), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_7, PENDING(dl_qstr)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_7, PENDING(dl_qstr), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(dl_same)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "out");
	/* The miss lookup_fast has just shown: not twice. */
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	callregs_emit_ret(b, cfg->regs, BPF_REG_1, BPF_REG_6);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	emit_send(b, cfg, DCSNOOP_MISS, BPF_REG_8);
	exit_emit_out(b);
	return 0;
}

/* Returns first, so no entry is kept that no return will see. */
const struct probe dcsnoop_probes[] = {
	{ "dc_fast_ret", "kretprobe", "lookup_fast", dcsnoop_build_fast_ret,
	  PROBE_KPROBE | PROBE_RETPROBE },
	{ "dc_dlookup_ret", "kretprobe", "d_lookup", dcsnoop_build_d_lookup_ret,
	  PROBE_KPROBE | PROBE_RETPROBE },
	{ "dc_fast", "kprobe", "lookup_fast", dcsnoop_build_fast, PROBE_KPROBE },
	{ "dc_dlookup", "kprobe", "d_lookup", dcsnoop_build_d_lookup, PROBE_KPROBE },
};
