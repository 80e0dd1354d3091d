// SPDX-License-Identifier: GPL-2.0
/*
 * Program and map type names. The UAPI header has no list macro for these
 * enums, so the names are spelt here, in enum order (6.18), as one string
 * of NUL-separated words: no pointer table, nothing to relocate.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
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

/* BPF_F_* of BPF_PROG_LOAD's prog_flags, by bit, as the UAPI names them. */
static const char prog_flags[] =
	"strict_alignment\0any_alignment\0test_rnd_hi32\0test_state_freq\0"
	"sleepable\0xdp_has_frags\0xdp_dev_bound_only\0test_reg_invariants\0";

const char *bpf_prog_flag_name(unsigned int bit)
{
	return nth(prog_flags, sizeof(prog_flags), bit);
}

int bpf_prog_flags_parse(const char *list, __u32 *flags, char *bad,
			 size_t bad_len)
{
	const char *p = list, *word;
	char name[32], *end;
	size_t n;
	unsigned long long v;
	int bit;

	*flags = 0;
	for (;;) {
		p += strspn(p, " \t");
		word = p;
		n = strcspn(p, ", \t\n");
		p += n;
		p += strspn(p, " \t");
		snprintf(name, sizeof(name), "%.*s", (int)n, word);
		bit = n < sizeof(name) ? find(prog_flags, sizeof(prog_flags), name) : -1;
		/* find() takes a number as an index: here it is the mask */
		if (n && n < sizeof(name) && (name[0] >= '0' && name[0] <= '9')) {
			errno = 0;
			v = strtoull(name, &end, 0);
			bit = -1;
			if (!errno && !*end && v <= 0xffffffffULL) {
				*flags |= (__u32)v;
				goto next;
			}
		}
		if (bit < 0 || bit >= 32) {
			snprintf(bad, bad_len, "%.*s", (int)n, word);
			return -EINVAL;
		}
		*flags |= 1u << bit;
next:
		if (*p != ',')
			break;
		p++;
	}
	if (*p && *p != '\n') {
		snprintf(bad, bad_len, "%.*s", (int)strcspn(p, "\n"), p);
		return -EINVAL;
	}
	return 0;
}

size_t bpf_prog_flags_format(__u32 flags, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int bit;
	const char *name;
	int n;

	buf[0] = '\0';
	for (bit = 0; bit < 32; bit++) {
		if (!(flags & (1u << bit)))
			continue;
		name = bpf_prog_flag_name(bit);
		if (name)
			n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", name);
		else
			n = snprintf(buf + used, len - used, "%s0x%x", used ? "," : "", 1u << bit);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return used;
}

/* libbpf's section names for the types a .s file or an object names so. */
static const struct {
	const char *prefix;
	__u32 type;
	bool attach;			/* the rest of the name is the event */
} section_types[] = {
	{ "tracepoint/", BPF_PROG_TYPE_TRACEPOINT, true },
	{ "tp/", BPF_PROG_TYPE_TRACEPOINT, true },
	{ "raw_tracepoint/", BPF_PROG_TYPE_RAW_TRACEPOINT, true },
	{ "raw_tp/", BPF_PROG_TYPE_RAW_TRACEPOINT, true },
	{ "kprobe/", BPF_PROG_TYPE_KPROBE, true },
	{ "kretprobe/", BPF_PROG_TYPE_KPROBE, true },
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, false },
	{ "xdp", BPF_PROG_TYPE_XDP, false },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, false },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, false },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, false },
	{ "cgroup_skb/", BPF_PROG_TYPE_CGROUP_SKB, false },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, false },
};

__u32 bpf_section_prog_type(const char *section, const char **attach)
{
	size_t i, n;

	if (attach)
		*attach = NULL;
	for (i = 0; i < sizeof(section_types) / sizeof(section_types[0]); i++) {
		n = strlen(section_types[i].prefix);
		if (strncmp(section, section_types[i].prefix, n))
			continue;
		if (attach && section_types[i].attach && section[n])
			*attach = section + n;
		return section_types[i].type;
	}
	return 0;
}
