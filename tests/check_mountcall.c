// SPDX-License-Identifier: GPL-2.0
/* mountsnoop's records decoded: flags by name, strings in order, NULLs. */
#include <fcntl.h>
#include <string.h>
#include <check.h>
#include <linux/mount.h>

#include "tools/lib/mountcall.h"

static const struct {
	int kind;
	unsigned long long v;
	const char *text;
} flags[] = {
	{ MARG_MS_FLAGS, 0, "0" },
	{ MARG_MS_FLAGS, MS_NOSUID | MS_NODEV, "MS_NOSUID|MS_NODEV" },
	{ MARG_MS_FLAGS, MS_REC | MS_PRIVATE, "MS_REC|MS_PRIVATE" },
	{ MARG_MS_FLAGS, MS_BIND | MS_RDONLY | MS_REMOUNT,
	  "MS_RDONLY|MS_REMOUNT|MS_BIND" },
	/* mount(8) before 2.4 passed a magic number in the high half */
	{ MARG_MS_FLAGS, 0xC0ED0000ull | MS_RDONLY, "MS_MGC_VAL|MS_RDONLY" },
	/* bits without a name, in hex after the named ones */
	{ MARG_MS_FLAGS, MS_NOEXEC | 0x40000000ull, "MS_NOEXEC|0x40000000" },
	{ MARG_MS_FLAGS, 0x100000000ull, "0x100000000" },
	{ MARG_UMOUNT_FLAGS, 2, "MNT_DETACH" },
	{ MARG_UMOUNT_FLAGS, 1 | 8, "MNT_FORCE|UMOUNT_NOFOLLOW" },
	{ MARG_UMOUNT_FLAGS, 16, "0x10" },
	{ MARG_FSOPEN_FLAGS, FSOPEN_CLOEXEC, "FSOPEN_CLOEXEC" },
	{ MARG_FSMOUNT_FLAGS, 0, "0" },
	{ MARG_MOUNT_ATTR, MOUNT_ATTR_NODEV | MOUNT_ATTR_NOATIME,
	  "MOUNT_ATTR_NODEV|MOUNT_ATTR_NOATIME" },
	{ MARG_MOVE_MOUNT_FLAGS, MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_SYMLINKS,
	  "MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_SYMLINKS" },
	{ MARG_FSPICK_FLAGS, FSPICK_CLOEXEC | FSPICK_EMPTY_PATH,
	  "FSPICK_CLOEXEC|FSPICK_EMPTY_PATH" },
	{ MARG_OPEN_TREE_FLAGS, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE,
	  "OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE" },
};

START_TEST(test_flags)
{
	char buf[MOUNT_ARG_TEXT_MAX];

	mount_flags_text(buf, sizeof(buf), flags[_i].kind, flags[_i].v);
	ck_assert_str_eq(buf, flags[_i].text);
}
END_TEST

START_TEST(test_flags_cut)
{
	char buf[12];

	/* "MS_NOSUID|MS_NODEV" does not fit: cut, and terminated. */
	mount_flags_text(buf, sizeof(buf), MARG_MS_FLAGS, MS_NOSUID | MS_NODEV);
	ck_assert_str_eq(buf, "MS_NOSUID|M");
}
END_TEST

static struct mountsnoop_event e;
static struct mount_args a;

/* e as the program sends it: call, arguments, strings with their NULs. */
static size_t record(int call, const unsigned long long *args, const char *str,
		     size_t len)
{
	int i;

	memset(&e, 0, sizeof(e));
	e.call = (__u32)call;
	for (i = 0; i < MOUNTSNOOP_ARGS; i++)
		e.args[i] = args[i];
	memcpy(e.str, str, len);
	e.str_len = (__u32)len;
	return len;
}

static void assert_args(const char *const *want, const bool *strings)
{
	int i, n = 0;

	while (want[n])
		n++;
	ck_assert_int_eq(a.n, n);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(a.text[i], want[i]);
		ck_assert_int_eq(a.string[i], strings[i]);
	}
}

START_TEST(test_mount)
{
	static const char str[] = "none\0/mnt\0tmpfs\0size=1m";
	const unsigned long long args[] = { 1, 2, 3, MS_NOSUID, 4 };
	size_t len = record(MOUNT_CALL_MOUNT, args, str, sizeof(str));

	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "none", "/mnt", "tmpfs", "MS_NOSUID", "size=1m", NULL },
		    (const bool[]){ true, true, true, false, true });
}
END_TEST

/* Null pointers are NULL; a string that could not be read is "?". */
START_TEST(test_null_and_unreadable)
{
	static const char str[] = "\0/\0\0";
	const unsigned long long args[] = { 0, 2, 0, MS_REC | MS_PRIVATE, 9 };
	size_t len = record(MOUNT_CALL_MOUNT, args, str, sizeof(str));

	e.unreadable = 1 << 0 | 1 << 2 | 1 << 4;
	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "NULL", "/", "NULL", "MS_REC|MS_PRIVATE", "?", NULL },
		    (const bool[]){ false, true, false, false, false });
}
END_TEST

