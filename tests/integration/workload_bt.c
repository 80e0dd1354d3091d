// SPDX-License-Identifier: GPL-2.0
/*
 * The workloads buildtrace's tests record: file operations whose paths
 * only the replay can make absolute, execs with long argument vectors,
 * threads, a killed child. What a test must know is reported on stderr
 * as "workload: KEY VALUE".
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tests/integration/workload_bt.h"

static void say(const char *key, long v)
{
	char line[96];
	int n = snprintf(line, sizeof(line), "workload: %s %ld\n", key, v);

	if (write(2, line, (size_t)n) < 0)
		_exit(125);
}

static int wait_child(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : WEXITSTATUS(ws);
}

static void touch_at(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0)
		close(fd);
}

/*
 * In dir: a dirfd, a chdir, a dup2, a close-on-exec descriptor, a
 * rename, a symlink read and removed, a missing probe; then a child,
 * exec'd, that uses the descriptor it inherits and the one it does not.
 */
static int files(const char *dir)
{
	/*
	 * The child's path and argv on the stack, which fork gives it
	 * mapped: an exec read at entry (before 6.10) finds every string
	 * resident. (A literal's page may not be: test_argv_cold_pages.)
	 */
	char sub[4096], cloexec[16], buf[64], a0[] = "workload", a2[] = "bt-child";
	char self[] = "/proc/self/exe";
	char *child_argv[] = { a0, a0, a2, cloexec, NULL };
	struct stat st;
	int d, e;
	pid_t pid;

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	if (mkdir(sub, 0755) || (d = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return 1;
	say("pid", getpid());
	say("dirfd", d);
	touch_at(d, "rel");
	if (chdir(sub))
		return 1;
	touch_at(AT_FDCWD, "../up");
	if (dup2(d, BT_WORKLOAD_DUPFD) != BT_WORKLOAD_DUPFD)
		return 1;
	touch_at(BT_WORKLOAD_DUPFD, "viadup");
	e = fcntl(d, F_DUPFD_CLOEXEC, 20);
	if (e < 0)
		return 1;
	say("cloexec", e);
	stat("nowhere/x", &st);
	touch_at(AT_FDCWD, "t.tmp");
	if (rename("t.tmp", "t") || symlink("t", "link"))
		return 1;
	if (readlink("link", buf, sizeof(buf)) != 1 || unlink("link"))
		return 1;
	snprintf(cloexec, sizeof(cloexec), "%d", e);
	pid = fork();
	if (pid == 0) {
		execv(self, child_argv);
		_exit(127);
	}
	say("child", pid);
	return wait_child(pid) == 3 ? 0 : 1;
}

/* After exec: BT_WORKLOAD_DUPFD is still open, the close-on-exec one not. */
static int child(const char *cloexec)
{
	int fd = openat(BT_WORKLOAD_DUPFD, "inherited", O_WRONLY | O_CREAT, 0644);

	if (fd < 0 || openat(atoi(cloexec), "closed", O_RDONLY) >= 0 ||
	    errno != EBADF)
		return 1;
	return 3;
}

/*
 * The bytes of vector v's strings, each read: the pages the child reads
 * before execv() can be read at its exec's entry. On 32-bit ARM fork
 * leaves the child's entries for the parent's pages "old", and an MMU
 * without a hardware access flag faults on the first access to each:
 * a read with page faults off, as a BPF program's, fails on every page
 * the child has not touched since fork.
 */
static size_t vector_bytes(char *const *v)
{
	size_t n = 0;

	for (; *v; v++)
		n += strlen(*v) + 1;
	return n;
}

/*
 * exec "workload true" with n more arguments of len bytes each, argument
 * i being "<i>:" and then 'a' + i % 26 repeated. The child reads its
 * arguments and environment first; cold, the vector of pointers is in
 * a shared mapping, which fork leaves out of the child's page table
 * (it has no copy to keep), and the child never reads it: an exec's
 * entry cannot read it on any architecture.
 */
static int argv_exec(long n, long len, bool cold)
{
	/* On the stack and the heap, as files(): resident in the child */
	char self[] = "/proc/self/exe", a0[] = "workload", a2[] = "true";
	size_t size = ((size_t)n + 4) * sizeof(char *), bytes;
	char **argv;
	pid_t pid;
	long i;

	if (len < 8)
		return 1;
	if (cold) {
		argv = mmap(NULL, size, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (argv == MAP_FAILED)
			return 1;
	} else if (!(argv = calloc(1, size))) {
		return 1;
	}
	argv[0] = a0;
	argv[1] = a0;
	argv[2] = a2;
	for (i = 0; i < n; i++) {
		argv[i + 3] = malloc((size_t)len + 1);
		if (!argv[i + 3])
			return 1;
		bt_workload_arg(argv[i + 3], i, len);
	}
	argv[n + 3] = NULL;
	bytes = vector_bytes(argv);
	for (i = 0; environ[i]; i++)
		;
	say("env", i);
	pid = fork();
	if (pid == 0) {
		if (!vector_bytes(environ) ||
		    (!cold && vector_bytes(argv) != bytes))
			_exit(126);
		execv(self, argv);
		_exit(127);
	}
	say("child", pid);
	return wait_child(pid);
}

/* exec "workload true" with only n variables of len bytes: bt_workload_var(). */
static int env_exec(long n, long len)
{
	/* On the stack and the heap, as files(): resident in the child */
	char self[] = "/proc/self/exe", a0[] = "workload", a2[] = "true";
	char *argv[] = { a0, a0, a2, NULL };
	char **env = calloc((size_t)n + 1, sizeof(*env));
	pid_t pid;
	long i;

	if (!env || len < 8)
		return 1;
	for (i = 0; i < n; i++) {
		env[i] = malloc((size_t)len + 1);
		if (!env[i])
			return 1;
		bt_workload_var(env[i], i, len);
	}
	pid = fork();
	if (pid == 0) {
		execve(self, argv, env);
		_exit(127);
	}
	say("child", pid);
	return wait_child(pid);
}

static void *opener(void *path)
{
	int fd = open(path, O_RDONLY);

	say("thread_fd", fd);
	if (fd >= 0)
		close(fd);
	return NULL;
}

/*
 * A thread opens path; then a child is killed with SIGKILL, once it runs:
 * one killed before it ever returned to user space did nothing to record.
 */
static int thread_kill(const char *path)
{
	int running[2];
	pthread_t t;
	pid_t pid;
	char c;

	if (pthread_create(&t, NULL, opener, (void *)path))
		return 1;
	pthread_join(t, NULL);
	if (pipe(running))
		return 1;
	pid = fork();
	if (pid == 0) {
		if (write(running[1], "r", 1) != 1)
			_exit(126);
		pause();
		_exit(0);
	}
	close(running[1]);
	if (read(running[0], &c, 1) != 1)
		return 1;
	say("killed", pid);
	kill(pid, SIGKILL);
	return wait_child(pid) == 128 + SIGKILL ? 0 : 1;
}

void bt_workload_arg(char *buf, long i, long len)
{
	int n = snprintf(buf, (size_t)len + 1, "%ld:", i);

	memset(buf + n, 'a' + (int)(i % 26), (size_t)(len - n));
	buf[len] = '\0';
}

void bt_workload_var(char *buf, long i, long len)
{
	int n = snprintf(buf, (size_t)len + 1, "V%ld=", i);

	memset(buf + n, 'a' + (int)(i % 26), (size_t)(len - n));
	buf[len] = '\0';
}

static long num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end ? v : -1;
}

int bt_workload_main(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "bt-files") && argc == 1)
		return files(argv[0]);
	if (!strcmp(cmd, "bt-child") && argc == 1)
		return child(argv[0]);
	if (!strcmp(cmd, "bt-argv") && (argc == 2 || (argc == 3 && !strcmp(argv[2], "cold"))) &&
	    num(argv[0]) >= 0)
		return argv_exec(num(argv[0]), num(argv[1]), argc == 3);
	if (!strcmp(cmd, "bt-env") && argc == 2 && num(argv[0]) >= 0)
		return env_exec(num(argv[0]), num(argv[1]));
	if (!strcmp(cmd, "bt-thread-kill") && argc == 1)
		return thread_kill(argv[0]);
	fprintf(stderr, "workload: %s: unknown, or wrong arguments\n", cmd);
	return 2;
}
