/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tests of buildtrace's views share: a small hand-written build
 * (make runs cc, which runs cc1 and as through a temporary file, then
 * ar, and a cat that reads ar's archive), and a subcommand's main run
 * with its output and its messages captured.
 */
#ifndef BAREBPF_TESTS_BUILDTRACE_VIEWS_H
#define BAREBPF_TESTS_BUILDTRACE_VIEWS_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/buildtrace_tb.h"
#include "tools/buildtrace/model.h"
#include "tools/lib/args.h"
#include "tools/lib/output.h"

#define AT_CWD		((__u64)(long long)AT_FDCWD)
#define RD		TB_ARGS(AT_CWD, 0, O_RDONLY)
#define WR		TB_ARGS(AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC)

/* A child's wait status: exited 0. */
static const int status0 __attribute__((unused));

static inline void wait_for(struct tb *t, __u32 pid, __u32 child)
{
	tb_sc(t, pid, pid, BT_OP_WAIT4, child, TB_ARGS(child), NULL, NULL,
	      &status0, sizeof(status0));
}

/*
 * make (10) runs cc (20: cc1 21, as 22), then cat (40), which waits for
 * the archive ar (30) makes. cflag is cc's option; extra adds a header
 * cc1 reads; tmp names the temporary assembly file.
 */
static inline void mini_build(struct tb *t, const char *cflag, bool extra,
			      const char *tmp)
{
	tb_init(t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_fork(t, 10, 10, 20, 20, 0x11);
	tb_exec(t, 20, 20, "/usr/bin/cc",
		(const char *const[]){ "cc", cflag, "-c", "a.c", "-o", "a.o", NULL });
	tb_fork(t, 20, 20, 21, 21, 0x11);
	tb_exec(t, 21, 21, "/usr/lib/gcc/cc1",
		(const char *const[]){ "/usr/lib/gcc/cc1", "a.c", cflag, "-o", tmp, NULL });
	tb_sc(t, 21, 21, BT_OP_OPENAT, 3, RD, "a.c", NULL, NULL, 0);
	if (extra)
		tb_sc(t, 21, 21, BT_OP_OPENAT, 4, RD, "extra.h", NULL, NULL, 0);
	tb_sc(t, 21, 21, BT_OP_OPENAT, 5, WR, tmp, NULL, NULL, 0);
	tb_exit(t, 21, 21, true);
	wait_for(t, 20, 21);
	tb_fork(t, 20, 20, 22, 22, 0x11);
	tb_exec(t, 22, 22, "/usr/bin/as",
		(const char *const[]){ "as", "-o", "a.o", tmp, NULL });
	tb_sc(t, 22, 22, BT_OP_OPENAT, 3, RD, tmp, NULL, NULL, 0);
	tb_sc(t, 22, 22, BT_OP_OPENAT, 4, WR, "a.o", NULL, NULL, 0);
	tb_exit(t, 22, 22, true);
	wait_for(t, 20, 22);
	tb_sc(t, 20, 20, BT_OP_UNLINK, 0, NULL, tmp, NULL, NULL, 0);
	tb_exit(t, 20, 20, true);
	wait_for(t, 10, 20);
	tb_fork(t, 10, 10, 40, 40, 0x11);
	tb_exec(t, 40, 40, "/usr/bin/cat", (const char *const[]){ "cat", "lib.a", NULL });
	tb_fork(t, 10, 10, 30, 30, 0x11);
	tb_exec(t, 30, 30, "/usr/bin/ar",
		(const char *const[]){ "ar", "rcs", "lib.a", "a.o", NULL });
	tb_sc(t, 30, 30, BT_OP_OPENAT, 3, RD, "a.o", NULL, NULL, 0);
	tb_sc(t, 30, 30, BT_OP_OPENAT, 4, WR, "lib.a", NULL, NULL, 0);
	tb_exit(t, 30, 30, true);
	wait_for(t, 10, 30);
	tb_sc(t, 40, 40, BT_OP_OPENAT, 3, RD, "lib.a", NULL, NULL, 0);
	tb_sc(t, 40, 40, BT_OP_OPENAT, 4, WR, "copy", NULL, NULL, 0);
	tb_exit(t, 40, 40, true);
	wait_for(t, 10, 40);
	tb_exit(t, 10, 10, true);
	tb_end(t, 0);
}

static inline void replay(struct tb *t, struct bt_model *m)
{
	struct bt_trace tr;

	tb_trace(t, &tr);
	ck_assert_int_eq(bt_model__replay(m, &tr, NULL, NULL), 0);
	bt_trace__free(&tr);
}

/* Path of a temporary file for a case. */
static inline char *tmp_path(char *buf, const char *name)
{
	snprintf(buf, 64, "/tmp/barebpf-views-%d-%s", (int)getpid(), name);
	return buf;
}

static inline void write_trace(struct tb *t, const char *path)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(t->buf, 1, t->len, f), t->len);
	fclose(f);
	free(t->buf);
	t->buf = NULL;
}

/* Whole contents of a file, NUL-terminated (free()). */
static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

struct ran {
	int status;
	char *out, *err;
};

/* A subcommand's main on args, its stdout (out_*) and stderr captured. */
static inline void run_main(struct ran *r, int (*fn)(int, char **),
			    const char *const *args)
{
	char out_path[64], err_path[64], *argv[16];
	int argc, fd_out, fd_err, saved;

	for (argc = 0; args[argc]; argc++)
		argv[argc] = (char *)args[argc];
	argv[argc] = NULL;
	tmp_path(out_path, "stdout");
	tmp_path(err_path, "stderr");
	fd_out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fd_err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd_out, 0);
	ck_assert_int_ge(fd_err, 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd_err, 2);
	output_set_fd(fd_out);
	optind = 0;
	tool_name = "buildtrace";	/* as the dispatcher sets it */
	r->status = fn(argc, argv);
	tool_name = NULL;
	out_flush();
	output_set_fd(1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd_out);
	close(fd_err);
	r->out = slurp(out_path);
	r->err = slurp(err_path);
	unlink(out_path);
	unlink(err_path);
}

static inline void ran_free(struct ran *r)
{
	free(r->out);
	free(r->err);
}

static inline int count(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

#endif /* BAREBPF_TESTS_BUILDTRACE_VIEWS_H */
