// SPDX-License-Identifier: GPL-2.0
/* sofdsnoop's programs. */
#include <sys/socket.h>
#include "progs/exit.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"
#include "progs/counters.h"
#include "progs/sofdsnoop.h"

/*
 * The caller's structs, as the kernel reads them (struct user_msghdr,
 * struct cmsghdr, struct mmsghdr): words of the process's size. A 32-bit
 * process on a 64-bit kernel has other offsets, not decoded here.
 */
#define WORD		((int)sizeof(long))
#define LDX_WORD	(WORD == 8 ? BPF_DW : BPF_W)
#define CONTROL_OFF	((int)offsetof(struct msghdr, msg_control))
#define MMSG_SIZE	((int)sizeof(struct mmsghdr))
#define CMSG_HDR_SIZE	((int)sizeof(struct cmsghdr))
#define CMSG_DATA_OFF	((CMSG_HDR_SIZE + WORD - 1) & ~(WORD - 1))

_Static_assert(offsetof(struct msghdr, msg_control) == 4 * sizeof(long),
	       "msghdr: name, namelen, iov, iovlen, then control");
_Static_assert(offsetof(struct msghdr, msg_controllen) ==
	       offsetof(struct msghdr, msg_control) + sizeof(long), "msghdr's controllen");
_Static_assert(offsetof(struct cmsghdr, cmsg_level) == sizeof(long) &&
	       offsetof(struct cmsghdr, cmsg_type) == sizeof(long) + 4, "cmsghdr layout");
_Static_assert(offsetof(struct mmsghdr, msg_hdr) == 0, "mmsghdr layout");

/* The stack, below r10. */
struct frame {
	struct sofdsnoop_pending pending;	/* kept: copied, or made here */
	__u64 hdr[2];		/* a control message's header; a message's control, length */
	__u64 round;		/* the collecting loop's count */
	__u64 cur;		/* this round's control message */
	__u32 nr;		/* nr_fds once this round's are read */
	__u32 pad;
	struct pathwalk_stack walk;	/* emit: the walk's own */
	__u32 key;		/* u32 tid */
	__u32 zero;		/* the scratch's key */
	__u32 tree;
	__u32 counter;
};

FRAME_FITS(struct frame);
#define SLOT(member)	FRAME_SLOT(struct frame, member)
#define SC(member) ((__s16)offsetof(struct sofdsnoop_scratch, member))
#define PEND(member) ((__s16)offsetof(struct sofdsnoop_pending, member))

_Static_assert(sizeof(struct frame) == 272, "sofdsnoop frame");

/* Emit: r9 = this CPU's scratch, or goto fail. */
static void emit_scratch(struct builder *b, const char *fail)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(zero), 0));
	emit_map_lookup(b, "sofd_scratch", SLOT(zero));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), fail);
	EMIT(b, BPF_MOV64_REG(BPF_REG_9, BPF_REG_0));
}

/*
 * Emit, from the entry record: where the messages are, how many to
 * read, the socket and the action, at rec + off (rec r9 or r10).
 */
static void emit_call(struct builder *b, const struct tp_format *fmt, int rec,
		      int off, enum sofd_action action)
{
	bool mmsg = tp_format__field(fmt, "mmsg") != NULL;

	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, mmsg ? "mmsg" : "msg");
	EMIT(b, BPF_STX_MEM(BPF_DW, rec, BPF_REG_1, (__s16)(off + PEND(msgs))),
	     BPF_ST_MEM(BPF_W, rec, (__s16)(off + PEND(mmsg)), mmsg),
	     BPF_ST_MEM(BPF_W, rec, (__s16)(off + PEND(action)), action));
	if (mmsg) {
		/* A vector is read up to SOFD_MAX_MSGS messages. */
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "vlen");
		EMIT(b, BPF_MOV32_REG(BPF_REG_1, BPF_REG_1));
		JUMP(b, BPF_JMP_IMM(BPF_JLE, BPF_REG_1, SOFD_MAX_MSGS, 0), "vlen");
		EMIT(b, BPF_MOV64_IMM(BPF_REG_1, SOFD_MAX_MSGS));
		LABEL(b, "vlen");
		EMIT(b, BPF_STX_MEM(BPF_W, rec, BPF_REG_1, (__s16)(off + PEND(nr_msgs))));
	} else {
		EMIT(b, BPF_ST_MEM(BPF_W, rec, (__s16)(off + PEND(nr_msgs)), 1));
	}
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
	EMIT(b, BPF_STX_MEM(BPF_W, rec, BPF_REG_1, (__s16)(off + PEND(sock_fd))));
}

/*
 * One round of collecting, on the scratch at r9: read the next control
 * message of the message being read, keeping an SCM_RIGHTS one's fds;
 * or, that message done, begin the next. Leaves the loop for
 * "collected" when there is no next.
 */
