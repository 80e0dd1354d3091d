// SPDX-License-Identifier: GPL-2.0
/*
 * The replay on hand-written event sequences: paths made absolute from
 * the cwd and from dirfds, descriptor tables through dup, close, fork,
 * threads and close-on-exec, renames; deps over a pipe, a temporary file
 * and a rename; path folding; what compdb takes for a compiler.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/buildtrace_tb.h"
#include "tools/buildtrace/compdb.h"
#include "tools/buildtrace/deps.h"
#include "tools/buildtrace/model.h"
#include "tools/buildtrace/replay.h"

#define AT_CWD		((__u64)(long long)AT_FDCWD)
#define CLONE_THREADS	0x00010f00	/* VM, FS, FILES, SIGHAND, THREAD */

/* What the events touched: "event access path" per file, in order. */
struct seen {
	char lines[64][256];
	int n;
};

/* The model being replayed, for collect_paths. */
static struct bt_model *model;

static void collect_paths(void *ctx, const struct bt_event *ev)
{
	struct seen *s = ctx;
	int i;

	for (i = 0; i < ev->nr_touch && s->n < 64; i++)
		snprintf(s->lines[s->n++], sizeof(s->lines[0]), "%s %s %s%s",
			 ev->name, bt_access_name(ev->touch[i].access),
			 bt_model__path(model, ev->touch[i].path),
			 ev->touch[i].unresolved ? " (unresolved)" : "");
}

/* Replay the builder's trace into m, collecting what it touched. */
static void replay(struct tb *t, struct bt_model *m, struct seen *s)
{
	struct bt_trace tr;

	memset(s, 0, sizeof(*s));
	tb_trace(t, &tr);
	model = m;
	ck_assert_int_eq(bt_model__replay(m, &tr, collect_paths, s), 0);
	bt_trace__free(&tr);
}

static void assert_seen(const struct seen *s, const char *const *want)
{
	int i;

	for (i = 0; want[i]; i++) {
		ck_assert_msg(i < s->n, "only %d files touched; wanted \"%s\"", s->n,
			      want[i]);
		ck_assert_str_eq(s->lines[i], want[i]);
	}
	ck_assert_int_eq(s->n, i);
}

START_TEST(test_dirfd_and_chdir)
{
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_RDONLY | O_DIRECTORY),
	      "d", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 4, TB_ARGS(3, 0, O_RDONLY), "f", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_CHDIR, 0, NULL, "d/./sub//", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPEN, 5, TB_ARGS(0, O_WRONLY | O_CREAT), "../x", NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_FCHDIR, 0, TB_ARGS(3), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_NEWFSTATAT, -2, TB_ARGS(AT_CWD), "nope", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_NEWFSTATAT, 0, TB_ARGS(4, 0, 0, 0x1000), "", NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_MKDIRAT, 0, TB_ARGS(3, 0, 0755), "/abs/../abs2",
	      NULL, NULL, 0);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){
		"openat read /w/d",
		"openat read /w/d/f",
		"chdir probe /w/d/sub",
		"open create /w/d/x",
		"newfstatat probe-missing /w/d/nope",
		"newfstatat probe /w/d/f",	/* AT_EMPTY_PATH: fd 4 itself */
		"mkdirat create /abs2",
		NULL });
	ck_assert_str_eq(bt_model__path(&m, m.cwd), "/w");
	bt_model__free(&m);
}
END_TEST

