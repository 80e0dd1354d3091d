// SPDX-License-Identifier: GPL-2.0
/*
 * What is loaded, and what the kernel can do: prog list and dump of a
 * program this test loads (and bpftool's dump of it, where bpftool is
 * installed), map list and dump of a map it fills, probe against what
 * the test finds by loading for itself.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "asm/insn.h"
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

/* A program that names a map and calls a helper, loaded by the test. */
struct loaded {
	int map_fd, prog_fd;
	__u32 map_id, prog_id;
	struct bpf_prog_info info;
	struct bpf_insn xlated[8];
};

static void load(struct loaded *l)
{
	struct bpf_prog_load_opts opts = { .name = "wb_dump" };
	struct bpf_map_info minfo;
	struct bpf_insn insns[] = {
		BPF_LD_MAP_FD(BPF_REG_6, 0),
		BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	__u32 len = sizeof(minfo);

	memset(l, 0, sizeof(*l));
	l->map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "wb_map", 4, 8, 2, 0);
	ck_assert_int_ge(l->map_fd, 0);
	memset(&minfo, 0, sizeof(minfo));
	ck_assert_int_eq(bpf_obj_get_info_by_fd(l->map_fd, &minfo, &len), 0);
	l->map_id = minfo.id;
	insns[0].imm = l->map_fd;
	l->prog_fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, insns, 5, "GPL",
				   &opts);
	ck_assert_int_ge(l->prog_fd, 0);
	len = sizeof(l->info);
	l->info.xlated_prog_len = sizeof(l->xlated);
	l->info.xlated_prog_insns = ptr_to_u64(l->xlated);
	ck_assert_int_eq(bpf_obj_get_info_by_fd(l->prog_fd, &l->info, &len), 0);
	l->prog_id = l->info.id;
	/* The kernel keeps the program as written, the call made direct */
	ck_assert_uint_eq(l->info.xlated_prog_len, 5 * sizeof(struct bpf_insn));
}

static void unload(struct loaded *l)
{
	close(l->prog_fd);
	close(l->map_fd);
}

START_TEST(test_prog_dump)
{
	char id[16], want[512];
	const char *args[] = { "prog", "dump", id, NULL };
	struct loaded l;
	struct proc p;

	load(&l);
	snprintf(id, sizeof(id), "%u", l.prog_id);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	/* The helper by its kernel symbol, with the offset the kernel wrote */
	snprintf(want, sizeof(want),
		 "   0: (18) r6 = map[id:%u]\n"
		 "   2: (85) call bpf_ktime_get_ns#%d\n"
		 "   3: (b7) r0 = 0\n"
		 "   4: (95) exit\n", l.map_id, l.xlated[2].imm);
	ck_assert_str_eq(p.out, want);
	ck_assert_str_eq(p.err, "");
	proc__free(&p);
	unload(&l);
}
END_TEST

/*
 * The same text as bpftool prog dump xlated, for a program the kernel
 * rewrites: lookups in a hash and a per-CPU array become direct calls
 * and inline code (a per-CPU address move on 6.10 and later).
 */
START_TEST(test_prog_dump_vs_bpftool)
{
	struct bpf_prog_load_opts opts = { .name = "wb_rewritten" };
	struct bpf_insn insns[] = {
		BPF_ST_MEM(BPF_W, BPF_REG_10, -4, 0),
		BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		BPF_LD_MAP_FD(BPF_REG_1, 0),
		BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
		BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		BPF_LD_MAP_FD(BPF_REG_1, 0),
		BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem),
		BPF_EMIT_CALL(BPF_FUNC_get_smp_processor_id),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	char id[16];
	const char *ours[] = { "prog", "dump", id, NULL };
	struct args a = { .n = 0 };
	int hash, percpu, fd;
	struct proc p, q;

	hash = bpf_map_create(BPF_MAP_TYPE_HASH, "wb_hash", 4, 8, 4, 0);
	percpu = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "wb_percpu", 4, 8, 1, 0);
	ck_assert_int_ge(hash, 0);
	ck_assert_int_ge(percpu, 0);
	insns[3].imm = hash;
	insns[8].imm = percpu;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, insns,
			   sizeof(insns) / sizeof(insns[0]), "GPL", &opts);
	ck_assert_int_ge(fd, 0);
	memset(&info, 0, sizeof(info));
	ck_assert_int_eq(bpf_obj_get_info_by_fd(fd, &info, &len), 0);
	snprintf(id, sizeof(id), "%u", info.id);
	args__add(&a, host_tool("bpftool"), "prog", "dump", "xlated", "id", id, NULL);
	ck_assert_int_ge(run(&q, a.v, NULL), 0);
	assert_status(&q, 0);
	run_barebpf(&p, ours);
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, q.out);
	/* Rewritten indeed: the hash lookup is a direct call */
	ck_assert_msg(strstr(p.out, " call __htab_map_lookup_elem#"), "%s", p.out);
	proc__free(&p);
	proc__free(&q);
	close(fd);
	close(percpu);
	close(hash);
}
END_TEST

