// SPDX-License-Identifier: GPL-2.0
/*
 * exitsnoop against the real kernel: children that end each way (exit
 * codes, SIGKILL, a SIGTERM the kernel turns into a group SIGKILL, abort,
 * a core dump, a thread group's exit_group, a leader that leaves first),
 * each checked against the status waitpid() gave their parent, with BTF
 * and without it; the filters; a kernel whose sched_process_exit has no
 * group_dead; and libbpf-tools' exitsnoop over the same workload.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <check.h>
#include "loader/format.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"
#include "tests/integration/yardstick.h"

/* The two ways of knowing a status: BTF, and the tracepoints alone. */
static const char *const no_btf_env[] = { "BAREBPF_NO_BTF=1", NULL };
static const struct run_opts modes[] = { { .env = NULL }, { .env = no_btf_env } };

/* What "workload exits" does, and the status each end must give. */
static const struct {
	const char *name;
	int status;		/* -1: as waitpid() says (a core may be dumped) */
} ends[] = {
	{ "exit0", 0 },
	{ "exit3", 3 << 8 },
	{ "sigkill", SIGKILL },
	{ "sigterm", SIGTERM },
	{ "abort", SIGABRT },
	{ "segv", -1 },
	{ "group7", 7 << 8 },
	/* exit(4), then its thread's exit(5): 5 from 5.18 on, 4 before */
	{ "leader", -1 },
};

#define NR_ENDS ((int)(sizeof(ends) / sizeof(ends[0])))

static const char *const json[] = { "--json", NULL };

static long child_of(const struct trace *t, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "child-%s", name);
	return workload_value(t, key);
}

static long status_of(const struct trace *t, int i)
{
	char key[64];
	long st;

	snprintf(key, sizeof(key), "status-%s", ends[i].name);
	st = workload_value(t, key);
	if (ends[i].status >= 0)
		ck_assert_msg(st == ends[i].status, "%s: waitpid gave %#lx, not %#x",
			      ends[i].name, st, ends[i].status);
	else if (!strcmp(ends[i].name, "segv"))
		ck_assert_int_eq(st & 0x7f, SIGSEGV);
	else
		ck_assert_msg(st == 5 << 8 || st == 4 << 8, "leader: %#lx", st);
	return st;
}

/*
 * Whether this kernel's sched_process_exit says when a process ends
 * (group_dead, in recent kernels). Without, a process ends here with its
 * leader's exit.
 */
static bool has_group_dead(void)
{
	struct tp_format *fmt = tp_format__load("sched", "sched_process_exit");
	bool has;

	ck_assert_ptr_nonnull(fmt);
	has = tp_format__field(fmt, "group_dead") != NULL;
	tp_format__free(fmt);
	return has;
}

/* Every value of "workload: KEY N" lines, into vals; their number. */
static int values_of(const char *text, const char *key, long *vals, int max)
{
	char needle[64];
	const char *p = text;
	int n = 0;

	snprintf(needle, sizeof(needle), "workload: %s ", key);
	while (n < max && (p = strstr(p, needle)) != NULL) {
		p += strlen(needle);
		vals[n++] = strtol(p, NULL, 10);
	}
	return n;
}

/* Events of process pid, into evs; their number. */
static int events_of(const struct trace *t, long pid,
		     const struct json_object **evs, int max)
{
	long long v;
	size_t i;
	int n = 0;

	for (i = 0; i < t->j.n; i++)
		if (json_int(t->j.objs[i], "pid", &v) && v == pid && n < max)
			evs[n++] = t->j.objs[i];
	return n;
}

static const struct json_object *event_of(const struct trace *t, long pid)
{
	const struct json_object *e[4];

	ck_assert_msg(events_of(t, pid, e, 4) == 1, "%d events of pid %ld, not 1; output:\n%s",
		      events_of(t, pid, e, 4), pid, t->p.out);
	return e[0];
}

/* status, and the code, signal and core_dumped it splits into */
static void assert_status_fields(const struct json_object *e, long status)
{
	ck_assert_int_eq(ev_int(e, "status"), status);
	ck_assert_int_eq(ev_int(e, "code"), (status >> 8) & 0xff);
	ck_assert_int_eq(ev_int(e, "signal"), status & 0x7f);
	ck_assert_int_eq(ev_bool(e, "core_dumped"), (status & 0x80) != 0);
}

