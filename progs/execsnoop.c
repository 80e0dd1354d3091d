// SPDX-License-Identifier: GPL-2.0
/* execsnoop's programs, assembled at run time from the format files. */
#include <errno.h>
#include <sched.h>		/* CLONE_*: <linux/sched.h> clashes with libc's */
#include "progs/counters.h"
#include "progs/execsnoop.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/exit.h"

#define EV(field) ((__s16)offsetof(struct execsnoop_event, field))

/*
 * A pointer in the caller's argv: the word of the ABI traced, which is
 * this build's own (4 bytes on armhf), read into a zeroed slot and
 * loaded at that width.
 */
#define UWORD		((int)sizeof(long))
#define UWORD_SIZE	(UWORD == 8 ? BPF_DW : BPF_W)

/* The stack frame, 8 bytes a slot. */
struct execsnoop_frame {
	__u64 image[EXEC_IMAGE_STACK / 8];	/* the new stack pointer first */
	__u64 round;			/* the argument loop's */
	__u64 counter;
	__u64 tree;			/* the tree filter's key */
	__u64 peek;			/* one byte past a full-length argument */
	__u64 ptr;			/* argv[i], read from the caller */
	__u32 key;			/* a map key: a tid, a pid */
	__u32 parent;			/* task_newtask: the parent's pid */
	__u32 tid;			/* the thread after the exec; "gate"'s key */
	__u32 pid;			/* sched_process_exit: the process */
};

FRAME_FITS(struct execsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct execsnoop_frame, member)

/* The comm is the new program's: written at sched_process_exec. */
static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), RECORD_NONE,
};

/* Emit: flags of the record at r7 |= bits. */
static void emit_set_flags(struct builder *b, int bits)
{
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, bits),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)));
}

/* Emit: if no flag in bits is set on the record at r7, goto skip. */
static void emit_unless_flags(struct builder *b, int bits, const char *skip)
{
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, bits));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), skip);
}

/*
 * Emit: read the filename at the record's filename_ptr into its filename,
 * setting or clearing EXEC_FILENAME_UNREADABLE.
 */
static void emit_read_filename(struct builder *b,
			       const struct execsnoop_config *cfg)
{
	emit_probe_read_ptr(b, cfg->features->read_user_str, BPF_REG_7,
			    EV(filename), EXECSNOOP_ARG_SIZE, BPF_REG_7,
			    EV(filename_ptr));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)));
	/* 0 is "" before 6.4: read, if empty. */
	JUMP(b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_0, 0, 0), "filename_read");
	EMIT(b, BPF_ST_MEM(BPF_B, BPF_REG_7, EV(filename), 0),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, EXEC_FILENAME_UNREADABLE));
	JUMP(b, BPF_JMP_A(0), "filename_done");
	LABEL(b, "filename_read");
	EMIT(b, BPF_ALU32_IMM(BPF_AND, BPF_REG_1, ~EXEC_FILENAME_UNREADABLE));
	LABEL(b, "filename_done");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)));
}

/*
 * Emit: r3 = the argument pointer at r8 (argv[i]), read from the caller;
 * an unreadable one goes to args_unreadable, the NULL that ends argv to
 * args_done.
 */
static void emit_argv_ptr(struct builder *b, const struct execsnoop_config *cfg)
{
	/* A 4-byte pointer in the slot's low half: the whole slot is read later. */
	if (UWORD != 8)
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(ptr), 0));
	emit_probe_read_reg(b, cfg->features->read_user, BPF_REG_10, SLOT(ptr),
			    UWORD, BPF_REG_8);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "args_unreadable");
	EMIT(b, BPF_LDX_MEM(UWORD_SIZE, BPF_REG_3, BPF_REG_10, SLOT(ptr)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "args_done");
}

/*
 * One round of the argument loop: r8 points at argv[i] in the caller,
 * r9 holds the bytes of args used so far. Reads argv[i] into args + r9,
 * then moves r8 to argv[i + 1].
 */
