// SPDX-License-Identifier: GPL-2.0
/*
 * Disassembler printing the text of the kernel's print_bpf_insn()
 * (kernel/bpf/disasm.c, as of 6.18 plus the 6.19 gotox), so that a listing
 * of ours can be diffed against a verifier log line for line. The text was
 * checked against the verifier log of a 6.18 kernel.
 *
 * Where the kernel's format has quirks we keep them, since matching its log
 * is the point: a hole in an operator table prints "(null)" (the kernel's
 * vsnprintf does that for a NULL %s), a 32-bit atomic still names r
 * registers, and jump immediates print as unsigned hex while ALU
 * immediates print as signed decimal.
 *
 * Unlike the kernel we never hide pointers: a map load prints the fd or
 * index held in the instruction (the verifier prints the map's address, or
 * 0x0 to the unprivileged; bpftool prints map[id:N] through its callback).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "asm/disasm.h"
#include "asm/helpers.h"
#include "asm/insn.h"

/* The kernel formats into its 1024-byte log buffer; callbacks may be long. */
#define TEXT_MAX		1024

/* NEG and END have forms of their own; 0xe0 and 0xf0 are holes. */
static const char *const alu_op[16] = {
	[BPF_ADD >> 4] = "+=",	[BPF_SUB >> 4] = "-=",	[BPF_MUL >> 4] = "*=",
	[BPF_DIV >> 4] = "/=",	[BPF_OR >> 4] = "|=",	[BPF_AND >> 4] = "&=",
	[BPF_LSH >> 4] = "<<=",	[BPF_RSH >> 4] = ">>=",	[BPF_MOD >> 4] = "%=",
	[BPF_XOR >> 4] = "^=",	[BPF_MOV >> 4] = "=",	[BPF_ARSH >> 4] = "s>>=",
};

/* off == 1 turns div and mod signed (6.6). */
static const char *const alu_signed_op[16] = {
	[BPF_DIV >> 4] = "s/=",	[BPF_MOD >> 4] = "s%=",
};

/* A register mov with off 8, 16 or 32 sign-extends (6.6); off / 8 - 1. */
static const char *const movsx_cast[4] = {
	[0] = "(s8)", [1] = "(s16)", [3] = "(s32)",
};

/* Atomic ops that exist in plain (lock) and fetching forms. */
static const char *const atomic_op[16] = {
	[BPF_ADD >> 4] = "add",	[BPF_AND >> 4] = "and",
	[BPF_OR >> 4] = "or",	[BPF_XOR >> 4] = "xor",
};

static const char *const size_name[4] = {
	[BPF_W >> 3] = "u32", [BPF_H >> 3] = "u16",
	[BPF_B >> 3] = "u8", [BPF_DW >> 3] = "u64",
};

/* No s64: a sign-extending 8-byte load has nothing to extend. */
static const char *const sx_size_name[4] = {
	[BPF_W >> 3] = "s32", [BPF_H >> 3] = "s16", [BPF_B >> 3] = "s8",
};

static const char *const jmp_op[16] = {
	[BPF_JA >> 4] = "jmp",	[BPF_JEQ >> 4] = "==",	[BPF_JGT >> 4] = ">",
	[BPF_JLT >> 4] = "<",	[BPF_JGE >> 4] = ">=",	[BPF_JLE >> 4] = "<=",
	[BPF_JSET >> 4] = "&",	[BPF_JNE >> 4] = "!=",	[BPF_JSGT >> 4] = "s>",
	[BPF_JSLT >> 4] = "s<",	[BPF_JSGE >> 4] = "s>=", [BPF_JSLE >> 4] = "s<=",
	[BPF_CALL >> 4] = "call", [BPF_EXIT >> 4] = "exit",
};

/* What the kernel's vsnprintf prints for a NULL %s, i.e. a table hole. */
static const char *str(const char *s)
{
	return s ? s : "(null)";
}

__attribute__((format(printf, 2, 3)))
static void put(char *text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, TEXT_MAX, fmt, ap);
	va_end(ap);
}

