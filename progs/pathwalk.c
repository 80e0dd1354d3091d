// SPDX-License-Identifier: GPL-2.0
/* The in-kernel walk from a directory to the root, and its user-space join. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "progs/kernel_offsets.h"
#include "progs/memread.h"
#include "progs/pathwalk.h"

#define PATHWALK_MEMBERS 16

/* What the walk reads: pointers 8 bytes at a time, max_fds 4. */
static void pathwalk_members(struct pathwalk_offsets *o, struct kernel_member *m)
{
	const struct kernel_member members[PATHWALK_MEMBERS] = {
		{ "task_struct", "fs", 8, &o->task_fs, BTF_KIND_PTR },
		{ "task_struct", "files", 8, &o->task_files, BTF_KIND_PTR },
		{ "fs_struct", "pwd", 0, &o->fs_pwd, BTF_KIND_STRUCT },
		{ "files_struct", "fdt", 8, &o->files_fdt, BTF_KIND_PTR },
		{ "fdtable", "max_fds", 4, &o->fdt_max_fds, BTF_KIND_INT },
		{ "fdtable", "fd", 8, &o->fdt_fd, BTF_KIND_PTR },
		{ "file", "f_path", 0, &o->file_path, BTF_KIND_STRUCT },
		{ "path", "mnt", 8, &o->path_mnt, BTF_KIND_PTR },
		{ "path", "dentry", 8, &o->path_dentry, BTF_KIND_PTR },
		{ "dentry", "d_parent", 8, &o->dentry_parent, BTF_KIND_PTR },
		{ "dentry", "d_name", 0, &o->dentry_name, BTF_KIND_STRUCT },
		{ "qstr", "name", 8, &o->qstr_name, BTF_KIND_PTR },
		{ "mount", "mnt_parent", 8, &o->mount_parent, BTF_KIND_PTR },
		{ "mount", "mnt_mountpoint", 8, &o->mount_mountpoint, BTF_KIND_PTR },
		{ "mount", "mnt", 0, &o->mount_mnt, BTF_KIND_STRUCT },
		{ "vfsmount", "mnt_root", 8, &o->vfsmount_root, BTF_KIND_PTR },
	};

	memcpy(m, members, sizeof(members));
}

int pathwalk_offsets__from_btf(struct pathwalk_offsets *o,
			       const struct btf *btf, char *what, size_t len)
{
	struct kernel_member m[PATHWALK_MEMBERS];

	pathwalk_members(o, m);
	return kernel_members_resolve(btf, m, PATHWALK_MEMBERS, what, len);
}

/* Where member m of the walk's struct pathwalk_stack is, from r10. */
#define SLOT(r, m) \
	((__s16)((r)->stack_off + (int)offsetof(struct pathwalk_stack, m)))

/*
 * Emit: *(u64 *)(r10 + slot) = *(src + off), read size bytes, or give up
 * (the state stays CUT). Each kernel read may fail: a task exiting, a
 * dentry freed under us; a failed read zeroes its slot.
 */
static void emit_read(struct builder *b, const struct prog_features *f,
		      __s16 slot, int size, int src, __u32 off)
{
	emit_probe_read(b, f->read_kernel, BPF_REG_10, slot, size, src, (int)off);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "pw_done");
}

/* Emit: cur = &task->fs->pwd. */
static void emit_cwd(struct builder *b, const struct pathwalk_offsets *o,
		     const struct prog_features *f, const struct pathwalk_regs *r)
{
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->task_fs);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)),
	     BPF_ALU64_IMM(BPF_ADD, r->cur, (__s32)o->fs_pwd));
}

