// SPDX-License-Identifier: GPL-2.0
/*
 * Disassembler and helper table tests. Every expected string is the text
 * a kernel verifier log prints for the same instruction (checked against
 * a 6.18 kernel with log_level 2, where the kernel accepts the encoding),
 * so a change here means our listings no longer line up with the log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/disasm.h"
#include "asm/helpers.h"
#include "asm/insn.h"

#ifndef BPF_LOAD_ACQ
#define BPF_LOAD_ACQ	0x100	/* 6.15 */
#endif
#ifndef BPF_STORE_REL
#define BPF_STORE_REL	0x110	/* 6.15 */
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R6 BPF_REG_6
#define R10 BPF_REG_10

struct text_case {
	struct bpf_insn insn;
	const char *text;
};

/* Each case is a one-slot instruction and must say so. */
static void check_cases(const struct text_case *c, size_t n)
{
	char text[256];
	size_t i;

	for (i = 0; i < n; i++) {
		/* A single slot, so ASan sees any read of a second one. */
		struct bpf_insn insn = c[i].insn;

		ck_assert_int_eq(disasm_insn_str(&insn, 1, text, sizeof(text)), 1);
		ck_assert_str_eq(text, c[i].text);
	}
}

#define CHECK_CASES(c) check_cases(c, ARRAY_SIZE(c))