START_TEST(test_dup_close_fork)
{
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_DIRECTORY), "a", NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_DUP2, 10, TB_ARGS(3, 10), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_FCNTL, 11, TB_ARGS(3, F_DUPFD, 11), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_CLOSE, 0, TB_ARGS(3), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, -9, TB_ARGS(3), "gone", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(10), "p", NULL, NULL, 0);
	/* a process gets a copy; a thread shares */
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_fork(&t, 10, 10, 21, 10, CLONE_THREADS);
	tb_sc(&t, 10, 10, BT_OP_CLOSE, 0, TB_ARGS(10), NULL, NULL, NULL, 0);
	tb_sc(&t, 20, 20, BT_OP_OPENAT, 4, TB_ARGS(10), "child", NULL, NULL, 0);
	tb_sc(&t, 21, 10, BT_OP_OPENAT, -9, TB_ARGS(10), "thread", NULL, NULL, 0);
	tb_sc(&t, 21, 10, BT_OP_OPENAT, 5, TB_ARGS(11), "via11", NULL, NULL, 0);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){
		"openat read /w/a",
		"openat read gone (unresolved)",
		"openat read /w/a/p",
		"openat read /w/a/child",
		"openat read thread (unresolved)",
		"openat read /w/a/via11",
		NULL });
	ck_assert_uint_eq(m.nr_procs, 2);
	ck_assert_int_eq(m.procs[1].parent, 0);
	ck_assert_uint_eq(m.procs[1].pid, 20);
	bt_model__free(&m);
}
END_TEST

/*
 * A crafted trace: fd 65535 open, then 20000 forks with tids at
 * multiples of 65536, each child opening through that fd. Each fork
 * copied a 1 MiB table and each lookup walked one long run of slots:
 * gigabytes and seconds. Every child's open still resolves.
 */
START_TEST(test_crafted_fd_and_tids)
{
	enum { FORKS = 20000 };
	struct bt_model m;
	struct seen s;
	struct tb t;
	__u32 i, pid;
	size_t k, opens = 0;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 1u << 16);
	tb_sc(&t, 1u << 16, 1u << 16, BT_OP_OPENAT, 65535,
	      TB_ARGS(AT_CWD, 0, O_DIRECTORY), "big", NULL, NULL, 0);
	for (i = 2; i < FORKS + 2; i++) {
		pid = i << 16;
		tb_fork(&t, 1u << 16, 1u << 16, pid, pid, 0x11);
		tb_sc(&t, pid, pid, BT_OP_OPENAT, 3, TB_ARGS(65535), "f", NULL,
		      NULL, 0);
	}
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert_uint_eq(m.nr_procs, FORKS + 1);
	ck_assert_str_eq(s.lines[0], "openat read /w/big");
	for (k = 1; k < 64; k++)
		ck_assert_str_eq(s.lines[k], "openat read /w/big/f");
	for (k = 0; k < m.nr_uses; k++)
		opens += !strcmp(bt_model__path(&m, m.uses[k].path), "/w/big/f");
	ck_assert_uint_eq(opens, FORKS);
	bt_model__free(&m);
}
END_TEST

START_TEST(test_close_on_exec)
{
	static const char *const argv[] = { "tool", "-x", NULL };
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_DIRECTORY | O_CLOEXEC),
	      "c", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 4, TB_ARGS(AT_CWD, 0, O_DIRECTORY), "k", NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_DUP3, 5, TB_ARGS(4, 5, O_CLOEXEC), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_FCNTL, 0, TB_ARGS(4, F_SETFD, FD_CLOEXEC), NULL, NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_FCNTL, 0, TB_ARGS(4, F_SETFD, 0), NULL, NULL, NULL, 0);
	/* stdout to a file the build opened: the new image writes it */
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 1, TB_ARGS(AT_CWD, 0, O_WRONLY | O_CREAT),
	      "log", NULL, NULL, 0);
	tb_exec(&t, 10, 10, "bin/tool", argv);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, -9, TB_ARGS(3), "a", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, -9, TB_ARGS(5), "b", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 6, TB_ARGS(4), "c", NULL, NULL, 0);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){
		"openat read /w/c",
		"openat read /w/k",
		"openat create /w/log",
		"exec exec /w/bin/tool",
		"exec write /w/log",
		"openat read a (unresolved)",
		"openat read b (unresolved)",
		"openat read /w/k/c",
		NULL });
	ck_assert_uint_eq(m.nr_execs, 1);
	ck_assert_int_eq(m.execs[0].argc, 2);
	ck_assert_str_eq(m.execs[0].argv[1], "-x");
	ck_assert_str_eq(bt_model__path(&m, m.execs[0].cwd), "/w");
	ck_assert_int_eq(m.procs[0].exec, 0);
	bt_model__free(&m);
}
END_TEST

