// SPDX-License-Identifier: GPL-2.0
/* CPU lists from /sys/devices/system/cpu. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "loader/cpus.h"

int cpus_parse_list(const char *list, bool *mask, int nr)
{
	const char *p = list;
	char *end;
	long a, b;

	memset(mask, 0, (size_t)nr * sizeof(*mask));
	while (*p && *p != '\n') {
		a = strtol(p, &end, 10);
		if (end == p || a < 0)
			return -EINVAL;
		b = a;
		p = end;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a)
				return -EINVAL;
			p = end;
		}
		for (; a <= b && a < nr; a++)
			mask[a] = true;
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -EINVAL;
	}
	return 0;
}

static int read_list(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	return 0;
}

int cpus_possible(void)
{
	/* Fixed at boot: read once, as every per-CPU map lookup needs it. */
	static int possible;
	char buf[4096];
	const char *p;
	int err;
	long last;

	if (possible)
		return possible;
	err = read_list("/sys/devices/system/cpu/possible", buf, sizeof(buf));
	if (err)
		return err;
	/* The highest CPU ends the list: "0-7" or "0,2-3". */
	p = buf + strcspn(buf, "\n");
	while (p > buf && (p[-1] >= '0' && p[-1] <= '9'))
		p--;
	last = strtol(p, NULL, 10);
	if (last < 0 || last > 65535)
		return -EINVAL;
	possible = (int)last + 1;
	return possible;
}

int cpus_online(bool *mask, int nr)
{
	char buf[4096];
	int err = read_list("/sys/devices/system/cpu/online", buf, sizeof(buf));

	return err ? err : cpus_parse_list(buf, mask, nr);
}
