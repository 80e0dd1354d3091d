// SPDX-License-Identifier: GPL-2.0
/*
 * The buildtrace file: what the writer streams the reader gives back
 * record for record; and a reader fed every truncation and every single
 * bit flip of a trace holding each record type either reads it or says
 * which byte is wrong, and never reads past what it was given (run
 * under ASan by make check-asan); the views' critical path, tracks and
 * selection take whatever model such a trace gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "tests/buildtrace_tb.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/model.h"
#include "tools/buildtrace/select.h"
#include "tools/buildtrace/tracks.h"

/* A trace holding one record of each type the reader knows. */
static void every_type(struct tb *t)
{
	static const char *const argv[] = { "cc", "-c", "a.c", NULL };
	struct bt_lost l = { .head = { sizeof(l), BT_LOST, 0, 0, 0, 0 }, .count = 2 };
	struct bt_exec_done d = { .head = { sizeof(d), BT_EXEC_DONE, 0, 11, 10, 0 },
				  .old_tid = 11 };
	struct {
		struct bt_fd f;
		char path[16];
	} fd = { .f = { .head = { sizeof(struct bt_fd) + 10, BT_FD, 0, 10, 10, 0 },
			.fd = 1, .flags = O_WRONLY, .path_len = 10 }, .path = "/dev/null" };
	int fds[2] = { 3, 4 };

	tb_init(t, "/w", (const char *const[]){ "make", "-j2", NULL }, 10);
	fd.f.head.time_ns = l.head.time_ns = d.head.time_ns = TB_START_NS;
	tb_put(t, &fd, fd.f.head.size);
	tb_sc(t, 10, 10, BT_OP_OPENAT, 3, TB_ARGS(-100, 0, O_RDONLY), "a.c", NULL,
	      NULL, 0);
	tb_sc(t, 10, 10, BT_OP_PIPE2, 0, NULL, NULL, NULL, fds, sizeof(fds));
	tb_sc(t, 10, 10, BT_OP_RENAME, 0, NULL, "x.tmp", "x", NULL, 0);
	tb_fork(t, 10, 10, 11, 11, 0x11);
	tb_exec_env(t, 11, 11, "/usr/bin/cc", argv,
		    (const char *const[]){ "CC=cc", "HOME=/root", NULL });
	tb_put(t, &d, sizeof(d));
	tb_chunk(t, 11, 11, BT_ENV, BT_ARGV_IMAGE | BT_ARGV_LAST, 0,
		 (const char *const[]){ "CC=cc", NULL });
	tb_exec_file(t, 11, 11, "/usr/bin/cc");
	tb_put(t, &l, sizeof(l));
	tb_exit(t, 11, 11, true);
	tb_end(t, 0);
}

START_TEST(test_round_trip)
{
	char path[] = "/tmp/barebpf-buildtrace.XXXXXX";
	struct bt_file_header hdr;
	const struct bt_head *rec;
	struct bt_writer w;
	struct bt_trace tr;
	struct tb t;
	size_t off = sizeof(hdr), n = 0;
	int fd;

	every_type(&t);
	memcpy(&hdr, t.buf, sizeof(hdr));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bt_writer__open(&w, fd, &hdr), 0);
	/* the records one by one, as the recorder adds them */
	while (off < t.len) {
		__u32 size;

		memcpy(&size, t.buf + off, sizeof(size));
		bt_writer__add(&w, t.buf + off, size);
		off += (size + 7) & ~7u;
		n++;
	}
	ck_assert_int_eq(bt_writer__close(&w), 0);
	ck_assert_uint_eq(w.written, t.len);
	close(fd);

	ck_assert_int_eq(bt_trace__load(&tr, path), 0);
	unlink(path);
	ck_assert_uint_eq(tr.len, t.len);
	ck_assert_int_eq(memcmp(tr.buf, t.buf, t.len), 0);
	ck_assert_str_eq(tr.hdr->machine, "testmachine");
	for (off = 0; bt_trace__next(&tr, &rec) == 1; off++)
		;
	ck_assert_uint_eq(off, n);
	ck_assert_str_eq(tr.err, "");
	bt_trace__free(&tr);
	free(t.buf);
}
END_TEST

/* What the views build from a model, on whatever a damaged trace gave. */
static void views(struct bt_model *m)
{
	struct bt_select sel = { .command = "cc", .path = "*", .since_ns = 1 };
	struct bt_step *steps;
	int *track, nr;
	size_t n;

	ck_assert_int_eq(bt_critical_path(m, &steps, &n), 0);
	free(steps);
	ck_assert_int_eq(bt_tracks(m, &track, &nr), 0);
	free(track);
	ck_assert_int_eq(bt_select__apply(&sel, m), 0);
	ck_assert_int_eq(bt_critical_path(m, &steps, &n), 0);
	free(steps);
}

/* Read all of a trace, replay it and build the views; returns what the reader said. */
static int read_all(const char *buf, size_t len, char *err, size_t err_len)
{
	char *copy = malloc(len ? len : 1);
	const struct bt_head *rec;
	struct bt_model m;
	struct bt_trace t;
	int n;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, buf, len);
	/* a buffer exactly as long as the file: ASan sees an overread */
	n = bt_trace__parse(&t, copy, len);
	if (!n) {
		while ((n = bt_trace__next(&t, &rec)) == 1)
			;
		if (!n) {
			t.off = sizeof(struct bt_file_header);
			n = bt_model__replay(&m, &t, NULL, NULL);
			if (!n)
				views(&m);
			bt_model__free(&m);
		}
	}
	snprintf(err, err_len, "%s", t.err);
	bt_trace__free(&t);
	return n;
}

