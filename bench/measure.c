// SPDX-License-Identifier: GPL-2.0
/*
 * measure CMD ARGS...: run CMD, then print on stderr
 *   measure: WALL_MS MAXRSS_KB STATUS START_NS
 * START_NS is CLOCK_MONOTONIC just before the fork, to compare with what
 * stamp prints once a tracer lets it run. stdin and stdout pass through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
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
	long long start;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: measure CMD [ARGS...]\n");
		return 2;
	}
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
	fprintf(stderr, "measure: %.1f %ld %d %lld\n",
		(double)(now_ns() - start) / 1e6, ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		start);
	return 0;
}
