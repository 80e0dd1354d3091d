// SPDX-License-Identifier: GPL-2.0
/* A command run held under a tracer, and the signals of the wait. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <linux/types.h>
#include "tools/lib/args.h"
#include "tools/lib/child.h"
#include "tools/lib/clock.h"

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void on_child(int sig)
{
	(void)sig;	/* only to end a wait */
}

void wait_signals_install(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: the wait returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGINT);
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGCHLD);
}

int wait_signals_stop(void)
{
	return stop_signal;
}

int held_child__spawn(struct held_child *c, char **argv,
		      const sigset_t *exec_mask)
{
	int pipefd[2], errfd[2], err;
	__u64 go;

	memset(c, 0, sizeof(*c));
	c->release_fd = -1;
	c->exec_fd = -1;
	/*
	 * errfd: closed by a successful exec (O_CLOEXEC); a failed one
	 * writes its errno there first, so that the tracer can tell "the
	 * command could not run" from "it ran and exited 127".
	 */
	if (pipe2(pipefd, O_CLOEXEC)) {
		tool_err("pipe: %s", strerror(errno));
		return EXIT_FAIL;
	}
	if (pipe2(errfd, O_CLOEXEC)) {
		tool_err("pipe: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return EXIT_FAIL;
	}
	c->fork_ns = monotonic_ns();
	c->pid = fork();
	if (c->pid < 0) {
		tool_err("fork: %s", strerror(errno));
		c->pid = 0;
		close(pipefd[0]);
		close(pipefd[1]);
		close(errfd[0]);
		close(errfd[1]);
		return EXIT_FAIL;
	}
	if (c->pid == 0) {
		/*
		 * Held until the probes are attached; EOF means give up.
		 * One 8-byte read, as bpftrace's held command makes: a
		 * trace of the command's reads shows the same first one.
		 */
		close(pipefd[1]);
		close(errfd[0]);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, exec_mask, NULL);
		if (read(pipefd[0], &go, sizeof(go)) != sizeof(go))
			_exit(127);
		execvp(argv[0], argv);
		err = errno;
		tool_err("%s: %s", argv[0], strerror(err));
		if (write(errfd[1], &err, sizeof(err)) < 0)
			_exit(126);
		_exit(err == ENOENT ? 127 : 126);
	}
	close(pipefd[0]);
	close(errfd[1]);
	c->release_fd = pipefd[1];
	c->exec_fd = errfd[0];
	return 0;
}

void held_child__release(struct held_child *c)
{
	__u64 go = 1;

	if (c->release_fd < 0)
		return;
	if (write(c->release_fd, &go, sizeof(go)) != sizeof(go))
		tool_err("starting the command: %s", strerror(errno));
	close(c->release_fd);
	c->release_fd = -1;
}

/* Once it has ended, its exec pipe holds an errno or nothing, then EOF. */
static void read_exec_err(struct held_child *c)
{
	int err = 0;

	if (c->exec_fd < 0)
		return;
	if (read(c->exec_fd, &err, sizeof(err)) == sizeof(err))
		c->exec_err = err;
	close(c->exec_fd);
	c->exec_fd = -1;
}

bool held_child__reap(struct held_child *c, int flags)
{
	pid_t r;

	if (!c->pid || c->done)
		return c->done;
	do
		r = waitpid(c->pid, &c->status, flags);
	while (r < 0 && errno == EINTR);
	if (r == c->pid) {
		c->done = true;
		read_exec_err(c);
	}
	return c->done;
}

int held_child__exit_code(const struct held_child *c, int err)
{
	if (err || !c->pid || !c->done)
		return err;
	if (WIFEXITED(c->status))
		return WEXITSTATUS(c->status);
	if (WIFSIGNALED(c->status))
		return 128 + WTERMSIG(c->status);
	return EXIT_FAIL;
}

void held_child__abandon(struct held_child *c)
{
	if (c->release_fd < 0)
		return;
	kill(c->pid, SIGKILL);
	close(c->release_fd);
	c->release_fd = -1;
	held_child__reap(c, 0);
}
