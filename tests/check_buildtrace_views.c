// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace's views over hand-written builds (tests/buildtrace_views.h):
 * the selection, labels, the graph (escaping, --collapse, --cluster),
 * the critical path, the timeline's tracks and JSON, the report's
 * embedded data.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "tests/buildtrace_views.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/select.h"
#include "tools/buildtrace/tracks.h"

/* The pids of the model's processes, in order, as "10 20 21". */
static const char *pids(const struct bt_model *m)
{
	static char buf[256];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < m->nr_procs; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%u", i ? " " : "",
				      m->procs[i].pid);
	return buf;
}

/* Parse selection options as a subcommand would. */
static int select_parse(struct bt_select *s, const char *const *args)
{
	static const struct option opts[] = { BT_SELECT_OPTIONS, { NULL, 0, NULL, 0 } };
	static char copy[16][64];	/* the selection points into it */
	char *argv[16];
	int argc = 1, opt, err = 0;

	memset(s, 0, sizeof(*s));
	argv[0] = "select";
	for (; args[argc - 1]; argc++) {
		snprintf(copy[argc], sizeof(copy[0]), "%s", args[argc - 1]);
		argv[argc] = copy[argc];
	}
	argv[argc] = NULL;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (bt_select__option(s, opt, optarg) <= 0)
			err = -1;
	return err;
}

static const char *selected(const char *const *args)
{
	struct bt_select s;
	struct bt_model m;
	struct tb t;
	const char *v;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	ck_assert_int_eq(select_parse(&s, args), 0);
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	v = pids(&m);	/* a static buffer: it outlives the model */
	bt_model__free(&m);
	return v;
}

START_TEST(test_select_processes)
{
	struct bt_select s;
	struct bt_model m;
	unsigned char *v;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	ck_assert_str_eq(pids(&m), "10 20 21 22 40 30");
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--command", "cc", NULL }), 0);
	v = bt_select__procs(&s, &m);
	ck_assert_mem_eq(v, "\0\1\1\1\0\0", 6);
	free(v);
	/* the program's path counts, and argv[0] */
	select_parse(&s, (const char *const[]){ "--command", "/usr/lib/gcc/*", NULL });
	v = bt_select__procs(&s, &m);
	ck_assert_mem_eq(v, "\0\0\1\0\0\0", 6);
	free(v);
	select_parse(&s, (const char *const[]){ "--pid", "20", "--command", "as", NULL });
	v = bt_select__procs(&s, &m);
	ck_assert_mem_eq(v, "\0\0\0\1\0\0", 6);
	free(v);
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	/* as alone, a root now, with its image and uses */
	ck_assert_str_eq(pids(&m), "22");
	ck_assert_int_eq(m.procs[0].parent, -1);
	ck_assert_uint_eq(m.nr_execs, 1);
	ck_assert_str_eq(m.execs[m.procs[0].exec].argv[0], "as");
	ck_assert_uint_eq(m.nr_uses, 3);	/* exec, read the .s, create a.o */
	bt_model__free(&m);
}
END_TEST

START_TEST(test_select_paths_events_time)
{
	struct bt_select s;
	struct bt_model m;
	struct tb t;
	size_t i;

	/* a path: who touched it, and their ancestors to hang from */
	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--path", "*.o", NULL }), 0);
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	ck_assert_str_eq(pids(&m), "10 20 22 30");
	ck_assert_int_eq(m.procs[2].parent, 1);
	ck_assert_int_eq(m.procs[3].parent, 0);
	for (i = 0; i < m.nr_uses; i++)
		ck_assert_str_eq(bt_model__path(&m, m.uses[i].path), "/w/a.o");
	ck_assert_uint_eq(m.nr_uses, 2);
	bt_model__free(&m);

	/* under the cwd, a relative glob */
	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	select_parse(&s, (const char *const[]){ "--path", "lib.[ab]", "--event", "openat", NULL });
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	ck_assert_str_eq(pids(&m), "10 40 30");
	ck_assert_uint_eq(m.nr_uses, 2);
	ck_assert_str_eq(bt_use_event(&m.uses[0]), "openat");
	bt_model__free(&m);

	/* exec events alone */
	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	select_parse(&s, (const char *const[]){ "--event", "exec,unlink", NULL });
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	ck_assert_str_eq(pids(&m), "10 20 21 22 40 30");
	ck_assert_uint_eq(m.nr_uses, 6);	/* 5 execs, 1 unlink */
	bt_model__free(&m);

	/* a window: the records are 1 us apart; cc ends at 19, cat runs 21-33, ar 24-29 */
	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	select_parse(&s, (const char *const[]){ "--since", "0.000022", "--until", "0.0000250", NULL });
	ck_assert_uint_eq(s.since_ns, 22000);
	ck_assert_uint_eq(s.until_ns, 25000);
	ck_assert_int_eq(bt_select__apply(&s, &m), 0);
	ck_assert_str_eq(pids(&m), "10 40 30");
	bt_model__free(&m);
	ck_assert_str_eq(selected((const char *const[]){ "--pid", "30", NULL }), "30");
}
END_TEST

