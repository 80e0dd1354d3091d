// SPDX-License-Identifier: GPL-2.0
/*
 * The text assembler's instructions: each statement's form, as
 * asm/disasm.c prints it, turned into builder calls (asm/text.c reads
 * lines and directives, asm/textlex.c the tokens).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/helpers.h"
#include "asm/insn.h"
#include "asm/textinsn.h"
#include "asm/textscan.h"
#include "asm/names.h"

/* Atomic ops in imm, by name, as "atomic_fetch_NAME" prints them. */
static const struct {
	const char name[4];
	int op;
} atomic_ops[] = {
	{ "add", BPF_ADD }, { "and", BPF_AND }, { "or", BPF_OR },
	{ "xor", BPF_XOR },
};

/* Longest first, so that "s>>=" is not read as "s>" and so on. */
static const struct {
	const char text[5];
	__u8 op;
	__u8 off;			/* 1: the signed div and mod */
} alu_ops[] = {
	{ "s>>=", BPF_ARSH, 0 }, { "<<=", BPF_LSH, 0 }, { ">>=", BPF_RSH, 0 },
	{ "s/=", BPF_DIV, 1 }, { "s%=", BPF_MOD, 1 }, { "+=", BPF_ADD, 0 },
	{ "-=", BPF_SUB, 0 }, { "*=", BPF_MUL, 0 }, { "/=", BPF_DIV, 0 },
	{ "|=", BPF_OR, 0 }, { "&=", BPF_AND, 0 }, { "%=", BPF_MOD, 0 },
	{ "^=", BPF_XOR, 0 }, { "=", BPF_MOV, 0 },
};

static const struct {
	const char text[4];
	__u8 op;
} jmp_ops[] = {
	{ "s>=", BPF_JSGE }, { "s<=", BPF_JSLE }, { "s>", BPF_JSGT },
	{ "s<", BPF_JSLT }, { ">=", BPF_JGE }, { "<=", BPF_JLE },
	{ "==", BPF_JEQ }, { "!=", BPF_JNE }, { ">", BPF_JGT },
	{ "<", BPF_JLT }, { "&", BPF_JSET },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int plain_size(struct asm_parser *ps, const char *at, bool sx)
{
	return sx ? lex_fail_at(ps, at, "a signed size only in a load") : 0;
}

/*
 * The source operand of an ALU op or a conditional jump: a register of
 * the op's width (BPF_X), or a 32-bit immediate (BPF_K). The disassembler
 * prints an immediate as unsigned hex; a negative decimal means the same.
 */
static int parse_source(struct asm_parser *ps, bool wide, struct bpf_insn *insn)
{
	long long imm;
	int src;

	if (lex_at_reg(ps)) {
		if (lex_reg_of(ps, wide, &src))
			return -EINVAL;
		insn->code |= BPF_X;
		insn->src_reg = (__u8)src;
		return 0;
	}
	if (lex_number(ps, INT32_MIN, UINT32_MAX, &imm))
		return -EINVAL;
	insn->imm = (__s32)(__u32)imm;
	return 0;
}

/* Emit insn (two slots when ld64), checking it against a prefix. */
static int emit(struct asm_parser *ps, const char *start, struct bpf_insn *insn,
		size_t n)
{
	if (ps->prefix >= 0 && insn->code != ps->prefix)
		return lex_fail_at(ps, start,
			       "the opcode given is (%02x) but the instruction is (%02x)",
			       ps->prefix, insn->code);
	builder__append(ps->b, insn, n);
	return 0;
}

/* The rest of "goto": pc+N, +N, a label, or a GNU local "1b", "1f". */
static int jump_target(struct asm_parser *ps, const char *start,
		       struct bpf_insn insn, bool imm)
{
	char label[BUILDER_NAME_MAX];
	unsigned long long n;
	const char *at;
	long long v;
	bool back;
	int line;

	lex_skip_ws(ps);
	if (!strncmp(ps->s, "pc", 2) && !lex_ident_char(ps->s[2]))
		ps->s += 2;
	lex_skip_ws(ps);
	if (*ps->s == '+' || *ps->s == '-') {
		if (lex_number(ps, imm ? INT32_MIN : -32768, imm ? INT32_MAX : 32767, &v))
			return -EINVAL;
		if (imm)
			insn.imm = (__s32)v;
		else
			insn.off = (__s16)v;
		return emit(ps, start, &insn, 1);
	}
	at = ps->s;
	ps->b->col = lex_col(ps, at);
	if (lex_local_ref(ps, &n, &back)) {
		line = text_scan__local(ps->scan, n, back, ps->line);
		if (!line)
			return lex_fail_at(ps, at, "no local label %llu: %s this line", n,
				       back ? "at or before" : "after");
		text_scan__local_name(label, n, line);
	} else if (lex_label(ps, label, "pc+N or a label")) {
		return -EINVAL;
	}
	if (ps->prefix >= 0 && insn.code != ps->prefix)
		return emit(ps, start, &insn, 1);	/* says why */
	builder__jump(ps->b, insn, label, ps->line);
	return 0;
}

static int parse_if(struct asm_parser *ps, const char *start)
{
	struct bpf_insn insn = { 0 };
	unsigned int i;
	bool wide;
	int dst;

	if (lex_reg(ps, &dst, &wide))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(jmp_ops); i++)
		if (lex_accept(ps, jmp_ops[i].text))
			break;
	if (i == ARRAY_SIZE(jmp_ops))
		return lex_expected(ps, "a comparison (==, !=, >, s<, &, ...)");
	insn.code = (wide ? BPF_JMP : BPF_JMP32) | jmp_ops[i].op;
	insn.dst_reg = (__u8)dst;
	if (parse_source(ps, wide, &insn))
		return -EINVAL;
	if (!lex_accept_word(ps, "goto"))
		return lex_expected(ps, "'goto'");
	return jump_target(ps, start, insn, false);
}

