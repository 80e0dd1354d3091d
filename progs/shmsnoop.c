// SPDX-License-Identifier: GPL-2.0
/* shmsnoop's programs. */
#include <errno.h>
#include <string.h>
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/shmsnoop.h"

const struct shmsnoop_call_desc shmsnoop_calls[NR_SHM_CALLS] = {
	[SHM_CALL_SHMGET] = { "shmget", { "key", "size", "shmflg" } },
	[SHM_CALL_SHMAT] = { "shmat", { "shmid", "shmaddr", "shmflg" } },
	[SHM_CALL_SHMDT] = { "shmdt", { "shmaddr" } },
	[SHM_CALL_SHMCTL] = { "shmctl", { "shmid", "cmd", "buf" } },
};

/* The stack, below r10: entry keeps its record, exit builds the event. */
struct frame {
	union {
		struct shmsnoop_pending pending;
		struct shmsnoop_event ev;
	};
	__u32 key;		/* u32 tid */
	__u32 tree;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)

_Static_assert(sizeof(struct frame) == 96, "shmsnoop frame");

/* The call "sys_enter_<call>" or "sys_exit_<call>" is for, or -1. */
static int call_of(const char *event)
{
	const char *name = strrchr(event, '_');
	int i;

	for (i = 0; name && i < NR_SHM_CALLS; i++)
		if (!strcmp(name + 1, shmsnoop_calls[i].name))
			return i;
	return -1;
}

int shmsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct shmsnoop_config *cfg = arg;
	const char *const *args;
	int call = call_of(fmt->name), i;

	if (call < 0) {
		builder__fail(b, -EINVAL, "shmsnoop has no program for %s:%s",
			      fmt->system, fmt->name);
		return -EINVAL;
	}
	args = shmsnoop_calls[call].args;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* shms[tid] = { the arguments, the call } */
	for (i = 0; i < SHMSNOOP_ARGS; i++) {
		if (args[i]) {
			emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, args[i]);
			EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1,
					    SLOT(pending.args[i])));
		} else {
			EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(pending.args[i]), 0));
		}
	}
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(pending.call), call));
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "shms", SLOT(key), SLOT(pending), SLOT(counter));

	exit_emit_out(b);
	return 0;
}

int shmsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	const struct shmsnoop_config *cfg = arg;
	const struct record_who who = {
		.time_ns = SLOT(ev.time_ns), .pid = SLOT(ev.pid),
		.tid = SLOT(ev.tid), .uid = SLOT(ev.uid), .comm = SLOT(ev.comm),
	};
	int i;

	/* r7 = shms[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "shms", SLOT(key), cfg->failed_only);

	/* the record: when, who, the arguments kept at entry, the result */
	record_emit_who(b, BPF_REG_10, &who);
	for (i = 0; i < (int)(sizeof(struct shmsnoop_pending) / 8); i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, (__s16)(8 * i)),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1,
				 (__s16)(SLOT(ev.args) + 8 * i)));
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_8, SLOT(ev.ret)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(ev.pad), 0),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(ev)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct shmsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: shms[tid] goes */
	record_emit_done(b, "shms", SLOT(key));
	return 0;
}

/*
 * Exits first, so no entry is kept that no exit will remove. A 32-bit
 * ARM kernel's shmctl is old_shmctl (its table keeps the old struct
 * layouts), of the same arguments: a kernel has one or the other.
 */
const struct probe shmsnoop_probes[] = {
	{ "shmget_exit", "syscalls", "sys_exit_shmget", shmsnoop_build_exit, 0 },
	{ "shmat_exit", "syscalls", "sys_exit_shmat", shmsnoop_build_exit, 0 },
	{ "shmdt_exit", "syscalls", "sys_exit_shmdt", shmsnoop_build_exit, 0 },
	{ "shmctl_exit", "syscalls", "sys_exit_shmctl", shmsnoop_build_exit, PROBE_OPTIONAL },
	{ "shmctl_exit", "syscalls", "sys_exit_old_shmctl", shmsnoop_build_exit,
	  PROBE_OPTIONAL },
	{ "shmget_enter", "syscalls", "sys_enter_shmget", shmsnoop_build_enter, 0 },
	{ "shmat_enter", "syscalls", "sys_enter_shmat", shmsnoop_build_enter, 0 },
	{ "shmdt_enter", "syscalls", "sys_enter_shmdt", shmsnoop_build_enter, 0 },
	{ "shmctl_enter", "syscalls", "sys_enter_shmctl", shmsnoop_build_enter,
	  PROBE_OPTIONAL },
	{ "shmctl_enter", "syscalls", "sys_enter_old_shmctl", shmsnoop_build_enter,
	  PROBE_OPTIONAL },
};
