// SPDX-License-Identifier: GPL-2.0
/*
 * drsnoop against the real kernel. Direct reclaim proper needs the whole
 * machine short of free memory, which no test may do to a shared host;
 * the same stall inside a memory cgroup's limit is provoked for real:
 * a workload joins a cgroup of its own and charges it past the limit
 * (page cache read past cgroup v1's memory.limit_in_bytes, anonymous
 * memory past v2's memory.high). -m shows those stalls with the exact
 * pid, thread and name; without -m, as bcc's drsnoop, none.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <check.h>
#include "tests/integration/hostile.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

/* The cgroup's limit, and what the workload charges past it. */
#define LIMIT_MB	16
#define FILE_MB		48		/* v1: page cache, reclaimable */
#define TOUCH_KB	(LIMIT_MB * 1024 + 1024)	/* v2: just over memory.high */

static struct {
	bool v2;
	char root[PATH_MAX];	/* the hierarchy with the memory controller */
	bool mounted;		/* by us, at root */
	char dir[PATH_MAX + 64];	/* our cgroup */
	char procs[PATH_MAX + 96];
	char file[PATH_MAX];	/* v1: what the workload reads */
} cg;

/*
 * Where the memory controller is: bound to a v1 hierarchy (its mount in
 * /proc/mounts), or on the unified one (v2; mounted here when nothing
 * mounts it, as in the kernel matrix's VMs). False, with why, when the
 * kernel has no memory controller to use.
 */
