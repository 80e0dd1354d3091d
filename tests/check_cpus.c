// SPDX-License-Identifier: GPL-2.0
/*
 * CPU list parser tests, on lists as sysfs prints them
 * (/sys/devices/system/cpu/online: "0-3,5\n"). The mask is a heap array
 * of exactly nr entries, so under ASan a CPU past nr written anyway is
 * caught rather than landing in a neighbour.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "loader/cpus.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NR_MAX 16

/* Parse list into a mask of nr CPUs; the mask starts all set. */
static int parse(const char *list, int nr, bool *out)
{
	bool *mask = malloc((size_t)nr * sizeof(*mask));
	int err;

	ck_assert_ptr_nonnull(mask);
	memset(mask, true, (size_t)nr * sizeof(*mask));
	err = cpus_parse_list(list, mask, nr);
	memcpy(out, mask, (size_t)nr * sizeof(*mask));
	free(mask);
	return err;
}

static void check_list(const char *list, int nr, const bool *want)
{
	bool got[NR_MAX];
	int i;

	ck_assert_int_le(nr, NR_MAX);
	ck_assert_msg(parse(list, nr, got) == 0, "'%s' refused", list);
	for (i = 0; i < nr; i++)
		ck_assert_msg(got[i] == want[i], "'%s': cpu %d is %d", list, i,
			      got[i]);
}

START_TEST(test_single)
{
	/* Set entries that the list does not name are cleared. */
	static const bool want[4] = { true, false, false, false };

	check_list("0", 4, want);
}
END_TEST

START_TEST(test_range)
{
	static const bool want[4] = { true, true, true, true };

	check_list("0-3", 4, want);
}
END_TEST

START_TEST(test_mixed_with_newline)
{
	/* As read from sysfs, newline included. */
	static const bool want[8] = {
		true, false, true, true, false, true, false, false,
	};

	check_list("0,2-3,5\n", 8, want);
}
END_TEST

START_TEST(test_single_cpu_range)
{
	static const bool want[4] = { false, false, true, false };

	check_list("2-2", 4, want);
}
END_TEST

START_TEST(test_past_nr_ignored)
{
	/*
	 * The list may name more CPUs than the caller sized for (a CPU
	 * brought online since): those beyond the mask are dropped, not
	 * an error.
	 */
	static const bool all4[4] = { true, true, true, true };
	static const bool two[4] = { false, false, true, false };
	static const bool none[4] = { false, false, false, false };

	check_list("0-15", 4, all4);
	check_list("2,6,9-12\n", 4, two);
	check_list("8", 4, none);
	check_list("3-1000000", 4, (const bool[4]){ false, false, false, true });
}
END_TEST

static const char *const bad_lists[] = {
	"a",
	"3-1",		/* a range must not run backwards */
	"1,,2",
	",1",
	"-1",
	"1-",
	"1-a",
	"0-3x",
	"1 2",
	"1;2",
	"0--3",
};

START_TEST(test_malformed)
{
	bool got[8];
	const char *list = bad_lists[_i];

	ck_assert_msg(parse(list, 8, got) == -EINVAL, "'%s' accepted", list);
}
END_TEST

Suite *cpus_suite(void)
{
	Suite *s = suite_create("cpus");
	TCase *tc = tcase_create("parse_list");

	tcase_add_test(tc, test_single);
	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_mixed_with_newline);
	tcase_add_test(tc, test_single_cpu_range);
	tcase_add_test(tc, test_past_nr_ignored);
	tcase_add_loop_test(tc, test_malformed, 0, ARRAY_SIZE(bad_lists));
	suite_add_tcase(s, tc);
	return s;
}
