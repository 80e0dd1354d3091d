// SPDX-License-Identifier: GPL-2.0
/* Processes holding BPF objects, from /proc. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tools/workbench/holders.h"
#include "tools/lib/output.h"

/* The number after key in an fdinfo-style file, or 0. */
static unsigned long long file_value(const char *path, const char *key)
{
	char buf[1024], *p;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

unsigned long long fdinfo_value(int fd, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	return file_value(path, key);
}

static void read_comm(pid_t pid, char comm[16])
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, comm, 15);
	if (fd >= 0)
		close(fd);
	comm[n > 0 ? n : 0] = '\0';
	if (n > 0 && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
}

static int add(struct bpf_holders *h, __u32 id, pid_t pid, const char *comm)
{
	struct bpf_holder *v;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->v[i].id == id && h->v[i].pid == pid)
			return 0;
	v = realloc(h->v, (h->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	h->v = v;
	v[h->n].id = id;
	v[h->n].pid = pid;
	snprintf(v[h->n].comm, sizeof(v[h->n].comm), "%s", comm);
	h->n++;
	return 0;
}

static int scan_pid(struct bpf_holders *h, pid_t pid, const char *link,
		    const char *key)
{
	char path[320], target[64], comm[16] = "";
	struct dirent *de;
	ssize_t n;
	DIR *dir;
	int err = 0;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return 0;	/* gone, or not ours to see */
	while (!err && (de = readdir(dir))) {
		unsigned long long id;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid,
			 de->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, link))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid,
			 de->d_name);
		id = file_value(path, key);
		if (!id)
			continue;
		if (!comm[0])
			read_comm(pid, comm);
		err = add(h, (__u32)id, pid, comm);
	}
	closedir(dir);
	return err;
}

int bpf_holders__scan(struct bpf_holders *h, const char *kind)
{
	char link[32], key[16];
	struct dirent *de;
	pid_t self = getpid();
	DIR *proc;
	int err = 0;

	memset(h, 0, sizeof(*h));
	snprintf(link, sizeof(link), "anon_inode:bpf-%s", kind);
	snprintf(key, sizeof(key), "%s_id:", kind);
	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while (!err && (de = readdir(proc))) {
		pid_t pid = (pid_t)strtol(de->d_name, NULL, 10);

		if (pid > 0 && pid != self)
			err = scan_pid(h, pid, link, key);
	}
	closedir(proc);
	return err;
}

void bpf_holders__print(const struct bpf_holders *h, __u32 id)
{
	const char *sep = "\tpids ";
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (h->v[i].id != id)
			continue;
		out_str(sep);
		out_esc(h->v[i].comm, sizeof(h->v[i].comm));
		out_printf("(%d)", (int)h->v[i].pid);
		sep = ", ";
	}
	if (sep[0] == ',')
		out_char('\n');
}

void bpf_holders__free(struct bpf_holders *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

void format_boot_time(__u64 boot_ns, char *buf, size_t len)
{
	struct timespec real, boot;
	long long t, days, y, m, d, doe, yoe, doy, mp, sec;

	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	t = real.tv_sec - boot.tv_sec + (long long)(boot_ns / 1000000000ull);
	/* Days to a civil date (Howard Hinnant's algorithm): no localtime */
	days = t / 86400;
	sec = t % 86400;
	days += 719468;
	doe = days - (days / 146097) * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + (days / 146097) * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(buf, len, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld+0000",
		 y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
}
