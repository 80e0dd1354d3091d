// SPDX-License-Identifier: GPL-2.0
/*
 * opensnoop's exit program, built against the 6.18 sys_exit_openat
 * format of the stand-in tracefs: with -F's walk it still fits what old
 * kernels take, and without it nothing of the walk is there. Loading is
 * for the opensnoop integration suite.
 */
#include <stdlib.h>
#include <check.h>

#include "loader/format.h"
#include "loader/tracefs.h"
#include "progs/opensnoop.h"

#define FAKE_TRACEFS	"tests/fixtures/tracefs"

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

/* The 6.18 offsets; any would do, since nothing is loaded. */
static const struct pathwalk_offsets offsets = {
	.task_fs = 1816, .task_files = 1824, .fs_pwd = 40, .files_fdt = 32,
	.fdt_max_fds = 0, .fdt_fd = 8, .file_path = 64, .path_mnt = 0,
	.path_dentry = 8, .dentry_parent = 24, .dentry_name = 32,
	.qstr_name = 8, .mount_parent = 16, .mount_mountpoint = 24,
	.mount_mnt = 32, .vfsmount_root = 0,
};

/* Build the exit program; returns its length. */
static size_t build_exit(const struct pathwalk_offsets *walk, int *calls_task)
{
	struct opensnoop_config cfg = {
		.features = &features, .who = { .pid = -1, .uid = -1 },
		.walk = walk,
	};
	struct tp_format *fmt = tp_format__load("syscalls", "sys_exit_openat");
	struct builder b;
	size_t i, len;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	builder__map(&b, "events", 3);
	builder__map(&b, "counters", 4);
	builder__map(&b, "opens", 5);
	builder__map(&b, "open_scratch", 6);
	ck_assert_int_eq(opensnoop_build_exit(&b, fmt, &cfg), 0);
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	*calls_task = 0;
	for (i = 0; i < b.len; i++)
		*calls_task |= b.insns[i].code == (BPF_JMP | BPF_CALL) &&
				b.insns[i].imm == BPF_FUNC_get_current_task;
	len = b.len;
	builder__free(&b);
	tp_format__free(fmt);
	return len;
}

START_TEST(test_exit_with_walk)
{
	int calls_task;
	size_t plain = build_exit(NULL, &calls_task);

	ck_assert_int_eq(calls_task, 0);
	ck_assert_uint_lt(plain, 100);
	/* Kernels before 5.2 take no more than 4096 in a whole program. */
	ck_assert_uint_lt(build_exit(&offsets, &calls_task), 4096);
	ck_assert_int_eq(calls_task, 1);
}
END_TEST

Suite *opensnoop_suite(void)
{
	Suite *s = suite_create("opensnoop");
	TCase *tc = tcase_create("programs");

	/* As format_suite() does, before any test runs. */
	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });
	tcase_add_test(tc, test_exit_with_walk);
	suite_add_tcase(s, tc);
	return s;
}
