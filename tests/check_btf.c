// SPDX-License-Identifier: GPL-2.0
/*
 * BTF parser tests. A small blob built by hand, word by word, pins every
 * answer exactly; each record carries its bpftool dump line. The
 * running kernel's own BTF, where it has one, checks that real member
 * offsets come out consistent. Both blobs are then truncated and
 * bit-flipped: the parser must refuse or answer, never read outside.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <check.h>

#include "loader/btf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define INFO(kind, kflag, vlen)	((__u32)(kflag) << 31 | (__u32)(kind) << 24 | (vlen))
#define BITFIELD(size, off)	((__u32)(size) << 24 | (off))

/*
 * The types of
 *	struct task {
 *		const pid_t pid;
 *		union { const pid_t tgid; struct { int lo, hi; }; };
 *		int arr[16];
 *		int *next;
 *	};
 *	struct flags { int a:3, b:5; };
 * plus a forward declaration of task, volatile struct task, and an
 * array of two of those.
 */
static const __u32 hand_types[] = {
	/* [1] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED */
	1, INFO(BTF_KIND_INT, 0, 0), 4, BTF_INT_SIGNED << 24 | 32,
	/* [2] PTR '(anon)' type_id=1 */
	0, INFO(BTF_KIND_PTR, 0, 0), 1,
	/* [3] TYPEDEF 'pid_t' type_id=1 */
	5, INFO(BTF_KIND_TYPEDEF, 0, 0), 1,
	/* [4] CONST '(anon)' type_id=3 */
	0, INFO(BTF_KIND_CONST, 0, 0), 3,
	/* [5] ARRAY '(anon)' type_id=1 index_type_id=1 nr_elems=16 */
	0, INFO(BTF_KIND_ARRAY, 0, 0), 0, 1, 1, 16,
	/* [6] STRUCT 'task' size=88 vlen=4 */
	11, INFO(BTF_KIND_STRUCT, 0, 4), 88,
		16, 4, 0,		/* 'pid' type_id=4 bits_offset=0 */
		0, 7, 64,		/* '(anon)' type_id=7 bits_offset=64 */
		20, 5, 128,		/* 'arr' type_id=5 bits_offset=128 */
		24, 2, 640,		/* 'next' type_id=2 bits_offset=640 */
	/* [7] UNION '(anon)' size=8 vlen=2 */
	0, INFO(BTF_KIND_UNION, 0, 2), 8,
		29, 4, 0,		/* 'tgid' type_id=4 bits_offset=0 */
		0, 8, 0,		/* '(anon)' type_id=8 bits_offset=0 */
	/* [8] STRUCT '(anon)' size=8 vlen=2 */
	0, INFO(BTF_KIND_STRUCT, 0, 2), 8,
		34, 1, 0,		/* 'lo' type_id=1 bits_offset=0 */
		37, 1, 32,		/* 'hi' type_id=1 bits_offset=32 */
	/* [9] STRUCT 'flags' size=4 vlen=2 (kind_flag: bitfields) */
	40, INFO(BTF_KIND_STRUCT, 1, 2), 4,
		46, 1, BITFIELD(3, 0),	/* 'a' type_id=1 bits_offset=0 bitfield_size=3 */
		48, 1, BITFIELD(5, 3),	/* 'b' type_id=1 bits_offset=3 bitfield_size=5 */
	/* [10] FWD 'task' fwd_kind=struct */
	11, INFO(BTF_KIND_FWD, 0, 0), 0,
	/* [11] VOLATILE '(anon)' type_id=6 */
	0, INFO(BTF_KIND_VOLATILE, 0, 0), 6,
	/* [12] ARRAY '(anon)' type_id=11 index_type_id=1 nr_elems=2 */
	0, INFO(BTF_KIND_ARRAY, 0, 0), 0, 11, 1, 2,
};

/* Offsets:        0 1    5      11    16   20   24    29    34  37  40     46 48 */
static const char hand_strs[] = "\0int\0pid_t\0task\0pid\0arr\0next\0tgid\0lo\0hi\0flags\0a\0b";

#define HAND_TYPES_LEN	((__u32)sizeof(hand_types))
#define HAND_STRS_LEN	((__u32)sizeof(hand_strs))	/* with the last NUL */
#define HAND_LEN	(sizeof(struct btf_header) + HAND_TYPES_LEN + HAND_STRS_LEN)

