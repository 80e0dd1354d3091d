// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for what processes share and how they reach the disk: new
 * threads (threadsnoop), System V shared memory (shmsnoop), descriptors
 * passed over a Unix socket (sofdsnoop) and direct reads (biosnoop).
 * Each reports what the kernel answered, as "workload: KEY VALUE" on
 * stderr, so the tests compare the tools with the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tests/integration/workload.h"

static long result(long ret)
{
	return ret < 0 ? -errno : ret;
}

static void linger_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* --- threads ------------------------------------------------------- */

#define MAX_THREADS 8

static pid_t tids[MAX_THREADS];

static void *note_tid(void *arg)
{
	tids[(intptr_t)arg] = (pid_t)syscall(SYS_gettid);
	return NULL;
}

/* A thread made by clone() itself: it leaves with exit(), not the process. */
static int bare_thread(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);
	return 0;
}

/*
 * "threads N": a fork (no thread: never shown), then N threads by
 * pthread_create() and one by clone() with WORKLOAD_CLONE_FLAGS.
 */
static int do_threads(int n)
{
	static char stack[64 << 10] __attribute__((aligned(16)));
	pthread_t t[MAX_THREADS];
	pid_t child, tid;
	int i, status;

	if (n < 1 || n > MAX_THREADS)
		return 2;
	report(2, "pid %d", (int)getpid());
	child = fork();
	if (child < 0)
		return 1;
	if (!child)
		_exit(0);
	if (waitpid(child, &status, 0) != child)
		return 1;
	report(2, "child %d", (int)child);
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, note_tid, (void *)(intptr_t)i))
			return 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		report(2, "tid%d %d", i, (int)tids[i]);
	}
	/* CLONE_CHILD_CLEARTID is not asked for: wait for the thread by /proc. */
	tid = clone(bare_thread, stack + sizeof(stack), WORKLOAD_CLONE_FLAGS, NULL);
	if (tid < 0)
		return 1;
	report(2, "clone-tid %d", (int)tid);
	for (i = 0; i < 5000; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/self/task/%d", (int)tid);
		if (access(path, F_OK))
			break;
		linger_ms(1);
	}
	return 0;
}

/* --- shared memory ------------------------------------------------- */

/*
 * "shm KEY SIZE": shmget(KEY, SIZE, IPC_CREAT|IPC_EXCL|0600), shmat()
 * read-only, shmdt(), shmctl(IPC_STAT), shmctl(IPC_RMID); then a
 * shmget() of KEY + 1, which does not exist. Raw syscalls, so that the
 * arguments are these and no libc's own (IPC_64, a buffer of its own).
 */
static int do_shm(long key, long size)
{
	static struct shmid_ds ds;
	long id, addr;

	report(2, "pid %d", (int)getpid());
	id = result(syscall(SYS_shmget, (key_t)key, (size_t)size,
			    IPC_CREAT | IPC_EXCL | 0600));
	report(2, "shmget %ld", id);
	if (id < 0)
		return 1;
	/* An address past 2 GiB is a negative long: -1 alone is a failure */
	addr = syscall(SYS_shmat, (int)id, NULL, SHM_RDONLY);
	if (addr == -1)
		report(2, "shmat %ld", (long)-errno);
	else
		report(2, "shmat %lu", (unsigned long)addr);
	report(2, "shmdt %ld", result(syscall(SYS_shmdt, addr)));
	report(2, "stat %ld", result(syscall(SYS_shmctl, (int)id, IPC_STAT, &ds)));
	report(2, "stat-buf %ld", (long)&ds);
	report(2, "rmid %ld", result(syscall(SYS_shmctl, (int)id, IPC_RMID, NULL)));
	report(2, "missing %ld", result(syscall(SYS_shmget, (key_t)(key + 1),
						(size_t)0, 0)));
	return 0;
}

/* --- descriptors over a Unix socket -------------------------------- */

/* Send fds over sock with one byte; nfds 0: a message with no control. */
static int send_fds(int sock, const int *fds, int nfds)
{
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (nfds) {
		memset(&u, 0, sizeof(u));
		msg.msg_control = u.buf;
		msg.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	}
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

/* Receive one message; the fds it carried into fds (up to 2). Returns how many. */
static int recv_fds(int sock, int *fds)
{
	char byte;
	struct iovec iov = { &byte, 1 };
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int n = 0;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds, CMSG_DATA(c), (size_t)n * sizeof(int));
		}
	return n;
}

/*
 * Two messages through sendmmsg() and recvmmsg(): the first with no
 * control, the second carrying fd. Returns the fd received, or -1.
 */