static bool memcg_find(char *why, size_t len)
{
	char line[512], name[64], dev[64], dir[PATH_MAX], type[64], opts[256];
	int hierarchy = -1, enabled = 0, h, n, e;
	FILE *f = fopen("/proc/cgroups", "re");

	if (!f) {
		snprintf(why, len, "no /proc/cgroups: %s", strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %d %d %d", name, &h, &n, &e) == 4 &&
		    !strcmp(name, "memory")) {
			hierarchy = h;
			enabled = e;
		}
	fclose(f);
	if (hierarchy < 0 || !enabled) {
		snprintf(why, len, "this kernel has no memory cgroup controller enabled");
		return false;
	}
	cg.v2 = hierarchy == 0;
	f = fopen("/proc/mounts", "re");
	if (!f) {
		snprintf(why, len, "no /proc/mounts: %s", strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %4095s %63s %255s", dev, dir, type, opts) != 4)
			continue;
		if ((cg.v2 && !strcmp(type, "cgroup2")) ||
		    (!cg.v2 && !strcmp(type, "cgroup") &&
		     (strstr(opts, ",memory") || !strncmp(opts, "memory", 6)))) {
			snprintf(cg.root, sizeof(cg.root), "%s", dir);
			break;
		}
	}
	fclose(f);
	if (!cg.v2 && !cg.root[0]) {
		snprintf(why, len, "the memory controller is on a cgroup v1 hierarchy that is not mounted");
		return false;
	}
	return true;
}

/* Write text to dir/file, a cgroup file: no O_CREAT, no O_TRUNC. */
static void write_text(const char *dir, const char *file, const char *text)
{
	char path[PATH_MAX + 64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	n = write(fd, text, strlen(text));
	ck_assert_msg(n == (ssize_t)strlen(text), "writing '%s' to %s: %s", text,
		      path, strerror(errno));
	close(fd);
}

/* A cgroup of our own with its limit; for v1 the file to read past it. */
static void memcg_setup(void)
{
	static char data[1 << 20];
	char why[256];
	int fd, i;

	case_dir_setup();
	ck_assert_msg(memcg_find(why, sizeof(why)), "%s", why);
	if (cg.v2 && !cg.root[0]) {
		snprintf(cg.root, sizeof(cg.root), "%s/cgroup2", case_dir);
		ck_assert_int_eq(mkdir(cg.root, 0755), 0);
		ck_assert_msg(mount("cgroup2", cg.root, "cgroup2", 0, NULL) == 0,
			      "mounting cgroup2: %s", strerror(errno));
		cg.mounted = true;
	}
	if (cg.v2)
		write_text(cg.root, "cgroup.subtree_control", "+memory");
	/* Both passes run at once: a name of this run's own. */
	snprintf(cg.dir, sizeof(cg.dir), "%s/barebpf-drsnoop-%d", cg.root, (int)getpid());
	ck_assert_msg(mkdir(cg.dir, 0755) == 0, "%s: %s", cg.dir, strerror(errno));
	snprintf(cg.procs, sizeof(cg.procs), "%s/cgroup.procs", cg.dir);
	if (cg.v2) {
		write_text(cg.dir, "memory.high", "16M");
		return;
	}
	write_text(cg.dir, "memory.limit_in_bytes", "16M");
	/* Written here, then dropped from the page cache: read back, it is charged to the cgroup. */
	snprintf(cg.file, sizeof(cg.file), "%s/blob", case_dir);
	fd = open(cg.file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	memset(data, 'x', sizeof(data));
	for (i = 0; i < FILE_MB; i++)
		ck_assert_int_eq(write(fd, data, sizeof(data)), sizeof(data));
	ck_assert_int_eq(fsync(fd), 0);
	ck_assert_int_eq(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
	close(fd);
}

static void memcg_teardown(void)
{
	if (cg.dir[0])
		rmdir(cg.dir);
	if (cg.mounted)
		umount2(cg.root, MNT_DETACH);
	case_dir_teardown();
}

/* The workload's arguments: the cgroup, and what it charges. */
static void fill_args(const char **wl, char *kb)
{
	snprintf(kb, 24, "%d", cg.v2 ? TOUCH_KB : 0);
	wl[0] = "memcg-fill";
	wl[1] = cg.procs;
	wl[2] = kb;
	wl[3] = cg.v2 ? NULL : cg.file;
	wl[4] = NULL;
}

START_TEST(test_memcg)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "kind", "latency_ns", "pages", NULL };
	const char *flags[] = { "--json", "-m", NULL };
	const char *wl[5];
	long long pages = 0;
	char kb[24];
	struct trace t;
	long pid;
	size_t i;

	fill_args(wl, kb);
	trace_run(&t, "drsnoop", flags, wl);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	ck_assert_msg(t.j.n > 0, "no reclaim shown; stderr:\n%s", t.p.err);
	for (i = 0; i < t.j.n; i++) {
		const struct json_object *e = t.j.objs[i];

		assert_keys(e, keys);
		ck_assert_str_eq(ev_str(e, "kind"), "memcg");
		ck_assert_int_eq(ev_int(e, "pid"), pid);
		ck_assert_int_eq(ev_int(e, "tid"), pid);
		ck_assert_int_eq(ev_int(e, "uid"), 0);
		ck_assert_str_eq(ev_str(e, "comm"), self_comm());
		ck_assert_int_gt(ev_int(e, "latency_ns"), 0);
		assert_time_in_run(&t, e);
		pages += ev_int(e, "pages");
	}
	/* Page cache is there to be reclaimed; anonymous memory, without swap, is not. */
	if (!cg.v2)
		ck_assert_msg(pages > 0, "no page reclaimed in:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

/* Without -m, as bcc's and libbpf-tools' drsnoop: a cgroup's reclaim is not shown. */
START_TEST(test_memcg_not_direct)
{
	const char *flags[] = { "--json", NULL };
	const char *wl[5];
	char kb[24];
	struct trace t;

	fill_args(wl, kb);
	trace_run(&t, "drsnoop", flags, wl);
	assert_status(&t.p, 0);
	workload_value(&t, "pid");
	ck_assert_msg(t.j.n == 0, "shown:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

/* The columns, with every one that flags add. */
START_TEST(test_text)
{
	static const char header[] =
		"TIME(s)        UID    COMM           PID    KIND    LAT(ms) PAGES  FREE(KB)\n";
	const char *flags[] = { "-T", "-U", "-e", "-m", NULL };
	const char *wl[5];
	char kb[24], pattern[128], *nl;
	struct trace t;
	regex_t re;

	fill_args(wl, kb);
	trace_run(&t, "drsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	nl = strchr(t.p.out + strlen(header), '\n');
	ck_assert_msg(nl != NULL, "no row:\n%s", t.p.out);
	*nl = '\0';
	snprintf(pattern, sizeof(pattern),
		 "^[0-9]+\\.[0-9]{9} +0 +%s +%ld +memcg +[0-9]+\\.[0-9]{2} +[0-9]+ +[1-9][0-9]*$",
		 self_comm(), workload_value(&t, "pid"));
	ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	ck_assert_msg(regexec(&re, t.p.out + strlen(header), 0, NULL, 0) == 0,
		      "row '%s' is not /%s/", t.p.out + strlen(header), pattern);
	regfree(&re);
	trace__free(&t);
}
END_TEST

/* Stalls of a task with a hostile name: COMM escaped, every row. */
START_TEST(test_hostile)
{
	const char *flags[] = { "-m", NULL };
	const char *wl[6] = { "as-hostile" };
	char kb[24], row[64];
	struct trace t;

	fill_args(wl + 1, kb);
	trace_run(&t, "drsnoop", flags, wl);
	assert_status(&t.p, 0);
	hostile_assert_clean("drsnoop", t.p.out);
	snprintf(row, sizeof(row), HOSTILE_COMM_ESC " %-6ld memcg ", workload_value(&t, "pid"));
	ck_assert_msg(count_lines(t.p.out, row) >= 1 &&
		      count_lines(t.p.out, row) == count_lines(t.p.out, "") - 1,
		      "not every row is %s:\n%s", row, t.p.out);
	trace__free(&t);
}
END_TEST

/* Where nothing reclaims, the tool still runs, and says nothing else. */
START_TEST(test_runs)
{
	static const char header[] = "COMM           PID     LAT(ms) PAGES\n";
	const char *true_wl[] = { "true", NULL };
	struct trace t;

	trace_run(&t, "drsnoop", NULL, true_wl);
	assert_status(&t.p, 0);
	ck_assert_str_eq(t.p.out, header);
	ck_assert_msg(!strstr(t.p.err, "drsnoop:"), "stderr:\n%s", t.p.err);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("drsnoop", (const char *[]){ "-p", "0", NULL },
			 "barebpf drsnoop: invalid -p value '0': expected 1..2147483647");
	assert_bad_usage("drsnoop", (const char *[]){ "-x", NULL },
			 "barebpf drsnoop: invalid option -- 'x'");
	assert_bad_usage("drsnoop", (const char *[]){ "stray", NULL },
			 "barebpf drsnoop: unexpected argument 'stray' (put a command after --)");
}
END_TEST

Suite *drsnoop_suite(void)
{
	Suite *s = suite_create("drsnoop");
	TCase *tc = tcase_create("usage");
	TCase *memcg = tcase_create("memcg");
	char why[256];

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_bad_usage);
	tcase_add_test(tc, test_runs);
	suite_add_tcase(s, tc);
	printf("SKIP drsnoop direct reclaim: provoking it takes the whole machine's free memory\n");
	if (!memcg_find(why, sizeof(why))) {
		printf("SKIP drsnoop memcg reclaim: %s\n", why);
		return s;
	}
	tcase_add_unchecked_fixture(memcg, memcg_setup, memcg_teardown);
	tcase_set_timeout(memcg, TRACE_TCASE_TIMEOUT);
	tcase_add_test(memcg, test_memcg);
	tcase_add_test(memcg, test_memcg_not_direct);
	tcase_add_test(memcg, test_text);
	tcase_add_test(memcg, test_hostile);
	suite_add_tcase(s, memcg);
	return s;
}
