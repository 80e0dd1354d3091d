// SPDX-License-Identifier: GPL-2.0
/*
 * barebpf trace against the real kernel: one-liners run on real
 * workloads with their exact output; every kind of bad input with its
 * one message and exit code; and, where bpftrace is installed, the same
 * one-liners beside it on the same workload, the same output asserted.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <check.h>
#include <stdbool.h>
#include "loader/prog.h"
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"

#define BPFTRACE	"/usr/bin/bpftrace"

/* barebpf trace ARGS... [-- SELF workload WL...], run with opts */
static void run_trace_opts(struct proc *p, const char *const *args,
			   const char *const *workload, const struct run_opts *opts)
{
	struct args a = { .n = 0 };
	int err;

	args__add(&a, barebpf_path(), "trace", NULL);
	args__addv(&a, args);
	if (workload) {
		args__add(&a, "--", self_path(), "workload", NULL);
		args__addv(&a, workload);
	}
	err = proc__start(p, a.v, opts);
	ck_assert_msg(!err, "starting barebpf trace: %s", strerror(-err));
	proc__finish(p);
	ck_assert_msg(!p->timed_out, "barebpf trace did not end; stderr:\n%.600s", p->err);
}

/* barebpf trace ARGS... [-- SELF workload WL...]: stdout, stderr, status */
static void run_trace(struct proc *p, const char *const *args,
		      const char *const *workload)
{
	run_trace_opts(p, args, workload, NULL);
}

static void assert_out(const struct proc *p, const char *want)
{
	ck_assert_msg(!strcmp(p->out, want), "stdout:\n%s\nwanted:\n%s\nstderr:\n%.400s",
		      p->out, want, p->err);
}

START_TEST(test_hello)
{
	const char *args[] = { "-e", "BEGIN { printf(\"hello world\\n\"); exit(); }", NULL };
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, 0);
	assert_out(&p, "hello world\n\n\n");
	ck_assert_str_eq(p.err, "Attached 1 probe\n");
	proc__free(&p);
}
END_TEST

/* @[comm] = count() and a keyless count, for COMMAND alone. */
START_TEST(test_count)
{
	const char *args[] = { "-e",
		"t:syscalls:sys_enter_getppid /pid == cpid/ { @[comm] = count(); @n = count(); }",
		NULL };
	const char *wl[] = { "getppid", "7", NULL };
	char want[128];
	struct proc p;

	run_trace(&p, args, wl);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "\n\n@[%s]: 7\n@n: 7\n", self_comm());
	assert_out(&p, want);
	proc__free(&p);
}
END_TEST

/* str(args.filename) of the path COMMAND opened, and args->dfd. */
START_TEST(test_openat_filename)
{
	char path[PATH_MAX], want[PATH_MAX + 64];
	const char *args[] = { "-e",
		"tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args.filename) == \"" ,
		NULL };
	const char *wl[] = { "open", path, NULL };
	char prog[PATH_MAX + 256];
	struct proc p;

	snprintf(path, sizeof(path), "%s/opened", case_dir);
	write_file(path, "x", 0644);
	snprintf(prog, sizeof(prog),
		 "tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args.filename) == \"%s\"/ "
		 "{ printf(\"%%s %%d\\n\", str(args->filename), args.dfd); }", path);
	args[1] = prog;
	run_trace(&p, args, wl);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "%s -100\n\n\n", path);
	assert_out(&p, want);
	proc__free(&p);
}
END_TEST

/* hist, lhist, stats and the rest, each in bpftrace's layout. */
START_TEST(test_aggregations)
{
	const char *args[] = { "-e",
		"t:syscalls:sys_enter_getppid /pid == cpid/ { @h = hist(1000); @l = lhist(15, 0, 100, 10); "
		"@s = stats(10); @a = avg(4); @mn = min(3); @mx = max(9); @sm = sum(2); @k[\"x\", 2] = count(); }",
		NULL };
	const char *wl[] = { "getppid", "5", NULL };
	struct proc p;

	run_trace(&p, args, wl);
	assert_status(&p, 0);
	assert_out(&p, "\n\n"
		   "@a: 4\n\n"
		   "@h: \n"
		   "[512, 1K)              5 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n"
		   "@k[x, 2]: 5\n"
		   "@l: \n"
		   "[10, 20)               5 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n"
		   "@mn: 3\n"
		   "@mx: 9\n"
		   "@s: count 5, average 10, total 50\n\n"
		   "@sm: 10\n");
	proc__free(&p);
}
END_TEST

