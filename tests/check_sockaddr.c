// SPDX-License-Identifier: GPL-2.0
/*
 * The endpoint emitters, instruction by instruction where the meaning
 * lies: the port list as jumps on network-order values, the tracepoint's
 * host-order port turned around, the address field chosen by family and
 * read at the format's own offsets; and a format that lacks a field, or
 * has it at another size, failing the build with a message naming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <check.h>

#include "asm/disasm.h"
#include "loader/tracefs.h"
#include "progs/sockaddr.h"

#define FAKE_TRACEFS	"tests/fixtures/tracefs"

/* The program's text, one instruction a line, as the verifier logs it. */
static char *listing(const struct builder *b)
{
	static char text[16384];
	char line[160];
	size_t i, used = 0;
	int n;

	text[0] = '\0';
	for (i = 0; i < b->len; i += (size_t)n) {
		n = disasm_insn_str(&b->insns[i], b->len - i, line, sizeof(line));
		ck_assert_int_gt(n, 0);
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s\n", line);
		ck_assert_uint_lt(used, sizeof(text));
	}
	return text;
}

START_TEST(test_port_filter)
{
	const __u16 ports[] = { htons(80), htons(443) };
	char want[256];
	struct builder b;

	builder__init(&b);
	sockaddr_emit_port_filter(&b, BPF_REG_1, ports, 2, "skip");
	EMIT(&b, BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(&b, "skip");
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	/* The values as a u16 load of network-order bytes gives them. */
	snprintf(want, sizeof(want),
		 "(15) if r1 == 0x%x goto pc+2\n"
		 "(15) if r1 == 0x%x goto pc+1\n"
		 "(05) goto pc+1\n"
		 "(b7) r0 = 1\n"
		 "(95) exit\n", ports[0], ports[1]);
	ck_assert_str_eq(listing(&b), want);
	builder__free(&b);

	/* No list: no filter at all. */
	builder__init(&b);
	sockaddr_emit_port_filter(&b, BPF_REG_1, ports, 0, "skip");
	ck_assert_uint_eq(b.len, 0);
	builder__free(&b);
}
END_TEST

/* inet_sock_set_state of 6.18: sport 24, family 28, saddr 32, saddr_v6 40. */
START_TEST(test_from_tp)
{
	struct tp_format *fmt = tp_format__load("sock", "inet_sock_set_state");
	struct builder b;
	const char *text;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	sockaddr_emit_from_tp(&b, fmt, BPF_REG_6, BPF_REG_7, 40, SOCKADDR_TP_SOURCE);
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	text = listing(&b);
	ck_assert_str_eq(text,
		"(69) r2 = *(u16 *)(r6 +28)\n"
		"(6b) *(u16 *)(r7 +40) = r2\n"
		"(69) r1 = *(u16 *)(r6 +24)\n"
		"(dc) r1 = be16 r1\n"
		"(6b) *(u16 *)(r7 +42) = r1\n"
		"(55) if r2 != 0x2 goto pc+3\n"
		"(61) r1 = *(u32 *)(r6 +32)\n"
		"(63) *(u32 *)(r7 +44) = r1\n"
		"(05) goto pc+8\n"
		"(61) r1 = *(u32 *)(r6 +40)\n"
		"(63) *(u32 *)(r7 +44) = r1\n"
		"(61) r1 = *(u32 *)(r6 +44)\n"
		"(63) *(u32 *)(r7 +48) = r1\n"
		"(61) r1 = *(u32 *)(r6 +48)\n"
		"(63) *(u32 *)(r7 +52) = r1\n"
		"(61) r1 = *(u32 *)(r6 +52)\n"
		"(63) *(u32 *)(r7 +56) = r1\n"
		"(95) exit\n");
	builder__free(&b);

	/* The other end: dport 26, daddr 36, daddr_v6 56. */
	builder__init(&b);
	sockaddr_emit_from_tp(&b, fmt, BPF_REG_6, BPF_REG_7, 0, SOCKADDR_TP_DEST);
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	text = listing(&b);
	ck_assert_ptr_nonnull(strstr(text, "r1 = *(u16 *)(r6 +26)\n"));
	ck_assert_ptr_nonnull(strstr(text, "r1 = *(u32 *)(r6 +36)\n"));
	ck_assert_ptr_nonnull(strstr(text, "r1 = *(u32 *)(r6 +68)\n"));
	builder__free(&b);
	tp_format__free(fmt);
}
END_TEST

static const char changed_format[] =
	"name: inet_sock_set_state\n"
	"ID: 1\n"
	"format:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
	"\n"
	"\tfield:__u16 sport;\toffset:8;\tsize:2;\tsigned:0;\n"
	"\tfield:__u16 family;\toffset:10;\tsize:2;\tsigned:0;\n"
	"\tfield:__u8 saddr[16];\toffset:12;\tsize:16;\tsigned:0;\n"
	"\n"
	"print fmt: \"\"\n";

START_TEST(test_from_tp_mismatch)
{
	struct tp_format *fmt = tp_format__parse("sock", "inet_sock_set_state",
						 changed_format, NULL);
	struct builder b;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	sockaddr_emit_from_tp(&b, fmt, BPF_REG_6, BPF_REG_7, 0, SOCKADDR_TP_SOURCE);
	ck_assert_int_ne(builder__finish(&b), 0);
	ck_assert_str_eq(b.errmsg, "tracepoint sock:inet_sock_set_state field "
				   "'saddr' is 16 bytes, not 4");
	builder__free(&b);

	builder__init(&b);
	sockaddr_emit_from_tp(&b, fmt, BPF_REG_6, BPF_REG_7, 0, SOCKADDR_TP_DEST);
	ck_assert_int_ne(builder__finish(&b), 0);
	ck_assert_str_eq(b.errmsg, "tracepoint sock:inet_sock_set_state has no field 'dport'");
	builder__free(&b);
	tp_format__free(fmt);
}
END_TEST

/* The caller's sockaddr: 4 bytes, then 4 at +4 (IPv4) or 16 at +8 (IPv6). */
START_TEST(test_read)
{
	const struct prog_features f = { .read_user = BPF_FUNC_probe_read_user };
	struct builder b;
	const char *text;

	builder__init(&b);
	sockaddr_emit_read(&b, &f, BPF_REG_7, 40, BPF_REG_8);
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	text = listing(&b);
	ck_assert_str_eq(text,
		"(bf) r1 = r7\n(07) r1 += 40\n(b7) r2 = 4\n(bf) r3 = r8\n(07) r3 += 0\n"
		"(85) call bpf_probe_read_user#112\n"
		"(55) if r0 != 0x0 goto pc+18\n"
		"(69) r1 = *(u16 *)(r7 +40)\n"
		"(15) if r1 == 0xa goto pc+9\n"
		"(55) if r1 != 0x2 goto pc+16\n"
		"(bf) r1 = r7\n(07) r1 += 44\n(b7) r2 = 4\n(bf) r3 = r8\n(07) r3 += 4\n"
		"(85) call bpf_probe_read_user#112\n"
		"(15) if r0 == 0x0 goto pc+9\n"
		"(05) goto pc+7\n"
		"(bf) r1 = r7\n(07) r1 += 44\n(b7) r2 = 16\n(bf) r3 = r8\n(07) r3 += 8\n"
		"(85) call bpf_probe_read_user#112\n"
		"(15) if r0 == 0x0 goto pc+1\n"
		"(6a) *(u16 *)(r7 +40) = 0\n"
		"(95) exit\n");
	builder__free(&b);
}
END_TEST

Suite *sockaddr_suite(void)
{
	Suite *s = suite_create("sockaddr");
	TCase *tc = tcase_create("emitters");

	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });
	tcase_add_test(tc, test_port_filter);
	tcase_add_test(tc, test_from_tp);
	tcase_add_test(tc, test_from_tp_mismatch);
	tcase_add_test(tc, test_read);
	suite_add_tcase(s, tc);
	return s;
}
