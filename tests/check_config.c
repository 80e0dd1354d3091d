// SPDX-License-Identifier: GPL-2.0
/*
 * The BAREBPF_* environment, read once into struct tool_config: which
 * values set a flag, which verifier log levels are taken, and what
 * BAREBPF_NO_BTF makes of the kernel's BTF.
 */
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "loader/btf.h"
#include "tools/lib/config.h"

static const char *const names[] = {
	"BAREBPF_TRACEFS", "BAREBPF_FORCE_DEBUGFS", "BAREBPF_FORCE_PROBE_READ",
	"BAREBPF_FORCE_UNROLL", "BAREBPF_FORCE_PREALLOC", "BAREBPF_NO_BTF",
	"BAREBPF_NO_PREPARE_EXEC",
	"BAREBPF_KEEP_ARGS", "BAREBPF_VERIFIER_LOG",
};

#define NR_NAMES	(sizeof(names) / sizeof(names[0]))

static char *saved[NR_NAMES];

/* The runner's own environment (--fallbacks) is put back after each case. */
static void save_env(void)
{
	size_t i;

	for (i = 0; i < NR_NAMES; i++) {
		const char *v = getenv(names[i]);

		saved[i] = v ? strdup(v) : NULL;
		unsetenv(names[i]);
	}
}

static void restore_env(void)
{
	size_t i;

	for (i = 0; i < NR_NAMES; i++) {
		if (saved[i])
			setenv(names[i], saved[i], 1);
		else
			unsetenv(names[i]);
		free(saved[i]);
		saved[i] = NULL;
	}
	memset(&tool_config, 0, sizeof(tool_config));
}

START_TEST(test_unset)
{
	struct tool_config c;

	memset(&c, 0xff, sizeof(c));
	tool_config__read(&c);
	ck_assert_ptr_null(c.tracefs);
	ck_assert(!c.force_debugfs && !c.force_probe_read && !c.force_unroll &&
		  !c.force_prealloc);
	ck_assert(!c.no_btf && !c.no_prepare_exec && !c.keep_args);
	ck_assert_uint_eq(c.verifier_log, 0);
}
END_TEST

START_TEST(test_set)
{
	struct tool_config c;

	setenv("BAREBPF_TRACEFS", "/some/dir", 1);
	setenv("BAREBPF_FORCE_DEBUGFS", "1", 1);
	setenv("BAREBPF_FORCE_PROBE_READ", "yes", 1);
	setenv("BAREBPF_FORCE_UNROLL", "2", 1);
	setenv("BAREBPF_FORCE_PREALLOC", "1", 1);
	setenv("BAREBPF_NO_BTF", "1", 1);
	setenv("BAREBPF_NO_PREPARE_EXEC", "1", 1);
	setenv("BAREBPF_KEEP_ARGS", "1", 1);
	setenv("BAREBPF_VERIFIER_LOG", "2", 1);
	tool_config__read(&c);
	ck_assert_str_eq(c.tracefs, "/some/dir");
	ck_assert(c.force_debugfs && c.force_probe_read && c.force_unroll &&
		  c.force_prealloc);
	ck_assert(c.no_btf && c.no_prepare_exec && c.keep_args);
	ck_assert_uint_eq(c.verifier_log, 2);
}
END_TEST

/* "" and "0" leave a flag off; the log takes 1 or 2, nothing else. */
START_TEST(test_off_values)
{
	struct tool_config c;

	setenv("BAREBPF_TRACEFS", "", 1);
	setenv("BAREBPF_FORCE_DEBUGFS", "0", 1);
	setenv("BAREBPF_NO_BTF", "", 1);
	setenv("BAREBPF_VERIFIER_LOG", "3", 1);
	tool_config__read(&c);
	ck_assert_ptr_null(c.tracefs);
	ck_assert(!c.force_debugfs && !c.no_btf);
	ck_assert_uint_eq(c.verifier_log, 0);
	setenv("BAREBPF_VERIFIER_LOG", "1", 1);
	tool_config__read(&c);
	ck_assert_uint_eq(c.verifier_log, 1);
	setenv("BAREBPF_VERIFIER_LOG", "12", 1);
	tool_config__read(&c);
	ck_assert_uint_eq(c.verifier_log, 0);
}
END_TEST

/* Read once: a change to the environment afterwards changes nothing. */
START_TEST(test_read_once)
{
	setenv("BAREBPF_NO_BTF", "1", 1);
	tool_config__read(&tool_config);
	unsetenv("BAREBPF_NO_BTF");
	ck_assert(tool_config.no_btf);
}
END_TEST

/* BAREBPF_NO_BTF: as a kernel without BTF, and it says so. */
START_TEST(test_no_btf)
{
	char why[128];

	tool_config.no_btf = true;
	strcpy(why, "unchanged");
	ck_assert_ptr_null(tool_btf(why, sizeof(why)));
	ck_assert_str_eq(why, "BAREBPF_NO_BTF is set");
}
END_TEST

/* Without it, the kernel's own, or why not. */
START_TEST(test_btf)
{
	char why[128] = "";
	struct btf *btf;

	tool_config.no_btf = false;
	btf = tool_btf(why, sizeof(why));
	if (btf) {
		ck_assert_str_eq(why, "");
		ck_assert_int_gt(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT), 0);
		btf__free(btf);
	} else {
		ck_assert_msg(!strncmp(why, BTF_VMLINUX_PATH ": ",
				       strlen(BTF_VMLINUX_PATH) + 2), "%s", why);
	}
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_checked_fixture(tc, save_env, restore_env);
	tcase_add_test(tc, test_unset);
	tcase_add_test(tc, test_set);
	tcase_add_test(tc, test_off_values);
	tcase_add_test(tc, test_read_once);
	tcase_add_test(tc, test_no_btf);
	tcase_add_test(tc, test_btf);
	suite_add_tcase(s, tc);
	return s;
}