START_TEST(test_normalize_selected)
{
	char file[64];
	struct ran r;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "normalize.trace"));
	/* ar: its exec, its files, its exit; and the trace's end */
	run_main(&r, bt_normalize_main, (const char *const[]){
		"normalize", "--command", "a[r]", "--event", "exec,openat,exit", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(count(r.out, "\n"), 4);
	ck_assert_int_eq(count(r.out, "\"pid\":30,"), 4);
	ck_assert_ptr_nonnull(strstr(r.out, "\"event\":\"exec\",\"path\":\"/usr/bin/ar\""));
	ck_assert_ptr_nonnull(strstr(r.out, "\"paths\":[\"/w/lib.a\"],\"access\":[\"create\"]}\n"));
	ran_free(&r);
	/* a path: the events touching it, whoever made them */
	run_main(&r, bt_normalize_main, (const char *const[]){
		"normalize", "--path", "/tmp/*", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(count(r.out, "\n"), 3);
	ck_assert_int_eq(count(r.out, "\"paths\":[\"/tmp/ccA.s\"]"), 3);
	ran_free(&r);
	run_main(&r, bt_normalize_main, (const char *const[]){
		"normalize", "--event", "nope", file, NULL });
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "barebpf buildtrace: --event: no event is named 'nope'"));
	ran_free(&r);
	unlink(file);
}
END_TEST

START_TEST(test_select_errors)
{
	struct bt_select s;

	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--event", "open,bogus", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--event", ",", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--since", "1s", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--since", "-1", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--until", ".", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--pid", "0", NULL }), -1);
	ck_assert_int_eq(select_parse(&s, (const char *const[]){ "--since", "2.5", NULL }), 0);
	ck_assert_uint_eq(s.since_ns, 2500000000ull);
	ck_assert(bt_select__active(&s));
}
END_TEST

START_TEST(test_glob)
{
	ck_assert(bt_glob_match("*.o", "/w/src/a.o"));
	ck_assert(bt_glob_match("src/*", "src/x/y"));
	ck_assert(bt_glob_match("m?.c", "m5.c"));
	ck_assert(!bt_glob_match("m?.c", "m15.c"));
	ck_assert(bt_glob_match("m[0-9][!a].c", "m15.c"));
	ck_assert(!bt_glob_match("m[!0-9]*", "m1"));
	ck_assert(bt_glob_match("a\\*b", "a*b"));
	ck_assert(!bt_glob_match("a\\*b", "axb"));
	ck_assert(bt_glob_match("[", "["));
	ck_assert(bt_glob_match("**a*", "bab"));
	ck_assert(!bt_glob_match("*a", "ab"));
	ck_assert(bt_glob_match("", ""));
	ck_assert(bt_glob_match("lib.[ab]", "lib.a"));
}
END_TEST

static const char *label_of(const char *prog, const char *const *argv)
{
	static char buf[BT_LABEL_MAX];
	struct bt_exec_image img = { .argv = (char **)argv };
	struct bt_model m = { .nr_paths = 0 };

	while (argv[img.argc])
		img.argc++;
	img.path = bt_model__intern(&m, prog, strlen(prog));
	bt_image_label(buf, sizeof(buf), &m, &img);
	bt_model__free(&m);
	return buf;
}

