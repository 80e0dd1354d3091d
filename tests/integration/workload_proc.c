// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the process tools: ends of every kind (exitsnoop),
 * signals (killsnoop), syncs (syncsnoop) and mounts (mountsnoop). What a
 * test must know is reported as "workload: KEY VALUE" lines on stderr;
 * the kernel's own answers (wait statuses, return values) are reported
 * too, so the tests compare the tools with the kernel, not with a guess.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/bpf.h>
#include <linux/mount.h>
#include "loader/bpf.h"
#include "tests/integration/workload.h"

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line "workload: ..." in one write(2), so lines never interleave. */
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "workload: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(2, line, (size_t)n) < 0)
		_exit(125);
}

/* A call's result as the tools show it: the value, or -errno. */
static long result(long ret)
{
	return ret < 0 ? -errno : ret;
}

static pid_t thread_id(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void pause_forever(void)
{
	for (;;)
		pause();
}

/* Wait until thread tid of this process is a zombie: it has exited. */
static void wait_zombie(pid_t tid)
{
	struct timespec ms = { 0, 1000000 };
	char path[64], buf[256], *paren;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	for (;;) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n <= 0)
			return;
		buf[n] = '\0';
		paren = strrchr(buf, ')');
		if (paren && paren[1] == ' ' && paren[2] == 'Z')
			return;
		nanosleep(&ms, NULL);
	}
}

/* --- exits: one child per way to end ------------------------------- */

static int ready[2];

static void *blocker(void *arg)
{
	(void)arg;
	say("group7-tid %d", (int)thread_id());
	if (write(ready[1], "r", 1) != 1)
		_exit(126);
	pause_forever();
	return NULL;
}

static void *group_exiter(void *arg)
{
	char c;

	(void)arg;
	say("group7-tid %d", (int)thread_id());
	/* The other thread is running: end all three together. */
	if (read(ready[0], &c, 1) != 1)
		_exit(126);
	syscall(SYS_exit_group, 7);
	return NULL;
}

/* Three threads; the third ends them all with exit_group(7). */
static void end_group7(void)
{
	pthread_t t;

	if (pipe(ready) || pthread_create(&t, NULL, blocker, NULL) ||
	    pthread_create(&t, NULL, group_exiter, NULL))
		_exit(126);
	pause_forever();
}

static pid_t leader;

static void *last_thread(void *arg)
{
	(void)arg;
	say("leader-tid %d", (int)thread_id());
	wait_zombie(leader);
	syscall(SYS_exit, 5);
	return NULL;
}

/* The leader leaves by exit(4); the last thread's exit(5) ends it. */
static void end_leader_first(void)
{
	pthread_t t;

	leader = getpid();
	if (pthread_create(&t, NULL, last_thread, NULL))
		_exit(126);
	syscall(SYS_exit, 4);
}

static void end_exit0(void) { _exit(0); }
static void end_exit3(void) { _exit(3); }
static void end_wait(void) { pause_forever(); }

static void end_abort(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(126);
}

static const char *core_dir;

/* SIGSEGV with core dumps allowed, in core_dir. */
static void end_segv(void)
{
	struct rlimit all = { RLIM_INFINITY, RLIM_INFINITY };

	if (chdir(core_dir))
		_exit(126);
	setrlimit(RLIMIT_CORE, &all);
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	_exit(126);
}

static const struct {
	const char *name;
	void (*run)(void);
	int kill_with;		/* the parent sends this, or 0 */
} ends[] = {
	{ "exit0", end_exit0, 0 },
	{ "exit3", end_exit3, 0 },
	{ "sigkill", end_wait, SIGKILL },
	{ "sigterm", end_wait, SIGTERM },
	{ "abort", end_abort, 0 },
	{ "segv", end_segv, 0 },
	{ "group7", end_group7, 0 },
	{ "leader", end_leader_first, 0 },
};

/*
 * "exits DIR": one child after the other ends each way; for each,
 * "child-NAME PID" and "status-NAME S", S being what waitpid() gave.
 */
