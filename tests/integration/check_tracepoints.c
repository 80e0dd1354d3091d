// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoints the tools name, against the running kernel's own
 * tracefs: every tracing tool of the binary attaches here, and each
 * optional event it skips (noted under -v) is one this kernel lacks. On
 * the kernel matrix's arm64 kernel this is what checks that the arm64
 * binary names the arm64 syscall events (no sys_enter_open there).
 * A missing optional event is skipped with a note under -v, and silently
 * without it, and the tool still traces. Where loader/syscalls.h exists,
 * its table is checked against the kernel's syscall events as well.
 */
#include <limits.h>
#include <stdbool.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/integration/trace.h"
#if __has_include("loader/syscalls.h")
#include <dirent.h>
#include "loader/syscalls.h"
#include "loader/tracefs.h"
#define HAVE_SYSCALL_TABLE 1
#endif

#define MAX_TOOLS 64

/* The tracing tools "barebpf -h" lists. Returns how many. */
static int list_tools(char names[MAX_TOOLS][32])
{
	const char *args[] = { barebpf_path(), "-h", NULL };
	const char *line;
	struct proc p;
	bool in_list = false;
	int n = 0;

	ck_assert_int_eq(run(&p, (char *const *)args, NULL), 0);
	for (line = p.out; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (!strncmp(line, "tracing tools:", 14)) {
			in_list = true;
		} else if (in_list && !strncmp(line, "  ", 2) && line[2] != ' ' &&
			   n < MAX_TOOLS) {
			sscanf(line + 2, "%31s", names[n++]);
		} else if (in_list && *line == '\n') {
			break;
		}
	}
	proc__free(&p);
	return n;
}

/* True when "barebpf TOOL -h" offers "-- COMMAND": a tracing tool. */
static bool traces(const char *tool)
{
	const char *args[] = { barebpf_path(), tool, "-h", NULL };
	struct proc p;
	bool yes;

	ck_assert_int_eq(run(&p, (char *const *)args, NULL), 0);
	yes = strstr(p.out, "-- COMMAND") != NULL;
	proc__free(&p);
	return yes;
}

/*
 * The "note: no tracepoint S:E on this kernel, skipped" lines of stderr;
 * with verify, assert each names an event the kernel's tracefs lacks.
 * Returns how many there were.
 */
static int check_skipped(const char *tool, const char *err, bool verify)
{
	static const char mark[] = ": note: no tracepoint ";
	char system[64], event[128];
	const char *p = err;
	int n = 0;

	while ((p = strstr(p, mark)) != NULL) {
		p += sizeof(mark) - 1;
		ck_assert_msg(sscanf(p, "%63[^:]:%127s", system, event) == 2,
			      "%s: unreadable note: %s", tool, p);
		ck_assert_msg(!verify || !trace_has_event(system, event),
			      "%s skipped %s:%s, which this kernel has", tool, system,
			      event);
		n++;
	}
	return n;
}

/*
 * What a tool needs that a kernel may lack, and the one line it then
 * says: NULL when this kernel has it all. ttysnoop and dcsnoop read
 * kernel structs with BTF; dcsnoop attaches kprobes.
 */
static const char *refusal(const char *tool)
{
	bool btf = !access("/sys/kernel/btf/vmlinux", R_OK);

	if (!strcmp(tool, "dcsnoop") && access("/sys/bus/event_source/devices/kprobe", F_OK))
		return "barebpf dcsnoop: this kernel has no kprobes";
	if (!strcmp(tool, "dcsnoop") && !btf)
		return "barebpf dcsnoop: needs the kernel's BTF";
	if (!strcmp(tool, "ttysnoop") && !btf)
		return "barebpf ttysnoop: needs the kernel's BTF";
	return NULL;
}

