// SPDX-License-Identifier: GPL-2.0
/* Checking a tool's answer to a bad command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/run.h"
#include "tests/integration/trace.h"
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

void assert_bad_usage_naming(const char *tool, const char *const *args,
			     const char *needle)
{
	const char *help[] = { barebpf_path(), tool, "-h", NULL };
	struct args a = { .n = 0 };
	struct proc usage, p;
	char prefix[64];
	const char *nl;

	ck_assert_int_eq(run(&usage, (char *const *)help, NULL), 0);
	args__add(&a, barebpf_path(), tool, NULL);
	args__addv(&a, args);
	ck_assert_int_ge(run(&p, a.v, NULL), 0);
	assert_status(&p, 2);
	ck_assert_str_eq(p.out, "");
	snprintf(prefix, sizeof(prefix), "barebpf %s: ", tool);
	nl = strchr(p.err, '\n');
	ck_assert_msg(nl && !strncmp(p.err, prefix, strlen(prefix)),
		      "not one line \"%s...\": %s", prefix, p.err);
	ck_assert_msg(memmem(p.err, (size_t)(nl - p.err), needle, strlen(needle)),
		      "the line does not name \"%s\": %s", needle, p.err);
	ck_assert_str_eq(nl + 1, usage.out);
	proc__free(&usage);
	proc__free(&p);
}
