/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "check_integration workload CMD ARGS...": the programs the tools trace.
 * Built into the test binary so that the tests need no shell and no
 * coreutils. What a test must know (pids, fds) is reported as lines
 * "workload: KEY VALUE" on stderr (on stdout for "serve").
 */
#ifndef BAREBPF_TESTS_INTEGRATION_WORKLOAD_H
#define BAREBPF_TESTS_INTEGRATION_WORKLOAD_H

/* Flags "workload openat2 PATH" passes in struct open_how. */
#define WORKLOAD_OPENAT2_FLAGS		(O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
/* ... and "workload openat2 PATH MODE", which creates PATH. */
#define WORKLOAD_OPENAT2_CREATE_FLAGS	(O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
/* "workload create PATH MODE" */
#define WORKLOAD_CREATE_FLAGS		(O_WRONLY | O_CREAT | O_TRUNC)

/*
 * "workload getppid-here N" makes its getppid() calls from
 * workload_getppid_here() itself, by its own syscall instruction, where
 * the architecture's is known: the user stack's first frame is then
 * workload_getppid_here + (workload_getppid_ret - workload_getppid_here),
 * the instruction after the syscall.
 */
#if defined(__x86_64__) || defined(__aarch64__)
#define WORKLOAD_GETPPID_HERE		1
long workload_getppid_here(void);
extern const char workload_getppid_ret[];
#endif

/*
 * What each child of "workload forkexec N" executes: only string
 * literals, in a page the child never touches before execve().
 */
#define WORKLOAD_FORKEXEC_PATH		"/proc/self/exe"
#define WORKLOAD_FORKEXEC_ARGS		"workload", "exit", "0"

/*
 * "workload coldexec N DIR" does the same with a program of a few
 * instructions that exits 0 (written to DIR, where it chdir()s), so that
 * a thousand execs take seconds under an emulated CPU, not minutes;
 * where no such program is known for the architecture it says so and
 * fails. Its children run this, from literals in a cold page too.
 */
#if defined(__x86_64__) || defined(__aarch64__) || defined(__arm__)
#define WORKLOAD_COLDEXEC		1
#endif
#define WORKLOAD_COLDEXEC_NAME		"cold-exit"
#define WORKLOAD_COLDEXEC_PATH		"./" WORKLOAD_COLDEXEC_NAME
#define WORKLOAD_COLDEXEC_ARGS		WORKLOAD_COLDEXEC_NAME, "cold-arg-one", "cold-arg-two"

/*
 * The network commands (workload_net.c): the exit code, or -1 when cmd
 * and its arguments are none of them (for the usage).
 */
int workload_net(const char *cmd, int argc, char **argv);

/* argv[0] is "workload", argv[1] the command. Returns the exit code. */
int workload_main(int argc, char **argv);

/* One line "workload: ..." in one write(2), so lines never interleave. */
void report(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The commands of workload_sys.c (stat and syscall workloads, and the
 * wrappers the differential tests run libbpf-tools under): the exit
 * code, or -1 when cmd is none of them.
 */
int workload_sys(const char *cmd, int argc, char **argv);
void workload_sys_usage(void);
/*
 * The process tools' commands (workload_proc.c): cmd with its argc
 * arguments. Returns the exit code, or -1 when cmd is none of them.
 */
int workload_proc_main(const char *cmd, int argc, char **argv);

/*
 * "hostile DIR" (workload_hostile.c, see hostile.h): the exit code, or
 * -1 when cmd is not it.
 */
int workload_hostile(const char *cmd, int argc, char **argv);

/*
 * The flags "workload threads N" gives clone() for its last thread: a
 * thread as pthread_create() makes one, without TLS or tid addresses.
 */
#define WORKLOAD_CLONE_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
				 CLONE_THREAD | CLONE_SYSVSEM)

/*
 * Threads, shared memory, descriptors passed over sockets, direct reads
 * (workload_ipc.c): the exit code, or -1 when cmd is none of them.
 */
int workload_ipc(const char *cmd, int argc, char **argv);

/*
 * What "workload tty-write TTY" writes to the terminal: the first
 * WORKLOAD_TTY_SPLIT bytes by write(), the rest by writev(). A NUL, an
 * escape sequence and bytes that are not UTF-8 among them: ttysnoop
 * shows them as they are, and escaped in JSON.
 */
#define WORKLOAD_TTY_BYTES	"hello from barebpf\r\n\033[1mbold\033[0m\0\xff\tend\n"
#define WORKLOAD_TTY_SPLIT	20

/*
 * Memory pressure in a cgroup, compaction, writes to a terminal, dcache
 * lookups (workload_kern.c): the exit code, or -1 when cmd is none of
 * them.
 */
int workload_kern(const char *cmd, int argc, char **argv);

#endif /* BAREBPF_TESTS_INTEGRATION_WORKLOAD_H */