static int do_exits(const char *dir)
{
	int status, sync[2];
	size_t i;
	pid_t pid;
	char c;

	core_dir = dir;
	say("pid %d", (int)getpid());
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		if (pipe(sync))
			return 1;
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			close(sync[0]);
			close(sync[1]);
			ends[i].run();
			_exit(126);
		}
		close(sync[1]);
		/* The child runs (its pipe end is closed) before it is killed. */
		if (read(sync[0], &c, 1) != 0)
			return 1;
		close(sync[0]);
		if (ends[i].kill_with)
			kill(pid, ends[i].kill_with);
		if (waitpid(pid, &status, 0) != pid)
			return 1;
		say("child-%s %d", ends[i].name, (int)pid);
		say("status-%s %d", ends[i].name, status);
	}
	return 0;
}

/* --- kills --------------------------------------------------------- */

/*
 * "kills": kill() of a pid that cannot exist; kill(child, SIGTERM);
 * tkill() and tgkill() of itself with 0; kill(self, SIGUSR1) ignored.
 */
static int do_kills(void)
{
	pid_t pid = getpid(), tid = thread_id(), child;
	int sync[2], status;
	char c;

	say("pid %d", (int)pid);
	say("tid %d", (int)tid);
	/* Above PID_MAX_LIMIT (4M): no process ever has it. */
	say("ret-kill %ld", result(kill(INT_MAX, 0)));
	if (pipe(sync))
		return 1;
	child = fork();
	if (child == 0) {
		close(sync[0]);
		close(sync[1]);
		pause_forever();
	}
	close(sync[1]);
	if (child < 0 || read(sync[0], &c, 1) != 0)
		return 1;
	say("child %d", (int)child);
	say("ret-term %ld", result(kill(child, SIGTERM)));
	waitpid(child, &status, 0);
	say("ret-tkill %ld", result(syscall(SYS_tkill, tid, 0)));
	say("ret-tgkill %ld", result(syscall(SYS_tgkill, pid, tid, 0)));
	signal(SIGUSR1, SIG_IGN);
	say("ret-usr1 %ld", result(kill(pid, SIGUSR1)));
	return 0;
}

/* --- syncs --------------------------------------------------------- */

/* "syncs PATH": each call of the sync family once, on PATH. */
static int do_syncs(const char *path)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map;
	int fd;

	say("pid %d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || ftruncate(fd, page))
		return 1;
	map = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	map[0] = 'x';
	say("fd %d", fd);
	sync();
	if (fsync(fd) || fdatasync(fd) || syncfs(fd) ||
	    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) ||
	    msync(map, (size_t)page, MS_SYNC))
		return 1;
	munmap(map, (size_t)page);
	close(fd);
	return 0;
}

/* --- mounts -------------------------------------------------------- */

/* The inode of this process's mount namespace, as /proc shows it. */
static unsigned long long mnt_ns(void)
{
	char link[64];
	ssize_t n = readlink("/proc/self/ns/mnt", link, sizeof(link) - 1);

	if (n < 6)
		return 0;
	link[n] = '\0';
	return strtoull(link + 5, NULL, 10);
}

/*
 * "mounts DIR [wait]": in a new mount namespace, a tmpfs on DIR by
 * mount() and gone by umount(), a umount() that fails, then the same
 * through fsopen, fsconfig, fsmount and move_mount. With "wait", stay
 * until stdin ends, so /proc/PID/ns/mnt can still be read.
 */
static int do_mounts(const char *dir, int wait)
{
	int fs, mnt;
	char c;

	say("pid %d", (int)getpid());
	if (unshare(CLONE_NEWNS))
		return 1;
	say("mntns %llu", mnt_ns());
	say("ret-private %ld", result(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)));
	say("ret-mount %ld", result(mount("none", dir, "tmpfs", MS_NOSUID | MS_NODEV,
					     "size=1m")));
	say("ret-umount %ld", result(umount2(dir, 0)));
	say("ret-umount-again %ld", result(umount2(dir, MNT_DETACH)));

	fs = (int)syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	say("fsopen %d", fs < 0 ? -errno : fs);
	say("ret-size %ld", result(syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING,
					      "size", "1m", 0)));
	say("ret-create %ld", result(syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE,
						NULL, NULL, 0)));
	mnt = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV);
	say("fsmount %d", mnt < 0 ? -errno : mnt);
	say("ret-move %ld", result(syscall(SYS_move_mount, mnt, "", AT_FDCWD, dir,
					      MOVE_MOUNT_F_EMPTY_PATH)));
	/* The mount's fd would keep it busy. */
	close(mnt);
	close(fs);
	say("ret-umount-new %ld", result(umount2(dir, 0)));
	while (wait && read(0, &c, 1) > 0)
		;
	return 0;
}