START_TEST(test_brief_examples)
{
	const struct text_case c[] = {
		{ BPF_MOV64_REG(R6, R1), "(bf) r6 = r1" },
		{ BPF_LDX_MEM(BPF_W, R0, R1, 8), "(61) r0 = *(u32 *)(r1 +8)" },
		{ BPF_STX_MEM(BPF_DW, R10, R1, -8), "(7b) *(u64 *)(r10 -8) = r1" },
		{ BPF_MOV64_IMM(R0, 0), "(b7) r0 = 0" },
		{ BPF_JMP_IMM(BPF_JEQ, R1, 0, 5), "(15) if r1 == 0x0 goto pc+5" },
		{ BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
		  "(85) call bpf_map_lookup_elem#1" },
		{ BPF_EMIT_CALL(BPF_FUNC_probe_read_user_str),
		  "(85) call bpf_probe_read_user_str#114" },
		{ BPF_EXIT_INSN(), "(95) exit" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_alu64_reg)
{
	const struct text_case c[] = {
		{ BPF_ALU64_REG(BPF_ADD, R1, R2), "(0f) r1 += r2" },
		{ BPF_ALU64_REG(BPF_SUB, R1, R2), "(1f) r1 -= r2" },
		{ BPF_ALU64_REG(BPF_MUL, R1, R2), "(2f) r1 *= r2" },
		{ BPF_ALU64_REG(BPF_DIV, R1, R2), "(3f) r1 /= r2" },
		{ BPF_ALU64_REG(BPF_OR, R1, R2), "(4f) r1 |= r2" },
		{ BPF_ALU64_REG(BPF_AND, R1, R2), "(5f) r1 &= r2" },
		{ BPF_ALU64_REG(BPF_LSH, R1, R2), "(6f) r1 <<= r2" },
		{ BPF_ALU64_REG(BPF_RSH, R1, R2), "(7f) r1 >>= r2" },
		{ BPF_ALU64_REG(BPF_MOD, R1, R2), "(9f) r1 %= r2" },
		{ BPF_ALU64_REG(BPF_XOR, R1, R2), "(af) r1 ^= r2" },
		{ BPF_ALU64_REG(BPF_MOV, R1, R2), "(bf) r1 = r2" },
		{ BPF_ALU64_REG(BPF_ARSH, R1, R2), "(cf) r1 s>>= r2" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_alu32_reg)
{
	const struct text_case c[] = {
		{ BPF_ALU32_REG(BPF_ADD, R1, R2), "(0c) w1 += w2" },
		{ BPF_ALU32_REG(BPF_SUB, R1, R2), "(1c) w1 -= w2" },
		{ BPF_ALU32_REG(BPF_LSH, R1, R2), "(6c) w1 <<= w2" },
		{ BPF_ALU32_REG(BPF_XOR, R1, R2), "(ac) w1 ^= w2" },
		{ BPF_MOV32_REG(R6, R1), "(bc) w6 = w1" },
		{ BPF_ALU32_REG(BPF_ARSH, R1, R2), "(cc) w1 s>>= w2" },
	};

	CHECK_CASES(c);
}
END_TEST

/* ALU immediates are signed decimal, unlike jump immediates. */
START_TEST(test_alu_imm)
{
	const struct text_case c[] = {
		{ BPF_ALU64_IMM(BPF_ADD, R1, -8), "(07) r1 += -8" },
		{ BPF_ALU64_IMM(BPF_MUL, R1, 1000), "(27) r1 *= 1000" },
		{ BPF_ALU64_IMM(BPF_AND, R1, 0xff), "(57) r1 &= 255" },
		{ BPF_ALU64_IMM(BPF_RSH, R1, 32), "(77) r1 >>= 32" },
		{ BPF_ALU64_IMM(BPF_ARSH, R1, 63), "(c7) r1 s>>= 63" },
		{ BPF_ALU32_IMM(BPF_SUB, R1, 1), "(14) w1 -= 1" },
		{ BPF_ALU32_IMM(BPF_DIV, R1, 10), "(34) w1 /= 10" },
		{ BPF_ALU32_IMM(BPF_MOD, R1, 7), "(94) w1 %= 7" },
		{ BPF_MOV64_IMM(R1, -5), "(b7) r1 = -5" },
		{ BPF_MOV32_IMM(R0, -1), "(b4) w0 = -1" },
		{ BPF_MOV64_IMM(R2, 0x7fffffff), "(b7) r2 = 2147483647" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_neg)
{
	const struct text_case c[] = {
		{ BPF_ALU64_IMM(BPF_NEG, R1, 0), "(87) r1 = -r1" },
		{ BPF_ALU32_IMM(BPF_NEG, R2, 0), "(84) w2 = -w2" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_endian)
{
	const struct text_case c[] = {
		{ BPF_ENDIAN(BPF_TO_LE, R1, 16), "(d4) r1 = le16 r1" },
		{ BPF_ENDIAN(BPF_TO_LE, R1, 64), "(d4) r1 = le64 r1" },
		{ BPF_ENDIAN(BPF_TO_BE, R1, 32), "(dc) r1 = be32 r1" },
		{ BPF_ENDIAN(BPF_TO_BE, R2, 64), "(dc) r2 = be64 r2" },
		/* 6.6: ALU64 | END is an unconditional byte swap */
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_END, R1, 0, 0, 16),
		  "(d7) r1 = bswap16 r1" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_END, R1, 0, 0, 32),
		  "(d7) r1 = bswap32 r1" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_END, BPF_REG_3, 0, 0, 64),
		  "(d7) r3 = bswap64 r3" },
	};

	CHECK_CASES(c);
}
END_TEST

/* 6.6: off selects movsx, sdiv and smod. */
START_TEST(test_signed_alu)
{
	const struct text_case c[] = {
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 8, 0),
		  "(bf) r1 = (s8)r2" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 16, 0),
		  "(bf) r1 = (s16)r2" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 32, 0),
		  "(bf) r1 = (s32)r2" },
		{ BPF_RAW_INSN(BPF_ALU | BPF_MOV | BPF_X, R1, R2, 8, 0),
		  "(bc) w1 = (s8)w2" },
		{ BPF_RAW_INSN(BPF_ALU | BPF_MOV | BPF_X, R1, R2, 16, 0),
		  "(bc) w1 = (s16)w2" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_DIV | BPF_X, R1, R2, 1, 0),
		  "(3f) r1 s/= r2" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOD | BPF_X, R1, R2, 1, 0),
		  "(9f) r1 s%= r2" },
		{ BPF_RAW_INSN(BPF_ALU | BPF_DIV | BPF_X, R1, R2, 1, 0),
		  "(3c) w1 s/= w2" },
		{ BPF_RAW_INSN(BPF_ALU | BPF_DIV | BPF_K, R1, 0, 1, -3),
		  "(34) w1 s/= -3" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOD | BPF_K, R1, 0, 1, 3),
		  "(97) r1 s%= 3" },
		/* 6.9 arena cast, and the per-CPU mov of xlated dumps (6.10) */
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 1, 1),
		  "(bf) r1 = addr_space_cast(r2, 0, 1)" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 1, 1 << 16),
		  "(bf) r1 = addr_space_cast(r2, 1, 0)" },
		{ BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R0, R0, -1, 0),
		  "(bf) r0 = &(void __percpu *)(r0)" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_ldx)
{
	const struct text_case c[] = {
		{ BPF_LDX_MEM(BPF_DW, R1, R10, -8), "(79) r1 = *(u64 *)(r10 -8)" },
		{ BPF_LDX_MEM(BPF_H, R2, R1, 0), "(69) r2 = *(u16 *)(r1 +0)" },
		{ BPF_LDX_MEM(BPF_B, R2, R1, 32767),
		  "(71) r2 = *(u8 *)(r1 +32767)" },
		{ BPF_LDX_MEMSX(BPF_B, R1, R2, 0), "(91) r1 = *(s8 *)(r2 +0)" },
		{ BPF_LDX_MEMSX(BPF_H, R1, R2, 2), "(89) r1 = *(s16 *)(r2 +2)" },
		{ BPF_LDX_MEMSX(BPF_W, R1, R2, -4), "(81) r1 = *(s32 *)(r2 -4)" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_st_stx)
{
	const struct text_case c[] = {
		{ BPF_STX_MEM(BPF_W, R10, R2, -4), "(63) *(u32 *)(r10 -4) = r2" },
		{ BPF_STX_MEM(BPF_H, R1, R2, 2), "(6b) *(u16 *)(r1 +2) = r2" },
		{ BPF_STX_MEM(BPF_B, R1, R2, -32768),
		  "(73) *(u8 *)(r1 -32768) = r2" },
		{ BPF_ST_MEM(BPF_DW, R10, -8, 0), "(7a) *(u64 *)(r10 -8) = 0" },
		{ BPF_ST_MEM(BPF_W, R1, 4, -1), "(62) *(u32 *)(r1 +4) = -1" },
		{ BPF_ST_MEM(BPF_B, R1, 0, 255), "(72) *(u8 *)(r1 +0) = 255" },
		/* the verifier's own speculation barrier, seen in xlated dumps */
		{ BPF_RAW_INSN(BPF_ST | 0xc0, 0, 0, 0, 0), "(c2) nospec" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_atomic)
{
	const struct text_case c[] = {
		{ BPF_STX_XADD(BPF_DW, R1, R2, 0), "(db) lock *(u64 *)(r1 +0) += r2" },
		{ BPF_STX_XADD(BPF_W, R1, R2, 8), "(c3) lock *(u32 *)(r1 +8) += r2" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_OR, R1, R2, -8),
		  "(db) lock *(u64 *)(r1 -8) |= r2" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_AND, R1, R2, 0),
		  "(db) lock *(u64 *)(r1 +0) &= r2" },
		{ BPF_ATOMIC_OP(BPF_W, BPF_XOR, R1, R2, 0),
		  "(c3) lock *(u32 *)(r1 +0) ^= r2" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_ADD | BPF_FETCH, R1, R2, 0),
		  "(db) r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_OR | BPF_FETCH, R1, R2, 0),
		  "(db) r2 = atomic64_fetch_or((u64 *)(r1 +0), r2)" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_AND | BPF_FETCH, R1, R2, 0),
		  "(db) r2 = atomic64_fetch_and((u64 *)(r1 +0), r2)" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_XOR | BPF_FETCH, R1, R2, 0),
		  "(db) r2 = atomic64_fetch_xor((u64 *)(r1 +0), r2)" },
		/* 32-bit forms drop the 64 but keep r registers */
		{ BPF_ATOMIC_OP(BPF_W, BPF_ADD | BPF_FETCH, R1, R2, 4),
		  "(c3) r2 = atomic_fetch_add((u32 *)(r1 +4), r2)" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_XCHG, R10, R1, -8),
		  "(db) r1 = atomic64_xchg((u64 *)(r10 -8), r1)" },
		{ BPF_ATOMIC_OP(BPF_W, BPF_XCHG, R1, R2, 0),
		  "(c3) r2 = atomic_xchg((u32 *)(r1 +0), r2)" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_CMPXCHG, R10, R2, -8),
		  "(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r2)" },
		{ BPF_ATOMIC_OP(BPF_W, BPF_CMPXCHG, R1, R2, 0),
		  "(c3) r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)" },
		/* 6.15: dst is loaded from src here, unlike the others */
		{ BPF_ATOMIC_OP(BPF_DW, BPF_LOAD_ACQ, R0, R1, 0),
		  "(db) r0 = load_acquire((u64 *)(r1 +0))" },
		{ BPF_ATOMIC_OP(BPF_B, BPF_LOAD_ACQ, R0, R1, 3),
		  "(d3) r0 = load_acquire((u8 *)(r1 +3))" },
		{ BPF_ATOMIC_OP(BPF_W, BPF_STORE_REL, R10, R1, -4),
		  "(c3) store_release((u32 *)(r10 -4), r1)" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_ld_abs_ind)
{
	const struct text_case c[] = {
		{ BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 12),
		  "(20) r0 = *(u32 *)skb[12]" },
		{ BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_H, 0, 0, 0, 12),
		  "(28) r0 = *(u16 *)skb[12]" },
		{ BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 23),
		  "(30) r0 = *(u8 *)skb[23]" },
		{ BPF_RAW_INSN(BPF_LD | BPF_IND | BPF_W, 0, R2, 0, 4),
		  "(40) r0 = *(u32 *)skb[r2 + 4]" },
		{ BPF_RAW_INSN(BPF_LD | BPF_IND | BPF_B, 0, R6, 0, -1),
		  "(50) r0 = *(u8 *)skb[r6 + -1]" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_ld_imm64)
{
	const struct bpf_insn prog[] = {
		BPF_LD_IMM64(R1, 0x1122334455667788ULL),
		BPF_LD_IMM64(R0, -1),
		BPF_LD_IMM64(R2, 0),
		BPF_LD_MAP_FD(R1, 3),
	};
	const char *want[] = {
		"(18) r1 = 0x1122334455667788",
		"(18) r0 = 0xffffffffffffffff",
		"(18) r2 = 0x0",
		/* the fd, since no callback names the map */
		"(18) r1 = 0x3",
	};
	char text[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		ck_assert_int_eq(disasm_insn_str(&prog[2 * i], 2, text,
						 sizeof(text)), 2);
		ck_assert_str_eq(text, want[i]);
	}
}
END_TEST

