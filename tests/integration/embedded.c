// SPDX-License-Identifier: GPL-2.0
/* The files the tests carry, and what the workbench suites share. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

const struct embedded_file *embedded(const char *name)
{
	const struct embedded_file *f;

	for (f = embedded_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	ck_abort_msg("no file %s built into the tests", name);
	return NULL;
}

const char *case_file(const char *name, const char *text, size_t len,
		      char *path)
{
	FILE *f;

	snprintf(path, PATH_MAX, "%s/%s", case_dir, name);
	f = fopen(path, "we");
	ck_assert_msg(f != NULL, "creating %s", path);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

const char *embedded_write(const char *name, char *path)
{
	const struct embedded_file *f = embedded(name);

	return case_file(name, f->data, f->size, path);
}

static void run_barebpf_opts(struct proc *p, const char *const *args,
			     const struct run_opts *o)
{
	struct args a = { .n = 0 };
	int err;

	args__add(&a, barebpf_path(), NULL);
	args__addv(&a, args);
	err = run(p, a.v, o);
	ck_assert_msg(err >= 0, "running %s: %s", a.v[0], strerror(-err));
	ck_assert_msg(!p->timed_out, "barebpf %s did not end; stderr:\n%s",
		      args[0], p->err);
}

void run_barebpf(struct proc *p, const char *const *args)
{
	run_barebpf_opts(p, args, NULL);
}

void run_barebpf_long(struct proc *p, const char *const *args)
{
	struct run_opts o = { .timeout_ms = run_scaled_ms(TRACE_TCASE_TIMEOUT * 1000) };

	run_barebpf_opts(p, args, &o);
}

const char *host_tool(const char *name)
{
	static const char *const dirs[] = {
		"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin",
		"/usr/local/bin",
	};
	static char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		if (!access(path, X_OK))
			return path;
	}
	return NULL;
}

bool barebpf_has(const char *command)
{
	const char *argv[] = { barebpf_path(), command, "-h", NULL };
	struct proc p;
	bool has;

	has = run(&p, (char *const *)argv, NULL) == 0 && p.status == 0;
	proc__free(&p);
	return has;
}

void assert_one_error(const struct proc *p, int status, const char *needle)
{
	const char *nl = strchr(p->err, '\n');

	assert_status(p, status);
	ck_assert_msg(nl != NULL, "no message on stderr");
	ck_assert_msg(memmem(p->err, (size_t)(nl - p->err), needle, strlen(needle)),
		      "first line does not say \"%s\": %s", needle, p->err);
	ck_assert_msg(!strncmp(p->err, "barebpf ", 8), "not \"barebpf TOOL: ...\": %s",
		      p->err);
}
