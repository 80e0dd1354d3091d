/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF instruction macros.
 *
 * Each macro is a compound literal spelling out all five fields of
 * struct bpf_insn, named CLASS[WIDTH]_SOURCE and taking its arguments in
 * the order OP/SIZE, DST, SRC, OFF, IMM, exactly as the kernel's own
 * samples and selftests do, so a program written here reads like a
 * verifier selftest.
 */
#ifndef BAREBPF_ASM_INSN_H
#define BAREBPF_ASM_INSN_H

#include <linux/bpf.h>

/* Opcode bits newer than the oldest UAPI headers we build against. */
#ifndef BPF_JMP32
#define BPF_JMP32	0x06	/* 5.1 */
#endif
#ifndef BPF_ATOMIC
#define BPF_ATOMIC	0xc0	/* 5.12; same value as the older BPF_XADD */
#endif
#ifndef BPF_FETCH
#define BPF_FETCH	0x01
#endif
#ifndef BPF_XCHG
#define BPF_XCHG	(0xe0 | BPF_FETCH)
#endif
#ifndef BPF_CMPXCHG
#define BPF_CMPXCHG	(0xf0 | BPF_FETCH)
#endif
#ifndef BPF_MEMSX
#define BPF_MEMSX	0x80	/* 6.6: sign-extending load */
#endif
#ifndef BPF_JCOND
#define BPF_JCOND	0xe0	/* 6.9: may_goto */
#endif

/*
 * Encodings newer than the 6.1 UAPI headers we build against. Newer
 * headers name the first two in enums, which #ifndef cannot see, so they
 * get names of our own.
 */
#define MAY_GOTO_SRC		0	/* 6.9: BPF_MAY_GOTO, src_reg of JCOND */
#define ADDR_SPACE_CAST_OFF	1	/* 6.9: BPF_ADDR_SPACE_CAST, mov off */
#ifndef BPF_LOAD_ACQ
#define BPF_LOAD_ACQ		0x100	/* 6.15: atomic imm */
#endif
#ifndef BPF_STORE_REL
#define BPF_STORE_REL		0x110	/* 6.15: atomic imm */
#endif
#ifndef BPF_PSEUDO_KFUNC_CALL
#define BPF_PSEUDO_KFUNC_CALL	2	/* 5.13 */
#endif

/*
 * Kernel-internal encodings with no UAPI name. They never reach the kernel
 * from user space, but they do come back in xlated dumps.
 */
#define NOSPEC_MODE		0xc0	/* mode of BPF_ST: speculation barrier */
#define ADDR_PERCPU_OFF		(-1)	/* off of a 64-bit mov: per-CPU address */

/* ALU ops on registers, bpf_add|sub|...: dst_reg += src_reg */
#define BPF_ALU64_REG(OP, DST, SRC)				\
	((struct bpf_insn) {					\
		.code  = BPF_ALU64 | BPF_OP(OP) | BPF_X,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = 0,					\
		.imm   = 0 })

/* 32-bit ALU on registers: (u32) dst_reg += (u32) src_reg, upper half zeroed */
#define BPF_ALU32_REG(OP, DST, SRC)				\
	((struct bpf_insn) {					\
		.code  = BPF_ALU | BPF_OP(OP) | BPF_X,		\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = 0,					\
		.imm   = 0 })

/* ALU ops on immediates: dst_reg += imm32 (imm sign-extended to 64 bits) */
#define BPF_ALU64_IMM(OP, DST, IMM)				\
	((struct bpf_insn) {					\
		.code  = BPF_ALU64 | BPF_OP(OP) | BPF_K,	\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = IMM })

/* 32-bit ALU on an immediate: (u32) dst_reg += imm32 */
#define BPF_ALU32_IMM(OP, DST, IMM)				\
	((struct bpf_insn) {					\
		.code  = BPF_ALU | BPF_OP(OP) | BPF_K,		\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = IMM })

/* Byte swap: dst_reg = to_be|to_le(dst_reg), LEN bits (16, 32 or 64) */
#define BPF_ENDIAN(TYPE, DST, LEN)				\
	((struct bpf_insn) {					\
		.code  = BPF_ALU | BPF_END | BPF_SRC(TYPE),	\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = LEN })

/* dst_reg = src_reg */
#define BPF_MOV64_REG(DST, SRC)					\
	((struct bpf_insn) {					\
		.code  = BPF_ALU64 | BPF_MOV | BPF_X,		\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = 0,					\
		.imm   = 0 })

/* (u32) dst_reg = (u32) src_reg, upper half zeroed */
#define BPF_MOV32_REG(DST, SRC)					\
	((struct bpf_insn) {					\
		.code  = BPF_ALU | BPF_MOV | BPF_X,		\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = 0,					\
		.imm   = 0 })

/* dst_reg = imm32, sign-extended */
#define BPF_MOV64_IMM(DST, IMM)					\
	((struct bpf_insn) {					\
		.code  = BPF_ALU64 | BPF_MOV | BPF_K,		\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = IMM })

/* (u32) dst_reg = imm32, upper half zeroed */
#define BPF_MOV32_IMM(DST, IMM)					\
	((struct bpf_insn) {					\
		.code  = BPF_ALU | BPF_MOV | BPF_K,		\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = IMM })

/*
 * dst_reg = imm64. Two instruction slots: use only inside an array
 * initialiser (or builder EMIT()), never as a single struct bpf_insn.
 */
