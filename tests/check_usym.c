// SPDX-License-Identifier: GPL-2.0
/*
 * ustack's names: this process's own functions named through its
 * /proc maps and the file mapped there, the file read once for all
 * its mappings; a process that is gone names nothing.
 */
#include <check.h>
#include <stdint.h>
#include <unistd.h>
#include "tools/trace/usym.h"

/* A function of this file with a name to look for. */
__attribute__((noinline)) int usym_test_target(int x)
{
	return x * 5 + 2;
}

START_TEST(test_own_function)
{
	struct usym_cache u = { 0 };
	const char *name;
	__u64 off = 99;
	int files;

	name = usym_cache__name(&u, getpid(), (uintptr_t)usym_test_target + 3, &off);
	ck_assert_str_eq(name, "usym_test_target");
	ck_assert_uint_eq(off, 3);
	/* only the file looked into was read */
	ck_assert_int_eq(u.nr_files, 1);
	files = u.nr_files;
	/* the same file for the second look, read once */
	name = usym_cache__name(&u, getpid(), (uintptr_t)usym_test_target, &off);
	ck_assert_str_eq(name, "usym_test_target");
	ck_assert_uint_eq(off, 0);
	ck_assert_int_eq(u.nr_files, files);
	/* an address no executable mapping holds */
	ck_assert_ptr_null(usym_cache__name(&u, getpid(), 8, &off));
	/* pid 0 and a pid past pid_max: nothing */
	ck_assert_ptr_null(usym_cache__name(&u, 0, (uintptr_t)usym_test_target, &off));
	ck_assert_ptr_null(usym_cache__name(&u, 1 << 30, (uintptr_t)usym_test_target, &off));
	usym_cache__free(&u);
}
END_TEST

Suite *usym_suite(void)
{
	Suite *s = suite_create("usym");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_own_function);
	suite_add_tcase(s, tc);
	return s;
}
