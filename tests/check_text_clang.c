// SPDX-License-Identifier: GPL-2.0
/*
 * Text assembler tests, clang's dialect: every form clang's BPF
 * assembler reads gives clang's own bytes (fixtures clang assembles at
 * "make tests"), clang -S output reads whole, and where the two readings
 * of a line differ, which wins and what asm -v says.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/insn.h"
#include "asm/text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R7 BPF_REG_7
#define R10 BPF_REG_10

/* A whole file, read; NULL when it cannot be. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
	return buf;
}

/* Assemble path; assert it gives the n slots of want, naming any line that does not. */
static void assert_file_is(const char *path, const char *text,
			   const struct bpf_insn *want, size_t n, size_t warnings)
{
	struct asm_prog p;
	size_t i;

	ck_assert_msg(asm_prog__parse(&p, path, text) == 0, "%s", p.b.errmsg);
	ck_assert_msg(asm_prog__finish(&p, NULL) == 0, "%s", p.b.errmsg);
	ck_assert_msg(p.b.len == n, "%s: %zu slots, clang's %zu", path, p.b.len, n);
	for (i = 0; i < n; i++)
		ck_assert_msg(!memcmp(&p.b.insns[i], &want[i], sizeof(want[i])),
			      "%s:%d: slot %zu is %02x %x %x %d %d, clang's %02x %x %x %d %d",
			      path, p.lines[i], i, p.b.insns[i].code,
			      p.b.insns[i].dst_reg, p.b.insns[i].src_reg,
			      p.b.insns[i].off, p.b.insns[i].imm, want[i].code,
			      want[i].dst_reg, want[i].src_reg, want[i].off,
			      want[i].imm);
	/* Lines the log's reading would take otherwise: hex movs */
	ck_assert_uint_eq(p.nr_warnings, warnings);
	asm_prog__free(&p);
}

/*
 * Every form of clang's dialect barebpf reads, each line of
 * tests/fixtures/clang/dialect.s, gives the bytes clang 14 gives (the
 * Makefile has clang assemble the file at "make tests").
 */
START_TEST(test_clang_dialect)
{
	char *text, *bin;
	size_t tlen, blen;

	text = slurp("tests/fixtures/clang/dialect.s", &tlen);
	bin = slurp(CLANG_FIXTURES "dialect.bin", &blen);
	ck_assert_msg(text && bin, "no fixture: run make tests");
	ck_assert_uint_eq(blen % sizeof(struct bpf_insn), 0);
	ck_assert_uint_ge(blen / sizeof(struct bpf_insn), 170);
	assert_file_is("dialect.s", text, (const struct bpf_insn *)(void *)bin,
		       blen / sizeof(struct bpf_insn), 6);
	free(text);
	free(bin);
}
END_TEST

/*
 * clang -S output as it comes: sections, directives, its labels, a
 * function in .text written before the program; its program section
 * comes first, then .text, as in clang's object laid out by libbpf.
 * There clang leaves calls across sections to a relocation (imm -1);
 * here they are resolved, to .text's first instruction.
 */
START_TEST(test_clang_subprog)
{
	char *text, *sec, *txt, *both;
	size_t tlen, slen, xlen, i, nsec;
	struct bpf_insn *want;
	int calls = 0;

	text = slurp(CLANG_FIXTURES "subprog.s", &tlen);
	sec = slurp(CLANG_FIXTURES "subprog.socket.bin", &slen);
	txt = slurp(CLANG_FIXTURES "subprog.text.bin", &xlen);
	ck_assert_msg(text && sec && txt, "no fixture: run make tests");
	both = malloc(slen + xlen);
	memcpy(both, sec, slen);
	memcpy(both + slen, txt, xlen);
	want = (struct bpf_insn *)(void *)both;
	nsec = slen / sizeof(*want);
	ck_assert_uint_gt(nsec, 4);
	for (i = 0; i < nsec; i++) {
		if (want[i].code != (BPF_JMP | BPF_CALL))
			continue;
		ck_assert_int_eq(want[i].src_reg, BPF_PSEUDO_CALL);
		ck_assert_int_eq(want[i].imm, -1);
		want[i].imm = (__s32)(nsec - i - 1);
		calls++;
	}
	ck_assert_int_eq(calls, 4);
	assert_file_is("subprog.s", text, want, (slen + xlen) / sizeof(*want), 0);
	free(text);
	free(sec);
	free(txt);
	free(both);
}
END_TEST