/* header | types | strings, into buf of HAND_LEN bytes. */
static void hand_blob(unsigned char *buf)
{
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_off = 0,
		.type_len = HAND_TYPES_LEN,
		.str_off = HAND_TYPES_LEN,
		.str_len = HAND_STRS_LEN,
	};

	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), hand_types, HAND_TYPES_LEN);
	memcpy(buf + sizeof(hdr) + HAND_TYPES_LEN, hand_strs, HAND_STRS_LEN);
}

static struct btf *parse_hand(void)
{
	unsigned char buf[HAND_LEN];
	struct btf *btf;

	hand_blob(buf);
	btf = btf__parse(buf, sizeof(buf));
	ck_assert_msg(btf != NULL, "hand blob: %s", strerror(errno));
	return btf;
}

START_TEST(test_hand_types)
{
	struct btf *btf = parse_hand();
	const struct btf_type *t;

	ck_assert_uint_eq(btf__nr_types(btf), 13);
	t = btf__type_by_id(btf, 0);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(btf_kind(t), BTF_KIND_UNKN);
	t = btf__type_by_id(btf, 6);
	ck_assert_uint_eq(btf_kind(t), BTF_KIND_STRUCT);
	ck_assert_uint_eq(btf_vlen(t), 4);
	ck_assert_uint_eq(t->size, 88);
	ck_assert_str_eq(btf__name(btf, t->name_off), "task");
	t = btf__type_by_id(btf, 12);
	ck_assert_uint_eq(btf_kind(t), BTF_KIND_ARRAY);
	errno = 0;
	ck_assert_ptr_null(btf__type_by_id(btf, 13));
	ck_assert_int_eq(errno, ENOENT);

	ck_assert_str_eq(btf__name(btf, 0), "");
	ck_assert_str_eq(btf__name(btf, 1), "int");
	ck_assert_str_eq(btf__name(btf, 2), "nt");
	ck_assert_str_eq(btf__name(btf, 48), "b");
	ck_assert_str_eq(btf__name(btf, 49), "");
	errno = 0;
	ck_assert_ptr_null(btf__name(btf, 50));
	ck_assert_int_eq(errno, EINVAL);
	btf__free(btf);
}
END_TEST

START_TEST(test_hand_find)
{
	struct btf *btf = parse_hand();

	ck_assert_int_eq(btf__find_by_name_kind(btf, "int", BTF_KIND_INT), 1);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "pid_t", BTF_KIND_TYPEDEF), 3);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "task", BTF_KIND_STRUCT), 6);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "task", BTF_KIND_FWD), 10);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "flags", BTF_KIND_STRUCT), 9);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "pid_t", BTF_KIND_STRUCT), -ENOENT);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "tas", BTF_KIND_STRUCT), -ENOENT);
	/* Anonymous types have the empty name, but nobody looks for it. */
	ck_assert_int_eq(btf__find_by_name_kind(btf, "", BTF_KIND_UNION), 7);
	btf__free(btf);
}
END_TEST

START_TEST(test_hand_sizes)
{
	struct btf *btf = parse_hand();

	ck_assert_int_eq(btf__resolve_size(btf, 1), 4);
	/*
	 * No "long" in the blob to say otherwise: BPF's 8-byte pointer,
	 * whatever the machine that reads it (4-byte pointers on armhf).
	 */
	ck_assert_int_eq(btf__resolve_size(btf, 2), 8);
	ck_assert_int_eq(btf__resolve_size(btf, 3), 4);	/* typedef */
	ck_assert_int_eq(btf__resolve_size(btf, 4), 4);	/* const typedef */
	ck_assert_int_eq(btf__resolve_size(btf, 5), 64);	/* int[16] */
	ck_assert_int_eq(btf__resolve_size(btf, 6), 88);
	ck_assert_int_eq(btf__resolve_size(btf, 7), 8);
	ck_assert_int_eq(btf__resolve_size(btf, 9), 4);
	ck_assert_int_eq(btf__resolve_size(btf, 11), 88);	/* volatile struct */
	ck_assert_int_eq(btf__resolve_size(btf, 12), 176);	/* of those, [2] */
	ck_assert_int_eq(btf__resolve_size(btf, 0), -EINVAL);	/* void */
	ck_assert_int_eq(btf__resolve_size(btf, 10), -EINVAL);	/* forward */
	ck_assert_int_eq(btf__resolve_size(btf, 13), -EINVAL);	/* no such id */

	ck_assert_uint_eq(btf__skip_modifiers(btf, 4), 1);
	ck_assert_uint_eq(btf__skip_modifiers(btf, 11), 6);
	ck_assert_uint_eq(btf__skip_modifiers(btf, 6), 6);
	ck_assert_uint_eq(btf__skip_modifiers(btf, 13), 0);
	btf__free(btf);
}
END_TEST

