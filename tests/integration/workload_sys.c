// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for statsnoop and syscount, and the wrappers their
 * differential tests run libbpf-tools under.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "loader/tracefs.h"
#include "tests/integration/workload.h"

void workload_sys_usage(void)
{
	fprintf(stderr,
		"  stat PATH...               each stat call of this architecture on each PATH\n"
		"  syscalls N PATH [MS]       N getppid(), N+1 chdir(PATH), N+2 dup(-1); with\n"
		"                             MS, again after MS milliseconds\n"
		"  held CMD ARGS...           report the pid, wait for a byte on stdin, run CMD\n"
		"  pty PROG ARGS...           run PROG with stdout on a pty, copied to stdout\n"
		"  stat-names PROG ARGS...    run PROG seeing the stat events under debugfs\n");
}

static long count(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0) {
		fprintf(stderr, "workload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int wait_child(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : WEXITSTATUS(ws);
}

/* 0, or -errno of a call that failed. */
static int result(long ret)
{
	return ret < 0 ? -errno : 0;
}

/*
 * Each path through every stat call the architecture has, called
 * directly so that which tracepoint fires does not depend on the C
 * library: "calls N" is how many per path, "statI R" their result (0 or
 * -errno) on the I-th path; exit 1 if the calls of a path disagree.
 */
static int do_stat(int argc, char **argv)
{
	static char buf[4096] __attribute__((aligned(16)));	/* any struct stat */
	int i, k, n, res[4], status = 0;

	report(2, "pid %d", (int)getpid());
	for (i = 0; i < argc; i++) {
		n = 0;
#ifdef __NR_newfstatat
		res[n++] = result(syscall(__NR_newfstatat, AT_FDCWD, argv[i], buf, 0));
#endif
#ifdef __NR_statx
		res[n++] = result(syscall(__NR_statx, AT_FDCWD, argv[i], 0, 0, buf));
#endif
#ifdef __NR_stat
		res[n++] = result(syscall(__NR_stat, argv[i], buf));
#endif
#ifdef __NR_lstat
		res[n++] = result(syscall(__NR_lstat, argv[i], buf));
#endif
		/* Every call of one path must come to the same. */
		for (k = 1; k < n; k++)
			status |= res[k] != res[0];
		report(2, "stat%d %d", i + 1, n ? res[0] : 1);
		report(2, "calls %d", n);
	}
	return status;
}

/*
 * N getppid(), N+1 chdir(PATH), N+2 dup(-1): three counts apart; with
 * MS, all that again after MS milliseconds. Reports the totals.
 */
static int do_syscalls(long n, const char *path, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	long i, ok = 0, enoent = 0, ebadf = 0;
	int round;

	report(2, "pid %d", (int)getpid());
	for (round = 0; round < (ms ? 2 : 1); round++) {
		if (round)
			while (nanosleep(&ts, &ts) && errno == EINTR)
				;
		for (i = 0; i < n; i++)
			ok += getppid() > 0;
		for (i = 0; i < n + 1; i++)
			enoent += chdir(path) < 0 && errno == ENOENT;
		for (i = 0; i < n + 2; i++)
			ebadf += dup(-1) < 0 && errno == EBADF;
	}
	report(2, "getppid %ld", ok);
	report(2, "chdir %ld", enoent);
	report(2, "dup %ld", ebadf);
	return ok != round * n || enoent != round * (n + 1) || ebadf != round * (n + 2);
}

/* Runs CMD once the test has attached its tools by pid. */
static int do_held(int argc, char **argv)
{
	char c;

	report(2, "pid %d", (int)getpid());
	if (read(0, &c, 1) != 1)
		return 124;
	/* workload_main takes argv[1] as the command: argv[-1] is "held". */
	return workload_main(argc + 1, argv - 1);
}

static volatile sig_atomic_t pty_child;

static void pty_forward(int sig)
{
	if (pty_child > 0)
		kill(pty_child, sig);
}

/*
 * A C program's stdout is a full buffer on a pipe: the test would see
 * nothing, not even the header a tool prints once attached, until the
 * program exits. On a pty it writes line by line. SIGINT and SIGTERM go
 * on to PROG; the exit code is PROG's.
 */
static int do_pty(char **argv)
{
	struct sigaction sa;
	struct termios tio;
	char buf[4096];
	int master, slave;
	ssize_t n;
	pid_t pid;

	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) || unlockpt(master))
		return 1;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		return 1;
	/* The bytes as written: no "\r" before each "\n". */
	if (tcgetattr(slave, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(slave, TCSANOW, &tio);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pty_forward;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		if (dup2(slave, 1) < 0)
			_exit(126);
		execv(argv[0], argv);
		fprintf(stderr, "workload: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	pty_child = pid;
	close(slave);
	for (;;) {
		n = read(master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* EIO: no one holds the other end any more */
		if (write(1, buf, (size_t)n) != n)
			break;
	}
	return wait_child(pid);
}

/* The calls libbpf-tools' statsnoop traces. */
static const char *const stat_names[] = {
	"statfs", "statx", "newstat", "newfstatat", "newlstat",
};

#define NR_STAT_NAMES	(sizeof(stat_names) / sizeof(stat_names[0]))

static int make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0755) && errno != EEXIST ? -1 : 0;
}

static int put_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * libbpf-tools 0.26's statsnoop (Debian's) asks whether a call exists by
 * looking for debugfs's tracing/events/syscalls/NAME/format, a path no
 * kernel has (the events are sys_enter_NAME), and so attaches nothing.
 * In a private mount namespace, give it a /sys/kernel/debug/tracing
 * holding those paths and, for libbpf's attach, the real events' id and
 * format files; then exec PROG. The host's mounts are untouched.
 */
