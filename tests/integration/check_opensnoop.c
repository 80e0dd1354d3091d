// SPDX-License-Identifier: GPL-2.0
/*
 * opensnoop against the real kernel: the exact events for the opens a
 * workload makes, the filters, -F paths, and an honest count of losses.
 */
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
#include <check.h>
#include "tests/integration/trace.h"
#include "tests/integration/workload.h"

static const char *const json[] = { "--json", NULL };

/* In case_dir: "present" (a file), "sub/" (a directory with "inner"). */
static char present[PATH_MAX], missing[PATH_MAX], inner[PATH_MAX];

static void files_setup(void)
{
	char sub[PATH_MAX];

	case_dir_setup();
	snprintf(present, sizeof(present), "%s/present", case_dir);
	snprintf(missing, sizeof(missing), "%s/missing", case_dir);
	snprintf(inner, sizeof(inner), "%s/sub/inner", case_dir);
	ck_assert_int_eq(write_file(present, "present\n", 0644), 0);
	case_subdir(sub, "sub");
	ck_assert_int_eq(write_file(inner, "inner\n", 0644), 0);
}

/* case_dir/name, in a buffer of PATH_MAX. */
static const char *in_dir(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", case_dir, name);
	return buf;
}

/* O_* as the kernel saw them, less the O_LARGEFILE a libc may add. */
static long long open_flags(const struct json_object *e)
{
	return ev_int(e, "flags") & ~(long long)O_LARGEFILE;
}

/* What every open by the workload shows about who opened. */
static void assert_opener(const struct trace *t, const struct json_object *e)
{
	long pid = workload_value(t, "pid");

	ck_assert_int_eq(ev_int(e, "pid"), pid);
	ck_assert_int_eq(ev_int(e, "tid"), pid);
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
}

START_TEST(test_present_and_missing)
{
	const char *wl[] = { "open", present, missing, NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "opensnoop", json, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", present);
	assert_opener(&t, e);
	ck_assert_int_ge(ev_int(e, "fd"), 3);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	ck_assert_int_eq(open_flags(e), O_RDONLY);
	ck_assert_int_eq(ev_int(e, "mode"), 0);

	e = trace_one(&t, "path", missing);
	assert_opener(&t, e);
	ck_assert_int_eq(ev_int(e, "fd"), -1);
	ck_assert_int_eq(ev_int(e, "err"), ENOENT);
	ck_assert_int_eq(workload_value(&t, "fd2"), -ENOENT);
	trace__free(&t);
}
END_TEST

START_TEST(test_failed_only)
{
	const char *wl[] = { "open", present, missing, NULL };
	const char *flags[] = { "-x", "--json", NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "opensnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(ev_int(trace_one(&t, "path", missing), "err"), ENOENT);
	ck_assert_int_eq(trace_count(&t, "path", present), 0);
	for (i = 0; i < t.j.n; i++) {
		ck_assert_int_eq(ev_int(t.j.objs[i], "fd"), -1);
		ck_assert_int_gt(ev_int(t.j.objs[i], "err"), 0);
	}
	trace__free(&t);
}
END_TEST

START_TEST(test_json_keys)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "fd", "err", "flags", "mode", "path", NULL };
	const char *wl[] = { "open", present, missing, NULL };
	struct trace t;
	size_t i;

	trace_run(&t, "opensnoop", json, wl);
	assert_status(&t.p, 0);
	ck_assert_uint_ge(t.j.n, 2);
	for (i = 0; i < t.j.n; i++)
		assert_keys(t.j.objs[i], keys);
	trace__free(&t);
}
END_TEST

