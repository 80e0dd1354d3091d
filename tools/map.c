// SPDX-License-Identifier: GPL-2.0
/* map: the maps loaded in the kernel, and one map's contents in hex. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/names.h"
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "tools/lib/args.h"
#include "tools/workbench/holders.h"
#include "tools/lib/output.h"
#include "tools/workbench/subcommand.h"

static const char usage_text[] =
"usage: barebpf map list\n"
"       barebpf map dump ID\n"
"The BPF maps in the kernel, as bpftool shows them.\n"
"\n"
"  list     id, type, name, flags, key and value sizes, max entries, memory,\n"
"           and the processes holding each (from /proc/*/fdinfo)\n"
"  dump ID  every key and value of map ID in hex; per-CPU maps give a\n"
"           value per CPU\n"
"\n"
"examples:\n"
"  barebpf map list\n"
"  barebpf map dump 7\n";

static int open_map(__u32 id, struct bpf_map_info *info)
{
	__u32 len = sizeof(*info);
	int fd, err;

	fd = bpf_map_get_fd_by_id(id);
	if (fd < 0)
		return fd;
	memset(info, 0, sizeof(*info));
	err = bpf_obj_get_info_by_fd(fd, info, &len);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

static int list(void)
{
	struct bpf_holders holders;
	struct bpf_map_info info;
	const char *type;
	__u32 id = 0;
	int fd, err;

	err = bpf_holders__scan(&holders, "map");
	if (err)
		tool_err("reading /proc: %s (no pids shown)", strerror(-err));
	for (;;) {
		err = bpf_map_get_next_id(id, &id);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		if (err) {
			tool_err("listing maps: %s%s", strerror(-err),
				 err == -EPERM ? " (run as root)" : "");
			err = EXIT_FAIL;
			break;
		}
		fd = open_map(id, &info);
		if (fd == -ENOENT)
			continue;	/* freed since */
		if (fd < 0) {
			tool_err("map %u: %s", id, strerror(-fd));
			continue;
		}
		type = bpf_map_type_name(info.type);
		out_printf("%u: ", info.id);
		if (type)
			out_printf("%s  ", type);
		else
			out_printf("type %u  ", info.type);
		if (info.name[0])
			out_printf("name %s  ", info.name);
		out_printf("flags 0x%x\n\tkey %uB  value %uB  max_entries %u  memlock %lluB\n",
			   info.map_flags, info.key_size, info.value_size,
			   info.max_entries, fdinfo_value(fd, "memlock:"));
		bpf_holders__print(&holders, info.id);
		close(fd);
	}
	bpf_holders__free(&holders);
	out_flush();
	return err;
}

static void hex(const char *label, const unsigned char *p, __u32 n)
{
	__u32 i;

	out_str(label);
	for (i = 0; i < n; i++)
		out_printf(" %02x", p[i]);
}

static bool per_cpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

static int dump(__u32 id)
{
	struct bpf_map_info info;
	unsigned char *key = NULL, *next = NULL, *value = NULL;
	size_t value_len, stride;
	int fd, cpus = 1, c, err, ret = EXIT_FAIL;
	long count = 0, unreadable = 0;
	bool first = true;

	fd = open_map(id, &info);
	if (fd < 0) {
		tool_err("map %u: %s", id, fd == -ENOENT ?
			 "no such map" : strerror(-fd));
		return fd == -ENOENT ? EXIT_USAGE : EXIT_FAIL;
	}
	/* A per-CPU value comes as one 8-byte-aligned copy per possible CPU */
	stride = info.value_size;
	if (per_cpu(info.type)) {
		cpus = cpus_possible();
		if (cpus < 1)
			cpus = 1;
		stride = (info.value_size + 7) & ~7u;
	}
	value_len = stride * (size_t)cpus;
	key = malloc(info.key_size + 1);
	next = malloc(info.key_size + 1);
	value = malloc(value_len + 1);
	if (!key || !next || !value)
		goto out;
	for (;;) {
		err = bpf_map_get_next_key(fd, first ? NULL : key, next);
		if (err == -ENOENT)
			break;
		if (err) {
			tool_err("map %u: next key: %s", id, strerror(-err));
			goto out;
		}
		first = false;
		memcpy(key, next, info.key_size);
		count++;
		hex("key:", key, info.key_size);
		err = bpf_map_lookup_elem(fd, key, value);
		if (err) {
			/* perf event arrays and the like hold nothing readable */
			out_printf("  value: <%s>\n", strerror(-err));
			unreadable++;
			continue;
		}
		/* A per-CPU map's values per CPU, even where there is one CPU */
		if (!per_cpu(info.type)) {
			hex("  value:", value, info.value_size);
			out_char('\n');
			continue;
		}
		out_char('\n');
		for (c = 0; c < cpus; c++) {
			char label[32];

			snprintf(label, sizeof(label), "  value (CPU %02d):", c);
			hex(label, value + (size_t)c * stride, info.value_size);
			out_char('\n');
		}
	}
	out_printf("Found %ld element%s", count, count == 1 ? "" : "s");
	if (unreadable)
		out_printf(", %ld without a value to read", unreadable);
	out_char('\n');
	ret = out_flush() ? EXIT_FAIL : 0;
out:
	out_flush();
	free(key);
	free(next);
	free(value);
	close(fd);
	return ret;
}

int map_main(int argc, char **argv)
{
	return list_or_dump_main("map", usage_text, argc, argv, list, dump);
}