/* call NAME, call NAME#ID, call ID, call pc+N. */
static int parse_call(struct asm_parser *ps, const char *start)
{
	struct bpf_insn insn = BPF_EMIT_CALL(0);
	char name[BUILDER_NAME_MAX];
	bool has_id = false;
	long long id = 0;
	const char *at;
	int known;

	lex_skip_ws(ps);
	at = ps->s;
	if (!strncmp(ps->s, "pc", 2) && (ps->s[2] == '+' || ps->s[2] == '-')) {
		ps->s += 2;
		if (lex_number(ps, INT32_MIN, INT32_MAX, &id))
			return -EINVAL;
		/* "#name" after a BPF-to-BPF call names the target: skip it */
		if (*ps->s == '#')
			while (*ps->s && !isspace((unsigned char)*ps->s) &&
			       *ps->s != ';')
				ps->s++;
		insn.src_reg = BPF_PSEUDO_CALL;
		insn.imm = (__s32)id;
		return emit(ps, start, &insn, 1);
	}
	if (isdigit((unsigned char)*ps->s)) {
		if (lex_number(ps, 0, INT32_MAX, &id))
			return -EINVAL;
		insn.imm = (__s32)id;
		return emit(ps, start, &insn, 1);
	}
	if (lex_label_start(ps->s) && *ps->s == '.') {
		if (lex_label(ps, name, "a function"))
			return -EINVAL;
	} else if (lex_ident(ps, name, "-", "a helper name")) {
		return -EINVAL;
	}
	/*
	 * A function of this file, as clang reads "call NAME", even where a
	 * helper has the name; "NAME#ID" is the log's helper call.
	 */
	if (*ps->s != '#' && text_scan__has_label(ps->scan, name)) {
		insn.src_reg = BPF_PSEUDO_CALL;
		if (ps->prefix >= 0 && insn.code != ps->prefix)
			return emit(ps, start, &insn, 1);	/* says why */
		ps->b->col = lex_col(ps, at);
		builder__jump(ps->b, insn, name, ps->line);
		return 0;
	}
	if (*ps->s == '#') {
		ps->s++;
		if (lex_number(ps, INT32_MIN, INT32_MAX, &id))
			return -EINVAL;
		has_id = true;
	}
	known = bpf_helper_id(name);
	if (!strcmp(name, "kernel-function") || !strcmp(name, "unknown")) {
		if (!has_id)
			return lex_expected(ps, "'#' and an id");
		insn.src_reg = name[0] == 'k' ? BPF_PSEUDO_KFUNC_CALL : 0;
	} else if (known < 0 && !has_id) {
		return lex_fail_at(ps, at, "unknown helper '%s' (and no function of that name here)",
			       name);
	} else if (known >= 0 && has_id && known != id) {
		return lex_fail_at(ps, at, "%s is helper #%d, not #%lld", name,
			       known, id);
	}
	/*
	 * A name we do not know, with its #id (a kernel symbol in an xlated
	 * dump, say), is taken by its id.
	 */
	insn.imm = (__s32)(has_id ? id : known);
	return emit(ps, start, &insn, 1);
}

