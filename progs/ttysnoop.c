// SPDX-License-Identifier: GPL-2.0
/* ttysnoop's programs. */
#include <errno.h>
#include <string.h>
#include <linux/uio.h>
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"
#include "progs/ttysnoop.h"

#define TTY_MEMBERS	(FDFILE_MEMBERS + 2)

int ttysnoop_offsets__from_btf(struct ttysnoop_offsets *o,
			       const struct btf *btf, char *what, size_t len)
{
	struct kernel_member m[TTY_MEMBERS] = {
		[FDFILE_MEMBERS] = { "file", "f_inode", 8, &o->file_inode, BTF_KIND_PTR },
		{ "inode", "i_rdev", 4, &o->inode_rdev, BTF_KIND_INT },
	};

	fdfile_members(&o->fd, m);
	return kernel_members_resolve(btf, m, TTY_MEMBERS, what, len);
}

/* The entry's stack, below r10. */
struct enter_frame {
	struct ttysnoop_pending pending;
	struct fdfile_stack walk;	/* fdfile_emit_file()'s */
	__u32 key;		/* u32 tid */
	__u32 tree;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct enter_frame);
#define IN(member)	FRAME_SLOT(struct enter_frame, member)

_Static_assert(sizeof(struct enter_frame) == 64, "ttysnoop entry frame");

/* write(fd, buf, count) or writev(fd, vec, vlen). */
static bool is_writev(const struct tp_format *fmt)
{
	return tp_format__field(fmt, "vec") != NULL;
}

int ttysnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct ttysnoop_config *cfg = arg;
	const struct ttysnoop_offsets *o = cfg->offsets;
	const struct prog_features *f = cfg->features;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", IN(tree));
	/* Not our own output, should it go to that terminal. */
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_pid_tgid),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, (__s32)cfg->self, 0), "out");

	/* the descriptor's file, its inode, the device: the tty's or nothing to do */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
	fdfile_emit_file(b, &o->fd, f, BPF_REG_7, IN(walk), "out");
	fdfile_emit_follow(b, f, BPF_REG_7, BPF_REG_7, o->file_inode, IN(walk), "out");
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, IN(walk), 0));
	emit_probe_read(b, f->read_kernel, BPF_REG_10, IN(walk), 4, BPF_REG_7,
			(int)o->inode_rdev);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "out");
	/* A dev_t past 2^31 must not be sign-extended: a 64-bit constant. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, IN(walk)),
	     BPF_LD_IMM64(BPF_REG_2, cfg->rdev));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "out");

	/* writes[tid] = { where the bytes are, the descriptor } */
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, is_writev(fmt) ? "vec" : "buf");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, IN(pending.buf)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, IN(pending.vlen), 0));
	if (is_writev(fmt)) {
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "vlen");
		EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, IN(pending.vlen)));
	}
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, IN(pending.fd)));
	record_emit_key(b, IN(key));
	record_emit_keep(b, "writes", IN(key), IN(pending), IN(counter));
	exit_emit_out(b);
	return 0;
}

/*
 * Where the bytes still to send are: kept in the scratch record, after
 * its data, not on the stack. The verifier tracks no value in a map, so
 * each round's tests stay open to it and the states that its branches
 * leave compare alike; values on the stack it would know exactly, and
 * walk every round's branches apart (beyond a million instructions at
 * 12 rounds).
 */
struct ttysnoop_state {
	__u64 ptr;		/* the next byte to send */
	__u64 len;		/* bytes left there (in this iovec) */
	__u64 left;		/* bytes of the call left to send */
	__u64 off;		/* sent so far */
	__u64 n;		/* this round's */
	__u64 idx;		/* writev: the next iovec */
	struct iovec iov;	/* writev: the one read */
};

/* The exit's stack. */
struct exit_frame {
	__u64 round;		/* builder__loop()'s */
	__u32 key;		/* u32 tid */
	__u32 zero;
	__u32 counter;
	__u32 pad;
};

FRAME_FITS(struct exit_frame);
#define OUT(member)	FRAME_SLOT(struct exit_frame, member)
/* The state is in the scratch record, past its cfg->size bytes of data. */
#define STATE_AT(size) (sizeof(struct ttysnoop_event) + (((size) + 7) & ~7u))
#define ST(member) ((__s16)(STATE_AT(cfg->size) + offsetof(struct ttysnoop_state, member)))
#define PENDING(field) ((__s16)offsetof(struct ttysnoop_pending, field))
#define EV(field) ((__s16)offsetof(struct ttysnoop_event, field))
/* A user pointer or size_t, as the traced process has it. */
#define WORD (sizeof(void *) == 8 ? BPF_DW : BPF_W)