/* Half a 64-bit load at the end: one slot read, one slot reported. */
START_TEST(test_ld_imm64_truncated)
{
	struct bpf_insn *insn = malloc(sizeof(*insn));
	char text[64];

	ck_assert_ptr_nonnull(insn);
	*insn = (struct bpf_insn) { .code = BPF_LD | BPF_DW | BPF_IMM,
				    .dst_reg = R1, .imm = 7 };
	ck_assert_int_eq(disasm_insn_str(insn, 1, text, sizeof(text)), 1);
	ck_assert_str_eq(text, "(18) r1 = <truncated ld_imm64>");
	free(insn);
}
END_TEST

START_TEST(test_jmp)
{
	const struct text_case c[] = {
		/* jump immediates are unsigned hex, whatever the compare */
		{ BPF_JMP_IMM(BPF_JNE, R1, -1, -3),
		  "(55) if r1 != 0xffffffff goto pc-3" },
		{ BPF_JMP_IMM(BPF_JGT, R1, 10, 1), "(25) if r1 > 0xa goto pc+1" },
		{ BPF_JMP_IMM(BPF_JGE, R1, 10, 1), "(35) if r1 >= 0xa goto pc+1" },
		{ BPF_JMP_IMM(BPF_JLT, R1, 10, 1), "(a5) if r1 < 0xa goto pc+1" },
		{ BPF_JMP_IMM(BPF_JLE, R1, 10, 1), "(b5) if r1 <= 0xa goto pc+1" },
		{ BPF_JMP_IMM(BPF_JSET, R1, 4, 1), "(45) if r1 & 0x4 goto pc+1" },
		{ BPF_JMP_IMM(BPF_JSGT, R1, -2, 1),
		  "(65) if r1 s> 0xfffffffe goto pc+1" },
		{ BPF_JMP_IMM(BPF_JSGE, R1, 0, 1), "(75) if r1 s>= 0x0 goto pc+1" },
		{ BPF_JMP_IMM(BPF_JSLT, R1, 0, 1), "(c5) if r1 s< 0x0 goto pc+1" },
		{ BPF_JMP_IMM(BPF_JSLE, R1, 0, 0), "(d5) if r1 s<= 0x0 goto pc+0" },
		{ BPF_JMP_REG(BPF_JEQ, R1, R2, 1), "(1d) if r1 == r2 goto pc+1" },
		{ BPF_JMP_REG(BPF_JNE, R1, R2, -1), "(5d) if r1 != r2 goto pc-1" },
		{ BPF_JMP_REG(BPF_JSGT, R6, R0, 7), "(6d) if r6 s> r0 goto pc+7" },
		{ BPF_JMP_REG(BPF_JLE, R1, R2, 1), "(bd) if r1 <= r2 goto pc+1" },
		{ BPF_JMP32_IMM(BPF_JEQ, R1, 0, 2), "(16) if w1 == 0x0 goto pc+2" },
		{ BPF_JMP32_IMM(BPF_JSLT, R1, -1, 2),
		  "(c6) if w1 s< 0xffffffff goto pc+2" },
		{ BPF_JMP32_REG(BPF_JEQ, R1, R2, 2), "(1e) if w1 == w2 goto pc+2" },
		{ BPF_JMP32_REG(BPF_JGT, R1, R2, -2), "(2e) if w1 > w2 goto pc-2" },
		{ BPF_JMP_A(5), "(05) goto pc+5" },
		{ BPF_JMP_A(-1), "(05) goto pc-1" },
		{ BPF_JMP_A(0), "(05) goto pc+0" },
		/* 6.6: the long jump's offset lives in imm */
		{ BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 100000),
		  "(06) gotol pc+100000" },
		{ BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -2),
		  "(06) gotol pc-2" },
		/* 6.9 */
		{ BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0, 0, 3, 0),
		  "(e5) may_goto pc+3" },
		/* 6.19 */
		{ BPF_RAW_INSN(BPF_JMP | BPF_JA | BPF_X, R1, 0, 0, 0),
		  "(0d) gotox r1" },
	};

	CHECK_CASES(c);
}
END_TEST