START_TEST(test_hand_members)
{
	struct btf *btf = parse_hand();
	__u32 type_id = 0;

	ck_assert_int_eq(btf__member_offset(btf, 6, "pid"), 0);
	ck_assert_int_eq(btf__member_offset(btf, 6, "arr"), 16);
	ck_assert_int_eq(btf__member_offset(btf, 6, "next"), 80);
	/* In the anonymous union, and in the anonymous struct inside it. */
	ck_assert_int_eq(btf__member(btf, 6, "tgid", &type_id), 8);
	ck_assert_uint_eq(type_id, 4);
	ck_assert_int_eq(btf__member_offset(btf, 6, "lo"), 8);
	ck_assert_int_eq(btf__member(btf, 6, "hi", &type_id), 12);
	ck_assert_uint_eq(type_id, 1);
	ck_assert_int_eq(btf__member_offset(btf, 7, "hi"), 4);
	/* Through the volatile qualifier. */
	ck_assert_int_eq(btf__member_offset(btf, 11, "next"), 80);
	ck_assert_int_eq(btf__member_offset(btf, 6, "nope"), -ENOENT);
	ck_assert_int_eq(btf__member_offset(btf, 6, "ne"), -ENOENT);
	ck_assert_int_eq(btf__member_offset(btf, 6, ""), -ENOENT);
	/* Not structs at all. */
	ck_assert_int_eq(btf__member_offset(btf, 1, "pid"), -EINVAL);
	ck_assert_int_eq(btf__member_offset(btf, 10, "pid"), -EINVAL);
	ck_assert_int_eq(btf__member_offset(btf, 0, "pid"), -EINVAL);
	ck_assert_int_eq(btf__member_offset(btf, 99, "pid"), -EINVAL);
	/* Bitfields: a starts on a byte, b does not. */
	ck_assert_int_eq(btf__member_offset(btf, 9, "a"), 0);
	ck_assert_int_eq(btf__member_offset(btf, 9, "b"), -EINVAL);
	btf__free(btf);
}
END_TEST

/*
 * A 32-bit kernel's BTF: its "long int" is 4 bytes, and so its pointers,
 * whatever the machine that reads it.
 *	[1] INT 'long int' size=4, [2] PTR -> [1], [3] STRUCT 'files' { long *fd; int n; }
 */
START_TEST(test_long_sets_pointer)
{
	static const __u32 types[] = {
		1, INFO(BTF_KIND_INT, 0, 0), 4, BTF_INT_SIGNED << 24 | 32,
		0, INFO(BTF_KIND_PTR, 0, 0), 1,
		10, INFO(BTF_KIND_STRUCT, 0, 2), 8,
			16, 2, 0,	/* 'fd' type_id=2 bits_offset=0 */
			19, 1, 32,	/* 'n' type_id=1 bits_offset=32 */
	};
	/* Offsets:               0 1         10     16  19 */
	static const char strs[] = "\0long int\0files\0fd\0n";
	struct btf_header hdr = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
		.type_len = sizeof(types),
		.str_off = sizeof(types),
		.str_len = sizeof(strs),
	};
	unsigned char buf[sizeof(hdr) + sizeof(types) + sizeof(strs)];
	struct btf *btf;

	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), types, sizeof(types));
	memcpy(buf + sizeof(hdr) + sizeof(types), strs, sizeof(strs));
	btf = btf__parse(buf, sizeof(buf));
	ck_assert_ptr_nonnull(btf);
	ck_assert_int_eq(btf__resolve_size(btf, 2), 4);
	ck_assert_int_eq(btf__resolve_size(btf, 3), 8);
	ck_assert_int_eq(btf__member_offset(btf, 3, "n"), 4);
	btf__free(btf);
}
END_TEST

