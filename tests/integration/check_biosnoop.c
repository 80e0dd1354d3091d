// SPDX-License-Identifier: GPL-2.0
/*
 * biosnoop against the real kernel: direct reads of a file whose blocks
 * the file system names (FIEMAP) reach the disk as requests of exactly
 * those sectors and bytes, made by the reader; -d and -p in the kernel;
 * the path kernels before block_io_start take; beside libbpf-tools.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"
#include "tests/integration/yardstick.h"

#define READS		4
#define READ_SIZE	65536
#define FILE_SIZE	(READS * READ_SIZE)

/* The disk under the case directory, as the block layer sees it. */
struct disk {
	char name[NAME_MAX + 1];	/* vda: the whole disk's */
	unsigned int major, minor;	/* the whole disk's */
	unsigned long long start;	/* the partition's first sector, or 0 */
	unsigned long max_kb;		/* max_sectors_kb: larger reads are split */
};

/* A file of sysfs as a number; -1 when it cannot be read. */
static long long sysfs_number(const char *dir, const char *name)
{
	char path[PATH_MAX], *text;
	long long v;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	text = read_file(path);
	if (!text)
		return -1;
	v = strtoll(text, NULL, 10);
	free(text);
	return v;
}

/*
 * The disk holding dir's file system, or false with why: none (tmpfs),
 * or one stacked on others (device mapper, md), whose sectors are not
 * the disk's.
 */
static bool disk_of(const char *dir, struct disk *d, char *why, size_t len)
{
	char link[PATH_MAX + 16], real[PATH_MAX], *slash, *text;
	struct stat st;
	DIR *slaves;
	struct dirent *e;
	int n = 0;

	memset(d, 0, sizeof(*d));
	if (stat(dir, &st)) {
		snprintf(why, len, "%s: %s", dir, strerror(errno));
		return false;
	}
	snprintf(link, sizeof(link), "/sys/dev/block/%u:%u", major(st.st_dev),
		 minor(st.st_dev));
	if (!realpath(link, real)) {
		snprintf(why, len, "%s is on no block device (device %u:%u)", dir,
			 major(st.st_dev), minor(st.st_dev));
		return false;
	}
	/* A partition's directory sits in its disk's. */
	if (sysfs_number(real, "partition") > 0) {
		d->start = (unsigned long long)sysfs_number(real, "start");
		slash = strrchr(real, '/');
		*slash = '\0';
	}
	snprintf(link, sizeof(link), "%s/slaves", real);
	slaves = opendir(link);
	while (slaves && (e = readdir(slaves)))
		n += e->d_name[0] != '.';
	if (slaves)
		closedir(slaves);
	if (n) {
		snprintf(why, len, "%s is on %s, a device stacked on others", dir, real);
		return false;
	}
	snprintf(d->name, sizeof(d->name), "%s", strrchr(real, '/') + 1);
	snprintf(link, sizeof(link), "%s/dev", real);
	text = read_file(link);
	if (!text || !strchr(text, ':')) {
		free(text);
		snprintf(why, len, "%s: no dev", real);
		return false;
	}
	d->major = (unsigned int)strtoul(text, NULL, 10);
	d->minor = (unsigned int)strtoul(strchr(text, ':') + 1, NULL, 10);
	free(text);
	snprintf(link, sizeof(link), "%s/queue", real);
	d->max_kb = (unsigned long)sysfs_number(link, "max_sectors_kb");
	return true;
}

static struct disk disk;
static char blob[PATH_MAX];
/* The disk sector of each READ_SIZE block of blob. */
static unsigned long long sectors[READS];

/*
 * blob: FILE_SIZE bytes on the disk, and where each block lies, from
 * the file system's own map of it (FIEMAP gives bytes from the start of
 * its device: the partition's).
 */
