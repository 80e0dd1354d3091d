// SPDX-License-Identifier: GPL-2.0
/* /proc lookups: a fallback for what the kernel side could not see. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/procfs.h"

pid_t proc_ppid(pid_t pid)
{
	char path[64], line[256];
	pid_t ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "PPid:", 5)) {
			ppid = (pid_t)strtol(line + 5, NULL, 10);
			break;
		}
	}
	fclose(f);
	return ppid;
}

int proc_path(pid_t pid, int fd, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	if (fd < 0)
		snprintf(path, sizeof(path), "/proc/%d/cwd", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

long long proc_meminfo_kb(const char *name)
{
	size_t len = strlen(name);
	long long kb = -ENOENT;
	char line[128];
	FILE *f;

	f = fopen("/proc/meminfo", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, name, len) && line[len] == ':') {
			kb = strtoll(line + len + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kb;
}