START_TEST(test_call_exit)
{
	const struct text_case c[] = {
		{ BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
		  "(85) call bpf_ktime_get_ns#5" },
		{ BPF_EMIT_CALL(BPF_FUNC_tail_call), "(85) call bpf_tail_call#12" },
		{ BPF_EMIT_CALL(0), "(85) call bpf_unspec#0" },
		{ BPF_EMIT_CALL(100000), "(85) call unknown#100000" },
		{ BPF_EMIT_CALL(-1), "(85) call unknown#-1" },
		/* BPF-to-BPF: pc-relative, never a helper name */
		{ BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1),
		  "(85) call pc+1" },
		{ BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -7),
		  "(85) call pc-7" },
		{ BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 2, 0, 12345),
		  "(85) call kernel-function#12345" },
		{ BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 5, 0, 1),
		  "(85) call unknown#1" },
		{ BPF_EXIT_INSN(), "(95) exit" },
	};

	CHECK_CASES(c);
}
END_TEST

/*
 * Encodings the kernel has no text for: BUG_ lines, and "(null)" where an
 * operator table has a hole, as the kernel's vsnprintf prints it.
 */
START_TEST(test_invalid)
{
	const struct text_case c[] = {
		{ BPF_RAW_INSN(BPF_LDX | BPF_IMM | BPF_W, R1, R2, 0, 0),
		  "BUG_ldx_01" },
		{ BPF_RAW_INSN(BPF_LDX | BPF_ATOMIC | BPF_DW, R1, R2, 0, 0),
		  "BUG_ldx_d9" },
		{ BPF_RAW_INSN(BPF_ST | BPF_ABS | BPF_W, R1, 0, 0, 0),
		  "BUG_st_22" },
		{ BPF_RAW_INSN(BPF_STX | BPF_ABS | BPF_W, R1, R2, 0, 0),
		  "BUG_23" },
		{ BPF_RAW_INSN(BPF_STX | BPF_MEMSX | BPF_W, R1, R2, 0, 0),
		  "BUG_83" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_SUB, R1, R2, 0), "BUG_db" },
		{ BPF_ATOMIC_OP(BPF_DW, BPF_SUB | BPF_FETCH, R1, R2, 0), "BUG_db" },
		{ BPF_ATOMIC_OP(BPF_W, 0x1000 | BPF_ADD, R1, R2, 0), "BUG_c3" },
		{ BPF_RAW_INSN(BPF_LD | BPF_IMM | BPF_W, R1, 0, 0, 0),
		  "BUG_ld_00" },
		{ BPF_RAW_INSN(BPF_LD | BPF_MEM | BPF_W, R1, 0, 0, 0),
		  "BUG_ld_60" },
		{ BPF_RAW_INSN(BPF_LDX | BPF_MEMSX | BPF_DW, R1, R2, 0, 0),
		  "(99) r1 = *((null) *)(r2 +0)" },
		{ BPF_RAW_INSN(BPF_ALU64 | 0xe0 | BPF_X, R1, R2, 0, 0),
		  "(ef) r1 (null) r2" },
		{ BPF_RAW_INSN(BPF_ALU | 0xf0 | BPF_K, R1, 0, 0, 3),
		  "(f4) w1 (null) 3" },
		/* JCOND is may_goto only with src_reg 0 */
		{ BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0, 1, 3, 0),
		  "(e5) if r0 (null) 0x0 goto pc+3" },
		/* exit exists only in JMP; in JMP32 it reads as a compare */
		{ BPF_RAW_INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0),
		  "(96) if w0 exit 0x0 goto pc+0" },
		{ BPF_RAW_INSN(BPF_JMP32 | BPF_JA | BPF_X, R1, R2, 1, 0),
		  "(0e) if w1 jmp w2 goto pc+1" },
	};

	CHECK_CASES(c);
}
END_TEST

