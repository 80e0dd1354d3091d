// SPDX-License-Identifier: GPL-2.0
/* Running a libbpf-tools counterpart beside barebpf over a held workload. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <check.h>
#include "tests/integration/counterpart.h"

void counterpart_find(const char *tool, char *path)
{
	snprintf(path, PATH_MAX, "/usr/sbin/%s", tool);
	ck_assert_msg(access(path, X_OK) == 0, "%s: %s", path, strerror(errno));
}

bool counterpart_present(const char *tool)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/usr/sbin/%s", tool);
	if (access(path, X_OK) == 0)
		return true;
	printf("%s: no libbpf-tools %s here: differential test left out\n",
	       tool, path);
	return false;
}

/* The syscall the thread is blocked in, from /proc/PID/syscall, or -1. */
static long blocked_in(long pid)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/syscall", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -2;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -2;
	buf[n] = '\0';
	return buf[0] >= '0' && buf[0] <= '9' ? strtol(buf, NULL, 10) : -1;
}

long held_start(struct proc *w, const char *const *workload)
{
	struct run_opts o = { .keep_stdin = true };
	struct args a = { .n = 0 };
	long long end;
	long pid = 0, nr;

	args__add(&a, self_path(), "workload", "held", NULL);
	args__addv(&a, workload);
	ck_assert_int_eq(proc__start(w, a.v, &o), 0);
	ck_assert_msg(proc__wait_for(w, true, "workload: pid ", 10000),
		      "the held workload did not start: %s", w->err);
	ck_assert(workload_report(w->err, "pid", &pid));
	/*
	 * Inside read(2), nothing it does can end while only one of the two
	 * tools is attached. Without /proc/PID/syscall, go on: the window is
	 * the few instructions after its report.
	 */
	end = now_ms() + 10000;
	while ((nr = blocked_in(pid)) != SYS_read && nr != -2 && now_ms() < end)
		usleep(1000);
	return pid;
}

void held_release(struct proc *w)
{
	ck_assert_int_eq(write(w->in_fd, "g", 1), 1);
	ck_assert_int_eq(proc__finish(w), 0);
}

void tool_start(struct proc *p, char *const argv[], const char *ready)
{
	ck_assert_int_eq(proc__start(p, argv, NULL), 0);
	ck_assert_msg(proc__wait_for(p, false, ready, 20000),
		      "%s did not get ready (no \"%s\"); stderr:\n%s", argv[0],
		      ready, p->err);
}

int tool_stop(struct proc *p)
{
	kill(p->pid, SIGINT);
	return proc__finish(p);
}

bool wait_lines(struct proc *p, const char *needle, int want)
{
	long long end = now_ms() + run_scaled_ms(10000);

	while (count_lines(p->out, needle) < want && now_ms() < end &&
	       (p->out_fd >= 0 || p->err_fd >= 0))
		proc__read(p, 100);
	return count_lines(p->out, needle) >= want;
}
