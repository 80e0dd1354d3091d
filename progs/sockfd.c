// SPDX-License-Identifier: GPL-2.0
/* From a file descriptor to its socket's ends, with offsets from BTF. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include "progs/fdfile.h"
#include "progs/kernel_offsets.h"
#include "progs/memread.h"
#include "progs/sockaddr.h"
#include "progs/sockfd.h"

#define SOCKFD_MEMBERS 16

/*
 * What is read, and how wide. sock_common's members (skc_*) are read
 * through struct sock's __sk_common, as the kernel's own macros do.
 */
static void sockfd_members(struct sockfd_offsets *o, struct kernel_member *m)
{
	const struct kernel_member members[SOCKFD_MEMBERS - FDFILE_MEMBERS] = {
		{ "file", "private_data", 8, &o->file_private_data, BTF_KIND_PTR },
		{ "socket", "file", 8, &o->socket_file, BTF_KIND_PTR },
		{ "socket", "sk", 8, &o->socket_sk, BTF_KIND_PTR },
		{ "sock", "__sk_common.skc_family", 2, &o->sk_family, BTF_KIND_INT },
		{ "sock", "__sk_common.skc_num", 2, &o->sk_num, BTF_KIND_INT },
		{ "sock", "__sk_common.skc_dport", 2, &o->sk_dport, BTF_KIND_INT },
		{ "sock", "__sk_common.skc_rcv_saddr", 4, &o->sk_rcv_saddr, BTF_KIND_INT },
		{ "sock", "__sk_common.skc_daddr", 4, &o->sk_daddr, BTF_KIND_INT },
		{ "sock", "__sk_common.skc_v6_rcv_saddr", 16, &o->sk_v6_rcv_saddr, BTF_KIND_STRUCT },
		{ "sock", "__sk_common.skc_v6_daddr", 16, &o->sk_v6_daddr, BTF_KIND_STRUCT },
		{ "sock", "sk_protocol", 2, &o->sk_protocol, BTF_KIND_INT },
		{ "sock", "sk_type", 2, &o->sk_type, BTF_KIND_INT },
	};

	fdfile_members(&o->fd, m);
	memcpy(m + FDFILE_MEMBERS, members, sizeof(members));
}

int sockfd_offsets__from_btf(struct sockfd_offsets *o, const struct btf *btf,
			     char *what, size_t len)
{
	struct kernel_member m[SOCKFD_MEMBERS];

	sockfd_members(o, m);
	return kernel_members_resolve(btf, m, SOCKFD_MEMBERS, what, len);
}

void sockfd_emit_sock(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int dst, int stack_off,
		      const char *fail)
{
	const int slot_a = stack_off + (int)offsetof(struct fdfile_stack, a),
		  slot_file = stack_off + (int)offsetof(struct fdfile_stack, file);

	fdfile_emit_file(b, &o->fd, f, dst, stack_off, fail);

	/* A socket's file points back at it: anything else is no socket. */
	fdfile_emit_follow(b, f, dst, dst, o->file_private_data, slot_a, fail);
	emit_probe_read(b, f->read_kernel, BPF_REG_10, slot_a, 8, dst, o->socket_file);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, (__s16)slot_a),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, (__s16)slot_file));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), fail);
	fdfile_emit_follow(b, f, dst, dst, o->socket_sk, slot_a, fail);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, dst, 0, 0), fail);
}

void sockfd_emit_ends(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int sock,
		      const struct sockfd_dest *d)
{
	const __s16 fam = d->local >= 0 ? d->local : d->remote;
	char v6[BUILDER_NAME_MAX], done[BUILDER_NAME_MAX];

	builder__local_label(b, v6, "v6");
	builder__local_label(b, done, "done");

	if (d->protocol >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->protocol, 2, sock, o->sk_protocol);
	if (d->type >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->type, 2, sock, o->sk_type);
	if (fam < 0)
		return;

	emit_probe_read(b, f->read_kernel, d->rec, fam, 2, sock, o->sk_family);
	if (d->local >= 0 && d->remote >= 0)
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, d->rec, fam),
		     BPF_STX_MEM(BPF_H, d->rec, BPF_REG_1, d->remote));
	if (d->local >= 0) {
		/* skc_num is in host order, unlike skc_dport. */
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, d->stack_off, 0));
		emit_probe_read(b, f->read_kernel, BPF_REG_10, d->stack_off, 2, sock, o->sk_num);
		EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_10, d->stack_off),
		     BPF_ENDIAN(BPF_TO_BE, BPF_REG_1, 16),
		     BPF_STX_MEM(BPF_H, d->rec, BPF_REG_1,
				 d->local + (__s16)offsetof(struct inet_ep, port)));
	}
	if (d->remote >= 0)
		emit_probe_read(b, f->read_kernel, d->rec,
			  d->remote + (int)offsetof(struct inet_ep, port), 2,
			  sock, o->sk_dport);

	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, d->rec, fam));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, AF_INET6, 0), v6);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AF_INET, 0), done);
	if (d->local >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->local + (int)offsetof(struct inet_ep, addr),
			  4, sock, o->sk_rcv_saddr);
	if (d->remote >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->remote + (int)offsetof(struct inet_ep, addr),
			  4, sock, o->sk_daddr);
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, v6);
	if (d->local >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->local + (int)offsetof(struct inet_ep, addr),
			  16, sock, o->sk_v6_rcv_saddr);
	if (d->remote >= 0)
		emit_probe_read(b, f->read_kernel, d->rec, d->remote + (int)offsetof(struct inet_ep, addr),
			  16, sock, o->sk_v6_daddr);
	LABEL(b, done);
}

void sockfd_emit_port(struct builder *b, const struct sockfd_offsets *o,
		      const struct prog_features *f, int sock, int rec,
		      __s16 off, __s16 stack_off)
{
	char none[BUILDER_NAME_MAX];

	builder__local_label(b, none, "noport");
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, stack_off, 0));
	emit_probe_read(b, f->read_kernel, BPF_REG_10, stack_off, 2, sock, o->sk_num);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_10, stack_off));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), none);
	EMIT(b, BPF_ENDIAN(BPF_TO_BE, BPF_REG_1, 16),
	     BPF_STX_MEM(BPF_H, rec, BPF_REG_1, off));
	LABEL(b, none);
}