static void blob_setup(void)
{
	static char data[FILE_SIZE];
	struct {
		struct fiemap map;
		struct fiemap_extent extents[READS];
	} f;
	const struct fiemap_extent *x;
	char why[256];
	__u32 i, j;
	int fd;

	case_dir_setup();
	ck_assert_msg(disk_of(case_dir, &disk, why, sizeof(why)), "%s", why);
	snprintf(blob, sizeof(blob), "%s/blob", case_dir);
	for (i = 0; i < FILE_SIZE; i++)
		data[i] = (char)(i * 7 + i / 4096);
	fd = open(blob, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, sizeof(data)), sizeof(data));
	ck_assert_int_eq(fsync(fd), 0);
	memset(&f, 0, sizeof(f));
	f.map.fm_length = FILE_SIZE;
	f.map.fm_flags = FIEMAP_FLAG_SYNC;
	f.map.fm_extent_count = READS;
	ck_assert_msg(ioctl(fd, FS_IOC_FIEMAP, &f.map) == 0, "FIEMAP: %m");
	close(fd);
	for (i = 0; i < READS; i++) {
		__u64 at = (__u64)i * READ_SIZE;

		for (j = 0; j < f.map.fm_mapped_extents; j++) {
			x = &f.map.fm_extents[j];
			if (at >= x->fe_logical && at + READ_SIZE <= x->fe_logical + x->fe_length)
				break;
		}
		ck_assert_msg(j < f.map.fm_mapped_extents,
			      "block %u of %s is not within one extent", i, blob);
		ck_assert_msg(!(x->fe_flags & (FIEMAP_EXTENT_UNKNOWN | FIEMAP_EXTENT_ENCODED |
					       FIEMAP_EXTENT_DATA_INLINE | FIEMAP_EXTENT_NOT_ALIGNED)),
			      "extent flags %#x", x->fe_flags);
		sectors[i] = (x->fe_physical + at - x->fe_logical) / 512 + disk.start;
	}
}

static const char *const wl[] = { "direct-read", blob, "4", NULL };

/*
 * biosnoop over the reads. A completion comes in an interrupt, and the
 * kernel skips its program when the interrupt lands while another
 * tracing program runs on that CPU (the tests beside this one run
 * theirs): biosnoop says so at exit, and then the run is made again.
 */
static void reads_run_opts(struct trace *t, const struct run_opts *o,
			   const char *const *flags)
{
	int tries;

	for (tries = 1;; tries++) {
		trace_run_opts(t, o, "biosnoop", flags, wl);
		if (tries == 3 || !strstr(t->p.err, "events missed: the kernel skipped"))
			return;
		trace__free(t);
	}
}

static void reads_run(struct trace *t, const char *const *flags)
{
	reads_run_opts(t, NULL, flags);
}

/* The events of the workload's own reads: pid and disk both its. */
static size_t our_reads(const struct trace *t, const struct json_object **out,
			size_t max)
{
	long pid = workload_value(t, "pid");
	size_t i, n = 0;

	for (i = 0; i < t->j.n; i++) {
		const struct json_object *e = t->j.objs[i];

		if (ev_int(e, "pid") != pid || strcmp(ev_str(e, "disk"), disk.name))
			continue;
		ck_assert_msg(n < max, "more than %zu requests of %ld:\n%s", max, pid,
			      t->p.out);
		out[n++] = e;
	}
	return n;
}

static int by_sector(const void *a, const void *b)
{
	long long sa = ev_int(*(const struct json_object *const *)a, "sector");
	long long sb = ev_int(*(const struct json_object *const *)b, "sector");

	return (sa > sb) - (sa < sb);
}

/*
 * The reads, exactly: requests that cover each block's sectors whole
 * and nothing else, reads, made by the workload. A disk taking 64 KiB
 * in one request gets exactly one per read.
 */
