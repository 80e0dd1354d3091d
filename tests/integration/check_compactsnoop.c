// SPDX-License-Identifier: GPL-2.0
/*
 * compactsnoop against the real kernel: a workload asks the kernel to
 * compact every zone (/proc/sys/vm/compact_memory), which it does in
 * that very task, zone by zone; each populated zone that /proc/zoneinfo
 * lists comes out once, with the workload's pid, order -1 and SYNC, as
 * the kernel's compact_node() asks. How each one ends depends on what
 * else the machine does (a busy host's zone can end "contended"), so
 * the status is checked to be one the kernel names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "loader/format.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

#define MAX_ZONES	32

static const char *const wl[] = { "compact", NULL };

struct zone {
	int node;
	char name[32];		/* as compactsnoop prints it: ZONE_NORMAL */
	int seen;
};

/*
 * The zones with pages ("present" past 0), from /proc/zoneinfo, which
 * is what compact_node() walks. Returns how many.
 */
static int populated_zones(struct zone *z, int max)
{
	char line[256], name[24];
	int n = 0, node = -1, i;
	long present;
	FILE *f = fopen("/proc/zoneinfo", "re");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %23s", &node, name) == 2)
			continue;
		if (node < 0 || sscanf(line, " present %ld", &present) != 1 || !present)
			continue;
		ck_assert_int_lt(n, max);
		z[n].node = node;
		z[n].seen = 0;
		snprintf(z[n].name, sizeof(z[n].name), "ZONE_%s", name);
		for (i = 5; z[n].name[i]; i++)
			if (z[n].name[i] >= 'a' && z[n].name[i] <= 'z')
				z[n].name[i] = (char)(z[n].name[i] - 'a' + 'A');
		n++;
		node = -1;
	}
	fclose(f);
	ck_assert_int_gt(n, 0);
	return n;
}

/* True when the kernel's format names status. */
static bool kernel_status(const char *status)
{
	struct tp_symbol syms[16];
	struct tp_format *fmt = tp_format__load("compaction", "mm_compaction_end");
	int n, i;

	ck_assert_ptr_nonnull(fmt);
	n = tp_format__symbols(fmt, "status", syms, 16);
	tp_format__free(fmt);
	for (i = 0; i < n; i++)
		if (!strcmp(syms[i].name, status))
			return true;
	return false;
}

START_TEST(test_compact)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "node", "zone", "order", "mode",
					    "latency_ns", "status", NULL };
	const char *flags[] = { "--json", NULL };
	struct zone zones[MAX_ZONES];
	int nr = populated_zones(zones, MAX_ZONES), i;
	struct trace t;
	size_t j;
	long pid;

	trace_run(&t, "compactsnoop", flags, wl);
	assert_status(&t.p, 0);
	pid = workload_value(&t, "pid");
	ck_assert_int_eq(workload_value(&t, "compact"), 0);
	ck_assert_msg(t.j.n == (size_t)nr, "%zu compactions, not %d zones:\n%s",
		      t.j.n, nr, t.p.out);
	for (j = 0; j < t.j.n; j++) {
		const struct json_object *e = t.j.objs[j];

		assert_keys(e, keys);
		ck_assert_int_eq(ev_int(e, "pid"), pid);
		ck_assert_int_eq(ev_int(e, "tid"), pid);
		ck_assert_str_eq(ev_str(e, "comm"), self_comm());
		ck_assert_int_eq(ev_int(e, "order"), -1);
		ck_assert_str_eq(ev_str(e, "mode"), "SYNC");
		ck_assert_int_gt(ev_int(e, "latency_ns"), 0);
		ck_assert_msg(kernel_status(ev_str(e, "status")), "status %s",
			      ev_str(e, "status"));
		assert_time_in_run(&t, e);
		for (i = 0; i < nr; i++)
			if (zones[i].node == ev_int(e, "node") &&
			    !strcmp(zones[i].name, ev_str(e, "zone")))
				zones[i].seen++;
	}
	for (i = 0; i < nr; i++)
		ck_assert_msg(zones[i].seen == 1, "node %d %s seen %d times:\n%s",
			      zones[i].node, zones[i].name, zones[i].seen, t.p.out);
	trace__free(&t);
}
END_TEST

/* bcc's columns, one row per zone, in the order compacted. */
START_TEST(test_text)
{
	static const char header[] =
		"TIME(s)        COMM           PID    NODE ZONE         ORDER MODE      LAT(ms)           STATUS\n";
	const char *flags[] = { "-T", NULL };
	struct zone zones[MAX_ZONES];
	int nr = populated_zones(zones, MAX_ZONES), i;
	char row[128];
	struct trace t;

	trace_run(&t, "compactsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	/* From COMM to MODE: the rest is a time and a status. */
	for (i = 0; i < nr; i++) {
		snprintf(row, sizeof(row), " %-14s %-6ld %-4d %-12s -1    SYNC    ",
			 self_comm(), workload_value(&t, "pid"), zones[i].node,
			 zones[i].name);
		ck_assert_msg(count_lines(t.p.out, row) == 1, "no row \"%s\" in:\n%s",
			      row, t.p.out);
	}
	ck_assert_int_eq(count_lines(t.p.out, ""), nr + 1);
	trace__free(&t);
}
END_TEST

/* -p: another process's compaction is not shown. */
START_TEST(test_pid_filter)
{
	const char *flags[] = { "--json", "-p", "1", NULL };
	struct trace t;

	trace_run(&t, "compactsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "compact"), 0);
	ck_assert_msg(t.j.n == 0, "shown:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("compactsnoop", (const char *[]){ "-K", NULL },
			 "barebpf compactsnoop: invalid option -- 'K'");
	assert_bad_usage("compactsnoop", (const char *[]){ "-d", "0", NULL },
			 "barebpf compactsnoop: invalid -d value '0': expected 1..2147483647");
}
END_TEST

Suite *compactsnoop_suite(void)
{
	Suite *s = suite_create("compactsnoop");
	TCase *tc = tcase_create("compact");

	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_bad_usage);
	if (!trace_has_event("compaction", "mm_compaction_end")) {
		printf("SKIP compactsnoop compactions: this kernel has no compaction (CONFIG_COMPACTION)\n");
		suite_add_tcase(s, tc);
		return s;
	}
	tcase_add_test(tc, test_compact);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_pid_filter);
	suite_add_tcase(s, tc);
	return s;
}
