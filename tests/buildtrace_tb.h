/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hand-written buildtrace files for the unit tests: a trace builder that
 * lays records out as the recorder writes them (each padded to 8
 * bytes), so the reader, the replay and deps can be fed exact event
 * sequences without a kernel.
 */
#ifndef BAREBPF_TESTS_BUILDTRACE_TB_H
#define BAREBPF_TESTS_BUILDTRACE_TB_H

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tools/buildtrace/file.h"

#define TB_START_NS	1000000000ull

struct tb {
	char *buf;
	size_t len, cap;
	__u64 now;		/* each record 1 us after the last */
};

static inline void tb_put(struct tb *t, const void *p, size_t n)
{
	size_t pad = ((n + 7) & ~(size_t)7) - n;

	if (t->len + n + pad > t->cap) {
		t->cap = (t->len + n + pad) * 2 + 256;
		t->buf = realloc(t->buf, t->cap);
		ck_assert_ptr_nonnull(t->buf);
	}
	memcpy(t->buf + t->len, p, n);
	memset(t->buf + t->len + n, 0, pad);
	t->len += n + pad;
}

static inline void tb_init(struct tb *t, const char *cwd, const char *const *argv,
			   __u32 pid)
{
	struct bt_file_header h = {
		.magic = BT_FILE_MAGIC, .version = BT_FILE_VERSION,
		.header_size = sizeof(h), .byte_order = BT_BYTE_ORDER,
		.word = 8, .start_ns = TB_START_NS, .machine = "testmachine",
	};
	char rec[4096] __attribute__((aligned(8)));
	struct bt_info *i = (void *)rec;
	size_t n = strlen(cwd) + 1, k;

	memset(t, 0, sizeof(*t));
	t->now = TB_START_NS;
	tb_put(t, &h, sizeof(h));
	memset(rec, 0, sizeof(*i));
	memcpy(i->data, cwd, n);
	i->cwd_len = (__u32)n;
	for (k = 0; argv[k]; k++) {
		memcpy(i->data + n, argv[k], strlen(argv[k]) + 1);
		n += strlen(argv[k]) + 1;
		i->args_len += (__u32)strlen(argv[k]) + 1;
	}
	i->nr_args = (__u32)k;
	i->head = (struct bt_head){ (__u32)(sizeof(*i) + n), BT_INFO, 0, pid, pid,
				    TB_START_NS };
	tb_put(t, rec, i->head.size);
}

static inline struct bt_head tb_head(struct tb *t, __u16 type, __u32 size,
				     __u32 tid, __u32 pid)
{
	t->now += 1000;
	return (struct bt_head){ size, type, 0, tid, pid, t->now };
}

/*
 * A syscall: ret, up to 6 arguments, then path 0 and path 1 (NULL: none),
 * then aux bytes.
 */
static inline void tb_sc(struct tb *t, __u32 tid, __u32 pid, enum bt_op op,
			 long long ret, const __u64 args[6], const char *p0,
			 const char *p1, const void *aux, size_t aux_len)
{
	char rec[sizeof(struct bt_syscall) + 2 * BT_PATH_MAX + BT_AUX_MAX]
		__attribute__((aligned(8)));
	struct bt_syscall *sc = (void *)rec;
	size_t l0 = p0 ? strlen(p0) + 1 : 0, l1 = p1 ? strlen(p1) + 1 : 0;

	memset(sc, 0, sizeof(*sc));
	sc->ret = ret;
	if (args)
		memcpy(sc->args, args, sizeof(sc->args));
	sc->op = op;
	sc->path_len[0] = (__u16)l0;
	sc->path_len[1] = (__u16)l1;
	sc->aux_len = (__u16)aux_len;
	memcpy(sc->data, p0 ? p0 : "", l0);
	memcpy(sc->data + l0, p1 ? p1 : "", l1);
	if (aux_len)
		memcpy(sc->data + l0 + l1, aux, aux_len);
	sc->head = tb_head(t, BT_SYSCALL, (__u32)(sizeof(*sc) + l0 + l1 + aux_len),
			   tid, pid);
	tb_put(t, rec, sc->head.size);
}

#define TB_ARGS(...) ((const __u64[6]){ __VA_ARGS__ })

/*
 * A chunk of argv (BT_ARGV) or of the environment (BT_ENV): strings, from
 * index on, with flags (BT_ARGV_LAST...).
 */
static inline void tb_chunk(struct tb *t, __u32 tid, __u32 pid, __u16 type,
			    __u16 flags, __u32 index, const char *const *strings)
{
	char rec[sizeof(struct bt_argv) + 4096] __attribute__((aligned(8)));
	struct bt_argv *a = (void *)rec;
	size_t n, k;

	memset(a, 0, sizeof(*a));
	for (n = 0, k = 0; strings[k]; k++) {
		memcpy(a->data + n, strings[k], strlen(strings[k]) + 1);
		n += strlen(strings[k]) + 1;
	}
	a->index = index;
	a->count = (__u32)k;
	a->head = tb_head(t, type, (__u32)(sizeof(*a) + n), tid, pid);
	a->head.flags = flags;
	tb_put(t, rec, a->head.size);
}

