// SPDX-License-Identifier: GPL-2.0
/*
 * ELF function symbols read from the file: this test binary's own
 * functions named from the file offset their address maps to, and
 * files that are no ELF, cut short or lying about their tables
 * refused with -ENOEXEC, never read past their end.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "loader/elfsym.h"

/* A function of this file with a name to look for. */
__attribute__((noinline)) int elfsym_test_target(int x)
{
	return x * 3 + 1;
}

/* The offset in /proc/self/exe that address addr is mapped from. */
static __u64 file_offset(uintptr_t addr)
{
	unsigned long long start, end, off;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "re");
	__u64 found = 0;
	bool ok = false;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx-%llx %*s %llx", &start, &end, &off) == 3 &&
		    addr >= start && addr < end) {
			found = addr - start + off;
			ok = true;
			break;
		}
	fclose(f);
	ck_assert_msg(ok, "0x%lx is in no mapping", (unsigned long)addr);
	return found;
}

START_TEST(test_own_function)
{
	uintptr_t addr = (uintptr_t)elfsym_test_target;
	struct elfsyms e;
	const char *name;
	__u64 off = 99;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(elfsyms__open(&e, fd), 0);
	close(fd);
	name = elfsyms__name(&e, file_offset(addr), &off);
	ck_assert_str_eq(name, "elfsym_test_target");
	ck_assert_uint_eq(off, 0);
	name = elfsyms__name(&e, file_offset(addr + 5), &off);
	ck_assert_str_eq(name, "elfsym_test_target");
	ck_assert_uint_eq(off, 5);
	/* no PT_LOAD holds offset 2^60 */
	ck_assert_ptr_null(elfsyms__name(&e, 1ull << 60, &off));
	elfsyms__close(&e);
}
END_TEST

/* path holding the first len bytes of this binary, then edited by fix */
static int cut_copy(const char *path, size_t len, void (*fix)(unsigned char *))
{
	unsigned char *buf = malloc(len);
	int in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), out;

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pread(in, buf, len, 0), (ssize_t)len);
	close(in);
	if (fix)
		fix(buf);
	out = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(out, 0);
	ck_assert_int_eq(write(out, buf, len), (ssize_t)len);
	free(buf);
	return out;
}

/* e_shoff far past the end (at 40 in a 64-bit header, 32 in a 32-bit one) */
static void shoff_past_end(unsigned char *h)
{
	__u64 v = 1ull << 40;
	__u32 v32 = 0xfffff000u;

	if (sizeof(void *) == 8)
		memcpy(h + 40, &v, 8);
	else
		memcpy(h + 32, &v32, 4);
}

/* e_shoff and e_shnum 0: no sections, so no symbols */
static void no_sections(unsigned char *h)
{
	memset(h + (sizeof(void *) == 8 ? 40 : 32), 0, sizeof(void *));
	memset(h + (sizeof(void *) == 8 ? 60 : 48), 0, 2);
}

START_TEST(test_bad_files)
{
	char dir[] = "/tmp/check_elfsym.XXXXXX", path[64];
	struct elfsyms e;
	int fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	/* not a regular file */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ck_assert_int_eq(elfsyms__open(&e, fd), -ENOEXEC);
	close(fd);
	/* text, not ELF */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_eq(write(fd, "#!/bin/sh\necho hello, this is no ELF file at all\n", 50), 50);
	ck_assert_int_eq(elfsyms__open(&e, fd), -ENOEXEC);
	close(fd);
	/* the header alone: its tables are past the end */
	fd = cut_copy(path, 64, NULL);
	ck_assert_int_eq(elfsyms__open(&e, fd), -ENOEXEC);
	close(fd);
	fd = cut_copy(path, 4096, shoff_past_end);
	ck_assert_int_eq(elfsyms__open(&e, fd), -ENOEXEC);
	close(fd);
	fd = cut_copy(path, 4096, no_sections);
	ck_assert_int_eq(elfsyms__open(&e, fd), -ENOENT);
	close(fd);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *elfsym_suite(void)
{
	Suite *s = suite_create("elfsym");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_own_function);
	tcase_add_test(tc, test_bad_files);
	suite_add_tcase(s, tc);
	return s;
}