/* What every end of a child shows: who, whose child, when, how old. */
static void assert_child(const struct trace *t, const struct json_object *e,
			 long pid)
{
	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "ppid"), workload_value(t, "pid"));
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
	ck_assert_int_ge(ev_int(e, "age_ns"), 0);
	ck_assert_int_lt(ev_int(e, "age_ns"), t->end_ns - t->start_ns);
}

START_TEST(test_every_end)
{
	const char *wl[] = { "exits", case_dir, NULL };
	const struct json_object *e;
	long pid, tids[2];
	struct trace t;
	int i;

	trace_run_opts(&t, &modes[_i], "exitsnoop", json, wl);
	assert_status(&t.p, 0);
	for (i = 0; i < NR_ENDS; i++) {
		pid = child_of(&t, ends[i].name);
		e = event_of(&t, pid);
		assert_child(&t, e, pid);
		/* A process ends with its last thread. */
		if (!strcmp(ends[i].name, "group7")) {
			ck_assert_int_eq(values_of(t.p.err, "group7-tid", tids, 2), 2);
			ck_assert_msg(ev_int(e, "tid") == pid || ev_int(e, "tid") == tids[0] ||
				      ev_int(e, "tid") == tids[1], "tid %lld", ev_int(e, "tid"));
		} else if (!strcmp(ends[i].name, "leader") && has_group_dead()) {
			ck_assert_int_eq(ev_int(e, "tid"), workload_value(&t, "leader-tid"));
		} else if (!strcmp(ends[i].name, "leader")) {
			/* with its leader's own exit(4) */
			ck_assert_int_eq(ev_int(e, "tid"), pid);
			assert_status_fields(e, 4 << 8);
			continue;
		} else {
			ck_assert_int_eq(ev_int(e, "tid"), pid);
		}
		assert_status_fields(e, status_of(&t, i));
	}
	/* The command itself, whose parent is the tool. */
	e = event_of(&t, workload_value(&t, "pid"));
	ck_assert_int_eq(ev_int(e, "ppid"), t.p.pid);
	ck_assert_int_ge(ev_int(e, "age_ns"), 0);
	assert_status_fields(e, 0);
	/* Nothing from outside the tree. */
	ck_assert_uint_eq(t.j.n, NR_ENDS + 1);
	trace__free(&t);
}
END_TEST

/* -T: every thread that ends, each with its status and its process's parent. */
static void check_every_thread(const struct run_opts *o)
{
	const char *flags[] = { "-T", "--json", NULL };
	const char *wl[] = { "exits", case_dir, NULL };
	const struct json_object *e[4];
	long pid, tids[2], tid;
	struct trace t;
	int i, n;

	trace_run_opts(&t, o, "exitsnoop", flags, wl);
	assert_status(&t.p, 0);
	/* exit_group(7): each of the three threads ends with 7. */
	pid = child_of(&t, "group7");
	ck_assert_int_eq(values_of(t.p.err, "group7-tid", tids, 2), 2);
	ck_assert_int_eq(events_of(&t, pid, e, 4), 3);
	for (i = 0; i < 3; i++) {
		tid = ev_int(e[i], "tid");
		ck_assert_msg(tid == pid || tid == tids[0] || tid == tids[1], "tid %ld", tid);
		assert_status_fields(e[i], 7 << 8);
		assert_child(&t, e[i], pid);
	}
	ck_assert_int_ne(ev_int(e[0], "tid"), ev_int(e[1], "tid"));
	ck_assert_int_ne(ev_int(e[1], "tid"), ev_int(e[2], "tid"));
	ck_assert_int_ne(ev_int(e[0], "tid"), ev_int(e[2], "tid"));

	/* The leader's exit(4), then its thread's exit(5). */
	pid = child_of(&t, "leader");
	n = events_of(&t, pid, e, 4);
	ck_assert_int_eq(n, 2);
	for (i = 0; i < n; i++) {
		assert_child(&t, e[i], pid);
		if (ev_int(e[i], "tid") == pid) {
			assert_status_fields(e[i], 4 << 8);
		} else {
			ck_assert_int_eq(ev_int(e[i], "tid"), workload_value(&t, "leader-tid"));
			assert_status_fields(e[i], 5 << 8);
		}
	}
	ck_assert_int_ne(ev_int(e[0], "tid"), ev_int(e[1], "tid"));
	/* Single-threaded ones, as ever. */
	ck_assert_int_eq(ev_int(event_of(&t, child_of(&t, "exit3")), "status"), 3 << 8);
	ck_assert_uint_eq(t.j.n, NR_ENDS + 1 + 2 + 1);
	trace__free(&t);
}

