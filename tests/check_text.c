// SPDX-License-Identifier: GPL-2.0
/*
 * Text assembler tests. The round trip is the contract: every instruction
 * class the disassembler prints assembles back to the same bytes, with the
 * opcode prefix and without. Errors name file, line and column exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/disasm.h"
#include "asm/helpers.h"
#include "asm/insn.h"
#include "asm/names.h"
#include "asm/text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R7 BPF_REG_7
#define R10 BPF_REG_10

/* One instruction of one or two slots. */
struct rt_case {
	struct bpf_insn insn[2];
	int slots;
};

#define ONE(i)		{ { i }, 1 }
#define TWO(...)	{ { __VA_ARGS__ }, 2 }

static const char *imm64(void *ctx, const struct bpf_insn *insn, __u64 imm,
			 char *buf, size_t len)
{
	(void)ctx;
	(void)imm;
	return disasm_imm64_pseudo(insn, "fd", buf, len);
}

static void to_text(void *ctx, const char *text)
{
	snprintf(ctx, 256, "%s", text);
}

/* Assemble text; assert it gives exactly want (n slots). */
static void assert_assembles(const char *text, const struct bpf_insn *want,
			     size_t n)
{
	struct asm_prog p;
	size_t i;

	ck_assert_msg(asm_prog__parse(&p, "t.s", text) == 0, "%s: %s", text,
		      p.b.errmsg);
	ck_assert_msg(asm_prog__finish(&p, NULL) == 0, "%s: %s", text,
		      p.b.errmsg);
	ck_assert_msg(p.b.len == n, "%s: %zu slots, want %zu", text, p.b.len, n);
	for (i = 0; i < n; i++)
		ck_assert_msg(!memcmp(&p.b.insns[i], &want[i], sizeof(want[i])),
			      "%s: slot %zu is %02x %x %x %d %d, want %02x %x %x %d %d",
			      text, i, p.b.insns[i].code, p.b.insns[i].dst_reg,
			      p.b.insns[i].src_reg, p.b.insns[i].off,
			      p.b.insns[i].imm, want[i].code, want[i].dst_reg,
			      want[i].src_reg, want[i].off, want[i].imm);
	ck_assert_int_eq(p.lines[0], 1);
	asm_prog__free(&p);
}

/*
 * The verifier log's "r2 = 0x5" is a two-slot load; clang, and so the
 * text alone, reads a mov. Without its prefix such a load becomes that
 * mov (sign-extended from 32 bits); with it, it stays a load.
 */
static bool mov_without_prefix(const struct rt_case *c, struct bpf_insn *mov)
{
	__s64 v;

	if (c->slots != 2 || c->insn[0].src_reg != 0)
		return false;
	v = (__s64)((__u64)(__u32)c->insn[1].imm << 32 | (__u32)c->insn[0].imm);
	if (v < INT32_MIN || v > (__s64)UINT32_MAX)
		return false;
	*mov = (struct bpf_insn)BPF_MOV64_IMM(c->insn[0].dst_reg, (__s32)(__u32)v);
	return true;
}

static void round_trip(const struct rt_case *c, size_t n)
{
	struct disasm_cbs cbs = { .print = to_text, .imm64 = imm64 };
	struct bpf_insn mov;
	char text[256];
	size_t i;

	for (i = 0; i < n; i++) {
		cbs.ctx = text;
		ck_assert_int_eq(disasm_insn(&cbs, c[i].insn, (size_t)c[i].slots),
				 c[i].slots);
		/* As printed, "(bf) r6 = r1" */
		assert_assembles(text, c[i].insn, (size_t)c[i].slots);
		/* And without the opcode: the text alone says it all */
		ck_assert(text[0] == '(' && text[3] == ')');
		if (mov_without_prefix(&c[i], &mov))
			assert_assembles(text + 5, &mov, 1);
		else
			assert_assembles(text + 5, c[i].insn, (size_t)c[i].slots);
	}
}

#define ROUND_TRIP(c) round_trip(c, ARRAY_SIZE(c))

static const __u8 alu_ops[] = {
	BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH,
	BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH,
};