/* lock *(SIZE *)(rD +OFF) OP= rS */
static int parse_lock(struct asm_parser *ps, const char *start)
{
	static const char *const ops[] = { "+=", "&=", "|=", "^=" };
	struct bpf_insn insn;
	int size, dst, src;
	unsigned int i;
	bool sx, wide;
	__s16 off;

	if (lex_expect(ps, "*") || lex_typed_ptr(ps, &size, &sx, &dst, &off))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (lex_accept(ps, ops[i]))
			break;
	if (i == ARRAY_SIZE(ops))
		return lex_expected(ps, "+=, &=, |= or ^=");
	if (lex_reg(ps, &src, &wide))
		return -EINVAL;
	insn = BPF_ATOMIC_OP(size, atomic_ops[i].op, dst, src, off);
	return emit(ps, start, &insn, 1);
}

/* *(SIZE *)(rD +OFF) = rS | IMM */
static int parse_store(struct asm_parser *ps, const char *start)
{
	struct bpf_insn insn;
	const char *at = ps->s;
	int size = 0, dst, src;
	long long imm;
	bool sx, wide;
	__s16 off;

	if (lex_typed_ptr(ps, &size, &sx, &dst, &off) || plain_size(ps, at, sx) ||
	    lex_expect(ps, "="))
		return -EINVAL;
	if (lex_at_reg(ps)) {
		if (lex_reg(ps, &src, &wide))
			return -EINVAL;
		insn = BPF_STX_MEM(size, dst, src, off);
	} else {
		if (lex_number(ps, INT32_MIN, UINT32_MAX, &imm))
			return -EINVAL;
		insn = BPF_ST_MEM(size, dst, off, (__s32)(__u32)imm);
	}
	return emit(ps, start, &insn, 1);
}

/* store_release((SIZE *)(rD +OFF), rS) */
static int parse_store_release(struct asm_parser *ps, const char *start)
{
	struct bpf_insn insn;
	int size = 0, dst, src;
	bool sx, wide;
	__s16 off;

	if (lex_expect(ps, "(") || lex_typed_ptr(ps, &size, &sx, &dst, &off) ||
	    lex_expect(ps, ",") || lex_reg(ps, &src, &wide) || lex_expect(ps, ")"))
		return -EINVAL;
	insn = BPF_ATOMIC_OP(size, BPF_STORE_REL, dst, src, off);
	return emit(ps, start, &insn, 1);
}