struct collect {
	char text[8][128];
	int n;
};

static void collect_print(void *ctx, const char *text)
{
	struct collect *out = ctx;

	if (out->n < 8)
		snprintf(out->text[out->n], sizeof(out->text[0]), "%s", text);
	out->n++;
}

static const char *name_kfunc(void *ctx, const struct bpf_insn *insn,
			      char *buf, size_t len)
{
	(void)ctx;
	if (insn->src_reg == BPF_PSEUDO_CALL) {
		snprintf(buf, len, "%+d#subprog", insn->imm);
		return buf;
	}
	/* NULL: let the disassembler fall back to its default */
	return insn->imm == 42 ? "bpf_rcu_read_lock" : NULL;
}

static const char *name_map(void *ctx, const struct bpf_insn *insn,
			    __u64 imm, char *buf, size_t len)
{
	(void)ctx;
	if (insn->src_reg != BPF_PSEUDO_MAP_FD)
		return NULL;
	snprintf(buf, len, "map[id:%llu]", (unsigned long long)imm + 4);
	return buf;
}

START_TEST(test_callbacks)
{
	const struct bpf_insn prog[] = {
		BPF_LD_MAP_FD(R1, 3),
		BPF_LD_IMM64(R2, 3),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 42),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 43),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
		BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
	};
	const char *want[] = {
		"(18) r1 = map[id:7]",
		"(18) r2 = 0x3",
		"(85) call bpf_rcu_read_lock#42",
		"(85) call kernel-function#43",
		"(85) call pc+2#subprog",
		/* a helper the table names never reaches the callback */
		"(85) call bpf_map_lookup_elem#1",
	};
	struct collect out = { .n = 0 };
	struct disasm_cbs cbs = {
		.print = collect_print, .call_name = name_kfunc,
		.imm64 = name_map, .ctx = &out,
	};
	size_t pc = 0;
	int i, slots;

	while (pc < ARRAY_SIZE(prog)) {
		slots = disasm_insn(&cbs, &prog[pc], ARRAY_SIZE(prog) - pc);
		ck_assert_int_ge(slots, 1);
		pc += slots;
	}
	ck_assert_int_eq(pc, ARRAY_SIZE(prog));
	ck_assert_int_eq(out.n, ARRAY_SIZE(want));
	for (i = 0; i < out.n; i++)
		ck_assert_str_eq(out.text[i], want[i]);
}
END_TEST

