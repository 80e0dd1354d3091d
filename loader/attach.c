// SPDX-License-Identifier: GPL-2.0
/* Tracepoint attach through perf_event_open(2). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/perf_event.h>
#include "loader/attach.h"

/* Closers at once; the rest close in turn. */
#define DETACH_MAX_CHILDREN	64

int tracepoint_attach(int prog_fd, __u32 tp_id)
{
	struct perf_event_attr attr;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = tp_id;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	/*
	 * pid -1, cpu 0: the program runs on every CPU anyway, since BPF
	 * is called before perf filters the event by CPU. The event is
	 * enabled from the start (attr.disabled is 0): no ENABLE ioctl,
	 * and the program runs from SET_BPF on.
	 */
	fd = (int)syscall(__NR_perf_event_open, &attr, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

void tracepoint_detach(int perf_fd)
{
	if (perf_fd < 0)
		return;
	ioctl(perf_fd, PERF_EVENT_IOC_DISABLE, 0);
	close(perf_fd);
}

/*
 * Closing a perf event's last fd unregisters its tracepoint, and the
 * kernel then waits out an RCU grace period (tens of milliseconds) in
 * the task that closed it. Waits that overlap share grace periods, so
 * each fd is closed by a child of its own that shares our fd table
 * (CLONE_FILES): the close, and the wait, happen in the child. Processes
 * and not threads, since pthread_create alone costs some 75 KiB of a
 * static glibc binary; the children touch nothing but the one fd.
 */
void tracepoint_detach_all(int *perf_fds, int n)
{
	pid_t pids[DETACH_MAX_CHILDREN];
	int i, started = 0;
	pid_t pid;

	/* Stop every program first: nothing fires while the rest waits. */
	for (i = 0; i < n; i++)
		if (perf_fds[i] >= 0)
			ioctl(perf_fds[i], PERF_EVENT_IOC_DISABLE, 0);
	for (i = 0; i < n; i++) {
		if (perf_fds[i] < 0)
			continue;
		pid = -1;
		if (started < DETACH_MAX_CHILDREN)
			pid = (pid_t)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
		if (pid == 0) {
			close(perf_fds[i]);
			_exit(0);
		}
		if (pid > 0)
			pids[started++] = pid;
		else
			close(perf_fds[i]);
		perf_fds[i] = -1;
	}
	for (i = 0; i < started; i++)
		while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
			;
}

#ifndef __NR_close_range
#define __NR_close_range	436	/* 5.9, the same number everywhere */
#endif

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Close every fd of this process but the n in keep (sorted here):
 * close_range() between them (5.9), else each fd /proc/self/fd lists.
 */
static void close_all_but(int *keep, int n)
{
	unsigned int from = 0;
	struct dirent *e;
	DIR *d;
	int i, fd;

	qsort(keep, (size_t)n, sizeof(*keep), cmp_int);
	for (i = 0; i <= n; i++) {
		unsigned int to = i < n ? (unsigned int)keep[i] : ~0u;

		if (to > from && syscall(__NR_close_range, from, to - 1, 0) &&
		    errno == ENOSYS)
			goto by_list;
		from = to + 1;
	}
	return;
by_list:
	d = opendir("/proc/self/fd");
	if (!d)
		return;
	while ((e = readdir(d))) {
		fd = atoi(e->d_name);
		if (e->d_name[0] == '.' || fd == dirfd(d) ||
		    bsearch(&fd, keep, (size_t)n, sizeof(*keep), cmp_int))
			continue;
		close(fd);
	}
	closedir(d);
}

int tracepoint_detach_background(int *perf_fds, int n)
{
	int go[2], keep[DETACH_MAX_CHILDREN + 1], nkeep = 0, i;
	char byte;
	pid_t pid;

	/* Slots of -1 (nothing attached there) are skipped, not counted. */
	for (i = 0; i < n; i++) {
		if (perf_fds[i] < 0)
			continue;
		if (nkeep == DETACH_MAX_CHILDREN)
			break;
		keep[nkeep++] = perf_fds[i];
	}
	if (!nkeep)
		return 0;
	if (i < n || pipe2(go, O_CLOEXEC)) {
		tracepoint_detach_all(perf_fds, n);
		return -EMFILE;
	}
	pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid < 0) {
		i = -errno;
		close(go[0]);
		close(go[1]);
		tracepoint_detach_all(perf_fds, n);
		return i;
	}
	if (pid == 0) {
		/*
		 * The closer: keep the attachments and the go pipe only, so
		 * that no reader waits on a pipe we hold. Closing before the
		 * caller has dropped its own copies would leave the last
		 * close, and the wait, to the caller.
		 */
		keep[nkeep] = go[0];
		close_all_but(keep, nkeep + 1);
		while (read(go[0], &byte, 1) < 0 && errno == EINTR)
			;
		close(go[0]);
		tracepoint_detach_all(keep, nkeep);
		_exit(0);
	}
	close(go[0]);
	/* The closer holds them: our copies go without the wait. */
	for (i = 0; i < n; i++) {
		if (perf_fds[i] < 0)
			continue;
		close(perf_fds[i]);
		perf_fds[i] = -1;
	}
	close(go[1]);
	return pid;
}
