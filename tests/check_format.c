// SPDX-License-Identifier: GPL-2.0
/*
 * Format file parser tests. The well-formed inputs are real format files
 * from a 6.18 kernel (tests/fixtures/formats/README says what each one
 * covers); every field of every file is compared, since a program that
 * reads a record at a wrong offset fails silently. Malformed inputs are
 * inline, one fault each, with the line the parser must blame.
 *
 * Paths are relative to the repository root, where the tests run.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "loader/format.h"
#include "loader/tracefs.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define FORMATS		"tests/fixtures/formats/"
#define FAKE_TRACEFS	"tests/fixtures/tracefs"

struct want_field {
	const char *type;
	const char *name;
	__u32 offset, size;
	bool is_signed;
	bool is_array;
	__u32 array_len;
	bool data_loc, rel_loc, common;
};

#define FIELD(T, N, OFF, SZ, SG)	{ T, N, OFF, SZ, SG, false, 0, false, false, false }
#define ARRAY(T, N, OFF, SZ, SG, LEN)	{ T, N, OFF, SZ, SG, true, LEN, false, false, false }
#define DATA_LOC(T, N, OFF, SZ)		{ T, N, OFF, SZ, false, false, 0, true, false, false }
#define COMMON(T, N, OFF, SZ, SG)	{ T, N, OFF, SZ, SG, false, 0, false, false, true }

/* The four fields every event of a 6.x kernel starts with. */
#define COMMON_FIELDS							\
	COMMON("unsigned short", "common_type", 0, 2, false),		\
	COMMON("unsigned char", "common_flags", 2, 1, false),		\
	COMMON("unsigned char", "common_preempt_count", 3, 1, false),	\
	COMMON("int", "common_pid", 4, 4, true)

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf;
	long len;

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	ck_assert_int_gt(len, 0);
	rewind(f);
	buf = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Parse FORMATS/system/event, which must succeed. */
static struct tp_format *parse_fixture(const char *system, const char *event)
{
	char path[256];
	struct tp_format *fmt;
	char *text;
	int line = -1;

	snprintf(path, sizeof(path), FORMATS "%s/%s", system, event);
	text = read_file(path);
	fmt = tp_format__parse(system, event, text, &line);
	ck_assert_msg(fmt != NULL, "%s: line %d: %s", path, line,
		      strerror(errno));
	ck_assert_int_eq(line, 0);
	free(text);
	ck_assert_str_eq(fmt->system, system);
	ck_assert_str_eq(fmt->name, event);
	return fmt;
}

static void check_fields(const struct tp_format *fmt,
			 const struct want_field *want, size_t n)
{
	size_t i;

	ck_assert_uint_eq(fmt->nr_fields, n);
	for (i = 0; i < n; i++) {
		const struct tp_field *f = &fmt->fields[i];
		const struct want_field *w = &want[i];

		ck_assert_str_eq(f->name, w->name);
		ck_assert_msg(!strcmp(f->type, w->type),
			      "%s: type '%s', want '%s'", w->name, f->type,
			      w->type);
		ck_assert_msg(f->offset == w->offset && f->size == w->size,
			      "%s: offset %u size %u, want %u %u", w->name,
			      f->offset, f->size, w->offset, w->size);
		ck_assert_msg(f->is_signed == w->is_signed, "%s: signed %d",
			      w->name, f->is_signed);
		ck_assert_msg(f->is_array == w->is_array &&
			      f->array_len == w->array_len,
			      "%s: array %d [%u]", w->name, f->is_array,
			      f->array_len);
		ck_assert_msg(f->data_loc == w->data_loc &&
			      f->rel_loc == w->rel_loc,
			      "%s: data_loc %d rel_loc %d", w->name,
			      f->data_loc, f->rel_loc);
		ck_assert_msg(f->common == w->common, "%s: common %d",
			      w->name, f->common);
		/* Lookup by name finds this very field. */
		ck_assert_ptr_eq(tp_format__field(fmt, w->name), f);
	}
}

#define CHECK_FIELDS(fmt, want) check_fields(fmt, want, ARRAY_SIZE(want))

