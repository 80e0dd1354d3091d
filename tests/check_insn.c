// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction macro tests: every macro of asm/insn.h, encoded and compared
 * byte for byte with the instruction as the kernel reads it. Each fixture
 * carries its disassembly in the verifier log's text.
 *
 * Layout of a slot: code, then dst_reg in the low nibble and src_reg in
 * the high nibble of byte 1, then off (le16) and imm (le32). That is the
 * little-endian layout: on a big-endian host the bitfields and integers
 * land elsewhere, and these fixtures would need a second set.
 */
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "asm/insn.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "tests/check_insn.c fixtures assume a little-endian host"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R4 BPF_REG_4
#define R5 BPF_REG_5
#define R6 BPF_REG_6
#define R7 BPF_REG_7
#define R9 BPF_REG_9
#define R10 BPF_REG_10

struct fixture {
	const char *what;
	struct bpf_insn insn[2];
	size_t slots;
	__u8 bytes[16];
};

/* One slot or two (the BPF_LD_IMM64 family), with the expected bytes. */
#define ONE(INSN, ...) { #INSN, { INSN }, 1, { __VA_ARGS__ } }
#define TWO(INSN, ...) { #INSN, { INSN }, 2, { __VA_ARGS__ } }

static const char *hex(const void *p, size_t len, char *buf)
{
	const __u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(buf + 3 * i, "%02x ", b[i]);
	buf[len ? 3 * len - 1 : 0] = '\0';
	return buf;
}

static void check_fixtures(const struct fixture *f, size_t n)
{
	char got[64], want[64];
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = f[i].slots * sizeof(struct bpf_insn);
		ck_assert_msg(memcmp(f[i].insn, f[i].bytes, len) == 0,
			      "%s: got %s, want %s", f[i].what,
			      hex(f[i].insn, len, got),
			      hex(f[i].bytes, len, want));
	}
}

#define CHECK_FIXTURES(f) check_fixtures(f, ARRAY_SIZE(f))

START_TEST(test_insn_size)
{
	/* The kernel reads programs as an array of exactly this. */
	ck_assert_uint_eq(sizeof(struct bpf_insn), 8);
}
END_TEST

