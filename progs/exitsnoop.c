// SPDX-License-Identifier: GPL-2.0
/* exitsnoop's programs: the exit, and without BTF what leads to it. */
#include <errno.h>
#include <sched.h>		/* CLONE_*: <linux/sched.h> clashes with libc's */
#include <signal.h>
#include "progs/counters.h"
#include "progs/exitsnoop.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/kernel_offsets.h"
#include "progs/memread.h"
#include "progs/tree.h"
#include "progs/mapcall.h"
#include "progs/exit.h"

/* signal_struct.flags during a group exit (linux/sched/signal.h, 2.6 on) */
#define SIGNAL_GROUP_EXIT	0x4

/* trace_signal_generate's result: the signal was queued (trace/events/signal.h) */
#define TRACE_SIGNAL_DELIVERED	0
#define TRACE_SIGNAL_LOSE_INFO	4

#define SIG_BIT(sig)	(1ull << ((sig) - 1))

/* Signals whose default action ends the process: all but ignore and stop. */
#define FATAL_MASK	(~(SIG_BIT(SIGCHLD) | SIG_BIT(SIGCONT) | SIG_BIT(SIGURG) | \
			   SIG_BIT(SIGWINCH) | SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | \
			   SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU)))
/* ... and dumps core: the kernel's SIG_KERNEL_COREDUMP_MASK */
#define CORE_MASK	(SIG_BIT(SIGQUIT) | SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP) | \
			 SIG_BIT(SIGABRT) | SIG_BIT(SIGFPE) | SIG_BIT(SIGSEGV) | \
			 SIG_BIT(SIGBUS) | SIG_BIT(SIGSYS) | SIG_BIT(SIGXCPU) | \
			 SIG_BIT(SIGXFSZ))

/* The stack frame. */
struct exitsnoop_frame {
	__u32 key;			/* a key read from a record */
	__u32 tree;			/* tree_emit_forget's key */
	__u64 read;			/* what a kernel read brings in */
	__u32 counter;
	union {
		struct exitsnoop_group group;
		__u32 status;		/* an exit_threads or exit_signals value */
	};
	__u32 in_tree;			/* the thread was in "tree" */
	__u32 tgid;			/* the current tgid */
	__u32 tid;			/* the current tid */
	union {
		struct exitsnoop_event event;	/* exit */
		struct exitsnoop_birth birth;	/* task_newtask */
	};
};

FRAME_FITS(struct exitsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct exitsnoop_frame, member)
#define EV(field)	SLOT(event.field)
#define GROUP(field)	SLOT(group.field)

int exitsnoop_offsets__from_btf(struct exitsnoop_offsets *o,
				const struct btf *btf, char *what, size_t len)
{
	const struct kernel_member members[] = {
		{ "task_struct", "exit_code", 4, &o->task_exit_code, BTF_KIND_INT },
		{ "task_struct", "signal", 8, &o->task_signal, BTF_KIND_PTR },
		{ "task_struct", "group_leader", 8, &o->task_group_leader, BTF_KIND_PTR },
		{ "task_struct", "real_parent", 8, &o->task_real_parent, BTF_KIND_PTR },
		{ "task_struct", "tgid", 4, &o->task_tgid, BTF_KIND_INT },
		{ "task_struct", "start_time", 8, &o->task_start_time, BTF_KIND_INT },
		{ "signal_struct", "flags", 4, &o->signal_flags, BTF_KIND_INT },
		{ "signal_struct", "group_exit_code", 4, &o->signal_group_exit_code, BTF_KIND_INT },
	};

	return kernel_members_resolve(btf, members,
				      sizeof(members) / sizeof(members[0]), what, len);
}

/* Emit: current tid and tgid into SLOT(tid) and SLOT(tgid). */
static void emit_ids(struct builder *b)
{
	record_emit_ids(b, BPF_REG_10, SLOT(tid), SLOT(tgid));
}

/* Emit: unless the signal in reg (any number) is in mask, goto miss. Uses r1, r2. */
static void emit_signal_in(struct builder *b, int reg, __u64 mask,
			   const char *miss)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, reg),
	     BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, 1));
	/* Also 0, which wrapped around. */
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, 63, 0), miss);
	EMIT(b, BPF_LD_IMM64(BPF_REG_2, mask),
	     BPF_ALU64_REG(BPF_RSH, BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, 1));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), miss);
}