START_TEST(test_every_thread)
{
	check_every_thread(&modes[_i]);
}
END_TEST

START_TEST(test_failed_only)
{
	const char *flags[] = { "-x", "--json", NULL };
	const char *wl[] = { "exits", case_dir, NULL };
	struct trace t;
	size_t i;

	trace_run_opts(&t, &modes[_i], "exitsnoop", flags, wl);
	assert_status(&t.p, 0);
	/* All but exit0 and the command itself, which end with 0. */
	ck_assert_uint_eq(t.j.n, NR_ENDS - 1);
	for (i = 0; i < t.j.n; i++)
		ck_assert_int_ne(ev_int(t.j.objs[i], "status"), 0);
	ck_assert_int_eq(ev_int(event_of(&t, child_of(&t, "sigterm")), "status"), SIGTERM);
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "ppid", "tid", "comm",
					    "age_ns", "status", "code", "signal",
					    "core_dumped", NULL };
	const char *wl[] = { "exit", "3", NULL };
	struct trace t;

	trace_run(&t, "exitsnoop", json, wl);
	assert_status(&t.p, 3);
	ck_assert_uint_eq(t.j.n, 1);
	assert_keys(t.j.objs[0], keys);
	assert_status_fields(t.j.objs[0], 3 << 8);
	trace__free(&t);
}
END_TEST

/* The text row of pid in out: fields after PCOMM, and EXIT_CODE. */
static bool text_row(const char *out, long pid, long *ppid, long *tid,
		     char *code, size_t len)
{
	const char *line;
	char age[16];
	long p;
	int n;

	/* AGE is seconds, or "-" where nothing tells a start before the tool's */
	for (line = out; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strlen(line) < 17 ||
		    sscanf(line + 17, "%ld %ld %ld %15s %n", &p, ppid, tid, age, &n) != 4 ||
		    p != pid || (strcmp(age, "-") && strspn(age, "0123456789.") != strlen(age)))
			continue;
		snprintf(code, len, "%.*s", (int)strcspn(line + 17 + n, "\n"), line + 17 + n);
		return true;
	}
	return false;
}

START_TEST(test_text)
{
	static const char header[] = "PCOMM            PID     PPID    TID     AGE(s)  EXIT_CODE\n";
	const char *wl[] = { "exits", case_dir, NULL };
	char code[64], comm[20];
	long ppid, tid, pid, st;
	struct trace t;

	trace_run(&t, "exitsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	snprintf(comm, sizeof(comm), "%-16s ", self_comm());
	ck_assert_msg(strstr(t.p.out, comm), "no comm in:\n%s", t.p.out);

	pid = child_of(&t, "exit3");
	ck_assert(text_row(t.p.out, pid, &ppid, &tid, code, sizeof(code)));
	ck_assert_int_eq(ppid, workload_value(&t, "pid"));
	ck_assert_int_eq(tid, pid);
	ck_assert_str_eq(code, "code 3");
	ck_assert(text_row(t.p.out, child_of(&t, "exit0"), &ppid, &tid, code, sizeof(code)));
	ck_assert_str_eq(code, "0");
	ck_assert(text_row(t.p.out, child_of(&t, "sigkill"), &ppid, &tid, code, sizeof(code)));
	ck_assert_str_eq(code, "signal 9 (SIGKILL)");
	ck_assert(text_row(t.p.out, child_of(&t, "sigterm"), &ppid, &tid, code, sizeof(code)));
	ck_assert_str_eq(code, "signal 15 (SIGTERM)");
	ck_assert(text_row(t.p.out, child_of(&t, "segv"), &ppid, &tid, code, sizeof(code)));
	st = workload_value(&t, "status-segv");
	ck_assert_str_eq(code, st & 0x80 ? "signal 11 (SIGSEGV), core dumped"
					 : "signal 11 (SIGSEGV)");
	trace__free(&t);
}
END_TEST

/* -p: only that process, started before the tool and run once it is up. */
START_TEST(test_pid_filter)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	char num[32], code[64], row[32];
	struct proc w, tool;
	long pid, ppid, tid;

	args__add(&a, self_path(), "workload", "after-eof", "exits", case_dir, NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "exitsnoop", "-p", num, NULL);
	ck_assert_int_eq(proc__start(&tool, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "EXIT_CODE\n", 10000),
		      "no header; stderr:\n%s", tool.err);
	/*
	 * Its eight children end, then it does: only it is shown. Reaped
	 * once its row is out: without BTF the parent of a process that
	 * began before the tool is read from /proc, where a zombie still is.
	 */
	close(w.in_fd);
	w.in_fd = -1;
	snprintf(row, sizeof(row), " %-7ld ", pid);
	ck_assert_msg(proc__wait_for(&tool, false, row, 10000), "no row of %ld:\n%s", pid,
		      tool.out);
	ck_assert_int_eq(proc__finish(&w), 0);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	/* The header and one row. */
	ck_assert_msg(count_lines(tool.out, "") == 2, "not one row:\n%s", tool.out);
	ck_assert_msg(text_row(tool.out, pid, &ppid, &tid, code, sizeof(code)),
		      "no row of %ld:\n%s", pid, tool.out);
	ck_assert_int_eq(ppid, getpid());
	ck_assert_int_eq(tid, pid);
	ck_assert_str_eq(code, "0");
	proc__free(&tool);
	proc__free(&w);
}
END_TEST