static void assert_reads(const struct trace *t)
{
	const struct json_object *e[4 * READS * (READ_SIZE / 4096)];
	long pid = workload_value(t, "pid");
	unsigned long long next = 0, end = 0;
	size_t n, i, block = 0;

	ck_assert_int_eq(workload_value(t, "reads"), READS);
	n = our_reads(t, e, sizeof(e) / sizeof(e[0]));
	qsort(e, n, sizeof(e[0]), by_sector);
	for (i = 0; i < n; i++) {
		if (!end) {
			ck_assert_msg(block < READS, "a request past the file:\n%s", t->p.out);
			next = sectors[block];
			end = next + READ_SIZE / 512;
		}
		/* Sectors in order, each block covered whole and only once. */
		ck_assert_int_eq(ev_int(e[i], "sector"), next);
		ck_assert_int_gt(ev_int(e[i], "bytes"), 0);
		ck_assert_int_eq(ev_int(e[i], "bytes") % 512, 0);
		next += (unsigned long long)ev_int(e[i], "bytes") / 512;
		ck_assert_int_le(next, end);
		if (next == end) {
			end = 0;
			block++;
		}
		ck_assert_msg(ev_str(e[i], "rwbs")[0] == 'R', "not a read: %s",
			      ev_str(e[i], "rwbs"));
		ck_assert_int_eq(ev_int(e[i], "tid"), pid);
		ck_assert_str_eq(ev_str(e[i], "comm"), self_comm());
		ck_assert_int_eq(ev_int(e[i], "major"), disk.major);
		ck_assert_int_eq(ev_int(e[i], "minor"), disk.minor);
		ck_assert_int_eq(ev_int(e[i], "error"), 0);
		ck_assert_int_gt(ev_int(e[i], "latency_ns"), 0);
		ck_assert_int_lt(ev_int(e[i], "latency_ns"), t->end_ns - t->start_ns);
		ck_assert_int_ge(ev_int(e[i], "queue_ns"), -1);
		ck_assert_int_lt(ev_int(e[i], "queue_ns"), t->end_ns - t->start_ns);
		assert_time_in_run(t, e[i]);
	}
	ck_assert_msg(block == READS && !end, "%zu blocks of %d read whole:\n%s", block,
		      READS, t->p.out);
	if (disk.max_kb >= READ_SIZE / 1024) {
		ck_assert_uint_eq(n, READS);
		for (i = 0; i < n; i++)
			ck_assert_int_eq(ev_int(e[i], "bytes"), READ_SIZE);
	}
}

START_TEST(test_direct_reads)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "comm", "disk",
					    "major", "minor", "rwbs", "sector", "bytes",
					    "queue_ns", "latency_ns", "error", NULL };
	const char *flags[] = { "--json", NULL };
	struct trace t;
	size_t i;

	reads_run(&t, flags);
	assert_status(&t.p, 0);
	for (i = 0; i < t.j.n; i++)
		assert_keys(t.j.objs[i], keys);
	assert_reads(&t);
	trace__free(&t);
}
END_TEST

/* -Q: libbpf-tools' columns, each row whole but for its times. */
START_TEST(test_text)
{
	static const char header[] =
		"TIME(s)     COMM           PID     DISK    T    SECTOR     BYTES   QUE(ms) LAT(ms)\n";
	const char *flags[] = { "-Q", NULL };
	char row[NAME_MAX + 128];
	const char *at, *nl;
	struct trace t;
	long pid;
	int i;

	reads_run(&t, flags);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	if (disk.max_kb < READ_SIZE / 1024)
		goto out;
	pid = workload_value(&t, "pid");
	for (i = 0; i < READS; i++) {
		snprintf(row, sizeof(row), " %-14s %-7ld %-7s R", self_comm(), pid, disk.name);
		at = strstr(t.p.out, row);
		ck_assert_msg(at, "no row of %ld in:\n%s", pid, t.p.out);
		/* the rwbs column is 4 wide: "R", "RS", "RA"... */
		snprintf(row, sizeof(row), " %-10llu %-7d ", sectors[i], READ_SIZE);
		at = strstr(t.p.out, row);
		ck_assert_msg(at, "no \"%s\" in:\n%s\nstderr:\n%s", row, t.p.out, t.p.err);
		nl = strchr(at, '\n');
		/* QUE and LAT: "%7.3f %7.3f" */
		ck_assert_msg(nl && nl - at == (long)strlen(row) + 15, "row:\n%.*s",
			      (int)(nl ? nl - at : 80), at);
	}
out:
	trace__free(&t);
}
END_TEST

