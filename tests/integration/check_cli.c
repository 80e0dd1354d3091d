// SPDX-License-Identifier: GPL-2.0
/*
 * The command line of the binary and its tools: dispatch, usage errors
 * (exit 2), runtime failures (exit 1) with one line saying what failed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "loader/tracefs.h"
#include <check.h>
#include "tests/integration/trace.h"

/* Run barebpf with args (NULL-terminated) into p. */
static void barebpf(struct proc *p, const struct run_opts *o, const char *const *args)
{
	struct args a = { .n = 0 };
	int err;

	args__add(&a, barebpf_path(), NULL);
	args__addv(&a, args);
	err = run(p, a.v, o);
	ck_assert_msg(err >= 0, "running %s: %s", a.v[0], strerror(-err));
	ck_assert_msg(!p->timed_out, "%s did not end", a.v[0]);
}

/* What "barebpf TOOL -h" prints on stdout (malloc'd). */
static char *usage_of(const char *tool)
{
	const char *args[] = { tool, "-h", NULL };
	struct proc p;
	char *usage;

	barebpf(&p, NULL, args);
	assert_status(&p, 0);
	ck_assert_str_eq(p.err, "");
	usage = strdup(p.out);
	proc__free(&p);
	return usage;
}

/*
 * barebpf TOOL ARGS... must exit 2, print nothing on stdout and, on
 * stderr, one line holding each of the needles, then the usage.
 */
static void assert_usage_error(const char *tool, const char *const *args,
			       const char *needle, const char *needle2)
{
	struct args a = { .n = 0 };
	char *usage = usage_of(tool);
	const char *nl;
	struct proc p;

	args__add(&a, tool, NULL);
	args__addv(&a, args);
	barebpf(&p, NULL, (const char *const *)a.v);
	assert_status(&p, 2);
	ck_assert_str_eq(p.out, "");
	nl = strchr(p.err, '\n');
	ck_assert_msg(nl != NULL, "no message: \"%s\"", p.err);
	/* getopt's own messages too name the tool as every error does. */
	ck_assert_msg(!strncmp(p.err, "barebpf ", 8) &&
		      !strncmp(p.err + 8, tool, strlen(tool)) &&
		      !strncmp(p.err + 8 + strlen(tool), ": ", 2),
		      "not \"barebpf %s: ...\": %s", tool, p.err);
	ck_assert_msg(memmem(p.err, (size_t)(nl - p.err), needle, strlen(needle)),
		      "first line does not name %s: %s", needle, p.err);
	if (needle2)
		ck_assert_msg(memmem(p.err, (size_t)(nl - p.err), needle2, strlen(needle2)),
			      "first line does not name %s: %s", needle2, p.err);
	ck_assert_msg(!strcmp(nl + 1, usage), "after the message, not the usage:\n%s",
		      nl + 1);
	free(usage);
	proc__free(&p);
}

/* As above, with the exact first line. */
static void assert_bad_value(const char *tool, const char *const *args,
			     const char *line)
{
	char *usage = usage_of(tool), *want;
	struct args a = { .n = 0 };
	struct proc p;

	args__add(&a, tool, NULL);
	args__addv(&a, args);
	barebpf(&p, NULL, (const char *const *)a.v);
	assert_status(&p, 2);
	ck_assert_str_eq(p.out, "");
	ck_assert(asprintf(&want, "%s\n%s", line, usage) > 0);
	ck_assert_str_eq(p.err, want);
	free(want);
	free(usage);
	proc__free(&p);
}

/* One line and where to look, not the whole list; 127 as a shell says. */
START_TEST(test_unknown_command)
{
	const char *args[] = { "nosuch", "-h", NULL };
	struct proc p;

	barebpf(&p, NULL, args);
	assert_status(&p, 127);
	ck_assert_str_eq(p.out, "");
	ck_assert_str_eq(p.err, "barebpf: unknown command 'nosuch' (barebpf --help lists them)\n");
	proc__free(&p);
}
END_TEST

