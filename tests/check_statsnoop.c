// SPDX-License-Identifier: GPL-2.0
/*
 * statsnoop's programs, built against format text with offsets that are
 * not the 6.18 ones: loads follow the text, the call is known by the
 * tracepoint's name, and an event that is no stat call is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "loader/format.h"
#include "progs/statsnoop.h"

#define HEAD \
"format:\n" \
"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n" \
"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n" \
"\n" \
"\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"

static const char enter_statx[] = "name: sys_enter_statx\nID: 1\n" HEAD
"\tfield:int dfd;\toffset:32;\tsize:8;\tsigned:0;\n"
"\tfield:const char * filename;\toffset:48;\tsize:8;\tsigned:0;\n"
"\n"
"print fmt: \"\"\n";

static const char enter_newstat[] = "name: sys_enter_newstat\nID: 2\n" HEAD
"\tfield:const char * filename;\toffset:56;\tsize:8;\tsigned:0;\n"
"\n"
"print fmt: \"\"\n";

static const char exit_text[] = "name: sys_exit_%s\nID: 3\n" HEAD
"\tfield:long ret;\toffset:24;\tsize:8;\tsigned:1;\n"
"\n"
"print fmt: \"\"\n";

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

struct built {
	struct bpf_insn insns[512];
	size_t len;
	int err;
	char errmsg[sizeof(((struct builder *)0)->errmsg)];
};

typedef int (*build_fn)(struct builder *, const struct tp_format *, void *);

static void build(build_fn fn, const char *event, const char *text,
		  const struct statsnoop_config *cfg, struct built *out)
{
	struct tp_format *fmt = tp_format__parse("syscalls", event, text, NULL);
	struct builder b;

	ck_assert_ptr_nonnull(fmt);
	builder__init(&b);
	builder__map(&b, "events", 3);
	builder__map(&b, "counters", 4);
	builder__map(&b, "tree", 5);
	builder__map(&b, "stats", 6);
	builder__map(&b, "stat_scratch", 7);
	fn(&b, fmt, (void *)cfg);
	out->err = builder__finish(&b);
	snprintf(out->errmsg, sizeof(out->errmsg), "%s", b.errmsg);
	ck_assert_uint_le(b.len, 512);
	if (b.len)
		memcpy(out->insns, b.insns, b.len * sizeof(*b.insns));
	out->len = b.len;
	builder__free(&b);
	tp_format__free(fmt);
}

static bool loads_ctx(const struct built *p, __u8 size, __s16 off)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (p->insns[i].code == (BPF_LDX | BPF_MEM | size) &&
		    p->insns[i].src_reg == BPF_REG_6 && p->insns[i].off == off)
			return true;
	return false;
}

/* An instruction with this opcode and immediate (dst_reg too, unless < 0). */
static bool has_insn(const struct built *p, __u8 code, int dst, __s32 imm)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (p->insns[i].code == code && p->insns[i].imm == imm &&
		    (dst < 0 || p->insns[i].dst_reg == dst))
			return true;
	return false;
}

/* A map load of fd (builder__map gave the maps fds 3..7 here). */
static bool loads_map(const struct built *p, int fd)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (p->insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) &&
		    p->insns[i].src_reg == BPF_PSEUDO_MAP_FD && p->insns[i].imm == fd)
			return true;
	return false;
}

static const struct statsnoop_config cfg = {
	.features = &features,
	.who = { .pid = -1, .uid = -1 },
};

START_TEST(test_enter_offsets)
{
	struct built p;

	build(statsnoop_build_enter, "sys_enter_statx", enter_statx, &cfg, &p);
	ck_assert_msg(p.err == 0, "%s", p.errmsg);
	ck_assert(loads_ctx(&p, BPF_DW, 48));	/* filename */
	ck_assert(loads_ctx(&p, BPF_DW, 32));	/* dfd */
	ck_assert(!has_insn(&p, BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, AT_FDCWD));

	/* No dfd: the pending dirfd is AT_FDCWD. */
	build(statsnoop_build_enter, "sys_enter_newstat", enter_newstat, &cfg, &p);
	ck_assert_msg(p.err == 0, "%s", p.errmsg);
	ck_assert(loads_ctx(&p, BPF_DW, 56));
	ck_assert(has_insn(&p, BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, AT_FDCWD));
}
END_TEST