/* -d: the disk's requests only, filtered in the kernel; -p likewise. */
START_TEST(test_filters)
{
	char self[32];
	const char *ours[] = { "-d", disk.name, "--json", NULL };
	const char *other[] = { "-d", "", "--json", NULL };
	const char *not_us[] = { "-p", self, "--json", NULL };
	struct dirent *d;
	struct trace t;
	char path[PATH_MAX];
	DIR *dir;
	size_t i;

	reads_run(&t, ours);
	assert_status(&t.p, 0);
	assert_reads(&t);
	for (i = 0; i < t.j.n; i++)
		ck_assert_str_eq(ev_str(t.j.objs[i], "disk"), disk.name);
	trace__free(&t);

	/* Another whole disk, where one is there: none of our reads. */
	dir = opendir("/sys/class/block");
	while (dir && (d = readdir(dir))) {
		snprintf(path, sizeof(path), "/sys/class/block/%s/partition", d->d_name);
		if (d->d_name[0] != '.' && strcmp(d->d_name, disk.name) && access(path, F_OK)) {
			other[1] = d->d_name;
			trace_run(&t, "biosnoop", other, wl);
			assert_status(&t.p, 0);
			for (i = 0; i < t.j.n; i++)
				ck_assert_str_eq(ev_str(t.j.objs[i], "disk"), d->d_name);
			trace__free(&t);
			break;
		}
	}
	if (dir)
		closedir(dir);

	/* -p of another process: none of the workload's reads. */
	snprintf(self, sizeof(self), "%d", (int)getpid());
	trace_run(&t, "biosnoop", not_us, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "reads"), READS);
	for (i = 0; i < t.j.n; i++)
		ck_assert_int_eq(ev_int(t.j.objs[i], "pid"), getpid());
	trace__free(&t);
}
END_TEST

/*
 * Before 6.5 there is no block_io_start: requests are made where they
 * are inserted, or issued when they skip the scheduler. A tracefs
 * without it shows that path here, with the same reads.
 */
START_TEST(test_without_io_start)
{
	static const char *const events[][2] = {
		{ "block", "block_rq_complete" }, { "block", "block_rq_issue" },
		{ "block", "block_rq_insert" }, { "block", "block_rq_merge" },
		{ "sched", "sched_process_fork" }, { "sched", "sched_process_exit" },
	};
	char root[PATH_MAX], env[PATH_MAX + 32];
	const char *envs[] = { env, NULL };
	const char *flags[] = { "--json", "-v", NULL };
	struct run_opts o = { .env = envs };
	struct trace t;
	size_t i;

	snprintf(root, sizeof(root), "%s/old-tracefs", case_dir);
	ck_assert_int_eq(mkdir(root, 0755), 0);
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (trace_has_event(events[i][0], events[i][1]))
			fake_tracefs_copy(root, events[i][0], events[i][1]);
	reads_run_opts(&t, &o, flags);
	assert_status(&t.p, 0);
	ck_assert_msg(strstr(t.p.err, "note: no block_io_start"), "stderr:\n%s", t.p.err);
	assert_reads(&t);
	trace__free(&t);
}
END_TEST

/* A row of libbpf-tools' biosnoop: the last six words. */
struct their_row {
	long pid;
	char disk[32], t[8];
	unsigned long long sector;
	long bytes;
};

static int their_rows(const char *out, struct their_row *rows, int max)
{
	const char *line = out, *nl;
	char buf[256], *w[16], *save;
	int n = 0, nw;

	for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		snprintf(buf, sizeof(buf), "%.*s", (int)(nl ? nl - line : (long)strlen(line)), line);
		nw = 0;
		for (w[nw] = strtok_r(buf, " ", &save); w[nw] && nw < 15;
		     w[++nw] = strtok_r(NULL, " ", &save))
			;
		if (nw < 8 || !strcmp(w[0], "TIME(s)") || n == max)
			continue;
		rows[n].pid = strtol(w[nw - 6], NULL, 10);
		snprintf(rows[n].disk, sizeof(rows[n].disk), "%s", w[nw - 5]);
		snprintf(rows[n].t, sizeof(rows[n].t), "%s", w[nw - 4]);
		rows[n].sector = strtoull(w[nw - 3], NULL, 10);
		rows[n].bytes = strtol(w[nw - 2], NULL, 10);
		n++;
	}
	return n;
}