/* map[NAME], map[fd:N], map[id:N], map[fd:N][0]+OFF, map[idx:N][+OFF]. */
static int parse_map_ref(struct asm_parser *ps, const char *start, int dst)
{
	struct bpf_insn insn[2] = { BPF_LD_IMM64_RAW(dst, BPF_PSEUDO_MAP_FD, 0) };
	char name[BUILDER_NAME_MAX];
	const char *name_at;
	long long n = 0, off = 0;
	bool by_name = false;

	lex_skip_ws(ps);
	name_at = ps->s;
	if (lex_accept(ps, "fd:") || lex_accept(ps, "id:")) {
		if (lex_number(ps, 0, UINT32_MAX, &n))
			return -EINVAL;
	} else if (lex_accept(ps, "idx:")) {
		if (lex_number(ps, 0, UINT32_MAX, &n))
			return -EINVAL;
		insn[0].src_reg = BPF_PSEUDO_MAP_IDX;
	} else {
		if (lex_ident(ps, name, "", "a map name, fd:N or idx:N"))
			return -EINVAL;
		by_name = true;
	}
	if (lex_expect(ps, "]"))
		return -EINVAL;
	/* A pointer into the value: "[0]+OFF" (idx: "+OFF") */
	if (insn[0].src_reg == BPF_PSEUDO_MAP_IDX ? lex_accept(ps, "+") :
	    lex_accept(ps, "[")) {
		if (insn[0].src_reg != BPF_PSEUDO_MAP_IDX &&
		    (lex_expect(ps, "0") || lex_expect(ps, "]") || lex_expect(ps, "+")))
			return -EINVAL;
		if (lex_number(ps, 0, UINT32_MAX, &off))
			return -EINVAL;
		insn[0].src_reg = insn[0].src_reg == BPF_PSEUDO_MAP_IDX ?
				  BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_VALUE;
	}
	insn[0].imm = (__s32)(__u32)n;
	insn[1].imm = (__s32)(__u32)off;
	lex_accept_word(ps, "ll");
	if (!by_name)
		return emit(ps, start, insn, 2);
	if (ps->prefix >= 0 && ps->prefix != insn[0].code)
		return emit(ps, start, insn, 2);	/* says why */
	ps->b->col = lex_col(ps, name_at);
	builder__ld_map(ps->b, dst, name, ps->line);
	if (!ps->b->err) {
		/* The builder writes the fd; keep the value form and offset. */
		struct bpf_insn *at = &ps->b->insns[ps->b->len - 2];

		at[0].src_reg = insn[0].src_reg;
		at[1].imm = insn[1].imm;
	}
	return 0;
}

/* What follows "rD = atomic..." : fetch ops, xchg and cmpxchg. */
static int parse_atomic(struct asm_parser *ps, const char *start, int dst)
{
	char name[BUILDER_NAME_MAX], *op;
	int size = 0, ptr, src, r0, imm = -1;
	struct bpf_insn insn;
	const char *at;
	unsigned int i;
	bool sx, wide;
	__s16 off;

	lex_skip_ws(ps);
	at = ps->s;
	if (lex_ident(ps, name, "", "an atomic operation"))
		return -EINVAL;
	op = name + (strncmp(name, "atomic64_", 9) ? 7 : 9);
	if (strncmp(name, "atomic", 6) || (op[-1] != '_'))
		return lex_fail_at(ps, at, "unknown operation '%s'", name);
	if (!strcmp(op, "xchg"))
		imm = BPF_XCHG;
	else if (!strcmp(op, "cmpxchg"))
		imm = BPF_CMPXCHG;
	for (i = 0; imm < 0 && i < ARRAY_SIZE(atomic_ops); i++)
		if (!strncmp(op, "fetch_", 6) && !strcmp(op + 6, atomic_ops[i].name))
			imm = atomic_ops[i].op | BPF_FETCH;
	if (imm < 0)
		return lex_fail_at(ps, at, "unknown operation '%s'", name);
	if (lex_expect(ps, "(") || lex_typed_ptr(ps, &size, &sx, &ptr, &off) ||
	    lex_expect(ps, ","))
		return -EINVAL;
	/* cmpxchg compares with r0 and returns into it */
	if (imm == BPF_CMPXCHG && (lex_reg(ps, &r0, &wide) || lex_expect(ps, ",")))
		return -EINVAL;
	if (lex_reg(ps, &src, &wide) || lex_expect(ps, ")"))
		return -EINVAL;
	if ((imm == BPF_CMPXCHG ? dst != 0 || r0 != 0 : dst != src))
		return lex_fail_at(ps, start, imm == BPF_CMPXCHG ?
			       "cmpxchg works on r0: r0 = %s(ptr, r0, rS)" :
			       "%s returns into its source register", name);
	insn = BPF_ATOMIC_OP(size, imm, ptr, src, off);
	return emit(ps, start, &insn, 1);
}