START_TEST(test_labels)
{
	ck_assert_str_eq(label_of("/usr/libexec/gcc/cc1", (const char *const[]){
		"/usr/libexec/gcc/cc1", "-quiet", "-I", "include", "src/lapi.c",
		"-dumpbase", "lapi.c", "-o", "/tmp/ccX.s", NULL }), "cc1 src/lapi.c");
	ck_assert_str_eq(label_of("/usr/bin/as", (const char *const[]){
		"as", "--64", "-o", "lapi.o", "/tmp/ccX.s", NULL }), "as \u2192 lapi.o");
	ck_assert_str_eq(label_of("/usr/bin/ar", (const char *const[]){
		"ar", "rcs", "liblua.a", "lapi.o", "lcode.o", NULL }), "ar \u2192 liblua.a");
	ck_assert_str_eq(label_of("/usr/bin/gcc", (const char *const[]){
		"gcc", "-O2", "-c", "lapi.c", NULL }), "gcc lapi.c");
	ck_assert_str_eq(label_of("/usr/bin/gcc", (const char *const[]){
		"gcc", "-o", "lua", "lua.o", "liblua.a", "-lm", NULL }), "gcc \u2192 lua");
	ck_assert_str_eq(label_of("/bin/sh", (const char *const[]){
		"/bin/sh", "-c", "cd src && make all\nand a second line of it", NULL }),
		"sh -c cd src && make all and a second li...");
	ck_assert_str_eq(label_of("/usr/bin/make", (const char *const[]){
		"make", "-j2", NULL }), "make -j2");
	/* a long path keeps its end */
	ck_assert_str_eq(label_of("/usr/bin/cc", (const char *const[]){
		"cc", "-c", "a/very/long/directory/name/that/goes/on/and/on/and/on/and/on/deeper/file.c",
		NULL }), "cc ...ng/directory/name/that/goes/on/and/on/and/on/and/on/deeper/file.c");
	ck_assert_uint_eq(strlen(label_of("/usr/bin/cc", (const char *const[]){
		"cc", "-c", "a/very/long/directory/name/that/goes/on/and/on/and/on/and/on/deeper/file.c",
		NULL })), BT_LABEL_MAX - 1);
}
END_TEST

START_TEST(test_graph)
{
	char file[64];
	struct ran r;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "graph.trace"));
	run_main(&r, bt_graph_main, (const char *const[]){ "graph", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"  p1 [shape=box, label=\"cc a.c\", tooltip=\"cc -O2 -c a.c -o a.o (pid 20)\"];\n"
		"  p0 -> p1 [color=gray50];\n"
		"  p2 [shape=box, label=\"cc1 a.c\", tooltip=\"/usr/lib/gcc/cc1 a.c -O2 -o /tmp/ccA.s (pid 21)\"];\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "label=\"as \u2192 a.o\""));
	ck_assert_ptr_nonnull(strstr(r.out, "label=\"ar \u2192 lib.a\""));
	/* the archive: written once, read by cat and by nobody else */
	ck_assert_int_eq(count(r.out, "p5 -> f"), 1);
	ck_assert_ptr_nonnull(strstr(r.out, "[shape=note, label=\"/tmp/ccA.s\"]"));
	ran_free(&r);

	run_main(&r, bt_graph_main, (const char *const[]){ "graph", "--collapse",
							  "--cluster", file, NULL });
	ck_assert_int_eq(r.status, 0);
	/* cc with cc1 and as in it; their temporary file gone */
	ck_assert_int_eq(count(r.out, "shape=box"), 4);
	ck_assert_ptr_nonnull(strstr(r.out,
		"  p1 [shape=box, label=\"cc a.c\", tooltip=\"cc -O2 -c a.c -o a.o (pid 20)\\n"
		"cc1 a.c\\nas \u2192 a.o\", peripheries=2];\n"));
	ck_assert_ptr_null(strstr(r.out, "ccA.s\""));
	ck_assert_ptr_nonnull(strstr(r.out,
		"  subgraph cluster_0 {\n    label=\".\";\n"
		"    f"));
	ck_assert_ptr_nonnull(strstr(r.out, "label=\"a.o\", tooltip=\"/w/a.o\"];\n"));
	/* a.o: written by the folded box, read by ar: two edges, once each */
	ck_assert_int_eq(count(r.out, "-> p5 [color=steelblue]"), 1);
	ran_free(&r);
	unlink(file);
}
END_TEST

/* Bytes a process chose, in every output that carries them. */
static void hostile_build(struct tb *t)
{
	tb_init(t, "/w", (const char *const[]){ "make", NULL }, 10);
	tb_fork(t, 10, 10, 20, 20, 0x11);
	tb_exec(t, 20, 20, "/usr/bin/tool", (const char *const[]){
		"tool", "a\"b", "c\\d", "e\nf", "\x1b[31m", "\xff", NULL });
	tb_sc(t, 20, 20, BT_OP_OPENAT, 3, WR, "</script><script>alert(1)</script>",
	      NULL, NULL, 0);
	tb_exit(t, 20, 20, true);
	wait_for(t, 10, 20);
	tb_exit(t, 10, 10, true);
	tb_end(t, 0);
}