/*
 * A kernel before group_dead: the fake tracefs has this kernel's
 * formats with that field taken out. A process then ends, as for
 * libbpf-tools, when its leader does; with -T, threads that outlive
 * their leader still end with their process's status and parent.
 */
START_TEST(test_without_group_dead)
{
	static const char *const events[][2] = {
		{ "sched", "sched_process_exit" }, { "sched", "sched_process_fork" },
		{ "sched", "sched_process_free" }, { "sched", "sched_process_exec" },
		{ "signal", "signal_generate" }, { "signal", "signal_deliver" },
		{ "syscalls", "sys_enter_exit_group" }, { "syscalls", "sys_enter_exit" },
		{ "task", "task_newtask" },
	};
	char root[PATH_MAX], env[PATH_MAX + 32], path[PATH_MAX + 64], *text, *line;
	const char *envs[] = { env, _i ? "BAREBPF_NO_BTF=1" : NULL, NULL };
	const char *wl[] = { "exits", case_dir, NULL };
	struct run_opts o = { .env = envs };
	const struct json_object *e;
	struct trace t;
	size_t i;
	long pid;

	snprintf(root, sizeof(root), "%s/old-tracefs-%d", case_dir, _i);
	ck_assert_int_eq(mkdir(root, 0755), 0);
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		fake_tracefs_copy(root, events[i][0], events[i][1]);
	snprintf(path, sizeof(path), "%s/events/sched/sched_process_exit/format", root);
	text = read_file(path);
	ck_assert_msg(text != NULL, "reading %s: %m", path);
	/* Where the kernel has none, its own format is the case already. */
	line = strstr(text, "\tfield:bool group_dead;");
	if (line && strchr(line, '\n'))
		memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n') + 1) + 1);
	ck_assert_int_eq(write_file(path, text, 0644), 0);
	free(text);

	trace_run_opts(&t, &o, "exitsnoop", json, wl);
	assert_status(&t.p, 0);
	/* The leader's own exit(4) ends it, seen from here. */
	pid = child_of(&t, "leader");
	e = event_of(&t, pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	assert_status_fields(e, 4 << 8);
	pid = child_of(&t, "group7");
	e = event_of(&t, pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	assert_status_fields(e, 7 << 8);
	assert_status_fields(event_of(&t, child_of(&t, "sigterm")), SIGTERM);
	ck_assert_uint_eq(t.j.n, NR_ENDS + 1);
	trace__free(&t);
	check_every_thread(&o);
}
END_TEST

/* A row of libbpf-tools' exitsnoop: "PCOMM PID PPID TID AGE(s) EXIT_CODE". */
struct their_row {
	char comm[17];
	long pid, ppid, tid;
	int status;
};

static bool their_row(const char *out, long pid, struct their_row *r)
{
	const char *line;
	char rest[128];
	double age;
	int n, sig;

	for (line = out; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strlen(line) < 17 ||
		    sscanf(line + 17, "%ld %ld %ld %lf %n", &r->pid, &r->ppid, &r->tid,
			   &age, &n) != 4 || r->pid != pid)
			continue;
		snprintf(r->comm, sizeof(r->comm), "%.16s", line);
		r->comm[strcspn(r->comm, " ")] = '\0';
		snprintf(rest, sizeof(rest), "%.*s", (int)strcspn(line + 17 + n, "\n"),
			 line + 17 + n);
		/* "0", "code N", "signal N (strsignal text)[, core dumped]" */
		if (sscanf(rest, "signal %d", &sig) == 1)
			r->status = sig | (strstr(rest, ", core dumped") ? 0x80 : 0);
		else
			r->status = atoi(strncmp(rest, "code ", 5) ? rest : rest + 5) << 8;
		return true;
	}
	return false;
}

/*
 * The same workload under libbpf-tools' exitsnoop and ours: the same
 * processes, parents, names and statuses. One difference is ours on
 * purpose: libbpf-tools ends a process when its leader thread exits; a
 * leader that leaves first shows there with its own exit(4), here with
 * the status its parent gets.
 */
START_TEST(test_same_as_libbpf_tools)
{
	const char *wl[] = { "exits", case_dir, NULL };
	const struct json_object *e;
	struct their_row r;
	struct proc y;
	struct trace t;
	long pid;
	int i;

	yardstick_start(&y, "exitsnoop", NULL, 1);
	trace_run_opts(&t, &modes[_i], "exitsnoop", json, wl);
	yardstick_stop(&y);
	assert_status(&t.p, 0);
	for (i = 0; i <= NR_ENDS; i++) {
		pid = i < NR_ENDS ? child_of(&t, ends[i].name) : workload_value(&t, "pid");
		e = event_of(&t, pid);
		ck_assert_msg(their_row(y.out, pid, &r), "libbpf-tools has no row of %ld", pid);
		ck_assert_int_eq(r.ppid, ev_int(e, "ppid"));
		ck_assert_str_eq(r.comm, ev_str(e, "comm"));
		if (i < NR_ENDS && !strcmp(ends[i].name, "leader") && has_group_dead()) {
			ck_assert_int_eq(r.tid, pid);
			ck_assert_int_eq(r.status, 4 << 8);
			ck_assert_int_eq(ev_int(e, "status"), status_of(&t, i));
			continue;
		}
		ck_assert_msg(r.status == ev_int(e, "status"),
			      "pid %ld: libbpf-tools says %#x, we say %#llx", pid, r.status,
			      ev_int(e, "status"));
		if (i == NR_ENDS || strcmp(ends[i].name, "group7"))
			ck_assert_int_eq(r.tid, ev_int(e, "tid"));
	}
	proc__free(&y);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("exitsnoop", (const char *[]){ "-p", "abc", NULL },
			 "barebpf exitsnoop: invalid -p value 'abc': expected 1..2147483647");
	assert_bad_usage("exitsnoop", (const char *[]){ "-b", "3", NULL },
			 "barebpf exitsnoop: invalid -b value '3': pages must be a power of two");
	assert_bad_usage("exitsnoop", (const char *[]){ "-x", "stray", NULL },
			 "barebpf exitsnoop: unexpected argument 'stray' (put a command after --)");
	assert_bad_usage("exitsnoop", (const char *[]){ "--bogus", NULL },
			 "barebpf exitsnoop: unrecognized option '--bogus'");
}
END_TEST

Suite *exitsnoop_suite(void)
{
	Suite *s = suite_create("exitsnoop");
	TCase *tc = tcase_create("ends");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_loop_test(tc, test_every_end, 0, 2);
	tcase_add_loop_test(tc, test_every_thread, 0, 2);
	tcase_add_loop_test(tc, test_failed_only, 0, 2);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_loop_test(tc, test_without_group_dead, 0, 2);
	tcase_add_test(tc, test_bad_usage);
	suite_add_tcase(s, tc);

	/* Only where libbpf-tools is: not counted as passed without it */
	if (!yardstick_available("exitsnoop", "exitsnoop differential"))
		return s;
	tc = tcase_create("differential");
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_loop_test(tc, test_same_as_libbpf_tools, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
