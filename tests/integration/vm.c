// SPDX-License-Identifier: GPL-2.0
/*
 * The test binary as /init of an initramfs that holds nothing but it and
 * /barebpf, both static: the conditions of a stripped device. As PID 1 it
 * mounts what the tests need (not tracefs: finding or mounting that is
 * barebpf's own job), runs the suites in a child, once as they are and
 * once with every fallback forced, reaps the orphans a test leaves
 * meanwhile, says how each run ended on the console, and powers off.
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
 * environment, and is passed on to the runs.
 */
static const char *const passed_on[] = {
	"CK_RUN_SUITE", "CK_RUN_CASE", "CK_EXCLUDE_SUITE", "CK_EXCLUDE_CASE",
	"CK_VERBOSITY", NULL,
};

/*
 * The runs' environment: what the tests need, then those of passed_on
 * that /init has. Never freed: PID 1 builds it once.
 */
static char **pass_env(void)
{
	static char *env[16] = {
		"BAREBPF=/barebpf", "REQUIRE_BPF=1", "TMPDIR=/tmp", "HOME=/tmp",
		/* TCG runs several times slower than the machine itself. */
		"CK_TIMEOUT_MULTIPLIER=4",
	};
	int n = 5, i;

	for (i = 0; passed_on[i]; i++) {
		const char *v = getenv(passed_on[i]);

		if (v && asprintf(&env[n], "%s=%s", passed_on[i], v) > 0)
			printf("barebpf-init: %s\n", env[n++]);
	}
	return env;
}

/* Run "/init [arg]" as a child to its end, reaping every orphan meanwhile. */
static int run_pass(const char *self, const char *arg, char **env)
{
	char *argv[] = { (char *)self, (char *)arg, NULL };
	int status = 0;
	pid_t pid, r;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(self, argv, env);
		printf("barebpf-init: exec %s: %m\n", self);
		_exit(127);
	}
	do {
		r = wait(&status);
	} while (r != pid && !(r < 0 && errno == ECHILD));
	if (r != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int vm_init(const char *self)
{
	struct utsname u;
	const char *pass;
	char **env;
	int fd;

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
	env = pass_env();
	/* VM_PASS=normal or =fallbacks on the command line: that one only */
	pass = getenv("VM_PASS");
	if (!pass || strcmp(pass, "fallbacks"))
		printf("barebpf-init: pass normal exit %d\n",
		       run_pass(self, NULL, env));
	if (!pass || strcmp(pass, "normal"))
		printf("barebpf-init: pass fallbacks exit %d\n",
		       run_pass(self, "--fallbacks", env));
	printf("barebpf-init: done\n");
	sync();
	reboot(RB_POWER_OFF);
	printf("barebpf-init: power off: %m\n");
	for (;;)
		pause();
}
