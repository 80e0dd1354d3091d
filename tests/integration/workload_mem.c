// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the memory tools: pressure inside a memory cgroup
 * (drsnoop) and a compaction of every zone (compactsnoop). Each reports
 * its pid and what the kernel answered, as "workload: KEY VALUE" on
 * stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
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

int workload_mem(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "memcg-fill") && (argc == 2 || argc == 3))
		return do_memcg_fill(argv[0], strtol(argv[1], NULL, 10),
				     argc == 3 ? argv[2] : NULL);
	if (!strcmp(cmd, "compact") && argc == 0)
		return do_compact();
	return -1;
}
