// SPDX-License-Identifier: GPL-2.0
/*
 * Loading tracepoint fields (progs/field.c): the width the format file
 * gives, and its sign. The records are those of a 32-bit ARM kernel (6.1
 * armmp), where "long ret" and every syscall argument are 4 bytes, and
 * of x86_64, where they are 8.
 */
#include <check.h>
#include <string.h>

#include "asm/builder.h"
#include "progs/field.h"

#define COMMON_FIELDS \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n" \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"

static const char arm_exit_openat[] =
	"name: sys_exit_openat\nID: 620\nformat:\n" COMMON_FIELDS
	"\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:long ret;\toffset:12;\tsize:4;\tsigned:1;\n\n"
	"print fmt: \"0x%lx\", REC->ret\n";

static const char arm_enter_openat[] =
	"name: sys_enter_openat\nID: 621\nformat:\n" COMMON_FIELDS
	"\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int dfd;\toffset:12;\tsize:4;\tsigned:0;\n"
	"\tfield:const char * filename;\toffset:16;\tsize:4;\tsigned:0;\n"
	"\tfield:int flags;\toffset:20;\tsize:4;\tsigned:0;\n"
	"\tfield:umode_t mode;\toffset:24;\tsize:4;\tsigned:0;\n\n"
	"print fmt: \"dfd: 0x%08lx\", ((unsigned long)(REC->dfd))\n";

static const char x86_exit_openat[] =
	"name: sys_exit_openat\nID: 781\nformat:\n" COMMON_FIELDS
	"\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n\n"
	"print fmt: \"0x%lx\", REC->ret\n";

/* The instructions emit_load_field() gives for field of text. */
static size_t load(const char *text, const char *field, struct bpf_insn *out, size_t max)
{
	struct tp_format *fmt = tp_format__parse("syscalls", "x", text, NULL);
	struct builder b;
	size_t n;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	emit_load_field(&b, BPF_REG_8, BPF_REG_6, fmt, field);
	ck_assert_int_eq(b.err, 0);
	n = b.len;
	ck_assert_uint_le(n, max);
	memcpy(out, b.insns, n * sizeof(*out));
	builder__free(&b);
	tp_format__free(fmt);
	return n;
}

static void assert_insn(const struct bpf_insn *got, struct bpf_insn want)
{
	ck_assert_msg(!memcmp(got, &want, sizeof(want)),
		      "code %#x dst %d src %d off %d imm %d, not code %#x dst %d src %d off %d imm %d",
		      got->code, got->dst_reg, got->src_reg, got->off, got->imm,
		      want.code, want.dst_reg, want.src_reg, want.off, want.imm);
}

/* -ENOENT in a 4-byte "long ret" stays negative in the register. */
START_TEST(test_signed_narrow_extended)
{
	struct bpf_insn insns[4];

	ck_assert_uint_eq(load(arm_exit_openat, "ret", insns, 4), 3);
	assert_insn(&insns[0], BPF_LDX_MEM(BPF_W, BPF_REG_8, BPF_REG_6, 12));	/* 61 */
	assert_insn(&insns[1], BPF_ALU64_IMM(BPF_LSH, BPF_REG_8, 32));		/* 67 */
	assert_insn(&insns[2], BPF_ALU64_IMM(BPF_ARSH, BPF_REG_8, 32));	/* c7 */
}
END_TEST

/* A 4-byte pointer (an unsigned long argument) is zero-extended. */
START_TEST(test_unsigned_narrow_plain)
{
	struct bpf_insn insns[4];

	ck_assert_uint_eq(load(arm_enter_openat, "filename", insns, 4), 1);
	assert_insn(&insns[0], BPF_LDX_MEM(BPF_W, BPF_REG_8, BPF_REG_6, 16));
}
END_TEST

/* 8 bytes need nothing more. */
START_TEST(test_signed_full_plain)
{
	struct bpf_insn insns[4];

	ck_assert_uint_eq(load(x86_exit_openat, "ret", insns, 4), 1);
	assert_insn(&insns[0], BPF_LDX_MEM(BPF_DW, BPF_REG_8, BPF_REG_6, 16));	/* 79 */
}
END_TEST

Suite *field_suite(void)
{
	Suite *s = suite_create("field");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, test_signed_narrow_extended);
	tcase_add_test(tc, test_unsigned_narrow_plain);
	tcase_add_test(tc, test_signed_full_plain);
	suite_add_tcase(s, tc);
	return s;
}
