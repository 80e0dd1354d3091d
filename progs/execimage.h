/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A new program's own copy of its arguments and environment, for what an
 * exec's entry could not read (a forked child's strings in pages it never
 * touched are not mapped yet, and a BPF program cannot fault them in).
 *
 * Before sched_process_exec fires, the kernel has copied the strings to
 * the top of the new stack (argv's, the environment's, then the file
 * name) and laid out below them, where the new stack pointer points:
 *
 *	argc, argv[0..argc-1], NULL, envp[0..], NULL, auxv pairs, AT_NULL
 *
 * one word each (the pointer size of the new program). The kernel wrote
 * those pages itself: they are resident. Two ways find that stack
 * pointer:
 *
 *   - with BTF, from sched_process_exec on: current->mm->start_stack,
 *     which the ELF loader sets to it; checked against mm->arg_start,
 *     where argv[0] must point, so a loader that set it otherwise reads
 *     nothing rather than something wrong;
 *   - at the exec's return to user space (raw_syscalls:sys_exit as a
 *     raw tracepoint, 4.17): the user stack pointer saved in pt_regs, at
 *     the offset of the architecture's UAPI (progs/sysargs.h). No BTF.
 *
 * For a script the vector is its interpreter's: the interpreter, its
 * optional argument and the script's path in place of argv[0].
 */
#ifndef BAREBPF_PROGS_EXECIMAGE_H
#define BAREBPF_PROGS_EXECIMAGE_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/btf.h"
#include "progs/features.h"
#include "progs/sysargs.h"

/* The auxiliary vector's entry for the file executed (<linux/auxvec.h>). */
#define EXEC_IMAGE_AT_EXECFN	31

struct exec_image_offsets {
	__u32 task_mm;		/* struct task_struct: mm */
	__u32 mm_start_stack;	/* struct mm_struct: start_stack */
	__u32 mm_arg_start;	/* struct mm_struct: arg_start */
};

/* The offsets from btf; on failure what names the missing piece. */
int exec_image_offsets__from_btf(struct exec_image_offsets *o,
				 const struct btf *btf, char *what, size_t len);

/* Bytes of stack the emitters use at r10 + stack_off. */
#define EXEC_IMAGE_STACK	24

/*
 * Emit: the u64 at r10 + stack_off = the new image's stack pointer,
 * read from current->mm (BTF offsets o). Uses r0-r3 and
 * EXEC_IMAGE_STACK bytes; goes to fail when a read fails or argv[0] is
 * not at mm->arg_start.
 */
void exec_image_emit_sp_mm(struct builder *b, const struct exec_image_offsets *o,
			   const struct prog_features *f, int stack_off,
			   const char *fail);

/*
 * Emit, at raw_syscalls:sys_exit after an exec succeeded: the u64 at
 * r10 + stack_off = the user stack pointer in the pt_regs at ctx[0] of
 * the context in ctx_reg. Uses r0-r3 and 8 bytes; goes to fail when the
 * read fails.
 */
void exec_image_emit_sp_regs(struct builder *b, const struct sysargs *sa,
			     int ctx_reg, const struct prog_features *f,
			     int stack_off, const char *fail);

#endif /* BAREBPF_PROGS_EXECIMAGE_H */