START_TEST(test_round_trip_alu)
{
	struct rt_case c[ARRAY_SIZE(alu_ops) * 4];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(alu_ops); i++) {
		c[n++] = (struct rt_case)ONE(BPF_ALU64_REG(alu_ops[i], R1, R2));
		c[n++] = (struct rt_case)ONE(BPF_ALU64_IMM(alu_ops[i], R3, -7));
		c[n++] = (struct rt_case)ONE(BPF_ALU32_REG(alu_ops[i], R1, R2));
		c[n++] = (struct rt_case)ONE(BPF_ALU32_IMM(alu_ops[i], R3, 2147483647));
	}
	round_trip(c, n);
}
END_TEST

START_TEST(test_round_trip_alu_special)
{
	const struct rt_case c[] = {
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_NEG, R1, 0, 0, 0)),
		ONE(BPF_RAW_INSN(BPF_ALU | BPF_NEG, R2, 0, 0, 0)),
		ONE(BPF_ENDIAN(BPF_TO_LE, R1, 16)),
		ONE(BPF_ENDIAN(BPF_TO_LE, R1, 32)),
		ONE(BPF_ENDIAN(BPF_TO_LE, R1, 64)),
		ONE(BPF_ENDIAN(BPF_TO_BE, R1, 16)),
		ONE(BPF_ENDIAN(BPF_TO_BE, R1, 64)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_END, R3, 0, 0, 16)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_END, R3, 0, 0, 64)),
		/* 6.6: signed div and mod, sign-extending movs */
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_DIV | BPF_X, R1, R2, 1, 0)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOD | BPF_K, R1, 0, 1, -3)),
		ONE(BPF_RAW_INSN(BPF_ALU | BPF_DIV | BPF_K, R1, 0, 1, 5)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 8, 0)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 16, 0)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 32, 0)),
		ONE(BPF_RAW_INSN(BPF_ALU | BPF_MOV | BPF_X, R1, R2, 8, 0)),
		/* 6.9 arena cast; the xlated per-CPU address */
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R1, R2,
				 ADDR_SPACE_CAST_OFF, 1 << 16 | 0)),
		ONE(BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, R0, R0,
				 ADDR_PERCPU_OFF, 0)),
	};

	ROUND_TRIP(c);
}
END_TEST

START_TEST(test_round_trip_mem)
{
	static const __u8 sizes[] = { BPF_B, BPF_H, BPF_W, BPF_DW };
	struct rt_case c[40];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		c[n++] = (struct rt_case)ONE(BPF_LDX_MEM(sizes[i], R0, R1, 8));
		c[n++] = (struct rt_case)ONE(BPF_STX_MEM(sizes[i], R10, R1, -8));
		c[n++] = (struct rt_case)ONE(BPF_ST_MEM(sizes[i], R10, -16, -1));
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(sizes[i], BPF_LOAD_ACQ,
							   R0, R1, 4));
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(sizes[i], BPF_STORE_REL,
							   R1, R2, -4));
		if (sizes[i] != BPF_DW)
			c[n++] = (struct rt_case)ONE(BPF_LDX_MEMSX(sizes[i], R2, R3, 0));
	}
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 12));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 0));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_LD | BPF_IND | BPF_H, 0, R2, 0, 14));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_ST | NOSPEC_MODE, 0, 0, 0, 0));
	round_trip(c, n);
}
END_TEST

START_TEST(test_round_trip_atomic)
{
	static const int ops[] = { BPF_ADD, BPF_AND, BPF_OR, BPF_XOR };
	struct rt_case c[24];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_DW, ops[i], R1, R2, 0));
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_W, ops[i], R1, R2, 8));
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_DW, ops[i] | BPF_FETCH,
							   R1, R2, -8));
		c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_W, ops[i] | BPF_FETCH,
							   R10, R3, -4));
	}
	c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_DW, BPF_XCHG, R1, R2, 0));
	c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_W, BPF_XCHG, R1, R2, 4));
	c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_DW, BPF_CMPXCHG, R1, R2, 0));
	c[n++] = (struct rt_case)ONE(BPF_ATOMIC_OP(BPF_W, BPF_CMPXCHG, R3, R2, -4));
	round_trip(c, n);
}
END_TEST

