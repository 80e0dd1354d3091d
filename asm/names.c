// SPDX-License-Identifier: GPL-2.0
/*
 * Program and map type names. The UAPI header has no list macro for these
 * enums, so the names are spelt here, in enum order (6.18), as one string
 * of NUL-separated words: no pointer table, nothing to relocate.
 */
#include <stdlib.h>
#include <string.h>
#include "asm/names.h"

static const char prog_types[] =
	"unspec\0socket_filter\0kprobe\0sched_cls\0sched_act\0tracepoint\0"
	"xdp\0perf_event\0cgroup_skb\0cgroup_sock\0lwt_in\0lwt_out\0"
	"lwt_xmit\0sock_ops\0sk_skb\0cgroup_device\0sk_msg\0raw_tracepoint\0"
	"cgroup_sock_addr\0lwt_seg6local\0lirc_mode2\0sk_reuseport\0"
	"flow_dissector\0cgroup_sysctl\0raw_tracepoint_writable\0"
	"cgroup_sockopt\0tracing\0struct_ops\0ext\0lsm\0sk_lookup\0syscall\0"
	"netfilter\0";

static const char map_types[] =
	"unspec\0hash\0array\0prog_array\0perf_event_array\0percpu_hash\0"
	"percpu_array\0stack_trace\0cgroup_array\0lru_hash\0lru_percpu_hash\0"
	"lpm_trie\0array_of_maps\0hash_of_maps\0devmap\0sockmap\0cpumap\0"
	"xskmap\0sockhash\0cgroup_storage\0reuseport_sockarray\0"
	"percpu_cgroup_storage\0queue\0stack\0sk_storage\0devmap_hash\0"
	"struct_ops\0ringbuf\0inode_storage\0task_storage\0bloom_filter\0"
	"user_ringbuf\0cgrp_storage\0arena\0";

/* The n-th word of list (size bytes, each word NUL-terminated). */
static const char *nth(const char *list, size_t size, unsigned int n)
{
	const char *p = list, *end = list + size - 1;

	for (; p < end; p += strlen(p) + 1, n--)
		if (n == 0)
			return p;
	return NULL;
}

static unsigned int count(const char *list, size_t size)
{
	const char *p = list, *end = list + size - 1;
	unsigned int n = 0;

	for (; p < end; p += strlen(p) + 1)
		n++;
	return n;
}

static int find(const char *list, size_t size, const char *name)
{
	const char *p = list, *end = list + size - 1;
	char *num_end;
	long v;
	int i;

	if (!name || !*name)
		return -1;
	for (i = 0; p < end; p += strlen(p) + 1, i++)
		if (!strcmp(p, name))
			return i;
	v = strtol(name, &num_end, 0);
	return *num_end || v < 0 || v > 0xffff ? -1 : (int)v;
}

const char *bpf_prog_type_name(unsigned int type)
{
	return nth(prog_types, sizeof(prog_types), type);
}

const char *bpf_map_type_name(unsigned int type)
{
	return nth(map_types, sizeof(map_types), type);
}

int bpf_prog_type_id(const char *name)
{
	return find(prog_types, sizeof(prog_types), name);
}

int bpf_map_type_id(const char *name)
{
	return find(map_types, sizeof(map_types), name);
}

unsigned int bpf_prog_type_count(void)
{
	return count(prog_types, sizeof(prog_types));
}

unsigned int bpf_map_type_count(void)
{
	return count(map_types, sizeof(map_types));
}
