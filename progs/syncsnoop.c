// SPDX-License-Identifier: GPL-2.0
/* syncsnoop's program: who asked for a sync, and of what. */
#include <errno.h>
#include <string.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/syncsnoop.h"
#include "progs/tree.h"
#include "progs/exit.h"

#define ENTER_PREFIX	"sys_enter_"

/* The stack frame. */
struct syncsnoop_frame {
	__u32 counter;
	__u32 tree;
	struct syncsnoop_event event;
};

FRAME_FITS(struct syncsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct syncsnoop_frame, member)
#define EV(field)	SLOT(event.field)

const char *const syncsnoop_calls[NR_SYNC_CALLS] = {
	[SYNC_CALL_SYNC] = "sync",
	[SYNC_CALL_FSYNC] = "fsync",
	[SYNC_CALL_FDATASYNC] = "fdatasync",
	[SYNC_CALL_SYNCFS] = "syncfs",
	[SYNC_CALL_MSYNC] = "msync",
	[SYNC_CALL_SYNC_FILE_RANGE] = "sync_file_range",
	[SYNC_CALL_SYNC_FILE_RANGE2] = "sync_file_range2",
};

/* The call an event "sys_enter_<call>" is for, or -1. */
static int call_of(const char *event)
{
	int i;

	if (strncmp(event, ENTER_PREFIX, strlen(ENTER_PREFIX)))
		return -1;
	for (i = 0; i < NR_SYNC_CALLS; i++)
		if (!strcmp(event + strlen(ENTER_PREFIX), syncsnoop_calls[i]))
			return i;
	return -1;
}

int syncsnoop_build(struct builder *b, const struct tp_format *fmt, void *arg)
{
	const struct syncsnoop_config *cfg = arg;
	int call = call_of(fmt->name);

	if (call < 0) {
		builder__fail(b, -EINVAL, "syncsnoop has no program for %s:%s",
			      fmt->system, fmt->name);
		return -EINVAL;
	}
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	if (cfg->tree)
		tree_emit_filter(b, "out", SLOT(tree));

	/* the record: when, who (the pid filter on the way), which call */
	record_emit_time(b, BPF_REG_10, EV(time_ns));
	record_emit_ids(b, BPF_REG_10, EV(tid), EV(pid));
	if (cfg->pid >= 0)
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, (__s32)cfg->pid, 0), "out");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, EV(call), call));
	if (tp_format__field(fmt, "fd")) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(fd)));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, EV(fd), -1));
	}
	record_emit_comm(b, BPF_REG_10, EV(comm));

	/* send it */
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(event)),
	     BPF_MOV64_IMM(BPF_REG_5, sizeof(struct syncsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	exit_emit_out(b);
	return 0;
}

const struct probe syncsnoop_probes[] = {
	{ "sync_enter", "syscalls", "sys_enter_sync", syncsnoop_build, 0 },
	{ "fsync_enter", "syscalls", "sys_enter_fsync", syncsnoop_build, 0 },
	{ "fdatasync_enter", "syscalls", "sys_enter_fdatasync", syncsnoop_build, 0 },
	{ "syncfs_enter", "syscalls", "sys_enter_syncfs", syncsnoop_build, PROBE_OPTIONAL },
	{ "msync_enter", "syscalls", "sys_enter_msync", syncsnoop_build, PROBE_OPTIONAL },
	/*
	 * 32-bit arm (and powerpc) have sync_file_range2 instead, its
	 * arguments in an order their ABIs can pass.
	 */
	{ "sfr_enter", "syscalls", "sys_enter_sync_file_range", syncsnoop_build, PROBE_OPTIONAL },
	{ "sfr2_enter", "syscalls", "sys_enter_sync_file_range2", syncsnoop_build, PROBE_OPTIONAL },
};
