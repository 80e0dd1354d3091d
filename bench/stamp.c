// SPDX-License-Identifier: GPL-2.0
/*
 * stamp: print "stamp NS CPU_NS WAIT_NS": CLOCK_MONOTONIC in ns, then
 * what /proc/PPID/schedstat says of the parent so far: its time on a CPU
 * and its time waiting for one (0 0 when unreadable). Started by a tracer
 * as its held command, it marks the moment the probes are attached, and
 * the tracer's own CPU time until then, which a loaded machine changes
 * far less than the wall time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	unsigned long long cpu = 0, wait = 0;
	struct timespec ts;
	char path[64], buf[128];
	ssize_t n = -1;
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)getppid());
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n > 0) {
		buf[n] = '\0';
		if (sscanf(buf, "%llu %llu", &cpu, &wait) != 2)
			cpu = wait = 0;
	}
	printf("stamp %lld %llu %llu\n", ts.tv_sec * 1000000000LL + ts.tv_nsec,
	       cpu, wait);
	return 0;
}
