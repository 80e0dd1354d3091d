// SPDX-License-Identifier: GPL-2.0
/* tcpconnect's programs. */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/tcpconnect.h"
#include "progs/mapcall.h"
#include "progs/exit.h"

#define EV(field)	((__s16)offsetof(struct tcpconnect_event, field))
#define SRC(field)	((__s16)(EV(src) + (int)offsetof(struct inet_ep, field)))
#define DST(field)	((__s16)(EV(dst) + (int)offsetof(struct inet_ep, field)))

#define TCP_SYN_SENT	2	/* include/net/tcp_states.h */

/* The stack frame: entry's record, where exit counts (-c). */
struct tcpconnect_frame {
	union {
		struct tcpconnect_event rec;		/* entry */
		struct {
			__u8 unused_head[48];
			__u64 one;			/* exit: a new key's count */
			struct tcpconnect_key ckey;	/* exit: "counts" key */
		};
	};
	__u64 port;			/* exit: the socket's port, read in */
	__u32 unused;
	__u32 tree;
	__u64 sk;			/* the socket's address */
	__u32 counter;
	__u32 key;			/* the tid */
};

FRAME_FITS(struct tcpconnect_frame);
#define SLOT(member)	FRAME_SLOT(struct tcpconnect_frame, member)
#define KEY(field)	SLOT(ckey.field)

static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), EV(comm),
};

int tcpconnect_build_enter(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct tcpconnect_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* the record, with the address asked for while SYN_SENT is awaited */
	record_emit_on_stack(b, BPF_REG_7, SLOT(rec), sizeof(struct tcpconnect_event));
	emit_load_field(b, BPF_REG_8, BPF_REG_6, fmt, "uservaddr");
	sockaddr_emit_read(b, cfg->features, BPF_REG_7, EV(dst), BPF_REG_8);

	/* Unix sockets, AF_UNSPEC: not ours. Unread (0): SYN_SENT decides. */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, DST(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "keep");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, AF_INET, 0), "keep");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AF_INET6, 0), "out");

	/* conns[tid] = the record */
	LABEL(b, "keep");
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "conns", SLOT(key), SLOT(rec), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

/*
 * sock:inet_sock_set_state, TCP only. To SYN_SENT in a connecting
 * thread: the connect is TCP, take both ends. From SYN_SENT, anywhere
 * (softirq): the source port, if the connect is still in progress.
 */
int tcpconnect_build_state(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "protocol");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, IPPROTO_TCP, 0), "out");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "skaddr");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(sk)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "newstate");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, TCP_SYN_SENT, 0), "syn_sent");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "oldstate");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, TCP_SYN_SENT, 0), "out");

	/* Leaving SYN_SENT: r7 = conns[connecting[socket]], the same socket */
	emit_map_lookup(b, "connecting", SLOT(sk));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, 0),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	emit_map_lookup(b, "conns", SLOT(key));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "forget_sk");
	EMIT(b, BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, EV(skaddr)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, SLOT(sk)));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), "forget_sk");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "sport");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "forget_sk");
	EMIT(b, BPF_ENDIAN(BPF_TO_BE, BPF_REG_1, 16),
	     BPF_STX_MEM(BPF_H, BPF_REG_7, BPF_REG_1, SRC(port)));
	LABEL(b, "forget_sk");
	emit_map_delete(b, "connecting", SLOT(sk));
	JUMP(b, BPF_JMP_A(0), "out");

	/* To SYN_SENT in a thread inside connect(): a TCP connect */
	LABEL(b, "syn_sent");
	record_emit_find(b, "conns", BPF_REG_7, SLOT(key), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(sk)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, EV(skaddr)),
	     BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags), CONNECT_SYN_SENT));
	sockaddr_emit_from_tp(b, fmt, BPF_REG_6, BPF_REG_7, EV(src),
			      SOCKADDR_TP_SOURCE);
	sockaddr_emit_from_tp(b, fmt, BPF_REG_6, BPF_REG_7, EV(dst),
			      SOCKADDR_TP_DEST);
	/* connecting[socket] = tid, for the state change that gives the port */
	emit_map_update(b, "connecting", SLOT(sk), SLOT(key), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/* Emit: copy 16 bytes from rec + from to r10 + to, 4 at a time. */
static void emit_copy_addr(struct builder *b, int rec, __s16 from, __s16 to)
{
	int i;

	for (i = 0; i < 16; i += 4)
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, rec, (__s16)(from + i)),
		     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, (__s16)(to + i)));
}

