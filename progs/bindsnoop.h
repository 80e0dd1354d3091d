/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bindsnoop: bind() on IPv4 and IPv6 sockets, paired entry to exit
 * through a hash keyed by thread id whose value is the record itself.
 * Entry reads the caller's sockaddr (what was asked for); exit adds the
 * result and, on a kernel with BTF, the socket's protocol and type and,
 * after a successful bind, what it got (progs/sockfd.h): the address,
 * and the port picked for port 0. The entry always goes at exit, sent
 * or not.
 */
#ifndef BAREBPF_PROGS_BINDSNOOP_H
#define BAREBPF_PROGS_BINDSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/sockaddr.h"
#include "progs/sockfd.h"
#include "progs/taskfilter.h"
#include "progs/probe.h"

#define BINDSNOOP_COMM_LEN	16
#define BINDSNOOP_IN_FLIGHT	4096	/* binds between entry and exit */

/* flags */
#define BIND_FROM_SOCKET	0x1	/* ep read from the socket: bound */

struct bindsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at exit */
	__u64 uaddr;		/* the caller's sockaddr, to read again at exit */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 fd;
	__s32 ret;		/* 0, or -errno */
	__u16 protocol;		/* IPPROTO_*, 0 when unknown */
	__u16 type;		/* SOCK_STREAM, ..., 0 when unknown */
	__u32 flags;
	struct inet_ep ep;	/* bound (BIND_FROM_SOCKET) or asked for */
	char comm[BINDSNOOP_COMM_LEN];
};

_Static_assert(offsetof(struct bindsnoop_event, pid) == 16, "bindsnoop_event layout");
_Static_assert(offsetof(struct bindsnoop_event, protocol) == 36, "bindsnoop_event layout");
_Static_assert(offsetof(struct bindsnoop_event, ep) == 44, "bindsnoop_event layout");
_Static_assert(offsetof(struct bindsnoop_event, comm) == 64, "bindsnoop_event layout");
_Static_assert(sizeof(struct bindsnoop_event) == 80, "bindsnoop_event layout");

struct bindsnoop_config {
	const struct prog_features *features;
	const struct sockfd_offsets *sock;	/* NULL: no BTF, the request only */
	struct task_filter who;
	int include_failed;	/* -x: failed binds too */
	int failed_only;	/* --failed-only */
	const __u16 *ports;	/* -P, network order */
	int nr_ports;
};

/*
 * Programs; ctx is a struct bindsnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree) and "binds" (hash u32 tid ->
 * struct bindsnoop_event).
 */
int bindsnoop_build_enter(struct builder *b, const struct tp_format *fmt, void *cfg);
int bindsnoop_build_exit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Their tracepoints: exit, then entry (progs/bindsnoop.c). */
extern const struct probe bindsnoop_probes[2];

#endif /* BAREBPF_PROGS_BINDSNOOP_H */