/* Locals, if/else, the ternary, unroll and a loop, each taken once. */
START_TEST(test_control)
{
	const char *args[] = { "-e",
		"BEGIN { $x = 1; if ($x > 0) { @a = count(); } else { @b = count(); } "
		"@t = $x ? 10 : 20; unroll(3) { @u = count(); } "
		"for ($i : 0..4) { @f += $i; } printf(\"%d %s\\n\", $x + 41, $x == 1 ? \"one\" : \"other\"); exit(); }",
		NULL };
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, 0);
	assert_out(&p, "42 one\n\n\n@a: 1\n@b: 0\n@f: 6\n@t: 10\n@u: 3\n");
	proc__free(&p);
}
END_TEST

/* -f json: bpftrace's records. */
START_TEST(test_json)
{
	const char *args[] = { "-f", "json", "-e",
		"BEGIN { @x[1, \"a\"] = 5; @h = hist(3); printf(\"hi %d\\n\", 5); exit(); }", NULL };
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, 0);
	assert_out(&p, "{\"type\": \"attached_probes\", \"data\": {\"probes\": 1}}\n"
		   "{\"type\": \"printf\", \"data\": \"hi 5\\n\"}\n\n\n"
		   "{\"type\": \"hist\", \"data\": {\"@h\": [{\"min\": 2, \"max\": 3, \"count\": 1}]}}\n"
		   "{\"type\": \"map\", \"data\": {\"@x\": {\"1,a\": 5}}}\n");
	proc__free(&p);
}
END_TEST

/* -d: each instruction with its LINE:COL, ending in exit. */
START_TEST(test_listing)
{
	const char *args[] = { "-d", "-e", "tracepoint:syscalls:sys_enter_openat { @ = count(); exit(); }", NULL };
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, ".type tracepoint\n") &&
		      strstr(p.out, "   0: (bf) r6 = r1") &&
		      strstr(p.out, "(95) exit") && strstr(p.out, "map[AT_]"),
		      "listing:\n%s", p.out);
	ck_assert_msg(strstr(p.out, "; 1:40\n"), "no LINE:COL of @ = count():\n%s", p.out);
	proc__free(&p);
}
END_TEST

/* text's first line is want, exactly */
static void assert_first_line(const char *text, const char *want)
{
	const char *nl = strchr(text, '\n');

	ck_assert_msg(nl && (size_t)(nl - text) == strlen(want) &&
		      !strncmp(text, want, strlen(want)),
		      "stderr:\n%.600s\nwanted first:\n%s", text, want);
}

/* -c 'CMD': CMD split at blanks, held until attached; cpid its pid. */
START_TEST(test_command_string)
{
	char cmd[PATH_MAX + 64];
	const char *args[] = { "-e", "t:syscalls:sys_enter_getppid /pid == cpid/ { @n = count(); }",
			       "-c", cmd, NULL };
	struct proc p;
	long pid;

	snprintf(cmd, sizeof(cmd), "%s workload getppid 3", self_path());
	run_trace(&p, args, NULL);
	assert_status(&p, 0);
	assert_out(&p, "\n\n@n: 3\n");
	/* the workload's stderr is trace's: its pid came, then attached */
	ck_assert_msg(workload_report(p.err, "pid", &pid), "stderr:\n%s", p.err);
	ck_assert_msg(!strncmp(p.err, "Attached 1 probe\n", 17), "stderr:\n%s", p.err);
	proc__free(&p);
}
END_TEST

/*
 * --tree: no predicate, yet only COMMAND's tree is seen: the five calls
 * of its child (pid != cpid), not the three this process makes while
 * COMMAND waits for its stdin to end.
 */