/* r0 = *(SIZE *)skb[IMM] or skb[rS + IMM]: the old packet loads. */
static int parse_skb(struct asm_parser *ps, const char *start, int dst, int size)
{
	struct bpf_insn insn = { .code = BPF_LD | (__u8)size | BPF_ABS };
	long long imm;
	bool wide;
	int src;

	if (dst != 0)
		return lex_fail_at(ps, start, "a packet load writes r0");
	if (lex_expect(ps, "["))
		return -EINVAL;
	imm = 0;
	if (lex_at_reg(ps)) {
		if (lex_reg(ps, &src, &wide))
			return -EINVAL;
		insn.code = BPF_LD | (__u8)size | BPF_IND;
		insn.src_reg = (__u8)src;
		/* clang writes skb[r1], the log skb[r1 + 0] */
		if (lex_accept(ps, "+") && lex_number(ps, INT32_MIN, INT32_MAX, &imm))
			return -EINVAL;
	} else if (lex_number(ps, INT32_MIN, INT32_MAX, &imm)) {
		return -EINVAL;
	}
	if (lex_expect(ps, "]"))
		return -EINVAL;
	insn.imm = (__s32)imm;
	return emit(ps, start, &insn, 1);
}

/*
 * "rN = IMM" that fits 32 bits is clang's mov; say where the verifier
 * log's reading differs: it prints a two-slot load in hex, and a mov of
 * 0x80000000 and up gives its value sign-extended.
 */
static void warn_mov(struct asm_parser *ps, const char *at, int dst, long long v)
{
	const char *digits = at + (*at == '-' || *at == '+');
	bool hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');

	if (v > INT32_MAX)
		lex_warn_at(ps, at, "a 32-bit mov, as clang reads it: r%d = %#llx, sign-extended; ' ll' loads %#llx",
			    dst, (unsigned long long)(__s64)(__s32)(__u32)v,
			    (unsigned long long)v);
	else if (hex)
		lex_warn_at(ps, at, "a 32-bit mov, as clang reads it; the verifier log prints a two-slot load so (' ll' or \"(18)\" for one)");
}

