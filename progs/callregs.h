/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A probed kernel function's arguments and return value, read from the
 * registers a kprobe program's context holds (struct pt_regs, as
 * bpf_user_pt_regs_t shows it), by the architecture's calling
 * convention for kernel functions: x86_64's rdi, rsi, rdx, rcx, r8, r9
 * and rax; arm64's x0-x5 and x0; 32-bit ARM's r0-r3 (the rest on the
 * stack) and r0; i386's eax, edx, ecx (the kernel is built regparm(3))
 * and eax. Offsets from the target's UAPI <asm/ptrace.h>, which is the
 * layout a kprobe program reads.
 */
#ifndef BAREBPF_PROGS_CALLREGS_H
#define BAREBPF_PROGS_CALLREGS_H

#include <linux/types.h>
#include "asm/builder.h"

#define CALLREGS_NONE	0xffffffffu	/* an argument passed on the stack */

struct callregs {
	__u32 word;		/* bytes per register: 4 or 8 */
	__u32 arg[6];		/* argument i in struct pt_regs, or CALLREGS_NONE */
	__u32 ret;		/* the return value, at a kretprobe */
};

/*
 * This architecture's registers, or NULL (errno ENOSYS) when barebpf
 * does not know its calling convention.
 */
const struct callregs *callregs_native(void);

/*
 * Emit: dst = argument i (0-based) of the probed function, zero-extended,
 * from the context in ctx. Fails the builder for an argument not in a
 * register.
 */
void callregs_emit_arg(struct builder *b, const struct callregs *cr, int dst,
		       int ctx, int i);

/* Emit: dst = the probed function's return value, at its return. */
void callregs_emit_ret(struct builder *b, const struct callregs *cr, int dst,
		       int ctx);

#endif /* BAREBPF_PROGS_CALLREGS_H */
