// SPDX-License-Identifier: GPL-2.0
/*
 * A libbpf-style object without libbpf's headers: a legacy "maps" map, two
 * BTF-defined ".maps" maps, and a program on sys_enter_getppid that counts,
 * sends a perf record and prints a trace line. Built by clang at test
 * time; "barebpf elf" must read, load and run it.
 */
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct bpf_map_def {
	unsigned int type, key_size, value_size, max_entries, map_flags;
};

struct bpf_map_def SEC("maps") calls = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} seen SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_trace_printk)(const char *fmt, __u32 size, ...) = (void *)6;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags,
				     void *data, __u64 size) = (void *)25;

/* The record: 8 bytes, so perf adds 4 bytes of padding after it. */
struct event {
	__u32 pid;
	__u32 magic;
};

SEC("tracepoint/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	char fmt[] = "barebpf-elf %u\n";
	struct event e = { .magic = 0xfeedbeef };
	__u32 zero = 0;
	__u64 *n;

	e.pid = bpf_get_current_pid_tgid() >> 32;
	n = bpf_map_lookup_elem(&calls, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	bpf_trace_printk(fmt, sizeof(fmt), e.pid);
	return 0;
}

char _license[] SEC("license") = "GPL";
