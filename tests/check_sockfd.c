// SPDX-License-Identifier: GPL-2.0
/*
 * From an fd to its socket's ends: the offsets taken from BTF (a blob
 * written here, shaped as 6.18's structs and as pre-5.6 ones whose
 * sk_protocol is a bitfield; and the running kernel's own), and what the
 * emitted reads read. Whether the kernel takes the programs is for the
 * integration tests, which load them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "asm/disasm.h"
#include "progs/sockfd.h"

/* A tiny BTF writer: types and strings appended as the test names them. */
struct blob {
	__u32 types[256];
	size_t nr_words;
	char strs[512];
	size_t strs_len;
	__u32 nr_types;
};

static __u32 str(struct blob *b, const char *s)
{
	__u32 off = (__u32)b->strs_len;

	ck_assert_uint_lt(b->strs_len + strlen(s) + 1, sizeof(b->strs));
	strcpy(b->strs + b->strs_len, s);
	b->strs_len += strlen(s) + 1;
	return off;
}

static void word(struct blob *b, __u32 w)
{
	ck_assert_uint_lt(b->nr_words, sizeof(b->types) / sizeof(b->types[0]));
	b->types[b->nr_words++] = w;
}

#define INFO(kind, kflag, vlen)	((__u32)(kind) << 24 | (__u32)(kflag) << 31 | (vlen))

static __u32 type_int(struct blob *b, const char *name, __u32 size)
{
	word(b, str(b, name));
	word(b, INFO(BTF_KIND_INT, 0, 0));
	word(b, size);
	word(b, size * 8);
	return ++b->nr_types;
}

static __u32 type_ptr(struct blob *b)
{
	word(b, 0);
	word(b, INFO(BTF_KIND_PTR, 0, 0));
	word(b, 0);		/* void * */
	return ++b->nr_types;
}

struct member {
	const char *name;
	__u32 type;
	__u32 bits;		/* offset; with kflag, bitfield size << 24 too */
};

static __u32 type_struct(struct blob *b, const char *name, __u32 size,
			 int kflag, const struct member *m, __u32 n)
{
	__u32 i;

	word(b, str(b, name));
	word(b, INFO(BTF_KIND_STRUCT, kflag, n));
	word(b, size);
	for (i = 0; i < n; i++) {
		word(b, str(b, m[i].name));
		word(b, m[i].type);
		word(b, m[i].bits);
	}
	return ++b->nr_types;
}

/*
 * Every struct sockfd reads, laid out as on 6.18 x86_64 where it
 * matters (sock_common's first 16 bytes); with old_sock, sk_protocol and
 * sk_type as the bitfields of kernels before 5.6.
 */
static struct btf *sock_blob(bool old_sock)
{
	static struct blob b;
	struct btf_header hdr = {
		.magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(hdr),
	};
	unsigned char buf[sizeof(hdr) + sizeof(b.types) + sizeof(b.strs)];
	__u32 ptr, u32, u16, in6, common;
	struct btf *btf;

