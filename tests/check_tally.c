// SPDX-License-Identifier: GPL-2.0
/*
 * Running totals and what grew between prints: growth only, the order
 * of a top list, retired keys kept until printed, a reused key afresh.
 */
#include <string.h>
#include <check.h>

#include "tools/lib/tally.h"

/* The deltas, asserted to be n; out has room for 16. */
static size_t deltas(const struct tally *t, bool by_time, struct tally_delta *out)
{
	ck_assert_uint_le(t->n, 16);
	return tally__deltas(t, by_time, out);
}

START_TEST(test_growth_since_print)
{
	struct tally t = { 0 };
	struct tally_delta d[16];

	ck_assert_int_eq(tally__set(&t, 5, 10, 0, NULL), 0);
	ck_assert_int_eq(tally__set(&t, 3, 20, 0, NULL), 0);
	ck_assert_uint_eq(deltas(&t, false, d), 2);
	ck_assert_uint_eq(d[0].key, 3);
	ck_assert_uint_eq(d[0].count, 20);
	ck_assert_uint_eq(d[1].key, 5);
	ck_assert_uint_eq(d[1].count, 10);
	tally__rebase(&t);

	/* 3 grows by 5, 5 not at all: only 3 shows. */
	ck_assert_int_eq(tally__set(&t, 3, 25, 0, NULL), 0);
	ck_assert_int_eq(tally__set(&t, 5, 10, 0, NULL), 0);
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].key, 3);
	ck_assert_uint_eq(d[0].count, 5);
	tally__rebase(&t);
	ck_assert_uint_eq(deltas(&t, false, d), 0);
	ck_assert_uint_eq(t.n, 2);
	tally__free(&t);
}
END_TEST

/* By count, then time, then key; with by_time, time first. */
START_TEST(test_order)
{
	struct tally t = { 0 };
	struct tally_delta d[16];

	tally__set(&t, 9, 10, 100, NULL);
	tally__set(&t, 2, 10, 100, NULL);
	tally__set(&t, 7, 10, 500, NULL);
	tally__set(&t, 4, 30, 50, NULL);
	ck_assert_uint_eq(deltas(&t, false, d), 4);
	ck_assert_uint_eq(d[0].key, 4);
	ck_assert_uint_eq(d[1].key, 7);
	ck_assert_uint_eq(d[2].key, 2);
	ck_assert_uint_eq(d[3].key, 9);
	ck_assert_uint_eq(deltas(&t, true, d), 4);
	ck_assert_uint_eq(d[0].key, 7);
	ck_assert_uint_eq(d[0].ns, 500);
	ck_assert_uint_eq(d[1].key, 2);
	ck_assert_uint_eq(d[2].key, 9);
	ck_assert_uint_eq(d[3].key, 4);
	tally__free(&t);
}
END_TEST

/* A process gone: its last counts print once, then the row goes. */
START_TEST(test_retired)
{
	struct tally t = { 0 };
	struct tally_delta d[16];

	tally__set(&t, 100, 4, 40, "first");
	tally__rebase(&t);
	tally__set(&t, 100, 9, 90, NULL);
	tally__retire(&t, 100);
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].count, 5);
	ck_assert_uint_eq(d[0].ns, 50);
	ck_assert_str_eq(d[0].comm, "first");
	tally__rebase(&t);
	ck_assert_uint_eq(t.n, 0);

	/* The pid again, a new process: counted from zero. */
	tally__set(&t, 100, 2, 0, "second");
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].count, 2);
	ck_assert_str_eq(d[0].comm, "second");
	tally__free(&t);
}
END_TEST

/* Retired and reused before a print: both processes' counts add up. */
START_TEST(test_reused_before_print)
{
	struct tally t = { 0 };
	struct tally_delta d[16];

	tally__set(&t, 7, 4, 0, "old");
	tally__retire(&t, 7);
	tally__set(&t, 7, 3, 0, "new");
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].count, 7);
	ck_assert_str_eq(d[0].comm, "new");
	tally__rebase(&t);
	/* Still live: the row stays, its totals the new base. */
	ck_assert_uint_eq(t.n, 1);
	tally__set(&t, 7, 5, 0, NULL);
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].count, 2);
	ck_assert_str_eq(d[0].comm, "new");
	tally__free(&t);
}
END_TEST

/* Totals that shrink are a new kernel entry, not a negative delta. */
START_TEST(test_shrinking_totals)
{
	struct tally t = { 0 };
	struct tally_delta d[16];

	tally__set(&t, 1, 10, 0, NULL);
	tally__rebase(&t);
	tally__set(&t, 1, 4, 0, NULL);
	ck_assert_uint_eq(deltas(&t, false, d), 1);
	ck_assert_uint_eq(d[0].count, 4);
	tally__free(&t);
}
END_TEST

/* Keys arrive in any order; each is found again, none doubled. */
START_TEST(test_many_keys)
{
	struct tally t = { 0 };
	__u32 k;
	size_t i;

	for (k = 1000; k > 0; k--)
		ck_assert_int_eq(tally__set(&t, (k * 7919) % 1000, k, 0, NULL), 0);
	ck_assert_uint_eq(t.n, 1000);
	for (i = 1; i < t.n; i++)
		ck_assert_uint_lt(t.rows[i - 1].key, t.rows[i].key);
	for (k = 0; k < 1000; k++)
		tally__set(&t, k, 5000, 0, NULL);
	ck_assert_uint_eq(t.n, 1000);
	tally__free(&t);
	ck_assert_ptr_null(t.rows);
}
END_TEST

Suite *tally_suite(void)
{
	Suite *s = suite_create("tally");
	TCase *tc = tcase_create("totals");

	tcase_add_test(tc, test_growth_since_print);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_retired);
	tcase_add_test(tc, test_reused_before_print);
	tcase_add_test(tc, test_shrinking_totals);
	tcase_add_test(tc, test_many_keys);
	suite_add_tcase(s, tc);
	return s;
}