START_TEST(test_sys_enter_openat)
{
	/* Every syscall argument gets an 8-byte slot, whatever its type. */
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "__syscall_nr", 8, 4, true),
		FIELD("int", "dfd", 16, 8, false),
		FIELD("const char *", "filename", 24, 8, false),
		FIELD("int", "flags", 32, 8, false),
		FIELD("umode_t", "mode", 40, 8, false),
	};
	struct tp_format *fmt = parse_fixture("syscalls", "sys_enter_openat");

	ck_assert_uint_eq(fmt->id, 782);
	CHECK_FIELDS(fmt, want);
	ck_assert_str_eq(fmt->print_fmt,
			 "\"dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx\", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename)), ((unsigned long)(REC->flags)), ((unsigned long)(REC->mode))");
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_sys_exit_openat)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "__syscall_nr", 8, 4, true),
		FIELD("long", "ret", 16, 8, true),
	};
	struct tp_format *fmt = parse_fixture("syscalls", "sys_exit_openat");

	ck_assert_uint_eq(fmt->id, 781);
	CHECK_FIELDS(fmt, want);
	/* Up to the end of the line, without its newline. */
	ck_assert_str_eq(fmt->print_fmt, "\"0x%lx\", REC->ret");
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_sys_enter_execve)
{
	/* "const char *const * argv": the name is only the last word. */
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "__syscall_nr", 8, 4, true),
		FIELD("const char *", "filename", 16, 8, false),
		FIELD("const char *const *", "argv", 24, 8, false),
		FIELD("const char *const *", "envp", 32, 8, false),
	};
	struct tp_format *fmt = parse_fixture("syscalls", "sys_enter_execve");

	ck_assert_uint_eq(fmt->id, 862);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_sched_process_exec)
{
	/* __data_loc: the type keeps its "[]", the u32 slot is 4 bytes. */
	static const struct want_field want[] = {
		COMMON_FIELDS,
		DATA_LOC("char[]", "filename", 8, 4),
		FIELD("pid_t", "pid", 12, 4, true),
		FIELD("pid_t", "old_pid", 16, 4, true),
	};
	struct tp_format *fmt = parse_fixture("sched", "sched_process_exec");

	ck_assert_uint_eq(fmt->id, 365);
	CHECK_FIELDS(fmt, want);
	ck_assert_str_eq(fmt->print_fmt,
			 "\"filename=%s pid=%d old_pid=%d\", __get_str(filename), REC->pid, REC->old_pid");
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_sched_process_exit)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		ARRAY("char", "comm", 8, 16, false, 16),
		FIELD("pid_t", "pid", 24, 4, true),
		FIELD("int", "prio", 28, 4, true),
		FIELD("bool", "group_dead", 32, 1, false),
	};
	struct tp_format *fmt = parse_fixture("sched", "sched_process_exit");

	ck_assert_uint_eq(fmt->id, 369);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_sched_process_fork)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		DATA_LOC("char[]", "parent_comm", 8, 4),
		FIELD("pid_t", "parent_pid", 12, 4, true),
		DATA_LOC("char[]", "child_comm", 16, 4),
		FIELD("pid_t", "child_pid", 20, 4, true),
	};
	struct tp_format *fmt = parse_fixture("sched", "sched_process_fork");

	ck_assert_uint_eq(fmt->id, 366);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_task_newtask)
{
	/* clone_flags sits at 32, not 28: the u64 is aligned past comm. */
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("pid_t", "pid", 8, 4, true),
		ARRAY("char", "comm", 12, 16, false, 16),
		FIELD("u64", "clone_flags", 32, 8, false),
		FIELD("short", "oom_score_adj", 40, 2, true),
	};
	struct tp_format *fmt = parse_fixture("task", "task_newtask");

	ck_assert_uint_eq(fmt->id, 205);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_signal_generate)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "sig", 8, 4, true),
		FIELD("int", "errno", 12, 4, true),
		FIELD("int", "code", 16, 4, true),
		ARRAY("char", "comm", 20, 16, false, 16),
		FIELD("pid_t", "pid", 36, 4, true),
		FIELD("int", "group", 40, 4, true),
		FIELD("int", "result", 44, 4, true),
	};
	struct tp_format *fmt = parse_fixture("signal", "signal_generate");

	ck_assert_uint_eq(fmt->id, 261);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_ftrace_print)
{
	/* "char buf[]": an array with no length, and a size of 0. */
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("unsigned long", "ip", 8, 8, false),
		ARRAY("char", "buf", 16, 0, false, 0),
	};
	struct tp_format *fmt = parse_fixture("ftrace", "print");

	ck_assert_uint_eq(fmt->id, 5);
	CHECK_FIELDS(fmt, want);
	ck_assert_str_eq(fmt->print_fmt, "\"%ps: %s\", (void *)REC->ip, REC->buf");
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_ftrace_kernel_stack)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "size", 8, 4, true),
		ARRAY("unsigned long", "caller", 16, 64, false, 8),
	};
	struct tp_format *fmt = parse_fixture("ftrace", "kernel_stack");

	ck_assert_uint_eq(fmt->id, 4);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

