// SPDX-License-Identifier: GPL-2.0
/* opensnoop's programs. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/opensnoop.h"
#include "progs/record.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/exit.h"

#define EV(field) ((__s16)offsetof(struct opensnoop_event, field))
/* What openat2 reads of the caller's struct open_how: flags and mode. */
#define HOW_READ ((int)offsetof(struct open_how, resolve))

/* The stack frame: entry's, and exit's where they differ. */
struct opensnoop_frame {
	struct pathwalk_stack walk;	/* exit: the walk's own */
	__u32 counter;
	__u32 tree;
	struct open_how how;		/* entry: openat2's, read in */
	union {
		struct opensnoop_pending pending;	/* entry */
		struct {
			__u64 unused[2];
			__u64 path_len;		/* exit: kept across the walk */
		};
	};
	__u32 zero;			/* the scratch map's key */
	__u32 key;			/* the tid */
};

FRAME_FITS(struct opensnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct opensnoop_frame, member)
#define PENDING(field)	SLOT(pending.field)
#define HOW(field)	SLOT(how.field)

/* The comm follows the arguments: written apart. */
static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), RECORD_NONE,
};

int opensnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct opensnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* pending = { filename, flags, mode, dirfd } from the arguments */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "filename");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, PENDING(filename_ptr)));
	if (tp_format__field(fmt, "dfd")) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "dfd");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(dirfd)));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, PENDING(dirfd), AT_FDCWD));
	}
	if (tp_format__field(fmt, "how")) {
		/* openat2: flags and mode live in the caller's struct open_how. */
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, HOW(flags), 0),
		     BPF_ST_MEM(BPF_DW, BPF_REG_10, HOW(mode), 0));
		emit_probe_read_field(b, cfg->features->read_user, BPF_REG_10,
				      SLOT(how), HOW_READ, BPF_REG_6, fmt, "how");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, HOW(flags)),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, PENDING(flags)),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, HOW(mode)),
		     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(mode)));
	} else {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "flags");
		EMIT(b, BPF_MOV32_REG(BPF_REG_1, BPF_REG_1),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, PENDING(flags)));
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "mode");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(mode)));
	}

	/* opens[tid] = pending */
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "opens", SLOT(key), SLOT(pending), SLOT(counter));

	exit_emit_out(b);
	return 0;
}

/*
 * Emit, for a relative path: the names of the directory it was opened
 * in, after the path's NUL, and r8 += their length. r8 holds the path's
 * length, r9 the record; uses r0-r5 and r7.
 */
static void emit_walk(struct builder *b, const struct opensnoop_config *cfg)
{
	const struct pathwalk_regs regs = {
		.rec = BPF_REG_9,
		.dst = BPF_REG_7,
		.cur = BPF_REG_8,
		.dirfd_off = EV(dirfd),
		.len_off = EV(dir_len),
		.state_off = EV(dir_state),
		.stack_off = SLOT(walk),
	};

	EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_9, EV(path)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, '/', 0), "send");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "send");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_8, SLOT(path_len)),
	     BPF_MOV64_REG(BPF_REG_7, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_7, EV(path)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_8));
	pathwalk_emit(b, cfg->walk, cfg->features, &regs);
	/* The walk keeps dir_len within PATHWALK_MAX; the verifier must see it. */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_10, SLOT(path_len)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, EV(dir_len)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, PATHWALK_MAX, 0), "forget");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_8, BPF_REG_1));
}

int opensnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct opensnoop_config *cfg = arg;

	/* r7 = opens[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "opens", SLOT(key), cfg->failed_only);

	/* r9 = this CPU's record */
	emit_map_only(b, "open_scratch", BPF_REG_9, SLOT(zero), "forget");

	/* the record: when, who, result, and the arguments kept at entry */
	record_emit_who(b, BPF_REG_9, &who);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, EV(ret)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, offsetof(struct opensnoop_pending, flags)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, EV(flags)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, offsetof(struct opensnoop_pending, mode)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(mode)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, offsetof(struct opensnoop_pending, dirfd)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(dirfd)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, EV(dir_len), 0));	/* and dir_state */
	record_emit_comm(b, BPF_REG_9, EV(comm));

	/* the path, resident now that the kernel has read it */
	emit_probe_read_ptr(b, cfg->features->read_user_str, BPF_REG_9, EV(path),
			    OPENSNOOP_PATH_MAX, BPF_REG_7,
			    offsetof(struct opensnoop_pending, filename_ptr));
	JUMP(b, BPF_JMP_IMM(BPF_JSGT, BPF_REG_0, 0, 0), "have_path");
	EMIT(b, BPF_ST_MEM(BPF_B, BPF_REG_9, EV(path), 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(b, "have_path");

	/* r8 = bytes to send after the header: the path and its NUL */
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, OPENSNOOP_PATH_MAX, 0), "forget");
	EMIT(b, BPF_MOV64_REG(BPF_REG_8, BPF_REG_0));
	if (cfg->walk)
		emit_walk(b, cfg);

	/* send the record cut after the path (and the names) */
	LABEL(b, "send");
	EMIT(b, BPF_MOV64_REG(BPF_REG_5, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, EV(path)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_9));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: opens[tid] goes */
	record_emit_done(b, "opens", SLOT(key));
	return 0;
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe opensnoop_probes[] = {
	{ "open_exit", "syscalls", "sys_exit_open", opensnoop_build_exit, PROBE_OPTIONAL },
	{ "openat_exit", "syscalls", "sys_exit_openat", opensnoop_build_exit, 0 },
	{ "openat2_exit", "syscalls", "sys_exit_openat2", opensnoop_build_exit, PROBE_OPTIONAL },
	{ "open_enter", "syscalls", "sys_enter_open", opensnoop_build_enter, PROBE_OPTIONAL },
	{ "openat_enter", "syscalls", "sys_enter_openat", opensnoop_build_enter, 0 },
	{ "openat2_enter", "syscalls", "sys_enter_openat2", opensnoop_build_enter, PROBE_OPTIONAL },
};
