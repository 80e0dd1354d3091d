// SPDX-License-Identifier: GPL-2.0
/* What the workbench commands share when they load: names and maps. */
#include <string.h>
#include "asm/names.h"
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "tools/lib/args.h"
#include "tools/workbench/object.h"

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

void prog_name_from(char *name, size_t len, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	/* The kernel takes letters, digits, '_' and '.' only. */
	for (i = 0; base[i] && base[i] != '.' && i + 1 < len; i++)
		name[i] = name_char(base[i]) ? base[i] : '_';
	name[i] = '\0';
}

int create_map(const char *name, __u32 type, __u32 key,
	       __u32 value, __u32 max, __u32 flags)
{
	int fd, n;

	/* A perf event array with no size gets a slot per CPU. */
	if (type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !max) {
		n = cpus_possible();
		max = n > 0 ? (__u32)n : 1;
	}
	fd = bpf_map_create(type, name, key, value, max, flags);
	if (fd < 0)
		tool_err("creating map %s (%s, key %u, value %u, %u entries): %s",
			 name, bpf_map_type_name(type) ? bpf_map_type_name(type) : "?",
			 key, value, max, strerror(-fd));
	return fd;
}
