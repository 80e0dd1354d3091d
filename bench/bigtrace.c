// SPDX-License-Identifier: GPL-2.0
/*
 * A build trace made up, as large as asked, for timing the views on it:
 * make running COMPILES compiles two at a time, each a cc driver with
 * cc1 (a source, headers probed along an include path and found in
 * /usr/include, an assembly file in /tmp) and as (the object), then ar
 * and a link. About 37 events a compile.
 *   bigtrace COMPILES > build.trace
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "tools/buildtrace/file.h"

#define MAKE_PID	100
#define STEP_NS		20000ull	/* between two records of one process */

static char rec[65536] __attribute__((aligned(8)));

static void put(const void *p, size_t n)
{
	static const char zeros[8];

	if (fwrite(p, 1, n, stdout) != n || fwrite(zeros, 1, ((n + 7) & ~7ul) - n, stdout) !=
	    ((n + 7) & ~7ul) - n) {
		perror("bigtrace: writing");
		exit(1);
	}
}

static struct bt_head head(__u16 type, size_t size, __u32 pid, __u64 t)
{
	return (struct bt_head){ (__u32)size, type, 0, pid, pid, t };
}

static void sc(__u32 pid, __u64 t, enum bt_op op, long long ret, __u64 a0, __u64 a1,
	       __u64 a2, const char *path, const void *aux, size_t aux_len)
{
	struct bt_syscall *s = (void *)rec;
	size_t l = path ? strlen(path) + 1 : 0;

	memset(s, 0, sizeof(*s));
	s->ret = ret;
	s->args[0] = a0;
	s->args[1] = a1;
	s->args[2] = a2;
	s->op = op;
	s->path_len[0] = (__u16)l;
	s->aux_len = (__u16)aux_len;
	memcpy(s->data, path ? path : "", l);
	memcpy(s->data + l, aux, aux_len);
	s->head = head(BT_SYSCALL, sizeof(*s) + l + aux_len, pid, t);
	put(s, s->head.size);
}

static void strings(__u16 type, __u32 pid, __u64 t, const char *const *v)
{
	struct bt_argv *a = (void *)rec;
	size_t n = 0, k;

	memset(a, 0, sizeof(*a));
	for (k = 0; v[k]; k++) {
		memcpy(a->data + n, v[k], strlen(v[k]) + 1);
		n += strlen(v[k]) + 1;
	}
	a->count = (__u32)k;
	a->head = head(type, sizeof(*a) + n, pid, t);
	a->head.flags = BT_ARGV_LAST;
	put(a, a->head.size);
}

static void exec(__u32 pid, __u64 t, const char *file, const char *const *argv)
{
	static const char *const env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };
	struct bt_exec *e = (void *)rec;
	size_t n = strlen(file) + 1;

	memset(e, 0, sizeof(*e));
	e->dirfd = -100;
	e->filename_len = (__u16)n;
	memcpy(e->filename, file, n);
	e->head = head(BT_EXEC, sizeof(*e) + n, pid, t);
	put(e, e->head.size);
	strings(BT_ARGV, pid, t + 1, argv);
	strings(BT_ENV, pid, t + 2, env);
}

static void fork_(__u32 parent, __u64 t, __u32 child)
{
	struct bt_fork f = { .head = head(BT_FORK, sizeof(f), parent, t),
			     .clone_flags = 0x11, .child_tid = child, .child_pid = child };

	put(&f, sizeof(f));
}

static void exit_(__u32 pid, __u64 t)
{
	struct bt_head h = head(BT_EXIT, sizeof(h), pid, t);

	h.flags = BT_EXIT_GROUP_DEAD;
	put(&h, sizeof(h));
}

static void wait_(__u32 pid, __u64 t, __u32 child)
{
	static const int status;

	sc(pid, t, BT_OP_WAIT4, child, child, 0, 0, NULL, &status, sizeof(status));
}

#define RD	O_RDONLY
#define WR	(O_WRONLY | O_CREAT | O_TRUNC)

