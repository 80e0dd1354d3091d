// SPDX-License-Identifier: GPL-2.0
/*
 * The probe-read emitters, byte for byte: the helper's three arguments
 * set in the order r1 (where to), r2 (how many), r3 (from where), the
 * source reached each way a program has it, and the helper chosen by
 * the caller (the _kernel/_user pair, or bpf_probe_read before 5.5).
 */
#include <check.h>

#include "loader/format.h"
#include "progs/memread.h"
#include "tests/emitted.h"


START_TEST(test_read)
{
	/* A pointer member at offset 1424 of the struct at r9, to a slot. */
	static const __u8 want[][8] = {
		{ 0xbf, 0xa1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r10 */
		{ 0x07, 0x01, 0x00, 0x00, 0xf0, 0xff, 0xff, 0xff },	/* (07) r1 += -16 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00 },	/* (b7) r2 = 8 */
		{ 0xbf, 0x93, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r3 = r9 */
		{ 0x07, 0x03, 0x00, 0x00, 0x90, 0x05, 0x00, 0x00 },	/* (07) r3 += 1424 */
		{ 0x85, 0x00, 0x00, 0x00, 0x71, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read_kernel#113 */
	};
	struct builder b;

	builder__init(&b);
	emit_probe_read(&b, BPF_FUNC_probe_read_kernel, BPF_REG_10, -16, 8,
			BPF_REG_9, 1424);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_read_r3)
{
	/* r3 set by the caller; 4 bytes into the record at r7 + 40. */
	static const __u8 want[][8] = {
		{ 0xbf, 0x71, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r7 */
		{ 0x07, 0x01, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00 },	/* (07) r1 += 40 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00 },	/* (b7) r2 = 4 */
		{ 0x85, 0x00, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read_user#112 */
	};
	struct builder b;

	builder__init(&b);
	emit_probe_read_r3(&b, BPF_FUNC_probe_read_user, BPF_REG_7, 40, 4);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_read_ptr)
{
	/* A path whose pointer is kept at r7 + 0, into the record at r9 + 64. */
	static const __u8 want[][8] = {
		{ 0xbf, 0x91, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r9 */
		{ 0x07, 0x01, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00 },	/* (07) r1 += 64 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00 },	/* (b7) r2 = 4096 */
		{ 0x79, 0x73, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (79) r3 = *(u64 *)(r7 +0) */
		{ 0x85, 0x00, 0x00, 0x00, 0x72, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read_user_str#114 */
	};
	struct builder b;

	builder__init(&b);
	emit_probe_read_ptr(&b, BPF_FUNC_probe_read_user_str, BPF_REG_9, 64,
			    4096, BPF_REG_7, 0);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_read_past)
{
	/* After a 128-byte string from the pointer at r10 - 16: its byte 127. */
	static const __u8 want[][8] = {
		{ 0xbf, 0xa1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r10 */
		{ 0x07, 0x01, 0x00, 0x00, 0xe8, 0xff, 0xff, 0xff },	/* (07) r1 += -24 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 },	/* (b7) r2 = 1 */
		{ 0x79, 0xa3, 0xf0, 0xff, 0x00, 0x00, 0x00, 0x00 },	/* (79) r3 = *(u64 *)(r10 -16) */
		{ 0x07, 0x03, 0x00, 0x00, 0x7f, 0x00, 0x00, 0x00 },	/* (07) r3 += 127 */
		{ 0x85, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read#4 */
	};
	struct builder b;

	builder__init(&b);
	emit_probe_read_past(&b, BPF_FUNC_probe_read, -24, -16, 128);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_read_reg)
{
	/* argv[i]'s pointer, 8 bytes from the address in r8, to a slot. */
	static const __u8 want[][8] = {
		{ 0xbf, 0xa1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r10 */
		{ 0x07, 0x01, 0x00, 0x00, 0xf8, 0xff, 0xff, 0xff },	/* (07) r1 += -8 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00 },	/* (b7) r2 = 8 */
		{ 0xbf, 0x83, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r3 = r8 */
		{ 0x85, 0x00, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read_user#112 */
	};
	struct builder b;

	builder__init(&b);
	emit_probe_read_reg(&b, BPF_FUNC_probe_read_user, BPF_REG_10, -8, 8,
			    BPF_REG_8);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

/* x86_64's sys_enter_openat2: "how" is a pointer at offset 32. */
static const char enter_openat2[] =
	"name: sys_enter_openat2\nID: 640\nformat:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
	"\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;\n"
	"\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;\n"
	"\tfield:struct open_how * how;\toffset:32;\tsize:8;\tsigned:0;\n"
	"\tfield:size_t usize;\toffset:40;\tsize:8;\tsigned:0;\n\n"
	"print fmt: \"dfd: 0x%08lx\", ((unsigned long)(REC->dfd))\n";

START_TEST(test_read_field)
{
	/* 16 bytes of the struct the record's "how" points to, to a slot. */
	static const __u8 want[][8] = {
		{ 0xbf, 0xa1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r10 */
		{ 0x07, 0x01, 0x00, 0x00, 0xd8, 0xff, 0xff, 0xff },	/* (07) r1 += -40 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00 },	/* (b7) r2 = 16 */
		{ 0x79, 0x63, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (79) r3 = *(u64 *)(r6 +32) */
		{ 0x85, 0x00, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00 },	/* (85) call bpf_probe_read_user#112 */
	};
	struct tp_format *fmt = tp_format__parse("syscalls", "sys_enter_openat2",
						 enter_openat2, NULL);
	struct builder b;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	emit_probe_read_field(&b, BPF_FUNC_probe_read_user, BPF_REG_10, -40, 16,
			      BPF_REG_6, fmt, "how");
	CHECK_EMITTED(&b, want);
	builder__free(&b);
	tp_format__free(fmt);
}
END_TEST

Suite *memread_suite(void)
{
	Suite *s = suite_create("memread");
	TCase *tc = tcase_create("emitters");

	tcase_add_test(tc, test_read);
	tcase_add_test(tc, test_read_r3);
	tcase_add_test(tc, test_read_ptr);
	tcase_add_test(tc, test_read_past);
	tcase_add_test(tc, test_read_reg);
	tcase_add_test(tc, test_read_field);
	suite_add_tcase(s, tc);
	return s;
}
