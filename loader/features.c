// SPDX-License-Identifier: GPL-2.0
/* Feature probes: load a minimal program and read the verifier's answer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <linux/btf.h>
#include "asm/insn.h"
#include "loader/bpf.h"
#include "loader/features.h"
#include "loader/prog.h"

int feature_probe_helper(enum bpf_prog_type type, int helper)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_1, 0),
		BPF_MOV64_IMM(BPF_REG_2, 0),
		BPF_MOV64_IMM(BPF_REG_3, 0),
		BPF_MOV64_IMM(BPF_REG_4, 0),
		BPF_MOV64_IMM(BPF_REG_5, 0),
		BPF_EMIT_CALL(helper),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	/* level 0: a log only when refused, for why (a yes costs no log) */
	struct prog_log log = { .level = 0 };
	const char *text;
	int fd, ret;

	fd = prog_load(type, insns, sizeof(insns) / sizeof(insns[0]), NULL,
		       &log);
	text = log.text;
	if (fd >= 0) {
		prog_log__free(&log);
		close(fd);
		return 1;
	}
	if (fd == -EPERM) {
		prog_log__free(&log);
		return fd;
	}
	/*
	 * Zero arguments fail most helpers' argument checks; that still
	 * proves the helper exists. Only these messages say it does not.
	 */
	ret = !(text && (strstr(text, "invalid func ") ||
			 strstr(text, "unknown func ") ||
			 strstr(text, "program of this type cannot use helper")));
	prog_log__free(&log);
	return ret;
}

/*
 * 1 when the program loads, -EPERM when nothing may load, else 0. The
 * answer is whether it loads: no log asked for.
 */
static int probe_loads(enum bpf_prog_type type, const struct bpf_insn *insns,
		       unsigned int n)
{
	int fd = prog_load(type, insns, n, NULL, NULL);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return fd == -EPERM ? fd : 0;
}

int feature_probe_read_helper(enum bpf_prog_type type, int helper)
{
	/* helper(fp - 8, 8, NULL): arguments every reading helper takes */
	const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, -8),
		BPF_MOV64_IMM(BPF_REG_2, 8),
		BPF_MOV64_IMM(BPF_REG_3, 0),
		BPF_EMIT_CALL(helper),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	int ret = probe_loads(type, insns, sizeof(insns) / sizeof(insns[0]));

	/* Refused: the zero-argument probe and its log tell why. */
	return ret ? ret : feature_probe_helper(type, helper);
}

#ifndef ENOTSUPP
#define ENOTSUPP	524	/* kernel-internal, yet returned by bpf(2) */
#endif

/* What a program type needs to load at all, and how a "yes" may look. */
struct prog_probe {
	__u32 expected_attach_type;
	__u32 prog_flags;
	__u32 attach_btf_id;
	int exp_err;			/* this error (and message) means yes */
	const char *exp_msg;
};

/* As libbpf's probe_prog_load(), for the types that need more than r0 = 0. */
static void prog_probe_for(enum bpf_prog_type type, struct prog_probe *pp)
{
	memset(pp, 0, sizeof(*pp));
	switch ((int)type) {
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		pp->expected_attach_type = BPF_CGROUP_INET4_CONNECT;
		break;
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		pp->expected_attach_type = BPF_CGROUP_GETSOCKOPT;
		break;
	case BPF_PROG_TYPE_SK_LOOKUP:
		pp->expected_attach_type = BPF_SK_LOOKUP;
		break;
	case BPF_PROG_TYPE_LIRC_MODE2:
		pp->expected_attach_type = BPF_LIRC_MODE2;
		break;
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		/* No BTF id to attach to: the refusal names it, so it exists */
		pp->expected_attach_type = type == BPF_PROG_TYPE_TRACING ?
					   BPF_TRACE_FENTRY : BPF_MODIFY_RETURN;
		pp->attach_btf_id = 1;
		pp->exp_err = -EINVAL;
		pp->exp_msg = "attach_btf_id 1 is not a function";
		break;
	case BPF_PROG_TYPE_EXT:
		pp->attach_btf_id = 1;
		pp->exp_err = -EINVAL;
		pp->exp_msg = "Cannot replace kernel functions";
		break;
	case BPF_PROG_TYPE_SYSCALL:
		pp->prog_flags = BPF_F_SLEEPABLE;
		break;
	case BPF_PROG_TYPE_STRUCT_OPS:
		pp->exp_err = -ENOTSUPP;
		break;
	case 32:	/* BPF_PROG_TYPE_NETFILTER (6.4), BPF_NETFILTER */
		pp->expected_attach_type = 45;	/* after BPF_STRUCT_OPS, 44 */
		break;
	}
}

