// SPDX-License-Identifier: GPL-2.0
/* Checking a tool's answer to a bad command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/run.h"
#include "tests/integration/usage.h"

void assert_bad_usage(const char *tool, const char *const *args,
		      const char *line)
{
	struct args a = { .n = 0 }, h = { .n = 0 };
	struct proc p, help;
	char *want;

	args__add(&h, barebpf_path(), tool, "-h", NULL);
	ck_assert_int_eq(run(&help, h.v, NULL), 0);
	args__add(&a, barebpf_path(), tool, NULL);
	args__addv(&a, args);
	ck_assert_int_ge(run(&p, a.v, NULL), 0);
	ck_assert_msg(p.status == 2, "%s %s: exit %d, not 2; stderr:\n%s", tool,
		      args[0], p.status, p.err);
	ck_assert_str_eq(p.out, "");
	ck_assert(asprintf(&want, "%s\n%s", line, help.out) > 0);
	ck_assert_str_eq(p.err, want);
	free(want);
	proc__free(&p);
	proc__free(&help);
}
