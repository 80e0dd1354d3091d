// SPDX-License-Identifier: GPL-2.0
/* statsnoop's programs. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/record.h"
#include "progs/statsnoop.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/exit.h"

#define EV(field) ((__s16)offsetof(struct statsnoop_event, field))
#define PENDING(field) ((__s16)(SLOT_PENDING + (int)offsetof(struct statsnoop_pending, field)))

/* Stack slots, below r10. */
#define SLOT_KEY	-4	/* u32 tid */
#define SLOT_ZERO	-8	/* u32 0, the scratch key */
#define SLOT_PENDING	-24	/* struct statsnoop_pending, 16 bytes */
#define SLOT_TREE	-28
#define SLOT_COUNTER	-32

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
	task_filter_emit(b, &cfg->who, "out", SLOT_TREE);

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
	record_emit_key(b, SLOT_KEY);
	record_emit_keep(b, "stats", SLOT_KEY, SLOT_PENDING, SLOT_COUNTER);

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

	/* r7 = stats[tid], or nothing to do */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "stats", BPF_REG_7, SLOT_KEY, "out");
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "ret");
	if (cfg->failed_only)
		JUMP(b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_8, 0, 0), "forget");

	/* r9 = this CPU's record */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT_ZERO, 0));
	emit_map_lookup(b, "stat_scratch", SLOT_ZERO);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "forget");
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));

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
	record_emit_output(b, BPF_REG_6, SLOT_COUNTER);

	/* always: stats[tid] goes */
	LABEL(b, "forget");
	record_emit_forget(b, "stats", SLOT_KEY);
	exit_emit_out(b);
	return 0;
}

int statsnoop_build_reap(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	(void)fmt;
	(void)arg;
	/* stats[tid] goes, if a call left it there */
	record_emit_key(b, SLOT_KEY);
	record_emit_forget(b, "stats", SLOT_KEY);
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
