/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Syscall arguments at raw_syscalls:sys_enter and sys_exit as raw
 * tracepoints, whose context is (struct pt_regs *regs, long id or ret):
 * the registers each architecture's syscall ABI passes them in, at
 * offsets from its UAPI <asm/ptrace.h> (the layout ptrace(2) shows,
 * which is the kernel's own saved user registers). At sys_enter nothing
 * has overwritten them yet. On x86 they are still there at sys_exit,
 * the result going to ax, and orig_ax keeps the syscall number; other
 * architectures return in the first argument's register, so their
 * arguments are kept from entry to exit.
 *
 * A 32-bit process on a 64-bit kernel uses the compat ABI, which this
 * does not decode.
 */
#ifndef BAREBPF_PROGS_SYSARGS_H
#define BAREBPF_PROGS_SYSARGS_H

#include <stdbool.h>
#include <linux/types.h>
#include "asm/builder.h"

struct sysargs {
	__u32 word;		/* bytes per register: 4 or 8 */
	__u32 off[6];		/* argument i in struct pt_regs */
	int nr_off;		/* the syscall number, kept through the call; -1 */
	bool at_exit;		/* arguments and number still there at sys_exit */
	__u32 sp_off;		/* the user stack pointer */
};

/* Bytes of stack sysargs_emit_read() uses. */
#define SYSARGS_STACK	128

/*
 * This architecture's registers, or NULL (errno ENOSYS) when barebpf
 * does not know where its syscall arguments are.
 */
const struct sysargs *sysargs_native(void);

/*
 * Emit: read the six arguments through the pt_regs pointer at ctx[0] of
 * the context in ctx_reg, zero-extended to u64, into dst_reg + dst_off +
 * 8 * i, and with nr_slot (when not 0) the syscall number into the u64
 * at r10 + nr_slot. Uses r0-r3 and SYSARGS_STACK bytes at r10 +
 * stack_off; on a failed read goes to fail.
 */
void sysargs_emit_read(struct builder *b, const struct sysargs *sa,
		       int ctx_reg, int dst_reg, int dst_off, int nr_slot,
		       int stack_off, int read_kernel, const char *fail);

#endif /* BAREBPF_PROGS_SYSARGS_H */
