// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall table generated from <asm/unistd.h>: names and numbers
 * agree with the __NR_ constants both ways, the table is whole, and
 * what is not a syscall is not in it. The numbers asserted
 * are the __NR_ macros themselves, so the tests hold for any target.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <asm/unistd.h>
#include <check.h>

#include "loader/syscalls.h"

START_TEST(test_names_to_numbers)
{
	ck_assert_int_eq(syscall_nr("getppid"), __NR_getppid);
	ck_assert_int_eq(syscall_nr("openat"), __NR_openat);
	ck_assert_int_eq(syscall_nr("read"), __NR_read);
	ck_assert_int_eq(syscall_nr("exit_group"), __NR_exit_group);
	ck_assert_int_eq(syscall_nr("execve"), __NR_execve);
#ifdef __NR_newfstatat
	ck_assert_int_eq(syscall_nr("newfstatat"), __NR_newfstatat);
#endif
	ck_assert_int_eq(syscall_nr("statx"), __NR_statx);
#ifdef __NR_open
	ck_assert_int_eq(syscall_nr("open"), __NR_open);
	ck_assert_int_eq(syscall_nr("stat"), __NR_stat);
#else
	/* arm64, riscv: the generic table has openat and fstatat only. */
	ck_assert_int_eq(syscall_nr("open"), -ENOENT);
	ck_assert_int_eq(syscall_nr("stat"), -ENOENT);
#endif
}
END_TEST

START_TEST(test_numbers_to_names)
{
	ck_assert_str_eq(syscall_name(__NR_getppid), "getppid");
	ck_assert_str_eq(syscall_name(__NR_openat), "openat");
	ck_assert_str_eq(syscall_name(__NR_write), "write");
	ck_assert_str_eq(syscall_name(__NR_bpf), "bpf");
#ifdef __NR_newfstatat
	/* On arm64 its value is another macro, __NR3264_fstatat. */
	ck_assert_str_eq(syscall_name(__NR_newfstatat), "newfstatat");
#endif
	ck_assert_str_eq(syscall_name(__NR_fcntl), "fcntl");
}
END_TEST

START_TEST(test_not_syscalls)
{
	ck_assert_int_eq(syscall_nr(""), -ENOENT);
	ck_assert_int_eq(syscall_nr("nosuchcall"), -ENOENT);
	ck_assert_int_eq(syscall_nr("GETPPID"), -ENOENT);
	/* __NR_syscalls is a count, __NR_arch_specific_syscall a base. */
	ck_assert_int_eq(syscall_nr("syscalls"), -ENOENT);
	ck_assert_int_eq(syscall_nr("arch_specific_syscall"), -ENOENT);
	ck_assert_ptr_null(syscall_name(-1));
	ck_assert_ptr_null(syscall_name(syscall_nr_max() + 1));
	ck_assert_ptr_null(syscall_name(syscall_nr_min() - 1));
}
END_TEST

/* Every number from the lowest to the highest: a name that maps back. */
START_TEST(test_table_whole)
{
	long nr, min = syscall_nr_min(), max = syscall_nr_max();
	size_t named = 0;
	const char *name, *c;

	ck_assert_int_ge(min, 0);
	ck_assert_int_ge(max, __NR_statx);
	ck_assert_ptr_nonnull(syscall_name(min));
	ck_assert_ptr_nonnull(syscall_name(max));
	for (nr = min; nr <= max; nr++) {
		name = syscall_name(nr);
		if (!name)
			continue;
		named++;
		ck_assert_msg(name[0] != '\0', "%ld has an empty name", nr);
		for (c = name; *c; c++)
			ck_assert_msg(islower((unsigned char)*c) || isdigit((unsigned char)*c) ||
				      *c == '_', "bad name %s", name);
		ck_assert_int_eq(syscall_nr(name), nr);
	}
	/* Every Linux architecture has well over 250; aliases share a number. */
	ck_assert_uint_gt(named, 250);
	ck_assert_uint_le(named, syscall_count());
}
END_TEST

Suite *syscalls_suite(void)
{
	Suite *s = suite_create("syscalls");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_names_to_numbers);
	tcase_add_test(tc, test_numbers_to_names);
	tcase_add_test(tc, test_not_syscalls);
	tcase_add_test(tc, test_table_whole);
	suite_add_tcase(s, tc);
	return s;
}
