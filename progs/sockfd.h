/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A socket's own view of itself, read in the kernel: from a file
 * descriptor of the current task to its struct sock, then the family,
 * protocol, type, and both ends as the kernel holds them (the port bind()
 * picked for port 0, the address a wildcard listener was reached on).
 * Tracepoints carry none of this at bind() or accept() time.
 *
 *	current->files->fdt->fd[fd]->private_data	struct socket *
 *						(progs/fdfile.h to the file)
 *	socket->file == that file			or it is no socket
 *	socket->sk->__sk_common.skc_*, sk_protocol, sk_type
 *
 * Struct offsets come from the kernel's BTF at run time. Without BTF,
 * or with a struct sock older than 5.6 (sk_protocol and sk_type were
 * bitfields), there are no offsets and the tools fall back to what the
 * tracepoints and the caller's own buffers say.
 */
#ifndef BAREBPF_PROGS_SOCKFD_H
#define BAREBPF_PROGS_SOCKFD_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/btf.h"
#include "progs/fdfile.h"
#include "progs/features.h"

/* Byte offsets of the members read; sk_* are from the start of struct sock. */
struct sockfd_offsets {
	struct fdfile_offsets fd;	/* to the struct file (progs/fdfile.h) */
	__u32 file_private_data;	/* struct file */
	__u32 socket_file, socket_sk;	/* struct socket */
	__u32 sk_family, sk_num, sk_dport;	/* struct sock_common ... */
	__u32 sk_rcv_saddr, sk_daddr;
	__u32 sk_v6_rcv_saddr, sk_v6_daddr;	/* ... in struct sock */
	__u32 sk_protocol, sk_type;	/* struct sock: u16 each (5.6+) */
};

/*
 * Fill o from btf. -ENOENT when a struct or member is missing, -EINVAL
 * when one is not what is read (a u16 that is a bitfield, say); what (len
 * bytes) then names it.
 */
int sockfd_offsets__from_btf(struct sockfd_offsets *o, const struct btf *btf,
			     char *what, size_t len);

/*
 * Emit: dst = the struct sock * behind fd (in r1, an s32) of the current
 * task, or goto fail: a negative or closed fd, one that is no socket, a
 * read that failed. dst is a callee-saved register; uses r0-r5 and a
 * struct fdfile_stack at r10 + stack_off.
 */
void sockfd_emit_sock(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int dst, int stack_off,
		      const char *fail);

/* Where sockfd_emit_ends() writes, in the record at rec. */
struct sockfd_dest {
	int rec;		/* register: the record (a map value) */
	__s16 local, remote;	/* struct inet_ep offsets, or -1: not wanted */
	__s16 protocol, type;	/* u16 offsets, or -1: not wanted */
	__s16 stack_off;	/* 8 bytes of stack at r10 + stack_off */
};

/*
 * Emit: read the socket at sock (a callee-saved register) into the
 * record: family into each end wanted, then its port (network order) and
 * address for AF_INET and AF_INET6; protocol and type. A read that fails
 * leaves what it would have written zero. Uses r0-r5.
 */
void sockfd_emit_ends(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int sock,
		      const struct sockfd_dest *d);

/*
 * Emit: the u16 at rec + off = the socket's local port (network order),
 * when it has one; a read that fails or a port of 0 leaves it as it was.
 * Uses r0-r5 and 8 bytes of stack at r10 + stack_off.
 */
void sockfd_emit_port(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int sock, int rec,
		      __s16 off, __s16 stack_off);

#endif /* BAREBPF_PROGS_SOCKFD_H */