/* One round: the next iovec if need be, then up to cfg->size bytes sent. */
static void emit_round(struct builder *b, void *arg)
{
	const struct ttysnoop_config *cfg = arg;
	const struct prog_features *f = cfg->features;

	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(left)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "done");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(len)));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), ".have");

	/* writev: the next iovec, if any (write has none: vlen 0) */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_7, PENDING(vlen)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(idx)));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), "done");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(idx)),
	     BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, 1),
	     BPF_ALU64_IMM(BPF_MUL, BPF_REG_1, sizeof(struct iovec)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_7, PENDING(buf)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1));
	emit_probe_read_r3(b, f->read_user, BPF_REG_8, ST(iov), sizeof(struct iovec));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "done");
	EMIT(b, BPF_LDX_MEM(WORD, BPF_REG_1, BPF_REG_8, ST(iov.iov_base)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(ptr)),
	     BPF_LDX_MEM(WORD, BPF_REG_1, BPF_REG_8, ST(iov.iov_len)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(len)));
	/* An empty iovec takes a round of its own. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), ".next");

	/* n = min(len, left, size) */
	LABEL(b, ".have");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_8, ST(len)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(left)));
	JUMP(b, BPF_JMP_REG(BPF_JLE, BPF_REG_2, BPF_REG_1, 0), ".min");
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_1));
	LABEL(b, ".min");
	JUMP(b, BPF_JMP_IMM(BPF_JLE, BPF_REG_2, (__s32)cfg->size, 0), ".sized");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_2, (__s32)cfg->size));
	LABEL(b, ".sized");
	/*
	 * Through the record and back, as the verifier tracks no value in
	 * a map: n's bounds come from the test that follows alone, so the
	 * sizes the helpers take do not make every round's len and left
	 * exact, which would leave the verifier each round's branches to
	 * walk separately (16 rounds of them: minutes).
	 */
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_2, ST(n)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_2, EV(len)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_8, EV(len)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, (__s32)cfg->size, 0), "done");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "done");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct ttysnoop_event)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_8, ST(ptr)),
	     BPF_EMIT_CALL(f->read_user));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "done");

	/* the record: where these bytes are in the call, and them */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(off)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, EV(offset)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_8, EV(len)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_5, (__s32)cfg->size, 0), "done");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, sizeof(struct ttysnoop_event)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_8));
	record_emit_output(b, BPF_REG_6, OUT(counter));

	/* past them */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_8, ST(n)));
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(off)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(off)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(ptr)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(ptr)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(len)),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(len)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(left)),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_2),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_1, ST(left)));
	LABEL(b, ".next");
	/*
	 * The counter's slot alike on every path: a failed send writes its
	 * 4 bytes, which the verifier (marking whole slots alone as
	 * written) takes as live, and the rounds after would be walked
	 * again for each round that failed, some 10,000 instructions at
	 * 16 rounds instead of 5,000.
	 */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, OUT(counter), 0));
}

int ttysnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			void *arg)
{
	const struct ttysnoop_config *cfg = arg;
	const struct record_who who = {
		.time_ns = EV(time_ns), .pid = EV(pid), .tid = EV(tid),
		.uid = EV(uid), .comm = EV(comm),
	};

	if (!cfg->size || cfg->size > TTYSNOOP_DATA_MAX) {
		builder__fail(b, -EINVAL, "ttysnoop: %u bytes per record", cfg->size);
		return -EINVAL;
	}
	/* r7 = writes[tid], or nothing to do; nothing written, nothing to send */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "writes", BPF_REG_7, OUT(key), "out");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "ret");
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_1, 0, 0), "forget");

	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_1));

	/* r8 = the record, with who, the descriptor and how much was written */
	emit_map_only(b, "tty_scratch", BPF_REG_8, OUT(zero), "forget");
	record_emit_who(b, BPF_REG_8, &who);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PENDING(fd)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, EV(fd)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_9, EV(count)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, EV(pad), 0));

	/* where the bytes are: write's buffer, or the first iovec (read in the loop) */
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_9, ST(left)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_9, ST(len)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, ST(off), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_8, ST(idx), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_7, PENDING(buf)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_8, BPF_REG_2, ST(ptr)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_7, PENDING(vlen)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "start");
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, ST(len), 0));
	LABEL(b, "start");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, OUT(counter), 0));
	builder__loop(b, (int)cfg->count, cfg->features->bounded_loops, OUT(round),
		      emit_round, arg);

	/* bytes left over: the call was longer than -s times -c */
	LABEL(b, "done");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_8, ST(left)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "forget");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, OUT(zero), 0));
	emit_map_lookup(b, "tty_cut", OUT(zero));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "forget");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0));

	/* always: writes[tid] goes */
	LABEL(b, "forget");
	record_emit_forget(b, "writes", OUT(key));
	exit_emit_out(b);
	return 0;
}

/* Bytes of the scratch record: the header, -s bytes, the loop's state. */
size_t ttysnoop_scratch_size(__u32 size)
{
	return STATE_AT(size) + sizeof(struct ttysnoop_state);
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe ttysnoop_probes[] = {
	{ "tty_write_exit", "syscalls", "sys_exit_write", ttysnoop_build_exit, 0 },
	{ "tty_writev_exit", "syscalls", "sys_exit_writev", ttysnoop_build_exit, 0 },
	{ "tty_write", "syscalls", "sys_enter_write", ttysnoop_build_enter, 0 },
	{ "tty_writev", "syscalls", "sys_enter_writev", ttysnoop_build_enter, 0 },
};