static int do_stat_names(char **argv)
{
	static const char root[] = "/sys/kernel/debug/tracing/events/syscalls";
	char *text[NR_STAT_NAMES][2][2] = { { { NULL } } };
	static const char *const files[2] = { "id", "format" };
	static const char *const sides[2] = { "enter", "exit" };
	char rel[256], dir[PATH_MAX];
	size_t i, s, f;

	/* Read the real files first: the tmpfs may hide where they are. */
	for (i = 0; i < NR_STAT_NAMES; i++)
		for (s = 0; s < 2; s++)
			for (f = 0; f < 2; f++) {
				snprintf(rel, sizeof(rel), "events/syscalls/sys_%s_%s/%s",
					 sides[s], stat_names[i], files[f]);
				text[i][s][f] = tracefs_read(rel, NULL);
			}
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tmpfs", "/sys/kernel/debug", "tmpfs", 0, "mode=0755")) {
		fprintf(stderr, "workload: a private /sys/kernel/debug: %s\n",
			strerror(errno));
		return 1;
	}
	for (i = 0; i < NR_STAT_NAMES; i++) {
		if (!text[i][0][0] || !text[i][1][0])
			continue;	/* not on this kernel */
		snprintf(dir, sizeof(dir), "%s/%s", root, stat_names[i]);
		if (make_dirs(dir) || put_file(dir, "format", ""))
			return 1;
		for (s = 0; s < 2; s++) {
			snprintf(dir, sizeof(dir), "%s/sys_%s_%s", root, sides[s],
				 stat_names[i]);
			if (make_dirs(dir))
				return 1;
			for (f = 0; f < 2; f++)
				if (text[i][s][f] && put_file(dir, files[f], text[i][s][f]))
					return 1;
		}
	}
	execv(argv[0], argv);
	fprintf(stderr, "workload: %s: %s\n", argv[0], strerror(errno));
	return 127;
}

int workload_sys(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "stat") && argc >= 1)
		return do_stat(argc, argv);
	if (!strcmp(cmd, "syscalls") && (argc == 2 || argc == 3))
		return do_syscalls(count(argv[0]), argv[1], argc == 3 ? count(argv[2]) : 0);
	if (!strcmp(cmd, "held") && argc >= 1)
		return do_held(argc, argv);
	if (!strcmp(cmd, "pty") && argc >= 1)
		return do_pty(argv);
	if (!strcmp(cmd, "stat-names") && argc >= 1)
		return do_stat_names(argv);
	return -1;
}
