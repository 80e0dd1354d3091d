// SPDX-License-Identifier: GPL-2.0
/* tracefs found, or mounted when asked. Mounting needs CAP_SYS_ADMIN; so does tracing. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include "loader/tracefs.h"

#ifndef TRACEFS_MAGIC
#define TRACEFS_MAGIC	0x74726163	/* <linux/magic.h>, 4.1 */
#endif

/* Where tracefs is mounted when mounted at all (4.1). */
#define TRACEFS_USUAL	"/sys/kernel/tracing"

static char tracefs_path[PATH_MAX];
/* A mount found whose events/ this process may not read. */
static char denied_path[PATH_MAX];

static int has_events(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	if (snprintf(p, sizeof(p), "%s/events", dir) >= (int)sizeof(p))
		return 0;
	if (stat(p, &st) == 0)
		return S_ISDIR(st.st_mode);
	/* tracefs is mode 0700: without CAP_DAC_READ_SEARCH, EACCES. */
	if ((errno == EACCES || errno == EPERM) && !denied_path[0] &&
	    strlen(dir) < sizeof(denied_path))
		strcpy(denied_path, dir);
	return 0;
}

static int set_path(const char *dir)
{
	if (strlen(dir) >= sizeof(tracefs_path) || !has_events(dir))
		return 0;
	strcpy(tracefs_path, dir);
	return 1;
}

/* Copy the next space-separated field of a /proc/mounts line. */
static const char *next_field(const char *p, char *out, size_t len)
{
	size_t n = 0;

	while (*p == ' ')
		p++;
	while (*p && *p != ' ' && *p != '\n') {
		if (n + 1 < len)
			out[n++] = *p;
		p++;
	}
	out[n] = '\0';
	return p;
}

/*
 * Look for a usable mount: tracefs itself (unless only_debugfs), else
 * debugfs's tracing/, where debugfs keeps it (a tracefs automount since
 * 4.1, the only place before).
 */
static int find_mounted(bool only_debugfs)
{
	char dev[256], dir[PATH_MAX], type[64], sub[PATH_MAX + 16];
	char line[PATH_MAX + 512];
	int found = 0, have_debugfs = 0;
	FILE *f = fopen("/proc/mounts", "re");
	const char *p;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		p = next_field(line, dev, sizeof(dev));
		p = next_field(p, dir, sizeof(dir));
		next_field(p, type, sizeof(type));
		if (!strcmp(type, "tracefs") && !only_debugfs) {
			found = set_path(dir);
		} else if (!strcmp(type, "debugfs") && !have_debugfs) {
			snprintf(sub, sizeof(sub), "%s/tracing", dir);
			have_debugfs = set_path(sub);
		}
	}
	fclose(f);
	return found || have_debugfs;
}

/* Mount type at dir; keeps the first errno seen. */
static int mount_at(const char *type, const char *dir, int *first_err)
{
	if (mount("nodev", dir, type, 0, NULL) == 0)
		return 0;
	if (!*first_err)
		*first_err = errno;
	return -1;
}

const char *tracefs_find(const struct tracefs_opts *opts)
{
	struct statfs sfs;
	int err = 0;

	if (tracefs_path[0])
		return tracefs_path;
	if (opts->path) {
		if (set_path(opts->path))
			return tracefs_path;
		errno = ENOENT;
		return NULL;
	}
	/*
	 * The usual place first, by its filesystem type: no read of
	 * /proc/mounts, which takes milliseconds where mounts are many.
	 */
	if (!opts->only_debugfs && statfs(TRACEFS_USUAL, &sfs) == 0 &&
	    sfs.f_type == TRACEFS_MAGIC && set_path(TRACEFS_USUAL))
		return tracefs_path;
	if (find_mounted(opts->only_debugfs))
		return tracefs_path;
	/* Mounted but not ours to read: another mount would be no better. */
	if (denied_path[0]) {
		errno = EACCES;
		return NULL;
	}
	if (!opts->mount) {
		errno = ENOENT;
		return NULL;
	}
	/* tracefs alone shows less of the kernel than debugfs: try it first. */
	if (!opts->only_debugfs &&
	    mount_at("tracefs", TRACEFS_USUAL, &err) == 0 &&
	    set_path(TRACEFS_USUAL))
		return tracefs_path;
	if (mount_at("debugfs", "/sys/kernel/debug", &err) == 0 &&
	    set_path("/sys/kernel/debug/tracing"))
		return tracefs_path;
	/* Else debugfs mounted but without tracing/: no CONFIG_TRACING. */
	errno = err ? err : ENOENT;
	return NULL;
}

const char *tracefs_dir(void)
{
	static const struct tracefs_opts mounted;

	return tracefs_find(&mounted);
}

const char *tracefs_denied(void)
{
	return denied_path[0] ? denied_path : NULL;
}

int tracefs_open(const char *rel, int flags)
{
	const char *dir = tracefs_dir();
	char path[PATH_MAX];
	int fd;

	if (!dir)
		return -errno;
	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

char *tracefs_read(const char *rel, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = NULL, *p;
	ssize_t r;
	int fd = tracefs_open(rel, O_RDONLY);

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap || !buf) {
			cap = buf ? cap * 2 : cap;
			p = realloc(buf, cap);
			if (!p)
				goto out_err;
			buf = p;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out_err;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
out_err:
	r = errno;
	free(buf);
	close(fd);
	errno = (int)r;
	return NULL;
}
