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

/* Run "/init [arg]" as a child to its end, reaping every orphan meanwhile. */
static int run_pass(const char *self, const char *arg)
{
	static char *const env[] = {
		"BAREBPF=/barebpf", "REQUIRE_BPF=1", "TMPDIR=/tmp", "HOME=/tmp",
		/* TCG runs several times slower than the machine itself. */
		"CK_TIMEOUT_MULTIPLIER=4", NULL,
	};
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
	printf("barebpf-init: pass normal exit %d\n", run_pass(self, NULL));
	printf("barebpf-init: pass fallbacks exit %d\n",
	       run_pass(self, "--fallbacks"));
	printf("barebpf-init: done\n");
	sync();
	reboot(RB_POWER_OFF);
	printf("barebpf-init: power off: %m\n");
	for (;;)
		pause();
}
