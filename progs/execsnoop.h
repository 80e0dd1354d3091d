/* SPDX-License-Identifier: GPL-2.0 */
/*
 * execsnoop: the record the programs build and the tool prints.
 *
 * An exec is recorded at syscall entry (the caller's filename and argv),
 * completed where the kernel knows more, and sent once its result is
 * known: from sched_process_exec when it succeeded (so a thread's exec,
 * which changes its tid, is still found by old_pid), from sys_exit_* when
 * it failed. A fork+exec can find the caller's pages not yet resident at
 * entry, so a failed read is retried: at sched_prepare_exec (6.10+), after
 * the kernel has itself copied the strings in and the old memory is still
 * mapped; at sys_exit_* for a failed exec; and the filename is taken from
 * sched_process_exec's own copy in kernel memory. Before 6.10 the
 * arguments of an exec that happened are read from the new image's own
 * stack (progs/execimage.h): at sched_process_exec through current->mm
 * with BTF; without, at the exec's return to user space (a raw
 * sys_exit, which "gate" spares every other syscall's exit), where the
 * stack pointer is in the saved registers.
 */
#ifndef BAREBPF_PROGS_EXECSNOOP_H
#define BAREBPF_PROGS_EXECSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/execimage.h"
#include "progs/features.h"
#include "progs/sysargs.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define EXECSNOOP_ARG_SIZE	128	/* bytes per argument, as libbpf-tools */
#define EXECSNOOP_DEFAULT_ARGS	20
#define EXECSNOOP_MAX_ARGS	60	/* filename + argv[1..59] */
#define EXECSNOOP_COMM_LEN	16
#define EXECSNOOP_IN_FLIGHT	1024	/* execs between entry and result */

/* event flags */
#define EXEC_ARGS_TRUNCATED	0x1	/* more args than --max-args, or one cut */
#define EXEC_ARGS_UNREADABLE	0x2	/* argv could not be read at all */
#define EXEC_FILENAME_UNREADABLE 0x4	/* no filename from user memory */
#define EXEC_AWAIT_RETURN	0x8	/* in the kernel only: read at the return */

struct execsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at entry */
	__u64 filename_ptr;	/* caller's pointers, kept to read again */
	__u64 argv_ptr;
	__u32 pid;
	__u32 tid;
	__u32 ppid;		/* 0 when the kernel did not see the fork */
	__u32 uid;
	__s32 ret;
	__u32 flags;
	__u32 args_count;	/* strings in args: argv[1], argv[2], ... */
	__u32 args_size;	/* bytes of args used, NULs included */
	char comm[EXECSNOOP_COMM_LEN];
	char filename[EXECSNOOP_ARG_SIZE];
	char args[(EXECSNOOP_MAX_ARGS - 1) * EXECSNOOP_ARG_SIZE];
};

_Static_assert(offsetof(struct execsnoop_event, pid) == 24, "execsnoop_event layout");
_Static_assert(offsetof(struct execsnoop_event, comm) == 56, "execsnoop_event layout");
_Static_assert(offsetof(struct execsnoop_event, args) == 200, "execsnoop_event layout");

/* Where arguments entry could not read are read again, an exec done. */
enum execsnoop_reread {
	EXECSNOOP_REREAD_NONE,		/* nowhere: they stay unreadable */
	EXECSNOOP_REREAD_PREPARE,	/* sched_prepare_exec, the caller's (6.10) */
	EXECSNOOP_REREAD_MM,		/* the new image's, through current->mm */
	EXECSNOOP_REREAD_RETURN,	/* the new image's, at its return (4.17) */
};

struct execsnoop_config {
	const struct prog_features *features;
	int max_args;		/* filename included, 1..EXECSNOOP_MAX_ARGS */
	struct task_filter who;	/* -u, -- COMMAND */
	int include_failed;
	enum execsnoop_reread reread;
	/*
	 * "execs" and "parents" are hash maps that allocate as they fill,
	 * not LRU maps (preallocated whole: milliseconds at start-up), so
	 * nothing evicts what stays: sched_process_exit removes a thread's
	 * record (an exec whose result no tracepoint showed) and its
	 * process's parent.
	 */
	bool forget_at_exit;
	struct exec_image_offsets image;	/* EXECSNOOP_REREAD_MM */
	const struct sysargs *sysargs;		/* EXECSNOOP_REREAD_RETURN */
};

/* Bytes of a record (and of map values) carrying max_args strings. */
static inline size_t execsnoop_event_size(int max_args)
{
	return offsetof(struct execsnoop_event, args) +
	       (size_t)(max_args - 1) * EXECSNOOP_ARG_SIZE;
}

/*
 * Programs; ctx is a struct execsnoop_config. They use the maps
 * "events", "counters", "tree" (when cfg->tree), "parents" (hash u32
 * pid -> u32 ppid), "exec_scratch" (per-CPU array of one record),
 * "execs" (hash u32 tid -> record), LRU hashes unless
 * cfg->forget_at_exit, and, with
 * EXECSNOOP_REREAD_RETURN, "gate" (array of one u64: records waiting
 * for their exec's return).
 */
int execsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int execsnoop_build_prepare(struct builder *b, const struct tp_format *fmt, void *cfg);
int execsnoop_build_exec(struct builder *b, const struct tp_format *fmt, void *cfg);
int execsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int execsnoop_build_newtask(struct builder *b, const struct tp_format *fmt, void *cfg);
/* sched_process_exit, for cfg->forget_at_exit. */
int execsnoop_build_gone(struct builder *b, const struct tp_format *fmt, void *cfg);
/* raw_syscalls:sys_exit as a raw tracepoint, for EXECSNOOP_REREAD_RETURN. */
int execsnoop_build_return(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints, in the order they are attached (progs/execsnoop.c). */
extern const struct probe execsnoop_probes[9];

#endif /* BAREBPF_PROGS_EXECSNOOP_H */
