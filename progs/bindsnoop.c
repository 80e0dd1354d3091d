// SPDX-License-Identifier: GPL-2.0
/* bindsnoop's programs. */
#include <sys/socket.h>
#include "progs/bindsnoop.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/exit.h"

#define EV(field)	((__s16)offsetof(struct bindsnoop_event, field))
#define EP(field)	((__s16)(EV(ep) + (int)offsetof(struct inet_ep, field)))

/* The stack frame. */
struct bindsnoop_frame {
	__u64 ends;			/* exit: sockfd_emit_ends()'s */
	struct fdfile_stack sock;	/* exit: the walk to the socket */
	__u32 unused;
	__u32 tree;
	__u32 counter;
	__u32 key;			/* the tid */
	struct bindsnoop_event rec;	/* entry */
};

FRAME_FITS(struct bindsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct bindsnoop_frame, member)

static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), EV(comm),
};

/* Emit: if the family at rec + EP(family) is no Internet one, goto skip. */
static void emit_unless_inet(struct builder *b, int rec, const char *skip)
{
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, rec, EP(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, AF_INET, 0), "inet");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AF_INET6, 0), skip);
	LABEL(b, "inet");
}

int bindsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct bindsnoop_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* the record: fd, and the caller's sockaddr as asked for */
	record_emit_on_stack(b, BPF_REG_7, SLOT(rec), sizeof(struct bindsnoop_event));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(fd)));
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "umyaddr");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_8, EV(uaddr)));
	sockaddr_emit_read(b, cfg->features, BPF_REG_7, EV(ep), BPF_REG_8);

	/* Unix, netlink, packet: not ours. Unread (0): try again at exit. */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, EP(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "keep");
	emit_unless_inet(b, BPF_REG_7, "out");

	/* binds[tid] = the record */
	LABEL(b, "keep");
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "binds", SLOT(key), SLOT(rec), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

int bindsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct bindsnoop_config *cfg = arg;
	const struct sockfd_dest bound = {
		.rec = BPF_REG_7, .local = EV(ep), .remote = -1,
		.protocol = EV(protocol), .type = EV(type),
		.stack_off = SLOT(ends),
	};
	const struct sockfd_dest what = {
		.rec = BPF_REG_7, .local = -1, .remote = -1,
		.protocol = EV(protocol), .type = EV(type),
		.stack_off = SLOT(ends),
	};

	/* r7 = binds[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "binds", SLOT(key), false);
	if (!cfg->include_failed && !cfg->failed_only)
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_8, 0, 0), "forget");
	if (cfg->failed_only)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, 0, 0), "forget");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_8, EV(ret)));

	/* A sockaddr unreadable at entry is resident now: the kernel read it. */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, EP(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "have_addr");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_7, EV(uaddr)));
	sockaddr_emit_read(b, cfg->features, BPF_REG_7, EV(ep), BPF_REG_9);
	emit_unless_inet(b, BPF_REG_7, "forget");
	LABEL(b, "have_addr");

	/*
	 * Bound: what the socket got, port 0 made a real one. Not bound:
	 * what it is, at least.
	 */
	if (cfg->sock) {
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(fd)));
		sockfd_emit_sock(b, cfg->sock, cfg->features, BPF_REG_9,
				 SLOT(sock), "asked");
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_8, 0, 0), "not_bound");
		sockfd_emit_ends(b, cfg->sock, cfg->features, BPF_REG_9, &bound);
		EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags), BIND_FROM_SOCKET));
		JUMP(b, BPF_JMP_A(0), "asked");
		LABEL(b, "not_bound");
		sockfd_emit_ends(b, cfg->sock, cfg->features, BPF_REG_9, &what);
		LABEL(b, "asked");
	}

	/* -P: the port bound, or asked for */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, EP(port)));
	sockaddr_emit_port_filter(b, BPF_REG_1, cfg->ports, cfg->nr_ports,
				  "forget");

	record_emit_who(b, BPF_REG_7, &who);
	record_emit_send(b, BPF_REG_6, BPF_REG_7, sizeof(struct bindsnoop_event),
			 SLOT(counter));

	/* always: binds[tid] goes */
	record_emit_done(b, "binds", SLOT(key));
	return 0;
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe bindsnoop_probes[] = {
	{ "bind_exit", "syscalls", "sys_exit_bind", bindsnoop_build_exit, 0 },
	{ "bind_enter", "syscalls", "sys_enter_bind", bindsnoop_build_enter, 0 },
};