/*
 * Where barebpf reads a line otherwise than clang, on purpose, and
 * says so: tests/fixtures/clang/differ.s, clang's bytes beside ours.
 */
START_TEST(test_clang_differ)
{
	const struct bpf_insn clang[] = {
		BPF_MOV64_IMM(R2, 0),		/* the low 32 bits of 0x100000000 */
		BPF_MOV64_IMM(R3, 0),
		BPF_MOV64_IMM(BPF_REG_4, 0),
		BPF_MOV64_IMM(R0, 1),
		BPF_MOV64_IMM(R1, 2),		/* after the ';' */
		BPF_EXIT_INSN(),
	}, ours[] = {
		BPF_LD_IMM64(R2, 0x100000000ull),
		BPF_LD_IMM64(R3, 0xffffffff00000000ull),
		BPF_LD_IMM64(BPF_REG_4, 0xffffffff00000000ull),
		BPF_MOV64_IMM(R0, 1),
		BPF_EXIT_INSN(),
	};
	static const char *const warnings[] = {
		"differ.s:4:7: warning: clang 14 reads a mov of the low 32 bits (r2 = 0); this is the 64-bit load (' ll' says so)",
		"differ.s:5:7: warning: clang 14 reads a mov of the low 32 bits (r3 = 0); this is the 64-bit load (' ll' says so)",
		"differ.s:6:7: warning: clang 14 reads a mov of the low 32 bits (r4 = 0); this is the 64-bit load (' ll' says so)",
		"differ.s:7:8: warning: clang reads \"r1 = 2\" after ';' as an instruction; here it is a comment",
	};
	struct asm_prog p;
	char *text, *bin;
	size_t tlen, blen, i;

	text = slurp("tests/fixtures/clang/differ.s", &tlen);
	bin = slurp(CLANG_FIXTURES "differ.bin", &blen);
	ck_assert_msg(text && bin, "no fixture: run make tests");
	ck_assert_uint_eq(blen, sizeof(clang));
	ck_assert(!memcmp(bin, clang, sizeof(clang)));
	ck_assert_int_eq(asm_prog__parse(&p, "differ.s", text), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	ck_assert_uint_eq(p.b.len, ARRAY_SIZE(ours));
	ck_assert(!memcmp(p.b.insns, ours, sizeof(ours)));
	ck_assert_uint_eq(p.nr_warnings, ARRAY_SIZE(warnings));
	for (i = 0; i < ARRAY_SIZE(warnings); i++)
		ck_assert_str_eq(p.warnings[i], warnings[i]);
	asm_prog__free(&p);
	free(text);
	free(bin);
}
END_TEST

/* Assemble text; return p (finished), asserting it went through. */
static void assemble(struct asm_prog *p, const char *text)
{
	ck_assert_msg(asm_prog__parse(p, "t.s", text) == 0, "%s: %s", text,
		      p->b.errmsg);
	ck_assert_msg(asm_prog__finish(p, NULL) == 0, "%s: %s", text,
		      p->b.errmsg);
}

/* "rN = IMM" as clang reads it, and what asm -v says of it. */
START_TEST(test_mov_constants)
{
	static const struct {
		const char *text;
		struct bpf_insn insn[2];
		size_t slots;
		const char *warning;
	} c[] = {
		{ "r0 = 0xfaceb00c", { BPF_MOV64_IMM(R0, (__s32)0xfaceb00c) }, 1,
		  "t.s:1:6: warning: a 32-bit mov, as clang reads it: r0 = 0xfffffffffaceb00c, sign-extended; ' ll' loads 0xfaceb00c" },
		{ "r1 = 0x5", { BPF_MOV64_IMM(R1, 5) }, 1,
		  "t.s:1:6: warning: a 32-bit mov, as clang reads it; the verifier log prints a two-slot load so (' ll' or \"(18)\" for one)" },
		{ "r1 = 4294967295", { BPF_MOV64_IMM(R1, -1) }, 1,
		  "t.s:1:6: warning: a 32-bit mov, as clang reads it: r1 = 0xffffffffffffffff, sign-extended; ' ll' loads 0xffffffff" },
		{ "r1 = -5", { BPF_MOV64_IMM(R1, -5) }, 1, NULL },
		{ "r1 = 0xffffffff80000000", { BPF_MOV64_IMM(R1, INT32_MIN) }, 1,
		  "t.s:1:6: warning: a 32-bit mov, as clang reads it; the verifier log prints a two-slot load so (' ll' or \"(18)\" for one)" },
		{ "r1 = 017", { BPF_MOV64_IMM(R1, 15) }, 1, NULL },
		{ "r1 = 0b101", { BPF_MOV64_IMM(R1, 5) }, 1, NULL },
		{ "r1 = 10ULL", { BPF_MOV64_IMM(R1, 10) }, 1, NULL },
		{ "r1 = 0x5 ll", { BPF_LD_IMM64(R1, 5) }, 2, NULL },
		{ "(18) r1 = 0x5", { BPF_LD_IMM64(R1, 5) }, 2, NULL },
		{ "(b7) r1 = 5", { BPF_MOV64_IMM(R1, 5) }, 1, NULL },
		{ "r1 = 0xffffffff00000000LL ll", { BPF_LD_IMM64(R1, 0xffffffff00000000ull) }, 2, NULL },
		{ "w1 = 0xffffffff", { BPF_MOV32_IMM(R1, -1) }, 1, NULL },
	};
	struct asm_prog p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		assemble(&p, c[i].text);
		ck_assert_msg(p.b.len == c[i].slots, "%s", c[i].text);
		ck_assert_msg(!memcmp(p.b.insns, c[i].insn, c[i].slots * sizeof(struct bpf_insn)),
			      "%s: %02x imm %d", c[i].text, p.b.insns[0].code,
			      p.b.insns[0].imm);
		ck_assert_uint_eq(p.nr_warnings, c[i].warning ? 1 : 0);
		if (c[i].warning)
			ck_assert_str_eq(p.warnings[0], c[i].warning);
		asm_prog__free(&p);
	}
}
END_TEST