int feature_probe_prog_type(enum bpf_prog_type type)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	struct bpf_prog_load_opts opts = { 0 };
	struct prog_probe pp;
	struct prog_log log = { 0 };
	int fd, ret;

	prog_probe_for(type, &pp);
	opts.expected_attach_type = pp.expected_attach_type;
	opts.prog_flags = pp.prog_flags;
	opts.attach_btf_id = pp.attach_btf_id;
	if (type == BPF_PROG_TYPE_KPROBE)
		opts.kern_version = kernel_version_code();
	log.level = pp.exp_msg ? 1 : 0;
	fd = prog_load(type, insns, 2, &opts, &log);
	if (fd >= 0) {
		prog_log__free(&log);
		close(fd);
		return 1;
	}
	ret = fd == -EPERM && !pp.exp_err ? fd :
	      fd == pp.exp_err && (!pp.exp_msg ||
				   (log.text && strstr(log.text, pp.exp_msg)));
	prog_log__free(&log);
	return ret;
}

/*
 * BTF for local storage maps, which want a value with a spin lock:
 * int; struct bpf_spin_lock { int val; }; struct val { int cnt;
 * struct bpf_spin_lock l; }. Returns the BTF fd or -errno.
 */
static int storage_btf(void)
{
	static const char strs[] = "\0bpf_spin_lock\0val\0cnt\0l";
	static const __u32 types[] = {
		0, BTF_KIND_INT << 24, 4, BTF_INT_SIGNED << 24 | 32,	/* [1] int */
		1, BTF_KIND_STRUCT << 24 | 1, 4,			/* [2] */
		15, 1, 0,					/* int val */
		15, BTF_KIND_STRUCT << 24 | 2, 8,			/* [3] */
		19, 1, 0,					/* int cnt */
		23, 2, 32,					/* lock l */
	};
	struct {
		struct btf_header hdr;
		__u32 types[sizeof(types) / 4];
		char strs[sizeof(strs)];
	} blob = {
		.hdr = {
			.magic = BTF_MAGIC,
			.version = BTF_VERSION,
			.hdr_len = sizeof(struct btf_header),
			.type_len = sizeof(types),
			.str_off = sizeof(types),
			.str_len = sizeof(strs),
		},
	};

	memcpy(blob.types, types, sizeof(types));
	memcpy(blob.strs, strs, sizeof(strs));
	return bpf_btf_load(&blob, sizeof(blob), NULL, 0);
}

