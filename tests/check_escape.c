// SPDX-License-Identifier: GPL-2.0
/*
 * Escaping of traced bytes for text columns: each case gives the bytes
 * in and the exact text out. The names come from what a hostile process
 * can choose: an ESC sequence that retitles or clears the terminal, a
 * newline that forges a line, a C1 CSI, bytes that are not UTF-8. Every
 * case is also read back, to show the form is reversible.
 *
 * Byte strings are split where a hex escape meets a hex digit: "\x82" "a"
 * is two bytes, "\x82a" would be one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <check.h>

#include "tools/lib/escape.h"
#include "tools/lib/output.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct esc_case {
	const char *in;
	size_t len;
	const char *want;
};

#define CASE(IN, WANT) { IN, sizeof(IN) - 1, WANT }

/*
 * Escape into a heap buffer of exactly ESCAPED_MAX(len) bytes (so ASan
 * sees a write past the documented worst case), compare, check that
 * escape_len() agrees, and read it back.
 */
static void check_one(const char *in, size_t len, const char *want,
		      unsigned int flags)
{
	char *dst = malloc(ESCAPED_MAX(len)), *back;
	size_t n, cols;
	long m;

	ck_assert_ptr_nonnull(dst);
	n = escape_bytes(dst, in, len, flags);
	ck_assert_str_eq(dst, want);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_uint_eq(escape_len(in, len, flags, &cols), n);
	ck_assert_uint_le(cols, n);
	back = malloc(n + 1);
	ck_assert_ptr_nonnull(back);
	m = unescape_bytes(back, dst, n);
	ck_assert_int_eq(m, (long)strnlen(in, len));
	ck_assert_mem_eq(back, in, (size_t)m);
	free(back);
	free(dst);
}

static void check_cases(const struct esc_case *c, size_t n, unsigned int flags)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_one(c[i].in, c[i].len, c[i].want, flags);
}

#define CHECK_CASES(c) check_cases(c, ARRAY_SIZE(c), 0)