START_TEST(test_tree)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 };
	struct proc p;
	long child, pid;
	int i;

	args__add(&a, barebpf_path(), "trace", "--tree", "-e",
		  "t:syscalls:sys_enter_getppid { @[pid == cpid] = count(); }", "--",
		  self_path(), "workload", "after-eof", "exec", self_path(), "workload",
		  "getppid", "5", NULL);
	ck_assert_int_eq(proc__start(&p, a.v, &keep), 0);
	ck_assert_msg(proc__wait_for(&p, true, "Attached 1 probe", 10000),
		      "not attached; stderr:\n%s", p.err);
	for (i = 0; i < 3; i++)
		syscall(SYS_getppid);
	proc__finish(&p);
	ck_assert(!p.timed_out);
	assert_status(&p, 0);
	/* COMMAND's own line first: it shares trace's stdout */
	ck_assert_msg(workload_report(p.out, "pid", &pid) && strchr(p.out, '\n') &&
		      !strcmp(strchr(p.out, '\n') + 1, "\n\n@[0]: 5\n"), "stdout:\n%s", p.out);
	ck_assert_msg(workload_report(p.err, "child", &child), "stderr:\n%s", p.err);
	ck_assert_int_ne(child, pid);
	proc__free(&p);
}
END_TEST

/* --tree without a command, -c with -- COMMAND: usage errors. */
START_TEST(test_command_usage)
{
	const char *tree[] = { "--tree", "-e", "BEGIN { exit(); }", NULL };
	const char *both[] = { "-c", "/bin/true", "-e", "BEGIN { exit(); }", NULL };
	const char *wl[] = { "true", NULL };
	struct proc p;

	run_trace(&p, tree, NULL);
	assert_status(&p, 2);
	assert_first_line(p.err, "barebpf trace: --tree needs a command: -- COMMAND or -c 'CMD'");
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	run_trace(&p, both, wl);
	assert_status(&p, 2);
	assert_first_line(p.err, "barebpf trace: -c and -- COMMAND: one command at a time");
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
}
END_TEST

/*
 * -p PID: a process started before trace, run once trace is attached;
 * its seven calls alone are counted, and trace ends when it does.
 */
START_TEST(test_pid)
{
	struct run_opts keep = { .keep_stdin = true };
	struct args a = { .n = 0 }, b = { .n = 0 };
	struct proc w, p;
	char num[32], want[128];
	long pid;
	int i;

	args__add(&a, self_path(), "workload", "after-eof", "getppid", "7", NULL);
	ck_assert_int_eq(proc__start(&w, a.v, &keep), 0);
	ck_assert(proc__wait_for(&w, false, "\n", 5000));
	ck_assert(workload_report(w.out, "pid", &pid));
	snprintf(num, sizeof(num), "%ld", pid);
	args__add(&b, barebpf_path(), "trace", "-p", num, "-e",
		  "t:syscalls:sys_enter_getppid { @n = count(); @p[pid] = count(); }", NULL);
	ck_assert_int_eq(proc__start(&p, b.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&p, true, "Attached 1 probe", 10000),
		      "not attached; stderr:\n%s", p.err);
	/* calls of another process, not counted */
	for (i = 0; i < 3; i++)
		syscall(SYS_getppid);
	ck_assert_int_eq(proc__finish(&w), 0);
	/* no signal: trace sees the process gone and ends by itself */
	proc__finish(&p);
	ck_assert(!p.timed_out);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "\n\n@n: 7\n@p[%ld]: 7\n", pid);
	assert_out(&p, want);
	proc__free(&p);
	proc__free(&w);
}
END_TEST

/*
 * profile:hz: a sampling program on every CPU, probe its name; interval
 * ends the run. How many samples come depends on timers: each CPU's
 * presence and the name are what is exact.
 */