static void emit_read_arg(struct builder *b, void *arg)
{
	const struct execsnoop_config *cfg = arg;
	const int limit = (cfg->max_args - 1) * EXECSNOOP_ARG_SIZE;

	emit_argv_ptr(b, cfg);
	/* args + used = the string argv[i] points to */
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_9, limit - EXECSNOOP_ARG_SIZE, 0),
	     "args_truncated");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, EV(args)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_MOV64_IMM(BPF_REG_2, EXECSNOOP_ARG_SIZE),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_0, 0, 0), "args_unreadable");
	/*
	 * Before 6.4 an empty string gives 0, not 1 (its NUL uncounted):
	 * that case is out of line, below, so that the verifier walks the
	 * rest of the loop with the widest r9 first and finds every
	 * narrower one already covered; the other way round, it walks the
	 * rest again for each round, tens of thousands of instructions.
	 */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), ".empty");
	LABEL(b, ".counted");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_0),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(args_count)),
	     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(args_count)));
	/*
	 * A string that filled its slot may have been cut: a byte past the
	 * slot that is not NUL says it was.
	 */
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, EXECSNOOP_ARG_SIZE, 0), ".next");
	emit_probe_read_past(b, cfg->features->read_user, SLOT(peek), SLOT(ptr),
			     EXECSNOOP_ARG_SIZE);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), ".next");
	EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_10, SLOT(peek)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), ".next");
	emit_set_flags(b, EXEC_ARGS_TRUNCATED);
	LABEL(b, ".next");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_8, UWORD));
	JUMP(b, BPF_JMP_A(0), ".done");

	/* An empty string: write its NUL and count it. */
	LABEL(b, ".empty");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, EV(args)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_ST_MEM(BPF_B, BPF_REG_1, 0, 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	JUMP(b, BPF_JMP_A(0), ".counted");
	LABEL(b, ".done");
}

/*
 * Emit: read argv[1 .. max_args-1] of the record at r7 (argv_ptr) into
 * args, packed, then peek at argv[max_args] to tell whether any were left
 * out. A bounded loop where the kernel verifies one (5.3+), else
 * unrolled. Uses r0-r5, r8 (argv) and r9 (bytes used).
 */
static void emit_read_args(struct builder *b,
			   const struct execsnoop_config *cfg)
{
	/* Start over: a retry must not append to a failed first try. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1,
			   ~(EXEC_ARGS_TRUNCATED | EXEC_ARGS_UNREADABLE)),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, EV(args_count), 0),
	     BPF_MOV64_IMM(BPF_REG_9, 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_7, EV(argv_ptr)));
	/* execve(path, NULL, ...) is allowed and means no arguments. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "args_done");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_8, UWORD));
	if (cfg->max_args > 1)
		builder__loop(b, cfg->max_args - 1, cfg->features->bounded_loops,
			      SLOT(round), emit_read_arg, (void *)cfg);
	/* argv[max_args]: one argument more than we keep says so. */
	emit_argv_ptr(b, cfg);
	JUMP(b, BPF_JMP_A(0), "args_truncated");
	LABEL(b, "args_unreadable");
	emit_set_flags(b, EXEC_ARGS_UNREADABLE);
	JUMP(b, BPF_JMP_A(0), "args_done");
	LABEL(b, "args_truncated");
	emit_set_flags(b, EXEC_ARGS_TRUNCATED);
	LABEL(b, "args_done");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_9, EV(args_size)));
}

/* Emit: delete execs[key at SLOT(key)]. */
static void emit_forget(struct builder *b)
{
	emit_map_delete(b, "execs", SLOT(key));
}

/*
 * Emit: send the record at r7, cut to the arguments it holds, then
 * delete execs[key at SLOT(key)]. r6 must hold ctx.
 */
static void emit_send_and_forget(struct builder *b,
				 const struct execsnoop_config *cfg)
{
	const int limit = (cfg->max_args - 1) * EXECSNOOP_ARG_SIZE;

	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_7, EV(args_size)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_5, limit, 0), "forget");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, EV(args)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_7));
	record_emit_output(b, BPF_REG_6, SLOT(counter));
	LABEL(b, "forget");
	emit_forget(b);
}

/* sys_enter_execve, sys_enter_execveat: record the caller's request. */
int execsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct execsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* r7 = this CPU's scratch record */
	emit_map_only(b, "exec_scratch", BPF_REG_7, SLOT(key), "out");

	/* time, pid, tid, uid, and the pointers to read from */
	record_emit_who(b, BPF_REG_7, &who);
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(ret), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, EV(ppid), 0));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "filename");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, EV(filename_ptr)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "argv");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, EV(argv_ptr)));

	/* ppid = parents[pid], when the kernel saw the fork */
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, EV(pid)));
	LD_MAP(b, BPF_REG_1, "parents");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "no_parent");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, 0),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(ppid)));
	LABEL(b, "no_parent");

	emit_read_filename(b, cfg);
	emit_read_args(b, cfg);

	/* execs[tid] = the record, until the result is known */
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, EV(tid)),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_7),
	     BPF_MOV64_IMM(BPF_REG_4, BPF_ANY));
	LD_MAP(b, BPF_REG_1, "execs");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	counter_emit_inc(b, COUNTER_PAIR_FULL, SLOT(counter));
	exit_emit_out(b);
	return 0;
}

