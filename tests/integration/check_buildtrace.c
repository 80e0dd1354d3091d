// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace against the real kernel: the workloads' file events with
 * their paths made absolute, exit statuses, in each way the recorder can
 * run, its output files and lost events (argument vectors:
 * check_buildtrace_argv.c; a C project built under record:
 * check_buildtrace_project.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <check.h>
#include "progs/buildtrace/buildtrace.h"
#include "tests/integration/bt_run.h"
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"
#include "tests/integration/workload_bt.h"

/* case_dir/dir/name into buf (PATH_MAX), using tmp (64). */
static const char *in_dir(char *buf, char *tmp, const char *dir,
			  const char *name)
{
	snprintf(tmp, 64, "%s/%s", dir, name);
	return in_case(buf, tmp);
}

/* paths[i] is path, touched with access. */
static void assert_touch(const struct json_object *e, size_t i,
			 const char *path, const char *access)
{
	ck_assert_msg(item_is(e, "paths", i, path), "paths[%zu] is not %s", i, path);
	ck_assert_msg(item_is(e, "access", i, access), "%s is not %s", path, access);
}

/*
 * The event of a libc call that is the syscall plain where this kernel
 * has it, else its *at form (arm64 has no dup2, rename, symlink, ...).
 */
static const char *call(const char *plain, const char *at)
{
	char event[64];

	snprintf(event, sizeof(event), "sys_enter_%s", plain);
	return trace_has_event("syscalls", event) ? plain : at;
}

/* In case_dir/name: see workload_bt.c's files(). */
static void check_files(const char *name, const char *const *env)
{
	char dir[PATH_MAX], p[PATH_MAX], q[PATH_MAX], f[64];
	const char *wl[] = { "bt-files", NULL, NULL };
	const struct json_object *e;
	struct bt_run r;
	long dirfd, cloexec, child;

	wl[1] = case_subdir(dir, name);
	bt_record(&r, name, env, wl);
	assert_status(&r.rec, 0);
	dirfd = reported(&r, "dirfd");
	cloexec = reported(&r, "cloexec");
	child = reported(&r, "child");

	/* openat(open(dir), "rel") */
	e = touching(&r, "openat", in_dir(p, f, name, "rel"));
	assert_touch(e, 0, p, "create");
	ck_assert_int_eq(ev_int(e, "errno"), 0);
	ck_assert_int_ge(ev_int(e, "fd"), 3);
	ck_assert_int_eq(ev_int(e, "flags") & ~(long long)O_LARGEFILE,
			 O_WRONLY | O_CREAT | O_TRUNC);
	ck_assert_int_eq(ev_int(e, "mode"), 0644);
	/* chdir(dir/sub), then "../up" */
	e = touching(&r, "chdir", in_dir(p, f, name, "sub"));
	ck_assert_str_eq(ev_str(e, "cwd"), p);
	assert_touch(touching(&r, "openat", in_dir(p, f, name, "up")), 0, p, "create");
	/* dup2(dirfd, 10), then openat(10, "viadup") */
	assert_touch(touching(&r, "openat", in_dir(p, f, name, "viadup")), 0, p,
		     "create");
	e = of_pid(&r, call("dup2", "dup3"), reported(&r, "pid"));
	ck_assert_int_eq(ev_int(e, "fd"), dirfd);
	ck_assert_int_eq(ev_int(e, "newfd"), BT_WORKLOAD_DUPFD);
	/*
	 * a stat of what is not there: stat() is newfstatat on some libcs,
	 * statx on a 32-bit one with 64-bit times (glibc's armhf)
	 */
	in_dir(p, f, name, "sub/nowhere/x");
	e = touching(&r, count_touching(&r, "stat", p) ? "stat" :
			 count_touching(&r, "statx", p) ? "statx" : "newfstatat", p);
	assert_touch(e, 0, p, "probe-missing");
	ck_assert_int_eq(ev_int(e, "errno"), ENOENT);
	/* rename t.tmp -> t, made absolute from the cwd */
	e = touching(&r, call("rename", "renameat"), in_dir(p, f, name, "sub/t"));
	assert_touch(e, 0, in_dir(q, f, name, "sub/t.tmp"), "rename-from");
	assert_touch(e, 1, p, "rename-to");
	e = touching(&r, call("symlink", "symlinkat"), in_dir(p, f, name, "sub/link"));
	ck_assert_str_eq(ev_str(e, "target"), "t");
	assert_touch(touching(&r, call("readlink", "readlinkat"), p), 0, p, "read");
	assert_touch(touching(&r, call("unlink", "unlinkat"), p), 0, p, "delete");
	/* the child: fd 10 inherited, the close-on-exec one gone */
	e = of_pid(&r, "exec", child);
	ck_assert_str_eq(ev_str(e, "cwd"), in_dir(p, f, name, "sub"));
	snprintf(q, sizeof(q), "%ld", cloexec);
	assert_strings(e, "argv", (const char *const[]){ "workload", "workload",
			"bt-child", q, NULL });
	ck_assert_int_eq(ev_bool(e, "argv_truncated"), false);
	e = touching(&r, "openat", in_dir(p, f, name, "inherited"));
	ck_assert_int_eq(ev_int(e, "pid"), child);
	assert_touch(e, 0, p, "create");
	e = touching(&r, "openat", "closed");
	ck_assert_int_eq(ev_int(e, "errno"), EBADF);
	ck_assert_int_eq(ev_bool(e, "unresolved"), true);
	ck_assert_int_ge(cloexec, 20);
	ck_assert_int_eq(ev_int(of_pid(&r, "exit", child), "code"), 3);
	bt_run__free(&r);
}

START_TEST(test_files)
{
	check_files("files", NULL);
}
END_TEST

/* As on arm64: arguments kept from entry to exit. */
START_TEST(test_files_kept_args)
{
	check_files("kept", (const char *const[]){ "BAREBPF_KEEP_ARGS=1", NULL });
}
END_TEST

/* As before 6.10: the exec read at entry. */
START_TEST(test_files_no_prepare_exec)
{
	check_files("at_entry", (const char *const[]){ "BAREBPF_NO_PREPARE_EXEC=1", NULL });
}
END_TEST
/* A thread's open is its process's; a child killed is said so. */
START_TEST(test_thread_and_kill)
{
	char path[PATH_MAX];
	const char *wl[] = { "bt-thread-kill", path, NULL };
	const struct json_object *e, *start;
	long long pid;
	struct bt_run r;
	size_t i;
	int threads;

	in_case(path, "present");
	ck_assert_int_eq(write_file(path, "x\n", 0644), 0);
	bt_record(&r, "thread", NULL, wl);
	assert_status(&r.rec, 0);
	start = r.j.objs[0];
	ck_assert_str_eq(ev_str(start, "event"), "start");
	pid = ev_int(start, "pid");
	e = touching(&r, count_touching(&r, "open", path) ? "open" : "openat", path);
	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_ne(ev_int(e, "tid"), pid);
	ck_assert_int_eq(ev_int(e, "fd"), reported(&r, "thread_fd"));
	assert_touch(e, 0, path, "read");
	/* the thread's creation, told from a process's */
	for (i = 0, threads = 0; i < r.j.n; i++) {
		e = r.j.objs[i];
		if (!strcmp(json_str(e, "event") ?: "", "fork") &&
		    ev_int(e, "pid") == pid && ev_bool(e, "thread")) {
			ck_assert_int_eq(ev_int(e, "child"), pid);
			threads++;
		}
	}
	ck_assert_int_eq(threads, 1);
	e = of_pid(&r, "exit", reported(&r, "killed"));
	ck_assert_int_eq(ev_int(e, "signal"), SIGKILL);
	ck_assert_int_eq(ev_bool(e, "thread"), false);
	bt_run__free(&r);
}
END_TEST

/* record exits as COMMAND did, and the trace keeps the status. */
START_TEST(test_status)
{
	const struct json_object *end;
	struct bt_run r;

	bt_record(&r, "status", NULL, (const char *const[]){ "exit", "7", NULL });
	assert_status(&r.rec, 7);
	end = r.j.objs[r.j.n - 1];
	ck_assert_str_eq(ev_str(end, "event"), "end");
	ck_assert_int_eq(ev_int(end, "code"), 7);
	ck_assert_int_eq(ev_int(end, "lost"), 0);
	bt_run__free(&r);

	bt_record(&r, "signal", NULL, (const char *const[]){ "signal", "15", NULL });
	assert_status(&r.rec, 128 + 15);
	end = r.j.objs[r.j.n - 1];
	ck_assert_int_eq(ev_int(end, "signal"), 15);
	bt_run__free(&r);
}
END_TEST

/*
 * normalize and compdb -o FILE write there what they print on stdout;
 * a FILE that cannot be opened, or written, gets one line and exit 1.
 */
START_TEST(test_output_file)
{
	static const char *const cmds[] = { "normalize", "compdb" };
	char out[PATH_MAX], missing[PATH_MAX], want[PATH_MAX + 128];
	struct args a = { .n = 0 };
	struct proc plain, to_file, bad;
	struct bt_run r;
	char *text;

	bt_record(&r, "output", NULL, (const char *const[]){ "exit", "0", NULL });
	in_case(out, "output.out");
	in_case(missing, "no-such-dir/output.out");

	args__add(&a, barebpf_path(), "buildtrace", cmds[_i], r.trace, NULL);
	ck_assert_int_eq(run(&plain, a.v, NULL), 0);
	assert_status(&plain, 0);
	ck_assert_msg(strlen(plain.out) > 2, "%s printed: %s", cmds[_i], plain.out);

	args__add(&a, "-o", out, NULL);
	ck_assert_int_eq(run(&to_file, a.v, NULL), 0);
	assert_status(&to_file, 0);
	ck_assert_str_eq(to_file.out, "");
	text = read_file(out);
	ck_assert_msg(text != NULL, "reading %s: %m", out);
	ck_assert_str_eq(text, plain.out);
	free(text);

	a.v[a.n - 1] = missing;
	ck_assert_int_ge(run(&bad, a.v, NULL), 0);
	assert_status(&bad, 1);
	snprintf(want, sizeof(want),
		 "barebpf buildtrace: %s: creating a file in its directory: No such file or directory\n",
		 missing);
	ck_assert_str_eq(bad.err, want);
	ck_assert_str_eq(bad.out, "");
	proc__free(&bad);

	a.v[a.n - 1] = "/dev/full";
	ck_assert_int_ge(run(&bad, a.v, NULL), 0);
	assert_status(&bad, 1);
	ck_assert_str_eq(bad.err,
			 "barebpf buildtrace: writing /dev/full: No space left on device\n");
	proc__free(&bad);
	proc__free(&to_file);
	proc__free(&plain);
	bt_run__free(&r);
}
END_TEST

/* barebpf buildtrace ARGS..., to its end; the status. */
static int bt_cmd(struct proc *p, const char *const *args)
{
	struct args a = { .n = 0 };

	args__add(&a, barebpf_path(), "buildtrace", NULL);
	args__addv(&a, args);
	ck_assert_int_ge(run(p, a.v, NULL), 0);
	return p->status;
}

/*
 * Files record and normalize write: a trace is 0600; a symbolic link is
 * refused and what it points to untouched; a device is written, never
 * removed; a command that cannot run, a trace that cannot be read, an
 * output that is the input: each leaves what was there as it was.
 */
START_TEST(test_output_safe)
{
	char trace[PATH_MAX], old[PATH_MAX], victim[PATH_MAX], sym[PATH_MAX];
	char full[PATH_MAX], keep[PATH_MAX], want[2 * PATH_MAX + 256];
	char *before, *after;
	struct stat st;
	struct proc p;

	in_case(trace, "safe.trace");
	in_case(old, "old.trace");
	in_case(victim, "victim");
	in_case(sym, "link");
	in_case(full, "full");
	in_case(keep, "keep.json");
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "record", "-o", trace,
		"--", self_path(), "workload", "true", NULL }), 0);
	ck_assert_int_eq(stat(trace, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	proc__free(&p);

	/* The link's target stays as it was. */
	ck_assert_int_eq(write_file(victim, "keep\n", 0644), 0);
	ck_assert_int_eq(symlink(victim, sym), 0);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "record", "-o", sym,
		"--", self_path(), "workload", "true", NULL }), 1);
	snprintf(want, sizeof(want),
		 "barebpf buildtrace: %s: a symbolic link: refusing to write through it (name the file it points to)\n",
		 sym);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "normalize", trace,
		"-o", sym, NULL }), 1);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	after = read_file(victim);
	ck_assert_str_eq(after, "keep\n");
	free(after);

	/* /dev/full's own node: the write fails, the node stays. */
	ck_assert_int_eq(mknod(full, S_IFCHR | 0666, makedev(1, 7)), 0);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "record", "-o", full,
		"--", self_path(), "workload", "true", NULL }), 1);
	snprintf(want, sizeof(want),
		 "barebpf buildtrace: writing %s: No space left on device\n", full);
	ck_assert_str_eq(p.err, want);
	ck_assert_int_eq(stat(full, &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	proc__free(&p);

	/* A command that cannot run leaves the old trace. */
	before = read_file(trace);
	ck_assert_ptr_nonnull(before);
	ck_assert_int_eq(link(trace, old), 0);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "record", "-o", old,
		"--", "/nonexistent/cmd", NULL }), 127);
	snprintf(want, sizeof(want),
		 "barebpf buildtrace: /nonexistent/cmd: No such file or directory\n"
		 "barebpf buildtrace: /nonexistent/cmd did not run: %s left as it was\n",
		 old);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);

	/* normalize onto its input, or onto a hard link of it: refused. */
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "normalize", old,
		"-o", old, NULL }), 2);
	snprintf(want, sizeof(want),
		 "barebpf buildtrace: %s is the trace being read: name another output\n",
		 old);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "normalize", trace,
		"-o", old, NULL }), 2);
	proc__free(&p);
	after = read_file(old);
	ck_assert_ptr_nonnull(after);
	ck_assert_mem_eq(after, before, strlen(before));
	free(after);
	free(before);

	/* A trace that cannot be read leaves -o's file as it was. */
	ck_assert_int_eq(write_file(keep, "[]\n", 0644), 0);
	ck_assert_int_eq(bt_cmd(&p, (const char *const[]){ "normalize",
		"/nonexistent.trace", "-o", keep, NULL }), 1);
	ck_assert_str_eq(p.err, "barebpf buildtrace: /nonexistent.trace: No such file or directory\n");
	proc__free(&p);
	after = read_file(keep);
	ck_assert_str_eq(after, "[]\n");
	free(after);
}
END_TEST