START_TEST(test_profile)
{
	const char *args[] = { "-e",
		"profile:hz:99 { @[probe] = count(); @c[cpu] = 1; } interval:ms:300 { exit(); }",
		NULL };
	char want[64];
	struct proc p;
	long n, i, cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct timespec t0, t1;
	double secs;
	const char *at;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	run_trace(&p, args, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_status(&p, 0);
	ck_assert_str_eq(p.err, "Attached 2 probes\n");
	at = strstr(p.out, "\n\n@[profile:hz:99]: ");
	ck_assert_msg(at == p.out, "stdout:\n%s", p.out);
	n = strtol(at + 20, NULL, 10);
	/* 99 Hz on each CPU while attached: some, never more than the whole run allows */
	ck_assert_msg(n >= 1 && n <= (long)(99 * secs + 1) * cpus, "%ld samples in %.2f s:\n%s",
		      n, secs, p.out);
	for (i = 0; i < cpus; i++) {
		snprintf(want, sizeof(want), "\n@c[%ld]: 1\n", i);
		ck_assert_msg(strstr(p.out, want), "no sample on CPU %ld:\n%s", i, p.out);
	}
	proc__free(&p);
}
END_TEST

/*
 * -f json with a ring too small and a reader stalled: every event is
 * either printed or counted lost in lost_events records, none missing.
 */
START_TEST(test_json_lost)
{
	const char *args[] = { "-f", "json", "-b", "1", "-e",
		"t:syscalls:sys_enter_getppid /pid == cpid/ { printf(\"%d %s\\n\", pid, comm); }",
		NULL };
	const char *wl[] = { "getppid", "20000", NULL };
	static const char printf_rec[] = "{\"type\": \"printf\", \"data\": \"";
	static const char lost_rec[] = "{\"type\": \"lost_events\", \"data\": {\"events\": ";
	struct run_opts o = { .stall_stdout_ms = 1500 };
	const char *l;
	long printed = 0, lost = 0, records = 0;
	struct proc p;

	run_trace_opts(&p, args, wl, &o);
	assert_status(&p, 0);
	for (l = p.out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (!strncmp(l, printf_rec, strlen(printf_rec)))
			printed++;
		else if (!strncmp(l, lost_rec, strlen(lost_rec)))
			lost += strtol(l + strlen(lost_rec), NULL, 10), records++;
	}
	ck_assert_msg(!strncmp(p.out, "{\"type\": \"attached_probes\", \"data\": {\"probes\": 1}}\n", 51),
		      "stdout:\n%.300s", p.out);
	ck_assert_msg(records >= 1 && lost >= 1, "nothing lost: %ld printed", printed);
	ck_assert_int_eq(printed + lost, 20000);
	proc__free(&p);
}
END_TEST

/*
 * -o FILE: written as a new file of mode 0600, put in place at the end;
 * through a symbolic link never; a run refused leaves what was there.
 */
START_TEST(test_output_file)
{
	char path[PATH_MAX], link[PATH_MAX], target[PATH_MAX];
	const char *ok[] = { "-o", path, "-e", "BEGIN { printf(\"hi\\n\"); exit(); }", NULL };
	const char *via[] = { "-o", link, "-e", "BEGIN { printf(\"hi\\n\"); exit(); }", NULL };
	const char *bad[] = { "-o", path, "-e", "BEGIN { $x = ; }", NULL };
	struct stat sb;
	struct proc p;
	char *text;

	snprintf(path, sizeof(path), "%s/out", case_dir);
	snprintf(link, sizeof(link), "%s/link", case_dir);
	snprintf(target, sizeof(target), "%s/target", case_dir);
	ck_assert_int_eq(write_file(path, "old\n", 0644), 0);
	run_trace(&p, ok, NULL);
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	text = read_file(path);
	ck_assert_str_eq(text, "hi\n\n\n");
	free(text);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);

	ck_assert_int_eq(write_file(target, "kept\n", 0644), 0);
	ck_assert_int_eq(symlink(target, link), 0);
	run_trace(&p, via, NULL);
	assert_status(&p, 1);
	ck_assert_msg(strstr(p.err, ": a symbolic link: refusing to write through it"),
		      "stderr:\n%s", p.err);
	proc__free(&p);
	text = read_file(target);
	ck_assert_str_eq(text, "kept\n");
	free(text);

	run_trace(&p, bad, NULL);
	assert_status(&p, 2);
	proc__free(&p);
	text = read_file(path);
	ck_assert_str_eq(text, "hi\n\n\n");
	free(text);
}
END_TEST