/*
 * Emit: exit_groups[current tgid] = { status in reg, source }, unless
 * what is kept there came from as strong a source. reg is callee-saved.
 */
static void emit_set_group(struct builder *b, int reg, int source)
{
	char fresh[BUILDER_NAME_MAX], done[BUILDER_NAME_MAX];

	builder__local_label(b, fresh, "fresh");
	builder__local_label(b, done, "kept");
	emit_map_lookup(b, "exit_groups", SLOT(tgid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), fresh);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0,
			    offsetof(struct exitsnoop_group, source)));
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1, source, 0), done);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_0, reg,
			    offsetof(struct exitsnoop_group, status)),
	     BPF_ST_MEM(BPF_W, BPF_REG_0, offsetof(struct exitsnoop_group, source),
			source));
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, fresh);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, reg, GROUP(status)),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, GROUP(source), source));
	emit_map_update(b, "exit_groups", SLOT(tgid), SLOT(group), BPF_ANY);
	LABEL(b, done);
}

/*
 * Emit: send size bytes at r4 as a record; ctx in r6. A full ring is
 * counted by perf itself, as a lost record; any other failure here.
 */
static void emit_send(struct builder *b)
{
	EMIT(b, BPF_MOV64_IMM(BPF_REG_5, sizeof(struct exitsnoop_event)));
	record_emit_output(b, BPF_REG_6, SLOT(counter));
}

/*
 * Emit: dst = size bytes at base + off in kernel memory, 0 when the read
 * fails (the helper zeroes its buffer then). base may be r0..r9.
 */
static void emit_kread(struct builder *b, const struct prog_features *f,
		       int dst, int base, __u32 off, int size)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, base),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (__s32)off));
	emit_probe_read_r3(b, f->read_kernel, BPF_REG_10, SLOT(read), size);
	EMIT(b, BPF_LDX_MEM(size == 8 ? BPF_DW : BPF_W, dst, BPF_REG_10, SLOT(read)));
}

/*
 * With BTF: r7 = the wait status, and the record's start_ns and ppid,
 * read from the current task (r9). Uses r0-r5 and r8.
 */
static void emit_status_btf(struct builder *b, const struct exitsnoop_config *cfg)
{
	const struct exitsnoop_offsets *o = cfg->offsets;
	const struct prog_features *f = cfg->features;

	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
	if (cfg->threads) {
		/* the thread's own exit code and start */
		emit_kread(b, f, BPF_REG_7, BPF_REG_9, o->task_exit_code, 4);
		emit_kread(b, f, BPF_REG_1, BPF_REG_9, o->task_start_time, 8);
		EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(start_ns)));
	} else {
		/*
		 * As wait_task_zombie(): the group's code in a group exit,
		 * else the leader's own, which it may have left with first.
		 */
		emit_kread(b, f, BPF_REG_8, BPF_REG_9, o->task_group_leader, 8);
		emit_kread(b, f, BPF_REG_1, BPF_REG_8, o->task_start_time, 8);
		EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(start_ns)));
		emit_kread(b, f, BPF_REG_7, BPF_REG_8, o->task_exit_code, 4);
		emit_kread(b, f, BPF_REG_8, BPF_REG_9, o->task_signal, 8);
		emit_kread(b, f, BPF_REG_1, BPF_REG_8, o->signal_flags, 4);
		EMIT(b, BPF_ALU64_IMM(BPF_AND, BPF_REG_1, SIGNAL_GROUP_EXIT));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "status_done");
		emit_kread(b, f, BPF_REG_7, BPF_REG_8, o->signal_group_exit_code, 4);
		LABEL(b, "status_done");
	}
	emit_kread(b, f, BPF_REG_8, BPF_REG_9, o->task_real_parent, 8);
	emit_kread(b, f, BPF_REG_1, BPF_REG_8, o->task_tgid, 4);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(ppid)));
}

/*
 * Without BTF: r7 = the status kept for this thread and its process;
 * the record's start_ns and ppid from "births". Removes what the thread
 * leaves, and the process's state when group_dead (r8) says it ends;
 * without group_dead that waits for the leader's sched_process_free.
 * Runs for every exit, before any filter: nothing may stay behind.
 */
