// SPDX-License-Identifier: GPL-2.0
/*
 * syscount's programs, built against format text whose offsets are not
 * the 6.18 ones: the loads must follow the text, and each option must
 * show in the program as the filter it stands for.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <check.h>

#include "loader/format.h"
#include "progs/syscount.h"

/* raw_syscalls:sys_exit as a kernel with a wider header might print it. */
static const char exit_text[] =
"name: sys_exit\n"
"ID: 7\n"
"format:\n"
"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
"\tfield:unsigned char common_extra;\toffset:8;\tsize:1;\tsigned:0;\n"
"\n"
"\tfield:long id;\toffset:24;\tsize:8;\tsigned:1;\n"
"\tfield:long ret;\toffset:40;\tsize:8;\tsigned:1;\n"
"\n"
"print fmt: \"NR %ld = %ld\", REC->id, REC->ret\n";

struct built {
	struct bpf_insn insns[512];
	size_t len;
};

static void build_exit(const struct syscount_config *cfg, struct built *out)
{
	struct tp_format *fmt = tp_format__parse("raw_syscalls", "sys_exit",
						 exit_text, NULL);
	struct builder b;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	builder__map(&b, "counters", 3);
	builder__map(&b, "tree", 4);
	builder__map(&b, "syscount_counts", 5);
	builder__map(&b, "syscount_starts", 6);
	ck_assert_int_eq(syscount_build_exit(&b, fmt, (void *)cfg), 0);
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	ck_assert_uint_le(b.len, 512);
	if (b.len)
		memcpy(out->insns, b.insns, b.len * sizeof(*b.insns));
	out->len = b.len;
	builder__free(&b);
	tp_format__free(fmt);
}

/* A load of 8 bytes at off from the context (kept in r6). */
static bool loads_ctx(const struct built *p, __s16 off)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (p->insns[i].code == (BPF_LDX | BPF_MEM | BPF_DW) &&
		    p->insns[i].src_reg == BPF_REG_6 && p->insns[i].off == off)
			return true;
	return false;
}

static bool has_insn(const struct built *p, __u8 code, __s32 imm)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (p->insns[i].code == code && p->insns[i].imm == imm)
			return true;
	return false;
}

static const struct syscount_config plain = {
	.pid = -1, .self = 4242, .nr_base = 0, .nr_slots = 512,
};

START_TEST(test_plain_counts_by_id)
{
	struct built p;

	build_exit(&plain, &p);
	ck_assert(loads_ctx(&p, 24));		/* id */
	ck_assert(!loads_ctx(&p, 40));		/* no ret: nothing filters on it */
	/* Our own pid is skipped; ids past the slots share the last one. */
	ck_assert(has_insn(&p, BPF_JMP | BPF_JEQ | BPF_K, 4242));
	ck_assert(has_insn(&p, BPF_JMP | BPF_JLT | BPF_K, 512));
	ck_assert(has_insn(&p, BPF_ALU64 | BPF_MOV | BPF_K, 512));
	/* The count is added atomically, and no time without -L. */
	ck_assert(has_insn(&p, BPF_STX | BPF_DW | BPF_ATOMIC, BPF_ADD));
	ck_assert(!has_insn(&p, BPF_JMP | BPF_CALL, BPF_FUNC_ktime_get_ns));
}
END_TEST

START_TEST(test_errno_and_failed)
{
	struct syscount_config cfg = plain;
	struct built p;

	cfg.err = ENOENT;
	build_exit(&cfg, &p);
	ck_assert(loads_ctx(&p, 40));
	ck_assert(has_insn(&p, BPF_JMP | BPF_JNE | BPF_K, -ENOENT));

	cfg.err = 0;
	cfg.failed_only = 1;
	build_exit(&cfg, &p);
	ck_assert(loads_ctx(&p, 40));
	ck_assert(has_insn(&p, BPF_JMP | BPF_JSGE | BPF_K, 0));
}
END_TEST

START_TEST(test_pid_and_process_mode)
{
	struct syscount_config cfg = plain;
	struct built p;

	cfg.pid = 77;
	cfg.by_process = 1;
	build_exit(&cfg, &p);
	ck_assert(has_insn(&p, BPF_JMP | BPF_JNE | BPF_K, 77));
	/* Keyed by pid: the id is never read; new processes get an entry. */
	ck_assert(!loads_ctx(&p, 24));
	ck_assert(has_insn(&p, BPF_JMP | BPF_CALL, BPF_FUNC_map_update_elem));
	ck_assert(has_insn(&p, BPF_JMP | BPF_CALL, BPF_FUNC_get_current_comm));
}
END_TEST

START_TEST(test_latency)
{
	struct syscount_config cfg = plain;
	struct built p;

	cfg.latency = 1;
	build_exit(&cfg, &p);
	ck_assert(has_insn(&p, BPF_JMP | BPF_CALL, BPF_FUNC_ktime_get_ns));
	/* The enter time goes at every exit. */
	ck_assert(has_insn(&p, BPF_JMP | BPF_CALL, BPF_FUNC_map_delete_elem));
}
END_TEST

Suite *syscount_suite(void)
{
	Suite *s = suite_create("syscount");
	TCase *tc = tcase_create("programs");

	tcase_add_test(tc, test_plain_counts_by_id);
	tcase_add_test(tc, test_errno_and_failed);
	tcase_add_test(tc, test_pid_and_process_mode);
	tcase_add_test(tc, test_latency);
	suite_add_tcase(s, tc);
	return s;
}
