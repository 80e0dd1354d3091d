// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier log tests: which instruction the verifier stopped at. The logs
 * are real, from a 6.18 kernel, each from a small socket filter loaded by
 * prog_load() at the log level named; the instructions are given above
 * each log so it can be made again. Log text changes between kernels;
 * what these pin down is that only "N: (xx) ..." lines name the
 * instruction, not state lines, listings or messages around them.
 */
#include <stddef.h>
#include <check.h>

#include "loader/prog.h"

/*
 * r1 = 0; r0 = *(u64 *)(r1 +0); exit -- a load through a scalar. The
 * state line "0: R1=ctx() R10=fp0" comes before the instruction it
 * describes and is no instruction.
 */
static const char bad_mem_level1[] =
	"0: R1=ctx() R10=fp0\n"
	"0: (b7) r1 = 0                        ; R1=0\n"
	"1: (79) r0 = *(u64 *)(r1 +0)\n"
	"R1 invalid mem access 'scalar'\n"
	"processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

/*
 * The same at log level 2, which first lists every instruction with its
 * live registers: instruction 2 appears there, indented, though the
 * verifier never reached it.
 */
static const char bad_mem_level2[] =
	"func#0 @0\n"
	"Live regs before insn:\n"
	"      0: .......... (b7) r1 = 0\n"
	"      1: .1........ (79) r0 = *(u64 *)(r1 +0)\n"
	"      2: 0......... (95) exit\n"
	"0: R1=ctx() R10=fp0\n"
	"0: (b7) r1 = 0                        ; R1=0\n"
	"1: (79) r0 = *(u64 *)(r1 +0)\n"
	"R1 invalid mem access 'scalar'\n"
	"processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

/*
 * r6 = r1; r2 = *(u32 *)(r6 +0); if r2 == 0 goto +2; r0 = 1; goto +1;
 * r3 = 2; exit -- r0 unset on the path through 5. Level 2: the second
 * path starts with "from 2 to 5:" and a state line for 5, and ends at 6.
 */
static const char uninit_level2[] =
	"func#0 @0\n"
	"Live regs before insn:\n"
	"      0: 01........ (bf) r6 = r1\n"
	"      1: 0.....6... (61) r2 = *(u32 *)(r6 +0)\n"
	"      2: 0.2....... (15) if r2 == 0x0 goto pc+2\n"
	"      3: .......... (b7) r0 = 1\n"
	"      4: 0......... (05) goto pc+1\n"
	"      5: 0......... (b7) r3 = 2\n"
	"      6: 0......... (95) exit\n"
	"0: R1=ctx() R10=fp0\n"
	"0: (bf) r6 = r1                       ; R1=ctx() R6=ctx()\n"
	"1: (61) r2 = *(u32 *)(r6 +0)          ; R2=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R6=ctx()\n"
	"2: (15) if r2 == 0x0 goto pc+2        ; R2=scalar(smin=umin=umin32=1,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))\n"
	"3: (b7) r0 = 1                        ; R0=1\n"
	"4: (05) goto pc+1\n"
	"6: (95) exit\n"
	"\n"
	"from 2 to 5: R1=ctx() R2=0 R6=ctx() R10=fp0\n"
	"5: R1=ctx() R2=0 R6=ctx() R10=fp0\n"
	"5: (b7) r3 = 2                        ; R3=2\n"
	"6: (95) exit\n"
	"R0 !read_ok\n"
	"processed 8 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n";

/*
 * Nine movs, three adds, then *(u64 *)(r1 +0) = r0: a store to the
 * socket filter's context at instruction 12, past one digit.
 */
static const char late_level1[] =
	"0: R1=ctx() R10=fp0\n"
	"0: (b7) r0 = 0                        ; R0=0\n"
	"1: (b7) r2 = 1                        ; R2=1\n"
	"2: (b7) r3 = 2                        ; R3=2\n"
	"3: (b7) r4 = 3                        ; R4=3\n"
	"4: (b7) r5 = 4                        ; R5=4\n"
	"5: (b7) r6 = 5                        ; R6=5\n"
	"6: (b7) r7 = 6                        ; R7=6\n"
	"7: (b7) r8 = 7                        ; R8=7\n"
	"8: (b7) r9 = 8                        ; R9=8\n"
	"9: (0f) r0 += r2                      ; R0=1 R2=1\n"
	"10: (0f) r0 += r3                     ; R0=3 R3=2\n"
	"11: (0f) r0 += r4                     ; R0=6 R4=3\n"
	"12: (7b) *(u64 *)(r1 +0) = r0\n"
	"invalid bpf_context access off=0 size=8\n"
	"processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