START_TEST(test_rename_and_status)
{
	struct bt_model m;
	struct seen s;
	struct tb t;
	int status = 9;	/* killed by SIGKILL */

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_RENAMEAT2, 0, TB_ARGS(AT_CWD, 0, AT_CWD), "o.tmp",
	      "/w/./o", NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_UNLINKAT, -2, TB_ARGS(AT_CWD), "never", NULL, NULL, 0);
	tb_fork(&t, 10, 10, 30, 30, 0x11);
	tb_exit(&t, 30, 30, true);
	tb_sc(&t, 10, 10, BT_OP_WAIT4, 30, TB_ARGS(30), NULL, NULL, &status,
	      sizeof(status));
	tb_sc(&t, 10, 10, BT_OP_EXIT_GROUP, 0, TB_ARGS(3), NULL, NULL, NULL, 0);
	tb_exit(&t, 10, 10, true);
	tb_end(&t, 3 << 8);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){
		"renameat2 rename-from /w/o.tmp",
		"renameat2 rename-to /w/o",
		"unlinkat probe-missing /w/never",
		NULL });
	/* the child's status from its parent's wait, after its exit */
	ck_assert_int_eq(m.procs[1].status, 9);
	ck_assert_int_eq(m.procs[1].ended, true);
	ck_assert_int_eq(m.procs[0].status, 3 << 8);
	ck_assert_int_eq(m.status, 3 << 8);
	ck_assert_int_eq(m.complete, true);
	bt_model__free(&m);
}
END_TEST

/*
 * cat in | tr > out.tmp; mv out.tmp out; link reads out and extra.h,
 * writes final through a scratch file it removes:
 * out <- in (through the pipe), final <- extra.h, out.
 */
