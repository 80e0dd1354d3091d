// SPDX-License-Identifier: GPL-2.0
/*
 * The test binary as /init of an initramfs that holds nothing but it and
 * /barebpf, both static: the conditions of a stripped device. As PID 1 it
 * mounts what the tests need (not tracefs: finding or mounting that is
 * barebpf's own job), runs the suites in two children at once, one as
 * they are and one with every fallback forced, reaps the orphans a test
 * leaves meanwhile, puts each run's output and how it ended on the
 * console, and powers off.
 * tests/kernel-matrix/run reads the console.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "tests/integration/vm.h"

static void mount_fs(const char *type, const char *dir, int mode)
{
	if (mkdir(dir, (mode_t)mode) && errno != EEXIST)
		printf("barebpf-init: mkdir %s: %m\n", dir);
	if (mount(type, dir, type, 0, NULL))
		printf("barebpf-init: mount %s on %s: %m\n", type, dir);
}

/*
 * Check's choices that the kernel command line may carry: a word such as
 * CK_RUN_SUITE=opensnoop, unknown to the kernel, is in /init's
 * environment, and is passed on to the runs. CK_LOG_FILE_NAME=/dev/console
 * shows each test's result as it ends, where a slow guest's run might
 * not end in time. VM_SUITES names the suites a row runs (main.c).
 */
static const char *const passed_on[] = {
	"CK_RUN_SUITE", "CK_RUN_CASE", "CK_EXCLUDE_SUITE", "CK_EXCLUDE_CASE",
	"CK_VERBOSITY", "CK_LOG_FILE_NAME", "CK_TIMEOUT_MULTIPLIER",
	"VM_SUITES", NULL,
};

/*
 * The runs' environment: what the tests need, then those of passed_on
 * that /init has. Never freed: PID 1 builds it once.
 */
static char **pass_env(void)
{
	static char *env[16] = {
		"BAREBPF=/barebpf", "REQUIRE_BPF=1", "TMPDIR=/tmp", "HOME=/tmp",
	};
	int n = 4, i;

	/*
	 * TCG runs several times slower than the machine itself; the
	 * command line may say how much slower (armhf's interpreter, one
	 * CPU), below.
	 */
	if (!getenv("CK_TIMEOUT_MULTIPLIER"))
		env[n++] = "CK_TIMEOUT_MULTIPLIER=4";
	for (i = 0; passed_on[i]; i++) {
		const char *v = getenv(passed_on[i]);

		if (v && asprintf(&env[n], "%s=%s", passed_on[i], v) > 0)
			printf("barebpf-init: %s\n", env[n++]);
	}
	return env;
}

/* The two runs: as they are, and with every fallback forced. */
static struct pass {
	const char *name;
	const char *arg;
	const char *log;	/* the second's output, when both run at once */
	pid_t pid;		/* 0: not run */
	int status;
} passes[] = {
	{ "normal", NULL, "/tmp/pass-normal.log", 0, 0 },
	{ "fallbacks", "--fallbacks", "/tmp/pass-fallbacks.log", 0, 0 },
};

#define NR_PASSES	(int)(sizeof(passes) / sizeof(passes[0]))

/* Start "/init [arg]", its output into p->log when not NULL. */
static void start_pass(const char *self, struct pass *p, const char *log,
		       char **env)
{
	char *argv[] = { (char *)self, (char *)p->arg, NULL };
	int fd;

	fflush(stdout);
	p->pid = fork();
	if (p->pid < 0) {
		printf("barebpf-init: fork: %m\n");
		p->status = -1;
		return;
	}
	if (p->pid > 0)
		return;
	if (log) {
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
	}
	execve(self, argv, env);
	printf("barebpf-init: exec %s: %m\n", self);
	_exit(127);
}

/* Reap every child, orphans included, until the passes have ended. */
static void wait_passes(void)
{
	int status, i, running = 0;
	pid_t r;

	for (i = 0; i < NR_PASSES; i++)
		running += passes[i].pid > 0;
	while (running) {
		r = wait(&status);
		if (r < 0 && errno == ECHILD)
			break;
		for (i = 0; i < NR_PASSES; i++) {
			if (r <= 0 || passes[i].pid != r)
				continue;
			passes[i].status = WIFEXITED(status) ? WEXITSTATUS(status) :
					   128 + WTERMSIG(status);
			running--;
		}
	}
}

/* A file to the console. */
static void copy_out(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		printf("barebpf-init: %s: %m\n", path);
		return;
	}
	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, (size_t)n) != n)
			break;
	close(fd);
}

/*
 * The two passes run at once as root, one user: the perf rings they hold
 * count against one limit, perf_event_mlock_kb per online CPU (516 KiB:
 * 129 pages, and a tool's default ring is 65), past which a process
 * without CAP_IPC_LOCK is refused (the capabilities test's is). Each
 * pass gets the allowance it would have alone.
 */
static void allow_locked_rings(void)
{
	static const char path[] = "/proc/sys/kernel/perf_event_mlock_kb";
	char buf[32];
	long kb;
	int fd, n;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		kb = strtol(buf, NULL, 10);
		n = snprintf(buf, sizeof(buf), "%ld\n", 2 * kb);
		if (pwrite(fd, buf, (size_t)n, 0) != n)
			printf("barebpf-init: %s: %m\n", path);
		else
			printf("barebpf-init: two passes: %s %ld\n", path, 2 * kb);
	}
	close(fd);
}

int vm_init(const char *self)
{
	struct utsname u;
	const char *only;
	char **env;
	int fd, i;

	mount_fs("devtmpfs", "/dev", 0755);
	/* Without /dev/console in the image the kernel gave us no stdio. */
	if (fcntl(1, F_GETFD) < 0) {
		fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	mount_fs("proc", "/proc", 0555);
	mount_fs("sysfs", "/sys", 0555);
	mount_fs("tmpfs", "/tmp", 01777);
	uname(&u);
	printf("barebpf-init: kernel %s %s\n", u.release, u.machine);
	allow_locked_rings();
	env = pass_env();
	/*
	 * Both passes at once: the tests mostly wait (for attaching, for
	 * RCU, for processes), and are written to share the machine. Each
	 * The first is shown live (a VM that never ends still shows how far
	 * it got), the second once both are done. VM_PASS=normal or
	 * =fallbacks on the command line runs that one alone.
	 */
	only = getenv("VM_PASS");
	for (i = 0; i < NR_PASSES; i++)
		if (!only || !strcmp(only, passes[i].name))
			start_pass(self, &passes[i], only || !i ? NULL : passes[i].log, env);
	wait_passes();
	for (i = 0; i < NR_PASSES; i++) {
		if (!passes[i].pid)
			continue;
		if (!only && i)
			copy_out(passes[i].log);
		printf("barebpf-init: pass %s exit %d\n", passes[i].name,
		       passes[i].status);
	}
	printf("barebpf-init: done\n");
	sync();
	reboot(RB_POWER_OFF);
	printf("barebpf-init: power off: %m\n");
	for (;;)
		pause();
}