int feature_probe_map_type(enum bpf_map_type type)
{
	struct bpf_map_create_opts opts = { 0 };
	__u32 key = 4, value = 4, max = 1;
	int fd, inner = -1, exp_err = 0;

	switch ((int)type) {
	case BPF_MAP_TYPE_STACK_TRACE:
		value = 8;
		break;
	case BPF_MAP_TYPE_LPM_TRIE:
		key = value = 8;
		opts.map_flags = BPF_F_NO_PREALLOC;
		break;
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		key = sizeof(struct bpf_cgroup_storage_key);
		value = 8;
		max = 0;
		break;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
	case BPF_MAP_TYPE_BLOOM_FILTER:
		key = 0;
		break;
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
	case 32:	/* BPF_MAP_TYPE_CGRP_STORAGE (6.2) */
		fd = storage_btf();
		if (fd < 0)
			return fd == -EPERM ? fd : 0;
		inner = fd;
		opts.btf_fd = (__u32)fd;
		opts.btf_key_type_id = 1;
		opts.btf_value_type_id = 3;
		opts.map_flags = BPF_F_NO_PREALLOC;
		value = 8;
		max = 0;
		break;
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		key = value = 0;
		max = (__u32)sysconf(_SC_PAGESIZE);
		break;
	case BPF_MAP_TYPE_STRUCT_OPS:
		/* No such struct: the refusal is "not supported" only if the type is known */
		opts.btf_vmlinux_value_type_id = 1;
		exp_err = -ENOTSUPP;
		break;
	case 33:	/* BPF_MAP_TYPE_ARENA (6.9): pages, mmap-able */
		key = value = 0;
		opts.map_flags = BPF_F_MMAPABLE;
		break;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		inner = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, 0);
		if (inner < 0)
			return inner == -EPERM ? inner : 0;
		opts.inner_map_fd = (__u32)inner;
		break;
	}
	fd = bpf_map_create_with(type, NULL, key, value, max, &opts);
	if (inner >= 0)
		close(inner);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	if (fd == -EPERM)
		return fd;
	return exp_err && fd == exp_err;
}

int feature_probe_bounded_loops(enum bpf_prog_type type)
{
	/* r0 counts to 4 by a back edge: refused before 5.3. */
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, 1),
		BPF_JMP_IMM(BPF_JLT, BPF_REG_0, 4, -2),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};

	return probe_loads(type, insns, sizeof(insns) / sizeof(insns[0]));
}

int feature_probe_read_helper_and_loops(enum bpf_prog_type type, int helper)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, -8),
		BPF_MOV64_IMM(BPF_REG_2, 8),
		BPF_MOV64_IMM(BPF_REG_3, 0),
		BPF_EMIT_CALL(helper),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, 1),
		BPF_JMP_IMM(BPF_JLT, BPF_REG_0, 4, -2),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};

	return probe_loads(type, insns, sizeof(insns) / sizeof(insns[0]));
}

/*
 * A 32-bit kernel: a 64-bit binary runs on none, and a 32-bit one asks
 * the kernel (an arm64 kernel says aarch64 to its 32-bit processes).
 */
static int kernel_is_32bit(void)
{
	struct utsname u;

	if (sizeof(long) == 8)
		return 0;
	return uname(&u) || !strstr(u.machine, "64");
}

int feature_probe_hash_no_prealloc(void)
{
	struct bpf_insn insns[] = {
		BPF_ST_MEM(BPF_W, BPF_REG_10, -4, 0),
		BPF_LD_MAP_FD(BPF_REG_1, 0),
		BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	int map, fd;

	/*
	 * A 32-bit kernel's elements that fill as they go (6.1's BPF
	 * memory allocator) start 4 bytes into their allocation, after its
	 * list node, so a value is only 4-byte aligned; a 64-bit atomic
	 * add on it (the tools' counters) is an ldrexd on 32-bit ARM,
	 * which faults unless 8-byte aligned: an oops in the program.
	 * Preallocated elements are 8-byte aligned there.
	 */
	if (kernel_is_32bit())
		return 0;
	map = bpf_map_create(BPF_MAP_TYPE_HASH, "probe", 4, 4, 1,
			     BPF_F_NO_PREALLOC);
	if (map < 0)
		return map == -EPERM ? map : 0;
	insns[1].imm = map;
	/*
	 * Before 6.1 the verifier refuses such a map to a perf event
	 * program, and from 5.7 takes it in a tracepoint program only with
	 * a WARN in the kernel's log: where this loads, any program may.
	 */
	fd = prog_load(BPF_PROG_TYPE_PERF_EVENT, insns,
		       sizeof(insns) / sizeof(insns[0]), NULL, NULL);
	close(map);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return fd == -EPERM ? fd : 0;
}
