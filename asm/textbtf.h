/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BTF an assembled program with .func lines is loaded with, as
 * clang would give it: the types of each prototype, a FUNC_PROTO and a
 * FUNC per function, func_info (where each starts) and line_info (the
 * line of FILE.s each instruction came from, its text in the strings,
 * which the kernel's log then prints).
 */
#ifndef BAREBPF_ASM_TEXTBTF_H
#define BAREBPF_ASM_TEXTBTF_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include "asm/textprog.h"

struct asm_btf {
	void *data;			/* header, types, strings */
	__u32 size;
	struct bpf_func_info *func_info;
	__u32 nr_func_info;
	struct bpf_line_info *line_info;
	__u32 nr_line_info;
};

/*
 * Build it for a finished p. The program's own function, when no .func
 * declares it, is "int main_name(void)", global as clang makes it: the
 * verifier gives it the context in r1 whatever BTF says, and says
 * nothing of a prototype without arguments. file is the name line_info gives. A program without .func lines
 * gets none: returns 0 with *btf empty. Else 0 or -ENOMEM.
 */
int asm_prog__btf(const struct asm_prog *p, const char *main_name,
		  const char *file, struct asm_btf *btf);

void asm_btf__free(struct asm_btf *btf);

#endif /* BAREBPF_ASM_TEXTBTF_H */
