/* SPDX-License-Identifier: GPL-2.0 */
/* What asm, verify and the ELF commands share when they load a program. */
#ifndef BAREBPF_TOOLS_WORKBENCH_OBJECT_H
#define BAREBPF_TOOLS_WORKBENCH_OBJECT_H

#include <stddef.h>
#include <linux/types.h>

/* A program name the kernel takes, from a file name: "bad.s" gives "bad". */
void prog_name_from(char *name, size_t len, const char *path);

/*
 * Create a map, a perf event array of size 0 sized to the CPUs. Returns
 * the fd, or -errno with the failure printed.
 */
int create_map(const char *name, __u32 type, __u32 key,
	       __u32 value, __u32 max, __u32 flags);

#endif /* BAREBPF_TOOLS_WORKBENCH_OBJECT_H */