static void emit_status_kept(struct builder *b, const struct exitsnoop_config *cfg)
{
	/*
	 * r7 = the group's status in a group exit, else the thread's own
	 * exit(2) code: the last thread's is the process's (5.18 on). A
	 * kernel without group_dead ends a process here at its leader's
	 * exit, with the leader's code, as libbpf-tools does.
	 */
	EMIT(b, BPF_MOV64_IMM(BPF_REG_7, 0));
	emit_map_lookup(b, "exit_threads", SLOT(tid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "no_thread_code");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_7, BPF_REG_0, 0));
	emit_map_delete(b, "exit_threads", SLOT(tid));
	LABEL(b, "no_thread_code");
	emit_map_lookup(b, "exit_groups", SLOT(tgid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "no_group_code");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_7, BPF_REG_0,
			    offsetof(struct exitsnoop_group, status)));
	LABEL(b, "no_group_code");
	if (cfg->group_dead) {
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "group_lives");
		emit_map_delete(b, "exit_groups", SLOT(tgid));
		emit_map_delete(b, "exit_signals", SLOT(tgid));
		LABEL(b, "group_lives");
	}
	emit_map_delete(b, "exit_signals", SLOT(tid));

	/* start and parent, from task_newtask: 0 for a task born before */
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, EV(start_ns), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, EV(ppid), 0));
	emit_map_lookup(b, "births", SLOT(tgid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "no_birth");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0,
			    offsetof(struct exitsnoop_birth, ppid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(ppid)));
	if (!cfg->threads)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0,
				    offsetof(struct exitsnoop_birth, start_ns)),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(start_ns)));
	LABEL(b, "no_birth");
	if (cfg->threads) {
		emit_map_lookup(b, "births", SLOT(tid));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "no_thread_birth");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0,
				    offsetof(struct exitsnoop_birth, start_ns)),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, EV(start_ns)));
		LABEL(b, "no_thread_birth");
	}
	/* The leader's birth stays while its process lives on without it. */
	if (cfg->group_dead) {
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "thread_birth");
		emit_map_delete(b, "births", SLOT(tgid));
		LABEL(b, "thread_birth");
	}
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_3, BPF_REG_10, SLOT(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_4, BPF_REG_10, SLOT(tgid)));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_3, BPF_REG_4, 0), "births_done");
	emit_map_delete(b, "births", SLOT(tid));
	LABEL(b, "births_done");
}

/* sched:sched_process_exit */
int exitsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct exitsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);

	/* r8 = this exit ends the process (without the field: the leader's) */
	if (cfg->group_dead) {
		emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "group_dead");
	} else {
		EMIT(b, BPF_MOV64_IMM(BPF_REG_8, 0),
		     BPF_LDX_MEM(BPF_W, BPF_REG_3, BPF_REG_10, SLOT(tid)),
		     BPF_LDX_MEM(BPF_W, BPF_REG_4, BPF_REG_10, SLOT(tgid)));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_3, BPF_REG_4, 0), "not_leader");
		EMIT(b, BPF_MOV64_IMM(BPF_REG_8, 1));
		LABEL(b, "not_leader");
	}

	/* -- COMMAND: was the thread in the tree? It leaves it either way. */
	if (cfg->tree) {
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(in_tree), 0));
		emit_map_lookup(b, "tree", SLOT(tid));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "tree_done");
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(in_tree), 1));
		tree_emit_forget(b, SLOT(tree));
		LABEL(b, "tree_done");
	}
	if (!cfg->offsets)
		emit_status_kept(b, cfg);

	/* the filters: tree, processes only, pid */
	if (cfg->tree) {
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(in_tree)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	}
	if (!cfg->threads)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "out");
	if (cfg->pid >= 0) {
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(tgid)));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, (__s32)cfg->pid, 0), "out");
	}
	if (cfg->offsets)
		emit_status_btf(b, cfg);
	if (cfg->failed_only)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, 0, 0), "out");

	/* the record */
	record_emit_time(b, BPF_REG_10, EV(time_ns));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(tgid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(pid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, EV(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, EV(status)));
	record_emit_comm(b, BPF_REG_10, EV(comm));

	/*
	 * Without BTF, a death by a signal that dumps core waits for the
	 * SIGCHLD that says whether it did: held[tid] = the record. The
	 * last thread sends it, so only the process's own record waits.
	 */
	if (!cfg->offsets) {
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "send");
		EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_7),
		     BPF_ALU64_IMM(BPF_AND, BPF_REG_9, EXIT_STATUS_SIGNAL));
		emit_signal_in(b, BPF_REG_9, CORE_MASK, "send");
		emit_map_update(b, "held", SLOT(tid), SLOT(event), BPF_ANY);
		/* No room to wait: send it now, core not known. */
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
		LABEL(b, "send");
	}
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_4, SLOT(event)));
	emit_send(b);
	exit_emit_out(b);
	return 0;
}