static void print_alu(char *text, const struct bpf_insn *insn)
{
	__u8 class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	char w = class == BPF_ALU ? 'w' : 'r';
	const char *op_text = alu_op[op >> 4], *cast = "";

	if (op == BPF_END && class == BPF_ALU64) {
		/* 6.6: unconditional swap, whatever the host order */
		put(text, "(%02x) r%d = bswap%d r%d", insn->code,
		    insn->dst_reg, insn->imm, insn->dst_reg);
	} else if (op == BPF_END) {
		put(text, "(%02x) r%d = %s%d r%d", insn->code, insn->dst_reg,
		    BPF_SRC(insn->code) == BPF_TO_BE ? "be" : "le",
		    insn->imm, insn->dst_reg);
	} else if (op == BPF_NEG) {
		put(text, "(%02x) %c%d = -%c%d", insn->code,
		    w, insn->dst_reg, w, insn->dst_reg);
	} else if (insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
		   insn->off == ADDR_SPACE_CAST_OFF) {
		put(text, "(%02x) r%d = addr_space_cast(r%d, %u, %u)",
		    insn->code, insn->dst_reg, insn->src_reg,
		    (__u32)insn->imm >> 16, (__u16)insn->imm);
	} else if (insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
		   insn->off == ADDR_PERCPU_OFF) {
		put(text, "(%02x) r%d = &(void __percpu *)(r%d)",
		    insn->code, insn->dst_reg, insn->src_reg);
	} else {
		if ((op == BPF_DIV || op == BPF_MOD) && insn->off == 1)
			op_text = alu_signed_op[op >> 4];
		/* The kernel prints no cast for an imm source, so neither do we */
		if (op == BPF_MOV && (insn->off == 8 || insn->off == 16 ||
				      insn->off == 32))
			cast = movsx_cast[insn->off / 8 - 1];

		if (BPF_SRC(insn->code) == BPF_X)
			put(text, "(%02x) %c%d %s %s%c%d", insn->code, w,
			    insn->dst_reg, str(op_text), cast, w,
			    insn->src_reg);
		else
			put(text, "(%02x) %c%d %s %d", insn->code, w,
			    insn->dst_reg, str(op_text), insn->imm);
	}
}

static void print_atomic(char *text, const struct bpf_insn *insn)
{
	const char *size = size_name[BPF_SIZE(insn->code) >> 3];
	const char *bits = BPF_SIZE(insn->code) == BPF_DW ? "64" : "";
	const char *name = NULL;

	/* imm is an ALU op, optionally with BPF_FETCH, or a special */
	if ((insn->imm & ~(0xf0 | BPF_FETCH)) == 0)
		name = atomic_op[(insn->imm & 0xf0) >> 4];

	if (name && !(insn->imm & BPF_FETCH))
		put(text, "(%02x) lock *(%s *)(r%d %+d) %s r%d", insn->code,
		    size, insn->dst_reg, insn->off, alu_op[insn->imm >> 4],
		    insn->src_reg);
	else if (name)
		put(text, "(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
		    insn->code, insn->src_reg, bits, name, size,
		    insn->dst_reg, insn->off, insn->src_reg);
	else if (insn->imm == BPF_CMPXCHG)
		put(text, "(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)",
		    insn->code, bits, size, insn->dst_reg, insn->off,
		    insn->src_reg);
	else if (insn->imm == BPF_XCHG)
		put(text, "(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)",
		    insn->code, insn->src_reg, bits, size, insn->dst_reg,
		    insn->off, insn->src_reg);
	else if (insn->imm == BPF_LOAD_ACQ)
		put(text, "(%02x) r%d = load_acquire((%s *)(r%d %+d))",
		    insn->code, insn->dst_reg, size, insn->src_reg, insn->off);
	else if (insn->imm == BPF_STORE_REL)
		put(text, "(%02x) store_release((%s *)(r%d %+d), r%d)",
		    insn->code, size, insn->dst_reg, insn->off, insn->src_reg);
	else
		put(text, "BUG_%02x", insn->code);
}