/*
 * A verifier log, verbatim: the program below loaded as a socket filter
 * into 6.18 with log_level 2, instruction lines stripped of state.
 */
START_TEST(test_verifier_log)
{
	const struct bpf_insn prog[] = {
		BPF_MOV64_REG(R6, R1),
		BPF_ST_MEM(BPF_W, R10, -4, 0),
		BPF_MOV64_REG(R2, R10),
		BPF_ALU64_IMM(BPF_ADD, R2, -4),
		BPF_LD_IMM64(R1, 0x1000000000ULL),
		BPF_LDX_MEM(BPF_W, R0, R6, 0),
		BPF_JMP_IMM(BPF_JEQ, R0, 0, 1),
		BPF_ALU32_IMM(BPF_RSH, R0, 3),
		BPF_EXIT_INSN(),
	};
	const char *want =
		"0: (bf) r6 = r1\n"
		"1: (62) *(u32 *)(r10 -4) = 0\n"
		"2: (bf) r2 = r10\n"
		"3: (07) r2 += -4\n"
		"4: (18) r1 = 0x1000000000\n"
		"6: (61) r0 = *(u32 *)(r6 +0)\n"
		"7: (15) if r0 == 0x0 goto pc+1\n"
		"8: (74) w0 >>= 3\n"
		"9: (95) exit\n";
	char listing[512] = "", text[128];
	size_t pc = 0, used = 0;
	int slots;

	while (pc < ARRAY_SIZE(prog)) {
		slots = disasm_insn_str(&prog[pc], ARRAY_SIZE(prog) - pc,
					text, sizeof(text));
		ck_assert_int_ge(slots, 1);
		used += snprintf(listing + used, sizeof(listing) - used,
				 "%zu: %s\n", pc, text);
		ck_assert_uint_lt(used, sizeof(listing));
		pc += slots;
	}
	ck_assert_str_eq(listing, want);
}
END_TEST