/*
 * --version, of the binary, of each tool and of buildtrace's subcommands:
 * one line, the same, exit 0.
 * The version is git describe's where it was built from a checkout.
 */
START_TEST(test_version)
{
	static const char *const forms[][3] = {
		{ "--version", NULL }, { "opensnoop", "--version", NULL },
		{ "execsnoop", "--version", NULL }, { "syscount", "--version", NULL },
		{ "buildtrace", "record", "--version" }, { "trace", "--version", NULL },
		{ "buildtrace", "--version", NULL },
		{ "buildtrace", "normalize", "--version" },
		{ "buildtrace", "graph", "--version" },
		{ "buildtrace", "deps", "--version" },
		{ "buildtrace", "compdb", "--version" },
		{ "buildtrace", "summary", "--version" },
		{ "buildtrace", "timeline", "--version" },
		{ "buildtrace", "report", "--version" },
		{ "buildtrace", "diff", "--version" },
	};
	char *first = NULL;
	struct proc p;
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *args[] = { forms[i][0], forms[i][1], forms[i][2], NULL };

		barebpf(&p, NULL, args);
		assert_status(&p, 0);
		ck_assert_str_eq(p.err, "");
		ck_assert_msg(!strncmp(p.out, "barebpf ", 8) && p.out[8] != '\n' &&
			      strchr(p.out, '\n') == p.out + strlen(p.out) - 1,
			      "%s: \"%s\"", forms[i][0], p.out);
		if (!first)
			first = strdup(p.out);
		ck_assert_str_eq(p.out, first);
		proc__free(&p);
	}
	free(first);
}
END_TEST

START_TEST(test_no_command_and_help)
{
	const char *none[] = { NULL };
	const char *help[] = { "-h", NULL };
	struct proc p;
	char *usage;

	barebpf(&p, NULL, help);
	assert_status(&p, 0);
	ck_assert_str_eq(p.err, "");
	ck_assert(!strncmp(p.out, "usage: barebpf COMMAND", 22));
	ck_assert_msg(strstr(p.out, "\n  execsnoop    ") && strstr(p.out, "\n  opensnoop    "),
		      "commands not listed:\n%s", p.out);
	usage = strdup(p.out);
	proc__free(&p);

	/* No command is bad usage: the same text, on stderr. */
	barebpf(&p, NULL, none);
	assert_status(&p, 2);
	ck_assert_str_eq(p.out, "");
	ck_assert_str_eq(p.err, usage);
	free(usage);
	proc__free(&p);
}
END_TEST

START_TEST(test_unknown_flags)
{
	const char *bogus[] = { "--bogus", NULL };
	const char *letter[] = { "-Z", NULL };
	const char *no_arg[] = { "-p", NULL };

	assert_usage_error("execsnoop", bogus, "bogus", NULL);
	assert_usage_error("opensnoop", bogus, "bogus", NULL);
	assert_usage_error("execsnoop", letter, "Z", NULL);
	/* -p needs a value */
	assert_usage_error("opensnoop", no_arg, "p", "argument");
}
END_TEST