/* -l PATTERN: the tracepoints; -lv their fields as the format files say. */
START_TEST(test_list)
{
	const char *l[] = { "-l", "syscalls:sys_enter_openat*", NULL };
	const char *lv[] = { "-lv", "tracepoint:syscalls:sys_enter_openat", NULL };
	const char *bare[] = { "-l", "sys_enter_getppid", NULL };
	struct proc p;

	run_trace(&p, l, NULL);
	assert_status(&p, 0);
	assert_out(&p, "tracepoint:syscalls:sys_enter_openat\ntracepoint:syscalls:sys_enter_openat2\n");
	proc__free(&p);
	run_trace(&p, lv, NULL);
	assert_status(&p, 0);
	assert_out(&p, "tracepoint:syscalls:sys_enter_openat\n"
		   "    int __syscall_nr\n    int dfd\n    const char * filename\n"
		   "    int flags\n    umode_t mode\n");
	proc__free(&p);
	/* a word without ':' is looked for anywhere in CAT:EVENT */
	run_trace(&p, bare, NULL);
	assert_status(&p, 0);
	assert_out(&p, "tracepoint:syscalls:sys_enter_getppid\n");
	proc__free(&p);
}
END_TEST

#ifdef WORKLOAD_GETPPID_HERE
/*
 * ustack named from the ELF file's symbol table: the first frame is the
 * instruction after workload_getppid_here()'s own syscall, in this very
 * binary; printed while the process lives, and in the map at exit as
 * it was named then. kstack's first frame is named from kallsyms.
 */
START_TEST(test_stack_names)
{
	/*
	 * kstack at raw_syscalls:sys_enter, which hands programs the kernel's
	 * own registers: syscalls:sys_enter_* hand them the caller's user
	 * registers on some kernels (6.1), where kstack has no frame.
	 */
	char script[512];
	const char *args[] = { "-e", script, NULL };
	/* it lingers: its frames are named from its maps, read while it lives */
	const char *wl[] = { "getppid-here", "2", "1000", NULL };
	char frame[128], want[512];
	struct proc p;

	snprintf(script, sizeof(script),
		 "t:syscalls:sys_enter_getppid /pid == cpid/ { printf(\"%%s\\n\", ustack(1)); "
		 "@[ustack(1)] = count(); } "
		 "t:raw_syscalls:sys_enter /pid == cpid && args.id == %d/ { @k[kstack(1)] = count(); }",
		 (int)SYS_getppid);
	snprintf(frame, sizeof(frame), "workload_getppid_here+%lu",
		 (unsigned long)((uintptr_t)workload_getppid_ret -
				 (uintptr_t)workload_getppid_here));
	run_trace(&p, args, wl);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "\n        %s\n\n\n        %s\n\n\n\n@[\n    %s\n]: 2\n@k[\n    ",
		 frame, frame, frame);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "stdout:\n%s\nwanted first:\n%s",
		      p.out, want);
	/* a kernel function's name and offset, not an address */
	ck_assert_msg(p.out[strlen(want)] != '0' && strstr(p.out + strlen(want), "+") &&
		      !strcmp(p.out + strlen(p.out) - 6, "\n]: 2\n"), "stdout:\n%s", p.out);
	proc__free(&p);
}
END_TEST
#endif

