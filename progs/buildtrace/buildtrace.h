/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buildtrace: the records the programs send, which the recorder streams
 * to the trace file as they are (tools/buildtrace/file.h wraps them in a
 * file header and adds records of its own).
 *
 * Every record starts with struct bt_head and holds its own size, so a
 * reader can step over a type it does not know. Strings follow the
 * fixed part, each with its NUL, their lengths in the fixed part.
 *
 * The programs are raw tracepoints: the perf-event kind costs two RCU
 * grace periods per event when it is detached, serialised under a
 * global mutex (about 70 ms each on a 2-CPU machine under load), which
 * alone would add a quarter second to every record; a raw tracepoint
 * detaches at once, and runs a little cheaper per syscall too.
 *
 *   raw_syscalls:sys_enter  ctx: (struct pt_regs *, long id)
 *	The syscall table ("ops", an array indexed by number, inlined by
 *	the verifier) first: other syscalls stop there. Then the tree:
 *	other processes stop after one hash lookup. Kept in "pending"
 *	(by tid) until the syscall returns: every recorded syscall's
 *	arguments where they do not last until sys_exit, else only an
 *	exec's (progs/sysargs.h); exit and exit_group are sent here.
 *   raw_syscalls:sys_exit   ctx: (struct pt_regs *, long ret)
 *	The record is made with the result and the paths, read now that
 *	the kernel has faulted them in. A thread's first return to user
 *	space is here too (fork returns 0 in the child): "newtasks" says
 *	whether it is a member's child.
 *   task:task_newtask       ctx: (struct task_struct *, u64 clone_flags)
 *	A member creating a task files it in "newtasks" under the new
 *	task's address, which bpf_get_current_task() gives back in the
 *	child: no struct offsets are needed to learn the child's pid.
 *   sched:sched_prepare_exec (6.10+)
 *	Past the point of no return, with the caller's memory still
 *	mapped and the strings just copied in by the kernel: BT_EXEC
 *	and the argument chunks are read here, from pending's pointers.
 *   sched:sched_process_exec (before 6.10)  ctx: (task, pid_t old_pid, bprm)
 *	Without the above, BT_EXEC and argv are read at entry (flagged
 *	BT_EXEC_PENDING) and this sends BT_EXEC_DONE. What entry could
 *	not read (a forked child's strings in pages it never touched) is
 *	read again at the exec's return to user space, raw sys_exit, from
 *	the new program's own stack (progs/execimage.h): the chunks come
 *	flagged BT_ARGV_IMAGE, and BT_EXEC_FILE names the file executed.
 *   sched:sched_process_exit ctx: (task, bool group_dead (6.x))
 *	BT_EXIT; the tree, pending and newtasks forget the thread.
 *
 * Records are not sent one by one: each is written into this CPU's
 * "batch" and a batch goes out in one bpf_perf_event_output() once it
 * is nearly full, which costs a few hundred nanoseconds less per
 * record. What is left in the batches at the end the recorder reads
 * from the map itself. A batch the ring has no room for is counted
 * record by record (COUNTER_BATCH_LOST).
 *
 * The argument vector goes out in chunks of up to BT_ARGV_CHUNK_ARGS
 * strings and BT_ARGV_CHUNK_BYTES bytes, one program per chunk chained
 * by tail calls through "argv_prog", so that 1024 arguments and 256 KiB
 * are recorded whole; BT_ARGV_TRUNCATED says when more was cut. The
 * environment follows in BT_ENV chunks of the same form, up to 1024
 * variables, in the same chain: the kernel allows a chain 33 tail
 * calls, so both share BT_ARGV_MAX_CHUNKS chunks, the environment
 * taking what the arguments leave.
 */
#ifndef BAREBPF_PROGS_BUILDTRACE_H
#define BAREBPF_PROGS_BUILDTRACE_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/probe.h"

enum bt_type {
	BT_SYSCALL = 1,		/* struct bt_syscall */
	BT_EXEC,		/* struct bt_exec: an exec that happens */
	BT_ARGV,		/* struct bt_argv: a chunk of its arguments */
	BT_FORK,		/* struct bt_fork */
	BT_EXIT,		/* struct bt_head alone */
	BT_EXEC_DONE,		/* struct bt_exec_done (before 6.10) */
	BT_ENV,			/* struct bt_argv: a chunk of the environment */
	BT_EXEC_FILE,		/* struct bt_exec_file (before 6.10) */
	BT_KERNEL_TYPES,	/* types below this one come from the programs */
};

struct bt_head {
	__u32 size;		/* bytes of the record, this head included */
	__u16 type;		/* enum bt_type, or a file record type */
	__u16 flags;		/* per type */
	__u32 tid;
	__u32 pid;		/* thread group id */
	__u64 time_ns;		/* bpf_ktime_get_ns() */
};

_Static_assert(sizeof(struct bt_head) == 24, "bt_head layout");

/*
 * The syscalls recorded, whatever their number on this architecture.
 * Arguments keep the order the syscall takes them in.
 */
enum bt_op {
	BT_OP_NONE,
	BT_OP_OPEN, BT_OP_OPENAT, BT_OP_OPENAT2, BT_OP_CREAT,
	BT_OP_CLOSE, BT_OP_CLOSE_RANGE,
	BT_OP_DUP, BT_OP_DUP2, BT_OP_DUP3, BT_OP_FCNTL,
	BT_OP_PIPE, BT_OP_PIPE2,
	BT_OP_CHDIR, BT_OP_FCHDIR,
	BT_OP_RENAME, BT_OP_RENAMEAT, BT_OP_RENAMEAT2,
	BT_OP_UNLINK, BT_OP_UNLINKAT,
	BT_OP_MKDIR, BT_OP_MKDIRAT, BT_OP_RMDIR,
	BT_OP_LINK, BT_OP_LINKAT, BT_OP_SYMLINK, BT_OP_SYMLINKAT,
	BT_OP_READLINK, BT_OP_READLINKAT,
	BT_OP_CHMOD, BT_OP_FCHMOD, BT_OP_FCHMODAT, BT_OP_FCHMODAT2,
	BT_OP_TRUNCATE, BT_OP_FTRUNCATE,
	BT_OP_STAT, BT_OP_LSTAT, BT_OP_NEWFSTATAT, BT_OP_STATX,
	BT_OP_ACCESS, BT_OP_FACCESSAT, BT_OP_FACCESSAT2,
	BT_OP_EXECVE, BT_OP_EXECVEAT,
	BT_OP_EXIT, BT_OP_EXIT_GROUP,
	BT_OP_WAIT4, BT_OP_WAITID,
	BT_NR_OPS,
};

/*
 * A syscall with its result: the arguments as the caller passed them
 * (zero-extended from 32-bit registers), then path 0, path 1 and aux:
 * the bytes a pointer argument points to after the call (pipe's fds,
 * wait4's status, waitid's siginfo, openat2's open_how).
 * exit and exit_group are sent at entry, with ret 0.
 */
struct bt_syscall {
	struct bt_head head;	/* flags: BT_SC_* */
	__s64 ret;		/* result, or -errno */
	__u64 args[6];
	__u16 op;		/* enum bt_op */
	__u16 path_len[2];	/* bytes with the NUL; 0: no such path */
	__u16 aux_len;
	char data[];
};

_Static_assert(offsetof(struct bt_syscall, args) == 32, "bt_syscall layout");
_Static_assert(offsetof(struct bt_syscall, op) == 80, "bt_syscall layout");
_Static_assert(sizeof(struct bt_syscall) == 88, "bt_syscall layout");

#define BT_SC_UNREADABLE	0x1	/* a path or aux could not be read */

/*
 * An exec, named as the caller named it (relative to its cwd, or to
 * args[0] of execveat): the record's tid is the thread that called it,
 * pid its thread group, which the exec keeps.
 */
struct bt_exec {
	struct bt_head head;	/* flags: BT_EXEC_* */
	__s32 dirfd;		/* execveat's dirfd; AT_FDCWD for execve */
	__u32 at_flags;		/* execveat's flags */
	__u16 filename_len;	/* bytes with the NUL */
	__u16 reserved[3];
	char filename[];
};

_Static_assert(sizeof(struct bt_exec) == 40, "bt_exec layout");

#define BT_EXEC_PENDING		0x1	/* sent at entry: BT_EXEC_DONE or a
					   failed execve record follows */
#define BT_EXEC_UNREADABLE	0x2	/* filename not readable */

/*
 * A chunk of argv (BT_ARGV) or of the environment (BT_ENV): strings
 * index .. index + count - 1, each with its NUL.
 */
struct bt_argv {
	struct bt_head head;	/* flags: BT_ARGV_* */
	__u32 index;
	__u32 count;
	char data[];
};

_Static_assert(sizeof(struct bt_argv) == 32, "bt_argv layout");

#define BT_ARGV_LAST		0x1	/* no chunk follows */
#define BT_ARGV_TRUNCATED	0x2	/* arguments left out, or one cut */
#define BT_ARGV_UNREADABLE	0x4	/* the rest could not be read */
#define BT_ARGV_IMAGE		0x8	/* read from the new program's stack */

#define BT_ARGV_CHUNK_ARGS	32
#define BT_ARGV_CHUNK_BYTES	8192
/* The first program and 31 tail calls: within what every kernel allows. */
#define BT_ARGV_MAX_CHUNKS	32

/* The exec of a BT_EXEC_PENDING record succeeded. */
struct bt_exec_done {
	struct bt_head head;	/* tid: the thread after the exec */
	__u32 old_tid;		/* the thread that called exec */
	__u32 reserved;
};

_Static_assert(sizeof(struct bt_exec_done) == 32, "bt_exec_done layout");

/*
 * After BT_ARGV_IMAGE chunks: the file the kernel executed, as the new
 * program's auxiliary vector names it (AT_EXECFN): the filename the
 * caller gave, or "/dev/fd/N/NAME" for execveat's dirfd N.
 */
struct bt_exec_file {
	struct bt_head head;
	__u16 filename_len;	/* bytes with the NUL */
	__u16 reserved[3];
	char filename[];
};

_Static_assert(sizeof(struct bt_exec_file) == 32, "bt_exec_file layout");

/*
 * A task created by a member. head.tid and head.pid are the parent's;
 * the time is the creation's, though the record is sent when the child
 * first returns to user space.
 */
struct bt_fork {
	struct bt_head head;
	__u64 clone_flags;
	__u32 child_tid;
	__u32 child_pid;	/* its thread group: the parent's for a thread */
};

_Static_assert(sizeof(struct bt_fork) == 40, "bt_fork layout");

/* BT_EXIT flags */
#define BT_EXIT_GROUP_DEAD	0x1	/* the last thread of its process */
#define BT_EXIT_GROUP_UNKNOWN	0x2	/* the kernel does not say (before 6.x) */

/*
 * "ops" map values, one per syscall number: what the programs need to
 * know of a syscall without knowing which one it is.
 */
#define BT_OPS_MAX		1024	/* syscall numbers looked up */
#define BT_OPE_OP_MASK		0xff	/* bits 0-7: enum bt_op */
#define BT_OPE_PATH0_SHIFT	8	/* 3 bits: argument index + 1 */
#define BT_OPE_PATH1_SHIFT	11
#define BT_OPE_AUX_SHIFT	14	/* 3 bits: argument index + 1 */
#define BT_OPE_AUXLEN_SHIFT	17	/* 6 bits: bytes */
#define BT_OPE_AT_ENTRY		(1u << 24)	/* never returns: send at entry */
#define BT_OPE_EXEC		(1u << 25)	/* aux index names argv */
#define BT_OPE_FORKS		(1u << 26)	/* returns in a new task too */

#define BT_AUX_MAX		32
/* Pairs of the new image's auxiliary vector searched for AT_EXECFN. */
#define BT_AUXV_PAIRS		40
#define BT_PATH_MAX		4096

/*
 * "batch" (per-CPU, one entry): records waiting to be sent together. A
 * per-CPU value is at most 32 KiB (PCPU_MIN_UNIT_SIZE).
 */
#define BT_BATCH_DATA		(32768 - 8)
/*
 * The room the verifier must see after a record's start: an argument
 * chunk's strings are read into what is left of BT_ARGV_CHUNK_BYTES,
 * which it cannot relate to the bytes already used.
 */
#define BT_RECORD_ROOM		(sizeof(struct bt_argv) + 2 * BT_ARGV_CHUNK_BYTES)
/* A record starts at or below this; past it the batch is sent first. */
#define BT_BATCH_LIMIT		(BT_BATCH_DATA - BT_RECORD_ROOM)

struct bt_batch {
	__u32 used;		/* bytes of records in data, each padded to 8 */
	__u32 count;		/* records in data */
	char data[BT_BATCH_DATA];
};

_Static_assert(sizeof(struct bt_syscall) + 2 * BT_PATH_MAX + BT_AUX_MAX <=
	       BT_RECORD_ROOM, "a syscall record fits the room");
_Static_assert(sizeof(struct bt_batch) <= 32768, "a batch is a per-CPU value");

/* "pending" map values: a member's syscall between entry and exit. */
struct bt_pending {
	__u32 ope;		/* its "ops" value */
	__u32 flags;		/* BT_PEND_* */
	__u64 args[6];
};

/* An exec's filename, argv or environment could not be read at entry. */
#define BT_PEND_UNREAD		0x1
/* The exec happened: read the new image at its return (BT_ARGV_IMAGE). */
#define BT_PEND_IMAGE		0x2

_Static_assert(sizeof(struct bt_pending) == 56, "bt_pending layout");

/* "newtasks" map values, keyed by the new task's address. */
struct bt_newtask {
	__u64 time_ns;
	__u64 clone_flags;
	__u32 parent_tid;
	__u32 parent_pid;
};

/* "argv_state" (per-CPU, one entry): where the chunk programs are. */
struct bt_argv_state {
	__u64 argv;		/* the vector being read: argv, then envp */
	__u32 index;		/* next string to read */
	__u32 chunks;		/* chunks sent, argv's and the environment's */
	__u64 envp;		/* the caller's envp, read once argv is done */
	__u16 type;		/* BT_ARGV, then BT_ENV */
	__u16 flags;		/* BT_ARGV_IMAGE: envp follows argv's NULL,
				   and AT_EXECFN follows envp's */
	__u32 reserved;
};

_Static_assert(sizeof(struct bt_argv_state) == 32, "bt_argv_state layout");

/*
 * "gate" (array, one u64): newtasks entries not yet claimed. Where the
 * syscall number is not known at sys_exit, it spares every other
 * syscall's exit a newtasks lookup.
 */

#define BT_IN_FLIGHT	16384	/* pending and newtasks entries */

struct sysargs;

struct buildtrace_config {
	const struct prog_features *features;
	/* Where sys_enter finds the arguments: progs/sysargs.h. */
	const struct sysargs *sysargs;
	int prepare_exec;	/* sched_prepare_exec is attached */
	int group_dead;		/* sched_process_exit passes group_dead */
	/*
	 * Read each exec's environment after its argv. Without it, only an
	 * exec read from the new image's stack walks its environment (the
	 * auxiliary vector with AT_EXECFN lies past it), and the recorder
	 * drops those chunks.
	 */
	int env;
};

/*
 * Programs; ctx is a struct buildtrace_config. Maps: "events",
 * "counters", "tree", "ops", "pending", "newtasks", "gate", "batch",
 * "argv_state" and "argv_prog" (a program array holding
 * buildtrace_build_argv's program, which tail-calls itself).
 */
int buildtrace_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_newtask(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_prepare_exec(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_process_exec(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_process_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int buildtrace_build_argv(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints, in the order they are attached; and the chunk program's. */
extern const struct probe buildtrace_probes[6];
extern const struct probe buildtrace_argv_probe;

/*
 * Fill the "ops" map with this architecture's syscall numbers. Returns
 * the number of syscalls filled, or -errno.
 */
int buildtrace_ops_fill(int ops_fd);

/* The "ops" value of syscall op on this architecture, 0 if it has none. */
__u32 buildtrace_ope(enum bt_op op);

#endif /* BAREBPF_PROGS_BUILDTRACE_H */