START_TEST(test_prog_list)
{
	char want[256], *block;
	const char *args[] = { "prog", "list", NULL };
	struct loaded l;
	struct proc p;
	int i;

	load(&l);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "%u: socket_filter  name wb_dump  tag ", l.prog_id);
	block = strstr(p.out, want);
	ck_assert_msg(block != NULL, "no \"%s\" in\n%s", want, p.out);
	block += strlen(want);
	for (i = 0; i < BPF_TAG_SIZE; i++, block += 2) {
		snprintf(want, sizeof(want), "%02x", l.info.tag[i]);
		ck_assert(!strncmp(block, want, 2));
	}
	ck_assert(!strncmp(block, "  gpl\n\tloaded_at ", 17));
	block = strchr(block + 1, '\n');
	/* Where the JIT is off (armhf's default) the kernel interprets it. */
	if (l.info.jited_prog_len)
		snprintf(want, sizeof(want), "+0000  uid %u\n\txlated 40B  jited %uB  memlock ",
			 (unsigned int)getuid(), l.info.jited_prog_len);
	else
		snprintf(want, sizeof(want), "+0000  uid %u\n\txlated 40B  not jited  memlock ",
			 (unsigned int)getuid());
	ck_assert_msg(!strncmp(strstr(block, "+0000"), want, strlen(want)),
		      "not \"%s\":\n%s", want, block);
	snprintf(want, sizeof(want), "B  map_ids %u\n\tpids %s(%d)", l.map_id,
		 self_comm(), (int)getpid());
	ck_assert_msg(strstr(block, want), "no \"%s\" in\n%s", want, block);
	proc__free(&p);
	unload(&l);
}
END_TEST

START_TEST(test_map_dump)
{
	char id[16], want[512];
	const char *at, *dump[] = { "map", "dump", id, NULL };
	const char *list[] = { "map", "list", NULL };
	__u64 v0 = 42, v1 = 0x0102030405060708ull;
	__u32 k0 = 0, k1 = 1;
	struct loaded l;
	struct proc p;

	load(&l);
	ck_assert_int_eq(bpf_map_update_elem(l.map_fd, &k0, &v0, BPF_ANY), 0);
	ck_assert_int_eq(bpf_map_update_elem(l.map_fd, &k1, &v1, BPF_ANY), 0);
	snprintf(id, sizeof(id), "%u", l.map_id);
	run_barebpf(&p, dump);
	assert_status(&p, 0);
	ck_assert_str_eq(p.out,
			 "key: 00 00 00 00  value: 2a 00 00 00 00 00 00 00\n"
			 "key: 01 00 00 00  value: 08 07 06 05 04 03 02 01\n"
			 "Found 2 elements\n");
	proc__free(&p);
	run_barebpf(&p, list);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "%u: array  name wb_map  flags 0x0\n\tkey 4B  value 8B  max_entries 2  memlock ",
		 l.map_id);
	/* At the start of a line: the first of the list, or after a newline. */
	at = strstr(p.out, want);
	ck_assert_msg(at && (at == p.out || at[-1] == '\n'), "no \"%s\" in\n%s",
		      want, p.out);
	snprintf(want, sizeof(want), "B\n\tpids %s(%d)", self_comm(), (int)getpid());
	ck_assert_msg(strstr(strstr(p.out, "name wb_map"), want), "no \"%s\" in\n%s",
		      want, p.out);
	proc__free(&p);
	unload(&l);
}
END_TEST

START_TEST(test_map_dump_per_cpu)
{
	char id[16], want[64];
	const char *dump[] = { "map", "dump", id, NULL };
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int fd, cpus = cpus_possible();
	struct proc p;

	ck_assert_int_gt(cpus, 0);
	fd = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "wb_percpu", 4, 4, 1, 0);
	ck_assert_int_ge(fd, 0);
	memset(&info, 0, sizeof(info));
	ck_assert_int_eq(bpf_obj_get_info_by_fd(fd, &info, &len), 0);
	snprintf(id, sizeof(id), "%u", info.id);
	run_barebpf(&p, dump);
	assert_status(&p, 0);
	ck_assert(!strncmp(p.out, "key: 00 00 00 00\n", 17));
	ck_assert_int_eq(count_lines(p.out, "  value (CPU "), cpus);
	snprintf(want, sizeof(want), "  value (CPU %02d): 00 00 00 00\n", cpus - 1);
	ck_assert_msg(strstr(p.out, want), "%s", p.out);
	ck_assert_msg(strstr(p.out, "\nFound 1 element\n"), "%s", p.out);
	proc__free(&p);
	close(fd);
}
END_TEST

