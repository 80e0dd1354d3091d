// SPDX-License-Identifier: GPL-2.0
/*
 * dcsnoop against the real kernel. Where it has kprobes (the kernel
 * matrix's 6.1 VMs): a workload looks up names the dcache has never
 * seen, by stat(), open() and open(O_CREAT), and each comes out as
 * exactly one miss, with the workload's pid; with -a, as references
 * too. Where it has none (the host barebpf is developed on): the one
 * line saying so, exit 1. Anywhere with BTF: the verifier takes the
 * four programs, which the kprobe program type does not need kprobes
 * to load.
 */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "loader/bpf.h"
#include "loader/btf.h"
#include "loader/kprobe.h"
#include "loader/perfbuf.h"
#include "loader/prog.h"
#include "progs/counters.h"
#include "progs/dcsnoop.h"
#include "tests/integration/hostile.h"
#include "tests/integration/trace.h"
#include "tests/integration/usage.h"

/*
 * The workload's names, of this test's own: each test runs in a process
 * of its own, and a name created by one is no miss for the next.
 */
static char prefix[32];

static void name_prefix(void)
{
	snprintf(prefix, sizeof(prefix), "dcsnoop-%d", (int)getpid());
}

/* The one event whose name is prefix-what, of type; asserts there is one. */
static const struct json_object *one(const struct trace *t, const char *what,
				     const char *type)
{
	const struct json_object *found = NULL;
	char name[64];
	size_t i;
	int n = 0;

	snprintf(name, sizeof(name), "%s-%s", prefix, what);
	for (i = 0; i < t->j.n; i++)
		if (!strcmp(ev_str(t->j.objs[i], "name"), name) &&
		    !strcmp(ev_str(t->j.objs[i], "type"), type)) {
			found = t->j.objs[i];
			n++;
		}
	ck_assert_msg(n == 1, "%d %s events for %s in:\n%s", n, type, name, t->p.out);
	return found;
}

static void assert_event(const struct trace *t, const struct json_object *e)
{
	static const char *const keys[] = { "time_ns", "pid", "tid", "uid", "comm",
					    "type", "name", NULL };

	assert_keys(e, keys);
	ck_assert_int_eq(ev_int(e, "pid"), workload_value(t, "pid"));
	ck_assert_int_eq(ev_int(e, "tid"), workload_value(t, "pid"));
	ck_assert_int_eq(ev_int(e, "uid"), 0);
	ck_assert_str_eq(ev_str(e, "comm"), self_comm());
	assert_time_in_run(t, e);
}

/* Each way of missing the dcache: one miss each, never two. */
START_TEST(test_misses)
{
	const char *flags[] = { "--json", NULL };
	const char *wl[] = { "lookups", case_dir, prefix, NULL };
	struct trace t;
	char name[64];
	size_t i;

	trace_run(&t, "dcsnoop", flags, wl);
	assert_status(&t.p, 0);
	ck_assert_int_eq(workload_value(&t, "stat"), -ENOENT);
	ck_assert_int_eq(workload_value(&t, "open"), -ENOENT);
	ck_assert_int_eq(workload_value(&t, "creat"), 0);
	/* stat(): lookup_fast's miss alone */
	assert_event(&t, one(&t, "stat", "M"));
	/* open(): lookup_fast's, and open's own d_lookup of the same name: shown once */
	assert_event(&t, one(&t, "open", "M"));
	/* open(O_CREAT): d_lookup's alone */
	assert_event(&t, one(&t, "creat", "M"));
	/* Without -a, no reference. */
	for (i = 0; i < t.j.n; i++)
		ck_assert_str_eq(ev_str(t.j.objs[i], "type"), "M");
	snprintf(name, sizeof(name), "%s-", prefix);
	ck_assert_int_eq(count_lines(t.p.out, name), 3);
	trace__free(&t);
}
END_TEST