/* Fewer bytes than strings (a record cut short): never read past them. */
START_TEST(test_cut_record)
{
	static const char str[] = "none\0/mn";
	const unsigned long long args[] = { 1, 2, 3, 0, 4 };

	record(MOUNT_CALL_MOUNT, args, str, sizeof(str));
	memset(e.str + sizeof(str), 'x', 64);
	mount_args_decode(&e, 5, &a);
	assert_args((const char *[]){ "none", "?", "?", "0", "?", NULL },
		    (const bool[]){ true, false, false, false, false });
}
END_TEST

START_TEST(test_umount)
{
	static const char str[] = "/mnt";
	/* An int argument with garbage above its 32 bits */
	const unsigned long long args[] = { 1, 0xdead000000000002ull, 0, 0, 0 };
	size_t len = record(MOUNT_CALL_UMOUNT, args, str, sizeof(str));

	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "/mnt", "MNT_DETACH", NULL },
		    (const bool[]){ true, false });
}
END_TEST

START_TEST(test_fsconfig)
{
	static const char str[] = "size\0001m";
	static const char bin[] = "key\0\x01\x02";
	const unsigned long long set[] = { 3, FSCONFIG_SET_STRING, 1, 2, 0 };
	const unsigned long long blob[] = { 3, FSCONFIG_SET_BINARY, 1, 2, 16 };
	const unsigned long long create[] = { 3, FSCONFIG_CMD_CREATE, 0, 0, 0 };
	const unsigned long long odd[] = { 3, 99, 0, 0, 0 };
	size_t len = record(MOUNT_CALL_FSCONFIG, set, str, sizeof(str));

	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "3", "FSCONFIG_SET_STRING", "size", "1m", "0", NULL },
		    (const bool[]){ false, false, true, true, false });
	/* A binary value is no text: its size, from aux. */
	len = record(MOUNT_CALL_FSCONFIG, blob, bin, sizeof(bin));
	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "3", "FSCONFIG_SET_BINARY", "key", "<16 bytes>", "16",
				      NULL },
		    (const bool[]){ false, false, true, false, false });
	len = record(MOUNT_CALL_FSCONFIG, create, "\0\0", 2);
	e.unreadable = 1 << 2 | 1 << 3;
	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "3", "FSCONFIG_CMD_CREATE", "NULL", "NULL", "0", NULL },
		    (const bool[]){ false, false, false, false, false });
	len = record(MOUNT_CALL_FSCONFIG, odd, "\0\0", 2);
	e.unreadable = 1 << 2 | 1 << 3;
	mount_args_decode(&e, len, &a);
	ck_assert_str_eq(a.text[1], "99");
}
END_TEST

START_TEST(test_move_mount)
{
	static const char str[] = "\0/mnt";
	const unsigned long long args[] = { 4, 1, (unsigned int)AT_FDCWD, 2,
					    MOVE_MOUNT_F_EMPTY_PATH };
	size_t len = record(MOUNT_CALL_MOVE_MOUNT, args, str, sizeof(str));

	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "4", "", "AT_FDCWD", "/mnt", "MOVE_MOUNT_F_EMPTY_PATH",
				      NULL },
		    (const bool[]){ false, true, false, true, false });
}
END_TEST

START_TEST(test_fsmount_and_open_tree)
{
	const unsigned long long fsm[] = { 3, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY, 0, 0 };
	const unsigned long long tree[] = { 5, 1, OPEN_TREE_CLONE, 0, 0 };
	size_t len = record(MOUNT_CALL_FSMOUNT, fsm, "", 0);

	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "3", "FSMOUNT_CLOEXEC", "MOUNT_ATTR_RDONLY", NULL },
		    (const bool[]){ false, false, false });
	len = record(MOUNT_CALL_OPEN_TREE, tree, "src", 4);
	mount_args_decode(&e, len, &a);
	assert_args((const char *[]){ "5", "src", "OPEN_TREE_CLONE", NULL },
		    (const bool[]){ false, true, false });
}
END_TEST

Suite *mountcall_suite(void)
{
	Suite *s = suite_create("mountcall");
	TCase *tc = tcase_create("flags");

	tcase_add_loop_test(tc, test_flags, 0, sizeof(flags) / sizeof(flags[0]));
	tcase_add_test(tc, test_flags_cut);
	suite_add_tcase(s, tc);

	tc = tcase_create("records");
	tcase_add_test(tc, test_mount);
	tcase_add_test(tc, test_null_and_unreadable);
	tcase_add_test(tc, test_cut_record);
	tcase_add_test(tc, test_umount);
	tcase_add_test(tc, test_fsconfig);
	tcase_add_test(tc, test_move_mount);
	tcase_add_test(tc, test_fsmount_and_open_tree);
	suite_add_tcase(s, tc);
	return s;
}
