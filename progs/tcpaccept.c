// SPDX-License-Identifier: GPL-2.0
/* tcpaccept's programs. */
#include <netinet/in.h>
#include <sys/socket.h>
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/tcpaccept.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/exit.h"

#define EV(field)	((__s16)offsetof(struct tcpaccept_event, field))
#define LOCAL(field)	((__s16)(EV(local) + (int)offsetof(struct inet_ep, field)))
#define REMOTE(field)	((__s16)(EV(remote) + (int)offsetof(struct inet_ep, field)))

#define TCP_ESTABLISHED	1	/* include/net/tcp_states.h */
#define TCP_SYN_RECV	3
#define TCP_LISTEN	10

/* A struct inet_ep in the stack, zeroed 8 bytes at a time. */
union ep_slot {
	struct inet_ep ep;
	__u64 words[3];
};

/* The stack frame. */
struct tcpaccept_frame {
	struct tcpaccept_event rec;	/* entry */
	__u64 unused;
	__u64 ends;			/* exit: sockfd_emit_ends()'s */
	struct fdfile_stack sock;	/* exit: the walk to the socket */
	union ep_slot local;		/* a "peers" value */
	union ep_slot peer;		/* a "peers" key */
	__u32 unused2;
	__u32 tree;
	__u32 counter;
	__u32 key;			/* the tid */
};

FRAME_FITS(struct tcpaccept_frame);
#define SLOT(member)	FRAME_SLOT(struct tcpaccept_frame, member)

static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), EV(uid), EV(comm),
};

/* Emit: copy a struct inet_ep, 4 bytes at a time. */
static void emit_copy_ep(struct builder *b, int to_reg, __s16 to, int from_reg,
			 __s16 from)
{
	int i;

	for (i = 0; i < (int)sizeof(struct inet_ep); i += 4)
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, from_reg, (__s16)(from + i)),
		     BPF_STX_MEM(BPF_W, to_reg, BPF_REG_1, (__s16)(to + i)));
}

int tcpaccept_build_enter(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct tcpaccept_config *cfg = arg;

	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));

	/* the record: the listening fd, where the peer's address will go */
	record_emit_on_stack(b, BPF_REG_7, SLOT(rec), sizeof(struct tcpaccept_event));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "fd");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_1, EV(fd)));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "upeer_sockaddr");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_7, BPF_REG_1, EV(uaddr)));
	/* *upeer_addrlen: how much of the address the kernel may write */
	emit_load_field(b, BPF_REG_3, BPF_REG_6, fmt, "upeer_addrlen");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "keep");
	emit_probe_read_r3(b, cfg->features->read_user, BPF_REG_7, EV(ulen), 4);

	/* accepts[tid] = the record */
	LABEL(b, "keep");
	record_emit_key(b, SLOT(key));
	record_emit_keep(b, "accepts", SLOT(key), SLOT(rec), SLOT(counter));
	exit_emit_out(b);
	return 0;
}

/* Emit: the ends from the new socket (fd in r8), or goto miss. */
static void emit_from_socket(struct builder *b,
			     const struct tcpaccept_config *cfg,
			     const char *miss)
{
	const struct sockfd_dest dest = {
		.rec = BPF_REG_7, .local = EV(local), .remote = EV(remote),
		.protocol = EV(protocol), .type = -1, .stack_off = SLOT(ends),
	};

	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8));
	sockfd_emit_sock(b, cfg->sock, cfg->features, BPF_REG_9, SLOT(sock), miss);
	sockfd_emit_ends(b, cfg->sock, cfg->features, BPF_REG_9, &dest);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, EV(protocol)));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, IPPROTO_TCP, 0), "forget");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags), ACCEPT_FROM_SOCKET));
}

/*
 * Emit: the remote end from the caller's buffer, the local one from
 * "peers" (without BTF), or goto forget when the buffer tells nothing.
 */
static void emit_from_buffer(struct builder *b,
			     const struct tcpaccept_config *cfg)
{
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_9, BPF_REG_7, EV(uaddr)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_9, 0, 0), "forget");
	/* Family, port and IPv4 address lie in the first 8 bytes. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(ulen)));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, 8, 0), "forget");
	sockaddr_emit_read(b, cfg->features, BPF_REG_7, EV(remote), BPF_REG_9);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, REMOTE(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, AF_INET, 0), "peer");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AF_INET6, 0), "forget");
	/* ... and an IPv6 one ends at byte 24. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_7, EV(ulen)));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, 24, 0), "forget");

	/* the local end: peers[remote], taken; none is kept with BTF */
	LABEL(b, "peer");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags), ACCEPT_FROM_BUFFER));
	if (cfg->sock)
		return;
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(peer.words[2]), 0));
	emit_copy_ep(b, BPF_REG_10, SLOT(peer), BPF_REG_7, EV(remote));
	emit_map_lookup(b, "peers", SLOT(peer));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), "ends_known");
	emit_copy_ep(b, BPF_REG_7, EV(local), BPF_REG_0, 0);
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_7, EV(flags),
			   ACCEPT_FROM_BUFFER | ACCEPT_LOCAL_FOUND));
	emit_map_delete(b, "peers", SLOT(peer));
}

