// SPDX-License-Identifier: GPL-2.0
/*
 * prog_load(), the one load with the verifier's log that the tools, the
 * feature probes and verify share: no log for a program accepted at
 * level 0, the refusal's errno with the log that says why, a buffer
 * grown until the log fits, and a log cut at its limit with the verdict
 * and its reason still had.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "asm/insn.h"
#include "loader/features.h"
#include "loader/prog.h"

static const struct bpf_insn accepted[] = {
	BPF_MOV64_IMM(BPF_REG_0, 0),
	BPF_EXIT_INSN(),
};

/* r1 = 0; r0 = *(u64 *)(r1 +0): a load through a scalar. */
static const struct bpf_insn refused[] = {
	BPF_MOV64_IMM(BPF_REG_1, 0),
	BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0),
	BPF_EXIT_INSN(),
};

/*
 * The verifier's refusal of refused: a scalar is "inv" in its log before
 * 5.17, "scalar" from then.
 */
static const char *refusal(void)
{
	return kernel_version_code() >= (5u << 16 | 17u << 8) ?
	       "R1 invalid mem access 'scalar'\n" : "R1 invalid mem access 'inv'\n";
}

static int load(const struct bpf_insn *insns, size_t n, struct prog_log *log)
{
	return prog_load(BPF_PROG_TYPE_SOCKET_FILTER, insns, n, NULL, log);
}

START_TEST(test_level0_accepted)
{
	struct prog_log log = { .level = 0 };
	int fd = load(accepted, 2, &log);

	ck_assert_msg(fd >= 0, "%s", strerror(-fd));
	close(fd);
	ck_assert_ptr_null(log.text);
	ck_assert_ptr_null(log.reason);
	ck_assert(!log.cut && !log.head_kept);
	/* No log asked for: the same. */
	fd = load(accepted, 2, NULL);
	ck_assert_msg(fd >= 0, "%s", strerror(-fd));
	close(fd);
}
END_TEST

/* Refused at level 0: loaded again at level 1 only to say why. */
START_TEST(test_level0_refused)
{
	struct prog_log log = { .level = 0 };
	int fd = load(refused, 3, &log);

	ck_assert_int_eq(fd, -EACCES);
	ck_assert_ptr_nonnull(log.text);
	ck_assert_msg(strstr(log.text, refusal()), "%s", log.text);
	/* Level 1 lists no instruction before the one refused: level 2 would. */
	ck_assert_msg(strstr(log.text, "1: (79) r0 = *(u64 *)(r1 +0)\n"), "%s", log.text);
	ck_assert(!log.cut);
	ck_assert_ptr_null(log.reason);
	prog_log__free(&log);
	ck_assert_ptr_null(log.text);
}
END_TEST

/*
 * A first buffer too small: doubled until the whole log fits. 32 bytes
 * are raised to 128 first, the least a kernel before 6.4 takes.
 */
START_TEST(test_grows)
{
	struct prog_log log = { .level = 2, .size = 32 };
	int fd = load(refused, 3, &log);

	ck_assert_int_eq(fd, -EACCES);
	ck_assert(!log.cut);
	ck_assert_ptr_nonnull(log.text);
	ck_assert_msg(strstr(log.text, refusal()), "%s", log.text);
	ck_assert_msg(strstr(log.text, "processed 2 insns"), "%s", log.text);
	prog_log__free(&log);
}
END_TEST

/*
 * A log past size_max is cut: the verdict comes from a load for the
 * verdict's messages alone, which still say why. A size_max of 64 is
 * taken as 128, the least a kernel before 6.4 takes.
 */
START_TEST(test_cut)
{
	struct prog_log log = { .level = 2, .size = 32, .size_max = 64 };
	int fd = load(refused, 3, &log);

	ck_assert_int_eq(fd, -EACCES);
	ck_assert(log.cut);
	ck_assert_ptr_nonnull(log.text);
	ck_assert_uint_lt(strlen(log.text), PROG_LOG_MIN);
	ck_assert_uint_gt(strlen(log.text), 64);
	ck_assert_ptr_nonnull(log.reason);
	ck_assert_msg(strstr(log.reason, refusal()), "%s", log.reason);
	/* Only statistics and messages: no instruction */
	ck_assert_msg(!strstr(log.reason, "(79)"), "%s", log.reason);
	prog_log__free(&log);
	ck_assert_ptr_null(log.reason);

	/* Accepted, its log cut all the same: the fd of the verdict's load. */
	fd = load(accepted, 2, &log);
	ck_assert_msg(fd >= 0, "%s", strerror(-fd));
	close(fd);
	ck_assert(log.cut);
	prog_log__free(&log);
}
END_TEST

/* BPF_LOG_STATS (5.2): the verifier's time and stack depth too. */
START_TEST(test_stats)
{
	struct prog_log log = { .level = 1, .stats = true };
	int fd = load(accepted, 2, &log);

	ck_assert_msg(fd >= 0, "%s", strerror(-fd));
	close(fd);
	ck_assert_ptr_nonnull(log.text);
	ck_assert_msg(strstr(log.text, "verification time "), "%s", log.text);
	ck_assert_msg(strstr(log.text, "stack depth "), "%s", log.text);
	prog_log__free(&log);
}
END_TEST

/*
 * The reading helpers' probe, one load with valid arguments, answers as
 * the zero-argument probe and its log do: yes for a helper tracepoint
 * programs call (bpf_probe_read, 4.1+; the _user_str form from 5.5), no
 * for one they may not (bpf_skb_load_bytes) and for no helper at all.
 */
START_TEST(test_read_helper_probe)
{
	static const struct {
		int helper;
		int want;	/* -1: as the kernel's version says */
	} cases[] = {
		{ BPF_FUNC_probe_read, 1 },
		{ BPF_FUNC_probe_read_user_str, -1 },
		{ BPF_FUNC_skb_load_bytes, 0 },
		{ 100000, 0 },
	};
	bool has_user = kernel_version_code() >= (5u << 16 | 5u << 8);
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int want = cases[i].want < 0 ? has_user : cases[i].want;

		ck_assert_int_eq(feature_probe_read_helper(BPF_PROG_TYPE_TRACEPOINT,
							   cases[i].helper), want);
		ck_assert_int_eq(feature_probe_helper(BPF_PROG_TYPE_TRACEPOINT,
						      cases[i].helper), want);
	}
}
END_TEST

/*
 * The reading helper and a bounded loop in one load: yes exactly where
 * each probe alone says yes.
 */
START_TEST(test_read_helper_and_loops_probe)
{
	static const int helpers[] = {
		BPF_FUNC_probe_read, BPF_FUNC_probe_read_user_str,
		BPF_FUNC_skb_load_bytes, 100000,
	};
	int loops = feature_probe_bounded_loops(BPF_PROG_TYPE_TRACEPOINT);
	size_t i;

	ck_assert_int_ge(loops, 0);
	for (i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++)
		ck_assert_int_eq(feature_probe_read_helper_and_loops(BPF_PROG_TYPE_TRACEPOINT,
								     helpers[i]),
				 loops && feature_probe_read_helper(BPF_PROG_TYPE_TRACEPOINT,
								    helpers[i]) == 1);
}
END_TEST

Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("prog_load");

	tcase_add_test(tc, test_level0_accepted);
	tcase_add_test(tc, test_level0_refused);
	tcase_add_test(tc, test_grows);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_stats);
	tcase_add_test(tc, test_read_helper_probe);
	tcase_add_test(tc, test_read_helper_and_loops_probe);
	suite_add_tcase(s, tc);
	return s;
}