START_TEST(test_bad_numbers)
{
	assert_bad_value("opensnoop", (const char *[]){ "-p", "abc", NULL },
			 "barebpf opensnoop: invalid -p value 'abc': expected 1..2147483647");
	assert_bad_value("opensnoop", (const char *[]){ "-t", "12x", NULL },
			 "barebpf opensnoop: invalid -t value '12x': expected 1..2147483647");
	assert_bad_value("opensnoop", (const char *[]){ "-p", "0", NULL },
			 "barebpf opensnoop: invalid -p value '0': expected 1..2147483647");
	assert_bad_value("opensnoop", (const char *[]){ "-d", "0", NULL },
			 "barebpf opensnoop: invalid -d value '0': expected 1..2147483647");
	assert_bad_value("opensnoop", (const char *[]){ "-u", "4294967295", NULL },
			 "barebpf opensnoop: invalid -u value '4294967295': expected 0..4294967294");
	assert_bad_value("execsnoop", (const char *[]){ "-u", "-1", NULL },
			 "barebpf execsnoop: invalid -u value '-1': expected 0..4294967294");
	assert_bad_value("execsnoop", (const char *[]){ "--max-args", "61", NULL },
			 "barebpf execsnoop: invalid --max-args value '61': expected 1..60");
	assert_bad_value("execsnoop", (const char *[]){ "--max-args", "0", NULL },
			 "barebpf execsnoop: invalid --max-args value '0': expected 1..60");
	assert_bad_value("opensnoop", (const char *[]){ "-b", "3", NULL },
			 "barebpf opensnoop: invalid -b value '3': pages must be a power of two");
	assert_bad_value("execsnoop", (const char *[]){ "-b", "131072", NULL },
			 "barebpf execsnoop: invalid -b value '131072': expected 1..65536");
	assert_bad_value("execsnoop", (const char *[]){ "-b", "", NULL },
			 "barebpf execsnoop: invalid -b value '': expected 1..65536");
}
END_TEST

START_TEST(test_stray_argument)
{
	assert_bad_value("execsnoop", (const char *[]){ "-x", "foo", NULL },
			 "barebpf execsnoop: unexpected argument 'foo' (put a command after --)");
	assert_bad_value("opensnoop", (const char *[]){ "foo", "bar", NULL },
			 "barebpf opensnoop: unexpected argument 'foo' (put a command after --)");
	/* "--" with nothing after it: not a silent trace of the whole system. */
	assert_bad_value("execsnoop", (const char *[]){ "--", NULL },
			 "barebpf execsnoop: -- needs a COMMAND after it");
	assert_bad_value("opensnoop", (const char *[]){ "-x", "--", NULL },
			 "barebpf opensnoop: -- needs a COMMAND after it");
}
END_TEST

START_TEST(test_not_root)
{
	static const char *const tools[] = { "execsnoop", "opensnoop" };
	struct run_opts o = { .drop_root = true };
	char want[256];
	struct proc p;
	int i;

	for (i = 0; i < 2; i++) {
		const char *args[] = { tools[i], NULL };

		barebpf(&p, &o, args);
		assert_status(&p, 1);
		ck_assert_str_eq(p.out, "");
		snprintf(want, sizeof(want),
			 "barebpf %s: permission denied: run as root, or with CAP_BPF and CAP_PERFMON (CAP_SYS_ADMIN before 5.8)\n",
			 tools[i]);
		ck_assert_str_eq(p.err, want);
		proc__free(&p);
	}
}
END_TEST

/* Whether nobody (uid 65534, no capability) can see DIR/events. */
static bool nobody_sees(const char *dir)
{
	char events[PATH_MAX + 8];
	struct stat st;
	pid_t pid;
	int ws;

	snprintf(events, sizeof(events), "%s/events", dir);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid)
		_exit(setgid(RUN_NOBODY) || setuid(RUN_NOBODY) ||
		      stat(events, &st) ? 1 : 0);
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	return WIFEXITED(ws) && !WEXITSTATUS(ws);
}

/* kernel.perf_event_paranoid (2 upstream, 3 on Debian's kernels). */
static int perf_paranoid(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	int level = 2;

	ck_assert_msg(f != NULL, "/proc/sys/kernel/perf_event_paranoid: %m");
	ck_assert_int_eq(fscanf(f, "%d", &level), 1);
	fclose(f);
	return level;
}

/*
 * CAP_BPF and CAP_PERFMON alone: tracefs (mode 0700) cannot be read, and
 * the message says so and names the capability missing, where it said
 * none was mounted. With CAP_DAC_READ_SEARCH too, a trace runs, as the
 * README's requirements say; where perf_event_paranoid is above 2
 * (Debian's kernels) only with CAP_SYS_ADMIN too, and without it the
 * message says so.
 */