START_TEST(test_round_trip_ld_imm64)
{
	const struct rt_case c[] = {
		TWO(BPF_LD_IMM64(R1, 0x123456789abcdef0ull)),
		TWO(BPF_LD_IMM64(R2, 5)),
		TWO(BPF_LD_IMM64(R3, 0)),
		TWO(BPF_LD_IMM64(R0, -1)),
		TWO(BPF_LD_IMM64_RAW(R1, BPF_PSEUDO_MAP_FD, 3)),
		TWO(BPF_LD_IMM64_RAW(R1, BPF_PSEUDO_MAP_VALUE, 3 | (8ull << 32))),
		TWO(BPF_LD_IMM64_RAW(R1, BPF_PSEUDO_MAP_IDX, 2)),
		TWO(BPF_LD_IMM64_RAW(R1, BPF_PSEUDO_MAP_IDX_VALUE, 1 | (16ull << 32))),
		TWO(BPF_LD_IMM64_RAW(R2, BPF_PSEUDO_FUNC, (__u32)-4)),
	};

	ROUND_TRIP(c);
}
END_TEST

static const __u8 jmp_ops[] = {
	BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE,
	BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE,
};

START_TEST(test_round_trip_jmp)
{
	struct rt_case c[ARRAY_SIZE(jmp_ops) * 4 + 16];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(jmp_ops); i++) {
		c[n++] = (struct rt_case)ONE(BPF_JMP_REG(jmp_ops[i], R1, R2, 3));
		c[n++] = (struct rt_case)ONE(BPF_JMP_IMM(jmp_ops[i], R1, -2, -5));
		c[n++] = (struct rt_case)ONE(BPF_JMP32_REG(jmp_ops[i], R1, R2, 0));
		c[n++] = (struct rt_case)ONE(BPF_JMP32_IMM(jmp_ops[i], R3, 0x7f, 32767));
	}
	c[n++] = (struct rt_case)ONE(BPF_JMP_A(-32768));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 100000));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0, MAY_GOTO_SRC, 7, 0));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_JMP | BPF_JA | BPF_X, R2, 0, 0, 0));
	c[n++] = (struct rt_case)ONE(BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem));
	c[n++] = (struct rt_case)ONE(BPF_EMIT_CALL(BPF_FUNC_probe_read_user_str));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -3));
	c[n++] = (struct rt_case)ONE(BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 1234));
	c[n++] = (struct rt_case)ONE(BPF_EMIT_CALL(100000));	/* "unknown#100000" */
	c[n++] = (struct rt_case)ONE(BPF_EXIT_INSN());
	round_trip(c, n);
}
END_TEST

/* What a person writes: labels, names, maps, comments. */
START_TEST(test_labels_maps_comments)
{
	static const char text[] =
		"; counts calls\n"
		".map counts array 4 8 1\n"
		".map events perf_event_array 4 4 0 0x0\n"
		".type socket_filter\n"
		"start:\tr1 = map[counts] ll   ; by name\n"
		"\tr2 = map[events][0]+8\n"
		"\tcall bpf_map_lookup_elem\n"
		"\tif r0 == 0 goto out\n"
		"\tgoto start\n"
		"out:\n"
		"\texit\n";
	const int fds[] = { 7, 9 };
	struct asm_prog p;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s", text), 0);
	ck_assert_int_eq(p.prog_type, BPF_PROG_TYPE_SOCKET_FILTER);
	ck_assert_uint_eq(p.nr_maps, 2);
	ck_assert_str_eq(p.maps[0].name, "counts");
	ck_assert_uint_eq(p.maps[0].type, BPF_MAP_TYPE_ARRAY);
	ck_assert_uint_eq(p.maps[0].key_size, 4);
	ck_assert_uint_eq(p.maps[0].value_size, 8);
	ck_assert_uint_eq(p.maps[0].max_entries, 1);
	ck_assert_uint_eq(p.maps[1].type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	ck_assert_int_eq(p.maps[1].line, 3);
	ck_assert_int_eq(asm_prog__finish(&p, fds), 0);
	ck_assert_uint_eq(p.b.len, 8);
	/* counts: fd 7 */
	ck_assert_int_eq(p.b.insns[0].src_reg, BPF_PSEUDO_MAP_FD);
	ck_assert_int_eq(p.b.insns[0].imm, 7);
	/* events' value + 8: fd 9 */
	ck_assert_int_eq(p.b.insns[2].src_reg, BPF_PSEUDO_MAP_VALUE);
	ck_assert_int_eq(p.b.insns[2].imm, 9);
	ck_assert_int_eq(p.b.insns[3].imm, 8);
	ck_assert_int_eq(p.b.insns[4].imm, BPF_FUNC_map_lookup_elem);
	/* if at 5 jumps to exit at 7; goto at 6 back to 0 */
	ck_assert_int_eq(p.b.insns[5].off, 1);
	ck_assert_int_eq(p.b.insns[6].off, -7);
	/* Each slot knows its line */
	ck_assert_int_eq(p.lines[0], 5);
	ck_assert_int_eq(p.lines[1], 5);
	ck_assert_int_eq(p.lines[2], 6);
	ck_assert_int_eq(p.lines[7], 11);
	asm_prog__free(&p);
}
END_TEST

START_TEST(test_bare_map_index)
{
	struct asm_prog p;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s",
					 ".map a hash 4 4 1\n.map b hash 4 4 1\n"
					 "r1 = map[b]\nr0 = 0\nexit\n"), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	/* In a bare file the map is its declaration's index */
	ck_assert_int_eq(p.b.insns[0].src_reg, BPF_PSEUDO_MAP_IDX);
	ck_assert_int_eq(p.b.insns[0].imm, 1);
	asm_prog__free(&p);
}
END_TEST