/* Emit: cur = &task->files->fdt->fd[dirfd]->f_path; r1 holds dirfd. */
static void emit_dirfd(struct builder *b, const struct pathwalk_offsets *o,
		       const struct prog_features *f, const struct pathwalk_regs *r)
{
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_1, 0, 0), "pw_done");
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->task_files);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)));
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->files_fdt);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)));
	emit_read(b, f, SLOT(r, b), 4, r->cur, o->fdt_max_fds);
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->fdt_fd);
	/* An fd past the table's end was closed since: nothing to read. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, r->rec, r->dirfd_off),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(r, b)));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), "pw_done");
	EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 3),
	     BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)),
	     BPF_ALU64_REG(BPF_ADD, r->cur, BPF_REG_1));
	emit_read(b, f, SLOT(r, a), 8, r->cur, 0);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)),
	     BPF_ALU64_IMM(BPF_ADD, r->cur, (__s32)o->file_path));
}

struct walk {
	const struct pathwalk_offsets *o;
	const struct prog_features *f;
	const struct pathwalk_regs *r;
};

/* Emit one step up: to the parent, or across to the mount beneath. */
static void emit_step(struct builder *b, void *arg)
{
	const struct walk *w = arg;
	const struct pathwalk_offsets *o = w->o;
	const struct prog_features *f = w->f;
	const struct pathwalk_regs *r = w->r;
	const char *up = ".up", *next = ".next";

	/* The root of its mount: carry on from where that is mounted. */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(r, root)));
	JUMP(b, BPF_JMP_REG(BPF_JNE, r->cur, BPF_REG_1, 0), up);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_4, BPF_REG_10, SLOT(r, mnt)));
	emit_read(b, f, SLOT(r, a), 8, BPF_REG_4, o->mount_parent);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(r, a)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_4, BPF_REG_10, SLOT(r, mnt)));
	/* A mount that is its own parent is the namespace's root. */
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_4, 0), "pw_whole");
	emit_read(b, f, SLOT(r, b), 8, BPF_REG_4, o->mount_mountpoint);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, b)),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_4, BPF_REG_10, SLOT(r, a)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_4, SLOT(r, mnt)));
	emit_read(b, f, SLOT(r, root), 8, BPF_REG_4, o->mount_mnt + o->vfsmount_root);
	JUMP(b, BPF_JMP_A(0), next);

	/* Else: keep this name, go to the parent. */
	LABEL(b, up);
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->dentry_parent);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(r, a)));
	/* Its own parent yet no mount's root: unlinked from the tree. */
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, r->cur, 0), "pw_done");
	emit_read(b, f, SLOT(r, b), 8, r->cur, o->dentry_name + o->qstr_name);
	/* The bound keeps every write inside dst for the verifier. */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_2, r->rec, r->len_off));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_2, PATHWALK_MAX - PATHWALK_NAME_MAX, 0),
	     "pw_done");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, r->dst),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_2),
	     BPF_MOV64_IMM(BPF_REG_2, PATHWALK_NAME_MAX),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(r, b)),
	     BPF_EMIT_CALL(f->read_kernel_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 0, 0), "pw_done");
	/*
	 * The length lives in the record, not in a register: a value the
	 * verifier tracks would differ on every path and defeat pruning.
	 */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, r->rec, r->len_off),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_0),
	     BPF_STX_MEM(BPF_W, r->rec, BPF_REG_1, r->len_off),
	     BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)));
	LABEL(b, next);
}

void pathwalk_emit(struct builder *b, const struct pathwalk_offsets *o,
		   const struct prog_features *f, const struct pathwalk_regs *r)
{
	struct walk w = { o, f, r };

	/* CUT until the root is reached; no names yet. */
	EMIT(b, BPF_ST_MEM(BPF_W, r->rec, r->state_off, PATHWALK_CUT),
	     BPF_ST_MEM(BPF_W, r->rec, r->len_off, 0),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_MOV64_REG(r->cur, BPF_REG_0),
	     /* dirfd is an s32: sign-extend it to compare with AT_FDCWD. */
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, r->rec, r->dirfd_off),
	     BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 32),
	     BPF_ALU64_IMM(BPF_ARSH, BPF_REG_1, 32));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, AT_FDCWD, 0), "pw_dirfd");
	emit_cwd(b, o, f, r);
	JUMP(b, BPF_JMP_A(0), "pw_path");
	LABEL(b, "pw_dirfd");
	emit_dirfd(b, o, f, r);

	/* cur is a struct path *: take its mount, the mount's root, its dentry. */
	LABEL(b, "pw_path");
	emit_read(b, f, SLOT(r, mnt), 8, r->cur, o->path_mnt);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_4, BPF_REG_10, SLOT(r, mnt)));
	emit_read(b, f, SLOT(r, root), 8, BPF_REG_4, o->vfsmount_root);
	/* The vfsmount is embedded in a struct mount: container_of(). */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(r, mnt)),
	     BPF_ALU64_IMM(BPF_SUB, BPF_REG_1, (__s32)o->mount_mnt),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(r, mnt)));
	emit_read(b, f, SLOT(r, a), 8, r->cur, o->path_dentry);
	EMIT(b, BPF_LDX_MEM(BPF_DW, r->cur, BPF_REG_10, SLOT(r, a)));

	/* A bounded loop (5.3+), else unrolled. */
	builder__loop(b, PATHWALK_DEPTH, f->bounded_loops, SLOT(r, round),
		      emit_step, &w);
	JUMP(b, BPF_JMP_A(0), "pw_done");	/* too deep: stays CUT */
	LABEL(b, "pw_whole");
	EMIT(b, BPF_ST_MEM(BPF_W, r->rec, r->state_off, PATHWALK_WHOLE));
	LABEL(b, "pw_done");
}

int pathwalk_join(const char *names, size_t len, const char *rel, char *buf,
		  size_t size)
{
	size_t end = len, start, n, pos = 0, rel_len = rel ? strlen(rel) : 0;

	if (len && names[len - 1])
		return -EINVAL;
	/* names[0..end) is what is left, each name ending in a NUL. */
	while (end) {
		start = end - 1;
		while (start && names[start - 1])
			start--;
		n = end - 1 - start;
		if (n) {
			if (pos + 1 + n >= size)
				return -ENAMETOOLONG;
			buf[pos++] = '/';
			memcpy(buf + pos, names + start, n);
			pos += n;
		}
		end = start;
	}
	/* A file's own names: "/a/b", or "/" for the root itself. */
	if (!rel) {
		if (pos && pos < size) {
			buf[pos] = '\0';
			return (int)pos;
		}
		rel = "";
	}
	if (pos + 1 + rel_len >= size)
		return -ENAMETOOLONG;
	buf[pos++] = '/';
	memcpy(buf + pos, rel, rel_len + 1);
	return (int)(pos + rel_len);
}