/*
 * sched_prepare_exec (6.10+): past the point of no return, the kernel has
 * copied filename and argv in, and the caller's memory is still mapped,
 * so what entry could not read is readable now.
 */
int execsnoop_build_prepare(struct builder *b, const struct tp_format *fmt,
			    void *arg)
{
	const struct execsnoop_config *cfg = arg;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "execs", BPF_REG_7, SLOT(key), "out");
	emit_unless_flags(b, EXEC_FILENAME_UNREADABLE, "filename_ok");
	emit_read_filename(b, cfg);
	LABEL(b, "filename_ok");
	emit_unless_flags(b, EXEC_ARGS_UNREADABLE, "out");
	emit_read_args(b, cfg);
	exit_emit_out(b);
	return 0;
}

/*
 * Emit: read the arguments of the record at r7 again, from the new
 * image's stack whose pointer is at SLOT(image): argv follows argc there,
 * a word (the kernel's, a native program's) each.
 */
static void emit_image_args(struct builder *b, const struct execsnoop_config *cfg)
{
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(image)),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, (__s32)sizeof(long)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, EV(argv_ptr)));
	emit_read_args(b, cfg);
}

/* Emit: gate += delta. Uses r0-r3; falls through if there is no gate. */
static void emit_gate_add(struct builder *b, int delta, const char *label)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(tid), 0));
	emit_map_lookup(b, "gate", SLOT(tid));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), label);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_1, delta),
	     BPF_STX_XADD(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
	LABEL(b, label);
}

/*
 * Emit: leave the record at r7 (under the key at SLOT(key)) for the
 * exec's return, under the thread's tid now: a thread other than the
 * leader has taken the leader's. A record that cannot move is sent as
 * it is, at send.
 */
static void emit_await_return(struct builder *b, const char *send)
{
	emit_set_flags(b, EXEC_AWAIT_RETURN);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(key)),
	     BPF_MOV32_REG(BPF_REG_0, BPF_REG_0));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_0, BPF_REG_1, 0), "await_kept");
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, SLOT(tid)),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_7),
	     BPF_MOV64_IMM(BPF_REG_4, BPF_ANY));
	LD_MAP(b, BPF_REG_1, "execs");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "await_moved");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, ~EXEC_AWAIT_RETURN),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)));
	JUMP(b, BPF_JMP_A(0), send);
	LABEL(b, "await_moved");
	emit_forget(b);
	LABEL(b, "await_kept");
	emit_gate_add(b, 1, "await_counted");
	JUMP(b, BPF_JMP_A(0), "out");
}

/*
 * sched_process_exec: the exec succeeded. The record is found under
 * old_pid (a thread's exec takes the leader's pid), completed with the
 * new comm and, if need be, the kernel's copy of the filename and the
 * new image's arguments (before 6.10), and sent.
 */
int execsnoop_build_exec(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct execsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "old_pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	emit_map_lookup(b, "execs", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0));

	emit_unless_flags(b, EXEC_FILENAME_UNREADABLE, "filename_ok");
	emit_data_loc(b, BPF_REG_3, -1, BPF_REG_6, fmt, "filename");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, EV(filename)),
	     BPF_MOV64_IMM(BPF_REG_2, EXECSNOOP_ARG_SIZE),
	     BPF_EMIT_CALL(cfg->features->read_kernel_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), "filename_ok");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, ~EXEC_FILENAME_UNREADABLE),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)));
	LABEL(b, "filename_ok");

	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(ret), 0));
	record_emit_comm(b, BPF_REG_7, EV(comm));
	/* what entry could not read, from the new image's stack */
	if (cfg->reread == EXECSNOOP_REREAD_MM) {
		emit_unless_flags(b, EXEC_ARGS_UNREADABLE, "send");
		exec_image_emit_sp_mm(b, &cfg->image, cfg->features, SLOT(image),
				      "send");
		emit_image_args(b, cfg);
	} else if (cfg->reread == EXECSNOOP_REREAD_RETURN) {
		emit_unless_flags(b, EXEC_ARGS_UNREADABLE, "send");
		emit_await_return(b, "send");
	}
	LABEL(b, "send");
	emit_send_and_forget(b, cfg);
	exit_emit_out(b);
	return 0;
}

/*
 * raw_syscalls:sys_exit, EXECSNOOP_REREAD_RETURN: the return of an exec
 * whose record waits for it (EXEC_AWAIT_RETURN), the first the new image
 * makes: its stack pointer is the one the kernel set, over argc.
 */
