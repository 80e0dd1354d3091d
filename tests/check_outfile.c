// SPDX-License-Identifier: GPL-2.0
/*
 * -o FILE: a link is refused and its target untouched, a new or existing
 * regular file changes only at commit, a device is written in place and
 * never removed, a directory and a FIFO nobody reads are refused, each
 * with its exact message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <check.h>

#include "tests/capture.h"
#include "tools/lib/args.h"
#include "tools/lib/outfile.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/check_outfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	tool_name = "t";	/* what the dispatcher sets */
}

static void teardown(void)
{
	char cmd[128];

	tool_name = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *at(const char *name)
{
	static char paths[4][128];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static const char *get(const char *path)
{
	static char text[256];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* Entries in the directory: no temporary may be left behind. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void write_text(struct outfile *f, const char *text)
{
	ck_assert_int_eq(write(f->fd, text, strlen(text)), (ssize_t)strlen(text));
}

START_TEST(test_new_file)
{
	struct outfile f;
	struct stat st;
	mode_t mask = umask(022);

	ck_assert_int_eq(outfile__open(&f, at("new"), 0600), 0);
	write_text(&f, "one");
	/* Not there under its name until committed. */
	ck_assert_int_eq(access(at("new"), F_OK), -1);
	ck_assert_int_eq(entries(), 1);
	ck_assert_int_eq(outfile__commit(&f), 0);
	ck_assert_str_eq(get(at("new")), "one");
	ck_assert_int_eq(stat(at("new"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(entries(), 1);
	/* 0644 less the umask. */
	umask(027);
	ck_assert_int_eq(outfile__open(&f, at("other"), 0644), 0);
	ck_assert_int_eq(outfile__commit(&f), 0);
	ck_assert_int_eq(stat(at("other"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	umask(mask);
}
END_TEST

START_TEST(test_existing_file)
{
	struct outfile f;

	put(at("old"), "old");
	ck_assert_int_eq(outfile__open(&f, at("old"), 0600), 0);
	write_text(&f, "new");
	ck_assert_str_eq(get(at("old")), "old");
	outfile__abort(&f);
	/* A failed run leaves what was there, and nothing else. */
	ck_assert_str_eq(get(at("old")), "old");
	ck_assert_int_eq(entries(), 1);
	ck_assert_int_eq(outfile__open(&f, at("old"), 0600), 0);
	write_text(&f, "new");
	ck_assert_int_eq(outfile__commit(&f), 0);
	ck_assert_str_eq(get(at("old")), "new");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_symlink_refused)
{
	struct outfile f;
	struct captured c;
	char want[1024];

	put(at("victim"), "keep");
	ck_assert_int_eq(symlink(at("victim"), at("link")), 0);
	/* A dangling link too: creating its target is as bad. */
	ck_assert_int_eq(symlink(at("nothing"), at("dangling")), 0);
	capture_begin(&c);
	ck_assert_int_eq(outfile__open(&f, at("link"), 0600), 1);
	ck_assert_int_eq(outfile__open(&f, at("dangling"), 0600), 1);
	snprintf(want, sizeof(want),
		 "barebpf t: %s/link: a symbolic link: refusing to write through it (name the file it points to)\n"
		 "barebpf t: %s/dangling: a symbolic link: refusing to write through it (name the file it points to)\n",
		 dir, dir);
	ck_assert_str_eq(capture_end(&c), want);
	ck_assert_int_eq(f.fd, -1);
	ck_assert_str_eq(get(at("victim")), "keep");
	ck_assert_int_eq(access(at("nothing"), F_OK), -1);
	ck_assert_int_eq(entries(), 3);
}
END_TEST

/* /dev/full as a node of its own: written in place, and never removed. */
START_TEST(test_device_in_place)
{
	struct outfile f;
	struct stat st;

	if (mknod(at("full"), S_IFCHR | 0666, makedev(1, 7))) {
		ck_assert_int_eq(errno, EPERM);
		return;	/* not root: the refusal paths are covered above */
	}
	ck_assert_int_eq(outfile__open(&f, at("full"), 0600), 0);
	ck_assert_int_eq(write(f.fd, "x", 1), -1);
	ck_assert_int_eq(errno, ENOSPC);
	outfile__abort(&f);
	ck_assert_int_eq(stat(at("full"), &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(outfile__open(&f, "/dev/null", 0600), 0);
	write_text(&f, "gone");
	ck_assert_int_eq(outfile__commit(&f), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_refusals)
{
	struct outfile f;
	struct captured c;
	char want[1024];

	ck_assert_int_eq(mkdir(at("sub"), 0755), 0);
	ck_assert_int_eq(mkfifo(at("fifo"), 0600), 0);
	capture_begin(&c);
	ck_assert_int_eq(outfile__open(&f, at("sub"), 0600), 1);
	ck_assert_int_eq(outfile__open(&f, at("fifo"), 0600), 1);
	ck_assert_int_eq(outfile__open(&f, at("sub/"), 0600), 1);
	ck_assert_int_eq(outfile__open(&f, at("none/x"), 0600), 1);
	snprintf(want, sizeof(want),
		 "barebpf t: %s/sub: a directory\n"
		 "barebpf t: %s/fifo: a FIFO no process reads\n"
		 "barebpf t: %s/sub/: not a file name\n"
		 "barebpf t: %s/none/x: creating a file in its directory: No such file or directory\n",
		 dir, dir, dir, dir);
	ck_assert_str_eq(capture_end(&c), want);
	ck_assert_int_eq(entries(), 2);
}
END_TEST

START_TEST(test_same_file)
{
	struct stat st;

	put(at("in"), "x");
	ck_assert_int_eq(link(at("in"), at("hard")), 0);
	ck_assert_int_eq(symlink(at("in"), at("soft")), 0);
	ck_assert_int_eq(stat(at("in"), &st), 0);
	ck_assert(outfile_is_same(at("in"), st.st_dev, st.st_ino));
	ck_assert(outfile_is_same(at("hard"), st.st_dev, st.st_ino));
	/* A link is refused by outfile__open() anyway; it is not IN. */
	ck_assert(!outfile_is_same(at("soft"), st.st_dev, st.st_ino));
	ck_assert(!outfile_is_same(at("missing"), st.st_dev, st.st_ino));
}
END_TEST

Suite *outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *tc = tcase_create("outfile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_file);
	tcase_add_test(tc, test_existing_file);
	tcase_add_test(tc, test_symlink_refused);
	tcase_add_test(tc, test_device_in_place);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_same_file);
	suite_add_tcase(s, tc);
	return s;
}