START_TEST(test_deps)
{
	static const char *const cat[] = { "cat", "in", NULL }, *const tr[] = { "tr", NULL };
	int fds[2] = { 3, 4 };
	struct bt_filter filter = { .n = 0 };
	const __u32 *inputs;
	struct bt_deps *d;
	struct bt_model m;
	struct seen s;
	struct tb t;
	size_t n, i, outputs = 0;

	tb_init(&t, "/w", (const char *const[]){ "sh", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_PIPE2, 0, NULL, NULL, NULL, fds, sizeof(fds));
	tb_fork(&t, 10, 10, 11, 11, 0x11);
	tb_fork(&t, 10, 10, 12, 12, 0x11);
	tb_sc(&t, 10, 10, BT_OP_CLOSE, 0, TB_ARGS(3), NULL, NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_CLOSE, 0, TB_ARGS(4), NULL, NULL, NULL, 0);
	/* 11: stdout the pipe, runs cat on in */
	tb_sc(&t, 11, 11, BT_OP_DUP2, 1, TB_ARGS(4, 1), NULL, NULL, NULL, 0);
	tb_sc(&t, 11, 11, BT_OP_CLOSE, 0, TB_ARGS(3), NULL, NULL, NULL, 0);
	tb_exec(&t, 11, 11, "/usr/bin/cat", cat);
	tb_sc(&t, 11, 11, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_RDONLY), "in", NULL,
	      NULL, 0);
	/* 12: stdin the pipe, stdout out.tmp, runs tr */
	tb_sc(&t, 12, 12, BT_OP_DUP2, 0, TB_ARGS(3, 0), NULL, NULL, NULL, 0);
	tb_sc(&t, 12, 12, BT_OP_CLOSE, 0, TB_ARGS(4), NULL, NULL, NULL, 0);
	tb_sc(&t, 12, 12, BT_OP_OPENAT, 1, TB_ARGS(AT_CWD, 0, O_WRONLY | O_CREAT | O_TRUNC),
	      "out.tmp", NULL, NULL, 0);
	tb_exec(&t, 12, 12, "/usr/bin/tr", tr);
	/* 10: mv, then the link */
	tb_sc(&t, 10, 10, BT_OP_RENAME, 0, NULL, "out.tmp", "out", NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_RDONLY), "out", NULL,
	      NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 4, TB_ARGS(AT_CWD, 0, O_RDONLY), "extra.h",
	      NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 5, TB_ARGS(AT_CWD, 0, O_RDONLY), "/usr/lib/crt1.o",
	      NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 6, TB_ARGS(AT_CWD, 0, O_WRONLY | O_CREAT),
	      "final", NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_MKDIR, 0, TB_ARGS(0, 0755), "objdir", NULL, NULL, 0);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert_int_eq(bt_deps__build(&d, &m, &filter), 0);

	for (i = 1; i < m.nr_paths; i++) {
		const char *p = bt_model__path(&m, (__u32)i);

		if (!bt_deps__is_output(d, (__u32)i))
			continue;
		outputs++;
		ck_assert_int_eq(bt_deps__inputs(d, (__u32)i, &inputs, &n), 0);
		if (!strcmp(p, "/w/out")) {
			ck_assert_uint_eq(n, 1);
			ck_assert_str_eq(bt_model__path(&m, inputs[0]), "/w/in");
		} else if (!strcmp(p, "/w/final")) {
			ck_assert_uint_eq(n, 2);
			ck_assert_str_eq(bt_model__path(&m, inputs[0]), "/w/extra.h");
			ck_assert_str_eq(bt_model__path(&m, inputs[1]), "/w/out");
		} else {
			ck_abort_msg("%s is not an output", p);
		}
	}
	ck_assert_uint_eq(outputs, 2);
	bt_deps__free(d);
	bt_model__free(&m);
}
END_TEST

/* A build that wrote nothing: no output, and no sort of an empty array. */
START_TEST(test_deps_no_writes)
{
	struct bt_filter filter = { .n = 0 };
	const __u32 *inputs;
	struct bt_deps *d;
	struct bt_model m;
	struct seen s;
	struct tb t;
	size_t n = 7, i;

	tb_init(&t, "/w", (const char *const[]){ "true", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_RDONLY), "in", NULL,
	      NULL, 0);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert_int_eq(bt_deps__build(&d, &m, &filter), 0);
	for (i = 1; i < m.nr_paths; i++)
		ck_assert(!bt_deps__is_output(d, (__u32)i));
	ck_assert_int_eq(bt_deps__inputs(d, 1, &inputs, &n), 0);
	ck_assert_uint_eq(n, 0);
	bt_deps__free(d);
	bt_model__free(&m);
}
END_TEST

START_TEST(test_path_join)
{
	static const char *const cases[][3] = {
		{ "/w", "a/b", "/w/a/b" },
		{ "/w/x", "../y", "/w/y" },
		{ "/w", "../../..", "/" },
		{ "/w", "/abs/./p//q/", "/abs/p/q" },
		{ "/", "", "/" },
		{ "/w/", ".", "/w" },
		{ "/a/b", "c/../../d", "/a/d" },
	};
	char buf[64], tiny[8];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_uint_eq(bt_path_join(buf, sizeof(buf), cases[i][0], cases[i][1]),
				  strlen(cases[i][2]));
		ck_assert_str_eq(buf, cases[i][2]);
	}
	/* cut, never overrun */
	bt_path_join(tiny, sizeof(tiny), "/aaaa", "bbbbbbbb");
	ck_assert_str_eq(tiny, "/aaaa/b");
	ck_assert_int_eq(bt_path_under("/usr/lib/x", "/usr"), true);
	ck_assert_int_eq(bt_path_under("/usr", "/usr/"), true);
	ck_assert_int_eq(bt_path_under("/usrlocal/x", "/usr"), false);
	ck_assert_int_eq(bt_path_under("/tmp", "/"), true);
}
END_TEST