/*
 * BT_EXEC with flags (BT_EXEC_PENDING...): execve's filename, or
 * execveat's with dirfd; NULL filename: unreadable.
 */
static inline void tb_exec_at(struct tb *t, __u32 tid, __u32 pid, __u16 flags,
			      int dirfd, const char *filename)
{
	char rec[sizeof(struct bt_exec) + 4096] __attribute__((aligned(8)));
	struct bt_exec *e = (void *)rec;
	size_t n = filename ? strlen(filename) + 1 : 0;

	memset(e, 0, sizeof(*e));
	e->dirfd = dirfd;
	e->filename_len = (__u16)n;
	memcpy(e->filename, filename ? filename : "", n);
	e->head = tb_head(t, BT_EXEC, (__u32)(sizeof(*e) + n), tid, pid);
	e->head.flags = flags | (filename ? 0 : BT_EXEC_UNREADABLE);
	tb_put(t, rec, e->head.size);
}

/* An exec that happens (6.10+ order: the record, then the argv chunk). */
static inline void tb_exec(struct tb *t, __u32 tid, __u32 pid,
			   const char *filename, const char *const *argv)
{
	tb_exec_at(t, tid, pid, 0, -100, filename);
	tb_chunk(t, tid, pid, BT_ARGV, BT_ARGV_LAST, 0, argv);
}

/* The same with its environment. */
static inline void tb_exec_env(struct tb *t, __u32 tid, __u32 pid,
			       const char *filename, const char *const *argv,
			       const char *const *env)
{
	tb_exec(t, tid, pid, filename, argv);
	tb_chunk(t, tid, pid, BT_ENV, BT_ARGV_LAST, 0, env);
}

/* BT_EXEC_DONE: old_tid's pending exec happened; tid is the thread after. */
static inline void tb_exec_done(struct tb *t, __u32 tid, __u32 pid, __u32 old_tid)
{
	struct bt_exec_done d = {
		.head = tb_head(t, BT_EXEC_DONE, sizeof(d), tid, pid),
		.old_tid = old_tid,
	};

	tb_put(t, &d, sizeof(d));
}

/* BT_EXEC_FILE: the new image's AT_EXECFN. */
static inline void tb_exec_file(struct tb *t, __u32 tid, __u32 pid,
				const char *filename)
{
	char rec[sizeof(struct bt_exec_file) + 4096] __attribute__((aligned(8)));
	struct bt_exec_file *f = (void *)rec;
	size_t n = strlen(filename) + 1;

	memset(f, 0, sizeof(*f));
	f->filename_len = (__u16)n;
	memcpy(f->filename, filename, n);
	f->head = tb_head(t, BT_EXEC_FILE, (__u32)(sizeof(*f) + n), tid, pid);
	tb_put(t, rec, f->head.size);
}

/* The header's version and flags, as an older or --no-env recorder wrote. */
static inline void tb_header(struct tb *t, __u32 version, __u64 flags)
{
	struct bt_file_header *h = (void *)t->buf;

	h->version = version;
	h->flags = flags;
}

static inline void tb_fork(struct tb *t, __u32 tid, __u32 pid, __u32 child_tid,
			   __u32 child_pid, __u64 clone_flags)
{
	struct bt_fork f = {
		.head = tb_head(t, BT_FORK, sizeof(f), tid, pid),
		.clone_flags = clone_flags,
		.child_tid = child_tid,
		.child_pid = child_pid,
	};

	tb_put(t, &f, sizeof(f));
}

static inline void tb_exit(struct tb *t, __u32 tid, __u32 pid, bool group_dead)
{
	struct bt_head h = tb_head(t, BT_EXIT, sizeof(h), tid, pid);

	h.flags = group_dead ? BT_EXIT_GROUP_DEAD : 0;
	tb_put(t, &h, sizeof(h));
}

static inline void tb_end(struct tb *t, int status)
{
	struct bt_end e = {
		.head = tb_head(t, BT_END, sizeof(e), 0, 0),
		.status = status,
	};

	tb_put(t, &e, sizeof(e));
}

/* The builder's bytes as a parsed trace (the trace takes them). */
static inline void tb_trace(struct tb *t, struct bt_trace *trace)
{
	ck_assert_int_eq(bt_trace__parse(trace, t->buf, t->len), 0);
	t->buf = NULL;
}

#endif /* BAREBPF_TESTS_BUILDTRACE_TB_H */
