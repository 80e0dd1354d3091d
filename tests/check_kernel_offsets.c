// SPDX-License-Identifier: GPL-2.0
/*
 * Struct member offsets from BTF: a blob built by hand pins nested paths
 * and every failure; the running kernel's own BTF, where it has one,
 * gives exitsnoop and mountsnoop the members they read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "progs/exitsnoop.h"
#include "progs/kernel_offsets.h"
#include "progs/mountsnoop.h"

#define INFO(kind, vlen)	((__u32)(kind) << 24 | (vlen))

/*
 *	struct ns_common { int *stashed; unsigned int inum; };
 *	struct mnt_namespace { int count; struct ns_common ns; };
 *	struct task_struct { int *nsproxy; int exit_code; };
 */
static const __u32 types[] = {
	/* [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED */
	1, INFO(BTF_KIND_INT, 0), 4, BTF_INT_SIGNED << 24 | 32,
	/* [2] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none) */
	5, INFO(BTF_KIND_INT, 0), 4, 32,
	/* [3] PTR '(anon)' type_id=1 */
	0, INFO(BTF_KIND_PTR, 0), 1,
	/* [4] STRUCT 'ns_common' size=16 vlen=2 */
	18, INFO(BTF_KIND_STRUCT, 2), 16,
		28, 3, 0,	/* 'stashed' type_id=3 bits_offset=0 */
		36, 2, 64,	/* 'inum' type_id=2 bits_offset=64 */
	/* [5] STRUCT 'mnt_namespace' size=24 vlen=2 */
	41, INFO(BTF_KIND_STRUCT, 2), 24,
		55, 1, 0,	/* 'count' type_id=1 bits_offset=0 */
		61, 4, 64,	/* 'ns' type_id=4 bits_offset=64 */
	/* [6] STRUCT 'task_struct' size=16 vlen=2 */
	64, INFO(BTF_KIND_STRUCT, 2), 16,
		76, 3, 0,	/* 'nsproxy' type_id=3 bits_offset=0 */
		84, 1, 64,	/* 'exit_code' type_id=1 bits_offset=64 */
};

/* Offsets:          0 1    5             18         28       36    41             55     61  64           76       84 */
static const char strs[] = "\0int\0unsigned int\0ns_common\0stashed\0inum\0mnt_namespace\0count\0ns\0task_struct\0nsproxy\0exit_code";

static struct btf *btf;

static void blob_setup(void)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_len = sizeof(types),
		.str_off = sizeof(types),
		.str_len = sizeof(strs),
	};
	unsigned char buf[sizeof(hdr) + sizeof(types) + sizeof(strs)];

	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), types, sizeof(types));
	memcpy(buf + sizeof(hdr) + sizeof(types), strs, sizeof(strs));
	btf = btf__parse(buf, sizeof(buf));
	ck_assert_ptr_nonnull(btf);
}

static void blob_teardown(void)
{
	btf__free(btf);
	btf = NULL;
}

START_TEST(test_resolve)
{
	__u32 inum = 0, code = 0, ns = 1;
	const struct kernel_member m[] = {
		{ "mnt_namespace", "ns.inum", 4, &inum, 0 },
		{ "task_struct", "exit_code", 4, &code, BTF_KIND_INT },
		{ "task_struct", "nsproxy", 8, &ns, BTF_KIND_PTR },
	};
	char what[128] = "";

	ck_assert_int_eq(kernel_members_resolve(btf, m, 3, what, sizeof(what)), 0);
	ck_assert_uint_eq(inum, 8 + 8);
	ck_assert_uint_eq(code, 8);
	ck_assert_uint_eq(ns, 0);
	ck_assert_str_eq(what, "");
}
END_TEST

