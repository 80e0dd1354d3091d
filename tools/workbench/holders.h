/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which processes hold BPF programs and maps open, read from
 * /proc/PID/fd and /proc/PID/fdinfo (bpftool uses a BPF iterator; this
 * works on every kernel and needs no program of its own).
 */
#ifndef BAREBPF_TOOLS_HOLDERS_H
#define BAREBPF_TOOLS_HOLDERS_H

#include <sys/types.h>
#include <linux/types.h>

struct bpf_holder {
	__u32 id;			/* the program's or map's */
	pid_t pid;
	char comm[16];
};

struct bpf_holders {
	struct bpf_holder *v;
	size_t n;
};

/*
 * Every (id, pid) pair once, for kind "prog" or "map", this process left
 * out. Returns 0 or -errno.
 */
int bpf_holders__scan(struct bpf_holders *h, const char *kind);

/* Print " comm(pid), ..." for id; nothing when no process holds it. */
void bpf_holders__print(const struct bpf_holders *h, __u32 id);

void bpf_holders__free(struct bpf_holders *h);

/* A value from /proc/self/fdinfo/FD ("memlock:"), or 0. */
unsigned long long fdinfo_value(int fd, const char *key);

/* "2025-01-31T12:00:00+0000" for a time in ns since boot. */
void format_boot_time(__u64 boot_ns, char *buf, size_t len);

#endif /* BAREBPF_TOOLS_HOLDERS_H */