	memset(&b, 0, sizeof(b));
	str(&b, "");
	ptr = type_ptr(&b);
	u32 = type_int(&b, "unsigned int", 4);
	u16 = type_int(&b, "short unsigned int", 2);
	type_struct(&b, "task_struct", 2048, 0,
		    (struct member[]){ { "files", ptr, 1824 * 8 } }, 1);
	type_struct(&b, "files_struct", 64, 0,
		    (struct member[]){ { "fdt", ptr, 32 * 8 } }, 1);
	type_struct(&b, "fdtable", 16, 0,
		    (struct member[]){ { "max_fds", u32, 0 }, { "fd", ptr, 64 } }, 2);
	type_struct(&b, "file", 256, 0,
		    (struct member[]){ { "private_data", ptr, 200 * 8 } }, 1);
	type_struct(&b, "socket", 64, 0,
		    (struct member[]){ { "file", ptr, 16 * 8 }, { "sk", ptr, 24 * 8 } }, 2);
	in6 = type_struct(&b, "in6_addr", 16, 0, NULL, 0);
	common = type_struct(&b, "sock_common", 136, 0, (struct member[]){
		{ "skc_daddr", u32, 0 }, { "skc_rcv_saddr", u32, 32 },
		{ "skc_dport", u16, 96 }, { "skc_num", u16, 112 },
		{ "skc_family", u16, 128 },
		{ "skc_v6_daddr", in6, 56 * 8 }, { "skc_v6_rcv_saddr", in6, 72 * 8 },
	}, 7);
	if (old_sock)
		type_struct(&b, "sock", 768, 1, (struct member[]){
			{ "__sk_common", common, 0 },
			{ "sk_protocol", u32, 8u << 24 | (520 * 8 + 8) },
			{ "sk_type", u32, 16u << 24 | (520 * 8 + 16) },
		}, 3);
	else
		type_struct(&b, "sock", 768, 0, (struct member[]){
			{ "__sk_common", common, 0 },
			{ "sk_type", u16, 516 * 8 }, { "sk_protocol", u16, 518 * 8 },
		}, 3);

	hdr.type_len = (__u32)(b.nr_words * 4);
	hdr.str_off = hdr.type_len;
	hdr.str_len = (__u32)b.strs_len;
	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), b.types, hdr.type_len);
	memcpy(buf + sizeof(hdr) + hdr.type_len, b.strs, b.strs_len);
	btf = btf__parse(buf, sizeof(hdr) + hdr.type_len + hdr.str_len);
	ck_assert_ptr_nonnull(btf);
	return btf;
}

START_TEST(test_offsets)
{
	struct btf *btf = sock_blob(false);
	struct sockfd_offsets o;
	char what[128] = "";

	ck_assert_msg(sockfd_offsets__from_btf(&o, btf, what, sizeof(what)) == 0,
		      "%s", what);
	ck_assert_uint_eq(o.fd.task_files, 1824);
	ck_assert_uint_eq(o.fd.files_fdt, 32);
	ck_assert_uint_eq(o.fd.fdt_max_fds, 0);
	ck_assert_uint_eq(o.fd.fdt_fd, 8);
	ck_assert_uint_eq(o.file_private_data, 200);
	ck_assert_uint_eq(o.socket_file, 16);
	ck_assert_uint_eq(o.socket_sk, 24);
	/* sock_common's members, found through __sk_common. */
	ck_assert_uint_eq(o.sk_daddr, 0);
	ck_assert_uint_eq(o.sk_rcv_saddr, 4);
	ck_assert_uint_eq(o.sk_dport, 12);
	ck_assert_uint_eq(o.sk_num, 14);
	ck_assert_uint_eq(o.sk_family, 16);
	ck_assert_uint_eq(o.sk_v6_daddr, 56);
	ck_assert_uint_eq(o.sk_v6_rcv_saddr, 72);
	ck_assert_uint_eq(o.sk_type, 516);
	ck_assert_uint_eq(o.sk_protocol, 518);
	btf__free(btf);
}
END_TEST

/* Before 5.6 sk_protocol was 8 bits of an unsigned int: not read. */
START_TEST(test_offsets_bitfield)
{
	struct btf *btf = sock_blob(true);
	struct sockfd_offsets o;
	char what[128] = "";

	ck_assert_int_eq(sockfd_offsets__from_btf(&o, btf, what, sizeof(what)),
			 -EINVAL);
	ck_assert_str_eq(what, "BTF struct sock member sk_protocol is not a 2-byte integer");
	btf__free(btf);
}
END_TEST