START_TEST(test_create_flags_and_mode)
{
	static const char header[] = "PID    COMM              FD ERR FLAGS    MODE  PATH\n";
	char path[PATH_MAX], row[PATH_MAX + 128];
	const char *wl[] = { "create", in_dir(path, "made0640"), "0640", NULL };
	const char *ext[] = { "-e", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "opensnoop", json, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", path);
	assert_opener(&t, e);
	ck_assert_int_eq(open_flags(e), O_WRONLY | O_CREAT | O_TRUNC);
	ck_assert_int_eq(ev_int(e, "mode"), 0640);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	trace__free(&t);

	/*
	 * The same in text: FLAGS and MODE in octal, as the caller passed
	 * them (a 32-bit libc adds O_LARGEFILE, 0 in a 64-bit one's header).
	 */
	trace_run(&t, "opensnoop", ext, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)),
		      "header is not the first line:\n%s", t.p.out);
	snprintf(row, sizeof(row), "%-6ld %-16s %3ld %3d %08o %04o  %s\n",
		 workload_value(&t, "pid"), self_comm(), workload_value(&t, "fd1"),
		 0, O_WRONLY | O_CREAT | O_TRUNC | O_LARGEFILE, 0640, path);
	ck_assert_msg(strstr(t.p.out, row) != NULL, "no row\n%sin\n%s\nstderr:\n%.1000s", row,
		      t.p.out, t.p.err);
	trace__free(&t);
}
END_TEST

/* openat2(): flags and mode come from the caller's struct open_how. */
START_TEST(test_openat2)
{
	char path[PATH_MAX];
	const char *wl_read[] = { "openat2", present, NULL };
	const char *wl_make[] = { "openat2", in_dir(path, "made0600"), "0600", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "opensnoop", json, wl_read);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", present);
	assert_opener(&t, e);
	ck_assert_int_eq(ev_int(e, "flags"), WORKLOAD_OPENAT2_FLAGS);
	ck_assert_int_eq(ev_int(e, "mode"), 0);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_ge(ev_int(e, "fd"), 3);
	trace__free(&t);

	trace_run(&t, "opensnoop", json, wl_make);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", path);
	ck_assert_int_eq(ev_int(e, "flags"), WORKLOAD_OPENAT2_CREATE_FLAGS);
	ck_assert_int_eq(ev_int(e, "mode"), 0600);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	trace__free(&t);
}
END_TEST

/*
 * -F names the directory in the kernel when BTF gives the offsets; then
 * the opener may leave its directory and exit before its event is read,
 * and the path is still exact. BAREBPF_NO_BTF=1 forces the /proc
 * fallback, right only while the opener stays where it was.
 */
static const char *const full[] = { "-F", "--json", NULL };
static const char *const no_btf[] = { "BAREBPF_NO_BTF=1", NULL };
static const char *const old_helpers[] = { "BAREBPF_FORCE_PROBE_READ=1", NULL };

static bool have_btf(void)
{
	return access("/sys/kernel/btf/vmlinux", R_OK) == 0;
}

