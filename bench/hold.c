// SPDX-License-Identifier: GPL-2.0
/*
 * hold -- CMD ARGS...: what a tracer does around its command with nothing
 * to attach: fork CMD held on a pipe, release it at once, wait for it.
 * Run as "measure hold -- stamp", it is the floor under every tool's
 * "exec to attached" and "exit" on this machine: the fork and exec of a
 * static tracer, the fork of the held command and its exec, and the
 * reaping of both, which no tracer can take out.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	unsigned long long go = 1;
	int pipefd[2], status;
	pid_t pid;

	if (argc < 3 || strcmp(argv[1], "--")) {
		fprintf(stderr, "usage: hold -- CMD [ARGS...]\n");
		return 2;
	}
	if (pipe(pipefd)) {
		perror("pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		close(pipefd[1]);
		if (read(pipefd[0], &go, sizeof(go)) != sizeof(go))
			_exit(127);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	close(pipefd[0]);
	if (write(pipefd[1], &go, sizeof(go)) != sizeof(go))
		perror("write");
	close(pipefd[1]);
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