START_TEST(test_compilers)
{
	static const char *const yes[] = {
		"cc", "/usr/bin/gcc", "clang", "c++", "g++", "clang++", "gcc-12",
		"x86_64-linux-gnu-gcc-12", "clang-14.0", "/opt/x/aarch64-none-elf-g++",
	};
	static const char *const no[] = {
		"ccache", "gcc-ar", "ld", "cc1", "as", "-gcc", "gcc-", "distcc",
	};
	const char *argv[] = { "gcc", "-O2", "-I", "x.c", "-c", "a.c", "-o",
			       "b.c", "sub/c.cpp", NULL };
	struct bt_exec_image img = { .argv = (char **)argv, .argc = 9 };
	size_t i;
	int first;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(bt_is_compiler(yes[i]), "%s is a compiler", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!bt_is_compiler(no[i]), "%s is no compiler", no[i]);
	/* -I x.c and -o b.c are values, not sources */
	ck_assert_int_eq(bt_compile_sources(&img, "/usr/bin/gcc", &first), 2);
	ck_assert_int_eq(first, 5);
	argv[4] = "-E";
	ck_assert_int_eq(bt_compile_sources(&img, "/usr/bin/gcc", &first), 0);
}
END_TEST

static void assert_strings(char *const *v, int n, const char *const *want)
{
	int i;

	for (i = 0; want[i]; i++) {
		ck_assert_msg(i < n, "%d strings; wanted \"%s\"", n, want[i]);
		ck_assert_str_eq(v[i], want[i]);
	}
	ck_assert_int_eq(n, i);
	ck_assert_ptr_null(v[n]);
}

/*
 * The environment comes after argv, in chunks of its own; a cut one is
 * said so; a trace recorded with --no-env, or in version 1, has none.
 */
