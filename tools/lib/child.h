/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command a tracer runs ("-- COMMAND"): forked at once but held
 * before its exec until the probes are attached, so nothing it does is
 * missed; then waited for, its status given back as a shell gives it.
 *
 * And the signals a tracer waits on: SIGINT, SIGTERM and SIGCHLD stay
 * blocked except inside the wait itself (epoll_pwait, ppoll with the
 * mask given here), so one that arrives between two waits ends the next
 * at once instead of being missed until a timeout.
 */
#ifndef BAREBPF_TOOLS_CHILD_H
#define BAREBPF_TOOLS_CHILD_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <linux/types.h>

struct held_child {
	pid_t pid;		/* 0: no command */
	__u64 fork_ns;		/* CLOCK_MONOTONIC just before the fork */
	int release_fd;		/* written once to let it exec; -1 after */
	int exec_fd;		/* where it says why its exec failed; -1 */
	int status;		/* as waitpid() gave it, once done */
	int exec_err;		/* once done: errno of a failed exec, or 0 */
	bool done;
};

/*
 * Handle SIGINT and SIGTERM (see wait_signals_stop), let SIGCHLD end a
 * wait, ignore SIGPIPE, and block the three; *wait_mask is then the mask
 * to wait with.
 */
void wait_signals_install(sigset_t *wait_mask);

/* The signal that asked to stop (SIGINT or SIGTERM), or 0. */
int wait_signals_stop(void);

/*
 * Fork argv held: it runs with exec_mask as its signal mask and execs
 * only at held_child__release(). Returns 0, or EXIT_FAIL with what
 * failed printed as "barebpf TOOL: ...".
 */
int held_child__spawn(struct held_child *c, char **argv,
		      const sigset_t *exec_mask);

/* Let it exec. */
void held_child__release(struct held_child *c);

/* Wait for it (flags: WNOHANG or 0). True once it has ended. */
bool held_child__reap(struct held_child *c, int flags);

/* err if set, else the command's status as a shell gives it (128 + signal). */
int held_child__exit_code(const struct held_child *c, int err);

/* A child never released must not run untraced: kill and reap it. */
void held_child__abandon(struct held_child *c);

#endif /* BAREBPF_TOOLS_CHILD_H */
