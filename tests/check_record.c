// SPDX-License-Identifier: GPL-2.0
/*
 * The who-and-when emitters, byte for byte: the helpers called in the
 * order every record relies on (the time first; the tid from the low
 * half of pid_tgid, the pid from the high half), each field stored at
 * its own offset and width, and a field a record lacks left out.
 */
#include <check.h>

#include "progs/record.h"
#include "tests/emitted.h"


START_TEST(test_who_all)
{
	/* time_ns 0, pid 8, tid 12, uid 16, comm 24, of the record at r7 */
	static const struct record_who who = { 0, 8, 12, 16, 24 };
	static const __u8 want[][8] = {
		{ 0x85, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00 },	/* (85) call bpf_ktime_get_ns#5 */
		{ 0x7b, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (7b) *(u64 *)(r7 +0) = r0 */
		{ 0x85, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0x00 },	/* (85) call bpf_get_current_pid_tgid#14 */
		{ 0x63, 0x07, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r7 +12) = r0 */
		{ 0x77, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00 },	/* (77) r0 >>= 32 */
		{ 0x63, 0x07, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r7 +8) = r0 */
		{ 0x85, 0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00 },	/* (85) call bpf_get_current_uid_gid#15 */
		{ 0x63, 0x07, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r7 +16) = r0 */
		{ 0xbf, 0x71, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* (bf) r1 = r7 */
		{ 0x07, 0x01, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00 },	/* (07) r1 += 24 */
		{ 0xb7, 0x02, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00 },	/* (b7) r2 = 16 */
		{ 0x85, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00 },	/* (85) call bpf_get_current_comm#16 */
	};
	struct builder b;

	builder__init(&b);
	record_emit_who(&b, BPF_REG_7, &who);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_who_on_stack_without_uid_and_comm)
{
	/* A record at r10 - 48 with no uid; its comm written apart. */
	static const struct record_who who = {
		-48, -40, -36, RECORD_NONE, RECORD_NONE,
	};
	static const __u8 want[][8] = {
		{ 0x85, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00 },	/* (85) call bpf_ktime_get_ns#5 */
		{ 0x7b, 0x0a, 0xd0, 0xff, 0x00, 0x00, 0x00, 0x00 },	/* (7b) *(u64 *)(r10 -48) = r0 */
		{ 0x85, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0x00 },	/* (85) call bpf_get_current_pid_tgid#14 */
		{ 0x63, 0x0a, 0xdc, 0xff, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r10 -36) = r0 */
		{ 0x77, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00 },	/* (77) r0 >>= 32 */
		{ 0x63, 0x0a, 0xd8, 0xff, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r10 -40) = r0 */
	};
	struct builder b;

	builder__init(&b);
	record_emit_who(&b, BPF_REG_10, &who);
	/* r0 is left holding the pid, for a filter to compare. */
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

START_TEST(test_key)
{
	static const __u8 want[][8] = {
		{ 0x85, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0x00 },	/* (85) call bpf_get_current_pid_tgid#14 */
		{ 0x63, 0x0a, 0xfc, 0xff, 0x00, 0x00, 0x00, 0x00 },	/* (63) *(u32 *)(r10 -4) = r0 */
	};
	struct builder b;

	builder__init(&b);
	record_emit_key(&b, -4);
	CHECK_EMITTED(&b, want);
	builder__free(&b);
}
END_TEST

Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("who");

	tcase_add_test(tc, test_who_all);
	tcase_add_test(tc, test_who_on_stack_without_uid_and_comm);
	tcase_add_test(tc, test_key);
	suite_add_tcase(s, tc);
	return s;
}
