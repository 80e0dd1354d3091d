// SPDX-License-Identifier: GPL-2.0
/*
 * measure CMD ARGS...: run CMD, then print on stderr
 *   measure: WALL_MS MAXRSS_KB STATUS START_NS END_NS CPU_MS DONE_NS
 * START_NS is CLOCK_MONOTONIC just before the fork and END_NS once CMD
 * has been reaped (when a shell would go on), to compare with what stamp
 * prints once a tracer lets it run; CPU_MS is CMD's user and system time
 * with the children it reaped. measure is a subreaper: what CMD leaves
 * running (barebpf's closer, detaching in the background) becomes its
 * child, and DONE_NS is when the last of those has ended too, so that
 * one run's detach is over before the next run starts. stdin and stdout
 * pass through.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	long long start, end;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: measure CMD [ARGS...]\n");
		return 2;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	start = now_ns();
	pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		perror("measure");
		return 1;
	}
	end = now_ns();
	while (wait(NULL) > 0 || errno == EINTR)
		;
	fprintf(stderr, "measure: %.1f %ld %d %lld %lld %.2f %lld\n",
		(double)(end - start) / 1e6, ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		start, end,
		(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3, now_ns());
	return 0;
}