START_TEST(test_capabilities)
{
	const unsigned long long bpf_perfmon = 1ull << CAP_BPF | 1ull << CAP_PERFMON;
	const char *args[] = { "execsnoop", "--", "/proc/self/exe", "--version", NULL };
	struct run_opts o = { .drop_root = true, .caps = bpf_perfmon };
	const char *dir = tracefs_dir();
	char want[PATH_MAX + 256];
	struct proc p;
	int paranoid;

	ck_assert_msg(dir != NULL, "no tracefs, even as root: %m");
	barebpf(&p, &o, args);
	if (nobody_sees(dir)) {
		/* A tracefs that anyone can read: these two are enough. */
		assert_status(&p, 0);
	} else {
		assert_status(&p, 1);
		snprintf(want, sizeof(want),
			 "barebpf execsnoop: tracefs at %s is mounted but not readable (Permission denied): run as root, or add CAP_DAC_READ_SEARCH to CAP_BPF and CAP_PERFMON\n",
			 dir);
		ck_assert_str_eq(p.err, want);
		ck_assert_str_eq(p.out, "");
	}
	proc__free(&p);

	o.caps |= 1ull << CAP_DAC_READ_SEARCH;
	barebpf(&p, &o, args);
	paranoid = perf_paranoid();
	if (paranoid > 2) {
		/* Debian's kernels (3 by default): CAP_SYS_ADMIN's alone. */
		assert_status(&p, 1);
		snprintf(want, sizeof(want),
			 "barebpf execsnoop: opening perf buffers of 64 pages: Permission denied: kernel.perf_event_paranoid is %d, which leaves perf events to CAP_SYS_ADMIN: run as root, add CAP_SYS_ADMIN, or set it to 2\n",
			 paranoid);
		ck_assert_str_eq(p.err, want);
		ck_assert_str_eq(p.out, "");
		proc__free(&p);
		o.caps |= 1ull << CAP_SYS_ADMIN;
		barebpf(&p, &o, args);
	}
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "PCOMM "), "%s", p.out);
	proc__free(&p);
}
END_TEST

START_TEST(test_missing_tracepoint)
{
	char root[PATH_MAX], env[PATH_MAX + 32], events[PATH_MAX + 16];
	const char *envs[] = { env, NULL };
	const char *opensnoop[] = { "opensnoop", NULL };
	const char *execsnoop[] = { "execsnoop", NULL };
	struct run_opts o = { .env = envs };
	struct proc p;

	case_subdir(root, "fake-tracefs");
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	snprintf(events, sizeof(events), "%s/events", root);
	ck_assert_int_eq(mkdir(events, 0755), 0);

	/* opensnoop: sys_exit_open is optional, sys_exit_openat is not. */
	barebpf(&p, &o, opensnoop);
	assert_status(&p, 1);
	ck_assert_str_eq(p.out, "");
	ck_assert_str_eq(p.err, "barebpf opensnoop: tracepoint syscalls:sys_exit_openat: "
				"not found on this kernel\n");
	proc__free(&p);

	/*
	 * execsnoop with its sched and task events but no syscalls: it
	 * attaches those, then fails on the first syscall event (and leaves
	 * nothing attached, which the session suite checks).
	 */
	fake_tracefs_copy(root, "sched", "sched_process_exec");
	fake_tracefs_copy(root, "sched", "sched_process_exit");
	if (trace_has_event("sched", "sched_prepare_exec"))	/* 6.10+ */
		fake_tracefs_copy(root, "sched", "sched_prepare_exec");
	fake_tracefs_copy(root, "task", "task_newtask");
	barebpf(&p, &o, execsnoop);
	assert_status(&p, 1);
	ck_assert_str_eq(p.out, "");
	/* Where it rereads at an exec's return, that comes first */
	ck_assert_str_eq(p.err, execsnoop_rereads_at_return() ?
				"barebpf execsnoop: tracepoint raw_syscalls:sys_exit: "
				"not found on this kernel\n" :
				"barebpf execsnoop: tracepoint syscalls:sys_exit_execve: "
				"not found on this kernel\n");
	proc__free(&p);
}
END_TEST