START_TEST(test_no_types)
{
	/* A header and the one empty string: valid, and nothing in it. */
	struct {
		struct btf_header hdr;
		char strs[1];
	} blob = {
		{ .magic = BTF_MAGIC, .version = BTF_VERSION,
		  .hdr_len = sizeof(struct btf_header), .str_len = 1 },
		"",
	};
	struct btf *btf = btf__parse(&blob, sizeof(struct btf_header) + 1);

	ck_assert_msg(btf != NULL, "%s", strerror(errno));
	ck_assert_uint_eq(btf__nr_types(btf), 1);
	ck_assert_int_eq(btf__find_by_name_kind(btf, "task", BTF_KIND_STRUCT), -ENOENT);
	ck_assert_int_eq(btf__member_offset(btf, 1, "pid"), -EINVAL);
	btf__free(btf);
}
END_TEST

/* One fault: up to two writes into the hand blob, or a cut. */
struct bad_case {
	const char *what;
	size_t len;			/* 0: the whole blob */
	struct { size_t off, size; __u32 val; } set[2];
};

#define SET(what, off, size, val) \
	{ what, 0, { { off, size, val }, { 0, 0, 0 } } }
#define SET2(what, off1, size1, val1, off2, size2, val2) \
	{ what, 0, { { off1, size1, val1 }, { off2, size2, val2 } } }
#define CUT(what, len) \
	{ what, len, { { 0, 0, 0 }, { 0, 0, 0 } } }

#define HDR(field)	offsetof(struct btf_header, field)
#define TYPE(word)	(sizeof(struct btf_header) + (word) * 4)
#define STR(byte)	(sizeof(struct btf_header) + HAND_TYPES_LEN + (byte))

static const struct bad_case bad_cases[] = {
	CUT("one byte", 1),
	CUT("shorter than a header", sizeof(struct btf_header) - 1),
	SET("byte-swapped magic", HDR(magic), 2, 0x9feb),
	SET("version 2", HDR(version), 1, 2),
	SET("hdr_len under the header", HDR(hdr_len), 4, 20),
	SET("hdr_len past the end", HDR(hdr_len), 4, 4096),
	SET("type section past the end", HDR(type_len), 4, HAND_TYPES_LEN + 4),
	SET("type section of part words", HDR(type_len), 4, HAND_TYPES_LEN - 2),
	SET2("type section unaligned", HDR(type_off), 4, 2,
	     HDR(type_len), 4, HAND_TYPES_LEN - 4),
	SET("sections overlap", HDR(str_off), 4, HAND_TYPES_LEN - 4),
	SET("offset wraps 32 bits", HDR(str_off), 4, 0xffffffff),
	SET("strings past the end", HDR(str_len), 4, HAND_STRS_LEN + 1),
	SET("no strings", HDR(str_len), 4, 0),
	SET("first string not empty", STR(0), 1, 'x'),
	SET("last string unterminated", STR(HAND_STRS_LEN - 1), 1, 'x'),
	SET("kind 0", TYPE(1), 4, INFO(BTF_KIND_UNKN, 0, 0)),
	SET("unknown kind", TYPE(1), 4, INFO(31, 0, 0)),
	/* [9]'s vlen: its members run past the section. */
	SET("members past the section", TYPE(53), 4, INFO(BTF_KIND_STRUCT, 1, 0xffff)),
	CUT("truncated by one byte", HAND_LEN - 1),
	CUT("truncated mid-record", TYPE(30)),
};

START_TEST(test_malformed)
{
	const struct bad_case *c = &bad_cases[_i];
	unsigned char buf[HAND_LEN];
	size_t i;

	hand_blob(buf);
	for (i = 0; i < ARRAY_SIZE(c->set) && c->set[i].size; i++)
		memcpy(buf + c->set[i].off, &c->set[i].val, c->set[i].size);
	errno = 0;
	ck_assert_msg(btf__parse(buf, c->len ? c->len : sizeof(buf)) == NULL,
		      "%s: parsed", c->what);
	ck_assert_msg(errno == EINVAL, "%s: errno %d", c->what, errno);
}
END_TEST