START_TEST(test_env)
{
	static const char *const argv[] = { "cc", "-c", "a.c", NULL };
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_exec(&t, 10, 10, "/usr/bin/cc", argv);
	tb_chunk(&t, 10, 10, BT_ENV, 0, 0, (const char *const[]){ "A=1", "B=", NULL });
	tb_chunk(&t, 10, 10, BT_ENV, BT_ARGV_LAST, 2,
		 (const char *const[]){ "CFLAGS=-O2 -g", NULL });
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec(&t, 20, 20, "/usr/bin/cc", argv);
	tb_chunk(&t, 20, 20, BT_ENV, BT_ARGV_LAST | BT_ARGV_TRUNCATED, 0,
		 (const char *const[]){ "A=2", NULL });
	tb_fork(&t, 10, 10, 30, 30, 0x11);
	tb_exec(&t, 30, 30, "/usr/bin/cc", argv);	/* no chunk: lost */
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert(m.env_recorded);
	ck_assert_uint_eq(m.nr_execs, 3);
	assert_strings(m.execs[0].argv, m.execs[0].argc, argv);
	assert_strings(m.execs[0].env, m.execs[0].nr_env,
		       (const char *const[]){ "A=1", "B=", "CFLAGS=-O2 -g", NULL });
	ck_assert(!m.execs[0].env_truncated && !m.execs[0].env_unreadable);
	assert_strings(m.execs[1].env, m.execs[1].nr_env,
		       (const char *const[]){ "A=2", NULL });
	ck_assert(m.execs[1].env_truncated);
	ck_assert_int_eq(m.execs[2].nr_env, 0);
	ck_assert(m.execs[2].env_truncated);
	bt_model__free(&m);

	/* --no-env: chunks or not, no environment */
	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_header(&t, BT_FILE_VERSION, BT_FILE_NO_ENV);
	tb_exec(&t, 10, 10, "/usr/bin/cc", argv);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert(!m.env_recorded);
	ck_assert_ptr_null(m.execs[0].env);
	bt_model__free(&m);

	/* version 1 */
	tb_init(&t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_header(&t, 1, 0);
	tb_exec(&t, 10, 10, "/usr/bin/cc", argv);
	tb_end(&t, 0);
	replay(&t, &m, &s);
	ck_assert(!m.env_recorded);
	ck_assert_ptr_null(m.execs[0].env);
	assert_strings(m.execs[0].argv, m.execs[0].argc, argv);
	bt_model__free(&m);
}
END_TEST

/*
 * Before 6.10, an exec whose strings its caller never touched: read at
 * entry, nothing; the new image's own copy, read at its return, gives
 * the path (AT_EXECFN), argv and the environment. A thread's exec goes
 * on under the leader's tid.
 */
START_TEST(test_image_recovered)
{
	static const char *const argv[] = { "true", "cold-arg-one", NULL };
	static const char *const env[] = { "HOME=/root", NULL };
	static const char *const none[] = { NULL };
	const __u16 unread = BT_ARGV_LAST | BT_ARGV_UNREADABLE;
	const __u16 image = BT_ARGV_LAST | BT_ARGV_IMAGE;
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_fork(&t, 10, 10, 11, 10, CLONE_THREADS);
	tb_exec_at(&t, 11, 10, BT_EXEC_PENDING, AT_FDCWD, NULL);
	tb_chunk(&t, 11, 10, BT_ARGV, unread, 0, none);
	tb_chunk(&t, 11, 10, BT_ENV, unread, 0, none);
	tb_exec_done(&t, 10, 10, 11);
	tb_chunk(&t, 10, 10, BT_ARGV, image, 0, argv);
	tb_chunk(&t, 10, 10, BT_ENV, image, 0, env);
	tb_exec_file(&t, 10, 10, "bin/true");
	tb_end(&t, 0);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){ "exec exec /w/bin/true", NULL });
	ck_assert_uint_eq(m.nr_execs, 1);
	ck_assert_uint_eq(m.execs[0].tid, 11);
	assert_strings(m.execs[0].argv, m.execs[0].argc, argv);
	assert_strings(m.execs[0].env, m.execs[0].nr_env, env);
	ck_assert(!m.execs[0].unreadable && !m.execs[0].truncated);
	ck_assert(!m.execs[0].env_unreadable && !m.execs[0].env_truncated);
	bt_model__free(&m);
}
END_TEST

/*
 * execveat's file from AT_EXECFN: "/dev/fd/N/NAME" is NAME under dirfd
 * N, "/dev/fd/N" (AT_EMPTY_PATH) N's own file. What entry did read
 * stays: a script's interpreter gets another argv than the caller gave.
 */