/* Assert syms[0..n) are exactly want (value, name) in order. */
static void check_symbols(const struct tp_symbol *syms, int n,
			  const struct tp_symbol *want, int nwant)
{
	int i;

	ck_assert_int_eq(n, nwant);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(syms[i].value, want[i].value);
		ck_assert_str_eq(syms[i].name, want[i].name);
	}
}

START_TEST(test_compaction_end_symbols)
{
	/* The kernel's order in the print fmt, not the enum's. */
	static const struct tp_symbol want[] = {
		{ 1, "skipped" }, { 2, "deferred" }, { 4, "continue" },
		{ 8, "success" }, { 6, "partial_skipped" }, { 5, "complete" },
		{ 3, "no_suitable_page" }, { 0, "not_suitable_zone" },
		{ 7, "contended" },
	};
	static const struct want_field fields[] = {
		COMMON_FIELDS,
		FIELD("unsigned long", "zone_start", 8, 8, false),
		FIELD("unsigned long", "migrate_pfn", 16, 8, false),
		FIELD("unsigned long", "free_pfn", 24, 8, false),
		FIELD("unsigned long", "zone_end", 32, 8, false),
		FIELD("bool", "sync", 40, 1, false),
		FIELD("int", "status", 44, 4, true),
	};
	struct tp_format *fmt = parse_fixture("compaction", "mm_compaction_end");
	struct tp_symbol syms[16], few[3];

	CHECK_FIELDS(fmt, fields);
	check_symbols(syms, tp_format__symbols(fmt, "status", syms, 16),
		      want, (int)ARRAY_SIZE(want));
	/* No more than asked for, the first ones. */
	check_symbols(few, tp_format__symbols(fmt, "status", few, 3), want, 3);
	/* A field printed plainly, or not at all, has no table. */
	ck_assert_int_eq(tp_format__symbols(fmt, "sync", syms, 16), -ENOENT);
	ck_assert_int_eq(tp_format__symbols(fmt, "stat", syms, 16), -ENOENT);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_compaction_finished_symbols)
{
	static const struct tp_symbol zones[] = {
		{ 0, "DMA" }, { 1, "DMA32" }, { 2, "Normal" }, { 3, "Movable" },
	};
	struct tp_format *fmt = parse_fixture("compaction", "mm_compaction_finished");
	struct tp_symbol syms[16];

	/* Two tables in one print fmt: each field finds its own. */
	check_symbols(syms, tp_format__symbols(fmt, "idx", syms, 16), zones,
		      (int)ARRAY_SIZE(zones));
	ck_assert_int_eq(tp_format__symbols(fmt, "ret", syms, 16), 9);
	ck_assert_str_eq(syms[8].name, "contended");
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_symbols_odd)
{
	/*
	 * Hex and negative values; an expression, a name too long and a
	 * cut table are left out or end the list, never misread.
	 */
	static const char head[] =
		"name: x\nID: 1\nformat:\n"
		"\tfield:int a;\toffset:8;\tsize:4;\tsigned:1;\n\n"
		"print fmt: ";
	static const struct {
		const char *print;
		int n;
		struct tp_symbol first;
	} cases[] = {
		{ "\"%s\", __print_symbolic(REC->a, {0x10, \"hex\"}, { -1, \"neg\" })", 2,
		  { 16, "hex" } },
		{ "\"%s\", __print_symbolic(REC->a, {(1UL << 2), \"expr\"}, {3, \"three\"})", 1,
		  { 3, "three" } },
		{ "\"%s\", __print_symbolic(REC->a, {1, \"a-name-of-more-than-thirty-one-bytes\"}, {2, \"b\"})", 1,
		  { 2, "b" } },
		{ "\"%s\", __print_symbolic(REC->a, {1, \"one\"}, {2, \"tw", 1,
		  { 1, "one" } },
		{ "\"%s\", __print_symbolic(REC->ab, {1, \"one\"}), __print_symbolic(REC->a, {5, \"five\"})", 1,
		  { 5, "five" } },
	};
	struct tp_symbol syms[4];
	struct tp_format *fmt;
	char text[512];
	size_t i;
	int n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(text, sizeof(text), "%s%s\n", head, cases[i].print);
		fmt = tp_format__parse("s", "x", text, NULL);
		ck_assert_ptr_nonnull(fmt);
		n = tp_format__symbols(fmt, "a", syms, 4);
		ck_assert_msg(n == cases[i].n, "case %zu: %d symbols", i, n);
		ck_assert_int_eq(syms[0].value, cases[i].first.value);
		ck_assert_str_eq(syms[0].name, cases[i].first.name);
		tp_format__free(fmt);
	}
}
END_TEST