START_TEST(test_escaping)
{
	char file[64];
	struct ran r;
	struct tb t;

	hostile_build(&t);
	write_trace(&t, tmp_path(file, "hostile.trace"));
	run_main(&r, bt_graph_main, (const char *const[]){ "graph", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"  p1 [shape=box, label=\"tool a\\\"b c\\\\d e\\\\x0af \\\\x1b[31m \\\\xff\", "
		"tooltip=\"tool a\\\"b c\\\\d e\\\\x0af \\\\x1b[31m \\\\xff (pid 20)\"];\n"));
	ck_assert_ptr_null(strchr(r.out, '\x1b'));
	ran_free(&r);

	run_main(&r, bt_timeline_main, (const char *const[]){ "timeline", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"\"argv\":[\"tool\",\"a\\\"b\",\"c\\\\d\",\"e\\nf\",\"\\u001b[31m\",\"\\udcff\"]"));
	ran_free(&r);

	run_main(&r, bt_report_main, (const char *const[]){ "report", file, NULL });
	ck_assert_int_eq(r.status, 0);
	/* the data's script and the page's own, and no other */
	ck_assert_int_eq(count(r.out, "</script>"), 2);
	ck_assert_int_eq(count(r.out, "<script"), 2);
	ck_assert_ptr_nonnull(strstr(r.out,
		"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
	ck_assert_ptr_nonnull(strstr(r.out, "\"tool a\\\"b c\\\\d e\\nf \\u001b[31m \\udcff\""));
	ran_free(&r);
	unlink(file);
}
END_TEST

START_TEST(test_critical_path)
{
	static const char *const want[][2] = {
		{ "make", "first" }, { "cc a.c", "started" }, { "cc1 a.c", "started" },
		{ "cc a.c", "after child" }, { "as \u2192 a.o", "started" },
		{ "cc a.c", "after child" }, { "make", "after child" },
		{ "ar \u2192 lib.a", "started" }, { "cat lib.a", "read" },
		{ "make", "after child" },
	};
	char label[BT_LABEL_MAX];
	struct bt_step *steps;
	struct bt_model m;
	struct tb t;
	size_t i, n;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	ck_assert_int_eq(bt_critical_path(&m, &steps, &n), 0);
	ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		bt_proc_label(label, sizeof(label), &m, steps[i].proc);
		ck_assert_str_eq(label, want[i][0]);
		ck_assert_str_eq(bt_link_name(steps[i].link), want[i][1]);
		/* one after the other, from the start to the end of make */
		ck_assert_uint_le(steps[i].from_ns, steps[i].to_ns);
		if (i)
			ck_assert_uint_eq(steps[i].from_ns, steps[i - 1].to_ns);
	}
	ck_assert_str_eq(bt_model__path(&m, steps[8].path), "/w/lib.a");
	ck_assert_uint_eq(steps[0].from_ns, 0);
	ck_assert_uint_eq(steps[n - 1].to_ns, m.procs[0].end_ns);
	free(steps);
	bt_model__free(&m);
}
END_TEST

START_TEST(test_summary_critical)
{
	char file[64];
	struct ran r;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "summary.trace"));
	run_main(&r, bt_summary_main, (const char *const[]){ "summary", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"critical path: 0.000 s in 10 steps (seconds on it, pid, what, how it follows):\n"
		"     0.000  10      make\n"
		"     0.000  20      cc a.c  (started)\n"
		"     0.000  21      cc1 a.c  (started)\n"
		"     0.000  20      cc a.c  (after child)\n"
		"     0.000  22      as \u2192 a.o  (started)\n"
		"     0.000  20      cc a.c  (after child)\n"
		"     0.000  10      make  (after child)\n"
		"     0.000  30      ar \u2192 lib.a  (started)\n"
		"     0.000  40      cat lib.a  (read /w/lib.a)\n"
		"     0.000  10      make  (after child)\n"));
	ran_free(&r);
	/* the 2 longest (5 us each, the first two of those), the rest folded */
	run_main(&r, bt_summary_main, (const char *const[]){ "summary", "-n", "2", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"critical path: 0.000 s in 10 steps, the longest (seconds on it, pid, what, how it follows):\n"
		"     0.000  (2 steps)\n"
		"     0.000  21      cc1 a.c  (started)\n"
		"     0.000  (1 step)\n"
		"     0.000  22      as \u2192 a.o  (started)\n"
		"     0.000  (5 steps)\nlost:"));
	ran_free(&r);
	unlink(file);
}
END_TEST

