/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall table of the architecture barebpf is built for. The names
 * come from the target's own <asm/unistd.h>, listed at build time into
 * $(O)/gen/syscall_names.h (see the Makefile), and the compiler gives
 * each its __NR_ value: a cross build names the target's syscalls, not
 * the build machine's, with no table kept by hand.
 *
 * The numbers are those of the native ABI: a 32-bit process on a 64-bit
 * kernel (ia32 on x86_64, arm32 on arm64) makes calls numbered from
 * another table, which raw_syscalls reports as they are.
 */
#ifndef BAREBPF_LOADER_SYSCALLS_H
#define BAREBPF_LOADER_SYSCALLS_H

#include <stddef.h>

/* The name of syscall nr ("openat"), or NULL when the table has none. */
const char *syscall_name(long nr);

/* The number of the syscall called name, or -ENOENT. */
long syscall_nr(const char *name);

/* Entries in the table. */
size_t syscall_count(void);

/* The lowest and the highest number in the table. */
long syscall_nr_min(void);
long syscall_nr_max(void);

#endif /* BAREBPF_LOADER_SYSCALLS_H */