/* -a: each name a walk looks up, as a reference, beside the misses. */
START_TEST(test_all)
{
	const char *flags[] = { "--json", "-a", NULL };
	const char *wl[] = { "lookups", case_dir, prefix, NULL };
	const char *base = strrchr(case_dir, '/') + 1;
	struct trace t;
	size_t i;
	int refs = 0;

	trace_run(&t, "dcsnoop", flags, wl);
	assert_status(&t.p, 0);
	assert_event(&t, one(&t, "stat", "M"));
	assert_event(&t, one(&t, "open", "M"));
	assert_event(&t, one(&t, "creat", "M"));
	/* The walk looks up stat's and open's names, and the directory's on each way down. */
	for (i = 0; i < t.j.n; i++) {
		const struct json_object *e = t.j.objs[i];

		if (strcmp(ev_str(e, "type"), "R"))
			continue;
		/* The held child's own before its exec, then the workload's. */
		ck_assert_int_eq(ev_int(e, "pid"), workload_value(&t, "pid"));
		if (!strncmp(ev_str(e, "name"), prefix, strlen(prefix)))
			assert_event(&t, e);
		refs += !strcmp(ev_str(e, "name"), base);
	}
	ck_assert_msg(refs >= 3, "%d references to %s in:\n%s", refs, base, t.p.out);
	ck_assert_msg(strstr(t.p.out, "\"type\":\"R\",\"name\":\"dcsnoop-"),
		      "no reference to the names:\n%s", t.p.out);
	trace__free(&t);
}
END_TEST

/* bcc's columns. */
START_TEST(test_text)
{
	static const char header[] = "TIME(s)     PID     COMM             T FILE\n";
	const char *wl[] = { "lookups", case_dir, prefix, NULL };
	char pattern[160];
	struct trace t;
	regex_t re;
	int rows;

	trace_run(&t, "dcsnoop", NULL, wl);
	assert_status(&t.p, 0);
	ck_assert_msg(!strncmp(t.p.out, header, strlen(header)), "header:\n%s", t.p.out);
	snprintf(pattern, sizeof(pattern), "^[0-9]+\\.[0-9]{6} +%ld +%s +M %s-(stat|open|creat)$",
		 workload_value(&t, "pid"), self_comm(), prefix);
	ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB | REG_NEWLINE), 0);
	rows = 0;
	for (char *line = strtok(t.p.out, "\n"); line; line = strtok(NULL, "\n"))
		rows += regexec(&re, line, 0, NULL, 0) == 0;
	regfree(&re);
	ck_assert_msg(rows == 3, "%d rows match /%s/", rows, pattern);
	trace__free(&t);
}
END_TEST

/*
 * Names the dcache missed, hostile ones looked up under a hostile comm:
 * both escaped in each row, a row per name.
 */
START_TEST(test_hostile)
{
	char hostile[64], row[160], want[160];
	const char *wl[] = { "as-hostile", "lookups", case_dir, hostile, NULL };
	static const char *const what[] = { "stat", "open", "creat" };
	struct trace t;
	size_t i;

	/* Never seen before: this test's process id in it. */
	snprintf(hostile, sizeof(hostile), HOSTILE_FILE "-%d", (int)getpid());
	trace_run(&t, "dcsnoop", NULL, wl);
	assert_status(&t.p, 0);
	hostile_assert_clean("dcsnoop", t.p.out);
	for (i = 0; i < 3; i++) {
		snprintf(row, sizeof(row), " %-7ld " HOSTILE_COMM_ESC " M " HOSTILE_FILE_ESC "-%d-%s\n",
			 workload_value(&t, "pid"), (int)getpid(), what[i]);
		snprintf(want, sizeof(want), HOSTILE_FILE_ESC "-%d-%s", (int)getpid(), what[i]);
		ck_assert_msg(strstr(t.p.out, row) && count_lines(t.p.out, want) == 1,
			      "not one row %s in:\n%s", row, t.p.out);
	}
	trace__free(&t);
}
END_TEST

/* With kprobes and without BTF: the names cannot be read; one line, exit 1. */
START_TEST(test_no_btf)
{
	static const char *const env[] = { "BAREBPF_NO_BTF=1", NULL };
	const struct run_opts o = { .env = env };
	const char *flags[] = { "-d", "1", NULL };
	struct trace t;

	trace_run_opts(&t, &o, "dcsnoop", flags, NULL);
	assert_status(&t.p, 1);
	ck_assert_str_eq(t.p.out, "");
	ck_assert_str_eq(t.p.err, "barebpf dcsnoop: needs the kernel's BTF to read the "
			 "names looked up: BAREBPF_NO_BTF is set\n");
	trace__free(&t);
}
END_TEST

/* Without kprobes: one line saying so, exit 1, whatever the flags. */
START_TEST(test_no_kprobes)
{
	static const char line[] = "barebpf dcsnoop: this kernel has no kprobes (no "
		KPROBE_PMU_DIR "), and no tracepoint sees dcache lookups\n";
	const char *flags[] = { "-d", "1", NULL };
	const char *json[] = { "--json", "-a", NULL };
	const char *wl[] = { "true", NULL };
	struct trace t;

	trace_run(&t, "dcsnoop", flags, NULL);
	assert_status(&t.p, 1);
	ck_assert_str_eq(t.p.out, "");
	ck_assert_str_eq(t.p.err, line);
	trace__free(&t);
	/* Before COMMAND is started: it never runs. */
	trace_run(&t, "dcsnoop", json, wl);
	assert_status(&t.p, 1);
	ck_assert_str_eq(t.p.out, "");
	ck_assert_str_eq(t.p.err, line);
	trace__free(&t);
}
END_TEST

