// SPDX-License-Identifier: GPL-2.0
/*
 * The trace language's front end without a kernel: tokens with their
 * LINE:COL, the tree the parser builds, its errors word for word with
 * their columns, and hist/lhist text in bpftrace's exact layout.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "tools/trace/lex.h"
#include "tools/trace/mapprint.h"
#include "tools/trace/parse.h"

START_TEST(test_tokens)
{
	struct lexer lx;
	struct token t;
	static const enum tok want[] = {
		T_MAP, T_LBRACKET, T_IDENT, T_RBRACKET, T_ASSIGN, T_IDENT,
		T_LPAREN, T_RPAREN, T_SEMI, T_VAR, T_SHLEQ, T_INT, T_STR, T_EOF,
	};
	size_t i;

	lexer__init(&lx, "@x[comm] = count(); // c\n$y <<= 0x10 /* c */ \"a\\tb\"");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		t = lexer__next(&lx);
		ck_assert_int_eq(t.kind, want[i]);
		if (t.kind == T_VAR) {
			ck_assert_int_eq(t.line, 2);
			ck_assert_int_eq(t.col, 1);
		}
		if (t.kind == T_INT)
			ck_assert_int_eq(t.num, 16);
		if (t.kind == T_STR) {
			ck_assert_str_eq(t.str, "a\tb");
			ck_assert_int_eq(t.col, 21);
			free(t.str);
		}
	}
}
END_TEST

START_TEST(test_probe_token)
{
	struct lexer lx;
	struct token t;

	lexer__init(&lx, "#!/usr/bin/env barebpf\n t:syscalls:sys_enter_open*,BEGIN /1/ {}");
	t = lexer__probe(&lx);
	ck_assert_int_eq(t.kind, T_PROBE);
	ck_assert_int_eq((int)t.len, 26);
	ck_assert_int_eq(t.line, 2);
	ck_assert_int_eq(t.col, 2);
}
END_TEST

START_TEST(test_tree)
{
	const char *text = "BEGIN, t:a:b /pid == 1 && comm != \"x\"/ { @[pid, 2] = count(); "
			   "$a = 1 + 2 * 3; if ($a > 1) { exit(); } else { @b++; } }";
	struct script s;
	struct diag d;
	struct node *body, *n;

	ck_assert_int_eq(script__parse(&s, "-e", text, &d), 0);
	ck_assert_int_eq(s.nr_probes, 1);
	ck_assert_int_eq(s.probes[0].nr_points, 2);
	ck_assert_str_eq(s.probes[0].points[1].text, "t:a:b");
	ck_assert_int_eq(s.probes[0].pred->kind, N_BINARY);
	ck_assert_int_eq(s.probes[0].pred->op, T_ANDAND);
	body = s.probes[0].body;
	ck_assert_int_eq(body->nr_args, 3);
	n = body->args[0];
	ck_assert_int_eq(n->kind, N_ASSIGN);
	ck_assert_int_eq(n->a->kind, N_MAP);
	ck_assert_int_eq(n->a->nr_args, 2);
	ck_assert_int_eq(n->col, 42);
	/* 1 + (2 * 3): C's precedence */
	n = body->args[1]->b;
	ck_assert_int_eq(n->op, T_PLUS);
	ck_assert_int_eq(n->b->op, T_STAR);
	ck_assert_int_eq(body->args[2]->kind, N_IF);
	ck_assert_int_eq(body->args[2]->c->args[0]->kind, N_INCDEC);
	script__free(&s);
}
END_TEST

static const struct {
	const char *text, *msg;
	int line, col;
} errors[] = {
	{ "BEGIN { $x = ; }", "syntax error: unexpected token ';', expected an expression", 1, 14 },
	{ "BEGIN {\n  printf(\"a\" }", "syntax error: unexpected token '}', expected ',' or ')'", 2, 14 },
	{ "BEGIN { \"abc }", "unterminated string", 1, 9 },
	{ "BEGIN { /* x", "unterminated comment", 1, 9 },
	{ "BEGIN { 1 = 2; }", "only a map or a $variable can be assigned to", 1, 11 },
	{ "BEGIN { while (1) { } }", "while loops are not supported: use for ($i : A..B) or unroll(N)", 1, 9 },
	{ "BEGIN { unroll(0) { } }", "unroll count must be 1 to 100", 1, 16 },
	{ "BEGIN { *x; }", "pointers are not supported: no '*' to dereference or take an address", 1, 9 },
	{ "", "no probes: nothing to trace", 1, 1 },
	{ "BEGIN { 0x; }", "a hex number needs digits after 0x", 1, 9 },
};

START_TEST(test_errors)
{
	struct script s;
	struct diag d;

	ck_assert_int_eq(script__parse(&s, "-e", errors[_i].text, &d), -1);
	ck_assert_str_eq(d.msg, errors[_i].msg);
	ck_assert_int_eq(d.line, errors[_i].line);
	ck_assert_int_eq(d.col, errors[_i].col);
	script__free(&s);
}
END_TEST

static char text[8192];

START_TEST(test_hist_text)
{
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1 };
	__u64 v[66] = { 0 };

	v[1] = 1;	/* [0] */
	v[5] = 1;	/* [8, 16) */
	v[12] = 10;	/* [1K, 2K) */
	hist_render(&b, v, 66, 1);
	text[b.len] = '\0';
	ck_assert_str_eq(text,
		"[0]                    1 |@@@@@                                               |\n"
		"[1]                    0 |                                                    |\n"
		"[2, 4)                 0 |                                                    |\n"
		"[4, 8)                 0 |                                                    |\n"
		"[8, 16)                1 |@@@@@                                               |\n"
		"[16, 32)               0 |                                                    |\n"
		"[32, 64)               0 |                                                    |\n"
		"[64, 128)              0 |                                                    |\n"
		"[128, 256)             0 |                                                    |\n"
		"[256, 512)             0 |                                                    |\n"
		"[512, 1K)              0 |                                                    |\n"
		"[1K, 2K)              10 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n");
}
END_TEST

START_TEST(test_lhist_text)
{
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1 };
	__u64 v[12] = { 0 };

	v[0] = 2;	/* below 0 */
	v[2] = 3;	/* [1K, 2K) with step 1024 */
	v[11] = 1;	/* at 10240 and above */
	lhist_render(&b, v, 12, 0, 10240, 1024);
	text[b.len] = '\0';
	ck_assert_msg(!strncmp(text,
		"(..., 0)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@                  |\n"
		"[0, 1K)                0 |                                                    |\n"
		"[1K, 2K)               3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n", 240),
		"%s", text);
	ck_assert_msg(strstr(text, "[10K, ...)             1 |@@@@@@@@@@@@@@@@@                                   |\n"),
		      "%s", text);
}
END_TEST

Suite *trace_lang_suite(void)
{
	Suite *s = suite_create("trace_lang");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_tokens);
	tcase_add_test(tc, test_probe_token);
	tcase_add_test(tc, test_tree);
	tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof(errors) / sizeof(errors[0])));
	tcase_add_test(tc, test_hist_text);
	tcase_add_test(tc, test_lhist_text);
	suite_add_tcase(s, tc);
	return s;
}
