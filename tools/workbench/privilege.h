/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading as a less trusted user would: verify --cap-bpf keeps CAP_BPF
 * alone, verify --unpriv becomes nobody, where the kernel lets an
 * unprivileged user call bpf(2) at all.
 */
#ifndef BAREBPF_TOOLS_WORKBENCH_PRIVILEGE_H
#define BAREBPF_TOOLS_WORKBENCH_PRIVILEGE_H

/* The uid and gid of nobody, on Debian and most others. */
#define NOBODY_ID	65534

/*
 * Keep CAP_BPF, drop CAP_PERFMON and CAP_SYS_ADMIN from the effective
 * set. Returns 0, -EPERM when there is no CAP_BPF to keep, or -errno.
 */
int drop_to_cap_bpf(void);

/*
 * kernel.unprivileged_bpf_disabled: 0 lets users without capabilities
 * load socket filters (and cgroup skb programs) and create maps; 1
 * forbids it until reboot, 2 until root writes 0. -1 when the kernel
 * has no such setting (before 4.4, where unprivileged bpf(2) was open).
 */
int unprivileged_bpf_disabled(void);

/* Become nobody for good: no groups, no capabilities. 0 or -errno. */
int drop_to_nobody(void);

#endif /* BAREBPF_TOOLS_WORKBENCH_PRIVILEGE_H */