/*
 * GNU local labels: "Nb" is the last "N:" at or before the line, "Nf"
 * the first after it, N defined again and again; and an "N:" nothing
 * names (the index of a listing) is nothing more.
 */
START_TEST(test_local_labels)
{
	static const char text[] =
		"r0 = 3\n"
		"1:\n"			/* 1 */
		"r0 -= 1\n"
		"if r0 != 0 goto 1b\n"	/* to 1 */
		"goto 1f\n"		/* to 5 */
		"r0 = 5\n"
		"1: r1 = 1\n"		/* 5 */
		"1: if r1 == 0 goto 1b\n"	/* itself */
		"7: goto 2f\n"		/* an index: label 7, unused */
		"2: exit\n";		/* 8 */
	struct asm_prog p;

	assemble(&p, text);
	ck_assert_uint_eq(p.b.len, 9);
	ck_assert_int_eq(p.b.insns[2].off, -2);
	ck_assert_int_eq(p.b.insns[3].off, 1);
	ck_assert_int_eq(p.b.insns[6].off, -1);
	ck_assert_int_eq(p.b.insns[7].off, 0);
	/* Each "N:" a label: 1 three times, 7 and 2 */
	ck_assert_uint_eq(p.b.nr_labels, 5);
	asm_prog__free(&p);
}
END_TEST

/* Comments of every kind clang's assembler takes, and ours. */
START_TEST(test_comments)
{
	static const char text[] =
		"# a line comment\n"
		"\tr0 = 1  # after a blank\n"
		"\tr1 = 2 // a C++ comment\n"
		"/* a C comment\n"
		"   over lines: r9 = 9 */ r2 = 3\n"
		"\tr3 = 4 ; ours\n"
		"\tcall bpf_map_lookup_elem#1\n"	/* the log's id: no comment */
		"\texit\n";
	struct asm_prog p;

	assemble(&p, text);
	ck_assert_uint_eq(p.b.len, 6);
	ck_assert_int_eq(p.b.insns[2].dst_reg, 2);
	ck_assert_int_eq(p.lines[2], 5);
	ck_assert_int_eq(p.b.insns[4].imm, BPF_FUNC_map_lookup_elem);
	ck_assert_uint_eq(p.nr_warnings, 0);
	/* The text kept has its comments blanked, lines and columns kept */
	ck_assert(!strncmp(p.text, "                \n\tr0 = 1", 24));
	asm_prog__free(&p);
}
END_TEST

/*
 * Sections: data ones left out (labels and all), our directives read
 * wherever they are, the program's section first and .text after it,
 * the program type from its name; GNU directives ignored.
 */
