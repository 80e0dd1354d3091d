// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the tools that watch the kernel at work: pressure inside
 * a memory cgroup (drsnoop), a compaction of every zone (compactsnoop),
 * writes to a terminal (ttysnoop), lookups of names the dcache has not
 * seen (dcsnoop). Each reports its pid and what the kernel answered, as
 * "workload: KEY VALUE" on stderr.
 */
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "tests/integration/workload.h"

/* Write text to path whole. Returns 0 or -errno. */
static int put(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = -errno;
	close(fd);
	return err;
}

/*
 * "memcg-fill PROCS KB [FILE]": join the cgroup whose cgroup.procs is
 * PROCS, then charge it: read FILE whole through the page cache when
 * given, else touch KB KiB of fresh anonymous memory, a page at a time.
 */
static int do_memcg_fill(const char *procs, long kb, const char *file)
{
	static char buf[1 << 20];
	char pid[24];
	long page = sysconf(_SC_PAGESIZE), i, total = 0;
	ssize_t n;
	char *mem;
	int fd, err;

	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	report(2, "pid %d", (int)getpid());
	err = put(procs, pid);
	if (err) {
		report(2, "join %d", err);
		return 1;
	}
	if (file) {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			report(2, "open %d", -errno);
			return 1;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			total += n;
		close(fd);
		report(2, "read %ld", n < 0 ? -errno : total);
		return n < 0;
	}
	mem = mmap(NULL, (size_t)kb << 10, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		report(2, "mmap %d", -errno);
		return 1;
	}
	for (i = 0; i < kb << 10; i += page)
		mem[i] = 1;
	report(2, "touched %ld", kb);
	munmap(mem, (size_t)kb << 10);
	return 0;
}

/* "compact": compact every zone of every node, as root may ask. */
static int do_compact(void)
{
	int err;

	report(2, "pid %d", (int)getpid());
	err = put("/proc/sys/vm/compact_memory", "1\n");
	report(2, "compact %d", err);
	return err != 0;
}

/*
 * "tty-write TTY": WORKLOAD_TTY_BYTES to the terminal TTY, by write()
 * and by writev() (an empty iovec among them), and the same to
 * /dev/null, which is no terminal.
 */
static int do_tty_write(const char *tty)
{
	static const char bytes[] = WORKLOAD_TTY_BYTES;
	const size_t half = WORKLOAD_TTY_SPLIT, len = sizeof(bytes) - 1;
	struct iovec iov[3] = {
		{ (void *)(bytes + half), 3 },
		{ (void *)bytes, 0 },
		{ (void *)(bytes + half + 3), len - half - 3 },
	};
	cpu_set_t cpus;
	int fd, null;
	ssize_t a, b;

	report(2, "pid %d", (int)getpid());
	/* On one CPU: its records share a ring, and come out in order. */
	CPU_ZERO(&cpus);
	CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	fd = open(tty, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || null < 0) {
		report(2, "open %d", -errno);
		return 1;
	}
	if (write(null, bytes, len) != (ssize_t)len)
		return 1;
	a = write(fd, bytes, half);
	b = writev(fd, iov, 3);
	report(2, "fd %d", fd);
	report(2, "write %zd", a < 0 ? -errno : a);
	report(2, "writev %zd", b < 0 ? -errno : b);
	close(null);
	close(fd);
	return a != (ssize_t)half || b != (ssize_t)(len - half);
}

/*
 * "lookups DIR PREFIX": the three ways a name missing from the dcache is
 * looked up: stat() of DIR/PREFIX-stat, open() of DIR/PREFIX-open (both
 * absent), and open(O_CREAT) of DIR/PREFIX-creat.
 */
static int do_lookups(const char *dir, const char *prefix)
{
	char path[4096];
	struct stat st;
	int fd;

	report(2, "pid %d", (int)getpid());
	snprintf(path, sizeof(path), "%s/%s-stat", dir, prefix);
	report(2, "stat %d", stat(path, &st) ? -errno : 0);
	snprintf(path, sizeof(path), "%s/%s-open", dir, prefix);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	report(2, "open %d", fd < 0 ? -errno : 0);
	snprintf(path, sizeof(path), "%s/%s-creat", dir, prefix);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	report(2, "creat %d", fd < 0 ? -errno : 0);
	if (fd >= 0)
		close(fd);
	return 0;
}

int workload_kern(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "lookups") && argc == 2)
		return do_lookups(argv[0], argv[1]);
	if (!strcmp(cmd, "tty-write") && argc == 1)
		return do_tty_write(argv[0]);
	if (!strcmp(cmd, "memcg-fill") && (argc == 2 || argc == 3))
		return do_memcg_fill(argv[0], strtol(argv[1], NULL, 10),
				     argc == 3 ? argv[2] : NULL);
	if (!strcmp(cmd, "compact") && argc == 0)
		return do_compact();
	return -1;
}
