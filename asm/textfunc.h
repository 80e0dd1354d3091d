/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text assembler's functions: ".func NAME RETURN(ARGS) [static|global]"
 * starts one, its prototype in C type names ("int(void *)",
 * "long(struct __sk_buff *skb, __u32 len)"), and asm/textbtf.c makes the
 * BTF the kernel wants of it. A .func before the first instruction
 * declares the program's own function.
 */
#ifndef BAREBPF_ASM_TEXTFUNC_H
#define BAREBPF_ASM_TEXTFUNC_H

#include "asm/textlex.h"
#include "asm/textprog.h"

/* The rest of a ".func" line, at the cursor. Returns 0 or -EINVAL. */
int text_parse_func(struct asm_parser *ps);

/*
 * Once calls are resolved: every function called (BPF-to-BPF call or
 * callback) starts at a .func, and every .func but the program's own is
 * called. Nothing to check without .func lines. Returns 0 or -EINVAL
 * with p->b failed.
 */
int text_funcs_finish(struct asm_prog *p);

/*
 * The C type spelled at the cursor ("const char *", "__u32",
 * "struct __sk_buff *"); void only where allow_void. Returns 0 or
 * -EINVAL.
 */
int text_parse_ctype(struct asm_parser *ps, struct asm_ctype *t,
		     bool allow_void);

#endif /* BAREBPF_ASM_TEXTFUNC_H */