/* The running kernel's, where it has BTF: sock_common's fixed start. */
START_TEST(test_offsets_vmlinux)
{
	struct btf *btf = btf__load_vmlinux();
	struct sockfd_offsets o;
	char what[128] = "";

	if (!btf)	/* no BTF on this kernel: nothing to compare */
		return;
	ck_assert_msg(sockfd_offsets__from_btf(&o, btf, what, sizeof(what)) == 0,
		      "%s", what);
	/* { daddr, rcv_saddr }, hash, { dport, num }, family: since 4.x */
	ck_assert_uint_eq(o.sk_daddr, 0);
	ck_assert_uint_eq(o.sk_rcv_saddr, 4);
	ck_assert_uint_eq(o.sk_dport, 12);
	ck_assert_uint_eq(o.sk_num, 14);
	ck_assert_uint_eq(o.sk_family, 16);
	ck_assert_uint_eq(o.sk_v6_rcv_saddr, o.sk_v6_daddr + 16);
	ck_assert_uint_gt(o.sk_protocol, o.sk_v6_rcv_saddr);
	btf__free(btf);
}
END_TEST

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_kernel = BPF_FUNC_probe_read_kernel,
};

/* Distinct offsets, so that a read of the wrong one would show. */
static const struct sockfd_offsets fake = {
	.fd = { .task_files = 1824, .files_fdt = 32, .fdt_max_fds = 4, .fdt_fd = 8 },
	.file_private_data = 200, .socket_file = 16, .socket_sk = 24,
	.sk_family = 16, .sk_num = 14, .sk_dport = 12, .sk_rcv_saddr = 4,
	.sk_daddr = 0, .sk_v6_rcv_saddr = 72, .sk_v6_daddr = 56,
	.sk_protocol = 518, .sk_type = 516,
};

static bool has(const char *text, const char *line)
{
	return strstr(text, line) != NULL;
}

/* The walk: task, files, fdt, max_fds and fd[], the file, its socket. */
START_TEST(test_emit_sock)
{
	static char text[8192];
	char line[160];
	struct builder b;
	size_t i, used = 0;
	int n, tasks = 0;

	builder__init(&b);
	sockfd_emit_sock(&b, &fake, &features, BPF_REG_9, -24, "fail");
	EMIT(&b, BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(&b, "fail");
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	for (i = 0; i < b.len; i += (size_t)n) {
		n = disasm_insn_str(&b.insns[i], b.len - i, line, sizeof(line));
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s\n", line);
		tasks += b.insns[i].code == (BPF_JMP | BPF_CALL) &&
			 b.insns[i].imm == BPF_FUNC_get_current_task;
		/* Forward only: no loop for kernels before 5.3. */
		if (BPF_CLASS(b.insns[i].code) == BPF_JMP &&
		    BPF_OP(b.insns[i].code) != BPF_CALL &&
		    BPF_OP(b.insns[i].code) != BPF_EXIT)
			ck_assert_int_gt(b.insns[i].off, 0);
	}
	ck_assert_int_eq(tasks, 1);
	/* A negative fd fails at once. */
	ck_assert(has(text, "(c7) r1 s>>= 32\n(c5) if r1 s< 0x0 goto"));
	ck_assert(has(text, "(07) r3 += 1824\n"));
	ck_assert(has(text, "(07) r3 += 32\n"));
	ck_assert(has(text, "(b7) r2 = 4\n(bf) r3 = r9\n(07) r3 += 4\n"));
	ck_assert(has(text, "(07) r3 += 8\n"));
	ck_assert(has(text, "(07) r3 += 200\n"));
	ck_assert(has(text, "(07) r3 += 16\n"));
	ck_assert(has(text, "(07) r3 += 24\n"));
	/* fd < max_fds, and socket->file == file. */
	ck_assert(has(text, "(3d) if r1 >= r2 goto"));
	ck_assert(has(text, "(5d) if r1 != r2 goto"));
	builder__free(&b);
}
END_TEST

Suite *sockfd_suite(void)
{
	Suite *s = suite_create("sockfd");
	TCase *tc = tcase_create("offsets");

	tcase_add_test(tc, test_offsets);
	tcase_add_test(tc, test_offsets_bitfield);
	tcase_add_test(tc, test_offsets_vmlinux);
	tcase_add_test(tc, test_emit_sock);
	suite_add_tcase(s, tc);
	return s;
}
