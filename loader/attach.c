// SPDX-License-Identifier: GPL-2.0
/* Tracepoint attach through perf_event_open(2). */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "loader/attach.h"

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
	 * is called before perf filters the event by CPU.
	 */
	fd = (int)syscall(__NR_perf_event_open, &attr, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
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

static void *detach_thread(void *arg)
{
	tracepoint_detach((int)(long)arg);
	return NULL;
}

void tracepoint_detach_all(int *perf_fds, int n)
{
	pthread_t threads[64];
	int i, started = 0;

	/* Stop every program first: nothing fires while the rest waits. */
	for (i = 0; i < n; i++)
		if (perf_fds[i] >= 0)
			ioctl(perf_fds[i], PERF_EVENT_IOC_DISABLE, 0);
	for (i = 0; i < n; i++) {
		if (perf_fds[i] < 0)
			continue;
		if (started < 64 &&
		    pthread_create(&threads[started], NULL, detach_thread,
				   (void *)(long)perf_fds[i]) == 0)
			started++;
		else
			tracepoint_detach(perf_fds[i]);
		perf_fds[i] = -1;
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}
