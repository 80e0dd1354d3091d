// SPDX-License-Identifier: GPL-2.0
/* libbpf-tools started, synchronised with and stopped, for comparison. */
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/integration/yardstick.h"

bool yardstick_available(const char *name, const char *test)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", YARDSTICK_DIR, name);
	if (access(path, X_OK) == 0)
		return true;
	printf("SKIP %s: %s is not installed (Debian package libbpf-tools)\n",
	       test, path);
	return false;
}

struct fd_census {
	int links;		/* bpf_link fds: "perf" (tracepoints, kprobes) and
				   "tracing" (fentry, tp_btf) */
	int polled;		/* fds its epoll instance watches: its perf rings */
	bool perf_array;	/* a BPF_MAP_TYPE_PERF_EVENT_ARRAY map */
};

/* Lines of the fdinfo file at path that start with prefix. */
static int fdinfo_count(const char *path, const char *prefix)
{
	char buf[256];
	int n = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f))
		n += !strncmp(buf, prefix, strlen(prefix));
	fclose(f);
	return n;
}

static void census(pid_t pid, struct fd_census *c)
{
	char path[PATH_MAX], target[64];
	struct dirent *d;
	ssize_t n;
	DIR *dir;

	memset(c, 0, sizeof(*c));
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid, d->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, d->d_name);
		if (!strcmp(target, "anon_inode:[eventpoll]"))
			c->polled += fdinfo_count(path, "tfd:");
		else if (!strcmp(target, "anon_inode:bpf_link"))
			c->links += fdinfo_count(path, "link_type:\tperf\n") +
				    fdinfo_count(path, "link_type:\ttracing\n");
		else if (!strcmp(target, "anon_inode:bpf-map"))
			c->perf_array |= fdinfo_count(path, "map_type:\t4\n") > 0;
	}
	closedir(dir);
}

void yardstick_start(struct proc *p, const char *name, const char *const *args,
		     int links)
{
	char path[PATH_MAX];
	struct args a = { .n = 0 };
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long long end = now_ms() + 15000;
	struct fd_census c;

	snprintf(path, sizeof(path), "%s/%s", YARDSTICK_DIR, name);
	args__add(&a, path, NULL);
	args__addv(&a, args);
	ck_assert_int_eq(proc__start(p, a.v, NULL), 0);
	/*
	 * Attached once it holds its links; reading once its epoll watches
	 * a perf ring per online CPU, which libbpf adds after putting the
	 * ring in the map (a BPF ring buffer keeps what comes before it is
	 * read, so that needs nothing more).
	 */
	for (;;) {
		census(p->pid, &c);
		if (c.links >= links && (!c.perf_array || c.polled >= cpus))
			return;
		ck_assert_msg(now_ms() < end && (p->out_fd >= 0 || p->err_fd >= 0),
			      "%s never attached (%d of %d links, %d of %ld rings); stderr:\n%s",
			      path, c.links, links, c.polled, cpus, p->err);
		proc__read(p, 20);
	}
}

void yardstick_stop(struct proc *p)
{
	kill(p->pid, SIGINT);
	ck_assert_int_eq(proc__finish(p), 0);
	ck_assert_msg(!p->timed_out, "it did not stop on SIGINT");
}

bool yardstick_runs(const char *name, const char *const *args, int links,
		    const char *test)
{
	char path[PATH_MAX];
	struct args a = { .n = 0 };
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long long end = now_ms() + 15000;
	struct fd_census c;
	struct proc p;
	const char *last;
	bool ok = false;

	if (!yardstick_available(name, test))
		return false;
	snprintf(path, sizeof(path), "%s/%s", YARDSTICK_DIR, name);
	args__add(&a, path, NULL);
	args__addv(&a, args);
	if (proc__start(&p, a.v, NULL)) {
		printf("SKIP %s: %s cannot be started\n", test, path);
		return false;
	}
	while (now_ms() < end && (p.out_fd >= 0 || p.err_fd >= 0)) {
		census(p.pid, &c);
		if (c.links >= links && (!c.perf_array || c.polled >= cpus)) {
			ok = true;
			break;
		}
		proc__read(&p, 20);
	}
	kill(p.pid, SIGINT);
	proc__finish(&p);
	if (!ok) {
		/* Its own last word on why: "failed to load BPF object: -1". */
		while (p.err_len && p.err[p.err_len - 1] == '\n')
			p.err[--p.err_len] = '\0';
		last = strrchr(p.err, '\n');
		printf("SKIP %s: %s does not run on this kernel: %s\n", test, path,
		       last ? last + 1 : p.err);
	}
	proc__free(&p);
	return ok;
}
