// SPDX-License-Identifier: GPL-2.0
/* errno names both ways, aliases, the kernel's restart codes, -e parsing. */
#include <errno.h>
#include <check.h>

#include "tools/lib/errnos.h"

START_TEST(test_name_of_value)
{
	ck_assert_str_eq(errno_name(2), "ENOENT");
	ck_assert_str_eq(errno_name(EPERM), "EPERM");
	ck_assert_str_eq(errno_name(EBADF), "EBADF");
	ck_assert_str_eq(errno_name(ESRCH), "ESRCH");
	ck_assert_str_eq(errno_name(ECONNREFUSED), "ECONNREFUSED");
	ck_assert_str_eq(errno_name(EHWPOISON), "EHWPOISON");
	ck_assert_ptr_null(errno_name(0));
	ck_assert_ptr_null(errno_name(-2));
	ck_assert_ptr_null(errno_name(ERRNO_MAX));
}
END_TEST

START_TEST(test_value_of_name)
{
	ck_assert_int_eq(errno_value("ENOENT"), 2);
	ck_assert_int_eq(errno_value("EACCES"), EACCES);
	ck_assert_int_eq(errno_value("ENOSYS"), ENOSYS);
	ck_assert_int_eq(errno_value("EINPROGRESS"), EINPROGRESS);
	ck_assert_int_eq(errno_value("enoent"), -1);
	ck_assert_int_eq(errno_value("ENOENT "), -1);
	ck_assert_int_eq(errno_value("E"), -1);
	ck_assert_int_eq(errno_value(""), -1);
}
END_TEST

/* Second names give the value; the value gives its first name. */
START_TEST(test_aliases)
{
	ck_assert_int_eq(errno_value("EWOULDBLOCK"), EAGAIN);
	ck_assert_str_eq(errno_name(EWOULDBLOCK), "EAGAIN");
	ck_assert_int_eq(errno_value("EDEADLOCK"), EDEADLOCK);
	ck_assert_str_eq(errno_name(EDEADLK), "EDEADLK");
	ck_assert_int_eq(errno_value("ENOTSUP"), ENOTSUP);
	ck_assert_str_eq(errno_name(ENOTSUP), "EOPNOTSUPP");
}
END_TEST

/* What a syscall interrupted by a signal shows at its exit tracepoint. */
START_TEST(test_restart_codes)
{
	ck_assert_str_eq(errno_name(512), "ERESTARTSYS");
	ck_assert_str_eq(errno_name(513), "ERESTARTNOINTR");
	ck_assert_str_eq(errno_name(514), "ERESTARTNOHAND");
	ck_assert_int_eq(errno_value("ERESTART_RESTARTBLOCK"), 516);
}
END_TEST

/* Every name round-trips; on the common numbering, 1..133 has no gap but two. */
START_TEST(test_round_trip)
{
	const char *name;
	int v, named = 0;

	for (v = 1; v <= ERRNO_MAX; v++) {
		name = errno_name(v);
		if (!name)
			continue;
		named++;
		ck_assert_msg(errno_value(name) == v, "%s: %d, not %d", name,
			      errno_value(name), v);
	}
	ck_assert_int_ge(named, 130);
#if defined(__x86_64__) || defined(__aarch64__) || defined(__arm__) || defined(__i386__)
	for (v = 1; v <= 133; v++)
		ck_assert_msg((errno_name(v) != NULL) == (v != 41 && v != 58),
			      "%d: %s", v, errno_name(v) ? errno_name(v) : "no name");
#endif
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(errno_parse("ENOENT"), ENOENT);
	ck_assert_int_eq(errno_parse("EWOULDBLOCK"), EAGAIN);
	ck_assert_int_eq(errno_parse("2"), 2);
	ck_assert_int_eq(errno_parse("4095"), 4095);
	ck_assert_int_eq(errno_parse("4096"), -1);
	ck_assert_int_eq(errno_parse("0"), -1);
	ck_assert_int_eq(errno_parse("-2"), -1);
	ck_assert_int_eq(errno_parse("2x"), -1);
	ck_assert_int_eq(errno_parse("99999999999999999999"), -1);
	ck_assert_int_eq(errno_parse(""), -1);
	ck_assert_int_eq(errno_parse("ENOSUCH"), -1);
}
END_TEST

Suite *errnos_suite(void)
{
	Suite *s = suite_create("errnos");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, test_name_of_value);
	tcase_add_test(tc, test_value_of_name);
	tcase_add_test(tc, test_aliases);
	tcase_add_test(tc, test_restart_codes);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_parse);
	suite_add_tcase(s, tc);
	return s;
}