START_TEST(test_image_dirfd_and_kept)
{
	static const char *const script[] = { "./s.sh", "a", NULL };
	static const char *const interp[] = { "/bin/sh", "./s.sh", "a", NULL };
	static const char *const env[] = { "V=1", NULL };
	static const char *const none[] = { NULL };
	const __u16 image = BT_ARGV_LAST | BT_ARGV_IMAGE;
	struct bt_model m;
	struct seen s;
	struct tb t;

	tb_init(&t, "/w", (const char *const[]){ "x", NULL }, 10);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(AT_CWD, 0, O_DIRECTORY), "d",
	      NULL, NULL, 0);
	tb_sc(&t, 10, 10, BT_OP_OPENAT, 4, TB_ARGS(AT_CWD, 0, O_RDONLY), "d/prog",
	      NULL, NULL, 0);
	tb_fork(&t, 10, 10, 20, 20, 0x11);
	tb_exec_at(&t, 20, 20, BT_EXEC_PENDING, 3, NULL);
	tb_chunk(&t, 20, 20, BT_ARGV, BT_ARGV_LAST | BT_ARGV_UNREADABLE, 0, none);
	tb_chunk(&t, 20, 20, BT_ENV, BT_ARGV_LAST, 0, env);
	tb_exec_done(&t, 20, 20, 20);
	tb_chunk(&t, 20, 20, BT_ARGV, image, 0, script);
	tb_chunk(&t, 20, 20, BT_ENV, image, 0, (const char *const[]){ "V=2", NULL });
	tb_exec_file(&t, 20, 20, "/dev/fd/3/tool");
	tb_fork(&t, 10, 10, 30, 30, 0x11);
	tb_exec_at(&t, 30, 30, BT_EXEC_PENDING, 4, NULL);
	tb_chunk(&t, 30, 30, BT_ARGV, BT_ARGV_LAST | BT_ARGV_UNREADABLE, 0, none);
	tb_chunk(&t, 30, 30, BT_ENV, BT_ARGV_LAST, 0, env);
	tb_exec_done(&t, 30, 30, 30);
	tb_chunk(&t, 30, 30, BT_ARGV, image, 0, script);
	tb_exec_file(&t, 30, 30, "/dev/fd/4");
	tb_fork(&t, 10, 10, 40, 40, 0x11);
	tb_exec_at(&t, 40, 40, BT_EXEC_PENDING, AT_FDCWD, "./s.sh");
	tb_chunk(&t, 40, 40, BT_ARGV, BT_ARGV_LAST, 0, script);
	tb_chunk(&t, 40, 40, BT_ENV, BT_ARGV_LAST | BT_ARGV_UNREADABLE, 0, none);
	tb_exec_done(&t, 40, 40, 40);
	tb_chunk(&t, 40, 40, BT_ARGV, image, 0, interp);
	tb_chunk(&t, 40, 40, BT_ENV, image, 0, env);
	tb_exec_file(&t, 40, 40, "./s.sh");
	tb_end(&t, 0);
	replay(&t, &m, &s);
	assert_seen(&s, (const char *const[]){
		"openat read /w/d",
		"openat read /w/d/prog",
		"exec exec /w/d/tool",
		"exec exec /w/d/prog",
		"exec exec /w/s.sh",
		NULL });
	ck_assert_uint_eq(m.nr_execs, 3);
	/* entry read the environment: the image's is not taken */
	assert_strings(m.execs[0].argv, m.execs[0].argc, script);
	assert_strings(m.execs[0].env, m.execs[0].nr_env, env);
	/* the caller's argv, not the interpreter's; the image's environment */
	assert_strings(m.execs[2].argv, m.execs[2].argc, script);
	assert_strings(m.execs[2].env, m.execs[2].nr_env, env);
	ck_assert(!m.execs[2].env_unreadable);
	bt_model__free(&m);
}
END_TEST

START_TEST(test_op_names)
{
	unsigned int op;

	for (op = 1; op < BT_NR_OPS; op++)
		ck_assert_msg(strcmp(bt_op_name(op), "?"), "op %u has no name", op);
	ck_assert_str_eq(bt_op_name(BT_OP_OPENAT2), "openat2");
	ck_assert_str_eq(bt_op_name(BT_NR_OPS), "?");
}
END_TEST

Suite *buildtrace_replay_suite(void)
{
	Suite *s = suite_create("buildtrace_replay");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dirfd_and_chdir);
	tcase_add_test(tc, test_dup_close_fork);
	tcase_add_test(tc, test_close_on_exec);
	tcase_add_test(tc, test_crafted_fd_and_tids);
	tcase_add_test(tc, test_rename_and_status);
	tcase_add_test(tc, test_deps);
	tcase_add_test(tc, test_deps_no_writes);
	tcase_add_test(tc, test_path_join);
	tcase_add_test(tc, test_compilers);
	tcase_add_test(tc, test_op_names);
	tcase_add_test(tc, test_env);
	tcase_add_test(tc, test_image_recovered);
	tcase_add_test(tc, test_image_dirfd_and_kept);
	suite_add_tcase(s, tc);
	return s;
}
