// SPDX-License-Identifier: GPL-2.0
/* Signal names both ways, and exit statuses in words. */
#include <signal.h>
#include <stdio.h>
#include <check.h>

#include "tools/lib/signals.h"

static const struct {
	int sig;
	const char *name;
} names[] = {
	{ SIGHUP, "SIGHUP" }, { SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" },
	{ SIGTERM, "SIGTERM" }, { SIGCHLD, "SIGCHLD" }, { SIGSYS, "SIGSYS" },
	{ SIGBUS, "SIGBUS" },	/* 7 here, 10 on MIPS: the architecture's own */
	/* glibc keeps 32 and 33; bash's kill -l names the rest so */
	{ 32, "SIG32" }, { 33, "SIG33" }, { 34, "SIGRTMIN" }, { 35, "SIGRTMIN+1" },
	{ 49, "SIGRTMIN+15" }, { 50, "SIGRTMAX-14" }, { 63, "SIGRTMAX-1" },
	{ 64, "SIGRTMAX" },
};

START_TEST(test_names)
{
	char buf[SIGNAL_NAME_MAX];

	ck_assert_str_eq(signal_name(names[_i].sig, buf), names[_i].name);
	ck_assert_int_eq(signal_parse(names[_i].name), names[_i].sig);
	/* Without SIG, in any case */
	ck_assert_int_eq(signal_parse(names[_i].name + 3), names[_i].sig);
}
END_TEST

START_TEST(test_no_name)
{
	char buf[SIGNAL_NAME_MAX];

	ck_assert_ptr_null(signal_name(0, buf));
	ck_assert_ptr_null(signal_name(65, buf));
	ck_assert_ptr_null(signal_name(-9, buf));
}
END_TEST

START_TEST(test_every_number_round_trips)
{
	char buf[SIGNAL_NAME_MAX];
	int sig;

	for (sig = 1; sig <= SIGNAL_MAX; sig++) {
		ck_assert_ptr_nonnull(signal_name(sig, buf));
		ck_assert_msg(signal_parse(buf) == sig, "%s parses as %d, not %d", buf,
			      signal_parse(buf), sig);
	}
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(signal_parse("0"), 0);
	ck_assert_int_eq(signal_parse("15"), 15);
	ck_assert_int_eq(signal_parse("64"), 64);
	ck_assert_int_eq(signal_parse("sigterm"), SIGTERM);
	ck_assert_int_eq(signal_parse("usr1"), SIGUSR1);
	ck_assert_int_eq(signal_parse("RTMIN+3"), 37);
	ck_assert_int_eq(signal_parse("rtmax-0"), 64);
	ck_assert_int_eq(signal_parse("RTMIN+30"), 64);
	/* Not signals */
	ck_assert_int_eq(signal_parse("65"), -1);
	ck_assert_int_eq(signal_parse("-1"), -1);
	ck_assert_int_eq(signal_parse("9x"), -1);
	ck_assert_int_eq(signal_parse(""), -1);
	ck_assert_int_eq(signal_parse("SIG"), -1);
	ck_assert_int_eq(signal_parse("TERMX"), -1);
	ck_assert_int_eq(signal_parse("RTMIN+31"), -1);
	ck_assert_int_eq(signal_parse("RTMIN+"), -1);
	ck_assert_int_eq(signal_parse("RTMIN+-1"), -1);
	ck_assert_int_eq(signal_parse("RTMAX-1x"), -1);
	ck_assert_int_eq(signal_parse("99999999999999999999"), -1);
}
END_TEST

static const struct {
	unsigned int status;
	const char *text;
} statuses[] = {
	{ 0, "0" },
	{ 3 << 8, "code 3" },
	{ 255 << 8, "code 255" },
	{ SIGKILL, "signal 9 (SIGKILL)" },
	{ SIGTERM, "signal 15 (SIGTERM)" },
	{ SIGSEGV | 0x80, "signal 11 (SIGSEGV), core dumped" },
	{ SIGABRT | 0x80, "signal 6 (SIGABRT), core dumped" },
	{ 64, "signal 64 (SIGRTMAX)" },
};

START_TEST(test_exit_status)
{
	char buf[64];

	ck_assert_str_eq(exit_status_text(statuses[_i].status, buf, sizeof(buf)),
			 statuses[_i].text);
}
END_TEST

START_TEST(test_exit_status_cut)
{
	char buf[12];

	/* Cut, still terminated. */
	ck_assert_str_eq(exit_status_text(SIGKILL, buf, sizeof(buf)), "signal 9 (S");
}
END_TEST

Suite *signals_suite(void)
{
	Suite *s = suite_create("signals");
	TCase *tc = tcase_create("names");

	tcase_add_loop_test(tc, test_names, 0, sizeof(names) / sizeof(names[0]));
	tcase_add_test(tc, test_no_name);
	tcase_add_test(tc, test_every_number_round_trips);
	tcase_add_test(tc, test_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("statuses");
	tcase_add_loop_test(tc, test_exit_status, 0, sizeof(statuses) / sizeof(statuses[0]));
	tcase_add_test(tc, test_exit_status_cut);
	suite_add_tcase(s, tc);
	return s;
}