static int mmsg_pass(int tx, int rx, int fd)
{
	char bytes[2] = { 'a', 'b' }, in[2];
	struct iovec iov[2] = { { &bytes[0], 1 }, { &bytes[1], 1 } };
	struct iovec riov[2] = { { &in[0], 1 }, { &in[1], 1 } };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u, r[2];
	struct mmsghdr m[2], rm[2];
	struct cmsghdr *c;
	int got = -1, i;

	memset(m, 0, sizeof(m));
	memset(rm, 0, sizeof(rm));
	memset(&u, 0, sizeof(u));
	m[0].msg_hdr.msg_iov = &iov[0];
	m[0].msg_hdr.msg_iovlen = 1;
	m[1].msg_hdr.msg_iov = &iov[1];
	m[1].msg_hdr.msg_iovlen = 1;
	m[1].msg_hdr.msg_control = u.buf;
	m[1].msg_hdr.msg_controllen = sizeof(u.buf);
	c = CMSG_FIRSTHDR(&m[1].msg_hdr);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmmsg(tx, m, 2, 0) != 2)
		return -1;
	for (i = 0; i < 2; i++) {
		rm[i].msg_hdr.msg_iov = &riov[i];
		rm[i].msg_hdr.msg_iovlen = 1;
		rm[i].msg_hdr.msg_control = r[i].buf;
		rm[i].msg_hdr.msg_controllen = sizeof(r[i].buf);
	}
	if (recvmmsg(rx, rm, 2, 0, NULL) != 2)
		return -1;
	c = CMSG_FIRSTHDR(&rm[1].msg_hdr);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(c), sizeof(int));
	return got;
}

static long inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -errno : (long)st.st_ino;
}

/*
 * "fdpass-many N [MS]": N descriptors of /dev/null in one message, more
 * than a tool may show of one call; then linger MS (0 if not given), so
 * that /proc still shows them.
 */
static int do_fdpass_many(int n, long ms)
{
	static int fds[256];
	static char buf[CMSG_SPACE(sizeof(fds))] __attribute__((aligned(8)));
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	int sv[2], i;

	if (n < 1 || n > 200)
		return 2;
	report(2, "pid %d", (int)getpid());
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		return 1;
	for (i = 0; i < n; i++) {
		fds[i] = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0)
			return 1;
	}
	msg.msg_control = buf;
	msg.msg_controllen = CMSG_SPACE((size_t)n * sizeof(int));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, (size_t)n * sizeof(int));
	if (sendmsg(sv[0], &msg, 0) != 1)
		return 1;
	for (i = 0; i < n; i++)
		report(2, "fd%d %d", i, fds[i]);
	msg.msg_controllen = sizeof(buf);
	if (recvmsg(sv[1], &msg, 0) != 1)
		return 1;
	c = CMSG_FIRSTHDR(&msg);
	report(2, "received %d", c ? (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int)) : 0);
	if (ms > 0)
		linger_ms(ms);
	return 0;
}

/*
 * "fdpass FILE MS": over a datagram socketpair, FILE's fd and /dev/null's
 * in one sendmsg(); a message with no descriptor; FILE's fd again, in
 * the second of two messages of a sendmmsg(). Then linger MS, so that
 * /proc still shows the descriptors; or, MS "leave", close them all and
 * exit.
 */
static int do_fdpass(const char *path, long ms)
{
	int sv[2], fds[2], got[2] = { -1, -1 }, none[2], mm;

	report(2, "pid %d", (int)getpid());
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		return 1;
	fds[0] = open(path, O_RDONLY | O_CLOEXEC);
	fds[1] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fds[0] < 0 || fds[1] < 0)
		return 1;
	report(2, "tx %d", sv[0]);
	report(2, "rx %d", sv[1]);
	report(2, "tx-ino %ld", inode_of(sv[0]));
	report(2, "rx-ino %ld", inode_of(sv[1]));
	report(2, "file %d", fds[0]);
	report(2, "null %d", fds[1]);
	if (send_fds(sv[0], fds, 2) || recv_fds(sv[1], got) != 2)
		return 1;
	report(2, "got-file %d", got[0]);
	report(2, "got-null %d", got[1]);
	if (send_fds(sv[0], NULL, 0) || recv_fds(sv[1], none) != 0)
		return 1;
	mm = mmsg_pass(sv[0], sv[1], fds[0]);
	if (mm < 0)
		return 1;
	report(2, "mm-file %d", mm);
	if (ms >= 0) {
		linger_ms(ms);
		return 0;
	}
	/* "leave": every descriptor closed at once, so /proc names none */
	for (mm = 3; mm < 1024; mm++)
		close(mm);
	return 0;
}

/* --- direct reads -------------------------------------------------- */

/* "direct-read FILE N": N reads of 64 KiB with O_DIRECT, from the start. */
static int do_direct_read(const char *path, long n)
{
	static char buf[64 << 10] __attribute__((aligned(4096)));
	long i;
	int fd;

	report(2, "pid %d", (int)getpid());
	fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	if (fd < 0) {
		report(2, "open %d", -errno);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			report(2, "read %ld", result(-1));
			return 1;
		}
	report(2, "reads %ld", n);
	close(fd);
	return 0;
}

static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (!*s || *end || errno) {
		fprintf(stderr, "workload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

int workload_ipc(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "threads") && argc == 1)
		return do_threads((int)number(argv[0]));
	if (!strcmp(cmd, "shm") && argc == 2)
		return do_shm(number(argv[0]), number(argv[1]));
	if (!strcmp(cmd, "fdpass") && argc == 2)
		return do_fdpass(argv[0], strcmp(argv[1], "leave") ? number(argv[1]) : -1);
	if (!strcmp(cmd, "fdpass-many") && (argc == 1 || argc == 2))
		return do_fdpass_many((int)number(argv[0]), argc == 2 ? number(argv[1]) : 0);
	if (!strcmp(cmd, "direct-read") && argc == 2)
		return do_direct_read(argv[0], number(argv[1]));
	return -1;
}
