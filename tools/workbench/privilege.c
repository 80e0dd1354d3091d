// SPDX-License-Identifier: GPL-2.0
/* Dropping privileges before a load, to see the verifier judge a user. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include "tools/workbench/privilege.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON	38	/* 5.8 */
#endif
#ifndef CAP_BPF
#define CAP_BPF		39	/* 5.8 */
#endif

/*
 * The verifier's allow_ptr_leaks and allow_uninit_stack go with
 * CAP_PERFMON, so this is how it judges a less trusted loader.
 */
int drop_to_cap_bpf(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	if (!(data[CAP_BPF / 32].effective & (1u << (CAP_BPF % 32))))
		return -EPERM;
	data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	data[CAP_PERFMON / 32].effective &= ~(1u << (CAP_PERFMON % 32));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

int unprivileged_bpf_disabled(void)
{
	char buf[16];
	ssize_t n;
	int fd;

	fd = open("/proc/sys/kernel/unprivileged_bpf_disabled", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return (int)strtol(buf, NULL, 10);
}

int drop_to_nobody(void)
{
	/*
	 * The raw calls: this process has one thread, and libc's wrappers
	 * would stop every thread to apply them all over.
	 */
	if (getuid() == 0 && syscall(SYS_setgroups, 0, NULL))
		return -errno;
	if (syscall(SYS_setresgid, NOBODY_ID, NOBODY_ID, NOBODY_ID) ||
	    syscall(SYS_setresuid, NOBODY_ID, NOBODY_ID, NOBODY_ID))
		return -errno;
	/* Leaving uid 0 clears every capability; make sure it did. */
	if (geteuid() == 0 || getuid() == 0)
		return -EPERM;
	return 0;
}
