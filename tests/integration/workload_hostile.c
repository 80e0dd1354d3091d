// SPDX-License-Identifier: GPL-2.0
/*
 * "workload hostile DIR": every kind of event, under hostile names;
 * "workload as-hostile CMD ARGS...": another workload, under a hostile
 * comm.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include "tests/integration/hostile.h"
#include "tests/integration/workload.h"

static int copy(const char *from, const char *to)
{
	char buf[64];
	ssize_t n;
	int in, out, err = 0;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return 1;
	report(2, "readfd %d", in);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			err = 1;
	close(in);
	return close(out) || err || n < 0;
}

static int run_exe(const char *exe)
{
	/* On the stack, so resident when execve reads them. */
	char arg1[] = HOSTILE_ARG1, arg2[] = HOSTILE_ARG2;
	char *argv[] = { (char *)exe, "workload", "true", arg1, arg2, NULL };
	pid_t pid = fork();
	int ws;

	if (pid < 0)
		return 1;
	if (!pid) {
		execv(exe, argv);
		_exit(127);
	}
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	report(2, "child %d", (int)pid);
	return !WIFEXITED(ws) || WEXITSTATUS(ws);
}

/*
 * "hostile DIR [MS]": each call under the hostile names, then linger MS
 * (0 if not given), so that /proc still shows the process.
 */
static int hostile(const char *dir, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	char file[PATH_MAX], out[PATH_MAX], exe[PATH_MAX], self[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd, err = 0;

	if (prctl(PR_SET_NAME, HOSTILE_COMM, 0, 0, 0))
		return 1;
	report(2, "pid %d", (int)getpid());
	snprintf(file, sizeof(file), "%s/%s", dir, HOSTILE_FILE);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(exe, sizeof(exe), "%s/%s", dir, HOSTILE_EXE);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	report(2, "fd %d", fd);
	if (fd < 0 || write(fd, "x", 1) != 1 || close(fd))
		return 1;
	err |= stat(file, &st) != 0;
	err |= copy(file, out);
	err |= umount2(file, 0) == 0;
	err |= kill(getpid(), 0) != 0;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	err |= symlink(self, exe) != 0;
	err |= run_exe(exe);
	while (ms > 0 && nanosleep(&ts, &ts) && errno == EINTR)
		;
	return err;
}

int workload_hostile(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "as-hostile") && argc >= 1) {
		if (prctl(PR_SET_NAME, HOSTILE_COMM, 0, 0, 0))
			return 1;
		/* argv[-1] is "as-hostile", standing where "workload" stood. */
		return workload_main(argc + 1, argv - 1);
	}
	if (strcmp(cmd, "hostile") || argc < 1 || argc > 2)
		return -1;
	return hostile(argv[0], argc == 2 ? strtol(argv[1], NULL, 10) : 0);
}
