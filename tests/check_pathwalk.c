// SPDX-License-Identifier: GPL-2.0
/*
 * The directory walk: user space's join of the names the program sends,
 * the offsets taken from BTF (a blob built by hand for the failures, the
 * running kernel's for the real thing), and the program's shape. Whether
 * the kernel accepts the program is for the opensnoop integration
 * suite, which loads it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/insn.h"
#include "progs/pathwalk.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct join_case {
	const char *names;	/* as the program writes them */
	size_t len;
	const char *rel;
	const char *want;
};

/* sizeof - 1: the literal's own NUL is not part of the names. */
#define NAMES(s)	s, sizeof(s) - 1

static const struct join_case joins[] = {
	{ NAMES("b\0a\0"), "f", "/a/b/f" },
	{ NAMES("tmp.Xy12\0tmp\0"), "sub/file", "/tmp/tmp.Xy12/sub/file" },
	{ NAMES(""), "f", "/f" },		/* the cwd is / */
	{ NAMES("etc\0"), ".", "/etc/." },	/* as given, not tidied */
	{ NAMES("a\0\0b\0"), "f", "/b/a/f" },	/* an empty name adds nothing */
	{ NAMES("\xff\0"), "f", "/\xff/f" },	/* bytes, not text */
	/* a file's own names, with nothing after them */
	{ NAMES("hostname\0etc\0"), NULL, "/etc/hostname" },
	{ NAMES(""), NULL, "/" },
};

START_TEST(test_join)
{
	const struct join_case *c = &joins[_i];
	char buf[64];

	ck_assert_int_eq(pathwalk_join(c->names, c->len, c->rel, buf, sizeof(buf)),
			 (int)strlen(c->want));
	ck_assert_str_eq(buf, c->want);
}
END_TEST

START_TEST(test_join_bad)
{
	char buf[8];

	/* Names that do not end in a NUL were not written by the walk. */
	ck_assert_int_eq(pathwalk_join("ab", 2, "f", buf, sizeof(buf)), -EINVAL);
	/* "/a/b/f" and its NUL need 7 bytes. */
	ck_assert_int_eq(pathwalk_join("b\0a\0", 4, "f", buf, 7), 6);
	ck_assert_str_eq(buf, "/a/b/f");
	ck_assert_int_eq(pathwalk_join("b\0a\0", 4, "f", buf, 6), -ENAMETOOLONG);
	ck_assert_int_eq(pathwalk_join("b\0a\0", 4, "", buf, 3), -ENAMETOOLONG);
	ck_assert_int_eq(pathwalk_join("", 0, "f", buf, 2), -ENAMETOOLONG);
	ck_assert_int_eq(pathwalk_join("b\0a\0", 4, NULL, buf, 5), 4);
	ck_assert_str_eq(buf, "/a/b");
	ck_assert_int_eq(pathwalk_join("b\0a\0", 4, NULL, buf, 4), -ENAMETOOLONG);
	ck_assert_int_eq(pathwalk_join("", 0, NULL, buf, 1), -ENAMETOOLONG);
}
END_TEST

#define INFO(kind, vlen)	((__u32)(kind) << 24 | (vlen))

/*
 * struct task_struct { int fs; }: the walk's first member is there, but
 * it is no pointer.
 *	[1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
 *	[2] STRUCT 'task_struct' size=4 vlen=1
 *		'fs' type_id=1 bits_offset=0
 */
static const __u32 wrong_types[] = {
	1, INFO(BTF_KIND_INT, 0), 4, BTF_INT_SIGNED << 24 | 32,
	5, INFO(BTF_KIND_STRUCT, 1), 4,
		17, 1, 0,
};
/* Offsets:            0 1    5            17 */
static const char wrong_strs[] = "\0int\0task_struct\0fs";

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
	struct pathwalk_offsets o;
	struct btf *btf = blob(NULL, 0, "", 1);
	char what[128];

	ck_assert_int_eq(pathwalk_offsets__from_btf(&o, btf, what, sizeof(what)),
			 -ENOENT);
	ck_assert_str_eq(what, "BTF has no struct task_struct");
	btf__free(btf);

	btf = blob(wrong_types, sizeof(wrong_types), wrong_strs, sizeof(wrong_strs));
	ck_assert_int_eq(pathwalk_offsets__from_btf(&o, btf, what, sizeof(what)),
			 -EINVAL);
	ck_assert_str_eq(what, "BTF struct task_struct member fs is not an 8-byte pointer");
	btf__free(btf);
}
END_TEST