int execsnoop_build_return(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct execsnoop_config *cfg = arg;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	/* nothing waits: every other syscall stops here */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(key), 0));
	emit_map_lookup(b, "gate", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	record_emit_find(b, "execs", BPF_REG_7, SLOT(key), "out");
	emit_unless_flags(b, EXEC_AWAIT_RETURN, "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, ~EXEC_AWAIT_RETURN),
	     BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(flags)));
	emit_gate_add(b, -1, "uncounted");
	exec_image_emit_sp_regs(b, cfg->sysargs, BPF_REG_6, cfg->features,
				SLOT(image), "send");
	emit_image_args(b, cfg);
	LABEL(b, "send");
	emit_send_and_forget(b, cfg);
	exit_emit_out(b);
	return 0;
}

/*
 * sys_exit_execve, sys_exit_execveat: a record still here means the exec
 * failed (a success was sent from sched_process_exec). The caller's
 * memory is still its own, and the kernel has faulted in what it read.
 */
int execsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct execsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "execs", BPF_REG_7, SLOT(key), "out");
	/* an exec that happened, its record waiting for the return */
	if (cfg->reread == EXECSNOOP_REREAD_RETURN) {
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)),
		     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, EXEC_AWAIT_RETURN));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	}
	if (!cfg->include_failed) {
		emit_forget(b);
	} else {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "ret");
		EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(ret)));
		record_emit_comm(b, BPF_REG_7, EV(comm));
		emit_unless_flags(b, EXEC_FILENAME_UNREADABLE, "filename_ok");
		emit_read_filename(b, cfg);
		LABEL(b, "filename_ok");
		emit_unless_flags(b, EXEC_ARGS_UNREADABLE, "args_ok");
		emit_read_args(b, cfg);
		LABEL(b, "args_ok");
		emit_send_and_forget(b, cfg);
	}
	exit_emit_out(b);
	return 0;
}

/*
 * task_newtask: remember each new process's parent, since a record
 * without BTF has no other way to reach task->real_parent. Threads
 * (CLONE_THREAD) are not processes; CLONE_PARENT children belong to the
 * caller's parent.
 */
int execsnoop_build_newtask(struct builder *b, const struct tp_format *fmt,
			    void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_7, BPF_REG_6, fmt, "clone_flags");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_7),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, CLONE_THREAD));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT(parent)));
	EMIT(b, BPF_ALU64_IMM(BPF_AND, BPF_REG_7, CLONE_PARENT));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_7, 0, 0), "have_parent");
	emit_map_lookup(b, "parents", SLOT(parent));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, 0),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(parent)));
	LABEL(b, "have_parent");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "pid");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	emit_map_update(b, "parents", SLOT(key), SLOT(parent), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/*
 * sched_process_exit, where "execs" and "parents" are not LRU maps: a
 * record still kept for the thread is one whose result no tracepoint
 * showed (an exec that failed past the point of no return into a
 * 32-bit image, whose sys_exit_execve the kernel leaves out), and the
 * process's parent goes with the process: when group_dead (6.16) says
 * it ends, else at its leader's exit (a later exec of a process whose
 * leader left first then finds its parent in /proc).
 */
int execsnoop_build_gone(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_key(b, SLOT(key));
	EMIT(b, BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_0, SLOT(pid)));
	emit_forget(b);
	if (tp_format__field(fmt, "group_dead")) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "group_dead");
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	} else {
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(key)),
		     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(pid)));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "out");
	}
	emit_map_delete(b, "parents", SLOT(pid));
	exit_emit_out(b);
	return 0;
}

/* Attached in this order so that no entry is recorded before its exits. */
const struct probe execsnoop_probes[] = {
	/* cfg->forget_at_exit's alone */
	{ "exec_gone", "sched", "sched_process_exit", execsnoop_build_gone, 0 },
	{ "exec_newtask", "task", "task_newtask", execsnoop_build_newtask, PROBE_OPTIONAL },
	{ "exec_done", "sched", "sched_process_exec", execsnoop_build_exec, 0 },
	/* EXECSNOOP_REREAD_RETURN's alone */
	{ "exec_return", "raw_syscalls", "sys_exit", execsnoop_build_return, PROBE_RAW },
	{ "execve_exit", "syscalls", "sys_exit_execve", execsnoop_build_exit, 0 },
	{ "execveat_exit", "syscalls", "sys_exit_execveat", execsnoop_build_exit, PROBE_OPTIONAL },
	/* EXECSNOOP_REREAD_PREPARE's alone */
	{ "exec_prepare", "sched", "sched_prepare_exec", execsnoop_build_prepare, PROBE_OPTIONAL },
	{ "execve_enter", "syscalls", "sys_enter_execve", execsnoop_build_enter, 0 },
	{ "execveat_enter", "syscalls", "sys_enter_execveat", execsnoop_build_enter, PROBE_OPTIONAL },
};