/*
 * A ring of one page holds no batch: every batch sent is lost, and
 * record says so, exits 1, and keeps COMMAND's status and the count.
 */
START_TEST(test_lost)
{
	char path[PATH_MAX], trace[PATH_MAX];
	const struct json_object *end;
	struct args a = { .n = 0 };
	struct proc p, n;
	struct jsonl j;

	in_case(path, "present");
	ck_assert_int_eq(write_file(path, "x\n", 0644), 0);
	in_case(trace, "lost.trace");
	args__add(&a, barebpf_path(), "buildtrace", "record", "-b", "1", "-o",
		  trace, "--", self_path(), "workload", "open-many", "2000", path,
		  NULL);
	ck_assert_int_eq(run(&p, a.v, NULL), 1);
	ck_assert_msg(strstr(p.err, "warning: events were lost"), "stderr:\n%s", p.err);
	ck_assert_msg(strstr(p.err, "events lost in batches the ring had no room for"),
		      "stderr:\n%s", p.err);
	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "normalize", trace, NULL);
	ck_assert_int_eq(run(&n, a.v, NULL), 0);
	ck_assert_msg(strstr(n.err, "events were lost while recording"), "%s", n.err);
	ck_assert_int_eq(jsonl_parse(&j, n.out), 0);
	end = j.objs[j.n - 1];
	ck_assert_str_eq(ev_str(end, "event"), "end");
	ck_assert_int_eq(ev_int(end, "code"), 0);
	/* 2000 opens and closes at least, less what the last batches held */
	ck_assert_int_ge(ev_int(end, "lost"), 2000);
	jsonl__free(&j);
	proc__free(&n);
	proc__free(&p);
}
END_TEST

Suite *buildtrace_suite(void)
{
	Suite *s = suite_create("buildtrace");
	TCase *tc = tcase_create("record");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_files_kept_args);
	tcase_add_test(tc, test_files_no_prepare_exec);
	tcase_add_test(tc, test_thread_and_kill);
	tcase_add_test(tc, test_status);
	tcase_add_loop_test(tc, test_output_file, 0, 2);
	tcase_add_test(tc, test_lost);
	tcase_add_test(tc, test_output_safe);
	suite_add_tcase(s, tc);
	return s;
}
