// SPDX-License-Identifier: GPL-2.0
/*
 * The BTF of .func lines, word by word: each type record beside the
 * line bpftool dumps for it, the strings, func_info and line_info; and
 * the .func lines themselves, read and refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/insn.h"
#include "asm/text.h"
#include "asm/names.h"
#include "asm/textbtf.h"
#include "loader/btf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define INFO(kind, vlen)	((__u32)(kind) << 24 | (vlen))

static const char prog[] =
	"\tr6 = r1\n"
	"\tcall sub\n"
	"\tcall sub2\n"
	"\texit\n"
	".func sub int(void *)\n"
	"\tr0 = 0\n"
	"\texit\n"
	".func sub2 long(struct __sk_buff *skb, __u32 len) global\n"
	"\tr0 = 1 ll   ; a comment is no part of the line\n"
	"\texit\n";

static const __u32 want_types[] = {
	/* [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED */
	1, INFO(BTF_KIND_INT, 0), 4, BTF_INT_SIGNED << 24 | 32,
	/* [2] FUNC_PROTO '(anon)' ret_type_id=1 vlen=0 */
	0, INFO(BTF_KIND_FUNC_PROTO, 0), 1,
	/* [3] FUNC 'prog' type_id=2 linkage=global */
	5, INFO(BTF_KIND_FUNC, BTF_FUNC_GLOBAL), 2,
	/* [4] PTR '(anon)' type_id=0 */
	0, INFO(BTF_KIND_PTR, 0), 0,
	/* [5] FUNC_PROTO '(anon)' ret_type_id=1 vlen=1 */
	0, INFO(BTF_KIND_FUNC_PROTO, 1), 1,
		10, 4,		/* 'r1' type_id=4 */
	/* [6] FUNC 'sub' type_id=5 linkage=static */
	13, INFO(BTF_KIND_FUNC, BTF_FUNC_STATIC), 5,
	/* [7] INT 'long' size=8 bits_offset=0 nr_bits=64 encoding=SIGNED */
	17, INFO(BTF_KIND_INT, 0), 8, BTF_INT_SIGNED << 24 | 64,
	/* [8] STRUCT '__sk_buff' size=0 vlen=0 */
	22, INFO(BTF_KIND_STRUCT, 0), 0,
	/* [9] PTR '(anon)' type_id=8 */
	0, INFO(BTF_KIND_PTR, 0), 8,
	/* [10] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none) */
	32, INFO(BTF_KIND_INT, 0), 4, 32,
	/* [11] TYPEDEF '__u32' type_id=10 */
	45, INFO(BTF_KIND_TYPEDEF, 0), 10,
	/* [12] FUNC_PROTO '(anon)' ret_type_id=7 vlen=2 */
	0, INFO(BTF_KIND_FUNC_PROTO, 2), 7,
		51, 9,		/* 'skb' type_id=9 */
		55, 11,		/* 'len' type_id=11 */
	/* [13] FUNC 'sub2' type_id=12 linkage=global */
	59, INFO(BTF_KIND_FUNC, BTF_FUNC_GLOBAL), 12,
};

static const char want_strings[] =
	"\0int\0prog\0r1\0sub\0long\0__sk_buff\0unsigned int\0__u32\0skb\0len\0"
	"sub2\0t.s\0r6 = r1\0call sub\0call sub2\0exit\0r0 = 0\0exit\0"
	"r0 = 1 ll\0exit";

/* Line n, column 2 (after the tab): as line_col holds them. */
#define AT(n)	((__u32)(n) << 10 | 2)

