// SPDX-License-Identifier: GPL-2.0
/*
 * loader/format.c against every format file of the running kernel: all
 * must parse, and known fields must come out as the files spell them.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <check.h>
#include "loader/format.h"
#include "loader/tracefs.h"

/* Line lineno (1-based) of text, into buf. */
static const char *nth_line(const char *text, int lineno, char *buf, size_t len)
{
	const char *nl;

	while (--lineno > 0 && (nl = strchr(text, '\n')) != NULL)
		text = nl + 1;
	nl = strchr(text, '\n');
	snprintf(buf, len, "%.*s", nl ? (int)(nl - text) : (int)strlen(text), text);
	return buf;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

START_TEST(test_every_format_parses)
{
	const char *root = tracefs_dir();
	char path[PATH_MAX], rel[PATH_MAX], line[512], first[PATH_MAX + 600] = "";
	struct dirent *sys, *ev;
	int files = 0, failures = 0, err_line;
	struct tp_format *fmt;
	DIR *events, *events_sys;
	char *text;

	ck_assert_msg(root != NULL, "no tracefs");
	snprintf(path, sizeof(path), "%s/events", root);
	events = opendir(path);
	ck_assert_msg(events != NULL, "opening %s", path);
	while ((sys = readdir(events)) != NULL) {
		if (sys->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/events/%s", root, sys->d_name);
		if (!is_dir(path))
			continue;	/* enable, header_page, ... */
		events_sys = opendir(path);
		if (!events_sys)
			continue;
		while ((ev = readdir(events_sys)) != NULL) {
			if (ev->d_name[0] == '.')
				continue;
			snprintf(rel, sizeof(rel), "events/%s/%s/format", sys->d_name,
				 ev->d_name);
			text = tracefs_read(rel, NULL);
			if (!text)
				continue;	/* "enable", "filter": no format */
			files++;
			fmt = tp_format__parse(sys->d_name, ev->d_name, text, &err_line);
			if (!fmt) {
				failures++;
				fprintf(stderr, "%s/%s:%d: %s\n", root, rel, err_line,
					nth_line(text, err_line, line, sizeof(line)));
				if (!first[0])
					snprintf(first, sizeof(first), "%s:%d: %s", rel,
						 err_line, line);
			}
			tp_format__free(fmt);
			free(text);
		}
		closedir(events_sys);
	}
	closedir(events);
	ck_assert_msg(failures == 0, "%d of %d format files did not parse, the first %s",
		      failures, files, first);
	ck_assert_msg(files > 500, "only %d format files under %s", files, root);
}
END_TEST

/* The "offset:N;" the file gives on the line declaring decl. */
static long file_offset(const char *text, const char *decl)
{
	const char *p = strstr(text, decl);
	long off = -1;

	if (p)
		p = strstr(p, "offset:");
	if (!p || sscanf(p, "offset:%ld;", &off) != 1)
		return -1;
	return off;
}

/* The event's id, as its own "id" file gives it. */
static long event_id(const char *system, const char *event)
{
	char rel[256], *text;
	long id;

	snprintf(rel, sizeof(rel), "events/%s/%s/id", system, event);
	text = tracefs_read(rel, NULL);
	ck_assert_msg(text != NULL, "reading %s", rel);
	id = strtol(text, NULL, 10);
	free(text);
	return id;
}

START_TEST(test_sys_enter_openat)
{
	struct tp_format *fmt = tp_format__load("syscalls", "sys_enter_openat");
	const struct tp_field *f;
	char *text = tracefs_read("events/syscalls/sys_enter_openat/format", NULL);
	static const char *const args[] = { "dfd", "filename", "flags", "mode" };
	char decl[64];
	size_t i;

	ck_assert(fmt != NULL);
	ck_assert(text != NULL);
	ck_assert_uint_eq(fmt->id, event_id("syscalls", "sys_enter_openat"));
	ck_assert_str_eq(fmt->system, "syscalls");
	ck_assert_str_eq(fmt->name, "sys_enter_openat");

	f = tp_format__field(fmt, "filename");
	ck_assert(f != NULL);
	ck_assert_int_eq(f->offset, file_offset(text, "const char * filename;"));
	/* A kernel word: 8 bytes, 4 on a 32-bit kernel (as this build is). */
	ck_assert_uint_eq(f->size, sizeof(long));
	ck_assert_str_eq(f->type, "const char *");
	ck_assert(!f->data_loc && !f->rel_loc && !f->is_array && !f->common);

	/* Every syscall argument is a long-sized slot after __syscall_nr. */
	for (i = 0; i < 4; i++) {
		f = tp_format__field(fmt, args[i]);
		ck_assert_msg(f != NULL, "no field %s", args[i]);
		ck_assert_uint_eq(f->size, sizeof(long));
		snprintf(decl, sizeof(decl), " %s;", args[i]);
		ck_assert_int_eq(f->offset, file_offset(text, decl));
	}
	f = tp_format__field(fmt, "common_type");
	ck_assert(f != NULL);
	ck_assert(f->common);
	ck_assert_uint_eq(f->offset, 0);
	ck_assert_uint_eq(f->size, 2);
	ck_assert_ptr_nonnull(fmt->print_fmt);
	ck_assert_ptr_null(tp_format__field(fmt, "no_such_field"));
	tp_format__free(fmt);
	free(text);
}
END_TEST

START_TEST(test_sched_process_exec)
{
	struct tp_format *fmt = tp_format__load("sched", "sched_process_exec");
	char *text = tracefs_read("events/sched/sched_process_exec/format", NULL);
	const struct tp_field *f;

	ck_assert(fmt != NULL);
	ck_assert(text != NULL);
	ck_assert_uint_eq(fmt->id, event_id("sched", "sched_process_exec"));
	f = tp_format__field(fmt, "filename");
	ck_assert(f != NULL);
	ck_assert(f->data_loc);
	ck_assert(!f->rel_loc);
	ck_assert_uint_eq(f->size, 4);
	ck_assert_str_eq(f->type, "char[]");
	ck_assert_int_eq(f->offset, file_offset(text, "__data_loc char[] filename;"));

	f = tp_format__field(fmt, "old_pid");
	ck_assert(f != NULL);
	ck_assert(!f->data_loc);
	ck_assert(f->is_signed);
	ck_assert_uint_eq(f->size, 4);
	ck_assert_int_eq(f->offset, file_offset(text, "pid_t old_pid;"));
	tp_format__free(fmt);
	free(text);
}
END_TEST

START_TEST(test_sched_switch_arrays)
{
	struct tp_format *fmt = tp_format__load("sched", "sched_switch");
	char *text = tracefs_read("events/sched/sched_switch/format", NULL);
	const struct tp_field *f;

	ck_assert(fmt != NULL);
	ck_assert(text != NULL);
	f = tp_format__field(fmt, "prev_comm");
	ck_assert(f != NULL);
	ck_assert(f->is_array);
	ck_assert_uint_eq(f->array_len, 16);
	ck_assert_uint_eq(f->size, 16);
	ck_assert_str_eq(f->type, "char");
	ck_assert_int_eq(f->offset, file_offset(text, "char prev_comm[16];"));
	tp_format__free(fmt);
	free(text);
}
END_TEST

START_TEST(test_missing_event)
{
	ck_assert_ptr_null(tp_format__load("syscalls", "sys_enter_no_such_call"));
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

Suite *formats_suite(void)
{
	Suite *s = suite_create("formats");
	TCase *tc = tcase_create("tracefs");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_format_parses);
	tcase_add_test(tc, test_sys_enter_openat);
	tcase_add_test(tc, test_sched_process_exec);
	tcase_add_test(tc, test_sched_switch_arrays);
	tcase_add_test(tc, test_missing_event);
	suite_add_tcase(s, tc);
	return s;
}
