// SPDX-License-Identifier: GPL-2.0
/* From a file descriptor to its struct file, with offsets from BTF. */
#include <string.h>
#include "progs/fdfile.h"
#include "progs/memread.h"

void fdfile_members(struct fdfile_offsets *o, struct kernel_member *m)
{
	const struct kernel_member members[FDFILE_MEMBERS] = {
		{ "task_struct", "files", 8, &o->task_files, BTF_KIND_PTR },
		{ "files_struct", "fdt", 8, &o->files_fdt, BTF_KIND_PTR },
		{ "fdtable", "max_fds", 4, &o->fdt_max_fds, BTF_KIND_INT },
		{ "fdtable", "fd", 8, &o->fdt_fd, BTF_KIND_PTR },
	};

	memcpy(m, members, sizeof(members));
}

void fdfile_emit_follow(struct builder *b, const struct prog_features *f,
			int dst, int src, __u32 off, int slot, const char *fail)
{
	emit_probe_read(b, f->read_kernel, BPF_REG_10, slot, 8, src, (int)off);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, dst, BPF_REG_10, (__s16)slot));
}

void fdfile_emit_file(struct builder *b, const struct fdfile_offsets *o,
		      const struct prog_features *f, int dst, int stack_off,
		      const char *fail)
{
	const int slot_a = stack_off + (int)offsetof(struct fdfile_stack, a),
		  slot_file = stack_off + (int)offsetof(struct fdfile_stack, file),
		  slot_fd = stack_off + (int)offsetof(struct fdfile_stack, fd);

	/* fd is an s32: a negative one is no descriptor. */
	EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 32),
	     BPF_ALU64_IMM(BPF_ARSH, BPF_REG_1, 32));
	JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_1, 0, 0), fail);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, (__s16)slot_fd),
	     BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_MOV64_REG(dst, BPF_REG_0));

	/* current->files->fdt->fd[fd], if fd < max_fds */
	fdfile_emit_follow(b, f, dst, dst, o->task_files, slot_a, fail);
	fdfile_emit_follow(b, f, dst, dst, o->files_fdt, slot_a, fail);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, (__s16)slot_file, 0));
	emit_probe_read(b, f->read_kernel, BPF_REG_10, slot_file, 4, dst, (int)o->fdt_max_fds);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	fdfile_emit_follow(b, f, dst, dst, o->fdt_fd, slot_a, fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, (__s16)slot_fd),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, (__s16)slot_file));
	JUMP(b, BPF_JMP_REG(BPF_JGE, BPF_REG_1, BPF_REG_2, 0), fail);
	EMIT(b, BPF_ALU64_IMM(BPF_LSH, BPF_REG_1, 3),
	     BPF_ALU64_REG(BPF_ADD, dst, BPF_REG_1));
	fdfile_emit_follow(b, f, dst, dst, 0, slot_a, fail);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, dst, 0, 0), fail);
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, dst, (__s16)slot_file));
}
