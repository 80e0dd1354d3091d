// SPDX-License-Identifier: GPL-2.0
/* Flags as names: bits, fields of bits, what is left in hex or octal. */
#include <string.h>
#include <check.h>
#include "tools/lib/flagnames.h"

static const struct flag_name table[] = {
	{ 0x1, 0x1, "A" }, { 0x4, 0x4, "C" },
	/* a field in bits 8..11: 0 is a name too, and matched once */
	FLAG_VALUE(0x000, 0xf00, "ZERO"), FLAG_VALUE(0x300, 0xf00, "THREE"),
	FLAG_VALUE(0x000, 0xf00, "ZERO_AGAIN"),
	{ 0, 0, NULL },
};

static const struct {
	unsigned long long v;
	enum flags_rest rest;
	const char *text;
	int names;
} cases[] = {
	{ 0x1, FLAGS_REST_HEX, "A|ZERO", 2 },
	{ 0x305, FLAGS_REST_HEX, "A|C|THREE", 3 },
	{ 0x700, FLAGS_REST_HEX, "0x700", 0 },
	{ 0x712, FLAGS_REST_HEX, "0x712", 0 },
	{ 0x1f1, FLAGS_REST_OCTAL, "A|0760", 1 },
	{ 0x500, FLAGS_REST_OCTAL, "02400", 0 },
	{ 0x100000001ull, FLAGS_REST_HEX, "A|ZERO|0x100000000", 2 },
};

START_TEST(test_cases)
{
	char buf[64];

	ck_assert_int_eq(flags_text(buf, sizeof(buf), table, cases[_i].v, cases[_i].rest),
			 cases[_i].names);
	ck_assert_str_eq(buf, cases[_i].text);
}
END_TEST

/* No entry matches 0 here, so 0 is written as a number. */
START_TEST(test_zero)
{
	static const struct flag_name bits[] = { FLAG(0x2), { 0, 0, NULL } };
	char buf[16];

	ck_assert_int_eq(flags_text(buf, sizeof(buf), bits, 0, FLAGS_REST_HEX), 0);
	ck_assert_str_eq(buf, "0");
	ck_assert_int_eq(flags_text(buf, sizeof(buf), bits, 0, FLAGS_REST_OCTAL), 0);
	ck_assert_str_eq(buf, "00");
}
END_TEST

/* A small buffer cuts, NUL-terminated; none at all is left alone. */
START_TEST(test_cut)
{
	char buf[4] = "xyz";

	flags_text(buf, sizeof(buf), table, 0x305, FLAGS_REST_HEX);
	ck_assert_str_eq(buf, "A|C");
	ck_assert_int_eq(flags_text(buf, 0, table, 1, FLAGS_REST_HEX), 0);
	ck_assert_str_eq(buf, "A|C");
}
END_TEST

Suite *flagnames_suite(void)
{
	Suite *s = suite_create("flagnames");
	TCase *tc = tcase_create("flagnames");

	tcase_add_loop_test(tc, test_cases, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_zero);
	tcase_add_test(tc, test_cut);
	suite_add_tcase(s, tc);
	return s;
}