/* rD = ...: everything after the "=" of a plain assignment. */
static int parse_mov(struct asm_parser *ps, const char *start, int dst, bool wide)
{
	__u8 alu = wide ? BPF_ALU64 : BPF_ALU;
	struct bpf_insn insn[2] = { { 0 } };
	const char *at;
	long long v;
	int src, size, bits;
	bool sx, w, ld64;
	__s16 off;

	lex_skip_ws(ps);
	at = ps->s;
	if (*ps->s == '-' && (ps->s[1] == 'r' || ps->s[1] == 'w')) {
		ps->s++;
		if (lex_reg_of(ps, wide, &src))
			return -EINVAL;
		if (src != dst)
			return lex_fail_at(ps, at, "negation is in place: %c%d = -%c%d",
				       wide ? 'r' : 'w', dst, wide ? 'r' : 'w', dst);
		insn[0] = BPF_RAW_INSN(alu | BPF_NEG, dst, 0, 0, 0);
		return emit(ps, start, insn, 1);
	}
	if (lex_accept(ps, "*")) {
		if (lex_expect(ps, "("))
			return -EINVAL;
		size = lex_size_word(ps, &sx);
		if (size < 0 || lex_expect(ps, "*") || lex_expect(ps, ")"))
			return -EINVAL;
		/*
		 * clang's "w0 = *(u8 *)(r1 +0)" is the same load: it zeroes
		 * the upper half whatever the destination's width.
		 */
		if (!wide && (size == BPF_DW || sx))
			return lex_fail_at(ps, start, "a %s load writes an r register",
				       sx ? "sign-extending" : "64-bit");
		if (lex_accept_word(ps, "skb"))
			return plain_size(ps, at, sx) ? -EINVAL :
			       parse_skb(ps, start, dst, size);
		if (lex_expect(ps, "(") || lex_reg(ps, &src, &w) ||
		    lex_offset(ps, &off) || lex_expect(ps, ")"))
			return -EINVAL;
		insn[0] = sx ? BPF_LDX_MEMSX(size, dst, src, off) :
			       BPF_LDX_MEM(size, dst, src, off);
		return emit(ps, start, insn, 1);
	}
	if (lex_accept(ps, "map[")) {
		if (!wide)
			return lex_fail_at(ps, start, "a map loads into an r register");
		return parse_map_ref(ps, start, dst);
	}
	if (lex_accept(ps, "subprog[")) {
		if (lex_number(ps, INT32_MIN, INT32_MAX, &v) || lex_expect(ps, "]"))
			return -EINVAL;
		insn[0] = (struct bpf_insn)BPF_LD_IMM64_RAW(dst, BPF_PSEUDO_FUNC, 0);
		insn[0].imm = (__s32)v;
		lex_accept_word(ps, "ll");
		return emit(ps, start, insn, 2);
	}
	if (lex_accept(ps, "&")) {
		if (lex_expect(ps, "(") || !lex_accept_word(ps, "void") ||
		    !lex_accept_word(ps, "__percpu") || lex_expect(ps, "*") ||
		    lex_expect(ps, ")") || lex_expect(ps, "(") || lex_reg(ps, &src, &w) ||
		    lex_expect(ps, ")"))
			return -EINVAL;
		insn[0] = BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, dst, src,
				       ADDR_PERCPU_OFF, 0);
		return emit(ps, start, insn, 1);
	}
	if (*ps->s == '(' && ps->s[1] == 's') {
		/* (s8)r2: the sign-extending mov */
		ps->s += 2;
		if (lex_number(ps, 8, 32, &v) || lex_expect(ps, ")"))
			return -EINVAL;
		if (v != 8 && v != 16 && v != 32)
			return lex_fail_at(ps, at, "expected (s8), (s16) or (s32)");
		if (lex_reg_of(ps, wide, &src))
			return -EINVAL;
		insn[0] = BPF_RAW_INSN(alu | BPF_MOV | BPF_X, dst, src, v, 0);
		return emit(ps, start, insn, 1);
	}
	if (!strncmp(ps->s, "bswap", 5) || !strncmp(ps->s, "be", 2) ||
	    !strncmp(ps->s, "le", 2)) {
		bool bswap = ps->s[0] == 'b' && ps->s[1] == 's';
		__u8 code = bswap ? BPF_ALU64 | BPF_END :
			    BPF_ALU | BPF_END | (ps->s[0] == 'b' ? BPF_TO_BE : BPF_TO_LE);

		ps->s += bswap ? 5 : 2;
		bits = (int)strtol(ps->s, (char **)&ps->s, 10);
		if (bits != 16 && bits != 32 && bits != 64)
			return lex_fail_at(ps, at, "a swap of 16, 32 or 64 bits");
		if (!wide)
			return lex_fail_at(ps, start, "a byte swap names r registers");
		if (lex_reg_of(ps, true, &src))
			return -EINVAL;
		if (src != dst)
			return lex_fail_at(ps, at, "a byte swap is in place");
		insn[0] = BPF_RAW_INSN(code, dst, 0, 0, bits);
		return emit(ps, start, insn, 1);
	}
	if (!strncmp(ps->s, "atomic", 6))
		return parse_atomic(ps, start, dst);
	if (lex_accept_word(ps, "load_acquire")) {
		if (lex_expect(ps, "(") || lex_typed_ptr(ps, &size, &sx, &src, &off) ||
		    lex_expect(ps, ")"))
			return -EINVAL;
		/* Here dst_reg takes the value, src_reg is the pointer */
		insn[0] = BPF_ATOMIC_OP(size, BPF_LOAD_ACQ, dst, src, off);
		return emit(ps, start, insn, 1);
	}
	if (lex_accept_word(ps, "addr_space_cast")) {
		long long as1, as2;

		if (lex_expect(ps, "(") || lex_reg(ps, &src, &w) || lex_expect(ps, ",") ||
		    lex_number(ps, 0, 0xffff, &as1) || lex_expect(ps, ",") ||
		    lex_number(ps, 0, 0xffff, &as2) || lex_expect(ps, ")"))
			return -EINVAL;
		insn[0] = BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, dst, src,
				       ADDR_SPACE_CAST_OFF,
				       (__s32)((__u32)as1 << 16 | (__u32)as2));
		return emit(ps, start, insn, 1);
	}
	if (lex_at_reg(ps)) {
		if (lex_reg_of(ps, wide, &src))
			return -EINVAL;
		insn[0] = BPF_RAW_INSN(alu | BPF_MOV | BPF_X, dst, src, 0, 0);
		return emit(ps, start, insn, 1);
	}

	/* A number: a mov, or a 64-bit load when written as one */
	lex_skip_ws(ps);
	at = ps->s;
	if (!wide || ps->prefix == (BPF_ALU64 | BPF_MOV | BPF_K)) {
		if (lex_number(ps, INT32_MIN, wide ? INT32_MAX : UINT32_MAX, &v))
			return -EINVAL;
		insn[0] = BPF_RAW_INSN(alu | BPF_MOV | BPF_K, dst, 0, 0,
				       (__s32)(__u32)v);
		return emit(ps, start, insn, 1);
	}
	if (lex_number(ps, INT64_MIN, UINT64_MAX, &v))
		return -EINVAL;
	ld64 = lex_accept_word(ps, "ll") ||
	       ps->prefix == (BPF_LD | BPF_DW | BPF_IMM);
	if (!ld64 && v >= INT32_MIN && v <= (long long)UINT32_MAX) {
		/* clang's mov: 32 bits, sign-extended */
		warn_mov(ps, at, dst, v);
		insn[0] = BPF_MOV64_IMM(dst, (__s32)(__u32)v);
		return emit(ps, start, insn, 1);
	}
	if (!ld64)
		lex_warn_at(ps, at, "clang 14 reads a mov of the low 32 bits (r%d = %d); this is the 64-bit load (' ll' says so)",
			    dst, (__s32)(__u32)v);
	{
		struct bpf_insn ld[2] = { BPF_LD_IMM64(dst, v) };

		return emit(ps, start, ld, 2);
	}
}