START_TEST(test_plain)
{
	static const struct esc_case c[] = {
		CASE("", ""),
		CASE("/usr/bin/ls", "/usr/bin/ls"),
		CASE("a b", "a b"),
		/* Every printable ASCII byte but \ passes unchanged, " too. */
		CASE(" !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~",
		     " !\"#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_backslash)
{
	static const struct esc_case c[] = {
		CASE("\\", "\\\\"),
		CASE("C:\\dir\\", "C:\\\\dir\\\\"),
		/* A name that looks like an escape stays distinct from one. */
		CASE("\\x1b", "\\\\x1b"),
		CASE("\\n", "\\\\n"),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_controls)
{
	static const struct esc_case c[] = {
		CASE("\n", "\\n"),
		CASE("\t", "\\t"),
		CASE("\r", "\\r"),
		CASE("\x1b", "\\x1b"),
		CASE("\x01", "\\x01"),
		CASE("\x07", "\\x07"),
		CASE("\x08", "\\x08"),
		CASE("\x0b\x0c", "\\x0b\\x0c"),
		CASE("\x1f", "\\x1f"),
		CASE("\x7f", "\\x7f"),
		/* The path: retitle the terminal, then forge a line. */
		CASE("/tmp/x/\033]0;pwned\007x\nfake line\t\xff",
		     "/tmp/x/\\x1b]0;pwned\\x07x\\nfake line\\t\\xff"),
		/* The executable: clear the screen, then "root". */
		CASE("\033[2J\033[Hx\nroot", "\\x1b[2J\\x1b[Hx\\nroot"),
		/* comm set with PR_SET_NAME to ESC, CR and 0xff. */
		CASE("\x1b\r\xff", "\\x1b\\r\\xff"),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_c1)
{
	static const struct esc_case c[] = {
		/* U+009B CSI as UTF-8: a terminal reads it as ESC [. */
		CASE("\xc2\x9b" "2J", "\\xc2\\x9b2J"),
		CASE("\xc2\x80", "\\xc2\\x80"),
		CASE("\xc2\x9f", "\\xc2\\x9f"),
		/* U+00A0 and U+00A9 are past C1: kept. */
		CASE("\xc2\xa0", "\xc2\xa0"),
		CASE("\xc2\xa9", "\xc2\xa9"),
		/* A raw C1 byte on its own is not UTF-8. */
		CASE("\x9b", "\\x9b"),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_utf8)
{
	static const struct esc_case c[] = {
		CASE("caf\xc3\xa9", "caf\xc3\xa9"),
		CASE("\xe2\x82\xac", "\xe2\x82\xac"),
		CASE("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"),
		CASE("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"),
		/* Invalid: lone continuation, truncated, overlong, surrogate,
		 * past U+10FFFF, a lead byte that never starts UTF-8. */
		CASE("\x80", "\\x80"),
		CASE("\xc3", "\\xc3"),
		CASE("\xe2\x82", "\\xe2\\x82"),
		CASE("\xc0\xaf", "\\xc0\\xaf"),
		CASE("\xe0\x80\xaf", "\\xe0\\x80\\xaf"),
		CASE("\xed\xa0\x80", "\\xed\\xa0\\x80"),
		CASE("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"),
		CASE("\xff\xfe", "\\xff\\xfe"),
		/* A bad byte between good characters escapes alone. */
		CASE("\xc3\xa9\xff\xc3\xa9", "\xc3\xa9\\xff\xc3\xa9"),
		/* A lead byte followed by a byte that is not a continuation. */
		CASE("\xc3" "a", "\\xc3a"),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_quote_flag)
{
	static const struct esc_case c[] = {
		CASE("say \"hi\"", "say \\\"hi\\\""),
		CASE("\"\\\n", "\\\"\\\\\\n"),
	};

	check_cases(c, ARRAY_SIZE(c), ESCAPE_QUOTE);
}
END_TEST

START_TEST(test_len_and_nul)
{
	char dst[ESCAPED_MAX(8)];

	/* len cuts, a NUL ends. */
	ck_assert_uint_eq(escape_bytes(dst, "ab\ncd", 3, 0), 4);
	ck_assert_str_eq(dst, "ab\\n");
	ck_assert_uint_eq(escape_bytes(dst, "a\0\x1b", 3, 0), 1);
	ck_assert_str_eq(dst, "a");
	/* A multibyte character cut by len is not valid: escaped. */
	ck_assert_uint_eq(escape_bytes(dst, "\xc3\xa9", 1, 0), 4);
	ck_assert_str_eq(dst, "\\xc3");
	ck_assert_uint_eq(escape_bytes(dst, "\xc2\x9b", 1, 0), 4);
	ck_assert_str_eq(dst, "\\xc2");
}
END_TEST

START_TEST(test_worst_case)
{
	char in[256], *dst = malloc(ESCAPED_MAX(255));
	size_t i;

	ck_assert_ptr_nonnull(dst);
	for (i = 0; i < 255; i++)
		in[i] = (char)(0xff - i);	/* no NUL before the end */
	in[255] = '\0';
	ck_assert_uint_le(escape_bytes(dst, in, 255, ESCAPE_QUOTE), 255 * 4);
	memset(in, 0xff, 255);
	ck_assert_uint_eq(escape_bytes(dst, in, 255, 0), 255 * 4);
	free(dst);
}
END_TEST

START_TEST(test_columns)
{
	size_t cols;

	ck_assert_uint_eq(escape_len("caf\xc3\xa9", 5, 0, &cols), 5);
	ck_assert_uint_eq(cols, 4);
	ck_assert_uint_eq(escape_len("a\x1b", 2, 0, &cols), 5);
	ck_assert_uint_eq(cols, 5);
}
END_TEST

START_TEST(test_unescape_rejects)
{
	char dst[16];

	ck_assert_int_eq(unescape_bytes(dst, "a\\", 2), -EINVAL);
	ck_assert_int_eq(unescape_bytes(dst, "\\q", 2), -EINVAL);
	ck_assert_int_eq(unescape_bytes(dst, "\\x1", 3), -EINVAL);
	ck_assert_int_eq(unescape_bytes(dst, "\\xg0", 4), -EINVAL);
	ck_assert_int_eq(unescape_bytes(dst, "\\x00a", 5), 2);
	ck_assert_mem_eq(dst, "\0a", 2);
}
END_TEST

/* What the output helpers write, read back from a memfd. */
static const char *captured(void)
{
	static char text[512];
	int fd = memfd_create("out", 0);
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	output_set_fd(fd);
	ck_assert_int_eq(out_flush(), 0);
	output_set_fd(1);
	n = pread(fd, text, sizeof(text) - 1, 0);
	ck_assert_int_ge(n, 0);
	text[n] = '\0';
	close(fd);
	return text;
}

START_TEST(test_out_helpers)
{
	out_flush();
	out_esc("a\x1b[2J\nb", 64);
	out_char('|');
	out_esc_col("\xff", 16, 6);
	out_char('|');
	out_esc_col("caf\xc3\xa9", 16, 6);
	out_char('|');
	out_esc_col("0123456789", 16, 4);
	out_char('|');
	out_esc_quoted("x \"y\"\t\\", 64);
	out_char('|');
	out_esc("abcdef", 3);
	ck_assert_str_eq(captured(),
			 "a\\x1b[2J\\nb|\\xff  |caf\xc3\xa9  |0123456789|"
			 "\"x \\\"y\\\"\\t\\\\\"|abc");
}
END_TEST

START_TEST(test_out_raw)
{
	out_flush();
	output_set_raw(true);
	out_esc("a\x1b\n", 64);
	out_esc_col("\xff", 16, 3);
	out_char('|');
	out_esc_quoted("\"\x1b\\", 64);
	output_set_raw(false);
	ck_assert_str_eq(captured(), "a\x1b\n\xff  |\"\\\"\x1b\\\\\"");
}
END_TEST

Suite *escape_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_backslash);
	tcase_add_test(tc, test_controls);
	tcase_add_test(tc, test_c1);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_quote_flag);
	tcase_add_test(tc, test_len_and_nul);
	tcase_add_test(tc, test_worst_case);
	tcase_add_test(tc, test_columns);
	tcase_add_test(tc, test_unescape_rejects);
	tcase_add_test(tc, test_out_helpers);
	tcase_add_test(tc, test_out_raw);
	suite_add_tcase(s, tc);
	return s;
}