START_TEST(test_bad_args)
{
	struct bpf_insn insn = BPF_EXIT_INSN();
	struct disasm_cbs cbs = { .print = NULL };
	char text[8];

	ck_assert_int_eq(disasm_insn_str(&insn, 0, text, sizeof(text)), -EINVAL);
	ck_assert_str_eq(text, "");
	ck_assert_int_eq(disasm_insn_str(NULL, 1, text, sizeof(text)), -EINVAL);
	ck_assert_int_eq(disasm_insn_str(&insn, 1, text, 0), -EINVAL);
	ck_assert_int_eq(disasm_insn(&cbs, &insn, 1), -EINVAL);
	ck_assert_int_eq(disasm_insn(NULL, &insn, 1), -EINVAL);

	/* A short buffer truncates but stays a string. */
	ck_assert_int_eq(disasm_insn_str(&insn, 1, text, sizeof(text)), 1);
	ck_assert_str_eq(text, "(95) ex");
}
END_TEST

START_TEST(test_helper_names)
{
	int id, count = bpf_helper_count();

	ck_assert_str_eq(bpf_helper_name(1), "bpf_map_lookup_elem");
	ck_assert_str_eq(bpf_helper_name(114), "bpf_probe_read_user_str");
	ck_assert_str_eq(bpf_helper_name(BPF_FUNC_trace_printk),
			 "bpf_trace_printk");
	ck_assert_str_eq(bpf_helper_name(0), "bpf_unspec");
	ck_assert_ptr_null(bpf_helper_name(-1));
	ck_assert_ptr_null(bpf_helper_name(count));
	ck_assert_ptr_null(bpf_helper_name(1 << 30));

	/* 6.1 headers end at bpf_user_ringbuf_drain, 209 */
	ck_assert_int_eq(count, __BPF_FUNC_MAX_ID);
	ck_assert_int_ge(count, 210);
	ck_assert_str_eq(bpf_helper_name(209), "bpf_user_ringbuf_drain");

	/* Every name maps back to its own id: no holes, no duplicates. */
	for (id = 0; id < count; id++) {
		ck_assert_ptr_nonnull(bpf_helper_name(id));
		ck_assert_int_eq(bpf_helper_id(bpf_helper_name(id)), id);
		ck_assert_int_eq(bpf_helper_id(bpf_helper_name(id) + 4), id);
	}
}
END_TEST