/* rD = ..., rD OP= ...: ALU, loads, atomics that return a value. */
static int parse_assign(struct asm_parser *ps, const char *start)
{
	struct bpf_insn insn;
	unsigned int i;
	int dst;
	bool wide;

	if (lex_reg(ps, &dst, &wide))
		return -EINVAL;
	lex_skip_ws(ps);
	for (i = 0; i < ARRAY_SIZE(alu_ops); i++)
		if (lex_accept(ps, alu_ops[i].text))
			break;
	if (i == ARRAY_SIZE(alu_ops))
		return lex_expected(ps, "an assignment (=, +=, <<=, ...)");
	if (alu_ops[i].op == BPF_MOV)
		return parse_mov(ps, start, dst, wide);
	insn = BPF_RAW_INSN((wide ? BPF_ALU64 : BPF_ALU) | alu_ops[i].op, dst,
			    0, alu_ops[i].off, 0);
	if (parse_source(ps, wide, &insn))
		return -EINVAL;
	return emit(ps, start, &insn, 1);
}

/*
 * One instruction: the text after its "(xx)" opcode prefix, when there is
 * one (ps->prefix), up to the end of the statement.
 */
int text_parse_insn(struct asm_parser *ps)
{
	const char *start;

	lex_skip_ws(ps);
	start = ps->s;
	if (lex_accept_word(ps, "exit"))
		return emit(ps, start, &BPF_EXIT_INSN(), 1);
	if (lex_accept_word(ps, "nospec"))
		return emit(ps, start,
			    &BPF_RAW_INSN(BPF_ST | NOSPEC_MODE, 0, 0, 0, 0), 1);
	if (lex_accept_word(ps, "call"))
		return parse_call(ps, start);
	if (lex_accept_word(ps, "goto"))
		return jump_target(ps, start, BPF_JMP_A(0), false);
	if (lex_accept_word(ps, "gotol"))
		return jump_target(ps, start,
				   BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 0),
				   true);
	if (lex_accept_word(ps, "may_goto"))
		return jump_target(ps, start,
				   BPF_RAW_INSN(BPF_JMP | BPF_JCOND, 0,
						MAY_GOTO_SRC, 0, 0), false);
	if (lex_accept_word(ps, "gotox")) {
		struct bpf_insn insn = BPF_RAW_INSN(BPF_JMP | BPF_JA | BPF_X,
						    0, 0, 0, 0);
		int r;

		if (lex_reg_of(ps, true, &r))
			return -EINVAL;
		insn.dst_reg = (__u8)r;
		return emit(ps, start, &insn, 1);
	}
	if (lex_accept_word(ps, "if"))
		return parse_if(ps, start);
	if (lex_accept_word(ps, "lock"))
		return parse_lock(ps, start);
	if (lex_accept_word(ps, "store_release"))
		return parse_store_release(ps, start);
	if (lex_accept(ps, "*"))
		return parse_store(ps, start);
	if (lex_at_reg(ps))
		return parse_assign(ps, start);
	return lex_expected(ps, "an instruction");
}
