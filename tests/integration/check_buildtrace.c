// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace against the real kernel: the workloads' file events with
 * their paths made absolute, whole argument vectors, exit statuses, in
 * each way the recorder can run; a small C project built by make under
 * record, with its exact dependencies, compile database and probes; and
 * the command line's answers to bad input.
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
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"
#include "tests/integration/workload_bt.h"

/* A recording and its normalized events. */
struct bt_run {
	struct proc rec;	/* buildtrace record */
	struct proc norm;	/* buildtrace normalize */
	struct jsonl j;
	char trace[PATH_MAX];
};

static const char *in_case(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", case_dir, name);
	return buf;
}

/*
 * barebpf buildtrace record -o case_dir/name.trace [FLAGS] [env] -- SELF
 * workload ARGS..., then normalize it. timeout_ms 0: RUN_TIMEOUT_MS.
 */
static void bt_record_opts(struct bt_run *r, const char *name,
			   const char *const *env, int timeout_ms,
			   const char *const *flags, const char *const *workload)
{
	struct run_opts opts = { .env = env, .timeout_ms = timeout_ms };
	struct args a = { .n = 0 };
	char file[64];
	int err;

	memset(r, 0, sizeof(*r));
	snprintf(file, sizeof(file), "%s.trace", name);
	in_case(r->trace, file);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", r->trace, NULL);
	if (flags)
		args__addv(&a, flags);
	args__add(&a, "--", self_path(), "workload", NULL);
	args__addv(&a, workload);
	err = run(&r->rec, a.v, &opts);
	ck_assert_msg(err >= 0 && !r->rec.timed_out, "record did not end: %s",
		      r->rec.err);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "normalize", r->trace, NULL);
	err = run(&r->norm, a.v, NULL);
	ck_assert_msg(err == 0, "normalize exited %d: %s", err, r->norm.err);
	ck_assert_msg(jsonl_parse(&r->j, r->norm.out) == 0,
		      "normalize line %d is not JSON: %s", r->j.bad_line, r->j.err);
}

static void bt_record(struct bt_run *r, const char *name,
		      const char *const *env, const char *const *workload)
{
	bt_record_opts(r, name, env, 0, NULL, workload);
}

static void bt_record_flags(struct bt_run *r, const char *name,
			    const char *const *flags, const char *const *workload)
{
	bt_record_opts(r, name, NULL, 0, flags, workload);
}

static void bt_run__free(struct bt_run *r)
{
	jsonl__free(&r->j);
	proc__free(&r->rec);
	proc__free(&r->norm);
}

/*
 * Where the last 3000 bytes of text start: Check refuses a message of
 * more than some 4 KiB, ending the test without saying why.
 */
static size_t tail_from(const char *text)
{
	size_t len = strlen(text);

	return len > 3000 ? len - 3000 : 0;
}

/* True when the string array key holds s at index i. */
static bool item_is(const struct json_object *o, const char *key, size_t i,
		    const char *s)
{
	const struct json_value *v = json_get(o, key);

	return v && v->type == JSON_ARRAY && i < v->nr_items &&
	       !strcmp(v->items[i].s, s);
}

/* Events named event whose paths include path. */
static int count_touching(const struct bt_run *r, const char *event,
			  const char *path)
{
	const struct json_value *v;
	size_t i, k;
	int n = 0;

	for (i = 0; i < r->j.n; i++) {
		const char *e = json_str(r->j.objs[i], "event");

		v = json_get(r->j.objs[i], "paths");
		if (!e || strcmp(e, event) || !v || v->type != JSON_ARRAY)
			continue;
		for (k = 0; k < v->nr_items; k++)
			if (!strcmp(v->items[k].s, path)) {
				n++;
				break;
			}
	}
	return n;
}

/* The one event named event whose paths include path. */
static const struct json_object *touching(const struct bt_run *r,
					  const char *event, const char *path)
{
	const struct json_value *v;
	const struct json_object *found = NULL;
	size_t i, k;

	ck_assert_msg(count_touching(r, event, path) == 1,
		      "%d %s events on %s, not 1; normalized (the end):\n%s",
		      count_touching(r, event, path), event, path, r->norm.out + tail_from(r->norm.out));
	for (i = 0; i < r->j.n && !found; i++) {
		v = json_get(r->j.objs[i], "paths");
		if (strcmp(json_str(r->j.objs[i], "event") ?: "", event) ||
		    !v || v->type != JSON_ARRAY)
			continue;
		for (k = 0; k < v->nr_items; k++)
			if (!strcmp(v->items[k].s, path))
				found = r->j.objs[i];
	}
	return found;
}

/* The one event named event of process pid. */
static const struct json_object *of_pid(const struct bt_run *r,
					const char *event, long long pid)
{
	const struct json_object *found = NULL;
	long long p;
	size_t i;
	int n = 0;

	for (i = 0; i < r->j.n; i++) {
		const char *e = json_str(r->j.objs[i], "event");

		if (e && !strcmp(e, event) && json_int(r->j.objs[i], "pid", &p) &&
		    p == pid) {
			found = r->j.objs[i];
			n++;
		}
	}
	ck_assert_msg(n == 1, "%d %s events of pid %lld, not 1; normalized (the end):\n%s",
		      n, event, pid, r->norm.out + tail_from(r->norm.out));
	return found;
}