START_TEST(test_bad_ids)
{
	const char *nosuch[] = { "prog", "dump", "4294967295", NULL };
	const char *bad[] = { "map", "dump", "x", NULL };
	struct proc p;

	run_barebpf(&p, nosuch);
	assert_one_error(&p, 2, "barebpf prog: program 4294967295: no such program");
	proc__free(&p);
	run_barebpf(&p, bad);
	assert_one_error(&p, 2, "invalid ID value 'x'");
	proc__free(&p);
}
END_TEST

/* "  NAME  yes|no" under a heading of probe's output. */
static const char *probe_answer(const char *out, const char *heading,
				const char *name)
{
	char want[64];
	const char *p = strstr(out, heading);

	ck_assert_msg(p != NULL, "no \"%s\" in\n%s", heading, out);
	snprintf(want, sizeof(want), "\n  %-24s ", name);
	p = strstr(p, want);
	ck_assert_msg(p != NULL, "no %s under %s", name, heading);
	return p + strlen(want);
}

static int count_entries(const char *dir, const char *prefix)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	ck_assert_msg(d != NULL, "%s", dir);
	while ((de = readdir(d)))
		n += !strncmp(de->d_name, prefix, strlen(prefix));
	closedir(d);
	return n;
}

/* What probe says, against what the test finds by loading for itself. */
START_TEST(test_probe)
{
	const char *args[] = { "probe", NULL };
	const struct bpf_insn loop[] = {
		BPF_MOV64_IMM(BPF_REG_0, 10),
		BPF_ALU64_IMM(BPF_SUB, BPF_REG_0, 1),
		BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, -2),
		BPF_EXIT_INSN(),
	};
	const struct bpf_insn call_ktime[] = {
		BPF_EMIT_CALL(BPF_FUNC_ktime_get_ns),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	char tracefs[PATH_MAX], dir[PATH_MAX + 32], want[64];
	int fd, ringbuf, loops, ktime;
	const char *line;
	struct proc p;

	fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, NULL, 0, 0, 4096, 0);
	ringbuf = fd >= 0;
	if (fd >= 0)
		close(fd);
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, loop, 4, "GPL", NULL);
	loops = fd >= 0;
	if (fd >= 0)
		close(fd);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, call_ktime, 3, "GPL", NULL);
	ktime = fd >= 0;
	if (fd >= 0)
		close(fd);

	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(!strncmp(p.out, "tracefs: ", 9), "%s", p.out);
	snprintf(tracefs, sizeof(tracefs), "%.*s", (int)strcspn(p.out + 9, "\n"),
		 p.out + 9);
	snprintf(dir, sizeof(dir), "%s/events/syscalls", tracefs);
	snprintf(want, sizeof(want), "\nsyscall tracepoints: %d (events/syscalls)\n",
		 count_entries(dir, "sys_"));
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in\n%s", want, p.out);
	ck_assert(!strncmp(probe_answer(p.out, "\nprogram types:\n", "tracepoint"),
			   "yes\n", 4));
	ck_assert(!strncmp(probe_answer(p.out, "\nprogram types:\n", "socket_filter"),
			   "yes\n", 4));
	ck_assert(!strncmp(probe_answer(p.out, "\nmap types:\n", "hash"), "yes\n", 4));
	ck_assert(!strncmp(probe_answer(p.out, "\nmap types:\n", "ringbuf"),
			   ringbuf ? "yes\n" : "no\n", ringbuf ? 4 : 3));
	line = strstr(p.out, "\nhelpers for tracepoint programs:\n");
	ck_assert(line != NULL);
	ck_assert_int_eq(strstr(line, "\n  bpf_ktime_get_ns\n") != NULL, ktime);
	/* Networking only: a tracepoint program may not call it */
	ck_assert_ptr_null(strstr(line, "\n  bpf_sk_lookup_tcp\n"));
	ck_assert_ptr_nonnull(strstr(line, "\n  bpf_perf_event_output\n"));
	snprintf(want, sizeof(want), "\nbounded loops: %s\n", loops ? "yes" : "no");
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in\n%s", want, p.out);
	proc__free(&p);
}
END_TEST

Suite *introspect_suite(void)
{
	Suite *s = suite_create("introspect");
	TCase *tc = tcase_create("prog and map");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_prog_dump);
	if (host_tool("bpftool"))
		tcase_add_test(tc, test_prog_dump_vs_bpftool);
	else
		printf("SKIP: prog dump vs bpftool: bpftool not installed\n");
	tcase_add_test(tc, test_prog_list);
	tcase_add_test(tc, test_map_dump);
	tcase_add_test(tc, test_map_dump_per_cpu);
	tcase_add_test(tc, test_bad_ids);
	suite_add_tcase(s, tc);
	tc = tcase_create("probe");
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_probe);
	suite_add_tcase(s, tc);
	return s;
}