static void print_mem(char *text, const struct bpf_insn *insn)
{
	__u8 class = BPF_CLASS(insn->code), mode = BPF_MODE(insn->code);
	const char *size = size_name[BPF_SIZE(insn->code) >> 3];

	if (class == BPF_STX && mode == BPF_MEM)
		put(text, "(%02x) *(%s *)(r%d %+d) = r%d", insn->code, size,
		    insn->dst_reg, insn->off, insn->src_reg);
	else if (class == BPF_STX && mode == BPF_ATOMIC)
		print_atomic(text, insn);
	else if (class == BPF_STX)
		put(text, "BUG_%02x", insn->code);
	else if (class == BPF_ST && mode == BPF_MEM)
		put(text, "(%02x) *(%s *)(r%d %+d) = %d", insn->code, size,
		    insn->dst_reg, insn->off, insn->imm);
	else if (class == BPF_ST && mode == NOSPEC_MODE)
		put(text, "(%02x) nospec", insn->code);
	else if (class == BPF_ST)
		put(text, "BUG_st_%02x", insn->code);
	else if (mode == BPF_MEM || mode == BPF_MEMSX)
		put(text, "(%02x) r%d = *(%s *)(r%d %+d)", insn->code,
		    insn->dst_reg, mode == BPF_MEM ? size :
		    str(sx_size_name[BPF_SIZE(insn->code) >> 3]),
		    insn->src_reg, insn->off);
	else
		put(text, "BUG_ldx_%02x", insn->code);
}

/* Returns the slots used: 2 for a complete 64-bit load, else 1. */
static int print_ld(char *text, const struct disasm_cbs *cbs,
		    const struct bpf_insn *insn, size_t remaining)
{
	const char *size = size_name[BPF_SIZE(insn->code) >> 3];
	const char *imm_text = NULL;
	char buf[TEXT_MAX];
	__u64 imm;

	switch (BPF_MODE(insn->code)) {
	case BPF_ABS:
		put(text, "(%02x) r0 = *(%s *)skb[%d]", insn->code, size,
		    insn->imm);
		return 1;
	case BPF_IND:
		put(text, "(%02x) r0 = *(%s *)skb[r%d + %d]", insn->code, size,
		    insn->src_reg, insn->imm);
		return 1;
	}
	if (!BPF_INSN_IS_LD_IMM64(*insn)) {
		put(text, "BUG_ld_%02x", insn->code);
		return 1;
	}
	/*
	 * The kernel rejects a program ending in half a 64-bit load before
	 * printing it; we may be shown any array, so say what we see.
	 */
	if (remaining < 2) {
		put(text, "(%02x) r%d = <truncated ld_imm64>", insn->code,
		    insn->dst_reg);
		return 1;
	}

	imm = (__u64)(__u32)insn[1].imm << 32 | (__u32)insn[0].imm;
	/* A callback returning NULL leaves the number, as none at all would */
	if (cbs->imm64)
		imm_text = cbs->imm64(cbs->ctx, insn, imm, buf, sizeof(buf));
	if (!imm_text) {
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)imm);
		imm_text = buf;
	}
	put(text, "(%02x) r%d = %s", insn->code, insn->dst_reg, imm_text);
	return 2;
}

/*
 * A helper is named from the table. Anything else goes to the callback
 * first; failing that a BPF-to-BPF call prints its pc-relative offset, a
 * kfunc "kernel-function", and the rest "unknown". As in the kernel, the
 * text for a BPF-to-BPF call follows "call pc", so a callback naming one
 * returns e.g. "+5#my_subprog".
 */
static void print_call(char *text, const struct disasm_cbs *cbs,
		       const struct bpf_insn *insn)
{
	const char *name = NULL;
	char buf[TEXT_MAX];

	if (insn->src_reg == 0)
		name = bpf_helper_name(insn->imm);
	if (!name && cbs->call_name)
		name = cbs->call_name(cbs->ctx, insn, buf, sizeof(buf));
	if (!name) {
		if (insn->src_reg == BPF_PSEUDO_CALL)
			snprintf(buf, sizeof(buf), "%+d", insn->imm);
		else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
			snprintf(buf, sizeof(buf), "kernel-function");
		else
			snprintf(buf, sizeof(buf), "unknown");
		name = buf;
	}

	if (insn->src_reg == BPF_PSEUDO_CALL)
		put(text, "(%02x) call pc%s", insn->code, name);
	else
		put(text, "(%02x) call %s#%d", insn->code, name, insn->imm);
}

