// SPDX-License-Identifier: GPL-2.0
/* The command-line helpers: numbers, the "--" tail, option complaints. */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <check.h>

#include "tools/lib/args.h"

/* What a call writes on stderr: fd 2 goes to a pipe around it. */
struct captured {
	int saved, pipe[2];
	char text[1024];
};

static void capture_begin(struct captured *c)
{
	ck_assert_int_eq(pipe2(c->pipe, O_CLOEXEC), 0);
	c->saved = dup(2);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_eq(dup2(c->pipe[1], 2), 2);
	close(c->pipe[1]);
}

static const char *capture_end(struct captured *c)
{
	ssize_t n;

	ck_assert_int_eq(dup2(c->saved, 2), 2);
	close(c->saved);
	n = read(c->pipe[0], c->text, sizeof(c->text) - 1);
	close(c->pipe[0]);
	c->text[n > 0 ? n : 0] = '\0';
	return c->text;
}

static const struct {
	const char *s;
	long min, max;
	int ret;
	long val;
	const char *err;
} numbers[] = {
	{ "42", 0, 100, 0, 42, "" },
	{ "-1", -5, 5, 0, -1, "" },
	{ "0", 0, 0, 0, 0, "" },
	{ "101", 0, 100, -1, 7,
	  "barebpf t: invalid -d value '101': expected 0..100\n" },
	{ "", 0, 100, -1, 7, "barebpf t: invalid -d value '': expected 0..100\n" },
	{ "12x", 0, 100, -1, 7,
	  "barebpf t: invalid -d value '12x': expected 0..100\n" },
	{ "99999999999999999999", 0, 100, -1, 7,
	  "barebpf t: invalid -d value '99999999999999999999': expected 0..100\n" },
};

START_TEST(test_parse_long)
{
	struct captured c;
	long v = 7;
	int ret;

	capture_begin(&c);
	ret = parse_long("-d", numbers[_i].s, numbers[_i].min,
			 numbers[_i].max, &v);
	ck_assert_str_eq(capture_end(&c), numbers[_i].err);
	ck_assert_int_eq(ret, numbers[_i].ret);
	ck_assert_int_eq(v, numbers[_i].val);
}
END_TEST

/* A uid's range is past a 32-bit long (armhf's): same answers there. */
START_TEST(test_parse_long_long)
{
	struct captured c;
	long long v = 7;

	capture_begin(&c);
	ck_assert_int_eq(parse_long_long("-u", "4294967294", 0, 0xfffffffeLL, &v), 0);
	ck_assert_str_eq(capture_end(&c), "");
	ck_assert(v == 4294967294LL);
	capture_begin(&c);
	ck_assert_int_eq(parse_long_long("-u", "4294967295", 0, 0xfffffffeLL, &v), -1);
	ck_assert_str_eq(capture_end(&c),
			 "barebpf t: invalid -u value '4294967295': expected 0..4294967294\n");
	ck_assert(v == 4294967294LL);
}
END_TEST

START_TEST(test_command_after_options)
{
	char *with_dashes[] = { "t", "-x", "--", "ls", "-l", NULL };
	char *without[] = { "t", "-x", "ls", NULL };
	char *none[] = { "t", "-x", NULL };
	char *dashes_alone[] = { "t", "-x", "--", NULL };
	struct captured c;
	char **cmd;

	ck_assert_ptr_eq(command_after_options(5, with_dashes, 3), with_dashes + 3);
	ck_assert_ptr_null(command_after_options(2, none, 2));
	capture_begin(&c);
	cmd = command_after_options(3, without, 2);
	ck_assert_str_eq(capture_end(&c),
			 "barebpf t: unexpected argument 'ls' (put a command after --)\n");
	ck_assert_ptr_eq(cmd, (char **)-1);
	/* "--" and nothing: a usage error, not a trace of everything. */
	capture_begin(&c);
	cmd = command_after_options(3, dashes_alone, 3);
	ck_assert_str_eq(capture_end(&c), "barebpf t: -- needs a COMMAND after it\n");
	ck_assert_ptr_eq(cmd, (char **)-1);
}
END_TEST

static const struct option long_options[] = {
	{ "pid", required_argument, NULL, 'p' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

/* getopt's complaints, in glibc's words whatever the libc. */
static const struct {
	const char *arg;
	int opt;
	const char *err;
} options[] = {
	{ "-x", 'x', "" },
	{ "-p1", 'p', "" },
	{ "--json", 'j', "" },
	{ "--pid=3", 'p', "" },
	{ "-Z", '?', "barebpf t: invalid option -- 'Z'\n" },
	{ "-p", '?', "barebpf t: option requires an argument -- 'p'\n" },
	{ "--bogus", '?', "barebpf t: unrecognized option '--bogus'\n" },
	{ "--pid", '?', "barebpf t: option '--pid' requires an argument\n" },
	{ "--json=1", '?', "barebpf t: option '--json' doesn't allow an argument\n" },
};

START_TEST(test_tool_getopt)
{
	char *argv[] = { "barebpf t", (char *)options[_i].arg, NULL };
	struct captured c;
	int opt;

	optind = 0;	/* start afresh: each case is a new command line */
	capture_begin(&c);
	opt = tool_getopt(2, argv, "+xp:", long_options);
	ck_assert_str_eq(capture_end(&c), options[_i].err);
	ck_assert_int_eq(opt, options[_i].opt);
	if (opt == 'p')
		ck_assert_str_eq(optarg, strchr(options[_i].arg, '=') ? "3" : "1");
}
END_TEST

/* Every message names the command the dispatcher set: "t" here. */
static void name_tool(void)
{
	tool_name = "t";
}

static void unname_tool(void)
{
	tool_name = NULL;
}

/* Before any command is dispatched, a message names barebpf alone. */
START_TEST(test_tool_err_unnamed)
{
	struct captured c;

	tool_name = NULL;
	capture_begin(&c);
	tool_err("unknown command '%s'", "x");
	ck_assert_str_eq(capture_end(&c), "barebpf: unknown command 'x'\n");
}
END_TEST

Suite *args_suite(void)
{
	Suite *s = suite_create("args");
	TCase *tc = tcase_create("args");

	tcase_add_checked_fixture(tc, name_tool, unname_tool);
	tcase_add_test(tc, test_tool_err_unnamed);

	tcase_add_loop_test(tc, test_parse_long, 0, sizeof(numbers) / sizeof(numbers[0]));
	tcase_add_test(tc, test_parse_long_long);
	tcase_add_test(tc, test_command_after_options);
	tcase_add_loop_test(tc, test_tool_getopt, 0, sizeof(options) / sizeof(options[0]));
	suite_add_tcase(s, tc);
	return s;
}
