/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thin bpf(2) wrappers: one function per command, each returning >= 0 or
 * -errno. Nothing here prints.
 *
 * What every loader/ function returns, as libbpf's bpf.c does: an int is
 * >= 0 (an fd, a count, 1 or 0 for a probe's yes or no) or -errno; a
 * pointer is NULL with errno set. Nothing in loader/ prints, exits, reads
 * the environment, or changes the system unasked (it mounts tracefs only
 * when struct tracefs_opts says to): the caller says, the caller decides.
 */
#ifndef BAREBPF_LOADER_BPF_H
#define BAREBPF_LOADER_BPF_H

#include <stddef.h>
#include <linux/bpf.h>

static inline __u64 ptr_to_u64(const void *ptr)
{
	return (__u64)(unsigned long)ptr;
}

/* The raw syscall: returns its result, or -errno. */
long sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size);

int bpf_map_create(enum bpf_map_type type, const char *name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, __u32 map_flags);

/* What only some map types need. */
struct bpf_map_create_opts {
	__u32 map_flags;
	__u32 inner_map_fd;		/* maps of maps */
	__u32 btf_fd;			/* local storage maps */
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;	/* struct_ops */
	__u64 map_extra;		/* bloom filter hashes (5.16) */
};

int bpf_map_create_with(enum bpf_map_type type, const char *name,
			__u32 key_size, __u32 value_size, __u32 max_entries,
			const struct bpf_map_create_opts *opts);
int bpf_map_lookup_elem(int fd, const void *key, void *value);
int bpf_map_update_elem(int fd, const void *key, const void *value,
			__u64 flags);
int bpf_map_delete_elem(int fd, const void *key);
/* key NULL gives the first key. -ENOENT after the last one. */
int bpf_map_get_next_key(int fd, const void *key, void *next_key);

struct bpf_prog_load_opts {
	const char *name;		/* truncated to BPF_OBJ_NAME_LEN - 1 */
	const char *license;		/* prog_load(): NULL means "GPL" */
	__u32 expected_attach_type;
	__u32 prog_flags;
	__u32 kern_version;		/* kprobes before 5.0 check it */
	__u32 attach_btf_id;		/* fentry, lsm, ext (5.5) */
	__u32 log_level;		/* 0: no log */
	char *log_buf;
	__u32 log_size;
	/*
	 * BTF for the program (5.0): the fd of bpf_btf_load()'s blob, with
	 * its functions (struct bpf_func_info, one per subprogram) and the
	 * source line of instructions (struct bpf_line_info). Counts of 0
	 * load no BTF.
	 */
	__u32 prog_btf_fd;
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
};

int bpf_prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
		  size_t insn_cnt, const char *license,
		  const struct bpf_prog_load_opts *opts);

/* BPF_PROG_TEST_RUN (4.12): what goes in, and what comes back. */
struct bpf_test_run_opts {
	const void *data_in;		/* the packet */
	__u32 data_size_in;
	void *data_out;			/* NULL: not copied back */
	__u32 data_size_out;		/* in: room in data_out; out: its size */
	const void *ctx_in;		/* the context (__sk_buff, raw tp args) */
	__u32 ctx_size_in;
	void *ctx_out;
	__u32 ctx_size_out;		/* in/out, as data_size_out */
	__u32 repeat;			/* runs; 0 is one */
	__u32 flags;
	__u32 retval;			/* out: what the program returned */
	__u32 duration;			/* out: mean ns per run */
};

/* Run a loaded program once (or repeat times) on given input. */
int bpf_prog_test_run(int prog_fd, struct bpf_test_run_opts *opts);

/* info is a struct bpf_prog_info, bpf_map_info, ...; *info_len in/out. */
int bpf_obj_get_info_by_fd(int fd, void *info, __u32 *info_len);
int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id);
int bpf_prog_get_fd_by_id(__u32 id);
int bpf_map_get_next_id(__u32 start_id, __u32 *next_id);
int bpf_map_get_fd_by_id(__u32 id);

/*
 * Attach a BPF_PROG_TYPE_RAW_TRACEPOINT program to the tracepoint called
 * name (4.17). The attachment lives as long as the returned fd, and is
 * undone without waiting for an RCU grace period. Returns the fd or
 * -errno.
 */
int bpf_raw_tracepoint_open(const char *name, int prog_fd);

/* Load raw BTF (4.18); the kernel's complaints go to log, if given. */
int bpf_btf_load(const void *btf, __u32 size, char *log, __u32 log_size);

#endif /* BAREBPF_LOADER_BPF_H */