/*
 * Whether a trace cut after len bytes is still whole: cut after the
 * header, or after a record's last byte (its padding may be missing).
 */
static bool whole_cut(const struct tb *t, size_t len)
{
	size_t off = sizeof(struct bt_file_header);
	__u32 size;

	if (len == off)
		return true;
	while (off < t->len) {
		memcpy(&size, t->buf + off, sizeof(size));
		if (len >= off + size && len <= off + ((size + 7) & ~7u))
			return true;
		off += (size + 7) & ~7u;
	}
	return false;
}

START_TEST(test_truncated)
{
	char err[256];
	struct tb t;
	size_t cut;
	int n;

	every_type(&t);
	for (cut = 0; cut < t.len; cut++) {
		n = read_all(t.buf, cut, err, sizeof(err));
		if (whole_cut(&t, cut)) {
			ck_assert_msg(n == 0, "cut at %zu: %s", cut, err);
			continue;
		}
		ck_assert_msg(n == -1, "cut at %zu mid-record read as whole", cut);
		ck_assert_msg(!strncmp(err, "byte ", 5),
			      "cut at %zu: \"%s\" names no byte", cut, err);
	}
	free(t.buf);
}
END_TEST

START_TEST(test_bit_flips)
{
	size_t i, bad = 0;
	char err[256];
	struct tb t;
	int bit;

	every_type(&t);
	for (i = 0; i < t.len; i++) {
		for (bit = 0; bit < 8; bit++) {
			t.buf[i] ^= (char)(1 << bit);
			if (read_all(t.buf, t.len, err, sizeof(err))) {
				bad++;
				ck_assert_msg(!strncmp(err, "byte ", 5),
					      "flip %zu.%d: \"%s\" names no byte", i, bit, err);
			}
			t.buf[i] ^= (char)(1 << bit);
		}
	}
	/* flips in sizes, types and lengths are caught; in payloads, not */
	ck_assert_uint_gt(bad, 200);
	ck_assert_uint_lt(bad, t.len * 8);
	free(t.buf);
}
END_TEST

START_TEST(test_errors_name_the_byte)
{
	const struct bt_head *rec;
	struct bt_trace tr;
	char *buf, want[128];
	struct tb t;
	size_t off;

	/* a foreign file */
	buf = strdup("#!/bin/sh\nexit 0\n");
	ck_assert_int_eq(bt_trace__parse(&tr, buf, strlen(buf)), -1);
	ck_assert_str_eq(tr.err, "byte 0: not a buildtrace file (no \"BUILDTRC\" at its start)");
	bt_trace__free(&tr);

	/* a newer version, and one older than any */
	every_type(&t);
	tb_header(&t, 3, 0);
	ck_assert_int_eq(bt_trace__parse(&tr, t.buf, t.len), -1);
	ck_assert_str_eq(tr.err, "byte 8: format version 3; this barebpf reads versions 1 to 2");
	bt_trace__free(&tr);
	every_type(&t);
	tb_header(&t, 0, 0);
	ck_assert_int_eq(bt_trace__parse(&tr, t.buf, t.len), -1);
	ck_assert_str_eq(tr.err, "byte 8: format version 0; this barebpf reads versions 1 to 2");
	bt_trace__free(&tr);

	/* an environment chunk whose count is not what it holds */
	every_type(&t);
	ck_assert_int_eq(bt_trace__parse(&tr, t.buf, t.len), 0);
	while (bt_trace__next(&tr, &rec) == 1 && rec->type != BT_ENV)
		;
	off = (size_t)((const char *)rec - tr.buf);
	((struct bt_argv *)(tr.buf + off))->count = 3;
	tr.off = off;
	ck_assert_int_eq(bt_trace__next(&tr, &rec), -1);
	snprintf(want, sizeof(want),
		 "byte %zu: environment record does not hold 3 strings", off);
	ck_assert_str_eq(tr.err, want);
	bt_trace__free(&tr);

	/* an exec file record whose name runs past it */
	every_type(&t);
	ck_assert_int_eq(bt_trace__parse(&tr, t.buf, t.len), 0);
	while (bt_trace__next(&tr, &rec) == 1 && rec->type != BT_EXEC_FILE)
		;
	off = (size_t)((const char *)rec - tr.buf);
	((struct bt_exec_file *)(tr.buf + off))->filename_len = 40;
	tr.off = off;
	ck_assert_int_eq(bt_trace__next(&tr, &rec), -1);
	snprintf(want, sizeof(want),
		 "byte %zu: exec file record filename of 40 bytes does not fit 44", off);
	ck_assert_str_eq(tr.err, want);
	bt_trace__free(&tr);

	/* an op no syscall has, in the first syscall record */
	every_type(&t);
	ck_assert_int_eq(bt_trace__parse(&tr, t.buf, t.len), 0);
	while (bt_trace__next(&tr, &rec) == 1 && rec->type != BT_SYSCALL)
		;
	off = (size_t)((const char *)rec - tr.buf);
	((struct bt_syscall *)(tr.buf + off))->op = 200;
	tr.off = off;
	ck_assert_int_eq(bt_trace__next(&tr, &rec), -1);
	snprintf(want, sizeof(want), "byte %zu: syscall record with unknown op 200",
		 off);
	ck_assert_str_eq(tr.err, want);
	bt_trace__free(&tr);
}
END_TEST

Suite *buildtrace_file_suite(void)
{
	Suite *s = suite_create("buildtrace_file");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_bit_flips);
	tcase_add_test(tc, test_errors_name_the_byte);
	suite_add_tcase(s, tc);
	return s;
}
