// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile names against every tool's text output: a process that names
 * itself, its files and its arguments with terminal escapes, newlines,
 * carriage returns and bytes that are not UTF-8 (hostile.h). Each event
 * must come out as exactly one line, with those bytes escaped, and no
 * ESC, CR, C1 control or invalid byte may reach the output at all.
 * And inputs that are not files: a FIFO is refused, not waited on.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <check.h>
#include "tests/integration/embedded.h"
#include "tests/integration/hostile.h"
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"

/* What no text output may hold: ESC, CR, BEL, 0xff, a C1 CSI. */
void hostile_assert_clean(const char *tool, const char *text)
{
	static const char *const raw[] = { "\033", "\r", "\007", "\xff",
					   "\xc2\x9b" };
	size_t i;

	for (i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
		ck_assert_msg(!strstr(text, raw[i]),
			      "%s printed the raw byte 0x%02x", tool,
			      (unsigned char)raw[i][strlen(raw[i]) - 1]);
	/* The forged lines the names carry never start a line. */
	ck_assert_msg(!strstr(text, "\nroot") && !strstr(text, "\nfake line") &&
		      !strstr(text, "\nil"), "%s: a name split a line:\n%s",
		      tool, text);
}

/* Lines of text equal to line, from column skip on (a time column). */
static int count_rows(const char *text, const char *line, size_t skip)
{
	size_t n = strlen(line);
	const char *p = text;
	int count = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len == n + skip && !memcmp(p + skip, line, n))
			count++;
		p += len + (nl ? 1 : 0);
	}
	return count;
}

#define assert_row(tool, t, row, skip, want) \
	ck_assert_msg(count_rows((t)->p.out, row, skip) == (want), \
		      "%s: not %d of the row\n%s\nin\n%s", tool, want, row, \
		      (t)->p.out)

static char dir[PATH_MAX];

/* "barebpf TOOL FLAG -- SELF workload hostile DIR", in a fresh DIR. */
/* The workload lingers linger_ms at its end (0: not). */
static void run_hostile_for(struct trace *t, const char *tool, const char *flag,
			    int linger_ms)
{
	const char *flags[] = { flag, NULL };
	char name[32], ms[16];
	const char *wl[] = { "hostile", dir, ms, NULL };

	/* Each test in a process of its own: a directory per tool and flag. */
	snprintf(name, sizeof(name), "%s%s", tool, flag ? flag : "");
	snprintf(ms, sizeof(ms), "%d", linger_ms);
	case_subdir(dir, name);
	trace_run(t, tool, flags, wl);
	assert_status(&t->p, 0);
	if (!flag || strcmp(flag, "--raw"))
		hostile_assert_clean(tool, t->p.out);
}

static void run_hostile(struct trace *t, const char *tool, const char *flag)
{
	run_hostile_for(t, tool, flag, 0);
}

START_TEST(test_opensnoop)
{
	char row[PATH_MAX + 128];
	struct trace t;

	run_hostile(&t, "opensnoop", NULL);
	snprintf(row, sizeof(row), "%-6ld %-16s %3ld %3d %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), HOSTILE_COMM_ESC,
		 workload_value(&t, "fd"), 0, dir);
	assert_row("opensnoop", &t, row, 0,
		   workload_value(&t, "fd") == workload_value(&t, "readfd") ? 2 : 1);
	snprintf(row, sizeof(row), "%-6ld %-16s %3ld %3d %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), HOSTILE_COMM_ESC,
		 workload_value(&t, "readfd"), 0, dir);
	ck_assert_int_ge(count_rows(t.p.out, row, 0), 1);
	trace__free(&t);
}
END_TEST

