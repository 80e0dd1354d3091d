/* SPDX-License-Identifier: GPL-2.0 */
/*
 * killsnoop: kill, tkill and tgkill, paired entry to exit through a hash
 * keyed by thread id. Entry applies the pid and signal filters and keeps
 * the arguments; exit applies the failed-only filter, sends one record
 * and always removes the entry. These calls never block, so every entry
 * meets its exit at once: exit programs are attached first, and nothing
 * can stay behind in the map.
 */
#ifndef BAREBPF_PROGS_KILLSNOOP_H
#define BAREBPF_PROGS_KILLSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define KILLSNOOP_COMM_LEN	16
#define KILLSNOOP_IN_FLIGHT	4096	/* threads between entry and exit */
#define KILLSNOOP_MAX_SIGS	65	/* -s: 0..64, each once */

enum killsnoop_call {
	KILL_CALL_KILL,
	KILL_CALL_TKILL,
	KILL_CALL_TGKILL,
	NR_KILL_CALLS,
};

/* "tgkill" for KILL_CALL_TGKILL: the syscall's name. */
extern const char *const killsnoop_calls[NR_KILL_CALLS];

/* What entry keeps for exit ("kills" map value), as the record has it. */
struct killsnoop_pending {
	__s32 tpid;		/* kill: pid, 0, -1 or -PGID; tkill, tgkill: tid */
	__s32 tgid;		/* tgkill's thread group; 0 for the others */
	__u32 sig;
	__u32 call;		/* enum killsnoop_call */
};

_Static_assert(sizeof(struct killsnoop_pending) == 16, "killsnoop_pending layout");

struct killsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u32 pid;		/* the sender */
	__u32 tid;
	struct killsnoop_pending args;
	__s32 ret;		/* 0, or -errno */
	__u32 pad;
	char comm[KILLSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct killsnoop_event, args) == 16, "killsnoop_event layout");
_Static_assert(offsetof(struct killsnoop_event, ret) == 32, "killsnoop_event layout");
_Static_assert(sizeof(struct killsnoop_event) == 56, "killsnoop_event layout");

struct killsnoop_config {
	struct task_filter who;	/* the sender: -p, -- COMMAND */
	int failed_only;
	int nr_sigs;		/* 0: any signal */
	int sigs[KILLSNOOP_MAX_SIGS];
};

/*
 * Programs for syscalls:sys_enter_<call> and sys_exit_<call>; cfg is a
 * struct killsnoop_config. Maps: "events", "counters", "tree" (with
 * cfg->tree) and "kills" (hash u32 tid -> struct killsnoop_pending).
 */
int killsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int killsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: each call's exit, then its entry (progs/killsnoop.c). */
extern const struct probe killsnoop_probes[2 * NR_KILL_CALLS];

#endif /* BAREBPF_PROGS_KILLSNOOP_H */
