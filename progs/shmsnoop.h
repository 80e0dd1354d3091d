/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shmsnoop: shmget, shmat, shmdt and shmctl, paired entry to exit
 * through a hash keyed by thread id, as killsnoop's: entry applies the
 * filters on who and keeps the arguments, exit applies -x, sends one
 * record and always removes the entry. None of these calls blocks for
 * long, and an exit program is attached before its entry program.
 */
#ifndef BAREBPF_PROGS_SHMSNOOP_H
#define BAREBPF_PROGS_SHMSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define SHMSNOOP_COMM_LEN	16
#define SHMSNOOP_IN_FLIGHT	4096	/* threads between entry and exit */
#define SHMSNOOP_ARGS		3

enum shmsnoop_call {
	SHM_CALL_SHMGET,
	SHM_CALL_SHMAT,
	SHM_CALL_SHMDT,
	SHM_CALL_SHMCTL,
	NR_SHM_CALLS,
};

/* Each call's name and its arguments' field names, in order. */
struct shmsnoop_call_desc {
	const char *name;
	const char *args[SHMSNOOP_ARGS];	/* NULL past the last */
};

extern const struct shmsnoop_call_desc shmsnoop_calls[NR_SHM_CALLS];

/* What entry keeps for exit ("shms" map value), as the record has it. */
struct shmsnoop_pending {
	__u64 args[SHMSNOOP_ARGS];	/* as passed, zero-extended */
	__u32 call;			/* enum shmsnoop_call */
	__u32 pad;
};

_Static_assert(sizeof(struct shmsnoop_pending) == 32, "shmsnoop_pending layout");

struct shmsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 pad;
	struct shmsnoop_pending args;
	__s64 ret;		/* shmid, address or 0; or -errno */
	char comm[SHMSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct shmsnoop_event, args) == 24, "shmsnoop_event layout");
_Static_assert(offsetof(struct shmsnoop_event, ret) == 56, "shmsnoop_event layout");
_Static_assert(sizeof(struct shmsnoop_event) == 80, "shmsnoop_event layout");

struct shmsnoop_config {
	struct task_filter who;	/* -p, -t, -- COMMAND */
	int failed_only;	/* -x */
};

/*
 * Programs for syscalls:sys_enter_<call> and sys_exit_<call>; cfg is a
 * struct shmsnoop_config. Maps: "events", "counters", "tree" (with
 * cfg->who.tree) and "shms" (hash u32 tid -> struct shmsnoop_pending).
 */
int shmsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int shmsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Every call's exit, then every call's entry; shmctl's as either name. */
extern const struct probe shmsnoop_probes[2 * NR_SHM_CALLS + 2];

#endif /* BAREBPF_PROGS_SHMSNOOP_H */