START_TEST(test_alu_reg)
{
	const struct fixture f[] = {
		/* (0f) r1 += r2 */
		ONE(BPF_ALU64_REG(BPF_ADD, R1, R2),
		    0x0f, 0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (cf) r9 s>>= r10 */
		ONE(BPF_ALU64_REG(BPF_ARSH, R9, R10),
		    0xcf, 0xa9, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (1c) w3 -= w4 */
		ONE(BPF_ALU32_REG(BPF_SUB, R3, R4),
		    0x1c, 0x43, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (ac) w0 ^= w0 */
		ONE(BPF_ALU32_REG(BPF_XOR, R0, R0),
		    0xac, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_alu_imm)
{
	const struct fixture f[] = {
		/* (07) r10 += -8 */
		ONE(BPF_ALU64_IMM(BPF_ADD, R10, -8),
		    0x07, 0x0a, 0x00, 0x00, 0xf8, 0xff, 0xff, 0xff),
		/* (57) r1 &= 255 */
		ONE(BPF_ALU64_IMM(BPF_AND, R1, 0xff),
		    0x57, 0x01, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00),
		/* (87) r1 = -r1 */
		ONE(BPF_ALU64_IMM(BPF_NEG, R1, 0),
		    0x87, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (64) w2 <<= 31 */
		ONE(BPF_ALU32_IMM(BPF_LSH, R2, 31),
		    0x64, 0x02, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00),
		/* (94) w5 %= 305419896 */
		ONE(BPF_ALU32_IMM(BPF_MOD, R5, 0x12345678),
		    0x94, 0x05, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_endian)
{
	const struct fixture f[] = {
		/* (dc) r1 = be16 r1 */
		ONE(BPF_ENDIAN(BPF_TO_BE, R1, 16),
		    0xdc, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00),
		/* (dc) r2 = be32 r2 */
		ONE(BPF_ENDIAN(BPF_TO_BE, R2, 32),
		    0xdc, 0x02, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00),
		/* (d4) r7 = le64 r7 */
		ONE(BPF_ENDIAN(BPF_TO_LE, R7, 64),
		    0xd4, 0x07, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_mov)
{
	const struct fixture f[] = {
		/* (bf) r6 = r1 */
		ONE(BPF_MOV64_REG(R6, R1),
		    0xbf, 0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (bc) w0 = w9 */
		ONE(BPF_MOV32_REG(R0, R9),
		    0xbc, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (b7) r0 = 0 */
		ONE(BPF_MOV64_IMM(R0, 0),
		    0xb7, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (b7) r1 = -1 */
		ONE(BPF_MOV64_IMM(R1, -1),
		    0xb7, 0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff),
		/* (b4) w2 = 2147483647 */
		ONE(BPF_MOV32_IMM(R2, 0x7fffffff),
		    0xb4, 0x02, 0x00, 0x00, 0xff, 0xff, 0xff, 0x7f),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_ld_imm64)
{
	const struct fixture f[] = {
		/* (18) r1 = 0x1122334455667788 */
		TWO(BPF_LD_IMM64(R1, 0x1122334455667788ULL),
		    0x18, 0x01, 0x00, 0x00, 0x88, 0x77, 0x66, 0x55,
		    0x00, 0x00, 0x00, 0x00, 0x44, 0x33, 0x22, 0x11),
		/* (18) r0 = 0xfffffffffffffffe */
		TWO(BPF_LD_IMM64(R0, -2),
		    0x18, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff,
		    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff),
		/* (18) r2 = 0x500000004, src_reg 2: map value */
		TWO(BPF_LD_IMM64_RAW(R2, BPF_PSEUDO_MAP_VALUE, 0x500000004ULL),
		    0x18, 0x22, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
		    0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00),
		/* (18) r1 = 0x3, src_reg 1: map fd 3 */
		TWO(BPF_LD_MAP_FD(R1, 3),
		    0x18, 0x11, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
		    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_is_ld_imm64)
{
	const struct bpf_insn prog[] = {
		BPF_LD_IMM64(R1, 1),
		BPF_MOV64_IMM(R0, 0),
		BPF_RAW_INSN(BPF_LD | BPF_W | BPF_IMM, R1, 0, 0, 0),
	};

	ck_assert(BPF_INSN_IS_LD_IMM64(prog[0]));
	/* The second slot is code 0, which is not a 64-bit load. */
	ck_assert(!BPF_INSN_IS_LD_IMM64(prog[1]));
	ck_assert(!BPF_INSN_IS_LD_IMM64(prog[2]));
	ck_assert(!BPF_INSN_IS_LD_IMM64(prog[3]));
}
END_TEST

START_TEST(test_ldx_st_stx)
{
	const struct fixture f[] = {
		/* (61) r0 = *(u32 *)(r1 +8) */
		ONE(BPF_LDX_MEM(BPF_W, R0, R1, 8),
		    0x61, 0x10, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (79) r1 = *(u64 *)(r10 -8) */
		ONE(BPF_LDX_MEM(BPF_DW, R1, R10, -8),
		    0x79, 0xa1, 0xf8, 0xff, 0x00, 0x00, 0x00, 0x00),
		/* (71) r3 = *(u8 *)(r2 +4660) */
		ONE(BPF_LDX_MEM(BPF_B, R3, R2, 0x1234),
		    0x71, 0x23, 0x34, 0x12, 0x00, 0x00, 0x00, 0x00),
		/* (89) r1 = *(s16 *)(r2 +2) */
		ONE(BPF_LDX_MEMSX(BPF_H, R1, R2, 2),
		    0x89, 0x21, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (81) r4 = *(s32 *)(r5 -4) */
		ONE(BPF_LDX_MEMSX(BPF_W, R4, R5, -4),
		    0x81, 0x54, 0xfc, 0xff, 0x00, 0x00, 0x00, 0x00),
		/* (7b) *(u64 *)(r10 -8) = r1 */
		ONE(BPF_STX_MEM(BPF_DW, R10, R1, -8),
		    0x7b, 0x1a, 0xf8, 0xff, 0x00, 0x00, 0x00, 0x00),
		/* (6b) *(u16 *)(r1 +2) = r2 */
		ONE(BPF_STX_MEM(BPF_H, R1, R2, 2),
		    0x6b, 0x21, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (62) *(u32 *)(r10 -4) = 0 */
		ONE(BPF_ST_MEM(BPF_W, R10, -4, 0),
		    0x62, 0x0a, 0xfc, 0xff, 0x00, 0x00, 0x00, 0x00),
		/* (7a) *(u64 *)(r1 +16) = -1 */
		ONE(BPF_ST_MEM(BPF_DW, R1, 16, -1),
		    0x7a, 0x01, 0x10, 0x00, 0xff, 0xff, 0xff, 0xff),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_atomic)
{
	const struct fixture f[] = {
		/* (db) lock *(u64 *)(r1 +0) += r2 */
		ONE(BPF_STX_XADD(BPF_DW, R1, R2, 0),
		    0xdb, 0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (c3) lock *(u32 *)(r1 +4) += r2 */
		ONE(BPF_STX_XADD(BPF_W, R1, R2, 4),
		    0xc3, 0x21, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (db) lock *(u64 *)(r1 +0) |= r2 */
		ONE(BPF_ATOMIC_OP(BPF_DW, BPF_OR, R1, R2, 0),
		    0xdb, 0x21, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00),
		/* (db) r2 = atomic64_fetch_add((u64 *)(r1 +0), r2) */
		ONE(BPF_ATOMIC_OP(BPF_DW, BPF_ADD | BPF_FETCH, R1, R2, 0),
		    0xdb, 0x21, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00),
		/* (db) r2 = atomic64_xchg((u64 *)(r1 +8), r2) */
		ONE(BPF_ATOMIC_OP(BPF_DW, BPF_XCHG, R1, R2, 8),
		    0xdb, 0x21, 0x08, 0x00, 0xe1, 0x00, 0x00, 0x00),
		/* (c3) r0 = atomic_cmpxchg((u32 *)(r10 -4), r0, r3) */
		ONE(BPF_ATOMIC_OP(BPF_W, BPF_CMPXCHG, R10, R3, -4),
		    0xc3, 0x3a, 0xfc, 0xff, 0xf1, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_jmp)
{
	const struct fixture f[] = {
		/* (1d) if r1 == r2 goto pc+1 */
		ONE(BPF_JMP_REG(BPF_JEQ, R1, R2, 1),
		    0x1d, 0x21, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (6d) if r3 s> r4 goto pc-2 */
		ONE(BPF_JMP_REG(BPF_JSGT, R3, R4, -2),
		    0x6d, 0x43, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x00),
		/* (15) if r1 == 0x0 goto pc+5 */
		ONE(BPF_JMP_IMM(BPF_JEQ, R1, 0, 5),
		    0x15, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (55) if r0 != 0xffffffff goto pc-10 */
		ONE(BPF_JMP_IMM(BPF_JNE, R0, -1, -10),
		    0x55, 0x00, 0xf6, 0xff, 0xff, 0xff, 0xff, 0xff),
		/* (ae) if w1 < w2 goto pc+3 */
		ONE(BPF_JMP32_REG(BPF_JLT, R1, R2, 3),
		    0xae, 0x21, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (76) if w1 s>= 0x64 goto pc+7 */
		ONE(BPF_JMP32_IMM(BPF_JSGE, R1, 100, 7),
		    0x76, 0x01, 0x07, 0x00, 0x64, 0x00, 0x00, 0x00),
		/* (05) goto pc+5 */
		ONE(BPF_JMP_A(5),
		    0x05, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (05) goto pc-1 */
		ONE(BPF_JMP_A(-1),
		    0x05, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_call_exit)
{
	const struct fixture f[] = {
		/* (85) call bpf_map_lookup_elem#1 */
		ONE(BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
		    0x85, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00),
		/* (85) call bpf_probe_read_user_str#114 */
		ONE(BPF_EMIT_CALL(BPF_FUNC_probe_read_user_str),
		    0x85, 0x00, 0x00, 0x00, 0x72, 0x00, 0x00, 0x00),
		/* (95) exit */
		ONE(BPF_EXIT_INSN(),
		    0x95, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	};

	CHECK_FIXTURES(f);
}
END_TEST

START_TEST(test_raw)
{
	const struct fixture f[] = {
		/* (85) call pc+3 */
		ONE(BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3),
		    0x85, 0x10, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00),
		/* (06) gotol pc+65536 */
		ONE(BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 0x10000),
		    0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00),
		/* (bf) r1 = (s8)r2 */
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 8, 0),
		    0xbf, 0x21, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00),
		/* (ff) r15 (null) r15: every field at its widest, all ones */
		ONE(BPF_RAW_INSN(0xff, 0xf, 0xf, -1, -1),
		    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
	};

	CHECK_FIXTURES(f);
}
END_TEST

Suite *insn_suite(void)
{
	Suite *s = suite_create("insn");
	TCase *tc = tcase_create("encoding");

	tcase_add_test(tc, test_insn_size);
	tcase_add_test(tc, test_alu_reg);
	tcase_add_test(tc, test_alu_imm);
	tcase_add_test(tc, test_endian);
	tcase_add_test(tc, test_mov);
	tcase_add_test(tc, test_ld_imm64);
	tcase_add_test(tc, test_is_ld_imm64);
	tcase_add_test(tc, test_ldx_st_stx);
	tcase_add_test(tc, test_atomic);
	tcase_add_test(tc, test_jmp);
	tcase_add_test(tc, test_call_exit);
	tcase_add_test(tc, test_raw);
	suite_add_tcase(s, tc);
	return s;
}