/* Run opensnoop -F over wl with env; the one event for want is the workload's. */
static void assert_full_path(const char *const *env, const char *const *wl,
			     const char *want)
{
	struct run_opts o = { .env = env };
	const struct json_object *e;
	struct trace t;

	trace_run_opts(&t, &o, "opensnoop", full, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", want);
	assert_opener(&t, e);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	trace__free(&t);
}

/* openat(dirfd, "inner"): the path as passed; -F joins it to the dirfd. */
START_TEST(test_openat_dirfd)
{
	char sub[PATH_MAX];
	const char *wl[] = { "openat", in_dir(sub, "sub"), "inner", "1000", NULL };
	const char *gone[] = { "openat", sub, "inner", "leave", NULL };
	const struct json_object *e;
	struct trace t;

	trace_run(&t, "opensnoop", json, wl);
	assert_status(&t.p, 0);
	e = trace_one(&t, "path", "inner");
	assert_opener(&t, e);
	ck_assert_int_eq(ev_int(e, "fd"), workload_value(&t, "fd1"));
	ck_assert_int_eq(ev_int(e, "err"), 0);
	/* The directory itself was opened too, by its absolute path. */
	ck_assert_int_eq(ev_int(trace_one(&t, "path", sub), "fd"),
			 workload_value(&t, "dirfd"));
	trace__free(&t);

	assert_full_path(no_btf, wl, inner);
	if (have_btf())
		assert_full_path(NULL, gone, inner);
}
END_TEST

/* A path relative to the cwd: -F shows it absolute. */
START_TEST(test_full_path_cwd)
{
	const char *wl[] = { "chdir-open", case_dir, "present", "1000", NULL };
	const char *gone[] = { "chdir-open", case_dir, "present", "leave", NULL };
	struct run_opts o = { .env = no_btf };
	struct trace t;

	/* Without -F the path is as the caller passed it. */
	trace_run(&t, "opensnoop", json, wl);
	assert_status(&t.p, 0);
	assert_opener(&t, trace_one(&t, "path", "present"));
	ck_assert_int_eq(trace_count(&t, "path", present), 0);
	trace__free(&t);

	assert_full_path(no_btf, wl, present);
	if (!have_btf())
		return;
	assert_full_path(NULL, gone, present);
	assert_full_path(old_helpers, gone, present);

	/* The fallback cannot know a directory its opener has left. */
	trace_run_opts(&t, &o, "opensnoop", full, gone);
	assert_status(&t.p, 0);
	ck_assert_int_eq(trace_count(&t, "path", present), 0);
	trace__free(&t);
}
END_TEST

/*
 * A cwd and a relative path of some 2800 bytes each: -F's path is
 * longer than PATH_MAX, and --json gives it whole (it was cut at 4096
 * bytes without a word).
 */
START_TEST(test_full_path_long)
{
	static char dir[PATH_MAX], rel[PATH_MAX], want[2 * PATH_MAX];
	const char *wl[] = { "chdir-open", dir, rel, "1000", NULL };
	char name[201];
	size_t len;
	int i, dfd, fd;

	memset(name, 'd', 200);
	name[200] = '\0';
	len = (size_t)snprintf(dir, sizeof(dir), "%s", case_dir);
	for (i = 0; i < 14; i++) {
		len += (size_t)snprintf(dir + len, sizeof(dir) - len, "/%s", name);
		ck_assert_msg(!mkdir(dir, 0755), "mkdir: %m");
	}
	dfd = open(dir, O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(dfd, 0);
	memset(name, 'r', 200);
	for (len = 0, i = 0; i < 14; i++) {
		len += (size_t)snprintf(rel + len, sizeof(rel) - len, "%s%s",
					i ? "/" : "", name);
		ck_assert_msg(!mkdirat(dfd, rel, 0755), "mkdirat: %m");
	}
	snprintf(rel + len, sizeof(rel) - len, "/f");
	fd = openat(dfd, rel, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	close(fd);
	close(dfd);
	snprintf(want, sizeof(want), "%s/%s", dir, rel);
	ck_assert_uint_gt(strlen(want), 5600);
	assert_full_path(no_btf, wl, want);
	if (have_btf())
		assert_full_path(NULL, wl, want);
}
END_TEST

/*
 * The walk crosses mounts: a tmpfs mounted inside case_dir, a file two
 * levels down in it, and one at its root.
 */
START_TEST(test_full_path_mount)
{
	char mnt[PATH_MAX], deep[PATH_MAX + 16], file[PATH_MAX + 32];
	char top[PATH_MAX + 16];
	const char *wl_deep[] = { "chdir-open", deep, "relfile", "leave", NULL };
	const char *wl_top[] = { "chdir-open", mnt, "top", "leave", NULL };

	case_subdir(mnt, "mnt");
	ck_assert_msg(mount("tmpfs", mnt, "tmpfs", 0, NULL) == 0,
		      "mount tmpfs on %s: %s", mnt, strerror(errno));
	snprintf(deep, sizeof(deep), "%s/deep", mnt);
	ck_assert_int_eq(mkdir(deep, 0755), 0);
	strncat(deep, "/er", sizeof(deep) - strlen(deep) - 1);
	ck_assert_int_eq(mkdir(deep, 0755), 0);
	snprintf(file, sizeof(file), "%s/relfile", deep);
	ck_assert_int_eq(write_file(file, "x\n", 0644), 0);
	snprintf(top, sizeof(top), "%s/top", mnt);
	ck_assert_int_eq(write_file(top, "x\n", 0644), 0);

	assert_full_path(NULL, wl_deep, file);
	assert_full_path(NULL, wl_top, top);
	ck_assert_int_eq(umount(mnt), 0);
}
END_TEST

START_TEST(test_uid_and_name_filters)
{
	const char *wl[] = { "open", present, NULL };
	const char *nobody[] = { "-u", "65534", "--json", NULL };
	const char *other[] = { "-n", "no-such-comm", "--json", NULL };
	const char *ours[] = { "-n", self_comm(), "-u", "0", "--json", NULL };
	struct trace t;

	trace_run(&t, "opensnoop", nobody, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-u 65534 showed root's opens:\n%s", t.p.out);
	trace__free(&t);

	trace_run(&t, "opensnoop", other, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(t.j.n == 0, "-n no-such-comm showed:\n%s", t.p.out);
	trace__free(&t);

	trace_run(&t, "opensnoop", ours, wl);
	assert_status(&t.p, 0);
	assert_opener(&t, trace_one(&t, "path", present));
	trace__free(&t);
}
END_TEST

/* "workload serve": a process with a second thread, driven over stdin. */
struct server {
	struct proc p;
	long pid, tid;
	int acks;
};

static void server_start(struct server *s, const char *main_path,
			 const char *thread_path)
{
	struct run_opts o = { .keep_stdin = true };
	struct args a = { .n = 0 };

	memset(s, 0, sizeof(*s));
	args__add(&a, self_path(), "workload", "serve", main_path, thread_path, NULL);
	ck_assert_int_eq(proc__start(&s->p, a.v, &o), 0);
	ck_assert_msg(proc__wait_for(&s->p, false, "workload: tid ", 5000),
		      "serve did not start: %s", s->p.err);
	proc__wait_for(&s->p, false, "\n", 100);
	ck_assert(workload_report(s->p.out, "pid", &s->pid));
	ck_assert(workload_report(s->p.out, "tid", &s->tid));
	ck_assert_int_eq(s->pid, s->p.pid);
	ck_assert_int_ne(s->tid, s->pid);
}

/* Have it open: 'm' from the main thread, 't' from the other. */
static void server_poke(struct server *s, char c)
{
	char ack[32];

	snprintf(ack, sizeof(ack), "workload: ok %d\n", ++s->acks);
	ck_assert_int_eq(write(s->p.in_fd, &c, 1), 1);
	ck_assert_msg(proc__wait_for(&s->p, false, ack, 5000), "no \"%s\"", ack);
}

/*
 * Poke until the tool (running in the background) shows an open of path:
 * its programs are attached from then on. Its JSON output prints nothing
 * before the first event, so there is no other sign.
 */
static void sync_with_tool(struct server *s, struct proc *tool, char c,
			   const char *path)
{
	char needle[PATH_MAX + 16];
	long long end = now_ms() + 10000;

	snprintf(needle, sizeof(needle), "\"path\":\"%s\"", path);
	while (!strstr(tool->out, needle)) {
		ck_assert_msg(now_ms() < end && (tool->out_fd >= 0 || tool->err_fd >= 0),
			      "the tool never showed %s; stderr:\n%s", path, tool->err);
		server_poke(s, c);
		proc__read(tool, 100);
	}
}

static void start_tool(struct proc *tool, const char *opt, long id)
{
	char num[32];
	struct args a = { .n = 0 };

	snprintf(num, sizeof(num), "%ld", id);
	args__add(&a, barebpf_path(), "opensnoop", "--json", opt, num, "-d", "2", NULL);
	ck_assert_int_eq(proc__start(tool, a.v, NULL), 0);
}

START_TEST(test_pid_filter)
{
	char main_path[PATH_MAX], thread_path[PATH_MAX], other[PATH_MAX];
	struct server s;
	struct proc tool;
	struct jsonl j;
	size_t i;
	int fd, threads = 0;

	in_dir(main_path, "main");
	in_dir(thread_path, "thread");
	in_dir(other, "other");
	ck_assert_int_eq(write_file(main_path, "", 0644), 0);
	ck_assert_int_eq(write_file(thread_path, "", 0644), 0);
	ck_assert_int_eq(write_file(other, "", 0644), 0);
	server_start(&s, main_path, thread_path);
	start_tool(&tool, "-p", s.pid);
	sync_with_tool(&s, &tool, 'm', main_path);

	/* Traced from now on: the other thread; never: this process. */
	fd = open(other, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	close(fd);
	server_poke(&s, 't');
	ck_assert_int_eq(proc__finish(&s.p), 0);
	/* -d 2: it ends by itself. */
	ck_assert_int_eq(proc__finish(&tool), 0);
	ck_assert(!tool.timed_out);

	ck_assert_msg(jsonl_parse(&j, tool.out) == 0, "line %d: %s", j.bad_line, j.err);
	for (i = 0; i < j.n; i++) {
		const char *path = json_str(j.objs[i], "path");

		ck_assert_int_eq(ev_int(j.objs[i], "pid"), s.pid);
		ck_assert_msg(path && strcmp(path, other), "-p %ld showed %s", s.pid, path);
		if (!strcmp(path, thread_path)) {
			ck_assert_int_eq(ev_int(j.objs[i], "tid"), s.tid);
			threads++;
		} else if (!strcmp(path, main_path)) {
			ck_assert_int_eq(ev_int(j.objs[i], "tid"), s.pid);
		}
	}
	ck_assert_int_eq(threads, 1);
	jsonl__free(&j);
	proc__free(&tool);
	proc__free(&s.p);
}
END_TEST

START_TEST(test_tid_filter)
{
	char main_path[PATH_MAX], thread_path[PATH_MAX];
	struct server s;
	struct proc tool;
	struct jsonl j;
	size_t i;

	in_dir(main_path, "tmain");
	in_dir(thread_path, "tthread");
	ck_assert_int_eq(write_file(main_path, "", 0644), 0);
	ck_assert_int_eq(write_file(thread_path, "", 0644), 0);
	server_start(&s, main_path, thread_path);
	start_tool(&tool, "-t", s.tid);
	sync_with_tool(&s, &tool, 't', thread_path);

	/* The same process, another thread: never shown. */
	server_poke(&s, 'm');
	server_poke(&s, 'm');
	server_poke(&s, 't');
	ck_assert_int_eq(proc__finish(&s.p), 0);
	ck_assert_int_eq(proc__finish(&tool), 0);
	ck_assert(!tool.timed_out);

	ck_assert_msg(jsonl_parse(&j, tool.out) == 0, "line %d: %s", j.bad_line, j.err);
	ck_assert_uint_ge(j.n, 2);
	for (i = 0; i < j.n; i++) {
		ck_assert_int_eq(ev_int(j.objs[i], "pid"), s.pid);
		ck_assert_int_eq(ev_int(j.objs[i], "tid"), s.tid);
		ck_assert_str_eq(ev_str(j.objs[i], "path"), thread_path);
	}
	jsonl__free(&j);
	proc__free(&tool);
	proc__free(&s.p);
}
END_TEST

/* -d 1 with no command: it stops by itself after a second, status 0. */
START_TEST(test_duration)
{
	char marker[PATH_MAX], num[32], needle[PATH_MAX + 16];
	struct args a = { .n = 0 };
	struct proc tool;
	long long start, took;
	int fd;

	in_dir(marker, "marker");
	ck_assert_int_eq(write_file(marker, "", 0644), 0);
	snprintf(num, sizeof(num), "%d", (int)getpid());
	snprintf(needle, sizeof(needle), "\"path\":\"%s\"", marker);
	args__add(&a, barebpf_path(), "opensnoop", "--json", "-p", num, "-d", "1", NULL);
	start = now_ms();
	ck_assert_int_eq(proc__start(&tool, a.v, NULL), 0);
	/* Our own opens show once it is attached. */
	while (!strstr(tool.out, needle) && tool.out_fd >= 0) {
		fd = open(marker, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		close(fd);
		proc__read(&tool, 50);
	}
	ck_assert_msg(strstr(tool.out, needle), "no open of %s shown; stderr:\n%s",
		      marker, tool.err);
	ck_assert_int_eq(proc__finish(&tool), 0);
	took = now_ms() - start;
	ck_assert(!tool.timed_out);
	ck_assert_msg(took >= 1000 && took < 10000, "-d 1 took %lld ms", took);
	proc__free(&tool);
}
END_TEST

/* Sum of N over lines "barebpf opensnoop: lost N events (...)". */
static long long sum_lost_lines(const char *err)
{
	const char *p = err;
	long long sum = 0, n;
	int used;

	while ((p = strstr(p, "barebpf opensnoop: lost ")) != NULL) {
		p += strlen("barebpf opensnoop: lost ");
		if (sscanf(p, "%lld events (ring full; a bigger -b may help)%n",
			   &n, &used) == 1 && used > 0)
			sum += n;
	}
	return sum;
}

/*
 * The summary "barebpf opensnoop: L events lost in all (CPU 0: a, ...)":
 * L, with the per-CPU counts asserted to add up to it.
 */
static long long summary_lost(const char *err)
{
	const char *p = strstr(err, " events lost in all (");
	const char *line;
	long long total, n, sum = 0;
	int cpu, used;

	if (!p)
		return -1;
	for (line = p; line > err && line[-1] != '\n'; line--)
		;
	ck_assert_int_eq(sscanf(line, "barebpf opensnoop: %lld events lost in all (%n",
				&total, &used), 1);
	p = line + used;
	while (sscanf(p, "CPU %d: %lld%n", &cpu, &n, &used) == 2) {
		sum += n;
		p += used;
		if (strncmp(p, ", ", 2))
			break;
		p += 2;
	}
	ck_assert_msg(*p == ')', "summary line malformed: %s", line);
	ck_assert_int_eq(sum, total);
	return total;
}

/*
 * Behind a slow reader a one-page ring cannot hold 20000 opens: what is
 * not received must be reported lost, to the event. The reader is made
 * slow by leaving its stdout unread for a while (left to itself, it can
 * keep up with one opening CPU even through one page). The loader's own
 * opens (a dynamic test binary opens its libraries) are counted by a
 * quiet run first.
 */
START_TEST(test_lost_events_accounted)
{
	const char *wl_one[] = { "open-many", "1", present, NULL };
	const char *wl_many[] = { "open-many", "20000", present, NULL };
	const char *small[] = { "-b", "1", "--json", NULL };
	struct run_opts slow = { .stall_stdout_ms = 1500 };
	long long received, others, lost, before;
	struct trace t;

	trace_run(&t, "opensnoop", json, wl_one);
	assert_status(&t.p, 0);
	ck_assert_msg(!strstr(t.p.err, "lost"), "lost events with 64 pages:\n%s", t.p.err);
	ck_assert_int_eq(trace_count(&t, "path", present), 1);
	before = (long long)t.j.n - 1;
	trace__free(&t);

	trace_run_opts(&t, &slow, "opensnoop", small, wl_many);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "opened"), 20000);
	received = trace_count(&t, "path", present);
	others = (long long)t.j.n - received;
	lost = summary_lost(t.p.err);
	ck_assert_msg(lost > 0, "no loss summary on stderr:\n%s", t.p.err);
	ck_assert_int_eq(sum_lost_lines(t.p.err), lost);
	ck_assert_msg(received < 20000, "a 1-page ring kept all 20000 events");
	ck_assert_msg(received + others + lost == 20000 + before,
		      "received %lld + %lld others, lost %lld: not 20000 + %lld",
		      received, others, lost, before);
	trace__free(&t);
}
END_TEST

Suite *opensnoop_suite(void)
{
	Suite *s = suite_create("opensnoop");
	TCase *tc = tcase_create("events");

	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_present_and_missing);
	tcase_add_test(tc, test_failed_only);
	tcase_add_test(tc, test_json_keys);
	tcase_add_test(tc, test_create_flags_and_mode);
	tcase_add_test(tc, test_openat2);
	tcase_add_test(tc, test_openat_dirfd);
	tcase_add_test(tc, test_full_path_cwd);
	tcase_add_test(tc, test_full_path_long);
	/* Only the kernel's walk can follow a mount after its opener left. */
	if (have_btf())
		tcase_add_test(tc, test_full_path_mount);
	else
		printf("opensnoop: no /sys/kernel/btf/vmlinux: -F mount crossing not tested\n");
	tcase_add_test(tc, test_uid_and_name_filters);
	tcase_add_test(tc, test_lost_events_accounted);
	suite_add_tcase(s, tc);

	tc = tcase_create("live");
	tcase_add_unchecked_fixture(tc, files_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_pid_filter);
	tcase_add_test(tc, test_tid_filter);
	tcase_add_test(tc, test_duration);
	suite_add_tcase(s, tc);
	return s;
}