START_TEST(test_every_tool_attaches)
{
	static char names[MAX_TOOLS][32];
	const char *flags[] = { "-v", NULL };
	/* ttysnoop watches a device: one that is always there. */
	const char *device[] = { "-v", "/dev/null", NULL };
	char trace_file[PATH_MAX];
	const char *record[] = { "record", "-v", "-o", trace_file, NULL };
	const char *wl[] = { "exit", "0", NULL };
	int i, n = list_tools(names), tracing = 0;
	const char *refused;
	struct trace t;

	ck_assert_int_ge(n, 2);
	snprintf(trace_file, sizeof(trace_file), "%s/attach.trace", case_dir);
	for (i = 0; i < n; i++) {
		if (!traces(names[i]))
			continue;
		/* A tool of subcommands traces through its "record". */
		trace_run(&t, names[i], !strcmp(names[i], "buildtrace") ? record :
			  !strcmp(names[i], "ttysnoop") ? device : flags, wl);
		refused = refusal(names[i]);
		if (refused) {
			/* One line saying so, before COMMAND or anything else. */
			ck_assert_msg(t.p.status == 1 && !strncmp(t.p.err, refused, strlen(refused)) &&
				      count_lines(t.p.err, "") == 1,
				      "%s: exit %d; stderr:\n%s", names[i], t.p.status, t.p.err);
			trace__free(&t);
			continue;
		}
		ck_assert_msg(t.p.status == 0, "%s -v -- COMMAND: exit %d; stderr:\n%s",
			      names[i], t.p.status, t.p.err);
		/* -v says what it chose for this kernel. */
		ck_assert_msg(strstr(t.p.err, ": note: tracefs at "), "%s: %s",
			      names[i], t.p.err);
		check_skipped(names[i], t.p.err, true);
		trace__free(&t);
		tracing++;
	}
	ck_assert_int_ge(tracing, 2);
}
END_TEST

/*
 * A tracefs with only openat's events, and the sched ones "--" needs:
 * opensnoop skips open and openat2, notes each under -v, and traces.
 */