static void emit_collect_round(struct builder *b, void *arg)
{
	const struct prog_features *f = arg;

	/* Room for another control message's header in this message? */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_9, SC(cmsg)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_9, SC(cend)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_3),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, CMSG_HDR_SIZE));
	JUMP(b, BPF_JMP_REG(BPF_JGT, BPF_REG_1, BPF_REG_2, 0), ".message");
	JUMP(b, BPF_JMP_REG(BPF_JLE, BPF_REG_1, BPF_REG_3, 0), ".message");	/* wrapped */

	/* its header: length, level, type */
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_3, SLOT(cur)));
	emit_probe_read_r3(b, f->read_user, BPF_REG_10, SLOT(hdr), CMSG_HDR_SIZE);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), ".skip");
	/* The kernel refuses a length that is short or runs past the buffer. */
	EMIT(b, BPF_LDX_MEM(LDX_WORD, BPF_REG_1, BPF_REG_10, SLOT(hdr)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(cur)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_9, SC(cend)),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_2, BPF_REG_3));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, CMSG_HDR_SIZE, 0), ".skip");
	JUMP(b, BPF_JMP_REG(BPF_JGT, BPF_REG_1, BPF_REG_2, 0), ".skip");
	/* the next one: CMSG_ALIGN(length) on */
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, WORD - 1),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, -WORD),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_3),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_2, SC(cmsg)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(hdr) + WORD));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, SOL_SOCKET, 0), ".next");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(hdr) + WORD + 4));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, SCM_RIGHTS, 0), ".next");

	/* SCM_RIGHTS: r1 = its fds, as many as there is room for */
	EMIT(b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, CMSG_DATA_OFF),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, 2),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.nr_fds)),
	     BPF_MOV64_IMM(BPF_REG_3, SOFD_MAX_FDS),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_3, BPF_REG_2));
	JUMP(b, BPF_JMP_REG(BPF_JLE, BPF_REG_1, BPF_REG_3, 0), ".fits");
	EMIT(b, BPF_MOV64_REG(BPF_REG_4, BPF_REG_1),
	     BPF_ALU64_REG(BPF_SUB, BPF_REG_4, BPF_REG_3),
	     BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_9, SC(call.cut)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_5, BPF_REG_4),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_5, SC(call.cut)),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_3));
	LABEL(b, ".fits");
	/* Bounds the verifier sees whatever it makes of the lines above. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), ".next");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_1, SOFD_MAX_FDS, 0), ".next");
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_2, SOFD_MAX_FDS, 0), ".next");
	/* fds[nr_fds..] = them; nr_fds += their number */
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_2, SLOT(nr)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_4, BPF_REG_9, SC(call.nr_fds)),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_4, 2),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(cur)),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, CMSG_DATA_OFF),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_2, 2),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, SC(call.fds)));
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_4, 4 * SOFD_MAX_FDS, 0), ".next");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_4),
	     BPF_EMIT_CALL(f->read_user));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), ".next");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(nr)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, SC(call.nr_fds)));
	JUMP(b, BPF_JMP_A(0), ".next");

	/* This message is done (or cannot be read further): the next one. */
	LABEL(b, ".skip");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, SC(cend)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(cmsg)));
	LABEL(b, ".message");
	/* msg_end[msg - 1] = nr_fds: what the messages before this one gave */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.msg)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.nr_fds)),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_SUB, BPF_REG_3, 1));
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_3, SOFD_MAX_MSGS, 0), ".begin");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_9),
	     BPF_STX_MEM(BPF_B, BPF_REG_3, BPF_REG_2, SC(call.msg_end)));
	LABEL(b, ".begin");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.nr_msgs)));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), "collected");
	/* its control buffer and length, from msgs[msg] */
	EMIT(b, BPF_MOV64_REG(BPF_REG_3, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, SC(call.msg)),
	     BPF_ALU64_IMM(BPF_MUL, BPF_REG_3, MMSG_SIZE),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, SC(call.msgs)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, CONTROL_OFF),
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(cmsg), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(cend), 0));
	emit_probe_read_r3(b, f->read_user, BPF_REG_10, SLOT(hdr), 2 * WORD);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), ".next");
	EMIT(b, BPF_LDX_MEM(LDX_WORD, BPF_REG_1, BPF_REG_10, SLOT(hdr)),
	     BPF_LDX_MEM(LDX_WORD, BPF_REG_2, BPF_REG_10, SLOT(hdr) + WORD),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(cmsg)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_2, SC(cend)));
	LABEL(b, ".next");
	/*
	 * The round's stack slots made alike on every path here: the
	 * verifier then finds the next round's state the same whichever
	 * way this one went, and walks it once instead of once per way.
	 */
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(hdr[0]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(hdr[1]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(cur), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(nr), 0));
}

