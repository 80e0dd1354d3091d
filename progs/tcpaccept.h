/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcpaccept: accept() and accept4() returning a TCP connection, seen at
 * the syscall's exit, so the process is the one that accepted (the
 * socket's state changes happen in softirq, on behalf of no one).
 *
 * With BTF, exit reads the new socket itself (progs/sockfd.h): protocol,
 * both ends, whether or not the caller passed an address buffer.
 *
 * Without BTF, the peer is what the kernel wrote into the caller's buffer,
 * and the local end is looked up by that peer in "peers", filled when the
 * connection was made (inet_sock_set_state of the child socket, anywhere:
 * LISTEN -> SYN_RECV, or SYN_RECV -> ESTABLISHED where the kernel sets
 * its ends after the first) and emptied as it is accepted:
 *
 *	inet_sock_set_state	peers[remote end] = local end (LRU: a
 *				connection never accepted ages out)
 *	sys_enter_accept*	accepts[tid] = record (fd, buffer pointers)
 *	sys_exit_accept*	the new fd; remote from the buffer, local from
 *				peers[remote]; send; accepts[tid] goes, always
 *
 * An accept with no buffer tells nothing there, not even that the socket
 * is TCP, and is not shown; one whose connection came before tracing
 * began has no local end (family 0).
 */
#ifndef BAREBPF_PROGS_TCPACCEPT_H
#define BAREBPF_PROGS_TCPACCEPT_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/sockaddr.h"
#include "progs/sockfd.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define TCPACCEPT_COMM_LEN	16
#define TCPACCEPT_IN_FLIGHT	4096	/* accepts between entry and exit */
#define TCPACCEPT_PEERS		8192	/* connections not yet accepted */

/* flags: where the ends came from */
#define ACCEPT_FROM_SOCKET	0x1	/* the new socket itself (BTF) */
#define ACCEPT_FROM_BUFFER	0x2	/* remote: the caller's buffer */
#define ACCEPT_LOCAL_FOUND	0x4	/* local: from "peers" */

struct tcpaccept_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 uaddr;		/* the caller's address buffer, or 0 */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 fd;		/* the listening socket */
	__s32 ret;		/* the new connection's fd */
	__u32 flags;
	__u32 ulen;		/* the buffer's size, as the caller said */
	struct inet_ep local;	/* family 0 when not known */
	struct inet_ep remote;
	__u16 protocol;		/* IPPROTO_TCP once known */
	__u16 pad;
	char comm[TCPACCEPT_COMM_LEN];
};

_Static_assert(offsetof(struct tcpaccept_event, pid) == 16, "tcpaccept_event layout");
_Static_assert(offsetof(struct tcpaccept_event, local) == 44, "tcpaccept_event layout");
_Static_assert(offsetof(struct tcpaccept_event, remote) == 64, "tcpaccept_event layout");
_Static_assert(offsetof(struct tcpaccept_event, comm) == 88, "tcpaccept_event layout");
_Static_assert(sizeof(struct tcpaccept_event) == 104, "tcpaccept_event layout");

struct tcpaccept_config {
	const struct prog_features *features;
	const struct sockfd_offsets *sock;	/* NULL: no BTF */
	struct task_filter who;
	int family;		/* -4, -6: AF_INET or AF_INET6; 0: both */
	const __u16 *ports;	/* -P: local ports, network order */
	int nr_ports;
};

/*
 * Programs; ctx is a struct tcpaccept_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree), "accepts" (hash u32 tid ->
 * struct tcpaccept_event) and, without BTF, "peers" (LRU hash struct
 * inet_ep -> struct inet_ep) for tcpaccept_build_state.
 */
int tcpaccept_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int tcpaccept_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int tcpaccept_build_state(struct builder *b, const struct tp_format *fmt, void *cfg);

/*
 * Their tracepoints (progs/tcpaccept.c): the socket state changes that
 * keep "peers", wanted without BTF only; then each call's exit and entry.
 */
extern const struct probe tcpaccept_probes[5];

#endif /* BAREBPF_PROGS_TCPACCEPT_H */
