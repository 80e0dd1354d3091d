// SPDX-License-Identifier: GPL-2.0
/* Kernel functions probed through the kprobe PMU, as perf(1) does. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "loader/bpf.h"
#include "loader/kprobe.h"

/* A small sysfs file of the PMU's, NUL-terminated in buf. 0 or -errno. */
static int read_pmu_file(const char *name, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), KPROBE_PMU_DIR "/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	n = n < 0 ? -errno : n;
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	return 0;
}

/* The decimal number after prefix in one of the PMU's files: 0..max. */
static int read_pmu_number(const char *name, const char *prefix, long max)
{
	size_t skip = strlen(prefix);
	char buf[64], *end;
	long v;
	int err = read_pmu_file(name, buf, sizeof(buf));

	if (err)
		return err;
	if (strncmp(buf, prefix, skip))
		return -EINVAL;
	errno = 0;
	v = strtol(buf + skip, &end, 10);
	if (errno || end == buf + skip || (*end && *end != '\n') || v < 0 || v > max)
		return -EINVAL;
	return (int)v;
}

int kprobe_pmu_type(void)
{
	return read_pmu_number("type", "", INT_MAX);
}

int kprobe_attach(int prog_fd, const char *func, bool retprobe)
{
	struct perf_event_attr attr;
	int type = kprobe_pmu_type(), bit = 0, fd, err;

	if (type < 0)
		return type;
	if (retprobe) {
		/* "config:0": the bit of config that asks for the return */
		bit = read_pmu_number("format/retprobe", "config:", 63);
		if (bit < 0)
			return bit;
	}
	memset(&attr, 0, sizeof(attr));
	attr.type = (__u32)type;
	attr.size = sizeof(attr);
	attr.config = retprobe ? 1ull << bit : 0;
	attr.config1 = ptr_to_u64(func);	/* kprobe_func */
	attr.config2 = 0;			/* probe_offset */
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	/* pid -1, cpu 0: the program runs on every CPU, as for a tracepoint. */
	fd = (int)syscall(__NR_perf_event_open, &attr, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/*
 * True when name is func, or func and a suffix a compiler gives its
 * copies: ".isra.0", ".constprop.0", ".part.0", ".cold" is not one
 * (a function's cold half, no entry of its own).
 */
static bool names(const char *name, const char *func, size_t flen, bool *exact)
{
	const char *sfx = name + flen;

	if (strncmp(name, func, flen))
		return false;
	*exact = !*sfx;
	return *exact || !strncmp(sfx, ".isra.", 6) || !strncmp(sfx, ".constprop.", 11) ||
	       !strncmp(sfx, ".part.", 6);
}

int kprobe_function(const char *func, char *buf, size_t len)
{
	char line[512], type, name[256], copy[256] = "";
	size_t flen = strlen(func);
	bool exact = false;
	FILE *f;

	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		/* "ffffffff81234560 t lookup_fast" (a module's: "\t[mod]" after) */
		char *sp = strchr(line, ' '), *end;

		if (!sp || !sp[1] || sp[2] != ' ')
			continue;
		type = sp[1];
		if (type != 't' && type != 'T')
			continue;
		end = sp + 3 + strcspn(sp + 3, "\t\n");
		if ((size_t)(end - (sp + 3)) >= sizeof(name) || *end == '\t')
			continue;
		memcpy(name, sp + 3, (size_t)(end - (sp + 3)));
		name[end - (sp + 3)] = '\0';
		if (!names(name, func, flen, &exact))
			continue;
		if (exact)
			break;
		if (!copy[0])
			strcpy(copy, name);
	}
	fclose(f);
	if (!exact && !copy[0])
		return -ENOENT;
	if ((size_t)snprintf(buf, len, "%s", exact ? func : copy) >= len)
		return -ENAMETOOLONG;
	return 0;
}