START_TEST(test_btf_words)
{
	const struct bpf_func_info want_funcs[] = { { 0, 3 }, { 4, 6 }, { 6, 13 } };
	const struct bpf_line_info want_lines[] = {
		{ 0, 64, 68, AT(1) }, { 1, 64, 76, AT(2) }, { 2, 64, 85, AT(3) },
		{ 3, 64, 95, AT(4) }, { 4, 64, 100, AT(6) }, { 5, 64, 107, AT(7) },
		{ 6, 64, 112, AT(9) }, { 8, 64, 122, AT(10) },
	};
	const struct btf_header *hdr;
	struct asm_btf btf;
	struct asm_prog p;
	const char *data;
	size_t i;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s", prog), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	ck_assert_int_eq(asm_prog__btf(&p, "prog", "t.s", &btf), 0);
	hdr = btf.data;
	data = btf.data;
	ck_assert_uint_eq(hdr->magic, BTF_MAGIC);
	ck_assert_uint_eq(hdr->version, BTF_VERSION);
	ck_assert_uint_eq(hdr->flags, 0);
	ck_assert_uint_eq(hdr->hdr_len, sizeof(*hdr));
	ck_assert_uint_eq(hdr->type_off, 0);
	ck_assert_uint_eq(hdr->type_len, sizeof(want_types));
	ck_assert_uint_eq(hdr->str_off, sizeof(want_types));
	ck_assert_uint_eq(hdr->str_len, sizeof(want_strings));
	ck_assert_uint_eq(btf.size, sizeof(*hdr) + sizeof(want_types) + sizeof(want_strings));
	for (i = 0; i < ARRAY_SIZE(want_types); i++) {
		__u32 w;

		memcpy(&w, data + sizeof(*hdr) + i * 4, 4);
		ck_assert_msg(w == want_types[i], "type word %zu is %#x, want %#x", i, w,
			      want_types[i]);
	}
	ck_assert(!memcmp(data + sizeof(*hdr) + sizeof(want_types), want_strings,
			  sizeof(want_strings)));
	ck_assert_uint_eq(btf.nr_func_info, ARRAY_SIZE(want_funcs));
	for (i = 0; i < ARRAY_SIZE(want_funcs); i++) {
		ck_assert_uint_eq(btf.func_info[i].insn_off, want_funcs[i].insn_off);
		ck_assert_uint_eq(btf.func_info[i].type_id, want_funcs[i].type_id);
	}
	ck_assert_uint_eq(btf.nr_line_info, ARRAY_SIZE(want_lines));
	for (i = 0; i < ARRAY_SIZE(want_lines); i++) {
		ck_assert_uint_eq(btf.line_info[i].insn_off, want_lines[i].insn_off);
		ck_assert_uint_eq(btf.line_info[i].file_name_off, want_lines[i].file_name_off);
		ck_assert_uint_eq(btf.line_info[i].line_off, want_lines[i].line_off);
		ck_assert_uint_eq(btf.line_info[i].line_col, want_lines[i].line_col);
	}
	asm_btf__free(&btf);
	asm_prog__free(&p);
}
END_TEST

/* barebpf's own BTF reader takes the blob, names and all. */
START_TEST(test_btf_reads_back)
{
	const struct btf_type *t;
	struct asm_btf blob;
	struct asm_prog p;
	struct btf *btf;
	int id;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s", prog), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	ck_assert_int_eq(asm_prog__btf(&p, "prog", "t.s", &blob), 0);
	btf = btf__parse(blob.data, blob.size);
	ck_assert_ptr_nonnull(btf);
	ck_assert_uint_eq(btf__nr_types(btf), 14);
	id = btf__find_by_name_kind(btf, "sub2", BTF_KIND_FUNC);
	ck_assert_int_eq(id, 13);
	t = btf__type_by_id(btf, 12);
	ck_assert_uint_eq(btf_kind(t), BTF_KIND_FUNC_PROTO);
	ck_assert_uint_eq(btf_vlen(t), 2);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "__sk_buff", BTF_KIND_STRUCT), 8);
	ck_assert_int_eq(btf__resolve_size(btf, 11), 4);
	ck_assert_str_eq(btf__name(btf, blob.line_info[6].line_off), "r0 = 1 ll");
	btf__free(btf);
	asm_btf__free(&blob);
	asm_prog__free(&p);
}
END_TEST

/* No .func, no BTF: the kernel gets the program as before. */
START_TEST(test_no_func_no_btf)
{
	struct asm_btf btf;
	struct asm_prog p;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s", "r0 = 0\nexit\n"), 0);
	ck_assert_int_eq(asm_prog__finish(&p, NULL), 0);
	ck_assert_int_eq(asm_prog__btf(&p, "prog", "t.s", &btf), 0);
	ck_assert_ptr_null(btf.data);
	ck_assert_uint_eq(btf.nr_func_info, 0);
	asm_prog__free(&p);
}
END_TEST

/* .func lines as read, and as asm prints them back. */
START_TEST(test_func_lines)
{
	static const struct {
		const char *decl, *printed;
	} c[] = {
		{ ".func f int(void *)", ".func f int(void *r1)" },
		{ ".func f void(void)", ".func f void(void)" },
		{ ".func f int()", ".func f int(void)" },
		{ ".func f unsigned long long(const char *s, int **pp, _Bool b) global",
		  ".func f unsigned long long(const char *s, int **pp, _Bool b) global" },
		{ ".func f long int(signed, unsigned char, short int c) static",
		  ".func f long(int r1, unsigned char r2, short c)" },
		{ ".func f u64(struct __sk_buff *ctx, union u *, __s8, bool)",
		  ".func f u64(struct __sk_buff *ctx, union u *r2, __s8 r3, _Bool r4)" },
	};
	char text[256], out[256];
	struct asm_prog p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		snprintf(text, sizeof(text), "call f\nexit\n%s\nexit\n", c[i].decl);
		ck_assert_msg(asm_prog__parse(&p, "t.s", text) == 0, "%s: %s",
			      c[i].decl, p.b.errmsg);
		ck_assert_msg(asm_prog__finish(&p, NULL) == 0, "%s", p.b.errmsg);
		ck_assert_uint_eq(p.nr_funcs, 1);
		ck_assert_uint_eq(p.funcs[0].index, 2);
		asm_func__format(&p.funcs[0], out, sizeof(out));
		ck_assert_str_eq(out, c[i].printed);
		asm_prog__free(&p);
	}
}
END_TEST