/* llvm-objdump's spelling of the same instructions reads too. */
START_TEST(test_llvm_spelling)
{
	const struct bpf_insn want[] = {
		BPF_STX_MEM(BPF_W, R10, R1, -8),
		BPF_LD_IMM64(R1, 8103213123364872546ull),
		BPF_EMIT_CALL(6),
		BPF_JMP_IMM(BPF_JEQ, R7, 0, 1),
	};
	struct asm_prog p;
	size_t i;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s",
					 "1:\t*(u32 *)(r10 - 8) = r1\n"
					 "2:\tr1 = 8103213123364872546 ll\n"
					 "4:\tcall 6\n"
					 "5:\tif r7 == 0 goto +1\n"), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	ck_assert_uint_eq(p.b.len, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++)
		ck_assert(!memcmp(&p.b.insns[i], &want[i], sizeof(want[i])));
	asm_prog__free(&p);
}
END_TEST



struct err_case {
	const char *text;
	int err;
	const char *msg;
};

START_TEST(test_errors)
{
	const struct err_case c[] = {
		{ "r0 = 0\nr0 = x1\n", -EINVAL,
		  "t.s:2:6: expected a number, found 'x1'" },
		{ "r11 = 0\n", -EINVAL,
		  "t.s:1:1: expected a register (r0..r10), found 'r11'" },
		{ "  call bpf_nosuch\n", -EINVAL,
		  "t.s:1:8: unknown helper 'bpf_nosuch' (and no function of that name here)" },
		{ "call bpf_map_lookup_elem#2\n", -EINVAL,
		  "t.s:1:6: bpf_map_lookup_elem is helper #1, not #2" },
		{ "r0 = 0\n\tgoto nowhere\nexit\n", -ENOENT,
		  "t.s:2:7: jump to undefined label 'nowhere'" },
		{ "a: r0 = 0\na: exit\n", -EEXIST,
		  "t.s:2:1: duplicate label 'a', first defined at line 1" },
		{ "r1 = map[nomap] ll\nexit\n", -ENOENT,
		  "t.s:1:10: load of undeclared map 'nomap'" },
		{ ".map m hash 4 4\n", -EINVAL,
		  "t.s:1:16: expected a number, found the end of the line" },
		{ ".map m hashy 4 4 1\n", -EINVAL,
		  "t.s:1:8: unknown map type 'hashy'" },
		{ ".map m hash 4 4 1\n.map m array 4 4 1\n", -EINVAL,
		  "t.s:2:6: map 'm' is already declared at line 1" },
		{ ".sektion x\n", -EINVAL,
		  "t.s:1:1: unknown directive '.sektion'" },
		{ "r0 = 0\n.long 5\nexit\n", -EINVAL,
		  "t.s:2:1: data in a code section (.long): only instructions are assembled" },
		{ ".data\nr0 = 0\n", -EINVAL,
		  "t.s:2:1: an instruction in a data section (one with no \"x\" flag, or .data, .BTF, license, ...)" },
		{ ".section socket,\"ax\"\nexit\n.section xdp\nexit\n", -EINVAL,
		  "t.s:3:1: a second program section, 'xdp': one program a file (the first, 'socket', is at line 1)" },
		{ "goto 1b\n1: exit\n", -EINVAL,
		  "t.s:1:6: no local label 1: at or before this line" },
		{ "1: goto 1f\nexit\n", -EINVAL,
		  "t.s:1:9: no local label 1: after this line" },
		{ "r0 = 10ull\n", -EINVAL, "t.s:1:6: bad number" },
		{ "r0 = 08\n", -EINVAL, "t.s:1:6: bad number" },
		{ "w0 = *(u64 *)(r1 +0)\n", -EINVAL,
		  "t.s:1:1: a 64-bit load writes an r register" },
		{ "w0 = *(s8 *)(r1 +0)\n", -EINVAL,
		  "t.s:1:1: a sign-extending load writes an r register" },
		{ ".flags any_alignment, bogus\n", -EINVAL,
		  "t.s:1:23: unknown program flag 'bogus' (strict_alignment, any_alignment, test_rnd_hi32, test_state_freq, sleepable, xdp_has_frags, ... or a number)" },
		{ ".retval 1\n.retval 2\n", -EINVAL, "t.s:2:9: a second, different .retval" },
		{ ".type sockets\n", -EINVAL,
		  "t.s:1:7: unknown program type 'sockets'" },
		{ "(b7) r0 = r1\n", -EINVAL,
		  "t.s:1:6: the opcode given is (b7) but the instruction is (bf)" },
		{ "exit now\n", -EINVAL,
		  "t.s:1:6: unexpected 'now' after the instruction" },
		{ "r0 = *(u64 *)(r1 +40000)\n", -EINVAL,
		  "t.s:1:18: +40000 is out of range (-32768..32767)" },
		{ "w1 += r2\n", -EINVAL,
		  "t.s:1:7: a 32-bit (w) register here, not r2" },
		{ "if r1 =< 0 goto out\n", -EINVAL,
		  "t.s:1:7: expected a comparison (==, !=, >, s<, &, ...), found '=<'" },
		{ "r0 = *(u65 *)(r1 +0)\n", -EINVAL,
		  "t.s:1:8: expected u8, u16, u32 or u64, found 'u65'" },
	};
	struct asm_prog p;
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		err = asm_prog__parse(&p, "t.s", c[i].text);
		if (!err)
			err = asm_prog__finish(&p, NULL);
		ck_assert_msg(err == c[i].err, "%s: %d, want %d (%s)", c[i].text,
			      err, c[i].err, p.b.errmsg);
		ck_assert_str_eq(p.b.errmsg, c[i].msg);
		asm_prog__free(&p);
	}
}
END_TEST