START_TEST(test_rel_loc)
{
	/*
	 * No event on the fixture machine uses __rel_loc (5.18), so this is
	 * shaped by hand after the kernel's own sample event foo_rel_loc,
	 * whose format prints __rel_dynamic_array as "__rel_loc TYPE[]".
	 */
	static const char text[] =
		"name: foo_rel_loc\n"
		"ID: 1234\n"
		"format:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		"\n"
		"\tfield:u32 foo;\toffset:8;\tsize:4;\tsigned:0;\n"
		"\tfield:__rel_loc char[] bar;\toffset:12;\tsize:4;\tsigned:0;\n"
		"\n"
		"print fmt: \"foo=%u bar=%s\", REC->foo, __get_rel_str(bar)\n";
	static const struct want_field want[] = {
		COMMON("unsigned short", "common_type", 0, 2, false),
		FIELD("u32", "foo", 8, 4, false),
		{ "char[]", "bar", 12, 4, false, false, 0, false, true, false },
	};
	struct tp_format *fmt;
	int line = -1;

	fmt = tp_format__parse("sample-trace", "foo_rel_loc", text, &line);
	ck_assert_ptr_nonnull(fmt);
	ck_assert_int_eq(line, 0);
	ck_assert_uint_eq(fmt->id, 1234);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_old_kernel_no_signed)
{
	/*
	 * Kernels before 2.6.32 print no "signed:"; the field then reads as
	 * unsigned. No print fmt line either: it is optional. Older kernels
	 * also printed array lengths as written in the source.
	 */
	static const char text[] =
		"name: old\n"
		"ID: 21\n"
		"format:\n"
		"\tfield:int pid;\toffset:8;\tsize:4;\n"
		"\tfield:char comm[TASK_COMM_LEN];\toffset:12;\tsize:16;\n"
		"\tfield:u8 addr[6 * 2];\toffset:28;\tsize:12;\n";
	static const struct want_field want[] = {
		FIELD("int", "pid", 8, 4, false),
		/* A length that is not just a number is kept as unknown. */
		ARRAY("char", "comm", 12, 16, false, 0),
		ARRAY("u8", "addr", 28, 12, false, 0),
	};
	struct tp_format *fmt = tp_format__parse("sched", "old", text, NULL);

	ck_assert_ptr_nonnull(fmt);
	ck_assert_uint_eq(fmt->id, 21);
	ck_assert_ptr_null(fmt->print_fmt);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_field_lookup)
{
	struct tp_format *fmt = parse_fixture("sched", "sched_process_exit");
	const struct tp_field *f;

	f = tp_format__field(fmt, "group_dead");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->offset, 32);

	errno = 0;
	ck_assert_ptr_null(tp_format__field(fmt, "filename"));
	ck_assert_int_eq(errno, ENOENT);
	/* Names match whole, not by prefix. */
	errno = 0;
	ck_assert_ptr_null(tp_format__field(fmt, "com"));
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_ptr_null(tp_format__field(fmt, "comm[16]"));
	ck_assert_int_eq(errno, ENOENT);
	tp_format__free(fmt);
}
END_TEST

