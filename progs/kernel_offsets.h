/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Offsets of kernel struct members, from the running kernel's BTF, for
 * programs that read what no tracepoint carries: a task's exit code, its
 * mount namespace. Nothing requires them: a tool without them falls back
 * on what tracepoints and /proc give, and says so under -v.
 */
#ifndef BAREBPF_PROGS_KERNEL_OFFSETS_H
#define BAREBPF_PROGS_KERNEL_OFFSETS_H

#include <stddef.h>
#include <linux/types.h>
#include "loader/btf.h"

struct kernel_member {
	const char *type;	/* struct name: "task_struct" */
	const char *path;	/* "exit_code", or "ns.inum" through nested structs */
	__u32 size;		/* bytes the program reads; 0: any */
	__u32 *offset;		/* where its byte offset goes */
	__u32 kind;		/* BTF_KIND_PTR, _INT, _STRUCT, through typedefs; 0: any */
};

/*
 * Fill each member's offset from btf. -ENOENT when a struct or member is
 * missing, -EINVAL when one is not of the size or kind the program reads;
 * what (len bytes) then names it: "BTF struct task_struct has no member
 * exit_code", "BTF struct task_struct member fs is not an 8-byte pointer".
 */
int kernel_members_resolve(const struct btf *btf, const struct kernel_member *m,
			   size_t n, char *what, size_t len);

#endif /* BAREBPF_PROGS_KERNEL_OFFSETS_H */