/* r0 = 0 and no exit: refused before any instruction is walked. */
static const char fall_off_level1[] =
	"last insn is not an exit or jmp\n"
	"processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

/* goto +5 in a two-instruction program: also refused before the walk. */
static const char jump_out_of_range_level1[] =
	"jump out of range from insn 0 to 6\n"
	"processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

START_TEST(test_real_logs)
{
	ck_assert_int_eq(verifier_log__failing_insn(bad_mem_level1), 1);
	ck_assert_int_eq(verifier_log__failing_insn(bad_mem_level2), 1);
	ck_assert_int_eq(verifier_log__failing_insn(uninit_level2), 6);
	ck_assert_int_eq(verifier_log__failing_insn(late_level1), 12);
}
END_TEST

START_TEST(test_no_instruction_lines)
{
	ck_assert_int_eq(verifier_log__failing_insn(fall_off_level1), -1);
	ck_assert_int_eq(verifier_log__failing_insn(jump_out_of_range_level1),
			 -1);
	ck_assert_int_eq(verifier_log__failing_insn(""), -1);
	ck_assert_int_eq(verifier_log__failing_insn("\n\n"), -1);
	/* prog_load() leaves the log NULL when the kernel wrote none. */
	ck_assert_int_eq(verifier_log__failing_insn(NULL), -1);
}
END_TEST

START_TEST(test_state_lines_do_not_count)
{
	/*
	 * A log cut short by a full log buffer can end on a state line:
	 * "12: R1=ctx()" describes the state before 12, which the verifier
	 * has not yet checked. 11 is the last instruction it looked at.
	 */
	static const char truncated[] =
		"10: (0f) r0 += r3                     ; R0=3 R3=2\n"
		"11: (0f) r0 += r4                     ; R0=6 R4=3\n"
		"12: R1=ctx() R10=fp0\n";

	ck_assert_int_eq(verifier_log__failing_insn(truncated), 11);
	ck_assert_int_eq(verifier_log__failing_insn("12: R1=ctx() R10=fp0\n"),
			 -1);
	/* Neither are "N:" with no space, nor "N: " with no opcode. */
	ck_assert_int_eq(verifier_log__failing_insn("3: (95) exit\n"
						    "4:(95) exit\n"), 3);
	ck_assert_int_eq(verifier_log__failing_insn("3: (95) exit\n"
						    "4: 95 exit\n"), 3);
}
END_TEST

START_TEST(test_last_line_unterminated)
{
	ck_assert_int_eq(verifier_log__failing_insn("0: (b7) r0 = 0\n"
						    "7: (95) exit"), 7);
	ck_assert_int_eq(verifier_log__failing_insn("123456: (95) exit"),
			 123456);
}
END_TEST

START_TEST(test_absurd_index)
{
	/*
	 * The kernel takes at most a million instructions (5.2), so the last
	 * index is 999999: a bigger number is no index, and one too long for
	 * a long must not overflow on the way.
	 */
	ck_assert_int_eq(verifier_log__failing_insn("3: (95) exit\n"
						    "1000001: (95) exit\n"), 3);
	ck_assert_int_eq(verifier_log__failing_insn("3: (95) exit\n"
						    "99999999999999999999999: (95) exit\n"),
			 3);
	ck_assert_int_eq(verifier_log__failing_insn("999999: (95) exit\n"),
			 999999);
}
END_TEST

Suite *prog_suite(void)
{
	Suite *s = suite_create("prog");
	TCase *tc = tcase_create("verifier_log");

	tcase_add_test(tc, test_real_logs);
	tcase_add_test(tc, test_no_instruction_lines);
	tcase_add_test(tc, test_state_lines_do_not_count);
	tcase_add_test(tc, test_last_line_unterminated);
	tcase_add_test(tc, test_absurd_index);
	suite_add_tcase(s, tc);
	return s;
}
