/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcpconnect: connect() on TCP sockets. A socket's type is nowhere in
 * the connect tracepoints, but only a TCP connect moves a socket to
 * SYN_SENT, and tcp_v4_connect()/tcp_v6_connect() do so inside the
 * syscall, in the caller's own context:
 *
 *	sys_enter_connect	conns[tid] = record (caller's sockaddr: Internet only)
 *	inet_sock_set_state	CLOSE -> SYN_SENT, IPPROTO_TCP, while conns[tid]
 *				exists: it is TCP; both ends as the kernel chose
 *				them, and the socket's address
 *	sys_exit_connect	the result; send (or count) if a SYN was sent;
 *				conns[tid] goes, always
 *
 * The source port is picked just after SYN_SENT is set, so that event
 * shows it only for a socket bound beforehand. It is taken from the
 * socket's next state change (ESTABLISHED, or CLOSE on a refusal) when
 * that comes before connect() returns, through "connecting" (socket ->
 * tid, removed then and at exit), and otherwise, with BTF, from the
 * socket itself at exit (a non-blocking connect still in SYN_SENT).
 *
 * With -c, exit adds one to counts[key] instead of sending the record.
 */
#ifndef BAREBPF_PROGS_TCPCONNECT_H
#define BAREBPF_PROGS_TCPCONNECT_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/sockaddr.h"
#include "progs/sockfd.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define TCPCONNECT_COMM_LEN	16
#define TCPCONNECT_IN_FLIGHT	4096	/* connects between entry and exit */
#define TCPCONNECT_COUNT_KEYS	8192	/* -c: distinct keys counted */

/* flags */
#define CONNECT_SYN_SENT	0x1	/* a TCP connect: the socket went to SYN_SENT */

struct tcpconnect_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 skaddr;		/* the struct sock, from inet_sock_set_state */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 ret;		/* 0, -EINPROGRESS (non-blocking), or -errno */
	__u32 flags;
	__u32 pad;
	struct inet_ep src;	/* port 0 when not known */
	struct inet_ep dst;
	char comm[TCPCONNECT_COMM_LEN];
};

_Static_assert(offsetof(struct tcpconnect_event, pid) == 16, "tcpconnect_event layout");
_Static_assert(offsetof(struct tcpconnect_event, src) == 40, "tcpconnect_event layout");
_Static_assert(offsetof(struct tcpconnect_event, dst) == 60, "tcpconnect_event layout");
_Static_assert(offsetof(struct tcpconnect_event, comm) == 80, "tcpconnect_event layout");
_Static_assert(sizeof(struct tcpconnect_event) == 96, "tcpconnect_event layout");

/* -c: what connects are counted by ("counts" key; value u64). */
struct tcpconnect_key {
	__u16 family;
	__u16 sport;		/* network order; 0 unless -s */
	__u16 dport;		/* network order */
	__u16 pad;
	__u8 saddr[16];
	__u8 daddr[16];
};

_Static_assert(offsetof(struct tcpconnect_key, saddr) == 8, "tcpconnect_key layout");
_Static_assert(sizeof(struct tcpconnect_key) == 40, "tcpconnect_key layout");

struct tcpconnect_config {
	const struct prog_features *features;
	const struct sockfd_offsets *sock;	/* NULL: no BTF */
	struct task_filter who;
	int family;		/* -4, -6: AF_INET or AF_INET6; 0: both */
	int failed_only;	/* -x: an error other than EINPROGRESS */
	int count;		/* -c: count in "counts" instead of sending */
	int count_sport;	/* -s with -c: the source port is in the key */
	const __u16 *ports;	/* -P: destination ports, network order */
	int nr_ports;
};

/*
 * Programs; ctx is a struct tcpconnect_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree), "conns" (hash u32 tid ->
 * struct tcpconnect_event), "connecting" (LRU hash u64 socket -> u32
 * tid) and, with cfg->count, "counts" (hash struct tcpconnect_key ->
 * u64).
 */
int tcpconnect_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int tcpconnect_build_state(struct builder *b, const struct tp_format *fmt, void *cfg);
int tcpconnect_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: exit, the socket's state, entry (progs/tcpconnect.c). */
extern const struct probe tcpconnect_probes[3];

#endif /* BAREBPF_PROGS_TCPCONNECT_H */