#define BPF_LD_IMM64(DST, IMM)					\
	BPF_LD_IMM64_RAW(DST, 0, IMM)

#define BPF_LD_IMM64_RAW(DST, SRC, IMM)				\
	((struct bpf_insn) {					\
		.code  = BPF_LD | BPF_DW | BPF_IMM,		\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = 0,					\
		.imm   = (__u32) (IMM) }),			\
	((struct bpf_insn) {					\
		.code  = 0, /* second slot of the 16-byte insn */ \
		.dst_reg = 0,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = (__u32) (((__u64) (IMM)) >> 32) })

/* dst_reg = pointer to the map behind MAP_FD (two slots, as BPF_LD_IMM64) */
#define BPF_LD_MAP_FD(DST, MAP_FD)				\
	BPF_LD_IMM64_RAW(DST, BPF_PSEUDO_MAP_FD, MAP_FD)

/* dst_reg = *(size *) (src_reg + off16) */
#define BPF_LDX_MEM(SIZE, DST, SRC, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_LDX | BPF_SIZE(SIZE) | BPF_MEM,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = 0 })

/* dst_reg = *(signed size *) (src_reg + off16), sign-extended (6.6) */
#define BPF_LDX_MEMSX(SIZE, DST, SRC, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_LDX | BPF_SIZE(SIZE) | BPF_MEMSX,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = 0 })

/* *(size *) (dst_reg + off16) = src_reg */
#define BPF_STX_MEM(SIZE, DST, SRC, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_STX | BPF_SIZE(SIZE) | BPF_MEM,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = 0 })

/* *(size *) (dst_reg + off16) = imm32 */
#define BPF_ST_MEM(SIZE, DST, OFF, IMM)				\
	((struct bpf_insn) {					\
		.code  = BPF_ST | BPF_SIZE(SIZE) | BPF_MEM,	\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = OFF,					\
		.imm   = IMM })

/*
 * Atomic op OP on *(size *) (dst_reg + off16) with src_reg, e.g.
 * BPF_ATOMIC_OP(BPF_DW, BPF_ADD, R1, R2, 0): lock *(u64 *)(r1 +0) += r2.
 * BPF_ADD without BPF_FETCH is the old XADD and works from 4.x on.
 */
#define BPF_ATOMIC_OP(SIZE, OP, DST, SRC, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_STX | BPF_SIZE(SIZE) | BPF_ATOMIC,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = OP })

/* lock *(size *) (dst_reg + off16) += src_reg */
#define BPF_STX_XADD(SIZE, DST, SRC, OFF)			\
	BPF_ATOMIC_OP(SIZE, BPF_ADD, DST, SRC, OFF)

/* if (dst_reg 'op' src_reg) goto pc + off16 */
#define BPF_JMP_REG(OP, DST, SRC, OFF)				\
	((struct bpf_insn) {					\
		.code  = BPF_JMP | BPF_OP(OP) | BPF_X,		\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = 0 })

/* if (dst_reg 'op' imm32) goto pc + off16 */
#define BPF_JMP_IMM(OP, DST, IMM, OFF)				\
	((struct bpf_insn) {					\
		.code  = BPF_JMP | BPF_OP(OP) | BPF_K,		\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = OFF,					\
		.imm   = IMM })

/* if ((u32) dst_reg 'op' (u32) src_reg) goto pc + off16 (5.1) */
#define BPF_JMP32_REG(OP, DST, SRC, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_JMP32 | BPF_OP(OP) | BPF_X,	\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = 0 })

/* if ((u32) dst_reg 'op' imm32) goto pc + off16 (5.1) */
#define BPF_JMP32_IMM(OP, DST, IMM, OFF)			\
	((struct bpf_insn) {					\
		.code  = BPF_JMP32 | BPF_OP(OP) | BPF_K,	\
		.dst_reg = DST,					\
		.src_reg = 0,					\
		.off   = OFF,					\
		.imm   = IMM })

/* goto pc + off16 */
#define BPF_JMP_A(OFF)						\
	((struct bpf_insn) {					\
		.code  = BPF_JMP | BPF_JA,			\
		.dst_reg = 0,					\
		.src_reg = 0,					\
		.off   = OFF,					\
		.imm   = 0 })

/* r0 = helper FUNC(r1, ..., r5), with FUNC a BPF_FUNC_* id */
#define BPF_EMIT_CALL(FUNC)					\
	((struct bpf_insn) {					\
		.code  = BPF_JMP | BPF_CALL,			\
		.dst_reg = 0,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = (FUNC) })

/* Raw instruction, for what no macro above spells. */
#define BPF_RAW_INSN(CODE, DST, SRC, OFF, IMM)			\
	((struct bpf_insn) {					\
		.code  = CODE,					\
		.dst_reg = DST,					\
		.src_reg = SRC,					\
		.off   = OFF,					\
		.imm   = IMM })

/* return r0 */
#define BPF_EXIT_INSN()						\
	((struct bpf_insn) {					\
		.code  = BPF_JMP | BPF_EXIT,			\
		.dst_reg = 0,					\
		.src_reg = 0,					\
		.off   = 0,					\
		.imm   = 0 })

/* True when INSN is the first slot of a 16-byte (two-slot) load. */
#define BPF_INSN_IS_LD_IMM64(INSN) \
	((INSN).code == (BPF_LD | BPF_DW | BPF_IMM))

#endif /* BAREBPF_ASM_INSN_H */