START_TEST(test_type_names)
{
	ck_assert_str_eq(bpf_prog_type_name(BPF_PROG_TYPE_TRACEPOINT), "tracepoint");
	ck_assert_str_eq(bpf_prog_type_name(BPF_PROG_TYPE_RAW_TRACEPOINT),
			 "raw_tracepoint");
	ck_assert_str_eq(bpf_prog_type_name(32), "netfilter");
	ck_assert_ptr_null(bpf_prog_type_name(33));
	ck_assert_int_eq(bpf_prog_type_id("xdp"), BPF_PROG_TYPE_XDP);
	ck_assert_int_eq(bpf_prog_type_id("6"), 6);
	ck_assert_int_eq(bpf_prog_type_id("nope"), -1);
	ck_assert_str_eq(bpf_map_type_name(BPF_MAP_TYPE_RINGBUF), "ringbuf");
	ck_assert_str_eq(bpf_map_type_name(BPF_MAP_TYPE_PERF_EVENT_ARRAY),
			 "perf_event_array");
	ck_assert_str_eq(bpf_map_type_name(33), "arena");
	ck_assert_int_eq(bpf_map_type_id("lru_hash"), BPF_MAP_TYPE_LRU_HASH);
	ck_assert_uint_eq(bpf_prog_type_count(), 33);
	ck_assert_uint_eq(bpf_map_type_count(), 34);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("round trip");

	tcase_add_test(tc, test_round_trip_alu);
	tcase_add_test(tc, test_round_trip_alu_special);
	tcase_add_test(tc, test_round_trip_mem);
	tcase_add_test(tc, test_round_trip_atomic);
	tcase_add_test(tc, test_round_trip_ld_imm64);
	tcase_add_test(tc, test_round_trip_jmp);
	suite_add_tcase(s, tc);
	tc = tcase_create("source");
	tcase_add_test(tc, test_labels_maps_comments);
	tcase_add_test(tc, test_bare_map_index);
	tcase_add_test(tc, test_llvm_spelling);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_type_names);
	suite_add_tcase(s, tc);
	return s;
}
