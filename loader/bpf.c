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
	struct bpf_map_create_opts opts = { .map_flags = map_flags };

	return bpf_map_create_with(type, name, key_size, value_size,
				   max_entries, &opts);
}

int bpf_map_create_with(enum bpf_map_type type, const char *name,
			__u32 key_size, __u32 value_size, __u32 max_entries,
			const struct bpf_map_create_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	set_obj_name(attr.map_name, name);
	if (opts) {
		attr.map_flags = opts->map_flags;
		attr.inner_map_fd = opts->inner_map_fd;
		attr.btf_fd = opts->btf_fd;
		attr.btf_key_type_id = opts->btf_key_type_id;
		attr.btf_value_type_id = opts->btf_value_type_id;
		attr.btf_vmlinux_value_type_id = opts->btf_vmlinux_value_type_id;
		attr.map_extra = opts->map_extra;
	}
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
		attr.attach_btf_id = opts->attach_btf_id;
		attr.log_level = opts->log_level;
		attr.log_buf = ptr_to_u64(opts->log_buf);
		attr.log_size = opts->log_size;
		set_obj_name(attr.prog_name, opts->name);
		if (opts->func_info_cnt || opts->line_info_cnt)
			attr.prog_btf_fd = opts->prog_btf_fd;
		attr.func_info = ptr_to_u64(opts->func_info);
		attr.func_info_cnt = opts->func_info_cnt;
		attr.func_info_rec_size = opts->func_info_rec_size;
		attr.line_info = ptr_to_u64(opts->line_info);
		attr.line_info_cnt = opts->line_info_cnt;
		attr.line_info_rec_size = opts->line_info_rec_size;
	}
	return sys_bpf(BPF_PROG_LOAD, &attr, sizeof(attr));
}

int bpf_prog_test_run(int prog_fd, struct bpf_test_run_opts *opts)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (__u32)prog_fd;
	attr.test.data_in = ptr_to_u64(opts->data_in);
	attr.test.data_size_in = opts->data_size_in;
	attr.test.data_out = ptr_to_u64(opts->data_out);
	attr.test.data_size_out = opts->data_size_out;
	attr.test.ctx_in = ptr_to_u64(opts->ctx_in);
	attr.test.ctx_size_in = opts->ctx_size_in;
	attr.test.ctx_out = ptr_to_u64(opts->ctx_out);
	attr.test.ctx_size_out = opts->ctx_size_out;
	attr.test.repeat = opts->repeat;
	attr.test.flags = opts->flags;
	err = (int)sys_bpf(BPF_PROG_TEST_RUN, &attr, sizeof(attr));
	/* The sizes come back with ENOSPC too: what did not fit. */
	opts->data_size_out = attr.test.data_size_out;
	opts->ctx_size_out = attr.test.ctx_size_out;
	opts->retval = attr.test.retval;
	opts->duration = attr.test.duration;
	return err;
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

int bpf_btf_load(const void *btf, __u32 size, char *log, __u32 log_size)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.btf = ptr_to_u64(btf);
	attr.btf_size = size;
	if (log && log_size) {
		attr.btf_log_buf = ptr_to_u64(log);
		attr.btf_log_size = log_size;
		attr.btf_log_level = 1;
	}
	return sys_bpf(BPF_BTF_LOAD, &attr, sizeof(attr));
}