/* syscalls:sys_enter_exit_group: the code the whole group ends with. */
int exitsnoop_build_exit_group(struct builder *b, const struct tp_format *fmt,
			       void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "error_code");
	EMIT(b, BPF_ALU64_IMM(BPF_AND, BPF_REG_7, EXIT_STATUS_CODE_MASK),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_7, EXIT_STATUS_CODE_SHIFT));
	emit_set_group(b, BPF_REG_7, EXIT_SOURCE_GROUP);
	exit_emit_out(b);
	return 0;
}

/* syscalls:sys_enter_exit: the code this thread alone ends with. */
int exitsnoop_build_thread_exit(struct builder *b, const struct tp_format *fmt,
				void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "error_code");
	EMIT(b, BPF_ALU64_IMM(BPF_AND, BPF_REG_1, EXIT_STATUS_CODE_MASK),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, EXIT_STATUS_CODE_SHIFT),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(status)));
	emit_map_update(b, "exit_threads", SLOT(tid), SLOT(status), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/*
 * signal:signal_generate, in the sender. Two jobs: a held exit sends its
 * record once its SIGCHLD says whether a core was dumped; and a fatal
 * signal queued for a task is kept, since complete_signal() may have
 * turned it into a group SIGKILL that hides it from signal_deliver.
 */
int exitsnoop_build_generate(struct builder *b, const struct tp_format *fmt,
			     void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);

	/* a dying task's notice to its parent: killed, or dumped core */
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "code");
	EMIT(b, BPF_MOV32_REG(BPF_REG_7, BPF_REG_7));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, CLD_KILLED, 0), "notice");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_7, CLD_DUMPED, 0), "queued");
	LABEL(b, "notice");
	emit_map_lookup(b, "held", SLOT(tid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "queued");
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_0));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_7, CLD_DUMPED, 0), "send_held");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_4,
			    offsetof(struct exitsnoop_event, status)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, EXIT_STATUS_CORE),
	     BPF_STX_MEM(BPF_W, BPF_REG_4, BPF_REG_1,
			 offsetof(struct exitsnoop_event, status)));
	LABEL(b, "send_held");
	emit_send(b);
	emit_map_delete(b, "held", SLOT(tid));
	JUMP(b, BPF_JMP_A(0), "out");

	/* exit_signals[target] = a queued signal whose default is to end it */
	LABEL(b, "queued");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "result");
	EMIT(b, BPF_MOV32_REG(BPF_REG_1, BPF_REG_1));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, TRACE_SIGNAL_DELIVERED, 0), "queued_ok");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, TRACE_SIGNAL_LOSE_INFO, 0), "out");
	LABEL(b, "queued_ok");
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "sig");
	EMIT(b, BPF_MOV32_REG(BPF_REG_7, BPF_REG_7));
	emit_signal_in(b, BPF_REG_7, FATAL_MASK, "out");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_7, SLOT(status)));
	emit_map_update(b, "exit_signals", SLOT(key), SLOT(status), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/* Emit: delete exit_signals[key at slot] if it holds the signal in r7. */
static void emit_forget_signal(struct builder *b, int slot)
{
	char keep[BUILDER_NAME_MAX];

	builder__local_label(b, keep, "keep");
	emit_map_lookup(b, "exit_signals", slot);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), keep);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, 0));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_7, 0), keep);
	emit_map_delete(b, "exit_signals", slot);
	LABEL(b, keep);
}

/*
 * signal:signal_deliver, in the receiver: a fatal signal with the
 * default action ends the process with it. SIGKILL may stand for the
 * signal complete_signal() turned into it, kept at signal_generate.
 */