START_TEST(test_statsnoop)
{
	char row[PATH_MAX + 128];
	struct trace t;

	run_hostile(&t, "statsnoop", NULL);
	snprintf(row, sizeof(row), "%-7ld %-20s %-4d %-4d %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), HOSTILE_COMM_ESC, 0, 0, dir);
	assert_row("statsnoop", &t, row, 0, 1);
	trace__free(&t);
}
END_TEST

START_TEST(test_execsnoop)
{
	char row[PATH_MAX + 256];
	struct trace t;

	run_hostile(&t, "execsnoop", NULL);
	snprintf(row, sizeof(row), "%-16s %-6ld %-6ld %3d %s/" HOSTILE_EXE_ESC
		 " workload true " HOSTILE_ARG1_ESC " " HOSTILE_ARG2_ESC,
		 HOSTILE_EXE_ESC, workload_value(&t, "child"),
		 workload_value(&t, "pid"), 0, dir);
	assert_row("execsnoop", &t, row, 0, 1);
	trace__free(&t);

	run_hostile(&t, "execsnoop", "-q");
	snprintf(row, sizeof(row), "%-16s %-6ld %-6ld %3d \"%s/" HOSTILE_EXE_ESC
		 "\" \"workload\" \"true\" \"" HOSTILE_ARG1_ESC "\" \""
		 HOSTILE_ARG2_ESC "\"", HOSTILE_EXE_ESC,
		 workload_value(&t, "child"), workload_value(&t, "pid"), 0, dir);
	assert_row("execsnoop -q", &t, row, 0, 1);
	trace__free(&t);
}
END_TEST

static long long own_mnt_ns(void)
{
	char link[64];
	ssize_t n = readlink("/proc/self/ns/mnt", link, sizeof(link) - 1);

	ck_assert_int_gt(n, 5);
	link[n] = '\0';
	return strtoll(link + 5, NULL, 10);
}

START_TEST(test_mountsnoop)
{
	char row[PATH_MAX + 128];
	struct trace t;

	/* Without BTF MNT_NS is read from /proc: the workload lingers there */
	run_hostile_for(&t, "mountsnoop", NULL, kernel_has_btf() ? 0 : run_scaled_ms(1000));
	/* Not a mount point: EINVAL. */
	snprintf(row, sizeof(row), "%-16s %-7ld %-7ld %-11lld umount(\"%s/"
		 HOSTILE_FILE_ESC "\", 0) = -22", HOSTILE_COMM_ESC,
		 workload_value(&t, "pid"), workload_value(&t, "pid"),
		 own_mnt_ns(), dir);
	assert_row("mountsnoop", &t, row, 0, 1);
	trace__free(&t);
}
END_TEST

START_TEST(test_killsnoop)
{
	char row[128];
	struct trace t;

	run_hostile(&t, "killsnoop", NULL);
	/* After the HH:MM:SS column: signal 0 to itself, accepted. */
	snprintf(row, sizeof(row), "%-7ld %-16s %-9d %-7ld %-6d",
		 workload_value(&t, "pid"), HOSTILE_COMM_ESC, 0,
		 workload_value(&t, "pid"), 0);
	assert_row("killsnoop", &t, row, 9, 1);
	trace__free(&t);
}
END_TEST

/* --raw: the bytes as they are, for a consumer of one's own. */
START_TEST(test_raw)
{
	char row[PATH_MAX + 128];
	struct trace t;

	run_hostile(&t, "opensnoop", "--raw");
	snprintf(row, sizeof(row), "%-6ld %-16s %3ld %3d %s/" HOSTILE_FILE,
		 workload_value(&t, "pid"), HOSTILE_COMM,
		 workload_value(&t, "fd"), 0, dir);
	ck_assert_msg(strstr(t.p.out, row), "no raw row %s in\n%s", row, t.p.out);
	ck_assert_ptr_null(strstr(t.p.out, HOSTILE_FILE_ESC));
	trace__free(&t);
}
END_TEST

/* Rows of text starting with prefix. */
static int count_prefixed(const char *text, const char *prefix)
{
	const char *p = text;
	int n = 0;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		n += !strncmp(p, prefix, strlen(prefix));
	return n;
}

START_TEST(test_exitsnoop)
{
	char row[128];
	struct trace t;

	run_hostile(&t, "exitsnoop", NULL);
	/* Then the age, which varies, and the status "0". */
	snprintf(row, sizeof(row), "%-16s %-7ld ", HOSTILE_COMM_ESC,
		 workload_value(&t, "pid"));
	ck_assert_msg(count_prefixed(t.p.out, row) == 1, "no row %s in\n%s",
		      row, t.p.out);
	snprintf(row, sizeof(row), "%-16s %-7ld %-7ld %-7ld ", HOSTILE_EXE_ESC,
		 workload_value(&t, "child"), workload_value(&t, "pid"),
		 workload_value(&t, "child"));
	ck_assert_msg(count_prefixed(t.p.out, row) == 1, "no row %s in\n%s",
		      row, t.p.out);
	trace__free(&t);
}
END_TEST

/*
 * "barebpf TOOL FLAGS... -- SELF workload as-hostile WL...": another
 * workload under the hostile comm; its output clean.
 */
static void run_as_hostile(struct trace *t, const char *tool,
			   const char *const *flags, const char *const *wl)
{
	const char *args[8] = { "as-hostile" };
	size_t i;

	for (i = 0; wl[i]; i++) {
		ck_assert_uint_lt(i + 2, sizeof(args) / sizeof(args[0]));
		args[i + 1] = wl[i];
	}
	trace_run(t, tool, flags, args);
	assert_status(&t->p, 0);
	hostile_assert_clean(tool, t->p.out);
}

/* Rows of text, the header left out. */
static int count_body(const char *text)
{
	return count_lines(text, "") - 1;
}

START_TEST(test_threadsnoop)
{
	const char *wl[] = { "threads", "1", NULL };
	const char *json[] = { "--json", NULL };
	char row[128];
	struct trace t;
	size_t i;

	run_as_hostile(&t, "threadsnoop", NULL, wl);
	/* After TIME(ms): the pthread, whose flags are its libc's, and the clone() thread. */
	snprintf(row, sizeof(row), " %-7ld %-7ld " HOSTILE_COMM_ESC " 0x",
		 workload_value(&t, "pid"), workload_value(&t, "tid0"));
	ck_assert_msg(count_lines(t.p.out, row) == 1, "no row %s in\n%s", row, t.p.out);
	snprintf(row, sizeof(row), " %-7ld %-7ld " HOSTILE_COMM_ESC " %#x\n",
		 workload_value(&t, "pid"), workload_value(&t, "clone-tid"),
		 WORKLOAD_CLONE_FLAGS);
	ck_assert_msg(strstr(t.p.out, row), "no row %s in\n%s", row, t.p.out);
	ck_assert_int_eq(count_body(t.p.out), 2);
	trace__free(&t);

	run_as_hostile(&t, "threadsnoop", json, wl);
	ck_assert_uint_eq(t.j.n, 2);
	for (i = 0; i < t.j.n; i++)
		ck_assert_str_eq(ev_str(t.j.objs[i], "comm"), HOSTILE_COMM);
	trace__free(&t);
}
END_TEST

START_TEST(test_shmsnoop)
{
	/* Apart from shmsnoop's own tests' keys (0x5e...), which run at once. */
	long key = 0x4e000000 | ((getpid() & 0xfffff) << 2);
	char key_arg[24], row[256], ret[24];
	const char *wl[] = { "shm", key_arg, "4096", NULL };
	struct trace t;

	snprintf(key_arg, sizeof(key_arg), "%ld", key);
	run_as_hostile(&t, "shmsnoop", NULL, wl);
	snprintf(ret, sizeof(ret), "%lx", workload_value(&t, "shmget"));
	snprintf(row, sizeof(row), "%-6ld " HOSTILE_COMM_ESC " %6s %16s key: %#lx, size: 4096, shmflg: 0x780 (IPC_CREAT|IPC_EXCL|0600)",
		 workload_value(&t, "pid"), "shmget", ret, key);
	assert_row("shmsnoop", &t, row, 0, 1);
	/* shmget, shmat, shmdt, two shmctl, the missing key's shmget: all under the name. */
	snprintf(row, sizeof(row), "%-6ld " HOSTILE_COMM_ESC " ", workload_value(&t, "pid"));
	ck_assert_int_eq(count_prefixed(t.p.out, row), 6);
	ck_assert_int_eq(count_body(t.p.out), 6);
	trace__free(&t);
}
END_TEST

/*
 * A descriptor of a file with a hostile name, passed under a hostile
 * name: NAME and COMM escaped, in text and in JSON. The workload
 * lingers, so that /proc names the socket (and, without BTF, the file).
 */
START_TEST(test_sofdsnoop)
{
	const char *json[] = { "--json", NULL };
	char file[PATH_MAX + 32], sock[64], row[PATH_MAX + 256];
	const char *wl[] = { "fdpass", file, "1000", NULL };
	struct trace t;
	size_t i;
	int named = 0;

	case_subdir(dir, "sofdsnoop");
	snprintf(file, sizeof(file), "%s/" HOSTILE_FILE, dir);
	ck_assert_int_eq(write_file(file, "x", 0644), 0);
	run_as_hostile(&t, "sofdsnoop", NULL, wl);
	snprintf(sock, sizeof(sock), "%ld:socket:[%ld]", workload_value(&t, "tx"),
		 workload_value(&t, "tx-ino"));
	/* sendmsg's and sendmmsg's: the same descriptor twice */
	snprintf(row, sizeof(row), "SEND   %-6ld " HOSTILE_COMM_ESC " %-25s %-5ld %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), sock, workload_value(&t, "file"), dir);
	assert_row("sofdsnoop", &t, row, 0, 2);
	snprintf(sock, sizeof(sock), "%ld:socket:[%ld]", workload_value(&t, "rx"),
		 workload_value(&t, "rx-ino"));
	snprintf(row, sizeof(row), "RECV   %-6ld " HOSTILE_COMM_ESC " %-25s %-5ld %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), sock, workload_value(&t, "got-file"), dir);
	assert_row("sofdsnoop", &t, row, 0, 1);
	snprintf(row, sizeof(row), "RECV   %-6ld " HOSTILE_COMM_ESC " %-25s %-5ld %s/" HOSTILE_FILE_ESC,
		 workload_value(&t, "pid"), sock, workload_value(&t, "mm-file"), dir);
	assert_row("sofdsnoop", &t, row, 0, 1);
	trace__free(&t);

	snprintf(row, sizeof(row), "%s/" HOSTILE_FILE, dir);
	run_as_hostile(&t, "sofdsnoop", json, wl);
	for (i = 0; i < t.j.n; i++) {
		ck_assert_str_eq(ev_str(t.j.objs[i], "comm"), HOSTILE_COMM);
		named += !strcmp(ev_str(t.j.objs[i], "name"), row);
	}
	ck_assert_msg(named == 4, "%d events name %s in\n%s", named, row, t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_compactsnoop)
{
	const char *wl[] = { "compact", NULL };
	char row[128];
	struct trace t;

	run_as_hostile(&t, "compactsnoop", NULL, wl);
	ck_assert_int_eq(workload_value(&t, "compact"), 0);
	/* A row per zone, each the workload's: the whole zone, as compact_memory asks. */
	snprintf(row, sizeof(row), HOSTILE_COMM_ESC " %-6ld ", workload_value(&t, "pid"));
	ck_assert_int_ge(count_prefixed(t.p.out, row), 1);
	ck_assert_int_eq(count_prefixed(t.p.out, row), count_body(t.p.out));
	ck_assert_int_eq(count_lines(t.p.out, " -1    SYNC "), count_body(t.p.out));
	trace__free(&t);
}
END_TEST

/*
 * Whether the case directory's files reach a disk by the block layer,
 * the disk itself (not a device stacked on others): false, with why,
 * on a tmpfs (the kernel matrix's VMs), device mapper or md.
 */
static bool on_plain_disk(const char *path, char *why, size_t len)
{
	char link[PATH_MAX + 16], real[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *slaves;
	int n = 0;

	if (stat(path, &st)) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return false;
	}
	snprintf(link, sizeof(link), "/sys/dev/block/%u:%u", major(st.st_dev),
		 minor(st.st_dev));
	if (!realpath(link, real)) {
		snprintf(why, len, "%s is on no block device", path);
		return false;
	}
	/* A partition's slaves are its disk's: look there. */
	snprintf(link, sizeof(link), "%s/partition", real);
	if (!access(link, F_OK))
		*strrchr(real, '/') = '\0';
	snprintf(link, sizeof(link), "%s/slaves", real);
	slaves = opendir(link);
	while (slaves && (e = readdir(slaves)))
		n += e->d_name[0] != '.';
	if (slaves)
		closedir(slaves);
	if (n)
		snprintf(why, len, "%s is on a device stacked on others", path);
	return !n;
}

/* Two direct reads of 64 KiB from a file of the hostile name, by the hostile comm. */
START_TEST(test_biosnoop)
{
	static char data[128 << 10];
	char file[PATH_MAX + 32], row[128];
	const char *wl[] = { "direct-read", file, "2", NULL };
	const char *p;
	struct trace t;
	long bytes = 0;
	int fd, n = 0;

	case_subdir(dir, "biosnoop");
	snprintf(file, sizeof(file), "%s/" HOSTILE_FILE, dir);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	memset(data, 'x', sizeof(data));
	ck_assert_int_eq(write(fd, data, sizeof(data)), sizeof(data));
	ck_assert_int_eq(fsync(fd), 0);
	close(fd);
	run_as_hostile(&t, "biosnoop", NULL, wl);
	ck_assert_int_eq(workload_value(&t, "reads"), 2);
	/* After TIME(s): COMM, PID, the disk, then reads adding up to the file. */
	snprintf(row, sizeof(row), HOSTILE_COMM_ESC " %-7ld ", workload_value(&t, "pid"));
	for (p = t.p.out; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *c = p + strcspn(p, " \n");
		char disk[64], rwbs[16];
		unsigned long long sector;
		unsigned int size;

		c += strspn(c, " ");
		if (strncmp(c, row, strlen(row)))
			continue;
		ck_assert_msg(sscanf(c + strlen(row), "%63s %15s %llu %u", disk, rwbs,
				     &sector, &size) == 4 && rwbs[0] == 'R',
			      "not a read: %.*s", (int)strcspn(p, "\n"), p);
		bytes += size;
		n++;
	}
	ck_assert_msg(bytes == sizeof(data), "%ld bytes read in %d rows of %s in\n%s\nstderr:\n%s",
		      bytes, n, row, t.p.out, t.p.err);
	ck_assert_int_eq(n, count_body(t.p.out));
	trace__free(&t);
}
END_TEST

/* buildtrace record, then summary, deps and deps --make on the trace. */
START_TEST(test_buildtrace)
{
	char trace[PATH_MAX + 8], row[2 * PATH_MAX + 512];
	struct args a = { .n = 0 };
	struct proc rec, sum, deps, make;
	long pid, child;

	case_subdir(dir, "bt");
	snprintf(trace, sizeof(trace), "%s.trace", dir);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", trace, "--",
		  self_path(), "workload", "hostile", dir, NULL);
	ck_assert_int_eq(run(&rec, a.v, NULL), 0);
	ck_assert_msg(workload_report(rec.err, "pid", &pid) &&
		      workload_report(rec.err, "child", &child), "%s", rec.err);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "summary", trace, NULL);
	ck_assert_int_eq(run(&sum, a.v, NULL), 0);
	hostile_assert_clean("buildtrace summary", sum.out);
	/* The longest-running commands: the child's argv, past its time. */
	snprintf(row, sizeof(row), "%-7ld " HOSTILE_EXE_ESC " workload true "
		 HOSTILE_ARG1_ESC " " HOSTILE_ARG2_ESC, child);
	ck_assert_msg(strstr(sum.out, row), "no %s in\n%s", row, sum.out);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "deps", trace, NULL);
	ck_assert_int_eq(run(&deps, a.v, NULL), 0);
	hostile_assert_clean("buildtrace deps", deps.out);
	/* Three outputs; the file is an input of the other two. */
	snprintf(row, sizeof(row), "%s/" HOSTILE_FILE_ESC, dir);
	ck_assert_int_eq(count_rows(deps.out, row, 0), 1);
	snprintf(row, sizeof(row), "%s/" HOSTILE_EXE_ESC, dir);
	ck_assert_int_eq(count_rows(deps.out, row, 0), 1);
	snprintf(row, sizeof(row), "%s/out", dir);
	ck_assert_int_eq(count_rows(deps.out, row, 0), 1);
	snprintf(row, sizeof(row), "\t%s/" HOSTILE_FILE_ESC, dir);
	ck_assert_int_eq(count_rows(deps.out, row, 0), 2);

	memset(&a, 0, sizeof(a));
	args__add(&a, barebpf_path(), "buildtrace", "deps", "--make", trace, NULL);
	ck_assert_int_eq(run(&make, a.v, NULL), 0);
	hostile_assert_clean("buildtrace deps --make", make.out);
	ck_assert_msg(!strstr(make.out, "\n\t") && !strstr(make.out, "pwned"),
		      "deps --make wrote:\n%s", make.out);
	/* Outputs in name order: the executable's name, out's input. */
	snprintf(row, sizeof(row),
		 "barebpf buildtrace: warning: left out of the Makefile, a name make cannot express: %s/"
		 HOSTILE_EXE_ESC "\n"
		 "barebpf buildtrace: warning: left out of the Makefile, a name make cannot express: %s/"
		 HOSTILE_FILE_ESC "\n"
		 "barebpf buildtrace: warning: 2 names left out of the Makefile: make cannot express them\n",
		 dir, dir);
	ck_assert_str_eq(make.err, row);
	proc__free(&make);
	proc__free(&deps);
	proc__free(&sum);
	proc__free(&rec);
}
END_TEST

/*
 * A FIFO given as input: refused at once as not a regular file (each
 * command hung in open(), waiting for a writer that never came).
 */
START_TEST(test_fifo_inputs)
{
	static const struct {
		const char *cmd, *sub, *tool;
		int status;
	} cmds[] = {
		{ "buildtrace", "summary", "buildtrace", 1 },
		{ "elf", "inspect", "elf", 2 },
		{ "asm", NULL, "asm", 2 },
		{ "disasm", NULL, "disasm", 2 },
		{ "verify", NULL, "verify", 2 },
	};
	struct run_opts opts = { .timeout_ms = 5000 };
	char fifo[PATH_MAX], want[PATH_MAX + 64];
	struct args a;
	struct proc p;
	size_t i;

	snprintf(fifo, sizeof(fifo), "%s/fifo", case_dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (!barebpf_has(cmds[i].cmd))
			continue;	/* elf, in a build without libelf */
		memset(&a, 0, sizeof(a));
		args__add(&a, barebpf_path(), cmds[i].cmd, NULL);
		if (cmds[i].sub)
			args__add(&a, cmds[i].sub, NULL);
		args__add(&a, fifo, NULL);
		ck_assert_int_ge(run(&p, a.v, &opts), 0);
		ck_assert_msg(!p.timed_out, "%s hangs on a FIFO", cmds[i].cmd);
		assert_status(&p, cmds[i].status);
		snprintf(want, sizeof(want), "barebpf %s: %s: not a regular file\n",
			 cmds[i].tool, fifo);
		ck_assert_str_eq(p.err, want);
		proc__free(&p);
	}
}
END_TEST

/*
 * asm -o onto a symbolic link: refused, the file it points to untouched;
 * onto a file: replaced whole.
 */
START_TEST(test_asm_output)
{
	char src[PATH_MAX], victim[PATH_MAX], link[PATH_MAX], want[PATH_MAX + 128];
	struct args a = { .n = 0 };
	struct stat st;
	struct proc p;
	char *text;

	snprintf(src, sizeof(src), "%s/p.s", case_dir);
	snprintf(victim, sizeof(victim), "%s/victim", case_dir);
	snprintf(link, sizeof(link), "%s/out.bin", case_dir);
	ck_assert_int_eq(write_file(src, "r0 = 0\nexit\n", 0644), 0);
	ck_assert_int_eq(write_file(victim, "keep\n", 0644), 0);
	ck_assert_int_eq(symlink(victim, link), 0);
	args__add(&a, barebpf_path(), "asm", src, "-o", link, NULL);
	ck_assert_int_ge(run(&p, a.v, NULL), 0);
	assert_status(&p, 1);
	snprintf(want, sizeof(want),
		 "barebpf asm: %s: a symbolic link: refusing to write through it (name the file it points to)\n",
		 link);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	text = read_file(victim);
	ck_assert_str_eq(text, "keep\n");
	free(text);

	a.v[a.n - 1] = victim;
	ck_assert_int_ge(run(&p, a.v, NULL), 0);
	assert_status(&p, 0);
	proc__free(&p);
	text = read_file(victim);
	/* r0 = 0; exit: 16 bytes, the first b7. */
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq((unsigned char)text[0], 0xb7);
	free(text);
	ck_assert_int_eq(stat(victim, &st), 0);
	ck_assert_int_eq(st.st_size, 16);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("text");
	TCase *inputs = tcase_create("inputs");
	const char *tmp;
	char why[PATH_MAX + 64];

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_opensnoop);
	tcase_add_test(tc, test_statsnoop);
	tcase_add_test(tc, test_execsnoop);
	tcase_add_test(tc, test_mountsnoop);
	tcase_add_test(tc, test_killsnoop);
	tcase_add_test(tc, test_exitsnoop);
	tcase_add_test(tc, test_buildtrace);
	tcase_add_test(tc, test_raw);
	tcase_add_test(tc, test_threadsnoop);
	tcase_add_test(tc, test_shmsnoop);
	tcase_add_test(tc, test_sofdsnoop);
	tcase_add_test(tc, test_compactsnoop);
	tmp = getenv("TMPDIR");
	if (on_plain_disk(tmp && *tmp ? tmp : "/tmp", why, sizeof(why)))
		tcase_add_test(tc, test_biosnoop);
	else
		printf("SKIP hostile biosnoop: %s\n", why);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(inputs, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(inputs, TRACE_TCASE_TIMEOUT);
	tcase_add_test(inputs, test_fifo_inputs);
	tcase_add_test(inputs, test_asm_output);
	suite_add_tcase(s, inputs);
	return s;
}
