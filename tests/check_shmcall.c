// SPDX-License-Identifier: GPL-2.0
/* shmsnoop's ARGs column and JSON arguments, as bcc prints them. */
#include <string.h>
#include <check.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include "progs/shmsnoop.h"
#include "tools/lib/shmcall.h"

static const struct {
	unsigned int call;
	__u64 args[3];
	const char *text, *json;
} cases[] = {
	{ SHM_CALL_SHMGET, { 0x78020001, 20, 0x3b6 },
	  "key: 0x78020001, size: 20, shmflg: 0x3b6 (IPC_CREAT|0666)", "[2013396993,20,950]" },
	{ SHM_CALL_SHMGET, { 0x78020001, 20, 0x1b6 },
	  "key: 0x78020001, size: 20, shmflg: 0x1b6 (0666)", "[2013396993,20,438]" },
	{ SHM_CALL_SHMGET, { 0, 4096, 0 }, "key: 0x0, size: 4096, shmflg: 0x0", "[0,4096,0]" },
	/* a key past 2^31 is a negative int; the upper half of the word is not the caller's */
	{ SHM_CALL_SHMGET, { 0xffffffffdeadbeefull, 1, IPC_CREAT | IPC_EXCL | 0600 },
	  "key: 0xdeadbeef, size: 1, shmflg: 0x780 (IPC_CREAT|IPC_EXCL|0600)",
	  "[-559038737,1,1920]" },
	{ SHM_CALL_SHMGET, { 1, 2 << 20, IPC_CREAT | SHM_HUGETLB | (21u << 26) | 0600 },
	  "key: 0x1, size: 2097152, shmflg: 0x54000b80 (IPC_CREAT|SHM_HUGETLB|SHM_HUGE_2MB|0600)",
	  "[1,2097152,1409289088]" },
	{ SHM_CALL_SHMGET, { 1, 1, (30u << 26) | 04000 },
	  "key: 0x1, size: 1, shmflg: 0x78000800 (SHM_HUGETLB|SHM_HUGE_1GB)", "[1,1,2013267968]" },
	{ SHM_CALL_SHMAT, { 0x10000, 0, 0 },
	  "shmid: 0x10000, shmaddr: 0x0, shmflg: 0x0", "[65536,0,0]" },
	{ SHM_CALL_SHMAT, { 3, 0x7f1cf8b1f000ull, SHM_RDONLY | SHM_RND },
	  "shmid: 0x3, shmaddr: 0x7f1cf8b1f000, shmflg: 0x3000 (SHM_RDONLY|SHM_RND)",
	  "[3,139762408222720,12288]" },
	{ SHM_CALL_SHMDT, { 0x7f4fd8ee7000ull }, "shmaddr: 0x7f4fd8ee7000", "[139980918648832]" },
	{ SHM_CALL_SHMCTL, { 0x10000, IPC_RMID, 0 },
	  "shmid: 0x10000, cmd: 0 (IPC_RMID), buf: 0x0", "[65536,0,0]" },
	{ SHM_CALL_SHMCTL, { 7, IPC_STAT | 0x100, 0x7ffd1000 },
	  "shmid: 0x7, cmd: 258 (IPC_STAT|IPC_64), buf: 0x7ffd1000", "[7,258,2147291136]" },
	{ SHM_CALL_SHMCTL, { 7, SHM_STAT, 0 }, "shmid: 0x7, cmd: 13 (SHM_STAT), buf: 0x0",
	  "[7,13,0]" },
	/* a command with no name: the number alone */
	{ SHM_CALL_SHMCTL, { 7, 99, 0 }, "shmid: 0x7, cmd: 99, buf: 0x0", "[7,99,0]" },
	{ NR_SHM_CALLS, { 0 }, "?", "[]" },
};

START_TEST(test_cases)
{
	char buf[SHM_ARGS_TEXT_MAX];

	shm_args_text(buf, sizeof(buf), cases[_i].call, cases[_i].args);
	ck_assert_str_eq(buf, cases[_i].text);
	shm_args_json(buf, sizeof(buf), cases[_i].call, cases[_i].args);
	ck_assert_str_eq(buf, cases[_i].json);
}
END_TEST

Suite *shmcall_suite(void)
{
	Suite *s = suite_create("shmcall");
	TCase *tc = tcase_create("shmcall");

	tcase_add_loop_test(tc, test_cases, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	return s;
}