int exitsnoop_build_deliver(struct builder *b, const struct tp_format *fmt,
			    void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "sig");
	EMIT(b, BPF_MOV32_REG(BPF_REG_7, BPF_REG_7));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "sa_handler");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, (__s32)(long)SIG_DFL, 0), "default");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, (__s32)(long)SIG_IGN, 0), "out");

	/* Handled: what was kept for this signal is over. */
	emit_forget_signal(b, SLOT(tid));
	emit_forget_signal(b, SLOT(tgid));
	JUMP(b, BPF_JMP_A(0), "out");

	LABEL(b, "default");
	emit_signal_in(b, BPF_REG_7, FATAL_MASK, "out");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_7, SIGKILL, 0), "fatal");
	emit_map_lookup(b, "exit_signals", SLOT(tid));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "was_sent");
	emit_map_lookup(b, "exit_signals", SLOT(tgid));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "was_sent");
	/* Nothing kept: a real SIGKILL most likely, or a group exit's. */
	emit_set_group(b, BPF_REG_7, EXIT_SOURCE_GUESS);
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "was_sent");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_7, BPF_REG_0, 0));
	LABEL(b, "fatal");
	emit_set_group(b, BPF_REG_7, EXIT_SOURCE_GROUP);
	exit_emit_out(b);
	return 0;
}

/* task:task_newtask, in the parent: when the task began, and its parent. */
int exitsnoop_build_newtask(struct builder *b, const struct tp_format *fmt,
			    void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_ids(b);
	record_emit_time(b, BPF_REG_10, SLOT(birth.start_ns));
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(birth.ppid), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(birth.pad), 0));
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "clone_flags");
	/* A thread is no process: no parent of its own. */
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, CLONE_THREAD));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "store");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(tgid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(birth.ppid)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_7, CLONE_PARENT));
	/* CLONE_PARENT: the caller's own parent, when known. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, 0, 0), "store");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(birth.ppid), 0));
	emit_map_lookup(b, "births", SLOT(tgid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "store");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0,
			    offsetof(struct exitsnoop_birth, ppid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(birth.ppid)));
	LABEL(b, "store");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	emit_map_update(b, "births", SLOT(key), SLOT(birth), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/*
 * sched:sched_process_exec: the threads an exec killed were sent
 * SIGKILL, which counts for nothing now that the process goes on.
 */
int exitsnoop_build_exec(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	(void)fmt;
	(void)arg;
	emit_ids(b);
	emit_map_delete(b, "exit_groups", SLOT(tgid));
	exit_emit_out(b);
	return 0;
}

/*
 * sched:sched_process_free: a held exit that no SIGCHLD came for (its
 * parent ignores them) is sent as it is once its task is freed. Without
 * group_dead, a freed leader's process is over: its state goes (keyed by
 * a tgid, which no live process has while its leader exists; a new one
 * would have to take the number in the grace period before this).
 */
int exitsnoop_build_free(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct exitsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	if (!cfg->group_dead) {
		emit_map_delete(b, "exit_groups", SLOT(key));
		emit_map_delete(b, "exit_signals", SLOT(key));
		emit_map_delete(b, "births", SLOT(key));
	}
	emit_map_lookup(b, "held", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_0));
	emit_send(b);
	emit_map_delete(b, "held", SLOT(key));
	exit_emit_out(b);
	return 0;
}

/*
 * With BTF the exit program reads the task, and is all there is.
 * Without, the others keep what it needs; it comes first: it removes what
 * they keep, so nothing is kept before it runs.
 */
const struct probe exitsnoop_probes[] = {
	{ "exit_end", "sched", "sched_process_exit", exitsnoop_build_exit, 0 },
	{ "exit_free", "sched", "sched_process_free", exitsnoop_build_free, 0 },
	{ "exit_exec", "sched", "sched_process_exec", exitsnoop_build_exec, 0 },
	{ "exit_generate", "signal", "signal_generate", exitsnoop_build_generate, 0 },
	{ "exit_deliver", "signal", "signal_deliver", exitsnoop_build_deliver, 0 },
	{ "exit_group", "syscalls", "sys_enter_exit_group", exitsnoop_build_exit_group, 0 },
	{ "exit_thread", "syscalls", "sys_enter_exit", exitsnoop_build_thread_exit, 0 },
	{ "exit_newtask", "task", "task_newtask", exitsnoop_build_newtask, PROBE_OPTIONAL },
};
