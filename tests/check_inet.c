// SPDX-License-Identifier: GPL-2.0
/*
 * Address text, protocol names and -P lists. Each case gives the bytes
 * in and the exact text out; a sweep then holds the IPv6 writer to
 * glibc's inet_ntop() over addresses made mostly of zero groups, where
 * the "::" rules bite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <check.h>

#include "tools/lib/args.h"
#include "tools/lib/inet.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void check_v6(const unsigned char a[16], const char *want)
{
	char buf[INET_ADDR_STRLEN];

	ck_assert_str_eq(inet_addr_str(AF_INET6, a, buf), want);
}

START_TEST(test_v4)
{
	static const unsigned char lo[4] = { 127, 0, 0, 1 };
	static const unsigned char any[4] = { 0, 0, 0, 0 };
	static const unsigned char bcast[4] = { 255, 255, 255, 255 };
	static const unsigned char doc[4] = { 192, 0, 2, 10 };
	char buf[INET_ADDR_STRLEN];

	ck_assert_str_eq(inet_addr_str(AF_INET, lo, buf), "127.0.0.1");
	ck_assert_str_eq(inet_addr_str(AF_INET, any, buf), "0.0.0.0");
	ck_assert_str_eq(inet_addr_str(AF_INET, bcast, buf), "255.255.255.255");
	ck_assert_str_eq(inet_addr_str(AF_INET, doc, buf), "192.0.2.10");
	ck_assert_str_eq(inet_addr_str(AF_UNIX, lo, buf), "?");
	ck_assert_str_eq(inet_addr_str(0, lo, buf), "?");
}
END_TEST

START_TEST(test_v6_cases)
{
	static const struct {
		unsigned char a[16];
		const char *want;
	} cases[] = {
		{ { 0 }, "::" },
		{ { [15] = 1 }, "::1" },
		{ { [0] = 0x20, [1] = 0x01, [2] = 0x0d, [3] = 0xb8, [15] = 1 },
		  "2001:db8::1" },
		/* One zero group is not compressed (RFC 5952 4.2.2). */
		{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 },
		  "2001:db8:0:1:1:1:1:1" },
		/* The longest run wins... */
		{ { 0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 },
		  "2001:0:0:1::1" },
		/* ... and the first of two equal runs. */
		{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 },
		  "2001:db8::1:0:0:1" },
		/* A run at the end. */
		{ { 0xfe, 0x80, [15] = 0 }, "fe80::" },
		{ { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x16, 0x3e, 0xff,
		    0xfe, 0x12, 0x34, 0x56 }, "fe80::216:3eff:fe12:3456" },
		/* Lower case, no leading zeros. */
		{ { 0x0a, 0xbc, 0x00, 0x0d, 0xef, 0x00, 0x00, 0x01, 0x12, 0x34,
		    0xab, 0xcd, 0x00, 0xff, 0xff, 0xff },
		  "abc:d:ef00:1:1234:abcd:ff:ffff" },
		/* IPv4-mapped: the IPv4 part dotted. */
		{ { [10] = 0xff, [11] = 0xff, [12] = 127, [13] = 0, [14] = 0, [15] = 1 },
		  "::ffff:127.0.0.1" },
		{ { [10] = 0xff, [11] = 0xff }, "::ffff:0.0.0.0" },
		/* Not mapped: one bit off either way. */
		{ { [10] = 0xff, [11] = 0xfe, [12] = 127, [15] = 1 },
		  "::fffe:7f00:1" },
		{ { [9] = 1, [10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1 },
		  "::1:ffff:7f00:1" },
		/* Every group set: the longest text there is but mapped. */
		{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		check_v6(cases[i].a, cases[i].want);
}
END_TEST

/*
 * Every address whose groups are 0 or one value, 256 patterns times a
 * few values, against inet_ntop(). glibc writes "::a.b.c.d" for the
 * deprecated IPv4-compatible form (96 zero bits, then not 0 or 1),
 * which RFC 5952 does not ask for: those are left out.
 */
START_TEST(test_v6_sweep)
{
	static const unsigned int values[] = { 1, 0xf, 0x100, 0xffff, 0xabcd };
	char want[INET6_ADDRSTRLEN], buf[INET_ADDR_STRLEN];
	unsigned char a[16];
	unsigned int mask, g;
	size_t v;

	for (v = 0; v < ARRAY_SIZE(values); v++) {
		for (mask = 0; mask < 256; mask++) {
			for (g = 0; g < 8; g++) {
				unsigned int w = mask & (1u << g) ? values[v] : 0;

				a[2 * g] = (unsigned char)(w >> 8);
				a[2 * g + 1] = (unsigned char)w;
			}
			if ((mask & 0x3f) == 0 && (mask & 0xc0) && mask != 0x80)
				continue;
			ck_assert_ptr_nonnull(inet_ntop(AF_INET6, a, want, sizeof(want)));
			ck_assert_msg(!strcmp(inet_addr_str(AF_INET6, a, buf), want),
				      "mask %#x value %#x: %s, inet_ntop says %s",
				      mask, values[v], buf, want);
		}
	}
}
END_TEST

START_TEST(test_version_and_ports)
{
	__u16 be = htons(8080);

	ck_assert_str_eq(inet_version(AF_INET), "4");
	ck_assert_str_eq(inet_version(AF_INET6), "6");
	ck_assert_str_eq(inet_version(AF_UNIX), "?");
	ck_assert_int_eq(inet_ip(AF_INET), 4);
	ck_assert_int_eq(inet_ip(AF_INET6), 6);
	ck_assert_int_eq(inet_ip(0), 0);
	ck_assert_uint_eq(inet_port(be), 8080);
	ck_assert_uint_eq(inet_port_be(8080), be);
	/* The bytes on the wire: 0x1f 0x90. */
	ck_assert_uint_eq(((unsigned char *)&be)[0], 0x1f);
	ck_assert_uint_eq(inet_port(inet_port_be(65535)), 65535);
	ck_assert_uint_eq(inet_port(inet_port_be(0)), 0);
}
END_TEST

START_TEST(test_proto_names)
{
	char buf[8];

	ck_assert_str_eq(inet_proto_name(SOCK_STREAM, IPPROTO_TCP, buf), "TCP");
	ck_assert_str_eq(inet_proto_name(SOCK_DGRAM, IPPROTO_UDP, buf), "UDP");
	ck_assert_str_eq(inet_proto_name(SOCK_STREAM, IPPROTO_SCTP, buf), "SCTP");
	ck_assert_str_eq(inet_proto_name(SOCK_STREAM, 262, buf), "MPTCP");
	ck_assert_str_eq(inet_proto_name(SOCK_DGRAM, IPPROTO_ICMP, buf), "ICMP");
	ck_assert_str_eq(inet_proto_name(SOCK_RAW, IPPROTO_ICMP, buf), "RAW");
	ck_assert_str_eq(inet_proto_name(0, 0, buf), "?");
	ck_assert_str_eq(inet_proto_name(SOCK_DGRAM, 99, buf), "99");
}
END_TEST

/* Messages go to a file, so the one for a bad list can be read back. */
static char *stderr_text(FILE *f)
{
	static char text[4096];
	size_t n;

	fflush(stderr);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	return text;
}

START_TEST(test_parse_ports)
{
	__u16 ports[INET_PORTS_MAX];
	char list[INET_PORTS_MAX * 6 + 8], *p = list;
	FILE *err = tmpfile();
	int i, saved = dup(2);

	ck_assert_ptr_nonnull(err);
	dup2(fileno(err), 2);
	tool_name = "t";

	ck_assert_int_eq(parse_ports("-P", "80", ports), 1);
	ck_assert_uint_eq(ports[0], htons(80));
	ck_assert_int_eq(parse_ports("-P", "80,443,0,65535", ports), 4);
	ck_assert_uint_eq(ports[0], htons(80));
	ck_assert_uint_eq(ports[1], htons(443));
	ck_assert_uint_eq(ports[2], 0);
	ck_assert_uint_eq(ports[3], 0xffff);

	ck_assert_int_eq(parse_ports("-P", "", ports), -1);
	ck_assert_str_eq(stderr_text(err),
			 "barebpf t: invalid -P value '': expected ports 0..65535, comma-separated\n");
	ck_assert_int_eq(parse_ports("-P", "65536", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "-1", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "+80", ports), -1);
	ck_assert_int_eq(parse_ports("-P", " 80", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "80,", ports), -1);
	ck_assert_int_eq(parse_ports("-P", ",80", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "80,,81", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "http", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "80x", ports), -1);
	ck_assert_int_eq(parse_ports("-P", "99999999999999999999999", ports), -1);

	/* INET_PORTS_MAX ports fit; one more does not. */
	for (i = 0; i < INET_PORTS_MAX; i++)
		p += sprintf(p, "%s%d", i ? "," : "", 1000 + i);
	ck_assert_int_eq(parse_ports("-P", list, ports), INET_PORTS_MAX);
	ck_assert_uint_eq(ports[INET_PORTS_MAX - 1], htons(1000 + INET_PORTS_MAX - 1));
	strcpy(p, ",9");
	ck_assert_int_eq(parse_ports("-P", list, ports), -1);
	ck_assert_ptr_nonnull(strstr(stderr_text(err), "': at most 64 ports\n"));
	tool_name = NULL;
	dup2(saved, 2);
	close(saved);
	fclose(err);
}
END_TEST

/* -4 and -6: either, again, but not both. */
START_TEST(test_parse_family)
{
	FILE *err = tmpfile();
	int family = 0, saved = dup(2);

	ck_assert_ptr_nonnull(err);
	dup2(fileno(err), 2);
	tool_name = "t";
	ck_assert_int_eq(parse_family('4', &family), 0);
	ck_assert_int_eq(family, AF_INET);
	ck_assert_int_eq(parse_family('4', &family), 0);
	ck_assert_int_eq(family, AF_INET);
	ck_assert_str_eq(stderr_text(err), "");
	ck_assert_int_eq(parse_family('6', &family), -1);
	ck_assert_int_eq(family, AF_INET);
	ck_assert_str_eq(stderr_text(err), "barebpf t: -4 and -6 exclude each other\n");
	family = 0;
	ck_assert_int_eq(parse_family('6', &family), 0);
	ck_assert_int_eq(family, AF_INET6);
	tool_name = NULL;
	dup2(saved, 2);
	close(saved);
	fclose(err);
}
END_TEST

Suite *inet_suite(void)
{
	Suite *s = suite_create("inet");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_v4);
	tcase_add_test(tc, test_v6_cases);
	tcase_add_test(tc, test_v6_sweep);
	tcase_add_test(tc, test_version_and_ports);
	tcase_add_test(tc, test_proto_names);
	tcase_add_test(tc, test_parse_ports);
	tcase_add_test(tc, test_parse_family);
	suite_add_tcase(s, tc);
	return s;
}
