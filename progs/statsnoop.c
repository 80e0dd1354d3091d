// SPDX-License-Identifier: GPL-2.0
/* statsnoop's programs. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/statsnoop.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/exit.h"

#define EV(field) ((__s16)offsetof(struct statsnoop_event, field))

/* The stack frame. */
struct statsnoop_frame {
	__u32 counter;
	__u32 tree;
	struct statsnoop_pending pending;	/* entry */
	__u32 zero;			/* exit: the scratch map's key */
	__u32 key;			/* the tid */
};

FRAME_FITS(struct statsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct statsnoop_frame, member)
#define PENDING(field)	SLOT(pending.field)

/* The comm follows the call's own fields: written apart. */
static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), RECORD_NONE,
};

static const char *const calls[STATSNOOP_NR_CALLS] = { STATSNOOP_CALLS };

int statsnoop_call(const char *name)
{
	int i;

	for (i = 0; i < STATSNOOP_NR_CALLS; i++)
		if (!strcmp(calls[i], name))
			return i;
	return -1;
}

int statsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct statsnoop_config *cfg = arg;

	/* who: -p, -- COMMAND */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* pending = { filename, dfd or AT_FDCWD } from the arguments */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "filename");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, PENDING(filename_ptr)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, PENDING(unused), 0));
	if (tp_format__field(fmt, "dfd")) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "dfd");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(dirfd)));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, PENDING(dirfd), AT_FDCWD));
	}

	/* stats[tid] = pending */
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "stats", SLOT(key), SLOT(pending), SLOT(counter));

	exit_emit_out(b);
	return 0;
}

int statsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct statsnoop_config *cfg = arg;
	const char *prefix = "sys_exit_";
	int call = -1;

	/* Which call this is: the tracepoint's name says, once for all. */
	if (!strncmp(fmt->name, prefix, strlen(prefix)))
		call = statsnoop_call(fmt->name + strlen(prefix));
	if (call < 0) {
		builder__fail(b, -EINVAL, "%s:%s is not a stat call's exit",
			      fmt->system, fmt->name);
		return -EINVAL;
	}

	/* r7 = stats[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "stats", SLOT(key), cfg->failed_only);

	/* r9 = this CPU's record */
	emit_map_only(b, "stat_scratch", BPF_REG_9, SLOT(zero), "forget");

	/* the record: when, who, result, and the dirfd kept at entry */
	record_emit_who(b, BPF_REG_9, &who);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, EV(ret)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, offsetof(struct statsnoop_pending, dirfd)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(dirfd)),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(call), call));
	record_emit_comm(b, BPF_REG_9, EV(comm));

	/* the path, resident now that the kernel has read it */
	emit_probe_read_ptr(b, cfg->features->read_user_str, BPF_REG_9, EV(path),
			    STATSNOOP_PATH_MAX, BPF_REG_7,
			    offsetof(struct statsnoop_pending, filename_ptr));
	/* None (statx's NULL with AT_EMPTY_PATH, 6.11+) or unreadable: "". */
	JUMP(b, BPF_JMP_IMM(BPF_JSGT, BPF_REG_0, 0, 0), "have_path");
	EMIT(b, BPF_ST_MEM(BPF_B, BPF_REG_9, EV(path), 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(b, "have_path");

	/* send the record cut after the path's NUL */
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, STATSNOOP_PATH_MAX, 0), "forget");
	EMIT(b, BPF_MOV64_REG(BPF_REG_5, BPF_REG_0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, EV(path)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_9));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: stats[tid] goes */
	record_emit_done(b, "stats", SLOT(key));
	return 0;
}

int statsnoop_build_reap(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	(void)fmt;
	(void)arg;
	/* stats[tid] goes, if a call left it there */
	record_emit_key(b, SLOT(key));
	record_emit_forget(b, "stats", SLOT(key));
	exit_emit_return(b);
	return 0;
}

/*
 * Every call of the family this kernel might have; exits first, so no
 * entry is kept that no exit will remove. Program names are cut at 15
 * characters by the kernel: newfstatat's are named after fstatat.
 */
#define STAT_PROBES(prog, call) \
	{ prog "_exit", "syscalls", "sys_exit_" call, statsnoop_build_exit, PROBE_OPTIONAL }, \
	{ prog "_enter", "syscalls", "sys_enter_" call, statsnoop_build_enter, PROBE_OPTIONAL }

const struct probe statsnoop_probes[] = {
	{ "stat_reap", "sched", "sched_process_exit", statsnoop_build_reap, 0 },
	STAT_PROBES("statx", "statx"),
	STAT_PROBES("fstatat", "newfstatat"),
	STAT_PROBES("newstat", "newstat"),
	STAT_PROBES("newlstat", "newlstat"),
	STAT_PROBES("fstatat64", "fstatat64"),
	STAT_PROBES("stat64", "stat64"),
	STAT_PROBES("lstat64", "lstat64"),
	STAT_PROBES("stat", "stat"),
	STAT_PROBES("lstat", "lstat"),
};