/* An empty .BTF section: no buffer at all. Refused, with nothing copied from NULL. */
START_TEST(test_empty)
{
	errno = 0;
	ck_assert_ptr_null(btf__parse(NULL, 0));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/*
 * What a parsed blob must survive being asked, whatever it holds: every
 * call on every id. Only the absence of a crash (and of an ASan report)
 * is checked, and that errors are errors.
 */
static void ask_everything(const struct btf *btf)
{
	static const char *const names[] = { "pid", "tgid", "hi", "b", "fs" };
	__u32 id, nr = btf__nr_types(btf), type_id;
	size_t i;

	for (id = 0; id <= nr; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (t)
			btf__name(btf, t->name_off);
		btf__resolve_size(btf, id);
		btf__skip_modifiers(btf, id);
		for (i = 0; i < ARRAY_SIZE(names); i++)
			btf__member(btf, id, names[i], &type_id);
	}
	btf__find_by_name_kind(btf, "task", BTF_KIND_STRUCT);
}

START_TEST(test_hand_truncated)
{
	unsigned char buf[HAND_LEN];
	size_t len;

	hand_blob(buf);
	/* The string section reaches the last byte: every cut falls in it. */
	for (len = 0; len < sizeof(buf); len++) {
		errno = 0;
		ck_assert_msg(btf__parse(buf, len) == NULL, "cut at %zu parsed", len);
		ck_assert_int_eq(errno, EINVAL);
	}
}
END_TEST

START_TEST(test_hand_bit_flips)
{
	unsigned char good[HAND_LEN], buf[HAND_LEN];
	unsigned int parsed = 0, refused = 0;
	struct btf *btf;
	size_t bit;

	hand_blob(good);
	for (bit = 0; bit < sizeof(buf) * 8; bit++) {
		memcpy(buf, good, sizeof(buf));
		buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		errno = 0;
		btf = btf__parse(buf, sizeof(buf));
		if (!btf) {
			ck_assert_msg(errno == EINVAL, "bit %zu: errno %d", bit, errno);
			refused++;
			continue;
		}
		ask_everything(btf);
		btf__free(btf);
		parsed++;
	}
	/* Flips in names and offsets parse; flips in lengths do not. */
	ck_assert_uint_gt(parsed, 0);
	ck_assert_uint_gt(refused, 0);
}
END_TEST

/*
 * The running kernel's BTF. Without one (a kernel before 5.4, or without
 * CONFIG_DEBUG_INFO_BTF) there is nothing to compare, and these pass.
 */
static unsigned char *vmlinux;
static size_t vmlinux_len;

static void vmlinux_setup(void)
{
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd = open(BTF_VMLINUX_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	ck_assert_int_eq(fstat(fd, &st), 0);
	vmlinux = malloc((size_t)st.st_size);
	ck_assert_ptr_nonnull(vmlinux);
	while ((n = read(fd, vmlinux + len, (size_t)st.st_size - len)) > 0)
		len += (size_t)n;
	ck_assert_uint_eq(len, (size_t)st.st_size);
	vmlinux_len = len;
	close(fd);
}

static void vmlinux_teardown(void)
{
	free(vmlinux);
	vmlinux = NULL;
	vmlinux_len = 0;
}

START_TEST(test_vmlinux_task_struct)
{
	struct btf *btf;
	int task, pid, tgid, fs, qstr;
	__u32 type_id;

	if (!vmlinux)
		return;
	btf = btf__load_vmlinux();
	ck_assert_msg(btf != NULL, "%s", strerror(errno));
	ck_assert_uint_gt(btf__nr_types(btf), 1000);

	task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	ck_assert_int_gt(task, 0);
	pid = btf__member(btf, (__u32)task, "pid", &type_id);
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(btf__resolve_size(btf, type_id), 4);	/* pid_t */
	tgid = btf__member_offset(btf, (__u32)task, "tgid");
	fs = btf__member(btf, (__u32)task, "fs", &type_id);
	/* Declared in that order: pid, tgid, ... fs. */
	ck_assert_int_eq(tgid, pid + 4);
	ck_assert_int_gt(fs, tgid);
	ck_assert_uint_eq(btf_kind(btf__type_by_id(btf, type_id)), BTF_KIND_PTR);
	ck_assert_int_gt(btf__resolve_size(btf, (__u32)task), fs);
	ck_assert_int_eq(btf__member_offset(btf, (__u32)task, "no_such_member"), -ENOENT);

	/* qstr's hash and len sit in an anonymous struct in a union. */
	qstr = btf__find_by_name_kind(btf, "qstr", BTF_KIND_STRUCT);
	ck_assert_int_gt(qstr, 0);
	ck_assert_int_eq(btf__member_offset(btf, (__u32)qstr, "hash_len"), 0);
	ck_assert_int_eq(btf__member_offset(btf, (__u32)qstr, "hash") +
			 btf__member_offset(btf, (__u32)qstr, "len"), 4);
	ck_assert_int_eq(btf__member_offset(btf, (__u32)qstr, "name"), 8);
	btf__free(btf);
}
END_TEST

START_TEST(test_vmlinux_truncated)
{
	const struct btf_header *hdr = (const void *)vmlinux;
	size_t cuts[40], i;
	__u32 x = 2463534242u;

	if (!vmlinux)
		return;
	cuts[0] = 0;
	cuts[1] = sizeof(*hdr) - 1;
	cuts[2] = hdr->hdr_len;
	cuts[3] = hdr->hdr_len + hdr->type_len / 2 + 1;
	cuts[4] = vmlinux_len - 1;
	for (i = 5; i < ARRAY_SIZE(cuts); i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;	/* xorshift32 */
		cuts[i] = x % vmlinux_len;
	}
	for (i = 0; i < ARRAY_SIZE(cuts); i++) {
		errno = 0;
		ck_assert_msg(btf__parse(vmlinux, cuts[i]) == NULL,
			      "cut at %zu parsed", cuts[i]);
		ck_assert_int_eq(errno, EINVAL);
	}
}
END_TEST

START_TEST(test_vmlinux_bit_flips)
{
	const struct btf_header *hdr = (const void *)vmlinux;
	__u32 x = 88675123u, nr_parsed = 0;
	size_t i, byte, span;
	struct btf *btf;
	int task;

	if (!vmlinux)
		return;
	span = hdr->hdr_len + hdr->type_len;
	for (i = 0; i < 64; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		/* A quarter in the header, the rest in the type records. */
		byte = i % 4 ? x % span : x % sizeof(*hdr);
		vmlinux[byte] ^= (unsigned char)(1u << (x >> 29));
		errno = 0;
		btf = btf__parse(vmlinux, vmlinux_len);
		vmlinux[byte] ^= (unsigned char)(1u << (x >> 29));
		if (!btf) {
			ck_assert_msg(errno == EINVAL, "byte %zu: errno %d", byte, errno);
			continue;
		}
		nr_parsed++;
		task = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
		if (task > 0) {
			btf__member_offset(btf, (__u32)task, "fs");
			btf__member_offset(btf, (__u32)task, "no_such_member");
			btf__resolve_size(btf, (__u32)task);
		}
		btf__free(btf);
	}
	ck_assert_uint_gt(nr_parsed, 0);
}
END_TEST

START_TEST(test_load_missing)
{
	errno = 0;
	ck_assert_ptr_null(btf__load_file("tests/fixtures/no-such-btf"));
	ck_assert_int_eq(errno, ENOENT);
	/* A file that is no BTF at all. */
	errno = 0;
	ck_assert_ptr_null(btf__load_file("tests/check_btf.c"));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

Suite *btf_suite(void)
{
	Suite *s = suite_create("btf");
	TCase *hand = tcase_create("hand-built");
	TCase *bad = tcase_create("malformed");
	TCase *real = tcase_create("vmlinux");

	tcase_add_test(hand, test_hand_types);
	tcase_add_test(hand, test_hand_find);
	tcase_add_test(hand, test_hand_sizes);
	tcase_add_test(hand, test_hand_members);
	tcase_add_test(hand, test_long_sets_pointer);
	tcase_add_test(hand, test_no_types);
	suite_add_tcase(s, hand);

	tcase_add_loop_test(bad, test_malformed, 0, ARRAY_SIZE(bad_cases));
	tcase_add_test(bad, test_hand_truncated);
	tcase_add_test(bad, test_empty);
	tcase_add_test(bad, test_hand_bit_flips);
	tcase_add_test(bad, test_load_missing);
	suite_add_tcase(s, bad);

	/* Each parse of vmlinux copies and walks 5 MiB; ASan is slow at it. */
	tcase_set_timeout(real, 120);
	tcase_add_checked_fixture(real, vmlinux_setup, vmlinux_teardown);
	tcase_add_test(real, test_vmlinux_task_struct);
	tcase_add_test(real, test_vmlinux_truncated);
	tcase_add_test(real, test_vmlinux_bit_flips);
	suite_add_tcase(s, real);
	return s;
}