START_TEST(test_tracks_and_timeline)
{
	struct bt_model m;
	int *track, n;
	char file[64];
	struct ran r;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	replay(&t, &m);
	ck_assert_int_eq(bt_tracks(&m, &track, &n), 0);
	/* make encloses all; cat and ar overlap: ar goes on a second track */
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(track[0], 0);
	ck_assert_int_eq(track[1], 0);
	ck_assert_int_eq(track[2], 0);
	ck_assert_int_eq(track[3], 0);
	ck_assert_int_eq(track[4], 0);	/* cat, on make's track */
	ck_assert_int_eq(track[5], 1);	/* ar */
	free(track);
	bt_model__free(&m);

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "timeline.trace"));
	run_main(&r, bt_timeline_main, (const char *const[]){ "timeline", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out,
		"{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n"
		"{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":10,\"args\":{\"name\":\"make\"}},\n"
		"{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":10,\"tid\":0,\"args\":{\"name\":\"track 1\"}},\n"
		"{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":10,\"tid\":1,\"args\":{\"name\":\"track 2\"}},\n"));
	/* cc1: forked 4 us in, gone 5 us later, all of it on the critical path */
	ck_assert_ptr_nonnull(strstr(r.out,
		"{\"ph\":\"X\",\"cat\":\"process\",\"name\":\"cc1 a.c\",\"ts\":4.000,\"dur\":5.000,"
		"\"pid\":10,\"tid\":0,\"args\":{\"pid\":21,\"ppid\":20,"
		"\"program\":\"/usr/lib/gcc/cc1\",\"argv\":[\"/usr/lib/gcc/cc1\",\"a.c\",\"-O2\",\"-o\",\"/tmp/ccA.s\"],"
		"\"cwd\":\"/w\",\"exit\":\"code 0\",\"critical_path_us\":5.000}}"));
	ck_assert_int_eq(count(r.out, "\"ph\":\"X\""), 6);
	ck_assert_ptr_nonnull(strstr(r.out, "\n],\"otherData\":{\"trace\":"));
	ran_free(&r);
	unlink(file);
}
END_TEST

START_TEST(test_report_data)
{
	char file[64];
	struct ran r;
	struct tb t;

	mini_build(&t, "-O2", false, "/tmp/ccA.s");
	write_trace(&t, tmp_path(file, "report.trace"));
	run_main(&r, bt_report_main, (const char *const[]){ "report", file, NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "<!DOCTYPE html>"));
	ck_assert_ptr_null(strstr(r.out, "<!--DATA-->"));
	/* no address anywhere: nothing is fetched */
	ck_assert_ptr_null(strstr(r.out, "http"));
	ck_assert_ptr_null(strstr(r.out, " src="));
	/* a.o: read by ar (5), written by as (3); lib.a: read by cat, written by ar */
	ck_assert_ptr_nonnull(strstr(r.out, "\n[\"a.o\",[5],[3]]"));
	ck_assert_ptr_nonnull(strstr(r.out, "\n[\"lib.a\",[4],[5]]"));
	ck_assert_ptr_nonnull(strstr(r.out, ",\"read\",\"lib.a\"]"));
	/* the critical path, a step a line: cat read what ar wrote */
	ck_assert_ptr_nonnull(strstr(r.out, "\n[4,28,33,\"read\",\"lib.a\"],\n"));
	/* 6 processes, 5 execs (make's own is not in a hand-written trace), 0 failed */
	ck_assert_ptr_nonnull(strstr(r.out, "\"n\":[6,5,0,14,4,4,0]}</script>"));
	ran_free(&r);
	unlink(file);
}
END_TEST

Suite *buildtrace_views_suite(void)
{
	Suite *s = suite_create("buildtrace_views");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_select_processes);
	tcase_add_test(tc, test_select_paths_events_time);
	tcase_add_test(tc, test_normalize_selected);
	tcase_add_test(tc, test_select_errors);
	tcase_add_test(tc, test_glob);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_graph);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_critical_path);
	tcase_add_test(tc, test_summary_critical);
	tcase_add_test(tc, test_tracks_and_timeline);
	tcase_add_test(tc, test_report_data);
	suite_add_tcase(s, tc);
	return s;
}