/*
 * "after-eof CMD ARGS...": say "pid N" on stdout, wait for stdin to end,
 * then be workload CMD: a process whose pid is known before it acts.
 */
static int do_after_eof(int argc, char **argv)
{
	char c;

	printf("workload: pid %d\n", (int)getpid());
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return workload_main(argc + 1, argv - 1);
}

/*
 * The fd of the map called name that process pid holds (found through
 * its /proc fdinfo's map_id), its type in *type; -1 if none.
 */
static int held_map(pid_t pid, const char *name, __u32 *type)
{
	struct bpf_map_info info;
	char path[64], line[128];
	unsigned int id;
	__u32 len;
	int n, fd;
	FILE *f;

	for (n = 0; n < 1024; n++) {
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, n);
		f = fopen(path, "re");
		if (!f)
			continue;
		id = 0;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "map_id: %u", &id) == 1)
				break;
		fclose(f);
		fd = id ? bpf_map_get_fd_by_id(id) : -1;
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) &&
		    !strcmp(info.name, name)) {
			*type = info.type;
			return fd;
		}
		close(fd);
	}
	return -1;
}

/* Whether the u32-keyed map at fd has key. */
static int map_has(int fd, __u32 key)
{
	char value[8192];

	return bpf_map_lookup_elem(fd, &key, value) == 0;
}

/* The entries of the u32-keyed map at fd. */
static int map_entries(int fd)
{
	__u32 key, next;
	int n = 0;

	while (bpf_map_get_next_key(fd, n ? &key : NULL, &next) == 0) {
		key = next;
		n++;
	}
	return n;
}

static void *thread_exits(void *arg)
{
	return arg;
}

/*
 * "tracer-maps N": a thread of this process ends, then N children end
 * (reaped); then what the tracer (the parent) keeps in its maps
 * "parents" (every process's, system-wide) and "execs" (its
 * command's): whether this process and how many of the children are
 * keys of the first, the entries of the second, and whether they are
 * LRU maps.
 */
static int do_tracer_maps(long n)
{
	pid_t pid, kids[64];
	int parents, execs, i, found = 0;
	__u32 ptype = 0, etype = 0;
	pthread_t th;

	if (n < 0 || n > 64)
		return 2;
	say("pid %d", (int)getpid());
	if (pthread_create(&th, NULL, thread_exits, NULL) ||
	    pthread_join(th, NULL))
		return 1;
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(0);
		kids[i] = pid;
		if (waitpid(pid, NULL, 0) != pid)
			return 1;
	}
	parents = held_map(getppid(), "parents", &ptype);
	execs = held_map(getppid(), "execs", &etype);
	if (parents < 0 || execs < 0)
		return 1;
	for (i = 0; i < n; i++)
		found += map_has(parents, (__u32)kids[i]);
	say("parents_self %d", map_has(parents, (__u32)getpid()));
	say("parents_children %d", found);
	say("parents_lru %d", ptype == BPF_MAP_TYPE_LRU_HASH);
	say("execs_entries %d", map_entries(execs));
	say("execs_lru %d", etype == BPF_MAP_TYPE_LRU_HASH);
	return 0;
}

int workload_proc_main(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "tracer-maps") && argc == 1)
		return do_tracer_maps(strtol(argv[0], NULL, 10));
	if (!strcmp(cmd, "exits") && argc == 1)
		return do_exits(argv[0]);
	if (!strcmp(cmd, "kills") && argc == 0)
		return do_kills();
	if (!strcmp(cmd, "syncs") && argc == 1)
		return do_syncs(argv[0]);
	if (!strcmp(cmd, "mounts") && (argc == 1 || argc == 2))
		return do_mounts(argv[0], argc == 2 && !strcmp(argv[1], "wait"));
	if (!strcmp(cmd, "after-eof") && argc >= 1)
		return do_after_eof(argc, argv);
	return -1;
}