/* Text that must not parse, and the 1-based line the parser must blame. */
struct bad_case {
	const char *what;
	const char *text;
	int line;
};

#define HEAD "name: bad\nID: 7\nformat:\n"	/* lines 1-3 */

static const struct bad_case bad_cases[] = {
	/* Empty: no line to blame. */
	{ "empty file", "", 0 },
	{ "blank lines", "\n\n", 2 },
	/* Nothing is wrong on any one line: the end of the text is blamed. */
	{ "missing ID",
	  "name: bad\n"
	  "format:\n"
	  "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1;\n"
	  "\n"
	  "print fmt: \"%d\", REC->pid\n", 5 },
	{ "missing name",
	  "ID: 7\n"
	  "format:\n"
	  "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1;\n", 3 },
	{ "ID not a number", "name: bad\nID: seven\nformat:\n", 2 },
	{ "ID with junk", "name: bad\nID: 7x\nformat:\n", 2 },
	{ "ID empty", "name: bad\nID:\n7\n", 2 },
	{ "ID past 32 bits", "name: bad\nID: 4294967296\n", 2 },
	{ "garbage line", HEAD "hello world\n", 4 },
	{ "text after format:", HEAD "format: x\n", 4 },
	{ "garbage after fields",
	  HEAD "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1;\n"
	  "}\n", 5 },
	{ "offset not a number",
	  HEAD "\tfield:int pid;\toffset:x8;\tsize:4;\tsigned:1;\n", 4 },
	{ "offset negative",
	  HEAD "\tfield:int pid;\toffset:-8;\tsize:4;\tsigned:1;\n", 4 },
	{ "offset past 32 bits",
	  HEAD "\tfield:int pid;\toffset:4294967296;\tsize:4;\tsigned:1;\n", 4 },
	{ "offset missing",
	  HEAD "\tfield:int pid;\tsize:4;\tsigned:1;\n", 4 },
	{ "size missing",
	  HEAD "\tfield:int pid;\toffset:8;\n", 4 },
	{ "no semicolon after declaration",
	  HEAD "\tfield:int pid\toffset:8;\tsize:4;\tsigned:1;\n", 4 },
	{ "no semicolons after numbers",
	  HEAD "\tfield:int pid;\toffset:8\tsize:4\tsigned:1\n", 4 },
	{ "no semicolon after signed",
	  HEAD "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1\n", 4 },
	{ "signed neither 0 nor 1",
	  HEAD "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:2;\n", 4 },
	{ "text after signed",
	  HEAD "\tfield:int pid;\toffset:8;\tsize:4;\tsigned:1; x\n", 4 },
	{ "declaration with no type",
	  HEAD "\tfield:pid;\toffset:8;\tsize:4;\tsigned:1;\n", 4 },
	{ "declaration with no name",
	  HEAD "\tfield:int *;\toffset:8;\tsize:4;\tsigned:1;\n", 4 },
	{ "array with no name",
	  HEAD "\tfield:char [16];\toffset:8;\tsize:16;\tsigned:0;\n", 4 },
	{ "bracket never opened",
	  HEAD "\tfield:char comm16];\toffset:8;\tsize:16;\tsigned:0;\n", 4 },
	/* A bad field after good ones: they are freed too (ASan checks). */
	{ "bad third field",
	  HEAD "\tfield:int a;\toffset:8;\tsize:4;\tsigned:1;\n"
	  "\tfield:int b;\toffset:12;\tsize:4;\tsigned:1;\n"
	  "\tfield:int c;\toffset:16;\tsize:;\tsigned:1;\n", 6 },
};