static long reported(const struct bt_run *r, const char *key)
{
	long v;

	ck_assert_msg(workload_report(r->rec.err, key, &v),
		      "the workload did not report %s; stderr:\n%s", key, r->rec.err);
	return v;
}

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

/*
 * How an exec's argv is read: as the kernel offers (sched_prepare_exec
 * from 6.10, else at entry), at entry (as before 6.10), or at entry
 * with the vector in no page of the child's, so that only the new
 * image's stack gives it, at the exec's return.
 */
enum argv_way { ARGV_OFFERED, ARGV_AT_ENTRY, ARGV_COLD };

/* exec with n arguments of len bytes: the argv event, checked whole. */
static void check_argv(long n, long len, long kept, bool truncated,
		       enum argv_way way)
{
	static const char *const entry_env[] = { "BAREBPF_NO_PREPARE_EXEC=1", NULL };
	static const char *const names[] = { "argv", "argv_at_entry", "argv_cold" };
	char sn[16], sl[16], *arg = malloc((size_t)len + 1);
	const char *wl[] = { "bt-argv", sn, sl, way == ARGV_COLD ? "cold" : NULL, NULL };
	const struct json_object *e;
	const struct json_value *v;
	struct bt_run r;
	long i;

	ck_assert_ptr_nonnull(arg);
	snprintf(sn, sizeof(sn), "%ld", n);
	snprintf(sl, sizeof(sl), "%ld", len);
	bt_record(&r, names[way], way == ARGV_OFFERED ? NULL : entry_env, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	v = json_get(e, "argv");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->nr_items, kept + 3);
	ck_assert_str_eq(v->items[0].s, "workload");
	ck_assert_str_eq(v->items[2].s, "true");
	for (i = 0; i < kept; i++) {
		bt_workload_arg(arg, i, len);
		ck_assert_msg(!strcmp(v->items[i + 3].s, arg),
			      "argument %ld differs", i);
	}
	ck_assert_int_eq(ev_bool(e, "argv_truncated"), truncated);
	ck_assert_int_eq(ev_bool(e, "argv_unreadable"), false);
	/*
	 * The environment shares the chunks with argv: a whole one leaves
	 * it room; 1024 arguments take every chunk and leave it none. Cold,
	 * entry stops at the vector's first word and reads the environment
	 * whole, and the new image's stack gives argv, cut as at entry.
	 */
	v = json_get(e, "env");
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(ev_bool(e, "env_truncated") == (truncated && way != ARGV_COLD),
		      "env_truncated %d with %zu variables, argv read %s; record's stderr:\n%.2000s",
		      ev_bool(e, "env_truncated"), v->nr_items, names[way], r.rec.err);
	ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
	if (truncated && way != ARGV_COLD)
		ck_assert_uint_eq(v->nr_items, 0);
	else
		ck_assert_uint_eq(v->nr_items, reported(&r, "env"));
	free(arg);
	bt_run__free(&r);
}

/* 600 arguments, 72 KiB: whole; then read at entry, and from the new image. */
START_TEST(test_argv_whole)
{
	check_argv(600, 120, 600, false, _i);
}
END_TEST

/* 1100 arguments: the first 1024 (the three before included), and said. */
START_TEST(test_argv_cut)
{
	check_argv(1100, 8, 1024 - 3, true, _i);
}
END_TEST

/*
 * An environment of n variables of len bytes: what of it is kept, and
 * whether it says it was cut. Its exec's argv takes one chunk; the
 * environment has the other 31, 32 variables each, and a variable
 * longer than a chunk's 8 KiB is cut to fill one.
 */
static const struct {
	long n, len, kept, kept_len;
	bool truncated;
} env_cases[] = {
	{ 50, 100, 50, 100, false },
	{ 1100, 8, 31 * 32, 8, true },
	{ 2, 10000, 2, BT_ARGV_CHUNK_BYTES - 1, true },
};

START_TEST(test_env_bounds)
{
	char sn[16], sl[16], *var = malloc((size_t)env_cases[_i].len + 1);
	const char *wl[] = { "bt-env", sn, sl, NULL };
	const struct json_object *e;
	const struct json_value *v;
	struct bt_run r;
	long i;

	ck_assert_ptr_nonnull(var);
	snprintf(sn, sizeof(sn), "%ld", env_cases[_i].n);
	snprintf(sl, sizeof(sl), "%ld", env_cases[_i].len);
	bt_record(&r, "env", NULL, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	assert_strings(e, "argv", (const char *const[]){ "workload", "workload", "true", NULL });
	v = json_get(e, "env");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->nr_items, env_cases[_i].kept);
	for (i = 0; i < env_cases[_i].kept; i++) {
		bt_workload_var(var, i, env_cases[_i].len);
		var[env_cases[_i].kept_len] = '\0';
		ck_assert_msg(!strcmp(v->items[i].s, var), "variable %ld differs", i);
	}
	ck_assert_int_eq(ev_bool(e, "env_truncated"), env_cases[_i].truncated);
	ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
	free(var);
	bt_run__free(&r);
}
END_TEST