/* The call's index is a constant of each exit program. */
START_TEST(test_exit_names_call)
{
	static const char *const calls[] = { STATSNOOP_CALLS };
	char text[2048], event[64];
	struct built p;
	int i;

	ck_assert_int_eq(sizeof(calls) / sizeof(calls[0]), STATSNOOP_NR_CALLS);
	for (i = 0; i < STATSNOOP_NR_CALLS; i++) {
		ck_assert_int_eq(statsnoop_call(calls[i]), i);
		snprintf(text, sizeof(text), exit_text, calls[i]);
		snprintf(event, sizeof(event), "sys_exit_%s", calls[i]);
		build(statsnoop_build_exit, event, text, &cfg, &p);
		ck_assert_msg(p.err == 0, "%s", p.errmsg);
		ck_assert(loads_ctx(&p, BPF_DW, 24));	/* ret */
		ck_assert(has_insn(&p, BPF_ST | BPF_MEM | BPF_W, BPF_REG_9, i));
	}
	ck_assert_int_eq(statsnoop_call("openat"), -1);
	ck_assert_int_eq(statsnoop_call("statfs"), -1);
}
END_TEST

START_TEST(test_exit_of_another_call)
{
	char text[2048];
	struct built p;

	snprintf(text, sizeof(text), exit_text, "openat");
	build(statsnoop_build_exit, "sys_exit_openat", text, &cfg, &p);
	ck_assert_int_eq(p.err, -EINVAL);
	ck_assert_str_eq(p.errmsg, "syscalls:sys_exit_openat is not a stat call's exit");
}
END_TEST

START_TEST(test_filters)
{
	struct statsnoop_config c = cfg;
	char text[2048];
	struct built p;

	/* Entry: -p and -- COMMAND's tree; none of them when not asked. */
	build(statsnoop_build_enter, "sys_enter_statx", enter_statx, &c, &p);
	ck_assert(!has_insn(&p, BPF_JMP | BPF_JNE | BPF_K, -1, 321));
	ck_assert(!loads_map(&p, 5));
	c.who.pid = 321;
	c.who.tree = 1;
	build(statsnoop_build_enter, "sys_enter_statx", enter_statx, &c, &p);
	ck_assert_msg(p.err == 0, "%s", p.errmsg);
	ck_assert(has_insn(&p, BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 321));
	ck_assert(loads_map(&p, 5));

	/* Exit: -x drops ret >= 0 (r8) before the record is made. */
	snprintf(text, sizeof(text), exit_text, "statx");
	build(statsnoop_build_exit, "sys_exit_statx", text, &cfg, &p);
	ck_assert(!has_insn(&p, BPF_JMP | BPF_JSGE | BPF_K, BPF_REG_8, 0));
	c.failed_only = 1;
	build(statsnoop_build_exit, "sys_exit_statx", text, &c, &p);
	ck_assert_msg(p.err == 0, "%s", p.errmsg);
	ck_assert(has_insn(&p, BPF_JMP | BPF_JSGE | BPF_K, BPF_REG_8, 0));
}
END_TEST

Suite *statsnoop_suite(void)
{
	Suite *s = suite_create("statsnoop");
	TCase *tc = tcase_create("programs");

	tcase_add_test(tc, test_enter_offsets);
	tcase_add_test(tc, test_exit_names_call);
	tcase_add_test(tc, test_exit_of_another_call);
	tcase_add_test(tc, test_filters);
	suite_add_tcase(s, tc);
	return s;
}