static const struct {
	const char *prog;
	int status;
	const char *first_line;	/* of stderr, exactly */
} bad[] = {
	{ "BEGIN { $x = ; }", 2,
	  "-e:1:14: error: syntax error: unexpected token ';', expected an expression" },
	{ "tracepoint:syscalls:sys_enter_nosuchcall { exit(); }", 2,
	  "-e:1:1: error: no tracepoint syscalls:sys_enter_nosuchcall on this kernel (\"barebpf trace -l 'syscalls'\" lists what there is)" },
	{ "tracepoint:syscalls:sys_enter_openat { printf(\"%d\\n\", args.nosuchfield); }", 2,
	  "-e:1:55: error: tracepoint syscalls:sys_enter_openat has no field 'nosuchfield'; its fields: __syscall_nr, dfd, filename, flags, mode" },
	{ "BEGIN { @x = comm + 1; }", 2,
	  "-e:1:14: error: type error: string[16] used as an integer (the other side is int64)" },
	{ "BEGIN { @x[1] = 1; @x[\"a\"] = 2; }", 2,
	  "-e:1:23: error: @x's key is int64 at 1:9, string[2] here: a map keeps one key type" },
	{ "kprobe:do_sys_open { exit(); }", 2,
	  "-e:1:1: error: kprobe probes are not supported yet: barebpf attaches to tracepoints (tracepoint:CAT:EVENT, \"barebpf trace -l\" lists them), BEGIN, END, interval and profile" },
};

START_TEST(test_bad_input)
{
	const char *args[] = { "-e", bad[_i].prog, NULL };
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, bad[_i].status);
	assert_first_line(p.err, bad[_i].first_line);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
}
END_TEST

/*
 * 9000 ifs in a row, each leaving a branch to explore: the verifier
 * gives up ("The sequence of 8193 jumps is too complex", 1025 before
 * 5.2): exit 1, its log in script terms, why: at the if, nothing on
 * stdout. Its log is longer than trace keeps: from 6.4 the kernel keeps
 * the end, where it stopped; before, the start, and why comes from the
 * verdict's own log, with no instruction.
 */
START_TEST(test_rejected)
{
	const char *args[] = { "-e",
		"BEGIN { $x = 0; unroll(100) { unroll(90) { if (rand) { $x++; } } } exit(); }", NULL };
	bool end_kept = kernel_version_code() >= (6u << 16 | 4u << 8);
	struct proc p;

	run_trace(&p, args, NULL);
	assert_status(&p, 1);
	ck_assert_msg(!strncmp(p.err, "barebpf trace: the kernel refused the program for BEGIN: ", 57) &&
		      strstr(p.err, " if r0 == 0x0 goto pc+") &&
		      strstr(p.err, "| -e:1:48: BEGIN { $x = 0;") &&
		      (end_kept ?
		       strstr(p.err, "jumps is too complex.\n") &&
		       strstr(p.err, "why: -e:1:48: error: The sequence of ") :
		       strstr(p.err, "  ... (cut: this kernel keeps a long log's start)\n"
				     "why (at an instruction past the log's start): The sequence of 8193 jumps is too complex.\n") != NULL),
		      "stderr:\n%.2000s", p.err);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
}
END_TEST

