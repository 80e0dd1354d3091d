// SPDX-License-Identifier: GPL-2.0
/* Filling records' endpoints from sockaddrs and from the socket tracepoint. */
#include <errno.h>
#include <stdbool.h>
#include <sys/socket.h>
#include "progs/field.h"
#include "progs/memread.h"
#include "progs/sockaddr.h"

#define EP(field)	((__s16)offsetof(struct inet_ep, field))

void sockaddr_emit_read(struct builder *b, const struct prog_features *f,
			int rec_reg, __s16 off, int ptr_reg)
{
	char v6[BUILDER_NAME_MAX], failed[BUILDER_NAME_MAX], done[BUILDER_NAME_MAX];

	builder__local_label(b, v6, "v6");
	builder__local_label(b, failed, "failed");
	builder__local_label(b, done, "done");

	/* sa_family and sin_port (sin6_port): the first 4 bytes of both. */
	emit_probe_read(b, f->read_user, rec_reg, off, 4, ptr_reg, 0);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), failed);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, rec_reg, off + EP(family)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, AF_INET6, 0), v6);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AF_INET, 0), done);
	emit_probe_read(b, f->read_user, rec_reg, off + EP(addr), 4, ptr_reg,
		       4 /* sin_addr */);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), done);
	JUMP(b, BPF_JMP_A(0), failed);
	LABEL(b, v6);
	emit_probe_read(b, f->read_user, rec_reg, off + EP(addr), 16, ptr_reg,
		       8 /* sin6_addr */);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), done);
	LABEL(b, failed);
	EMIT(b, BPF_ST_MEM(BPF_H, rec_reg, off + EP(family), 0));
	LABEL(b, done);
}

/* Emit: the tracepoint's byte array (size bytes) to rec + off, 4 at a time. */
static void emit_copy_array(struct builder *b, const struct tp_format *fmt,
			    int ctx_reg, const char *name, __u32 size,
			    int rec_reg, __s16 off)
{
	const struct tp_field *fld = tp_field_need(b, fmt, name);
	__u32 i;

	if (!fld)
		return;
	if (fld->size != size) {
		builder__fail(b, -EINVAL,
			      "tracepoint %s:%s field '%s' is %u bytes, not %u",
			      fmt->system, fmt->name, name, fld->size, size);
		return;
	}
	for (i = 0; i < size; i += 4)
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, ctx_reg, (__s16)(fld->offset + i)),
		     BPF_STX_MEM(BPF_W, rec_reg, BPF_REG_1, (__s16)(off + (int)i)));
}

void sockaddr_emit_from_tp(struct builder *b, const struct tp_format *fmt,
			   int ctx_reg, int rec_reg, __s16 off,
			   enum sockaddr_tp_end end)
{
	bool src = end == SOCKADDR_TP_SOURCE;
	char v6[BUILDER_NAME_MAX], done[BUILDER_NAME_MAX];

	builder__local_label(b, v6, "tp_v6");
	builder__local_label(b, done, "tp_done");

	emit_load_field(b, BPF_REG_2, ctx_reg, fmt, "family");
	EMIT(b, BPF_STX_MEM(BPF_H, rec_reg, BPF_REG_2, off + EP(family)));
	/* The tracepoint has ports in host order: ntohs(inet_sport). */
	emit_load_field(b, BPF_REG_1, ctx_reg, fmt, src ? "sport" : "dport");
	EMIT(b, BPF_ENDIAN(BPF_TO_BE, BPF_REG_1, 16),
	     BPF_STX_MEM(BPF_H, rec_reg, BPF_REG_1, off + EP(port)));
	/* saddr is garbage for AF_INET6 sockets, saddr_v6 mapped for AF_INET. */
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, AF_INET, 0), v6);
	emit_copy_array(b, fmt, ctx_reg, src ? "saddr" : "daddr", 4, rec_reg,
			off + EP(addr));
	JUMP(b, BPF_JMP_A(0), done);
	LABEL(b, v6);
	emit_copy_array(b, fmt, ctx_reg, src ? "saddr_v6" : "daddr_v6", 16,
			rec_reg, off + EP(addr));
	LABEL(b, done);
}

void sockaddr_emit_port_filter(struct builder *b, int reg, const __u16 *ports,
			       int n, const char *skip)
{
	char match[BUILDER_NAME_MAX];
	int i;

	if (n <= 0)
		return;
	builder__local_label(b, match, "port");
	for (i = 0; i < n; i++)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, reg, ports[i], 0), match);
	JUMP(b, BPF_JMP_A(0), skip);
	LABEL(b, match);
}