START_TEST(test_helper_ids)
{
	ck_assert_int_eq(bpf_helper_id("bpf_map_lookup_elem"), 1);
	ck_assert_int_eq(bpf_helper_id("map_lookup_elem"), 1);
	ck_assert_int_eq(bpf_helper_id("bpf_probe_read_user_str"), 114);
	ck_assert_int_eq(bpf_helper_id("probe_read_user_str"), 114);
	ck_assert_int_eq(bpf_helper_id("bpf_no_such_helper"), -1);
	ck_assert_int_eq(bpf_helper_id("map_lookup"), -1);
	ck_assert_int_eq(bpf_helper_id("map_lookup_elem_"), -1);
	ck_assert_int_eq(bpf_helper_id("BPF_MAP_LOOKUP_ELEM"), -1);
	ck_assert_int_eq(bpf_helper_id("bpf_bpf_map_lookup_elem"), -1);
	ck_assert_int_eq(bpf_helper_id("bpf_"), -1);
	ck_assert_int_eq(bpf_helper_id(""), -1);
	ck_assert_int_eq(bpf_helper_id(NULL), -1);
}
END_TEST

Suite *disasm_suite(void)
{
	Suite *s = suite_create("disasm");
	TCase *tc = tcase_create("text");
	TCase *helpers = tcase_create("helpers");

	tcase_add_test(tc, test_brief_examples);
	tcase_add_test(tc, test_alu64_reg);
	tcase_add_test(tc, test_alu32_reg);
	tcase_add_test(tc, test_alu_imm);
	tcase_add_test(tc, test_neg);
	tcase_add_test(tc, test_endian);
	tcase_add_test(tc, test_signed_alu);
	tcase_add_test(tc, test_ldx);
	tcase_add_test(tc, test_st_stx);
	tcase_add_test(tc, test_atomic);
	tcase_add_test(tc, test_ld_abs_ind);
	tcase_add_test(tc, test_ld_imm64);
	tcase_add_test(tc, test_ld_imm64_truncated);
	tcase_add_test(tc, test_jmp);
	tcase_add_test(tc, test_call_exit);
	tcase_add_test(tc, test_invalid);
	tcase_add_test(tc, test_callbacks);
	tcase_add_test(tc, test_verifier_log);
	tcase_add_test(tc, test_bad_args);
	suite_add_tcase(s, tc);

	tcase_add_test(helpers, test_helper_names);
	tcase_add_test(helpers, test_helper_ids);
	suite_add_tcase(s, helpers);
	return s;
}
