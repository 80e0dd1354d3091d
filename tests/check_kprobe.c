// SPDX-License-Identifier: GPL-2.0
/*
 * The kprobe facility's parts that need no probe attached: the PMU found
 * or said missing as the kernel has it, a function found under the name
 * /proc/kallsyms gives it (a compiler's copy too), and each
 * architecture's registers for a kernel function's arguments.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "loader/kprobe.h"
#include "progs/callregs.h"

/* The PMU is there exactly when its directory is. */
START_TEST(test_pmu)
{
	int type = kprobe_pmu_type();

	if (access(KPROBE_PMU_DIR, F_OK)) {
		ck_assert_int_eq(type, -ENOENT);
		/* Nothing to attach to: said as the PMU's absence. */
		ck_assert_int_eq(kprobe_attach(-1, "d_lookup", false), -ENOENT);
		ck_assert_int_eq(kprobe_attach(-1, "d_lookup", true), -ENOENT);
	} else {
		/* perf's own types (0..5) come first; a PMU's is past them. */
		ck_assert_int_gt(type, 5);
	}
}
END_TEST

/* Each function /proc/kallsyms lists (not a module's): fn(name, arg). */
static void each_function(void (*fn)(const char *name, void *arg), void *arg)
{
	char line[512], name[256], type;
	FILE *f = fopen("/proc/kallsyms", "re");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (!strchr(line, '[') && sscanf(line, "%*s %c %255s", &type, name) == 2 &&
		    (type == 't' || type == 'T'))
			fn(name, arg);
	fclose(f);
}

#define CANDIDATES	16

/* Functions named base.SUFFIX, a suffix the compiler gives its copies. */
struct copies {
	char copy[CANDIDATES][256];
	char base[CANDIDATES][256];
	bool original[CANDIDATES];	/* base itself is there too */
	int n;
};

static void find_copies(const char *name, void *arg)
{
	static const char *const suffixes[] = { ".isra.", ".constprop.", ".part." };
	struct copies *c = arg;
	const char *dot = NULL;
	size_t i;

	for (i = 0; i < 3 && !dot; i++)
		dot = strstr(name, suffixes[i]);
	if (!dot || c->n == CANDIDATES)
		return;
	snprintf(c->copy[c->n], sizeof(c->copy[0]), "%s", name);
	snprintf(c->base[c->n], sizeof(c->base[0]), "%.*s", (int)(dot - name), name);
	/* The first copy of a base only, as kprobe_function() takes it. */
	for (i = 0; i < (size_t)c->n; i++)
		if (!strcmp(c->base[i], c->base[c->n]))
			return;
	c->n++;
}

static void find_originals(const char *name, void *arg)
{
	struct copies *c = arg;
	int i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(name, c->base[i]))
			c->original[i] = true;
}

START_TEST(test_function)
{
	static struct copies c;
	char buf[256];
	int i;

	if (access("/proc/kallsyms", R_OK))
		return;
	/* d_lookup() is exported: always there under its own name. */
	ck_assert_int_eq(kprobe_function("d_lookup", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "d_lookup");
	/* A prefix of a function's name is not that function. */
	ck_assert_int_eq(kprobe_function("d_looku", buf, sizeof(buf)), -ENOENT);
	ck_assert_int_eq(kprobe_function("barebpf_no_such_function", buf, sizeof(buf)), -ENOENT);
	ck_assert_int_eq(kprobe_function("d_lookup", buf, 8), -ENAMETOOLONG);
	/* A function the kernel has only as a compiler's copy: found as it. */
	memset(&c, 0, sizeof(c));
	each_function(find_copies, &c);
	each_function(find_originals, &c);
	for (i = 0; i < c.n; i++) {
		if (c.original[i])
			continue;
		ck_assert_int_eq(kprobe_function(c.base[i], buf, sizeof(buf)), 0);
		ck_assert_str_eq(buf, c.copy[i]);
		break;	/* one will do: each call reads all of kallsyms */
	}
}
END_TEST

/* The calling convention's registers, at the offsets struct pt_regs has them. */
START_TEST(test_callregs)
{
	const struct callregs *cr = callregs_native();
	struct builder b;

	ck_assert_ptr_nonnull(cr);
#if defined(__x86_64__)
	/* r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di: 8 bytes each */
	ck_assert_uint_eq(cr->word, 8);
	ck_assert_uint_eq(cr->arg[0], 112);	/* rdi */
	ck_assert_uint_eq(cr->arg[1], 104);	/* rsi */
	ck_assert_uint_eq(cr->arg[2], 96);	/* rdx */
	ck_assert_uint_eq(cr->arg[3], 88);	/* rcx, not the syscalls' r10 */
	ck_assert_uint_eq(cr->arg[4], 72);	/* r8 */
	ck_assert_uint_eq(cr->arg[5], 64);	/* r9 */
	ck_assert_uint_eq(cr->ret, 80);		/* rax */
#elif defined(__aarch64__)
	ck_assert_uint_eq(cr->word, 8);
	ck_assert_uint_eq(cr->arg[0], 0);	/* x0 */
	ck_assert_uint_eq(cr->arg[5], 40);	/* x5 */
	ck_assert_uint_eq(cr->ret, 0);
#elif defined(__arm__)
	ck_assert_uint_eq(cr->word, 4);
	ck_assert_uint_eq(cr->arg[3], 12);	/* r3 */
	ck_assert_uint_eq(cr->arg[4], CALLREGS_NONE);	/* on the stack */
#endif
	/* arg 1: a load from the context at its register's offset, the word's width */
	builder__init(&b);
	callregs_emit_arg(&b, cr, BPF_REG_7, BPF_REG_6, 1);
	callregs_emit_ret(&b, cr, BPF_REG_0, BPF_REG_1);
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(b.len, 2);
	ck_assert_uint_eq(b.insns[0].code, BPF_LDX | BPF_MEM | (cr->word == 8 ? BPF_DW : BPF_W));
	ck_assert_uint_eq(b.insns[0].dst_reg, BPF_REG_7);
	ck_assert_uint_eq(b.insns[0].src_reg, BPF_REG_6);
	ck_assert_int_eq(b.insns[0].off, (int)cr->arg[1]);
	ck_assert_int_eq(b.insns[1].off, (int)cr->ret);
	builder__free(&b);
	/* No seventh argument in a register anywhere: the builder says so. */
	builder__init(&b);
	callregs_emit_arg(&b, cr, BPF_REG_7, BPF_REG_6, 6);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_msg(strstr(b.errmsg, "argument 6 of a kernel function is not in a register"),
		      "%s", b.errmsg);
	builder__free(&b);
}
END_TEST

Suite *kprobe_suite(void)
{
	Suite *s = suite_create("kprobe");
	TCase *tc = tcase_create("kprobe");

	/* /proc/kallsyms is read whole a few times: seconds on a busy machine. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pmu);
	tcase_add_test(tc, test_function);
	tcase_add_test(tc, test_callregs);
	suite_add_tcase(s, tc);
	return s;
}