/*
 * Emit: collect the fds of the call on the scratch at r9, whose call's
 * msgs, nr_msgs and mmsg are set. Leaves nr_fds, msg, msg_end, cut and
 * unread set.
 */
static void emit_collect(struct builder *b, const struct prog_features *f)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(call.nr_fds), 0),	/* and msg */
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(call.cut), 0),		/* and unread */
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(call.msg_end), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(cmsg), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_9, SC(cend), 0));
	builder__loop(b, SOFD_ROUNDS, f->bounded_loops, SLOT(round),
		      emit_collect_round, (void *)f);
	/* Rounds spent before the last message was done: say so. */
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_9, SC(call.unread), 1));
	LABEL(b, "collected");
}

/*
 * Emit: on to emit, which does then (enum sofd_then) with the call on
 * the scratch at r9; r6 is ctx.
 */
static void emit_tail_call(struct builder *b, enum sofd_then then)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_9, SC(next), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, SC(then), then),
	     BPF_MOV64_REG(BPF_REG_1, BPF_REG_6),
	     BPF_MOV64_IMM(BPF_REG_3, 0));
	LD_MAP(b, BPF_REG_2, "sofd_emit");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_tail_call));
	/* Here only when the tail call failed: none of them sent. */
	counter_emit_inc(b, COUNTER_OUTPUT_FAIL, SLOT(counter));
}

int sofdsnoop_build_send(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct sofdsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));
	emit_scratch(b, "out");
	emit_call(b, fmt, BPF_REG_9, SC(call), SOFD_SEND);
	emit_tail_call(b, SOFD_COLLECT_KEEP);
	exit_emit_out(b);
	return 0;
}

int sofdsnoop_build_send_exit(struct builder *b, const struct tp_format *fmt,
			      void *arg)
{
	int i;

	(void)arg;
	/* r7 = sofds[tid], or nothing to do; a failed send passed nothing */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "sofds", BPF_REG_7, SLOT(key), "out");
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "ret");
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_8, 0, 0), "forget");
	emit_scratch(b, "forget");
	for (i = 0; i < (int)sizeof(struct sofdsnoop_pending); i += 8)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, i),
		     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(call) + i));

	/* sendmmsg returns the messages sent: the fds of those only */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.mmsg)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "sent");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "forget");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.msg)));
	JUMP(b, BPF_JMP_REG(BPF_JLE, BPF_REG_1, BPF_REG_8, 0), "sent");
	EMIT(b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_8, 1));
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_8, SOFD_MAX_MSGS, 0), "sent");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_8, BPF_REG_9),
	     BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_8, SC(call.msg_end)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, SC(call.nr_fds)));
	LABEL(b, "sent");
	record_emit_forget(b, "sofds", SLOT(key));
	emit_tail_call(b, SOFD_SEND_FDS);
	JUMP(b, BPF_JMP_A(0), "out");

	record_emit_done(b, "sofds", SLOT(key));
	return 0;
}

int sofdsnoop_build_recv(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct sofdsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));
	record_emit_on_stack(b, BPF_REG_1, SLOT(pending), sizeof(struct sofdsnoop_pending));
	emit_call(b, fmt, BPF_REG_10, SLOT(pending), SOFD_RECV);
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "sofds", SLOT(key), SLOT(pending), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int sofdsnoop_build_recv_exit(struct builder *b, const struct tp_format *fmt,
			      void *arg)
{
	(void)arg;
	/* r7 = sofds[tid], or nothing to do; a failed receive got nothing */
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_find(b, "sofds", BPF_REG_7, SLOT(key), "out");
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "ret");
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_8, 0, 0), "forget");
	emit_scratch(b, "forget");
	/* where the messages are (the first 24 bytes), then the entry goes */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(msgs)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(call.msgs)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(nr_msgs)),	/* and mmsg */
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(call.nr_msgs)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, PEND(sock_fd)),	/* and action */
	     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, SC(call.sock_fd)));
	record_emit_forget(b, "sofds", SLOT(key));
	/* recvmmsg returns the messages received: those only */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.mmsg)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "received");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.nr_msgs)));
	JUMP(b, BPF_JMP_REG(BPF_JLE, BPF_REG_1, BPF_REG_8, 0), "received");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, SC(call.nr_msgs)));
	LABEL(b, "received");
	emit_tail_call(b, SOFD_COLLECT_SEND);
	JUMP(b, BPF_JMP_A(0), "out");

	record_emit_done(b, "sofds", SLOT(key));
	return 0;
}

#define EV(field) ((__s16)offsetof(struct sofdsnoop_event, field))

