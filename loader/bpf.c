// SPDX-License-Identifier: GPL-2.0
/* bpf(2), one command per function. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "loader/bpf.h"

long sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	long ret = syscall(__NR_bpf, cmd, attr, size);

	return ret < 0 ? -errno : ret;
}

/* Copy a name into a fixed BPF_OBJ_NAME_LEN field, cut if need be. */
static void set_obj_name(char dst[BPF_OBJ_NAME_LEN], const char *name)
{
	if (name)
		strncpy(dst, name, BPF_OBJ_NAME_LEN - 1);
}

int bpf_map_create(enum bpf_map_type type, const char *name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, __u32 map_flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = map_flags;
	set_obj_name(attr.map_name, name);
	return sys_bpf(BPF_MAP_CREATE, &attr, sizeof(attr));
}

static int map_elem(enum bpf_cmd cmd, int fd, const void *key, void *value,
		    __u64 flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = ptr_to_u64(key);
	attr.value = ptr_to_u64(value);
	attr.flags = flags;
	return sys_bpf(cmd, &attr, sizeof(attr));
}

int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

int bpf_map_update_elem(int fd, const void *key, const void *value,
			__u64 flags)
{
	return map_elem(BPF_MAP_UPDATE_ELEM, fd, key, (void *)value, flags);
}

int bpf_map_delete_elem(int fd, const void *key)
{
	return map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = ptr_to_u64(key);
	attr.next_key = ptr_to_u64(next_key);
	return sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr, sizeof(attr));
}

int bpf_prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
		  size_t insn_cnt, const char *license,
		  const struct bpf_prog_load_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.insns = ptr_to_u64(insns);
	attr.insn_cnt = (__u32)insn_cnt;
	attr.license = ptr_to_u64(license);
	if (opts) {
		attr.expected_attach_type = opts->expected_attach_type;
		attr.prog_flags = opts->prog_flags;
		attr.kern_version = opts->kern_version;
		attr.log_level = opts->log_level;
		attr.log_buf = ptr_to_u64(opts->log_buf);
		attr.log_size = opts->log_size;
		set_obj_name(attr.prog_name, opts->name);
	}
	return sys_bpf(BPF_PROG_LOAD, &attr, sizeof(attr));
}

int bpf_obj_get_info_by_fd(int fd, void *info, __u32 *info_len)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = *info_len;
	attr.info.info = ptr_to_u64(info);
	err = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr));
	if (!err)
		*info_len = attr.info.info_len;
	return err;
}

static int get_next_id(enum bpf_cmd cmd, __u32 start_id, __u32 *next_id)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.start_id = start_id;
	err = sys_bpf(cmd, &attr, sizeof(attr));
	if (!err)
		*next_id = attr.next_id;
	return err;
}

int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_PROG_GET_NEXT_ID, start_id, next_id);
}

int bpf_map_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_MAP_GET_NEXT_ID, start_id, next_id);
}

static int get_fd_by_id(enum bpf_cmd cmd, __u32 id)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_id = id;	/* shares its slot with map_id */
	return sys_bpf(cmd, &attr, sizeof(attr));
}

int bpf_prog_get_fd_by_id(__u32 id)
{
	return get_fd_by_id(BPF_PROG_GET_FD_BY_ID, id);
}

int bpf_map_get_fd_by_id(__u32 id)
{
	return get_fd_by_id(BPF_MAP_GET_FD_BY_ID, id);
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = ptr_to_u64(name);
	attr.raw_tracepoint.prog_fd = (__u32)prog_fd;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr, sizeof(attr));
}
