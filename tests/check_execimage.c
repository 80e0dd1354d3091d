// SPDX-License-Identifier: GPL-2.0
/*
 * The new image's stack pointer: offsets from BTF (a hand-made blob for
 * the failures, the running kernel's for the real thing), the stack
 * pointer's place in each architecture's pt_regs, and what the emitters
 * read. Whether the kernel accepts and runs them is for the execsnoop
 * and buildtrace integration suites.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <asm/ptrace.h>
#include "asm/insn.h"
#include "progs/execimage.h"

#define INFO(kind, vlen)	((__u32)(kind) << 24 | (vlen))

/*
 * struct task_struct { int *mm; }; struct mm_struct { int start_stack; }:
 * mm is there, start_stack is no word.
 *	[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
 *	[2] PTR '(anon)' type_id=1
 *	[3] STRUCT 'task_struct' size=8 vlen=1
 *		'mm' type_id=2 bits_offset=0
 *	[4] STRUCT 'mm_struct' size=4 vlen=1
 *		'start_stack' type_id=1 bits_offset=0
 */
static const __u32 narrow_types[] = {
	1, INFO(BTF_KIND_INT, 0), 4, BTF_INT_SIGNED << 24 | 32,
	0, INFO(BTF_KIND_PTR, 0), 1,
	5, INFO(BTF_KIND_STRUCT, 1), 8,
		17, 2, 0,
	20, INFO(BTF_KIND_STRUCT, 1), 4,
		30, 1, 0,
};
/* Offsets:              0 1    5            17  20         30 */
static const char narrow_strs[] = "\0int\0task_struct\0mm\0mm_struct\0start_stack";

static struct btf *blob(const __u32 *types, __u32 types_len,
			const char *strs, __u32 strs_len)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_len = types_len,
		.str_off = types_len,
		.str_len = strs_len,
	};
	unsigned char buf[256];
	struct btf *btf;

	ck_assert_uint_le(sizeof(hdr) + types_len + strs_len, sizeof(buf));
	memcpy(buf, &hdr, sizeof(hdr));
	if (types_len)
		memcpy(buf + sizeof(hdr), types, types_len);
	memcpy(buf + sizeof(hdr) + types_len, strs, strs_len);
	btf = btf__parse(buf, sizeof(hdr) + types_len + strs_len);
	ck_assert_ptr_nonnull(btf);
	return btf;
}

START_TEST(test_offsets_missing)
{
	struct exec_image_offsets o;
	struct btf *btf = blob(NULL, 0, "", 1);
	char what[128];

	ck_assert_int_eq(exec_image_offsets__from_btf(&o, btf, what, sizeof(what)),
			 -ENOENT);
	ck_assert_str_eq(what, "BTF has no struct task_struct");
	btf__free(btf);

	btf = blob(narrow_types, sizeof(narrow_types), narrow_strs, sizeof(narrow_strs));
	ck_assert_int_eq(exec_image_offsets__from_btf(&o, btf, what, sizeof(what)),
			 -EINVAL);
	ck_assert_str_eq(what, "BTF struct mm_struct member start_stack is not an 8-byte integer");
	btf__free(btf);
}
END_TEST

START_TEST(test_offsets_vmlinux)
{
	struct exec_image_offsets o;
	struct btf *btf = btf__load_vmlinux();
	char what[128];
	int task, mm;

	if (!btf)	/* no BTF on this kernel: nothing to compare */
		return;
	ck_assert_msg(exec_image_offsets__from_btf(&o, btf, what, sizeof(what)) == 0,
		      "%s", what);
	task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	mm = btf__find_by_name_kind(btf, "mm_struct", BTF_KIND_STRUCT);
	ck_assert_int_eq(o.task_mm, btf__member_offset(btf, (__u32)task, "mm"));
	ck_assert_int_eq(o.mm_start_stack,
			 btf__member_offset(btf, (__u32)mm, "start_stack"));
	ck_assert_int_eq(o.mm_arg_start, btf__member_offset(btf, (__u32)mm, "arg_start"));
	/* mm_struct keeps arg_start after start_stack, a word or more on */
	ck_assert_uint_gt(o.mm_arg_start, o.mm_start_stack);
	btf__free(btf);
}
END_TEST

/* The stack pointer as ptrace(2) shows it, which is where the kernel keeps it. */
START_TEST(test_sp_in_pt_regs)
{
	const struct sysargs *sa = sysargs_native();

	ck_assert_ptr_nonnull(sa);
#if defined(__x86_64__)
	ck_assert_uint_eq(sa->sp_off, 19 * 8);	/* RSP in asm/ptrace-abi.h */
#elif defined(__aarch64__)
	ck_assert_uint_eq(sa->sp_off, 31 * 8);	/* after x0..x30 */
#elif defined(__arm__)
	ck_assert_uint_eq(sa->sp_off, 13 * 4);
#endif
	ck_assert_uint_eq(sa->sp_off % sa->word, 0);
}
END_TEST

/* Distinct offsets, so that a read of the wrong one would show. */
static const struct exec_image_offsets fake = {
	.task_mm = 2000, .mm_start_stack = 328, .mm_arg_start = 352,
};

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

/* Instructions like insn, whatever their offset (jumps get theirs at finish). */
static int count(const struct builder *b, struct bpf_insn insn)
{
	size_t i;
	int n = 0;

	for (i = 0; i < b->len; i++)
		n += b->insns[i].code == insn.code &&
		     b->insns[i].dst_reg == insn.dst_reg &&
		     b->insns[i].src_reg == insn.src_reg &&
		     b->insns[i].imm == insn.imm;
	return n;
}

static void finish(struct builder *b)
{
	LABEL(b, "fail");
	EMIT(b, BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(b) == 0, "%s", b->errmsg);
}

START_TEST(test_emit_mm)
{
	struct builder b;

	builder__init(&b);
	exec_image_emit_sp_mm(&b, &fake, &features, -24, "fail");
	finish(&b);
	/* the task's mm, its arg_start and start_stack; then argv[0] */
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_get_current_task)), 1);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel)), 3);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_user)), 1);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 2000)), 1);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 328)), 1);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 352)), 1);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, sizeof(long))), 1);
	/* argv[0] compared with arg_start */
	ck_assert_int_eq(count(&b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0)), 1);
	builder__free(&b);
}
END_TEST

START_TEST(test_emit_regs)
{
	const struct sysargs *sa = sysargs_native();
	struct builder b;

	builder__init(&b);
	exec_image_emit_sp_regs(&b, sa, BPF_REG_6, &features, -8, "fail");
	finish(&b);
	ck_assert_int_eq(count(&b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_6, 0)), 1);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, sa->sp_off)), 1);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel)), 1);
	ck_assert_int_eq(count(&b, BPF_MOV64_IMM(BPF_REG_2, sa->word)), 1);
	builder__free(&b);
}
END_TEST

Suite *execimage_suite(void)
{
	Suite *s = suite_create("execimage");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_offsets_missing);
	tcase_add_test(tc, test_offsets_vmlinux);
	tcase_add_test(tc, test_sp_in_pt_regs);
	tcase_add_test(tc, test_emit_mm);
	tcase_add_test(tc, test_emit_regs);
	suite_add_tcase(s, tc);
	return s;
}
