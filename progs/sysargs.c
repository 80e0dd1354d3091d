// SPDX-License-Identifier: GPL-2.0
/* Where each architecture's syscall ABI keeps the arguments. */
#include <errno.h>
#include <stddef.h>
#include <asm/ptrace.h>
#include "progs/memread.h"
#include "progs/sysargs.h"

#if defined(__x86_64__)
/* The fourth argument is in r10, since the syscall instruction takes rcx. */
#define REG(r) offsetof(struct pt_regs, r)
static const struct sysargs native = {
	8, { REG(rdi), REG(rsi), REG(rdx), REG(r10), REG(r8), REG(r9) },
	REG(orig_rax), true, REG(rsp)
};
#elif defined(__i386__)
#define REG(r) offsetof(struct pt_regs, r)
static const struct sysargs native = {
	4, { REG(ebx), REG(ecx), REG(edx), REG(esi), REG(edi), REG(ebp) },
	REG(orig_eax), true, REG(esp)
};
#elif defined(__aarch64__)
#define REG(i) offsetof(struct user_pt_regs, regs[i])
static const struct sysargs native = {
	8, { REG(0), REG(1), REG(2), REG(3), REG(4), REG(5) }, -1, false,
	offsetof(struct user_pt_regs, sp)
};
#elif defined(__arm__)
#define REG(i) offsetof(struct pt_regs, uregs[i])
static const struct sysargs native = {
	4, { REG(0), REG(1), REG(2), REG(3), REG(4), REG(5) }, -1, false,
	REG(13)		/* ARM_sp */
};
#elif defined(__riscv) && __riscv_xlen == 64
#define REG(r) offsetof(struct user_regs_struct, r)
static const struct sysargs native = {
	8, { REG(a0), REG(a1), REG(a2), REG(a3), REG(a4), REG(a5) }, -1, false,
	REG(sp)
};
#else
#define SYSARGS_UNKNOWN
#endif

const struct sysargs *sysargs_native(void)
{
#ifdef SYSARGS_UNKNOWN
	errno = ENOSYS;
	return NULL;
#else
	return &native;
#endif
}

void sysargs_emit_read(struct builder *b, const struct sysargs *sa,
		       int ctx_reg, int dst_reg, int dst_off, int nr_slot,
		       int stack_off, int read_kernel, const char *fail)
{
	__u32 lo = sa->off[0], hi = sa->off[0], span;
	int size = sa->word == 8 ? BPF_DW : BPF_W, i;

	if (nr_slot && sa->nr_off < 0) {
		builder__fail(b, -EINVAL, "the syscall number is not in pt_regs here");
		return;
	}
	for (i = 1; i < 7; i++) {
		__u32 off = i < 6 ? sa->off[i] : (__u32)sa->nr_off;

		if (i == 6 && !nr_slot)
			break;
		if (off < lo)
			lo = off;
		if (off > hi)
			hi = off;
	}
	span = hi + sa->word - lo;
	if (span > SYSARGS_STACK) {
		builder__fail(b, -EINVAL, "syscall registers span %u bytes", span);
		return;
	}
	/* One read of the registers' span, then each picked from the copy. */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, ctx_reg, 0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (__s32)lo));
	emit_probe_read_r3(b, read_kernel, BPF_REG_10, stack_off, (int)span);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_LDX_MEM(size, BPF_REG_1, BPF_REG_10,
				    (__s16)(stack_off + (int)(sa->off[i] - lo))),
		     BPF_STX_MEM(BPF_DW, dst_reg, BPF_REG_1,
				 (__s16)(dst_off + 8 * i)));
	if (nr_slot)
		EMIT(b, BPF_LDX_MEM(size, BPF_REG_1, BPF_REG_10,
				    (__s16)(stack_off + (int)((__u32)sa->nr_off - lo))),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, nr_slot));
}
