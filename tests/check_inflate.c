// SPDX-License-Identifier: GPL-2.0
/*
 * Raw DEFLATE: each kind of block, as zlib writes it (raw, level 1 for a
 * fixed block, 9 for a dynamic one), gives back exactly its bytes; a
 * stream cut short, a bad block type, a distance before the start and a
 * stored length whose complement is wrong are refused, and an output
 * that does not fit is said to be one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "tools/lib/inflate.h"

/* "barebpf barebpf barebpf!\n": one fixed block, copies at distance 8. */
static const unsigned char fixed_block[] = {
	0x4b, 0x4a, 0x2c, 0x4a, 0x4d, 0x2a, 0x48, 0x53, 0x48, 0x42, 0xa5, 0x15,
	0xb9, 0x00,
};
#define FIXED_TEXT "barebpf barebpf barebpf!\n"

/* dynamic_text()'s 592 bytes: one block with its own codes. */
static const unsigned char dynamic_block[] = {
	0x6d, 0xd1, 0x3b, 0x0e, 0xc2, 0x30, 0x14, 0x44, 0xd1, 0x9e, 0x55, 0xcc,
	0x02, 0x62, 0x29, 0xce, 0x3f, 0xcb, 0x09, 0x89, 0xc1, 0x06, 0x14, 0x23,
	0x61, 0x09, 0x96, 0x4f, 0x91, 0x66, 0xf4, 0x32, 0xe5, 0x2d, 0x4e, 0x75,
	0x01, 0xb7, 0x54, 0x70, 0x2e, 0xbf, 0x4b, 0xca, 0xbb, 0xab, 0x01, 0x7c,
	0xe3, 0x52, 0x70, 0x34, 0x6a, 0x6c, 0x39, 0x7c, 0x2a, 0x94, 0x18, 0x76,
	0x84, 0x5f, 0x2a, 0x17, 0xc0, 0x5d, 0x09, 0x78, 0x03, 0xbc, 0x02, 0x2b,
	0x81, 0xc6, 0x80, 0x46, 0x81, 0x8d, 0x40, 0x6b, 0x40, 0xab, 0x40, 0x20,
	0xd0, 0x19, 0xd0, 0x29, 0x70, 0x23, 0xd0, 0x1b, 0xd0, 0x2b, 0x70, 0x27,
	0x30, 0x18, 0x30, 0x28, 0x10, 0x09, 0x8c, 0x06, 0x8c, 0x0a, 0x24, 0x02,
	0x93, 0x01, 0x93, 0x02, 0x0f, 0x02, 0xb3, 0x01, 0xb3, 0x02, 0x4f, 0x1e,
	0x67, 0x57, 0x7b, 0xf9, 0xfa, 0xc5, 0xe4, 0x34, 0xfb, 0x7c, 0xfb, 0x0f,
};

static size_t dynamic_text(char *buf, size_t size)
{
	size_t n = 0;
	int i;

	for (i = 0; i < 12; i++)
		n += snprintf(buf + n, size - n,
			      "  -%c, --option-%d   what option %d does, then exit\n",
			      'a' + i, i, i);
	return n;
}

START_TEST(test_stored)
{
	/* BFINAL 1, BTYPE 0; LEN 5, NLEN ~5; the bytes */
	static const unsigned char in[] = {
		0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o' };
	char out[8];

	ck_assert_int_eq(inflate_raw(out, sizeof(out), in, sizeof(in)), 5);
	ck_assert_mem_eq(out, "hello", 5);
}
END_TEST

START_TEST(test_fixed)
{
	char out[64];

	ck_assert_int_eq(inflate_raw(out, sizeof(out), fixed_block,
				     sizeof(fixed_block)), strlen(FIXED_TEXT));
	ck_assert_mem_eq(out, FIXED_TEXT, strlen(FIXED_TEXT));
}
END_TEST

START_TEST(test_dynamic)
{
	char want[1024], out[1024];
	size_t n = dynamic_text(want, sizeof(want));

	ck_assert_uint_eq(n, 592);
	ck_assert_int_eq(inflate_raw(out, sizeof(out), dynamic_block,
				     sizeof(dynamic_block)), 592);
	ck_assert_mem_eq(out, want, 592);
}
END_TEST

/* A stored block that is not the last, then a fixed one that is. */
START_TEST(test_two_blocks)
{
	unsigned char in[5 + 3 + sizeof(fixed_block)] = {
		0x00, 0x03, 0x00, 0xfc, 0xff, 'a', 'b', 'c' };
	char out[64];

	memcpy(in + 8, fixed_block, sizeof(fixed_block));
	ck_assert_int_eq(inflate_raw(out, sizeof(out), in, sizeof(in)),
			 3 + strlen(FIXED_TEXT));
	ck_assert_mem_eq(out, "abc" FIXED_TEXT, 3 + strlen(FIXED_TEXT));
}
END_TEST

START_TEST(test_refused)
{
	static const unsigned char bad_type[] = { 0x07 };	/* BTYPE 3 */
	static const unsigned char bad_nlen[] = {
		0x01, 0x05, 0x00, 0xfa, 0xfe, 'h', 'e', 'l', 'l', 'o' };
	/* fixed: the length code 257 (3 bytes) at distance 1, before any byte */
	static const unsigned char too_far[] = { 0x03, 0x02, 0x00 };
	char out[1024];
	size_t i;

	ck_assert_int_eq(inflate_raw(out, sizeof(out), bad_type, 1), -EINVAL);
	ck_assert_int_eq(inflate_raw(out, sizeof(out), bad_nlen,
				     sizeof(bad_nlen)), -EINVAL);
	ck_assert_int_eq(inflate_raw(out, sizeof(out), too_far,
				     sizeof(too_far)), -EINVAL);
	ck_assert_int_eq(inflate_raw(out, sizeof(out), NULL, 0), -EINVAL);
	/* every cut of a good stream is refused, never read past */
	for (i = 0; i < sizeof(dynamic_block); i++)
		ck_assert_int_eq(inflate_raw(out, sizeof(out), dynamic_block, i),
				 -EINVAL);
	for (i = 0; i < sizeof(fixed_block); i++)
		ck_assert_int_eq(inflate_raw(out, sizeof(out), fixed_block, i),
				 -EINVAL);
}
END_TEST

START_TEST(test_no_room)
{
	char out[592];

	ck_assert_int_eq(inflate_raw(out, 591, dynamic_block,
				     sizeof(dynamic_block)), -ENOBUFS);
	ck_assert_int_eq(inflate_raw(out, 4, fixed_block, sizeof(fixed_block)),
			 -ENOBUFS);
	ck_assert_int_eq(inflate_raw(out, 592, dynamic_block,
				     sizeof(dynamic_block)), 592);
}
END_TEST

Suite *inflate_suite(void)
{
	Suite *s = suite_create("inflate");
	TCase *tc = tcase_create("inflate");

	tcase_add_test(tc, test_stored);
	tcase_add_test(tc, test_fixed);
	tcase_add_test(tc, test_dynamic);
	tcase_add_test(tc, test_two_blocks);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_no_room);
	suite_add_tcase(s, tc);
	return s;
}