START_TEST(test_optional_missing)
{
	static const char *const keep[][2] = {
		{ "syscalls", "sys_enter_openat" }, { "syscalls", "sys_exit_openat" },
		{ "sched", "sched_process_fork" }, { "sched", "sched_process_exit" },
	};
	static const char *const skipped[] = {
		"syscalls:sys_exit_open", "syscalls:sys_exit_openat2",
		"syscalls:sys_enter_open", "syscalls:sys_enter_openat2",
	};
	char root[PATH_MAX], env[PATH_MAX + 32], path[PATH_MAX], note[128];
	const char *envs[] = { env, NULL };
	const char *verbose[] = { "-v", "--json", NULL };
	const char *quiet[] = { "--json", NULL };
	const char *wl[] = { "open", path, NULL };
	struct run_opts o = { .env = envs };
	const struct json_object *e;
	struct trace t;
	size_t i;

	case_subdir(root, "fake-tracefs");
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		fake_tracefs_copy(root, keep[i][0], keep[i][1]);
	snprintf(path, sizeof(path), "%s/file", case_dir);
	ck_assert_int_eq(write_file(path, "x\n", 0644), 0);

	trace_run_opts(&t, &o, "opensnoop", verbose, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", path);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	ck_assert_int_eq(check_skipped("opensnoop", t.p.err, false), 4);
	for (i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++) {
		snprintf(note, sizeof(note),
			 "barebpf opensnoop: note: no tracepoint %s on this kernel, skipped\n",
			 skipped[i]);
		ck_assert_msg(strstr(t.p.err, note), "no \"%s\" in:\n%s", note, t.p.err);
	}
	trace__free(&t);

	/* Without -v, the same trace and not a word. */
	trace_run_opts(&t, &o, "opensnoop", quiet, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", path);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_msg(!strstr(t.p.err, "note:"), "notes without -v:\n%s", t.p.err);
	trace__free(&t);
}
END_TEST

/* With every fallback forced (check_integration --fallbacks), -v says so. */
START_TEST(test_forced_fallbacks_noted)
{
	static const char *const forced[][2] = {
		{ "BAREBPF_FORCE_DEBUGFS", "/debug/tracing (BAREBPF_FORCE_DEBUGFS)\n" },
		{ "BAREBPF_FORCE_PROBE_READ",
		  "memory read with bpf_probe_read{,_str} (BAREBPF_FORCE_PROBE_READ)\n" },
		{ "BAREBPF_FORCE_UNROLL", "loops unrolled (BAREBPF_FORCE_UNROLL)\n" },
		{ "BAREBPF_FORCE_PREALLOC", "hash maps preallocated (BAREBPF_FORCE_PREALLOC)\n" },
	};
	const char *flags[] = { "-v", NULL };
	const char *wl[] = { "exit", "0", NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "execsnoop", flags, wl);
	assert_status(&t.p, 0);
	for (i = 0; i < sizeof(forced) / sizeof(forced[0]); i++) {
		const char *v = getenv(forced[i][0]);
		bool on = v && *v && strcmp(v, "0");

		ck_assert_msg(!strstr(t.p.err, forced[i][1]) == !on,
			      "%s %s, yet stderr:\n%s", forced[i][0],
			      on ? "set" : "unset", t.p.err);
	}
	trace__free(&t);
}
END_TEST

#ifdef HAVE_SYSCALL_TABLE
/*
 * A 32-bit kernel names some events after its own entry points, not
 * after <asm/unistd.h>: the 32-bit-time forms ("futex_time32" is
 * __NR_futex; "futex" is futex_time64), the 16-bit-uid forms
 * ("chown16"), the old struct layouts ("newstat", "old_shmctl"), and a
 * few of arm's own. True when name is one of those for a call the table
 * has.
 */
static bool kernel_alias_known(const char *name)
{
	static const char *const renamed[][2] = {
		{ "llseek", "_llseek" }, { "mmap_pgoff", "mmap2" },
		{ "fadvise64_64", "arm_fadvise64_64" }, { "umount", "umount2" },
		{ "select", "_newselect" }, { "getrlimit", "ugetrlimit" },
		{ "newuname", "uname" },
	};
	static const char *const suffixes[] = { "_time32", "32", "16" };
	static const char *const prefixes[] = { "new", "old_" };
	char base[64];
	size_t i, n = strlen(name), k;

	for (i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(name, renamed[i][0]))
			return syscall_nr(renamed[i][1]) >= 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		k = strlen(suffixes[i]);
		if (n > k && n - k < sizeof(base) && !strcmp(name + n - k, suffixes[i])) {
			memcpy(base, name, n - k);
			base[n - k] = '\0';
			if (syscall_nr(base) >= 0)
				return true;
		}
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		k = strlen(prefixes[i]);
		if (!strncmp(name, prefixes[i], k) && syscall_nr(name + k) >= 0)
			return true;
	}
	return false;
}

/*
 * The syscall table (from the target's <asm/unistd.h>) against the
 * kernel's own syscall events: the same architecture (no open() on
 * arm64, in both; no newfstatat on 32-bit ARM, its fstatat64 instead),
 * and the kernel's sys_enter_NAME events named by the table (or, on a
 * 32-bit kernel, by its entry points' names for them), but for the few
 * a kernel newer than the headers adds.
 */
START_TEST(test_syscall_table)
{
	char path[PATH_MAX];
	struct dirent *d;
	int events = 0, unknown = 0;
	DIR *dir;

	ck_assert_int_eq(syscall_nr("open") >= 0,
			 trace_has_event("syscalls", "sys_enter_open"));
	ck_assert_int_ge(syscall_nr("openat"), 0);
	ck_assert_str_eq(syscall_name(syscall_nr("openat")), "openat");
	/* 64-bit kernels stat with newfstatat, 32-bit ones with fstatat64. */
	ck_assert_int_eq(syscall_nr("newfstatat") >= 0,
			 trace_has_event("syscalls", "sys_enter_newfstatat"));
	ck_assert_int_eq(syscall_nr("fstatat64") >= 0,
			 trace_has_event("syscalls", "sys_enter_fstatat64"));
	ck_assert_int_eq(syscall_nr("newfstatat") >= 0, sizeof(long) == 8);
	snprintf(path, sizeof(path), "%s/events/syscalls", tracefs_dir());
	dir = opendir(path);
	ck_assert_msg(dir != NULL, "%s: %m", path);
	while ((d = readdir(dir)) != NULL) {
		if (strncmp(d->d_name, "sys_enter_", 10))
			continue;
		events++;
		if (syscall_nr(d->d_name + 10) < 0 && !kernel_alias_known(d->d_name + 10)) {
			unknown++;
			fprintf(stderr, "syscall table: no %s\n", d->d_name + 10);
		}
	}
	closedir(dir);
	ck_assert_int_gt(events, 100);
	ck_assert_msg(unknown * 10 < events, "%d of %d syscall events unknown to the table",
		      unknown, events);
}
END_TEST
#endif

Suite *tracepoints_suite(void)
{
	Suite *s = suite_create("tracepoints");
	TCase *tc = tcase_create("kernel");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_every_tool_attaches);
	tcase_add_test(tc, test_optional_missing);
	tcase_add_test(tc, test_forced_fallbacks_noted);
#ifdef HAVE_SYSCALL_TABLE
	tcase_add_test(tc, test_syscall_table);
#endif
	suite_add_tcase(s, tc);
	return s;
}
