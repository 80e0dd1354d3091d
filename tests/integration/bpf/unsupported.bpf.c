// SPDX-License-Identifier: GPL-2.0
/*
 * Three programs, each needing what barebpf does not do: global data, a
 * BPF-to-BPF call, a CO-RE relocation. "barebpf elf" must name each.
 */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

int hits;	/* .bss: global data */

SEC("tp/syscalls/sys_enter_getppid")
int uses_global(void *ctx)
{
	hits++;
	return 0;
}

__attribute__((noinline)) int bump(void *ctx)
{
	return ctx != 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int uses_call(void *ctx)
{
	return bump(ctx);
}

struct record {
	int a, b;
} __attribute__((preserve_access_index));

SEC("tp/syscalls/sys_enter_getppid")
int uses_core(struct record *r)
{
	return r->b;
}

char _license[] SEC("license") = "GPL";