/* libbpf-tools' biosnoop over the same reads sees the same requests. */
START_TEST(test_vs_libbpf_tools)
{
	const char *flags[] = { "--json", NULL };
	const struct json_object *e[64];
	struct their_row rows[256];
	bool used[256] = { false };
	struct trace t;
	struct proc y;
	size_t n, i;
	int m, j, theirs = 0;
	long pid;

	yardstick_start(&y, "biosnoop", NULL, 3);
	reads_run(&t, flags);
	yardstick_stop(&y);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	n = our_reads(&t, e, 64);
	m = their_rows(y.out, rows, 256);
	for (j = 0; j < m; j++)
		theirs += rows[j].pid == pid;
	ck_assert_msg(theirs == (int)n, "libbpf-tools saw %d requests of %ld, we saw %zu; theirs:\n%s",
		      theirs, pid, n, y.out);
	for (i = 0; i < n; i++) {
		for (j = 0; j < m; j++)
			if (!used[j] && rows[j].pid == pid &&
			    rows[j].sector == (unsigned long long)ev_int(e[i], "sector") &&
			    rows[j].bytes == ev_int(e[i], "bytes") &&
			    !strcmp(rows[j].disk, ev_str(e[i], "disk")) &&
			    rows[j].t[0] == ev_str(e[i], "rwbs")[0])
				break;
		ck_assert_msg(j < m, "libbpf-tools did not see sector %lld (%lld bytes); theirs:\n%s",
			      ev_int(e[i], "sector"), ev_int(e[i], "bytes"), y.out);
		used[j] = true;
	}
	proc__free(&y);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("biosnoop", (const char *[]){ "-d", "no-such-disk", NULL },
			 "barebpf biosnoop: invalid -d value 'no-such-disk': no such disk in /sys/class/block");
	assert_bad_usage("biosnoop", (const char *[]){ "-d", "../../etc", NULL },
			 "barebpf biosnoop: invalid -d value '../../etc': no such disk in /sys/class/block");
	assert_bad_usage("biosnoop", (const char *[]){ "-p", "0", NULL },
			 "barebpf biosnoop: invalid -p value '0': expected 1..2147483647");
	assert_bad_usage("biosnoop", (const char *[]){ "10", NULL },
			 "barebpf biosnoop: unexpected argument '10' (put a command after --)");
}
END_TEST

/* -d with a partition: its requests are its disk's, so it is refused. */
START_TEST(test_partition_refused)
{
	struct dirent *d;
	char path[PATH_MAX], line[PATH_MAX + 128];
	DIR *dir = opendir("/sys/class/block");

	while (dir && (d = readdir(dir))) {
		snprintf(path, sizeof(path), "/sys/class/block/%s/partition", d->d_name);
		if (d->d_name[0] == '.' || access(path, F_OK))
			continue;
		snprintf(line, sizeof(line),
			 "barebpf biosnoop: invalid -d value '%s': a partition; its requests are its disk's (give the disk)",
			 d->d_name);
		assert_bad_usage("biosnoop", (const char *[]){ "-d", d->d_name, NULL }, line);
		break;
	}
	if (dir)
		closedir(dir);
}
END_TEST

/* Where there is no disk under the tests' directory, the tool still runs. */
START_TEST(test_runs)
{
	const char *flags[] = { "--json", NULL };
	const char *true_wl[] = { "true", NULL };
	struct trace t;

	trace_run(&t, "biosnoop", flags, true_wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strstr(t.p.err, "biosnoop:"), "stderr:\n%s", t.p.err);
	trace__free(&t);
}
END_TEST

Suite *biosnoop_suite(void)
{
	Suite *s = suite_create("biosnoop");
	TCase *tc = tcase_create("usage");
	TCase *reads = tcase_create("reads");
	const char *tmp = getenv("TMPDIR"), *only;
	struct disk d;
	char why[PATH_MAX + 64];

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_bad_usage);
	tcase_add_test(tc, test_partition_refused);
	tcase_add_test(tc, test_runs);
	suite_add_tcase(s, tc);
	if (!disk_of(tmp && *tmp ? tmp : "/tmp", &d, why, sizeof(why))) {
		printf("SKIP biosnoop direct reads: %s\n", why);
		return s;
	}
	tcase_add_unchecked_fixture(reads, blob_setup, case_dir_teardown);
	tcase_set_timeout(reads, TRACE_TCASE_TIMEOUT);
	tcase_add_test(reads, test_direct_reads);
	tcase_add_test(reads, test_text);
	tcase_add_test(reads, test_filters);
	if (trace_has_event("block", "block_io_start"))
		tcase_add_test(reads, test_without_io_start);
	/* Started to see whether it loads here: only when this suite is to run. */
	only = getenv("CK_RUN_SUITE");
	if ((!only || !strcmp(only, "biosnoop")) &&
	    yardstick_runs("biosnoop", NULL, 3, "biosnoop differential"))
		tcase_add_test(reads, test_vs_libbpf_tools);
	suite_add_tcase(s, reads);
	return s;
}