/* Every offset the walk reads must agree with a lookup of its own. */
START_TEST(test_offsets_vmlinux)
{
	struct pathwalk_offsets o;
	struct btf *btf = btf__load_vmlinux();
	char what[128];
	int task, dentry, mount;

	if (!btf)	/* no BTF on this kernel: nothing to compare */
		return;
	ck_assert_msg(pathwalk_offsets__from_btf(&o, btf, what, sizeof(what)) == 0,
		      "%s", what);
	task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	dentry = btf__find_by_name_kind(btf, "dentry", BTF_KIND_STRUCT);
	mount = btf__find_by_name_kind(btf, "mount", BTF_KIND_STRUCT);
	ck_assert_int_eq(o.task_fs, btf__member_offset(btf, (__u32)task, "fs"));
	ck_assert_int_eq(o.task_files, btf__member_offset(btf, (__u32)task, "files"));
	ck_assert_int_eq(o.dentry_parent, btf__member_offset(btf, (__u32)dentry, "d_parent"));
	ck_assert_int_eq(o.dentry_name, btf__member_offset(btf, (__u32)dentry, "d_name"));
	ck_assert_int_eq(o.mount_mnt, btf__member_offset(btf, (__u32)mount, "mnt"));
	/* Layouts that have held since 2.6: a path is { mnt, dentry }. */
	ck_assert_uint_eq(o.path_mnt, 0);
	ck_assert_uint_eq(o.path_dentry, 8);
	ck_assert_uint_eq(o.vfsmount_root, 0);
	ck_assert_uint_lt(o.mount_parent, o.mount_mnt);
	btf__free(btf);
}
END_TEST

/* Distinct offsets, so that a read of the wrong one would show. */
static const struct pathwalk_offsets fake = {
	.task_fs = 1000, .task_files = 1008, .fs_pwd = 40, .files_fdt = 48,
	.fdt_max_fds = 0, .fdt_fd = 8, .file_path = 64, .path_mnt = 0,
	.path_dentry = 8, .dentry_parent = 24, .dentry_name = 32,
	.qstr_name = 8, .mount_parent = 16, .mount_mountpoint = 24,
	.mount_mnt = 32, .vfsmount_root = 0,
};

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

static const struct pathwalk_regs regs = {
	.rec = BPF_REG_9, .dst = BPF_REG_7, .cur = BPF_REG_8,
	.dirfd_off = 36, .len_off = 56, .state_off = 60, .stack_off = -40,
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

START_TEST(test_emit)
{
	struct builder b;

	builder__init(&b);
	pathwalk_emit(&b, &fake, &features, &regs);
	EMIT(&b, BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	/* Kernels before 5.2 take no more than 4096 in a whole program. */
	ck_assert_uint_lt(b.len, 2500);
	/* One name read and one mount-root read per step. */
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel_str)),
			 PATHWALK_DEPTH);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3,
						 fake.dentry_name + fake.qstr_name)),
			 PATHWALK_DEPTH);
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3,
						 fake.mount_mnt + fake.vfsmount_root)),
			 PATHWALK_DEPTH);
	/* The container_of() from vfsmount to mount, once. */
	ck_assert_int_eq(count(&b, BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, fake.mount_mnt)), 1);
	/* Every write of a name is bounded first. */
	ck_assert_int_eq(count(&b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2,
					       PATHWALK_MAX - PATHWALK_NAME_MAX, 0)),
			 PATHWALK_DEPTH);
	builder__free(&b);
}
END_TEST

START_TEST(test_emit_probe_read)
{
	struct prog_features old = {
		.read_user = BPF_FUNC_probe_read, .read_user_str = BPF_FUNC_probe_read_str,
		.read_kernel = BPF_FUNC_probe_read, .read_kernel_str = BPF_FUNC_probe_read_str,
	};
	struct builder b;

	builder__init(&b);
	pathwalk_emit(&b, &fake, &old, &regs);
	EMIT(&b, BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN());
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel)), 0);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel_str)), 0);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_str)), PATHWALK_DEPTH);
	builder__free(&b);
}
END_TEST

/* Where the kernel verifies loops: one step, repeated by a back edge. */
START_TEST(test_emit_bounded)
{
	struct prog_features loops = features;
	struct builder b;
	size_t i;
	int back = 0;

	loops.bounded_loops = true;
	builder__init(&b);
	pathwalk_emit(&b, &fake, &loops, &regs);
	EMIT(&b, BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	ck_assert_uint_lt(b.len, 200);
	ck_assert_int_eq(count(&b, BPF_EMIT_CALL(BPF_FUNC_probe_read_kernel_str)), 1);
	/* The round count, at the slot past the walk's own four. */
	ck_assert_int_eq(count(&b, BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0)), 1);
	for (i = 0; i < b.len; i++) {
		if (BPF_CLASS(b.insns[i].code) == BPF_JMP && b.insns[i].off < 0) {
			back++;
			ck_assert_uint_eq(b.insns[i].code, BPF_JMP | BPF_JLT | BPF_K);
			ck_assert_int_eq(b.insns[i].imm, PATHWALK_DEPTH);
		}
	}
	ck_assert_int_eq(back, 1);
	builder__free(&b);
}
END_TEST

Suite *pathwalk_suite(void)
{
	Suite *s = suite_create("pathwalk");
	TCase *join = tcase_create("join");
	TCase *offsets = tcase_create("offsets");
	TCase *emit = tcase_create("emit");

	tcase_add_loop_test(join, test_join, 0, ARRAY_SIZE(joins));
	tcase_add_test(join, test_join_bad);
	suite_add_tcase(s, join);

	tcase_add_test(offsets, test_offsets_missing);
	tcase_add_test(offsets, test_offsets_vmlinux);
	suite_add_tcase(s, offsets);

	tcase_add_test(emit, test_emit);
	tcase_add_test(emit, test_emit_probe_read);
	tcase_add_test(emit, test_emit_bounded);
	suite_add_tcase(s, emit);
	return s;
}