/* Emit: counts[key at SLOT(ckey)] += 1 if there is one, else goto missing. */
static void emit_add_one(struct builder *b, const char *missing)
{
	emit_map_lookup(b, "counts", SLOT(ckey));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), missing);
	EMIT(b, BPF_MOV64_IMM(BPF_REG_1, 1),
	     BPF_ATOMIC_OP(BPF_DW, BPF_ADD, BPF_REG_0, BPF_REG_1, 0));
}

/* Emit: counts[the key of the record at r7] += 1. */
static void emit_count(struct builder *b, const struct tcpconnect_config *cfg)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, KEY(family), 0),
	     BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, DST(family)),
	     BPF_STX_MEM(BPF_H, BPF_REG_10, BPF_REG_1, KEY(family)),
	     BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, DST(port)),
	     BPF_STX_MEM(BPF_H, BPF_REG_10, BPF_REG_1, KEY(dport)));
	if (cfg->count_sport)
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, SRC(port)),
		     BPF_STX_MEM(BPF_H, BPF_REG_10, BPF_REG_1, KEY(sport)));
	emit_copy_addr(b, BPF_REG_7, SRC(addr), KEY(saddr));
	emit_copy_addr(b, BPF_REG_7, DST(addr), KEY(daddr));

	/* An existing key: add one. */
	emit_add_one(b, "new_key");
	JUMP(b, BPF_JMP_A(0), "forget");

	/* A new one: 1, unless another CPU made it first (then add). */
	LABEL(b, "new_key");
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(one), 1));
	emit_map_update(b, "counts", SLOT(ckey), SLOT(one), BPF_NOEXIST);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "forget");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, -EEXIST, 0), "full");
	/* Unrolled, not a jump back: the verifier takes no loops before 5.3. */
	emit_add_one(b, "full");
	JUMP(b, BPF_JMP_A(0), "forget");
	LABEL(b, "full");
	counter_emit_inc(b, COUNTER_COUNT_FULL, SLOT(counter));
}

int tcpconnect_build_exit(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct tcpconnect_config *cfg = arg;

	/* r7 = conns[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "conns", SLOT(key), false);

	/* No SYN_SENT: no TCP socket, or it failed before sending a SYN. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(flags)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "forget");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_8, EV(ret)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_7, EV(skaddr)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_9, SLOT(sk)));
	emit_map_delete(b, "connecting", SLOT(sk));

	/* Still in SYN_SENT (non-blocking): the socket has its port by now. */
	if (cfg->sock) {
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, SRC(port)));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "have_port");
		sockfd_emit_port(b, cfg->sock, cfg->features, BPF_REG_9,
				 BPF_REG_7, SRC(port), SLOT(port));
		LABEL(b, "have_port");
	}

	/* -x, -4/-6, -P */
	if (cfg->failed_only) {
		JUMP(b, BPF_JMP_IMM(BPF_JSGE, BPF_REG_8, 0, 0), "forget");
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_8, -EINPROGRESS, 0), "forget");
	}
	if (cfg->family) {
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, DST(family)));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, cfg->family, 0), "forget");
	}
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, DST(port)));
	sockaddr_emit_port_filter(b, BPF_REG_1, cfg->ports, cfg->nr_ports,
				  "forget");

	if (cfg->count) {
		emit_count(b, cfg);
	} else {
		record_emit_who(b, BPF_REG_7, &who);
		record_emit_send(b, BPF_REG_6, BPF_REG_7,
				 sizeof(struct tcpconnect_event), SLOT(counter));
	}

	/* always: conns[tid] goes */
	record_emit_done(b, "conns", SLOT(key));
	return 0;
}

/* Exits first, so no entry is kept that no exit will remove. */
const struct probe tcpconnect_probes[] = {
	{ "connect_exit", "syscalls", "sys_exit_connect", tcpconnect_build_exit, 0 },
	{ "connect_state", "sock", "inet_sock_set_state", tcpconnect_build_state, 0 },
	{ "connect_enter", "syscalls", "sys_enter_connect", tcpconnect_build_enter, 0 },
};