START_TEST(test_sections)
{
	static const char text[] =
		"\t.text\n"
		"\t.globl\tsub\n"
		"\t.type\tsub,@function\n"
		"sub:\n"
		"\tr0 = 2\n"
		"\texit\n"
		".Lfunc_end0:\n"
		"\t.size\tsub, .Lfunc_end0-sub\n"
		"\t.section\t.maps,\"aw\",@progbits\n"
		"counts:\n"
		"\t.zero 32\n"
		".map counts array 4 8 1\n"
		"\t.section\txdp,\"ax\",@progbits\n"
		"\t.p2align 3\n"
		"prog:\n"
		"\tcall sub\n"
		"\tr1 = map[counts] ll\n"
		"\texit\n"
		"\t.section license,\"aw\",@progbits\n"
		"_license:\n"
		"\t.asciz \"GPL; for real\"\n"
		"\t.addrsig\n"
		"\t.addrsig_sym prog\n"
		"\t.cfi_startproc\n";
	struct asm_prog p;

	assemble(&p, text);
	ck_assert_int_eq(p.prog_type, BPF_PROG_TYPE_XDP);
	ck_assert_uint_eq(p.nr_maps, 1);
	ck_assert_uint_eq(p.b.len, 6);
	/* xdp's call, map load and exit, then .text's two */
	ck_assert_int_eq(p.b.insns[0].code, BPF_JMP | BPF_CALL);
	ck_assert_int_eq(p.b.insns[0].src_reg, BPF_PSEUDO_CALL);
	ck_assert_int_eq(p.b.insns[0].imm, 3);
	ck_assert_int_eq(p.lines[0], 16);
	ck_assert_int_eq(p.b.insns[4].imm, 2);
	ck_assert_int_eq(p.lines[4], 5);
	asm_prog__free(&p);
}
END_TEST

/* "call NAME": a function defined here wins over a helper's name. */
START_TEST(test_call_function)
{
	static const char text[] =
		"call bpf_get_prandom_u32\n"
		"call bpf_get_prandom_u32#7\n"
		"exit\n"
		"bpf_get_prandom_u32:\n"
		"exit\n";
	struct asm_prog p;

	assemble(&p, text);
	ck_assert_int_eq(p.b.insns[0].src_reg, BPF_PSEUDO_CALL);
	ck_assert_int_eq(p.b.insns[0].imm, 2);
	ck_assert_int_eq(p.b.insns[1].src_reg, 0);
	ck_assert_int_eq(p.b.insns[1].imm, BPF_FUNC_get_prandom_u32);
	asm_prog__free(&p);
}
END_TEST

/* Loads into w registers, LD_IND without an offset, as clang writes them. */
START_TEST(test_clang_forms)
{
	const struct bpf_insn want[] = {
		BPF_LDX_MEM(BPF_B, R0, R10, -1),
		BPF_LDX_MEM(BPF_W, R3, R1, 4),
		BPF_STX_MEM(BPF_H, R10, R1, -2),
		BPF_RAW_INSN(BPF_LD | BPF_B | BPF_IND, 0, BPF_REG_6, 0, 0),
		BPF_RAW_INSN(BPF_LD | BPF_W | BPF_IND, 0, BPF_REG_6, 0, 14),
		BPF_JMP_A(-1),
	};
	struct asm_prog p;

	assemble(&p, "w0 = *(u8 *)(r10 - 1)\n"
		     "w3 = *(u32 *)(r1 + 4)\n"
		     "*(u16 *)(r10 - 2) = w1\n"
		     "r0 = *(u8 *)skb[r6]\n"
		     "r0 = *(u32 *)skb[r6 + 14]\n"
		     ".LBB0_1: goto .LBB0_1\n");
	ck_assert_uint_eq(p.b.len, ARRAY_SIZE(want));
	ck_assert(!memcmp(p.b.insns, want, sizeof(want)));
	asm_prog__free(&p);
}
END_TEST

Suite *text_clang_suite(void)
{
	Suite *s = suite_create("text_clang");
	TCase *tc = tcase_create("clang");

	tcase_add_test(tc, test_clang_dialect);
	tcase_add_test(tc, test_clang_subprog);
	tcase_add_test(tc, test_clang_differ);
	tcase_add_test(tc, test_mov_constants);
	tcase_add_test(tc, test_local_labels);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_call_function);
	tcase_add_test(tc, test_clang_forms);
	suite_add_tcase(s, tc);
	return s;
}