START_TEST(test_func_errors)
{
	static const struct {
		const char *text, *msg;
	} c[] = {
		{ ".func f int(float)\n", "t.s:1:13: unknown type 'float' (C's ints, __u32 and u32 and their kin, void, struct NAME)" },
		{ ".func f int(void, int)\n", "t.s:1:13: void where a value is passed" },
		{ ".func f int(int, int, int, int, int, int)\n", "t.s:1:38: more than 5 arguments (r1 to r5)" },
		{ ".func f int(long char)\n", "t.s:1:13: not a C type .func reads" },
		{ ".func f int(int) inline\n", "t.s:1:18: expected static or global, found 'inline'" },
		{ "call f\nexit\n.func f int(void)\nexit\n.func f int(void)\n",
		  "t.s:5:7: function 'f' is already declared at line 3" },
		{ "exit\n.func f int(void)\nexit\n", "t.s:2:1: function 'f' is never called: the kernel knows a function by the calls to it" },
		{ "call pc+1\nexit\nexit\n.func f int(void)\nexit\ncall f\n",
		  "t.s:1:1: a call to instruction 2, which starts no .func: with .func lines, each function needs one" },
		{ "call f\nexit\n.func f int(void)\n.func g int(void)\nexit\n",
		  "t.s:4:1: functions 'f' and 'g' start at one instruction" },
		{ "call f\nexit\n.func f int(void)\n", "t.s:3:1: function 'f' has no instructions" },
		{ ".data\n.func f int(void)\n", "t.s:2:1: a .func in a data section" },
	};
	struct asm_prog p;
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		err = asm_prog__parse(&p, "t.s", c[i].text);
		if (!err)
			err = asm_prog__finish(&p, NULL);
		ck_assert_msg(err == -EINVAL || err == -EEXIST, "%s: %d (%s)", c[i].text,
			      err, p.b.errmsg);
		ck_assert_str_eq(p.b.errmsg, c[i].msg);
		asm_prog__free(&p);
	}
}
END_TEST

/* .flags and .retval, and the flags' names both ways. */
START_TEST(test_flags_retval)
{
	struct asm_prog p;
	char bad[32], buf[128];
	__u32 flags;

	ck_assert_int_eq(asm_prog__parse(&p, "t.s", ".flags any_alignment, test_rnd_hi32\n"
					 ".flags sleepable\n.retval -1\nexit\n"), 0);
	ck_assert_uint_eq(p.prog_flags, BPF_F_ANY_ALIGNMENT | BPF_F_TEST_RND_HI32 |
			  BPF_F_SLEEPABLE);
	ck_assert(p.has_retval);
	ck_assert_int_eq(p.retval, -1);
	asm_prog__free(&p);
	ck_assert_int_eq(bpf_prog_flags_parse("strict_alignment,0x100", &flags, bad,
					      sizeof(bad)), 0);
	ck_assert_uint_eq(flags, BPF_F_STRICT_ALIGNMENT | 0x100);
	bpf_prog_flags_format(flags, buf, sizeof(buf));
	ck_assert_str_eq(buf, "strict_alignment,0x100");
	bpf_prog_flags_format(1u << 6 | 1u << 7, buf, sizeof(buf));
	ck_assert_str_eq(buf, "xdp_dev_bound_only,test_reg_invariants");
	ck_assert_int_eq(bpf_prog_flags_parse("sleepable,nope", &flags, bad,
					      sizeof(bad)), -EINVAL);
	ck_assert_str_eq(bad, "nope");
	ck_assert_int_eq(bpf_prog_flags_parse("", &flags, bad, sizeof(bad)), -EINVAL);
}
END_TEST

Suite *textbtf_suite(void)
{
	Suite *s = suite_create("textbtf");
	TCase *tc = tcase_create("btf");

	tcase_add_test(tc, test_btf_words);
	tcase_add_test(tc, test_btf_reads_back);
	tcase_add_test(tc, test_no_func_no_btf);
	suite_add_tcase(s, tc);
	tc = tcase_create("func");
	tcase_add_test(tc, test_func_lines);
	tcase_add_test(tc, test_func_errors);
	tcase_add_test(tc, test_flags_retval);
	suite_add_tcase(s, tc);
	return s;
}