static void print_jmp(char *text, const struct disasm_cbs *cbs,
		      const struct bpf_insn *insn)
{
	__u8 class = BPF_CLASS(insn->code);
	char w = class == BPF_JMP32 ? 'w' : 'r';

	/* Exact codes first: JMP32 has no exit, so 0x96 prints as an if */
	if (BPF_OP(insn->code) == BPF_CALL)
		print_call(text, cbs, insn);
	else if (insn->code == (BPF_JMP | BPF_JA))
		put(text, "(%02x) goto pc%+d", insn->code, insn->off);
	else if (insn->code == (BPF_JMP | BPF_JA | BPF_X))
		/* 6.19 indirect jump; 6.18 printed it as an if */
		put(text, "(%02x) gotox r%d", insn->code, insn->dst_reg);
	else if (insn->code == (BPF_JMP | BPF_JCOND) &&
		 insn->src_reg == MAY_GOTO_SRC)
		put(text, "(%02x) may_goto pc%+d", insn->code, insn->off);
	else if (insn->code == (BPF_JMP32 | BPF_JA))
		/* 6.6: the long jump keeps its offset in imm */
		put(text, "(%02x) gotol pc%+d", insn->code, insn->imm);
	else if (insn->code == (BPF_JMP | BPF_EXIT))
		put(text, "(%02x) exit", insn->code);
	else if (BPF_SRC(insn->code) == BPF_X)
		put(text, "(%02x) if %c%d %s %c%d goto pc%+d", insn->code,
		    w, insn->dst_reg, str(jmp_op[BPF_OP(insn->code) >> 4]),
		    w, insn->src_reg, insn->off);
	else
		put(text, "(%02x) if %c%d %s 0x%x goto pc%+d", insn->code,
		    w, insn->dst_reg, str(jmp_op[BPF_OP(insn->code) >> 4]),
		    (__u32)insn->imm, insn->off);
}

int disasm_insn(const struct disasm_cbs *cbs, const struct bpf_insn *insn,
		size_t remaining)
{
	char text[TEXT_MAX];
	int slots = 1;

	if (!cbs || !cbs->print || !insn || remaining == 0)
		return -EINVAL;

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		print_alu(text, insn);
		break;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		print_mem(text, insn);
		break;
	case BPF_LD:
		slots = print_ld(text, cbs, insn, remaining);
		break;
	default:	/* BPF_JMP and BPF_JMP32, the last two of eight */
		print_jmp(text, cbs, insn);
		break;
	}
	cbs->print(cbs->ctx, text);
	return slots;
}

const char *disasm_imm64_pseudo(const struct bpf_insn *insn, const char *word,
				char *buf, size_t len)
{
	__u32 n = (__u32)insn[0].imm, off = (__u32)insn[1].imm;

	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
		snprintf(buf, len, "map[%s:%u]", word, n);
		break;
	case BPF_PSEUDO_MAP_VALUE:
		snprintf(buf, len, "map[%s:%u][0]+%u", word, n, off);
		break;
	case BPF_PSEUDO_MAP_IDX:
		snprintf(buf, len, "map[idx:%u]", n);
		break;
	case BPF_PSEUDO_MAP_IDX_VALUE:
		snprintf(buf, len, "map[idx:%u]+%u", n, off);
		break;
	case BPF_PSEUDO_FUNC:
		snprintf(buf, len, "subprog[%+d]", insn[0].imm);
		break;
	default:
		return NULL;
	}
	return buf;
}

struct str_out {
	char *buf;
	size_t len;
};

static void print_to_str(void *ctx, const char *text)
{
	struct str_out *out = ctx;

	snprintf(out->buf, out->len, "%s", text);
}

int disasm_insn_str(const struct bpf_insn *insn, size_t remaining,
		    char *buf, size_t len)
{
	struct str_out out = { .buf = buf, .len = len };
	struct disasm_cbs cbs = { .print = print_to_str, .ctx = &out };

	if (!buf || len == 0)
		return -EINVAL;
	buf[0] = '\0';
	return disasm_insn(&cbs, insn, remaining);
}
