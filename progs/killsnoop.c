// SPDX-License-Identifier: GPL-2.0
/* killsnoop's programs. */
#include <errno.h>
#include <string.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/killsnoop.h"
#include "progs/exit.h"

/* The stack frame: exit's record, and what entry keeps in its last bytes. */
struct killsnoop_frame {
	__u32 unused;
	__u32 counter;
	__u32 tree;
	__u32 key;			/* the tid */
	union {
		struct killsnoop_event event;		/* exit */
		struct {
			__u8 unused_head[40];
			struct killsnoop_pending pending;	/* entry */
		};
	};
};

FRAME_FITS(struct killsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct killsnoop_frame, member)
#define EV(field)	SLOT(event.field)
#define PENDING(field)	SLOT(pending.field)

/* No uid; the comm follows the arguments, written apart. */
static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), RECORD_NONE, RECORD_NONE,
};

const char *const killsnoop_calls[NR_KILL_CALLS] = {
	[KILL_CALL_KILL] = "kill",
	[KILL_CALL_TKILL] = "tkill",
	[KILL_CALL_TGKILL] = "tgkill",
};

/* The call "sys_enter_<call>" or "sys_exit_<call>" is for, or -1. */
static int call_of(const char *event)
{
	const char *name = strrchr(event, '_');
	int i;

	for (i = 0; name && i < NR_KILL_CALLS; i++)
		if (!strcmp(name + 1, killsnoop_calls[i]))
			return i;
	return -1;
}

int killsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct killsnoop_config *cfg = arg;
	int call = call_of(fmt->name), i;

	if (call < 0) {
		builder__fail(b, -EINVAL, "killsnoop has no program for %s:%s",
			      fmt->system, fmt->name);
		return -EINVAL;
	}
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));
	record_emit_key(b, SLOT(key));

	/* -s: the signal, as the int it is, must be one of the list */
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "sig");
	EMIT(b, BPF_MOV32_REG(BPF_REG_7, BPF_REG_7));
	for (i = 0; i < cfg->nr_sigs; i++)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, cfg->sigs[i], 0), "wanted");
	if (cfg->nr_sigs)
		JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "wanted");

	/* kills[tid] = { target, tgid, sig, call } */
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, PENDING(sig)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, PENDING(call), call));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(tpid)));
	if (call == KILL_CALL_TGKILL) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "tgid");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, PENDING(tgid)));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, PENDING(tgid), 0));
	}
	record_emit_keep(b, "kills", SLOT(key), SLOT(pending), SLOT(counter));

	exit_emit_out(b);
	return 0;
}

int killsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct killsnoop_config *cfg = arg;

	/* r7 = kills[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "kills", SLOT(key), cfg->failed_only);

	/* the record: when, who, the arguments kept at entry, the result */
	record_emit_who(b, BPF_REG_10, &who);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, 0),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(args)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, 8),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(args) + 8),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_8, EV(ret)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, EV(pad), 0));
	record_emit_comm(b, BPF_REG_10, EV(comm));

	/* send it */
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(event)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct killsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: kills[tid] goes */
	record_emit_done(b, "kills", SLOT(key));
	return 0;
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe killsnoop_probes[] = {
	{ "kill_exit", "syscalls", "sys_exit_kill", killsnoop_build_exit, 0 },
	{ "tkill_exit", "syscalls", "sys_exit_tkill", killsnoop_build_exit, 0 },
	{ "tgkill_exit", "syscalls", "sys_exit_tgkill", killsnoop_build_exit, 0 },
	{ "kill_enter", "syscalls", "sys_enter_kill", killsnoop_build_enter, 0 },
	{ "tkill_enter", "syscalls", "sys_enter_tkill", killsnoop_build_enter, 0 },
	{ "tgkill_enter", "syscalls", "sys_enter_tgkill", killsnoop_build_enter, 0 },
};
