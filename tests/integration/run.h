/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the programs under test without a shell: fork, execve with an
 * argv, collect stdout and stderr whole, reap. The tests must run in an
 * initramfs holding only barebpf and the test binary, so nothing here
 * may lean on /bin/sh, coreutils or PATH.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_RUN_H
#define BAREBPF_TESTS_INTEGRATION_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The uid and gid of "nobody", for the unprivileged runs. */
#define RUN_NOBODY	65534

/*
 * Longest a run may take before it is stopped (SIGTERM, then SIGKILL),
 * times CK_TIMEOUT_MULTIPLIER when that is set.
 */
#define RUN_TIMEOUT_MS	20000

struct run_opts {
	const char *const *env;	/* "NAME=VALUE" added, NULL-terminated */
	bool drop_root;		/* setgroups(0), setgid and setuid RUN_NOBODY */
	/*
	 * With drop_root: these capabilities (1ull << CAP_...) kept, as
	 * ambient ones, so that the program runs with them alone.
	 */
	unsigned long long caps;
	bool keep_stdin;	/* stdin is a pipe from in_fd; else it reads EOF */
	int timeout_ms;		/* 0: RUN_TIMEOUT_MS */
	/*
	 * Leave stdout unread this long: once the pipe is full the program
	 * blocks writing, as behind a slow consumer.
	 */
	int stall_stdout_ms;
};

/* A started program and everything it wrote so far. */
struct proc {
	pid_t pid;
	int in_fd;		/* write end of its stdin, or -1 */
	int out_fd, err_fd;	/* read ends, -1 once at EOF */
	char *out, *err;	/* what was read, always NUL-terminated */
	size_t out_len, err_len;
	size_t out_cap, err_cap;
	long long deadline_ms;	/* CLOCK_MONOTONIC; then it is stopped */
	long long stall_until_ms;	/* stdout is not read before */
	int status;		/* once reaped: exit code, or 128 + signal */
	bool reaped;
	bool signaled;		/* status came from a signal */
	bool timed_out;		/* we had to stop it */
};

/* Start argv[0] (a path: no PATH search). Returns 0 or -errno. */
int proc__start(struct proc *p, char *const argv[], const struct run_opts *opts);

/*
 * Read what the program writes for up to timeout_ms. Returns the number
 * of bytes read, 0 when none came in time or both pipes are at EOF.
 */
size_t proc__read(struct proc *p, int timeout_ms);

/* ms times CK_TIMEOUT_MULTIPLIER, when that is set (a slow machine). */
int run_scaled_ms(int ms);

/*
 * Wait for a line holding needle on stdout (or on stderr when err), for
 * up to timeout_ms (scaled as run_scaled_ms). Returns true when it came.
 */
bool proc__wait_for(struct proc *p, bool err, const char *needle,
		    int timeout_ms);

/*
 * Close its stdin, read until it exits (or its deadline passes, when it
 * is stopped), reap it. Returns p->status.
 */
int proc__finish(struct proc *p);

/* Stop and reap it if need be, free the buffers. */
void proc__free(struct proc *p);

/* proc__start then proc__finish. Returns the status, or -errno. */
int run(struct proc *p, char *const argv[], const struct run_opts *opts);

/* An argv being built; the strings are not copied. */
#define ARGS_MAX	160

struct args {
	char *v[ARGS_MAX + 1];	/* NULL-terminated */
	int n;
};

/* Append strings up to a NULL. Past ARGS_MAX, the rest is dropped. */
void args__add(struct args *a, ...);

/* Append each string of a NULL-terminated list (list may be NULL). */
void args__addv(struct args *a, const char *const *list);

/* Milliseconds of CLOCK_MONOTONIC. */
long long now_ms(void);

/*
 * The barebpf binary under test: $BAREBPF, else "build/barebpf" from the
 * repository root the tests run in, made absolute.
 */
const char *barebpf_path(void);

/* This test binary, absolute (the target of /proc/self/exe). */
const char *self_path(void);

/*
 * The comm a process running the test binary has: its basename cut to
 * 15 bytes.
 */
const char *self_comm(void);

/*
 * Find "workload: KEY N" among the lines of text. Returns true and sets
 * *val when found (the first such line).
 */
bool workload_report(const char *text, const char *key, long *val);
/* The same for values past a 32-bit long (a namespace's inode). */
bool workload_report_ll(const char *text, const char *key, long long *val);

/* Lines of text that hold needle. */
int count_lines(const char *text, const char *needle);

/* A fresh directory under $TMPDIR or /tmp, canonical (no symlinks). */
char *temp_dir(void);

/* Remove the tree under dir (files and directories only) and dir. */
void remove_tree(const char *dir);

/* Write a file whole. Returns 0 or -errno. */
int write_file(const char *path, const char *text, int mode);

/* A whole file, NUL-terminated (free it); NULL with errno set. */
char *read_file(const char *path);

#endif /* BAREBPF_TESTS_INTEGRATION_RUN_H */