/*
 * The four programs as the verifier sees them: a kprobe program loads
 * where the kernel has no kprobes to attach it to, so this runs on
 * every kernel with BTF, with -a and without, each helper set.
 */
START_TEST(test_programs_verify)
{
	struct dcsnoop_offsets offsets;
	struct dcsnoop_config cfg = { .who = { .pid = -1, .uid = -1 } };
	struct bpf_prog_load_opts opts = { .kern_version = kernel_version_code() };
	struct prog_features f;
	struct prog_log log = { .level = 0 };
	struct btf *btf = btf__load_vmlinux();
	int events = perfbuf_map_create("events"), counters = counters_map_create();
	int lookups = bpf_map_create(BPF_MAP_TYPE_LRU_HASH, "lookups", 4,
				     sizeof(struct dcsnoop_pending), 64, 0);
	char what[160];
	size_t i;
	int pass, fd;

	ck_assert_ptr_nonnull(btf);
	ck_assert_msg(dcsnoop_offsets__from_btf(&offsets, btf, what, sizeof(what)) == 0,
		      "%s", what);
	ck_assert_int_ge(events, 0);
	ck_assert_int_ge(counters, 0);
	ck_assert_int_ge(lookups, 0);
	cfg.offsets = &offsets;
	cfg.regs = callregs_native();
	ck_assert_ptr_nonnull(cfg.regs);
	for (pass = 0; pass < 4; pass++) {
		ck_assert_int_eq(prog_features__probe(&f, pass & 1 ? PROG_FORCE_PROBE_READ : 0), 0);
		cfg.features = &f;
		cfg.all = pass >= 2;
		for (i = 0; i < sizeof(dcsnoop_probes) / sizeof(dcsnoop_probes[0]); i++) {
			struct builder b;

			builder__init(&b);
			builder__map(&b, "events", events);
			builder__map(&b, "counters", counters);
			builder__map(&b, "lookups", lookups);
			ck_assert_int_eq(dcsnoop_probes[i].build(&b, NULL, &cfg), 0);
			ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
			opts.name = dcsnoop_probes[i].name;
			fd = prog_load(BPF_PROG_TYPE_KPROBE, b.insns, b.len, &opts, &log);
			ck_assert_msg(fd >= 0, "%s (pass %d): %s\n%s", dcsnoop_probes[i].name,
				      pass, strerror(-fd), log.text ? log.text : "");
			close(fd);
			prog_log__free(&log);
			builder__free(&b);
		}
	}
	close(lookups);
	close(counters);
	close(events);
	btf__free(btf);
}
END_TEST

START_TEST(test_bad_usage)
{
	assert_bad_usage("dcsnoop", (const char *[]){ "-x", NULL },
			 "barebpf dcsnoop: invalid option -- 'x'");
	assert_bad_usage("dcsnoop", (const char *[]){ "-t", "x", NULL },
			 "barebpf dcsnoop: invalid -t value 'x': expected 1..2147483647");
}
END_TEST

Suite *dcsnoop_suite(void)
{
	Suite *s = suite_create("dcsnoop");
	TCase *tc = tcase_create("lookups");
	bool btf = !access(BTF_VMLINUX_PATH, R_OK);

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_add_checked_fixture(tc, name_prefix, NULL);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_bad_usage);
	if (btf)
		tcase_add_test(tc, test_programs_verify);
	else
		printf("SKIP dcsnoop's programs before the verifier: this kernel has no BTF\n");
	if (kprobe_pmu_type() < 0) {
		tcase_add_test(tc, test_no_kprobes);
		printf("SKIP dcsnoop lookups: this kernel has no kprobes (the kernel matrix's have)\n");
	} else if (!btf) {
		tcase_add_test(tc, test_no_btf);
		printf("SKIP dcsnoop lookups: this kernel has kprobes but no BTF\n");
	} else {
		tcase_add_test(tc, test_misses);
		tcase_add_test(tc, test_all);
		tcase_add_test(tc, test_text);
		tcase_add_test(tc, test_hostile);
		tcase_add_test(tc, test_no_btf);
	}
	suite_add_tcase(s, tc);
	return s;
}