/* One compile of src/fI.c, from t; returns when the driver is gone. */
static __u64 compile(unsigned int i, __u32 pid, __u64 t)
{
	static const char *const headers[] = { "stdio.h", "stdlib.h", "string.h",
					       "errno.h", "unistd.h", "fcntl.h" };
	char src[64], obj[64], tmp[64], path[128];
	__u32 cc1 = pid + 1, as = pid + 2;
	unsigned int h;

	snprintf(src, sizeof(src), "src/f%u.c", i);
	snprintf(obj, sizeof(obj), "src/f%u.o", i);
	snprintf(tmp, sizeof(tmp), "/tmp/cc%06u.s", i);
	fork_(MAKE_PID, t, pid);
	exec(pid, t += STEP_NS, "/usr/bin/cc", (const char *const[]){
		"cc", "-O2", "-Wall", "-Iinclude", "-c", src, "-o", obj, NULL });
	fork_(pid, t += STEP_NS, cc1);
	exec(cc1, t += STEP_NS, "/usr/libexec/gcc/cc1", (const char *const[]){
		"/usr/libexec/gcc/cc1", "-quiet", "-Iinclude", src, "-O2", "-Wall",
		"-o", tmp, NULL });
	sc(cc1, t += STEP_NS, BT_OP_OPENAT, 3, (__u64)-100, 0, RD, src, NULL, 0);
	for (h = 0; h < 6; h++) {
		snprintf(path, sizeof(path), "include/%s", headers[h]);
		sc(cc1, t += STEP_NS, BT_OP_OPENAT, -2, (__u64)-100, 0, RD, path, NULL, 0);
		snprintf(path, sizeof(path), "/usr/include/%s", headers[h]);
		sc(cc1, t += STEP_NS, BT_OP_OPENAT, 4, (__u64)-100, 0, RD, path, NULL, 0);
		sc(cc1, t += STEP_NS, BT_OP_CLOSE, 0, 4, 0, 0, NULL, NULL, 0);
	}
	sc(cc1, t += STEP_NS, BT_OP_OPENAT, 4, (__u64)-100, 0, WR, tmp, NULL, 0);
	sc(cc1, t += STEP_NS, BT_OP_CLOSE, 0, 4, 0, 0, NULL, NULL, 0);
	exit_(cc1, t += STEP_NS);
	wait_(pid, t += STEP_NS, cc1);
	fork_(pid, t += STEP_NS, as);
	exec(as, t += STEP_NS, "/usr/bin/as", (const char *const[]){
		"as", "--64", "-o", obj, tmp, NULL });
	sc(as, t += STEP_NS, BT_OP_OPENAT, 3, (__u64)-100, 0, RD, tmp, NULL, 0);
	sc(as, t += STEP_NS, BT_OP_OPENAT, 4, (__u64)-100, 0, WR, obj, NULL, 0);
	exit_(as, t += STEP_NS);
	wait_(pid, t += STEP_NS, as);
	sc(pid, t += STEP_NS, BT_OP_UNLINK, 0, 0, 0, 0, tmp, NULL, 0);
	exit_(pid, t += STEP_NS);
	return t;
}

int main(int argc, char **argv)
{
	struct bt_file_header h = {
		.magic = BT_FILE_MAGIC, .version = BT_FILE_VERSION,
		.header_size = sizeof(h), .byte_order = BT_BYTE_ORDER, .word = 8,
		.start_ns = 1000000000ull, .machine = "bigtrace",
	};
	long n = argc == 2 ? strtol(argv[1], NULL, 10) : 0;
	__u64 t = h.start_ns, lane[2] = { t, t + STEP_NS * 17 }, end;
	struct bt_info *info = (void *)rec;
	struct bt_end e;
	long i;

	if (n < 1 || n > 1000000) {
		fprintf(stderr, "usage: bigtrace COMPILES > build.trace\n");
		return 2;
	}
	put(&h, sizeof(h));
	memset(info, 0, sizeof(*info));
	memcpy(info->data, "/w\0make\0-j2", 12);
	info->cwd_len = 3;
	info->args_len = 9;
	info->nr_args = 2;
	info->head = head(BT_INFO, sizeof(*info) + 12, MAKE_PID, t);
	put(info, info->head.size);
	/* two compiles at a time, each lane waiting for its last */
	for (i = 0; i < n; i++) {
		__u32 pid = 1000 + 3 * (__u32)i;

		end = compile((unsigned int)i, pid, lane[i % 2]);
		wait_(MAKE_PID, end + STEP_NS, pid);
		lane[i % 2] = end + 2 * STEP_NS;
	}
	t = lane[0] > lane[1] ? lane[0] : lane[1];
	fork_(MAKE_PID, t, 900);
	exec(900, t += STEP_NS, "/usr/bin/ar", (const char *const[]){
		"ar", "rcs", "libbig.a", "src/f0.o", "...", NULL });
	sc(900, t += STEP_NS, BT_OP_OPENAT, 3, (__u64)-100, 0, WR, "libbig.a", NULL, 0);
	exit_(900, t += STEP_NS);
	wait_(MAKE_PID, t += STEP_NS, 900);
	exit_(MAKE_PID, t += STEP_NS);
	e = (struct bt_end){ .head = head(BT_END, sizeof(e), 0, t += STEP_NS) };
	put(&e, sizeof(e));
	return fflush(stdout) ? 1 : 0;
}
