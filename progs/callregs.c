// SPDX-License-Identifier: GPL-2.0
/* Where each architecture passes a kernel function's arguments. */
#include <errno.h>
#include <stddef.h>
#include <asm/ptrace.h>
#include "progs/callregs.h"

#define NONE	CALLREGS_NONE

#if defined(__x86_64__)
#define REG(r) offsetof(struct pt_regs, r)
static const struct callregs native = {
	8, { REG(rdi), REG(rsi), REG(rdx), REG(rcx), REG(r8), REG(r9) }, REG(rax)
};
#elif defined(__i386__)
#define REG(r) offsetof(struct pt_regs, r)
static const struct callregs native = {
	4, { REG(eax), REG(edx), REG(ecx), NONE, NONE, NONE }, REG(eax)
};
#elif defined(__aarch64__)
#define REG(i) offsetof(struct user_pt_regs, regs[i])
static const struct callregs native = {
	8, { REG(0), REG(1), REG(2), REG(3), REG(4), REG(5) }, REG(0)
};
#elif defined(__arm__)
#define REG(i) offsetof(struct pt_regs, uregs[i])
static const struct callregs native = {
	4, { REG(0), REG(1), REG(2), REG(3), NONE, NONE }, REG(0)
};
#elif defined(__riscv) && __riscv_xlen == 64
#define REG(r) offsetof(struct user_regs_struct, r)
static const struct callregs native = {
	8, { REG(a0), REG(a1), REG(a2), REG(a3), REG(a4), REG(a5) }, REG(a0)
};
#else
#define CALLREGS_UNKNOWN
#endif

const struct callregs *callregs_native(void)
{
#ifdef CALLREGS_UNKNOWN
	errno = ENOSYS;
	return NULL;
#else
	return &native;
#endif
}

static void emit_load(struct builder *b, const struct callregs *cr, int dst,
		      int ctx, __u32 off)
{
	EMIT(b, BPF_LDX_MEM(cr->word == 8 ? BPF_DW : BPF_W, dst, ctx, (__s16)off));
}

void callregs_emit_arg(struct builder *b, const struct callregs *cr, int dst,
		       int ctx, int i)
{
	if (i < 0 || i >= 6 || cr->arg[i] == NONE) {
		builder__fail(b, -EINVAL, "argument %d of a kernel function is not in a register here", i);
		return;
	}
	emit_load(b, cr, dst, ctx, cr->arg[i]);
}

void callregs_emit_ret(struct builder *b, const struct callregs *cr, int dst,
		       int ctx)
{
	emit_load(b, cr, dst, ctx, cr->ret);
}