/* record --no-env: exec events without env, and the trace says so. */
START_TEST(test_no_env)
{
	const char *wl[] = { "bt-env", "3", "20", NULL };
	const struct json_object *e;
	struct bt_run r;

	bt_record_flags(&r, "no_env", (const char *const[]){ "--no-env", NULL }, wl);
	assert_status(&r.rec, 0);
	e = of_pid(&r, "exec", reported(&r, "child"));
	assert_strings(e, "argv", (const char *const[]){ "workload", "workload", "true", NULL });
	ck_assert_ptr_null(json_get(e, "env"));
	ck_assert_ptr_null(json_get(e, "env_truncated"));
	bt_run__free(&r);
}
END_TEST

/* An exec event's env holds "NAME=value" exactly once. */
static void assert_env_has(const struct json_object *e, const char *var)
{
	const struct json_value *v = json_get(e, "env");
	size_t i;
	int n = 0;

	ck_assert_msg(v && v->type == JSON_ARRAY, "exec without env");
	for (i = 0; i < v->nr_items; i++)
		n += !strcmp(v->items[i].s, var);
	ck_assert_msg(n == 1, "%s %d times in env", var, n);
}

#define COLD_VAR	"BT_COLD_CHECK=env of a cold exec"

/*
 * The paths that read what entry could not: as the kernel offers
 * (sched_prepare_exec from 6.10), and with it forced off, with and
 * without BTF (which record does not need: it reads the new image's
 * stack at the exec's return); last, with the arguments kept from
 * entry as on arm64, where the return finds its exec another way.
 */
static const char *const cold_envs[][4] = {
	{ COLD_VAR, NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", "BAREBPF_NO_BTF=1", NULL },
	{ COLD_VAR, "BAREBPF_NO_PREPARE_EXEC=1", "BAREBPF_KEEP_ARGS=1", NULL },
};

/*
 * The children's execs from a forkexec or coldexec workload of n: each
 * once, with its path, argv and environment whole; the literals really
 * were not mapped in each child at execv.
 */
static void check_cold(const struct bt_run *r, int n, const char *path,
		       const char *const *want)
{
	long long pid, parent = reported(r, "pid");
	size_t i;
	int execs = 0;

	for (i = 0; i < r->j.n; i++) {
		const struct json_object *e = r->j.objs[i];

		/* the children's execs: all but the workload's own */
		if (strcmp(json_str(e, "event") ?: "", "exec") ||
		    !json_int(e, "pid", &pid) || pid == parent)
			continue;
		assert_strings(e, "argv", want);
		ck_assert_str_eq(ev_str(e, "path"), path);
		ck_assert_int_eq(ev_bool(e, "argv_unreadable"), false);
		ck_assert_int_eq(ev_bool(e, "argv_truncated"), false);
		assert_env_has(e, COLD_VAR);
		ck_assert_int_eq(ev_bool(e, "env_unreadable"), false);
		ck_assert_int_eq(ev_bool(e, "env_truncated"), false);
		execs++;
	}
	ck_assert_msg(execs == n, "%d execs of children, not %d; normalized (the end):\n%s",
		      execs, n, r->norm.out + tail_from(r->norm.out));
	ck_assert_int_eq(reported(r, "unmapped"), n);
}

/*
 * fork+exec from string literals the child never touched: resident only
 * once the kernel reads them, which sched_prepare_exec (6.10) waits for.
 * Before it (and with BAREBPF_NO_PREPARE_EXEC=1) entry cannot read them,
 * and the new image's stack gives them at the exec's return.
 */
START_TEST(test_argv_cold_pages)
{
	struct bt_run r;
	char name[32];

	snprintf(name, sizeof(name), "cold%d", _i);
	bt_record(&r, name, cold_envs[_i], (const char *const[]){ "forkexec", "3", NULL });
	assert_status(&r.rec, 0);
	check_cold(&r, 3, WORKLOAD_FORKEXEC_PATH, (const char *const[]){
			WORKLOAD_FORKEXEC_PATH, WORKLOAD_FORKEXEC_ARGS, NULL });
	bt_run__free(&r);
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
	tcase_add_loop_test(tc, test_argv_whole, 0, 3);
	tcase_add_loop_test(tc, test_argv_cut, 0, 3);
	tcase_add_loop_test(tc, test_argv_cold_pages, 0, 4);
	tcase_add_loop_test(tc, test_env_bounds, 0,
			    sizeof(env_cases) / sizeof(env_cases[0]));
	tcase_add_test(tc, test_no_env);
	tcase_add_test(tc, test_thread_and_kill);
	tcase_add_test(tc, test_status);
	tcase_add_loop_test(tc, test_output_file, 0, 2);
	tcase_add_test(tc, test_lost);
	tcase_add_test(tc, test_output_safe);
	suite_add_tcase(s, tc);
	return s;
}