START_TEST(test_help)
{
	static const char *const tools[] = { "execsnoop", "opensnoop" };
	char first[64];
	struct proc p;
	int i;

	for (i = 0; i < 2; i++) {
		const char *args[] = { tools[i], "--help", NULL };
		char *usage = usage_of(tools[i]);

		snprintf(first, sizeof(first), "usage: barebpf %s [", tools[i]);
		ck_assert_msg(!strncmp(usage, first, strlen(first)), "-h printed:\n%s", usage);
		ck_assert_msg(strstr(usage, "\nexamples:\n"), "no examples:\n%s", usage);
		barebpf(&p, NULL, args);
		assert_status(&p, 0);
		ck_assert_str_eq(p.out, usage);
		ck_assert_str_eq(p.err, "");
		proc__free(&p);
		free(usage);
	}
}
END_TEST

/* A link named after a tool runs that tool. */
START_TEST(test_symlink_form)
{
	static const char *const tools[] = { "execsnoop", "opensnoop" };
	char tmp[PATH_MAX], link[PATH_MAX + 32];
	struct proc p;
	int i;

	case_subdir(tmp, "links");
	for (i = 0; i < 2; i++) {
		char *usage = usage_of(tools[i]);
		char *args[] = { link, "-h", NULL };

		snprintf(link, sizeof(link), "%s/%s", tmp, tools[i]);
		ck_assert_int_eq(symlink(barebpf_path(), link), 0);
		ck_assert_int_eq(run(&p, args, NULL), 0);
		ck_assert_str_eq(p.out, usage);
		ck_assert_str_eq(p.err, "");
		proc__free(&p);
		free(usage);
	}
	/* Under its own name, or any other, it dispatches on argv[1]. */
	snprintf(link, sizeof(link), "%s/other-name", tmp);
	ck_assert_int_eq(symlink(barebpf_path(), link), 0);
	{
		char *usage = usage_of("execsnoop");
		char *args[] = { link, "execsnoop", "-h", NULL };

		ck_assert_int_eq(run(&p, args, NULL), 0);
		ck_assert_str_eq(p.out, usage);
		proc__free(&p);
		free(usage);
	}
}
END_TEST

/* "-- COMMAND" that cannot run: a shell's 127 and 126, and why. */
START_TEST(test_command_not_runnable)
{
	char tmp[PATH_MAX], want[PATH_MAX + 64];
	const char *missing[] = { "execsnoop", "--", "/nonexistent/cmd", NULL };
	const char *dir[] = { "opensnoop", "--", case_subdir(tmp, "not-a-program"), NULL };
	struct proc p;

	barebpf(&p, NULL, missing);
	assert_status(&p, 127);
	ck_assert_msg(count_lines(p.err, "barebpf execsnoop: /nonexistent/cmd: "
					 "No such file or directory") == 1,
		      "stderr:\n%s", p.err);
	proc__free(&p);

	barebpf(&p, NULL, dir);
	assert_status(&p, 126);
	snprintf(want, sizeof(want), "barebpf opensnoop: %s: Permission denied", tmp);
	ck_assert_msg(count_lines(p.err, want) == 1, "stderr:\n%s", p.err);
	proc__free(&p);
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("usage");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_unknown_command);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_no_command_and_help);
	tcase_add_test(tc, test_unknown_flags);
	tcase_add_test(tc, test_bad_numbers);
	tcase_add_test(tc, test_stray_argument);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_symlink_form);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_not_root);
	tcase_add_test(tc, test_capabilities);
	tcase_add_test(tc, test_missing_tracepoint);
	tcase_add_test(tc, test_command_not_runnable);
	suite_add_tcase(s, tc);
	return s;
}