/* Emit: the file of the fd in the record at r9 named, after its header. */
static void emit_name(struct builder *b, const struct sofdsnoop_config *cfg)
{
	const struct pathwalk_regs regs = {
		.rec = BPF_REG_9,
		.dst = BPF_REG_7,
		.cur = BPF_REG_8,
		.dirfd_off = EV(fd),
		.len_off = EV(name_len),
		.state_off = EV(name_state),
		.stack_off = SLOT(walk),
	};

	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_7, EV(names)));
	pathwalk_emit(b, cfg->walk, cfg->features, &regs);
}

int sofdsnoop_build_emit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct sofdsnoop_config *cfg = arg;
	const struct record_who who = {
		EV(time_ns), EV(pid), EV(tid), RECORD_NONE, EV(comm),
	};
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_scratch(b, "out");

	/* r8 = what to do first; the tail calls that follow only send */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_8, BPF_REG_9, SC(then)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, SOFD_SEND_FDS, 0), "send");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_9, SC(then), SOFD_SEND_FDS));
	emit_collect(b, cfg->features);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, SOFD_COLLECT_SEND, 0), "send");
	/* A send's entry: sofds[tid] = the call, by way of the stack, if it passes fds. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.nr_fds)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.cut)),
	     BPF_ALU64_REG(BPF_OR, BPF_REG_1, BPF_REG_2));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	for (i = 0; i < (int)sizeof(struct sofdsnoop_pending); i += 8)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, SC(call) + i),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(pending) + i));
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "sofds", SLOT(key), SLOT(pending), SLOT(counter));
	JUMP(b, BPF_JMP_A(0), "out");

	/* r1 = next, the fd to send now, or none left */
	LABEL(b, "send");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(next)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.nr_fds)));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), "out");
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1, SOFD_MAX_FDS, 0), "out");

	/* the record: the fd, its call, and on the first what was not shown */
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_2, SC(next)),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(cut), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(unread), 0));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "later");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.cut)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_2, EV(cut)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.unread)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_2, EV(unread)));
	LABEL(b, "later");
	EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 2),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_1, SC(call.fds)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(fd)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.sock_fd)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(sock_fd)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(call.action)),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(action)),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(name_len), 0),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(name_state), PATHWALK_NONE));
	record_emit_who(b, BPF_REG_9, &who);
	if (cfg->walk)
		emit_name(b, cfg);

	/* send the header and the names; the walk keeps them in bounds */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_9, EV(name_len)));
	JUMP(b, BPF_JMP_IMM(BPF_JLE, BPF_REG_5, PATHWALK_MAX, 0), "bounded");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_5, 0));
	LABEL(b, "bounded");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, EV(names)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_9));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* on to the next, if there is one */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, SC(next)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, SC(call.nr_fds)));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), "out");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_6),
	     BPF_MOV64_IMM(BPF_REG_3, 0));
	LD_MAP(b, BPF_REG_2, "sofd_emit");
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_tail_call));
	counter_emit_inc(b, COUNTER_OUTPUT_FAIL, SLOT(counter));
	exit_emit_out(b);
	return 0;
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe sofdsnoop_probes[] = {
	{ "sendmsg_exit", "syscalls", "sys_exit_sendmsg", sofdsnoop_build_send_exit, 0 },
	{ "sendmmsg_exit", "syscalls", "sys_exit_sendmmsg", sofdsnoop_build_send_exit,
	  PROBE_OPTIONAL },
	{ "recvmsg_exit", "syscalls", "sys_exit_recvmsg", sofdsnoop_build_recv_exit, 0 },
	{ "recvmmsg_exit", "syscalls", "sys_exit_recvmmsg", sofdsnoop_build_recv_exit,
	  PROBE_OPTIONAL },
	/* 32-bit architectures with 64-bit time: the libc's recvmmsg */
	{ "recvmmsg64_exit", "syscalls", "sys_exit_recvmmsg_time64",
	  sofdsnoop_build_recv_exit, PROBE_OPTIONAL },
	{ "sendmsg_enter", "syscalls", "sys_enter_sendmsg", sofdsnoop_build_send, 0 },
	{ "sendmmsg_enter", "syscalls", "sys_enter_sendmmsg", sofdsnoop_build_send,
	  PROBE_OPTIONAL },
	{ "recvmsg_enter", "syscalls", "sys_enter_recvmsg", sofdsnoop_build_recv, 0 },
	{ "recvmmsg_enter", "syscalls", "sys_enter_recvmmsg", sofdsnoop_build_recv,
	  PROBE_OPTIONAL },
	{ "recvmmsg64_enter", "syscalls", "sys_enter_recvmmsg_time64",
	  sofdsnoop_build_recv, PROBE_OPTIONAL },
};

const struct probe sofdsnoop_emit_probe =
	{ "sofd_emit", "syscalls", "sys_exit_recvmsg", sofdsnoop_build_emit, 0 };
