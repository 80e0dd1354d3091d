// SPDX-License-Identifier: GPL-2.0
/*
 * JSON string escaping tests. Paths and argv are bytes: each case gives
 * the bytes in and the exact JSON out, quotes included. Invalid UTF-8
 * must come out as one \udcXX per byte (surrogateescape), so that
 * Python's json.loads(...).encode('utf-8', 'surrogateescape') gives the
 * original bytes back; a case here that changes breaks that round trip.
 *
 * Byte strings are split where a hex escape meets a hex digit: "\x82" "a"
 * is two bytes, "\x82a" would be one.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <check.h>

#include "tools/lib/json.h"
#include "tools/lib/output.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct json_case {
	const char *in;
	size_t len;
	const char *want;
};

/* Input is the whole literal, without its terminating NUL. */
#define CASE(IN, WANT) { IN, sizeof(IN) - 1, WANT }

/*
 * Escape into a buffer of exactly JSON_ESCAPED_MAX(len) bytes on the
 * heap, so ASan sees a write past the documented worst case.
 */
static void check_escape(const char *in, size_t len, const char *want)
{
	char *dst = malloc(JSON_ESCAPED_MAX(len));
	size_t n;

	ck_assert_ptr_nonnull(dst);
	n = json_escape(dst, in, len);
	ck_assert_str_eq(dst, want);
	ck_assert_uint_eq(n, strlen(want));
	free(dst);
}

static void check_cases(const struct json_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_escape(c[i].in, c[i].len, c[i].want);
}

#define CHECK_CASES(c) check_cases(c, ARRAY_SIZE(c))