START_TEST(test_malformed)
{
	const struct bad_case *c = &bad_cases[_i];
	struct tp_format *fmt;
	int line = -1;

	errno = 0;
	fmt = tp_format__parse("test", "bad", c->text, &line);
	ck_assert_msg(fmt == NULL, "%s: parsed", c->what);
	ck_assert_msg(errno == EINVAL, "%s: errno %d", c->what, errno);
	ck_assert_msg(line == c->line, "%s: line %d, want %d", c->what, line,
		      c->line);
	/* Without err_line, the same answer. */
	errno = 0;
	ck_assert_ptr_null(tp_format__parse("test", "bad", c->text, NULL));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(test_fake_tracefs_dir)
{
	/* format_suite() named the fake tracefs before any test ran. */
	ck_assert_str_eq(tracefs_dir(), FAKE_TRACEFS);
}
END_TEST

START_TEST(test_load)
{
	static const struct want_field want[] = {
		COMMON_FIELDS,
		FIELD("int", "__syscall_nr", 8, 4, true),
		FIELD("long", "ret", 16, 8, true),
	};
	struct tp_format *fmt = tp_format__load("syscalls", "sys_exit_openat");

	ck_assert_ptr_nonnull(fmt);
	ck_assert_str_eq(fmt->system, "syscalls");
	ck_assert_str_eq(fmt->name, "sys_exit_openat");
	ck_assert_uint_eq(fmt->id, 781);
	CHECK_FIELDS(fmt, want);
	tp_format__free(fmt);

	fmt = tp_format__load("sched", "sched_process_exec");
	ck_assert_ptr_nonnull(fmt);
	ck_assert_uint_eq(fmt->id, 365);
	ck_assert_uint_eq(fmt->nr_fields, 7);
	ck_assert(tp_format__field(fmt, "filename")->data_loc);
	tp_format__free(fmt);
}
END_TEST

START_TEST(test_load_missing)
{
	char long_name[600];

	/* Real events that the fake tracefs does not hold. */
	errno = 0;
	ck_assert_ptr_null(tp_format__load("sched", "sched_switch"));
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_ptr_null(tp_format__load("no_such_system", "sched_switch"));
	ck_assert_int_eq(errno, ENOENT);

	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	errno = 0;
	ck_assert_ptr_null(tp_format__load("sched", long_name));
	ck_assert_int_eq(errno, ENAMETOOLONG);
}
END_TEST

Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *files = tcase_create("files");
	TCase *bad = tcase_create("malformed");
	TCase *load = tcase_create("load");

	/*
	 * tracefs_find() keeps its first answer for the life of the process
	 * (all of it when CK_FORK=no), so the fake tracefs is named here,
	 * before any test of any suite runs: no unit test needs the real one.
	 */
	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });

	tcase_add_test(files, test_sys_enter_openat);
	tcase_add_test(files, test_sys_exit_openat);
	tcase_add_test(files, test_sys_enter_execve);
	tcase_add_test(files, test_sched_process_exec);
	tcase_add_test(files, test_sched_process_exit);
	tcase_add_test(files, test_sched_process_fork);
	tcase_add_test(files, test_task_newtask);
	tcase_add_test(files, test_signal_generate);
	tcase_add_test(files, test_ftrace_print);
	tcase_add_test(files, test_ftrace_kernel_stack);
	tcase_add_test(files, test_compaction_end_symbols);
	tcase_add_test(files, test_compaction_finished_symbols);
	tcase_add_test(files, test_symbols_odd);
	tcase_add_test(files, test_rel_loc);
	tcase_add_test(files, test_old_kernel_no_signed);
	tcase_add_test(files, test_field_lookup);
	suite_add_tcase(s, files);

	tcase_add_loop_test(bad, test_malformed, 0, ARRAY_SIZE(bad_cases));
	suite_add_tcase(s, bad);

	tcase_add_test(load, test_fake_tracefs_dir);
	tcase_add_test(load, test_load);
	tcase_add_test(load, test_load_missing);
	suite_add_tcase(s, load);
	return s;
}