/* bpftrace 0.17 beside barebpf on the same command: the same lines. */
static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text that start with keep, sorted when asked. */
static char *data_lines(const char *text, const char *keep, bool sorted)
{
	char *out = calloc(1, strlen(text) + 1), *lines[256], *copy, *l;
	size_t n = 0, i;

	copy = strdup(text);
	for (l = strtok(copy, "\n"); l && n < 256; l = strtok(NULL, "\n"))
		/* bpftrace 0.17 says "Attaching 1 probe..." on stdout; barebpf on stderr */
		if (!strncmp(l, keep, strlen(keep)) && strncmp(l, "Attaching ", 10))
			lines[n++] = l;
	if (sorted)
		qsort(lines, n, sizeof(*lines), cmp_line);
	for (i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(copy);
	return out;
}

static void differential(const char *prog, const char *const *cmd, const char *keep,
			 bool sorted)
{
	struct args a = { .n = 0 }, b = { .n = 0 };
	char cmdline[1024] = "";
	struct proc bt, bb;
	char *x, *y;
	int i;

	for (i = 0; cmd && cmd[i]; i++)
		snprintf(cmdline + strlen(cmdline), sizeof(cmdline) - strlen(cmdline),
			 "%s%s", i ? " " : "", cmd[i]);
	args__add(&a, BPFTRACE, "-e", prog, NULL);
	args__add(&b, barebpf_path(), "trace", "-e", prog, NULL);
	if (cmd) {
		args__add(&a, "-c", cmdline, NULL);
		args__add(&b, "-c", cmdline, NULL);
	}
	ck_assert(!proc__start(&bt, a.v, NULL));
	proc__finish(&bt);
	ck_assert(!proc__start(&bb, b.v, NULL));
	proc__finish(&bb);
	assert_status(&bb, 0);
	/* the lines that carry data; entries of equal value come in hash order */
	x = data_lines(bt.out, keep, sorted);
	y = data_lines(bb.out, keep, sorted);
	ck_assert_msg(*x && !strcmp(x, y), "bpftrace:\n%s\nbarebpf:\n%s", x, y);
	free(x);
	free(y);
	proc__free(&bt);
	proc__free(&bb);
}

START_TEST(test_vs_bpftrace_hello)
{
	differential("BEGIN { printf(\"hello world\\n\"); exit(); }", NULL, "hello", false);
}
END_TEST

START_TEST(test_vs_bpftrace_read_hist)
{
	const char *cmd[] = { "/usr/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=3000",
			      "count=9", "status=none", NULL };

	differential("tracepoint:syscalls:sys_exit_read /pid == cpid/ { @ = hist(args->ret); @l = lhist(args->ret, 0, 4000, 1000); @s = stats(args->ret); }",
		     cmd, "", false);
}
END_TEST

START_TEST(test_vs_bpftrace_count)
{
	const char *cmd[] = { "/usr/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=512",
			      "count=20", "status=none", NULL };

	/* COMMAND's syscalls once it is dd: before its exec it is its tracer */
	differential("tracepoint:raw_syscalls:sys_enter /pid == cpid/ { @[comm] = count(); }",
		     cmd, "@[dd]", false);
}
END_TEST

START_TEST(test_vs_bpftrace_openat)
{
	const char *cmd[] = { "/usr/bin/dd", "if=/etc/hostname", "of=/dev/null", "status=none", NULL };

	differential("tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == \"/etc/hostname\"/ { printf(\"%s %s\\n\", comm, str(args->filename)); }",
		     cmd, "dd ", false);
}
END_TEST

START_TEST(test_vs_bpftrace_sched_interval)
{
	const char *cmd[] = { "/usr/bin/sleep", "0.3", NULL };

	differential("tracepoint:sched:sched_process_e* /pid == cpid/ { @[probe] = count(); } interval:ms:2000 { exit(); }",
		     cmd, "@", true);
}
END_TEST

Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("one-liners");
	TCase *vs = tcase_create("bpftrace");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_add_test(tc, test_hello);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_openat_filename);
	tcase_add_test(tc, test_aggregations);
	tcase_add_test(tc, test_control);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_listing);
	tcase_add_loop_test(tc, test_bad_input, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_rejected);
	tcase_add_test(tc, test_command_string);
	tcase_add_test(tc, test_tree);
	tcase_add_test(tc, test_command_usage);
	tcase_add_test(tc, test_pid);
	tcase_add_test(tc, test_profile);
	tcase_add_test(tc, test_json_lost);
	tcase_add_test(tc, test_output_file);
	tcase_add_test(tc, test_list);
#ifdef WORKLOAD_GETPPID_HERE
	tcase_add_test(tc, test_stack_names);
#endif
	suite_add_tcase(s, tc);
	/* bpftrace and coreutils: a yardstick, on the host only */
	if (access(BPFTRACE, X_OK) || access("/usr/bin/dd", X_OK)) {
		printf("SKIP trace vs bpftrace: %s is not installed (Debian package bpftrace)\n",
		       BPFTRACE);
		return s;
	}
	tcase_set_timeout(vs, TRACE_TCASE_TIMEOUT);
	tcase_add_test(vs, test_vs_bpftrace_hello);
	tcase_add_test(vs, test_vs_bpftrace_read_hist);
	tcase_add_test(vs, test_vs_bpftrace_count);
	tcase_add_test(vs, test_vs_bpftrace_openat);
	tcase_add_test(vs, test_vs_bpftrace_sched_interval);
	suite_add_tcase(s, vs);
	return s;
}
