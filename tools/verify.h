/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What verify, disasm and elf share: loading for a verdict, maps, names.
 * The ELF half lives in tools/elf.c, which a build without libelf
 * (BAREBPF_NO_ELF) leaves out.
 */
#ifndef BAREBPF_TOOLS_VERIFY_H
#define BAREBPF_TOOLS_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include "loader/bpf.h"

/* A program name the kernel takes, from a file name: "bad.s" gives "bad". */
void prog_name_from(char *name, size_t len, const char *path);

/*
 * Create a map, a perf event array of size 0 sized to the CPUs. Returns
 * the fd, or -errno with the failure printed.
 */
int create_map(const char *tool, const char *name, __u32 type, __u32 key,
	       __u32 value, __u32 max, __u32 flags);

#ifndef BAREBPF_NO_ELF
/* Print every program of the object as assembly. Returns an exit code. */
int elf_disasm(const char *tool, const char *path);

/*
 * Load every program of the object, as type (or, when type < 0, the type
 * its section names), and print each verdict. Returns 0 when all were
 * accepted, else an exit code.
 */
int elf_verify(const char *tool, const char *path, int type, int log_level,
	       bool full_log);
#endif

#endif /* BAREBPF_TOOLS_VERIFY_H */