START_TEST(test_plain_ascii)
{
	static const struct json_case c[] = {
		CASE("", "\"\""),
		CASE("a", "\"a\""),
		CASE("/usr/bin/ls", "\"/usr/bin/ls\""),
		/* Every printable byte but " and \ passes unchanged. */
		CASE(" !#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~",
		     "\" !#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_quote_backslash)
{
	static const struct json_case c[] = {
		CASE("\"", "\"\\\"\""),
		CASE("\\", "\"\\\\\""),
		CASE("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\""),
		CASE("C:\\dir\\", "\"C:\\\\dir\\\\\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_newline_tab)
{
	static const struct json_case c[] = {
		CASE("\n", "\"\\n\""),
		CASE("\t", "\"\\t\""),
		CASE("a\nb\tc\n", "\"a\\nb\\tc\\n\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_control_chars)
{
	/*
	 * The other C0 controls take the long form, \r and \b included: one
	 * rule is easier to read back than JSON's five short forms.
	 */
	static const struct json_case c[] = {
		CASE("\x01", "\"\\u0001\""),
		CASE("\b", "\"\\u0008\""),
		CASE("\v", "\"\\u000b\""),
		CASE("\f", "\"\\u000c\""),
		CASE("\r", "\"\\u000d\""),
		CASE("\x1b[0m", "\"\\u001b[0m\""),
		CASE("\x1f", "\"\\u001f\""),
		/* DEL is no control to JSON, but it is to a terminal. */
		CASE("\x7f", "\"\\u007f\""),
		CASE("a\x7f" "b", "\"a\\u007fb\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_valid_utf8)
{
	static const struct json_case c[] = {
		/* 2 bytes: é, and U+0080 and U+07FF at the ends of the range */
		CASE("caf\xc3\xa9", "\"caf\xc3\xa9\""),
		CASE("\xc2\x80", "\"\xc2\x80\""),
		CASE("\xdf\xbf", "\"\xdf\xbf\""),
		/* 3 bytes: €, U+0800, U+D7FF and U+E000 around the surrogates, U+FFFF */
		CASE("\xe2\x82\xac" "5", "\"\xe2\x82\xac" "5\""),
		CASE("\xe0\xa0\x80", "\"\xe0\xa0\x80\""),
		CASE("\xed\x9f\xbf", "\"\xed\x9f\xbf\""),
		CASE("\xee\x80\x80", "\"\xee\x80\x80\""),
		CASE("\xef\xbf\xbf", "\"\xef\xbf\xbf\""),
		/* 4 bytes: U+1F600, U+10000, U+10FFFF */
		CASE("\xf0\x9f\x98\x80!", "\"\xf0\x9f\x98\x80!\""),
		CASE("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\""),
		CASE("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""),
		/* A valid sequence between escapes keeps them apart. */
		CASE("\"\xc3\xa9\n", "\"\\\"\xc3\xa9\\n\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	static const struct json_case c[] = {
		/* Continuation bytes with no lead */
		CASE("\x80", "\"\\udc80\""),
		CASE("a\xbf" "b", "\"a\\udcbfb\""),
		/* Overlong "/" in two bytes, and C1 which can only be overlong */
		CASE("\xc0\xaf", "\"\\udcc0\\udcaf\""),
		CASE("\xc1\xbf", "\"\\udcc1\\udcbf\""),
		/* Overlong in three and four bytes */
		CASE("\xe0\x80\xaf", "\"\\udce0\\udc80\\udcaf\""),
		CASE("\xf0\x80\x80\xaf", "\"\\udcf0\\udc80\\udc80\\udcaf\""),
		/* UTF-16 surrogates U+D800 and U+DFFF, encoded as if chars */
		CASE("\xed\xa0\x80", "\"\\udced\\udca0\\udc80\""),
		CASE("\xed\xbf\xbf", "\"\\udced\\udcbf\\udcbf\""),
		/* Past U+10FFFF, and lead bytes that never occur */
		CASE("\xf4\x90\x80\x80", "\"\\udcf4\\udc90\\udc80\\udc80\""),
		CASE("\xf5\x80", "\"\\udcf5\\udc80\""),
		CASE("\xfe\xff", "\"\\udcfe\\udcff\""),
		/* Lead followed by a non-continuation: only the lead escapes. */
		CASE("\xc3" "A", "\"\\udcc3A\""),
		CASE("\xe2\x82" "a", "\"\\udce2\\udc82a\""),
		/* A sequence cut short by the end of the input */
		CASE("ok\xe2\x82", "\"ok\\udce2\\udc82\""),
		CASE("\xf0\x9f\x98", "\"\\udcf0\\udc9f\\udc98\""),
		CASE("\xc3", "\"\\udcc3\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_len_limits)
{
	/* Stops at len, even inside a sequence that would be valid. */
	check_escape("caf\xc3\xa9", 4, "\"caf\\udcc3\"");
	check_escape("\xf0\x9f\x98\x80", 3, "\"\\udcf0\\udc9f\\udc98\"");
	check_escape("abc", 0, "\"\"");
	check_escape("abcdef", 3, "\"abc\"");
}
END_TEST

START_TEST(test_stops_at_nul)
{
	/* A NUL within len ends the string: what follows is not output. */
	static const struct json_case c[] = {
		CASE("ab\0cd", "\"ab\""),
		CASE("\0abc", "\"\""),
		CASE("x\n\0\n", "\"x\\n\""),
		/* A NUL where a continuation should be: the lead is invalid. */
		CASE("\xc3\0\xa9", "\"\\udcc3\""),
		CASE("\xe2\x82\0", "\"\\udce2\\udc82\""),
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_worst_case_fits)
{
	/*
	 * Every byte a 6-byte escape: two quotes plus 6 per byte, one short
	 * of JSON_ESCAPED_MAX, which leaves room for the NUL.
	 */
	char in[64];
	char *dst = malloc(JSON_ESCAPED_MAX(sizeof(in)));
	size_t i;

	ck_assert_ptr_nonnull(dst);
	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i % 2 ? 0x01 : 0xff);
	ck_assert_uint_eq(json_escape(dst, in, sizeof(in)), 6 * sizeof(in) + 2);
	ck_assert_uint_eq(strlen(dst), JSON_ESCAPED_MAX(sizeof(in)) - 1);
	ck_assert_str_eq(dst + 6 * sizeof(in) - 11, "\\udcff\\u0001\"");
	free(dst);
}
END_TEST

/*
 * out_json_str() streams: a 10000-byte path comes out whole (it was cut
 * at 4096 bytes), a character across any 4096-byte boundary intact.
 */
START_TEST(test_out_long)
{
	enum { N = 10000 };
	char *in = malloc(N + 1), *want = malloc(N + 64), *got = malloc(N + 64);
	int fd = memfd_create("out", 0);
	ssize_t n;

	ck_assert(in && want && got && fd >= 0);
	memset(in, 'a', N);
	memcpy(in + 4095, "\xc3\xa9", 2);	/* e-acute across byte 4096 */
	in[8000] = '\n';
	in[N] = '\0';
	want[0] = '"';
	memcpy(want + 1, in, 8000);
	memcpy(want + 8001, "\\n", 2);
	memcpy(want + 8003, in + 8001, N - 8001);
	memcpy(want + 8003 + N - 8001, "\"", 2);
	out_flush();
	output_set_fd(fd);
	out_json_str(in, (size_t)-1);
	ck_assert_int_eq(out_flush(), 0);
	output_set_fd(1);
	n = pread(fd, got, N + 63, 0);
	ck_assert_int_eq(n, N + 3);
	got[n] = '\0';
	ck_assert_str_eq(got, want);
	close(fd);
	free(got);
	free(want);
	free(in);
}
END_TEST

/* out_json_data(): exactly len bytes, NULs and a terminal's ESC among them. */
START_TEST(test_out_bytes)
{
	static const char bytes[] = { 'a', '\0', '\x1b', '[', 'H', '\xff', '\r', '\n', '\0' };
	int fd = memfd_create("out", 0);
	char got[128];
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	out_flush();
	output_set_fd(fd);
	out_json_data(bytes, sizeof(bytes));
	out_json_data(bytes, 1);
	out_json_data(bytes, 0);
	ck_assert_int_eq(out_flush(), 0);
	output_set_fd(1);
	n = pread(fd, got, sizeof(got) - 1, 0);
	ck_assert_int_gt(n, 0);
	got[n] = '\0';
	ck_assert_str_eq(got, "\"a\\u0000\\u001b[H\\udcff\\u000d\\n\\u0000\"\"a\"\"\"");
	close(fd);
}
END_TEST

/* The head of every tool's event line: who and when, "uid" when known. */
START_TEST(test_out_who)
{
	/* a comm of 16 bytes with no NUL: only comm_len of it is read */
	static const char comm[16] = { 'a', '"', 'b', '\n', 'c', 'c', 'c', 'c',
				       'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c' };
	int fd = memfd_create("out", 0);
	char got[256];
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	out_flush();
	output_set_fd(fd);
	out_json_who(18446744073709551615ull, 7, 4294967295u, 0, "sh", 16);
	out_str("}\n");
	out_json_who(1, 2, 3, -1, comm, sizeof(comm));
	out_str("}\n");
	out_json_who(1, 2, 3, 4294967295ll, "x", 16);
	out_str("}\n");
	ck_assert_int_eq(out_flush(), 0);
	output_set_fd(1);
	n = pread(fd, got, sizeof(got) - 1, 0);
	ck_assert_int_gt(n, 0);
	got[n] = '\0';
	ck_assert_str_eq(got,
		"{\"time_ns\":18446744073709551615,\"pid\":7,\"tid\":4294967295,\"uid\":0,\"comm\":\"sh\"}\n"
		"{\"time_ns\":1,\"pid\":2,\"tid\":3,\"comm\":\"a\\\"b\\ncccccccccccc\"}\n"
		"{\"time_ns\":1,\"pid\":2,\"tid\":3,\"uid\":4294967295,\"comm\":\"x\"}\n");
	close(fd);
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, test_plain_ascii);
	tcase_add_test(tc, test_out_bytes);
	tcase_add_test(tc, test_quote_backslash);
	tcase_add_test(tc, test_newline_tab);
	tcase_add_test(tc, test_control_chars);
	tcase_add_test(tc, test_valid_utf8);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_len_limits);
	tcase_add_test(tc, test_stops_at_nul);
	tcase_add_test(tc, test_worst_case_fits);
	tcase_add_test(tc, test_out_long);
	tcase_add_test(tc, test_out_who);
	suite_add_tcase(s, tc);
	return s;
}