int tcpaccept_build_exit(struct builder *b, const struct tp_format *fmt,
			 void *arg)
{
	const struct tcpaccept_config *cfg = arg;

	/* r7 = accepts[tid], or nothing to do; r8 = the new fd */
	record_emit_result(b, fmt, "accepts", SLOT(key), false);
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_8, 0, 0), "forget");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_7, BPF_REG_8, EV(ret)));

	if (cfg->sock) {
		emit_from_socket(b, cfg, "no_socket");
		JUMP(b, BPF_JMP_A(0), "ends_known");
		/* Closed already by another thread: the buffer still tells. */
		LABEL(b, "no_socket");
	}
	emit_from_buffer(b, cfg);
	LABEL(b, "ends_known");

	/* -4/-6, -P (local ports) */
	if (cfg->family) {
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, REMOTE(family)));
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, cfg->family, 0), "forget");
	}
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_7, LOCAL(port)));
	sockaddr_emit_port_filter(b, BPF_REG_1, cfg->ports, cfg->nr_ports,
				  "forget");

	record_emit_who(b, BPF_REG_7, &who);
	record_emit_send(b, BPF_REG_6, BPF_REG_7, sizeof(struct tcpaccept_event),
			 SLOT(counter));

	/* always: accepts[tid] goes */
	record_emit_done(b, "accepts", SLOT(key));
	return 0;
}

/*
 * sock:inet_sock_set_state, a TCP child socket made for a new connection
 * (in softirq or in a loopback peer's connect()): peers[its remote end]
 * = its local end. Recent kernels fill in the child's ends before its
 * LISTEN -> SYN_RECV; older ones (6.1 among them) after, so that there
 * it still shows the listener's, remote port 0, and only SYN_RECV ->
 * ESTABLISHED has them. That comes before accept() returns the socket,
 * which waits for the lock the handshake holds; a Fast Open child,
 * accepted before it, has its ends at SYN_RECV where the kernel is new.
 */
int tcpaccept_build_state(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "protocol");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, IPPROTO_TCP, 0), "out");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "oldstate");
	emit_load_field(b, BPF_REG_2, BPF_REG_6, fmt, "newstate");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, TCP_SYN_RECV, 0), "listen");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, TCP_ESTABLISHED, 0), "ends");
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "listen");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, TCP_LISTEN, 0), "out");
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, TCP_SYN_RECV, 0), "out");
	emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, "dport");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	LABEL(b, "ends");

	/* Zeroed first: an IPv4 address fills 4 of the 16 bytes. */
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(peer.words[0]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(peer.words[1]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(peer.words[2]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(local.words[0]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(local.words[1]), 0),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(local.words[2]), 0));
	sockaddr_emit_from_tp(b, fmt, BPF_REG_6, BPF_REG_10, SLOT(peer),
			      SOCKADDR_TP_DEST);
	sockaddr_emit_from_tp(b, fmt, BPF_REG_6, BPF_REG_10, SLOT(local),
			      SOCKADDR_TP_SOURCE);
	emit_map_update(b, "peers", SLOT(peer), SLOT(local), BPF_ANY);
	exit_emit_out(b);
	return 0;
}

/*
 * Without BTF, first the local ends, as connections are made: those made
 * before the accept's exit can see them. Then the exits first, so no
 * entry is kept that no exit will remove.
 */
const struct probe tcpaccept_probes[] = {
	{ "accept_peers", "sock", "inet_sock_set_state", tcpaccept_build_state, 0 },
	{ "accept_exit", "syscalls", "sys_exit_accept", tcpaccept_build_exit, PROBE_OPTIONAL },
	{ "accept4_exit", "syscalls", "sys_exit_accept4", tcpaccept_build_exit, 0 },
	{ "accept_enter", "syscalls", "sys_enter_accept", tcpaccept_build_enter, PROBE_OPTIONAL },
	{ "accept4_enter", "syscalls", "sys_enter_accept4", tcpaccept_build_enter, 0 },
};