static const struct {
	const char *type, *path;
	__u32 size;
	int err;
	const char *what;
} failures[] = {
	{ "nsproxy", "mnt_ns", 8, -ENOENT, "BTF has no struct nsproxy" },
	{ "task_struct", "pid", 4, -ENOENT, "BTF struct task_struct has no member pid" },
	{ "mnt_namespace", "ns.nope", 4, -ENOENT,
	  "BTF struct mnt_namespace has no member ns.nope" },
	/* exit_code is an int: nothing inside it */
	{ "task_struct", "exit_code.x", 4, -EINVAL,
	  "BTF struct task_struct has no member exit_code.x" },
	{ "task_struct", "exit_code", 8, -EINVAL,
	  "BTF struct task_struct member exit_code is not of 8 bytes" },
	{ "mnt_namespace", "ns", 4, -EINVAL,
	  "BTF struct mnt_namespace member ns is not of 4 bytes" },
};

START_TEST(test_failure)
{
	__u32 off = 12345;
	const struct kernel_member m[] = {
		{ failures[_i].type, failures[_i].path, failures[_i].size, &off, 0 },
	};
	char what[128];

	ck_assert_int_eq(kernel_members_resolve(btf, m, 1, what, sizeof(what)),
			 failures[_i].err);
	ck_assert_str_eq(what, failures[_i].what);
	/* Nothing is written on failure. */
	ck_assert_uint_eq(off, 12345);
}
END_TEST

/* The offset of type.member by a lookup of its own, or -1. */
static int lookup(const struct btf *k, const char *type, const char *member)
{
	int id = btf__find_by_name_kind(k, type, BTF_KIND_STRUCT);

	return id < 0 ? -1 : btf__member_offset(k, (__u32)id, member);
}

/* Without BTF here there is nothing to compare, and this passes. */
START_TEST(test_vmlinux)
{
	struct exitsnoop_offsets e;
	struct mountsnoop_offsets m;
	struct btf *k = btf__load_vmlinux();
	char why[128];
	int ns;

	if (!k)
		return;
	ck_assert_msg(exitsnoop_offsets__from_btf(&e, k, why, sizeof(why)) == 0, "%s", why);
	ck_assert_int_eq(e.task_exit_code, lookup(k, "task_struct", "exit_code"));
	ck_assert_int_eq(e.task_tgid, lookup(k, "task_struct", "tgid"));
	ck_assert_int_eq(e.task_real_parent, lookup(k, "task_struct", "real_parent"));
	ck_assert_int_eq(e.task_group_leader, lookup(k, "task_struct", "group_leader"));
	ck_assert_int_eq(e.task_signal, lookup(k, "task_struct", "signal"));
	ck_assert_int_eq(e.task_start_time, lookup(k, "task_struct", "start_time"));
	ck_assert_int_eq(e.signal_flags, lookup(k, "signal_struct", "flags"));
	ck_assert_int_eq(e.signal_group_exit_code,
			 lookup(k, "signal_struct", "group_exit_code"));
	ck_assert_msg(mountsnoop_offsets__from_btf(&m, k, why, sizeof(why)) == 0, "%s", why);
	ck_assert_int_eq(m.task_nsproxy, lookup(k, "task_struct", "nsproxy"));
	ck_assert_int_eq(m.nsproxy_mnt_ns, lookup(k, "nsproxy", "mnt_ns"));
	ns = lookup(k, "mnt_namespace", "ns");
	ck_assert_int_ge(ns, 0);
	ck_assert_int_eq(m.mnt_ns_inum, ns + lookup(k, "ns_common", "inum"));
	btf__free(k);
}
END_TEST

Suite *kernel_offsets_suite(void)
{
	Suite *s = suite_create("kernel_offsets");
	TCase *tc = tcase_create("blob");

	tcase_add_checked_fixture(tc, blob_setup, blob_teardown);
	tcase_add_test(tc, test_resolve);
	tcase_add_loop_test(tc, test_failure, 0, sizeof(failures) / sizeof(failures[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("kernel");
	tcase_add_test(tc, test_vmlinux);
	suite_add_tcase(s, tc);
	return s;
}
