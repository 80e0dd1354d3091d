/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internet endpoints in the network tools' records, and the ways their
 * programs fill them: from the caller's struct sockaddr in user memory,
 * and from the fields of sock:inet_sock_set_state. Ports are kept in
 * network order, as struct sockaddr has them; the tracepoint's host-order
 * ports are turned around on the way in.
 */
#ifndef BAREBPF_PROGS_SOCKADDR_H
#define BAREBPF_PROGS_SOCKADDR_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"

/* Laid out as the first bytes of struct sockaddr_in: family, then port. */
struct inet_ep {
	__u16 family;		/* AF_INET, AF_INET6; 0 when unknown */
	__u16 port;		/* network order */
	__u8 addr[16];		/* IPv4 in the first 4 bytes */
};

_Static_assert(offsetof(struct inet_ep, port) == 2, "inet_ep layout");
_Static_assert(offsetof(struct inet_ep, addr) == 4, "inet_ep layout");
_Static_assert(sizeof(struct inet_ep) == 20, "inet_ep layout");

/* sizeof(struct sockaddr_in6): the most a caller's address is read. */
#define SOCKADDR_IN6_SIZE	28

/*
 * Emit: read the caller's sockaddr (pointer in ptr_reg, a callee-saved
 * register) into the inet_ep at rec_reg + off: family and port, then the
 * address for AF_INET (4 bytes at 4) and AF_INET6 (16 bytes at 8). A
 * read that fails leaves family 0. Uses r0-r5.
 */
void sockaddr_emit_read(struct builder *b, const struct prog_features *f,
			int rec_reg, __s16 off, int ptr_reg);

/* Which end of inet_sock_set_state's socket to copy. */
enum sockaddr_tp_end {
	SOCKADDR_TP_SOURCE,	/* sport, saddr, saddr_v6 */
	SOCKADDR_TP_DEST,	/* dport, daddr, daddr_v6 */
};

/*
 * Emit: copy one end of sock:inet_sock_set_state's socket (its record in
 * ctx_reg) into the inet_ep at rec_reg + off: family, port turned to
 * network order, and saddr (AF_INET) or saddr_v6. Uses r0-r2.
 */
void sockaddr_emit_from_tp(struct builder *b, const struct tp_format *fmt,
			   int ctx_reg, int rec_reg, __s16 off,
			   enum sockaddr_tp_end end);

/*
 * Emit: unless the 16-bit value in reg (a port as loaded from network
 * order) is one of ports (network order, n of them), goto skip. n 0
 * emits nothing.
 */
void sockaddr_emit_port_filter(struct builder *b, int reg, const __u16 *ports,
			       int n, const char *skip);

#endif /* BAREBPF_PROGS_SOCKADDR_H */
