// SPDX-License-Identifier: GPL-2.0
/* biosnoop's programs. */
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"
#include "progs/biosnoop.h"

/* The stack, below r10. */
struct frame {
	union {
		struct biosnoop_request req;
		struct biosnoop_event ev;
	};
	struct biosnoop_key key;
	__u32 tree;
	__u32 counter;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define REQ(field) ((__s16)offsetof(struct biosnoop_request, field))

_Static_assert(sizeof(struct frame) == 112, "biosnoop frame");

/* Emit: the key of the request this record is about, at SLOT(key). */
static void emit_key(struct builder *b, const struct tp_format *fmt)
{
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "sector");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(key.sector)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "dev");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key.dev)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(key.pad), 0));
}

/*
 * Emit: unless the disk and the current task pass the filters, goto
 * out; else requests[key] = a new request, made now by the current
 * task; issued now too when issued. Uses r0-r5.
 */
static void emit_make(struct builder *b, const struct tp_format *fmt,
		      const struct biosnoop_config *cfg, bool issued)
{
	if (cfg->dev) {
		/* A dev_t past 2^31 must not be sign-extended: a 64-bit constant. */
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(key.dev)),
		     BPF_LD_IMM64(BPF_REG_2, cfg->dev));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "out");
	}
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));
	record_emit_time(b, BPF_REG_10, issued ? SLOT(req.issue_ns) : SLOT(req.queued_ns));
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10,
			   issued ? SLOT(req.queued_ns) : SLOT(req.issue_ns), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(req.pad), 0));
	record_emit_ids(b, BPF_REG_10, SLOT(req.tid), SLOT(req.pid));
	record_emit_comm(b, BPF_REG_10, SLOT(req.comm));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "bytes");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(req.bytes)));
	record_emit_keep(b, "requests", SLOT(key), SLOT(req), SLOT(counter));
}

int biosnoop_build_make(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	const struct biosnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_key(b, fmt);
	if (!cfg->made_at_start) {
		/* Inserted again after a requeue: queued since now. */
		emit_map_lookup(b, "requests", SLOT(key));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "new");
		EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
		     BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
		     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_0, REQ(queued_ns)));
		JUMP(b, BPF_JMP_A(0), "out");
		LABEL(b, "new");
	}
	emit_make(b, fmt, cfg, false);
	exit_emit_out(b);
	return 0;
}

int biosnoop_build_issue(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct biosnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_key(b, fmt);

	/* A request made while we watched: issued now, of this size. */
	emit_map_lookup(b, "requests", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "new");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "bytes");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, REQ(bytes)),
	     BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_0, REQ(issue_ns)));
	JUMP(b, BPF_JMP_A(0), "out");

	/* Else, where requests are not all made at block_io_start: made here. */
	LABEL(b, "new");
	if (!cfg->made_at_start)
		emit_make(b, fmt, cfg, true);
	exit_emit_out(b);
	return 0;
}

/* Emit: the record's rwbs, NUL-terminated, from the record's "rwbs" field. */
static void emit_rwbs(struct builder *b, const struct tp_format *fmt,
		      const struct prog_features *f)
{
	const struct tp_field *rwbs = tp_field_need(b, fmt, "rwbs");
	__u32 size;

	if (!rwbs)
		return;
	size = rwbs->size < BIOSNOOP_RWBS_LEN ? rwbs->size : BIOSNOOP_RWBS_LEN - 1;
	record_emit_on_stack(b, BPF_REG_1, SLOT(ev.rwbs), BIOSNOOP_RWBS_LEN);
	emit_probe_read(b, f->read_kernel, BPF_REG_10, SLOT(ev.rwbs), (int)size,
			BPF_REG_6, (int)rwbs->offset);
}

int biosnoop_build_complete(struct builder *b, const struct tp_format *fmt,
			    void *arg)
{
	const struct biosnoop_config *cfg = arg;
	const char *error = tp_format__field(fmt, "errors") ? "errors" : "error";

	/* r7 = requests[key], or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_key(b, fmt);
	emit_map_lookup(b, "requests", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_7, REQ(issue_ns)));
	/* Issued before tracing began: no latency to tell. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "forget");

	/* the record: when, latency from issue, queued time, who, what */
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT(ev.time_ns)),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_0, BPF_REG_8),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT(ev.latency_ns)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(ev.queue_ns), -1),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, REQ(queued_ns)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "unqueued");
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_8),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_2, SLOT(ev.queue_ns)));
	LABEL(b, "unqueued");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(key.sector)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.sector)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(key.dev)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.dev)),
	     /* pid, tid, bytes; comm, 16 */
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, REQ(pid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.pid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, REQ(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, REQ(bytes)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.bytes)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, REQ(comm)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.comm)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, REQ(comm) + 8),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(ev.comm) + 8),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ev.pad), 0));
	if (tp_format__field(fmt, error)) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, error);
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(ev.error)));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ev.error), 0));
	}
	emit_rwbs(b, fmt, cfg->features);

	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(ev)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct biosnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: the request goes */
	record_emit_done(b, "requests", SLOT(key));
	return 0;
}

int biosnoop_build_forget(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_key(b, fmt);
	emit_map_delete(b, "requests", SLOT(key));
	exit_emit_return(b);
	return 0;
}

/*
 * Completions first, so no request is kept whose end goes unseen; then
 * merges and issues. Where requests are made comes last:
 * biosnoop_make_probes[0] where the kernel has block_io_start, else [1].
 */
const struct probe biosnoop_probes[] = {
	{ "bio_complete", "block", "block_rq_complete", biosnoop_build_complete, 0 },
	{ "bio_merge", "block", "block_rq_merge", biosnoop_build_forget, PROBE_OPTIONAL },
	{ "bio_issue", "block", "block_rq_issue", biosnoop_build_issue, 0 },
};

const struct probe biosnoop_make_probes[] = {
	{ "bio_start", "block", "block_io_start", biosnoop_build_make, 0 },
	{ "bio_insert", "block", "block_rq_insert", biosnoop_build_make, 0 },
};
