// SPDX-License-Identifier: GPL-2.0
/* Where a new program's initial stack is: progs/execimage.h. */
#include <errno.h>
#include <string.h>
#include "progs/execimage.h"
#include "progs/kernel_offsets.h"
#include "progs/memread.h"

#define EXEC_IMAGE_MEMBERS	3

/* A kernel word: what the pointers and start_stack are on the traced side. */
#define WORD		((__u32)sizeof(long))

static void exec_image_members(struct exec_image_offsets *o,
			       struct kernel_member *m)
{
	const struct kernel_member members[EXEC_IMAGE_MEMBERS] = {
		{ "task_struct", "mm", WORD, &o->task_mm, BTF_KIND_PTR },
		{ "mm_struct", "start_stack", WORD, &o->mm_start_stack, BTF_KIND_INT },
		{ "mm_struct", "arg_start", WORD, &o->mm_arg_start, BTF_KIND_INT },
	};

	memcpy(m, members, sizeof(members));
}

int exec_image_offsets__from_btf(struct exec_image_offsets *o,
				 const struct btf *btf, char *what, size_t len)
{
	struct kernel_member m[EXEC_IMAGE_MEMBERS];

	exec_image_members(o, m);
	return kernel_members_resolve(btf, m, EXEC_IMAGE_MEMBERS, what, len);
}

/* Emit: the word at r3 + off into r10 + at (zeroed first), or goto fail. */
static void emit_read_word(struct builder *b, int helper, int at, int off,
			   const char *fail)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, at, 0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, off));
	emit_probe_read_r3(b, helper, BPF_REG_10, at, WORD);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
}

void exec_image_emit_sp_mm(struct builder *b, const struct exec_image_offsets *o,
			   const struct prog_features *f, int stack_off,
			   const char *fail)
{
	const int sp = stack_off, arg_start = stack_off + 8, argv0 = stack_off + 16;

	/* sp = current->mm, then mm->arg_start, then mm->start_stack */
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_0));
	emit_read_word(b, f->read_kernel, sp, (int)o->task_mm, fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, sp));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), fail);
	emit_read_word(b, f->read_kernel, arg_start, (int)o->mm_arg_start, fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, sp));
	emit_read_word(b, f->read_kernel, sp, (int)o->mm_start_stack, fail);

	/* argv[0], just above argc, is where the strings start */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, sp));
	emit_read_word(b, f->read_user, argv0, (int)WORD, fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, argv0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_2, BPF_REG_10, arg_start));
	JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0), fail);
}

void exec_image_emit_sp_regs(struct builder *b, const struct sysargs *sa,
			     int ctx_reg, const struct prog_features *f,
			     int stack_off, const char *fail)
{
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, stack_off, 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, ctx_reg, 0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (__s32)sa->sp_off));
	emit_probe_read_r3(b, f->read_kernel, BPF_REG_10, stack_off,
			   (int)sa->word);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, stack_off));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), fail);
}
