/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disassembler printing the verifier log's own text, e.g.
 *   (bf) r6 = r1
 *   (61) r0 = *(u32 *)(r1 +8)
 *   (85) call bpf_probe_read_user_str#114
 * so our listings and the kernel's log line up byte for byte.
 */
#ifndef BAREBPF_ASM_DISASM_H
#define BAREBPF_ASM_DISASM_H

#include <stddef.h>
#include <linux/bpf.h>

struct disasm_cbs {
	/* Receives the text of one instruction, without index or newline. */
	void (*print)(void *ctx, const char *text);
	/*
	 * Optional: text for a call the helper table does not name
	 * (kfuncs, BPF-to-BPF calls). NULL keeps the kernel's default.
	 */
	const char *(*call_name)(void *ctx, const struct bpf_insn *insn,
				 char *buf, size_t len);
	/*
	 * Optional: text for the 64-bit immediate of a two-slot load
	 * (a map name instead of its fd, say). NULL prints 0x%llx.
	 */
	const char *(*imm64)(void *ctx, const struct bpf_insn *insn,
			     __u64 imm, char *buf, size_t len);
	void *ctx;
};

/*
 * Print the instruction at insn[0] through cbs->print. remaining is the
 * number of slots available from insn on, so a two-slot load at the end
 * of a program is reported rather than read past. Returns the number of
 * slots the instruction occupies (1 or 2).
 */
int disasm_insn(const struct disasm_cbs *cbs, const struct bpf_insn *insn,
		size_t remaining);

/*
 * Text for a two-slot load that refers to a map or a subprogram, in
 * bpftool's spelling with word for what imm holds ("id" in an xlated
 * dump, "fd" in a program about to be loaded): map[id:5],
 * map[id:5][0]+8, map[idx:0], map[idx:0]+8, subprog[+4]. NULL for a
 * plain number. The text assembler reads each of these back.
 */
const char *disasm_imm64_pseudo(const struct bpf_insn *insn, const char *word,
				char *buf, size_t len);

/* Same, into buf (always NUL-terminated). Returns slots used. */
int disasm_insn_str(const struct bpf_insn *insn, size_t remaining,
		    char *buf, size_t len);

#endif /* BAREBPF_ASM_DISASM_H */
