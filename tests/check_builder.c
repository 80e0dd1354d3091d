// SPDX-License-Identifier: GPL-2.0
/*
 * Builder tests: labels resolved to the kernel's "target - pc - 1" in
 * whichever field the instruction keeps its distance (off, or imm for a
 * BPF-to-BPF call and gotol), map names resolved to fds, and each error
 * with the code and message a tool will print.
 *
 * Messages name a source line; the tests pass a fixed line number to
 * builder__jump() and friends rather than __LINE__, so the expected text
 * does not move when this file is edited.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <check.h>

#include "asm/builder.h"
#include "asm/insn.h"

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R6 BPF_REG_6

#ifndef BPF_PSEUDO_CALL
#define BPF_PSEUDO_CALL	1
#endif

static struct builder b;

static void setup(void)
{
	builder__init(&b);
}

static void teardown(void)
{
	builder__free(&b);
}

/* Every field of slot i, so a stray write to a neighbour field shows. */
static void check_insn(size_t i, __u8 code, __u8 dst, __u8 src, __s16 off,
		       __s32 imm)
{
	ck_assert_uint_lt(i, b.len);
	ck_assert_uint_eq(b.insns[i].code, code);
	ck_assert_uint_eq(b.insns[i].dst_reg, dst);
	ck_assert_uint_eq(b.insns[i].src_reg, src);
	ck_assert_int_eq(b.insns[i].off, off);
	ck_assert_int_eq(b.insns[i].imm, imm);
}

/* n one-slot fillers, to put distance between a jump and its label. */
static void emit_movs(size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		EMIT(&b, BPF_MOV64_IMM(R0, 0));
}

START_TEST(test_empty)
{
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(builder__pc(&b), 0);
	ck_assert_str_eq(b.errmsg, "");
}
END_TEST

START_TEST(test_emit_counts_slots)
{
	EMIT(&b, BPF_MOV64_REG(R6, R1));
	ck_assert_uint_eq(builder__pc(&b), 1);
	/* One EMIT, three slots: the 64-bit load takes two. */
	EMIT(&b, BPF_LD_IMM64(R2, 0x1122334455667788ULL),
	     BPF_EXIT_INSN());
	ck_assert_uint_eq(builder__pc(&b), 4);
	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(1, BPF_LD | BPF_DW | BPF_IMM, R2, 0, 0, 0x55667788);
	check_insn(2, 0, 0, 0, 0, 0x11223344);
	check_insn(3, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_forward_label)
{
	/*
	 * 0: if r1 == 0x0 goto out	off = 4 - 0 - 1 = 3
	 * 1: r2 = 0x2a ll		two slots (1, 2)
	 * 3: r0 = 1
	 * 4: out: exit
	 */
	JUMP(&b, BPF_JMP_IMM(BPF_JEQ, R1, 0, 0), "out");
	EMIT(&b, BPF_LD_IMM64(R2, 42));
	EMIT(&b, BPF_MOV64_IMM(R0, 1));
	LABEL(&b, "out");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(b.len, 5);
	check_insn(0, BPF_JMP | BPF_JEQ | BPF_K, R1, 0, 3, 0);
	/* The jump's immediate is its operand, not a place for the offset. */
	check_insn(1, BPF_LD | BPF_DW | BPF_IMM, R2, 0, 0, 42);
}
END_TEST

START_TEST(test_backward_label)
{
	/*
	 * 0: r0 = 0
	 * 1: top: r0 += 1
	 * 2: r2 = 0x0 ll		two slots (2, 3)
	 * 4: if r0 < 0xa goto top	off = 1 - 4 - 1 = -4
	 * 5: exit
	 */
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	LABEL(&b, "top");
	EMIT(&b, BPF_ALU64_IMM(BPF_ADD, R0, 1));
	EMIT(&b, BPF_LD_IMM64(R2, 0));
	JUMP(&b, BPF_JMP_IMM(BPF_JLT, R0, 10, 0), "top");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(4, BPF_JMP | BPF_JLT | BPF_K, R0, 0, -4, 10);
}
END_TEST

START_TEST(test_jump_to_next_and_self)
{
	/* A label right after the jump is offset 0; the jump itself is -1. */
	LABEL(&b, "self");
	JUMP(&b, BPF_JMP_A(0), "self");
	JUMP(&b, BPF_JMP_A(0), "next");
	LABEL(&b, "next");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP | BPF_JA, 0, 0, -1, 0);
	check_insn(1, BPF_JMP | BPF_JA, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_several_jumps_one_label)
{
	/* Two labels at the same slot, and three jumps resolved each alone. */
	JUMP(&b, BPF_JMP_REG(BPF_JNE, R1, R2, 0), "out");	/* 0: +3 */
	JUMP(&b, BPF_JMP_IMM(BPF_JSGT, R1, -1, 0), "end");	/* 1: +2 */
	EMIT(&b, BPF_MOV64_IMM(R0, 1));				/* 2 */
	JUMP(&b, BPF_JMP_A(0), "out");				/* 3: +0 */
	LABEL(&b, "out");
	LABEL(&b, "end");
	EMIT(&b, BPF_EXIT_INSN());				/* 4 */

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP | BPF_JNE | BPF_X, R1, R2, 3, 0);
	check_insn(1, BPF_JMP | BPF_JSGT | BPF_K, R1, 0, 2, -1);
	check_insn(3, BPF_JMP | BPF_JA, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_jmp32)
{
	/*
	 * A conditional JMP32 keeps its distance in off like any jump; only
	 * the unconditional JMP32|JA ("gotol", 6.4) keeps it in imm.
	 *
	 * 0: if w1 > 0x5 goto out	off = 3 - 0 - 1 = 2
	 * 1: if w1 s< w2 goto out	off = 3 - 1 - 1 = 1
	 * 2: gotol out		imm = 3 - 2 - 1 = 0
	 * 3: out: exit
	 * 4: back: gotol back	imm = -1
	 */
	JUMP(&b, BPF_JMP32_IMM(BPF_JGT, R1, 5, 0), "out");
	JUMP(&b, BPF_JMP32_REG(BPF_JSLT, R1, R2, 0), "out");
	JUMP(&b, BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 0), "out");
	LABEL(&b, "out");
	EMIT(&b, BPF_EXIT_INSN());
	LABEL(&b, "back");
	JUMP(&b, BPF_RAW_INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 0), "back");

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP32 | BPF_JGT | BPF_K, R1, 0, 2, 5);
	check_insn(1, BPF_JMP32 | BPF_JSLT | BPF_X, R1, R2, 1, 0);
	check_insn(2, BPF_JMP32 | BPF_JA, 0, 0, 0, 0);
	check_insn(4, BPF_JMP32 | BPF_JA, 0, 0, 0, -1);
}
END_TEST

START_TEST(test_pseudo_call)
{
	/*
	 * 0: call pc+3		BPF-to-BPF: imm = 4 - 0 - 1, off stays 0
	 * 1: r0 = 0x7 ll
	 * 3: exit
	 * 4: sub: r0 = 0
	 * 5: exit
	 * 6: call pc-3		a call backwards: imm = 4 - 6 - 1
	 * 7: exit
	 */
	JUMP(&b, BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0),
	     "sub");
	EMIT(&b, BPF_LD_IMM64(R0, 7), BPF_EXIT_INSN());
	LABEL(&b, "sub");
	EMIT(&b, BPF_MOV64_IMM(R0, 0), BPF_EXIT_INSN());
	JUMP(&b, BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0),
	     "sub");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3);
	check_insn(6, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -3);
}
END_TEST

START_TEST(test_map_load)
{
	/*
	 * 0: r1 = map[id:events]	fd 7 in imm, src_reg 1 (BPF_PSEUDO_MAP_FD)
	 * 2: r2 = map[id:counts]	fd 12
	 * 4: r6 = map[id:events]	fd 7 again
	 *
	 * The second slot keeps imm 0: it is the high half of the 64-bit
	 * value, and an fd is not.
	 */
	builder__map(&b, "events", 7);
	builder__map(&b, "counts", 12);
	LD_MAP(&b, R1, "events");
	LD_MAP(&b, R2, "counts");
	/* Declared after its use: only finish() looks maps up. */
	LD_MAP(&b, R6, "late");
	builder__map(&b, "late", 3);

	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(b.len, 6);
	check_insn(0, BPF_LD | BPF_DW | BPF_IMM, R1, BPF_PSEUDO_MAP_FD, 0, 7);
	check_insn(1, 0, 0, 0, 0, 0);
	check_insn(2, BPF_LD | BPF_DW | BPF_IMM, R2, BPF_PSEUDO_MAP_FD, 0, 12);
	check_insn(3, 0, 0, 0, 0, 0);
	check_insn(4, BPF_LD | BPF_DW | BPF_IMM, R6, BPF_PSEUDO_MAP_FD, 0, 3);
	check_insn(5, 0, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_jump_over_map_load)
{
	/* A map load is two slots for label arithmetic too: off = 3. */
	builder__map(&b, "events", 5);
	JUMP(&b, BPF_JMP_IMM(BPF_JEQ, R1, 0, 0), "out");
	LD_MAP(&b, R1, "events");
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	LABEL(&b, "out");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP | BPF_JEQ | BPF_K, R1, 0, 3, 0);
	check_insn(1, BPF_LD | BPF_DW | BPF_IMM, R1, BPF_PSEUDO_MAP_FD, 0, 5);
}
END_TEST

START_TEST(test_undefined_label)
{
	EMIT(&b, BPF_MOV64_IMM(R0, 0), BPF_LD_IMM64(R2, 1));
	builder__jump(&b, BPF_JMP_IMM(BPF_JEQ, R1, 0, 0), "nowhere", 42);
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), -ENOENT);
	ck_assert_str_eq(b.errmsg,
			 "insn 3 (line 42): jump to undefined label 'nowhere'");
	/* Unresolved, the placeholder is left as it was given. */
	ck_assert_int_eq(b.insns[3].off, 0);
}
END_TEST

START_TEST(test_duplicate_label)
{
	builder__label(&b, "out", 10);
	EMIT(&b, BPF_MOV64_IMM(R0, 0), BPF_MOV64_IMM(R0, 1));
	builder__label(&b, "out", 20);
	ck_assert_int_eq(b.err, -EEXIST);
	ck_assert_int_eq(builder__finish(&b), -EEXIST);
	ck_assert_str_eq(b.errmsg,
			 "insn 2 (line 20): duplicate label 'out', first defined at insn 0");
	/* The second definition was not recorded. */
	ck_assert_uint_eq(b.nr_labels, 1);
}
END_TEST

/*
 * 40000 labels, each jumped to from after it and from elsewhere: every offset
 * exact (the label index keeps growing and rehashing while they come),
 * and a late duplicate still names the first definition.
 */
/* Scattered over the same block of 16384 labels: within a 16-bit jump. */
static size_t target_of(size_t i)
{
	size_t j = (i & ~(size_t)0x3fff) | ((i * 7919) & 0x3fff);

	return j < 40000 ? j : i;
}

START_TEST(test_many_labels)
{
	enum { N = 40000 };
	char name[BUILDER_NAME_MAX];
	size_t i;

	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "l%zu", i);
		builder__label(&b, name, (int)i + 1);
		JUMP(&b, BPF_JMP_IMM(BPF_JEQ, R0, 0, 0), name);
		snprintf(name, sizeof(name), "l%zu", target_of(i));
		JUMP(&b, BPF_JMP_IMM(BPF_JEQ, R0, 1, 0), name);
	}
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(b.nr_labels, N);
	for (i = 0; i < N; i++) {
		long self = 2 * (long)i, target = 2 * (long)target_of(i);

		ck_assert_int_eq(b.insns[self].off, -1);
		ck_assert_int_eq(b.insns[self + 1].off,
				 (int)(target - (self + 1) - 1));
	}
	builder__label(&b, "l31337", 99999);
	ck_assert_int_eq(b.err, -EEXIST);
	ck_assert_str_eq(b.errmsg,
			 "insn 80001 (line 99999): duplicate label 'l31337', first defined at insn 62674");
}
END_TEST

START_TEST(test_unknown_map)
{
	builder__map(&b, "events", 4);
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	builder__ld_map(&b, R1, "evnets", 77);

	ck_assert_int_eq(builder__finish(&b), -ENOENT);
	ck_assert_str_eq(b.errmsg,
			 "insn 1 (line 77): load of undeclared map 'evnets'");
	ck_assert_int_eq(b.insns[1].imm, 0);
}
END_TEST

START_TEST(test_bad_names)
{
	/* 32 characters: one more than BUILDER_NAME_MAX - 1 allows. */
	static const char long_name[] = "abcdefghijklmnopqrstuvwxyz012345";

	ck_assert_uint_eq(strlen(long_name), BUILDER_NAME_MAX);
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	builder__label(&b, long_name, 3);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg,
			 "insn 1: bad label name 'abcdefghijklmnopqrstuvwxyz012345'");
	builder__free(&b);

	builder__init(&b);
	builder__map(&b, "", 3);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg, "insn 0: bad map name ''");
	builder__free(&b);

	/* NULL is refused too, with labels already defined to compare to. */
	builder__init(&b);
	LABEL(&b, "a");
	builder__label(&b, NULL, 5);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg, "insn 0: bad label name '(null)'");
}
END_TEST

START_TEST(test_offset_range)
{
	/*
	 * off is an s16: +32767 and -32768 are the farthest a jump reaches.
	 *
	 *     0: goto fwd_ok		off = 32768 - 0 - 1 = 32767, fits
	 *     1: goto fwd_far		off = 32770 - 1 - 1 = 32768, too far
	 *     2 .. 32767: fillers
	 * 32768: fwd_ok: two fillers
	 * 32770: fwd_far: exit
	 */
	JUMP(&b, BPF_JMP_A(0), "fwd_ok");
	builder__jump(&b, BPF_JMP_A(0), "fwd_far", 99);
	emit_movs(32768 - 2);
	LABEL(&b, "fwd_ok");
	emit_movs(2);
	LABEL(&b, "fwd_far");
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_uint_eq(b.len, 32771);

	ck_assert_int_eq(builder__finish(&b), -ERANGE);
	ck_assert_str_eq(b.errmsg,
			 "insn 1 (line 99): jump to 'fwd_far' is 32768 slots away, more than a 16-bit offset holds");
	/* Jumps resolve in order: the one before the failure got its offset. */
	ck_assert_int_eq(b.insns[0].off, 32767);
	ck_assert_int_eq(b.insns[1].off, 0);
}
END_TEST

START_TEST(test_offset_range_backward)
{
	/*
	 * "top" at 0; a jump at 32768 reaches it with 0 - 32768 - 1 =
	 * -32769, one past an s16. The jump at 32767 (-32768) is fine.
	 */
	LABEL(&b, "top");
	emit_movs(32767);
	JUMP(&b, BPF_JMP_A(0), "top");
	builder__jump(&b, BPF_JMP_A(0), "top", 123);

	ck_assert_int_eq(builder__finish(&b), -ERANGE);
	ck_assert_str_eq(b.errmsg,
			 "insn 32768 (line 123): jump to 'top' is -32769 slots away, more than a 16-bit offset holds");
	ck_assert_int_eq(b.insns[32767].off, -32768);
}
END_TEST

START_TEST(test_far_call_fits_imm)
{
	/* A call keeps its distance in imm: 40000 slots is no error. */
	JUMP(&b, BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0),
	     "sub");
	emit_movs(40000);
	LABEL(&b, "sub");
	EMIT(&b, BPF_EXIT_INSN());

	ck_assert_int_eq(builder__finish(&b), 0);
	check_insn(0, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 40000);
}
END_TEST

START_TEST(test_sticky_error)
{
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	builder__label(&b, "x", 1);
	builder__label(&b, "x", 2);		/* first error: -EEXIST */
	ck_assert_int_eq(b.err, -EEXIST);

	/* Later calls are no-ops: nothing appended, nothing recorded. */
	EMIT(&b, BPF_EXIT_INSN());
	builder__jump(&b, BPF_JMP_A(0), "nowhere", 3);
	builder__ld_map(&b, R1, "nomap", 4);
	builder__label(&b, "y", 5);
	builder__fail(&b, -E2BIG, "too big");
	ck_assert_uint_eq(builder__pc(&b), 1);
	ck_assert_uint_eq(b.nr_jumps, 0);
	ck_assert_uint_eq(b.nr_map_loads, 0);
	ck_assert_uint_eq(b.nr_labels, 1);

	ck_assert_int_eq(builder__finish(&b), -EEXIST);
	ck_assert_str_eq(b.errmsg,
			 "insn 1 (line 2): duplicate label 'x', first defined at insn 1");
}
END_TEST

START_TEST(test_sticky_over_finish)
{
	/*
	 * An error found in the final pass does not replace one the caller
	 * reported while building: both a missing label and a missing map
	 * are here, and the caller's message survives.
	 */
	JUMP(&b, BPF_JMP_A(0), "nowhere");
	LD_MAP(&b, R1, "nomap");
	builder__fail(&b, -ENOENT, "no field '%s' in %s", "filename",
		      "sys_enter_openat");
	ck_assert_int_eq(builder__finish(&b), -ENOENT);
	ck_assert_str_eq(b.errmsg, "no field 'filename' in sys_enter_openat");
	builder__free(&b);

	/* Of two errors found in the final pass, the first jump's is kept. */
	builder__init(&b);
	builder__jump(&b, BPF_JMP_A(0), "first", 1);
	builder__jump(&b, BPF_JMP_A(0), "second", 2);
	builder__ld_map(&b, R1, "nomap", 3);
	ck_assert_int_eq(builder__finish(&b), -ENOENT);
	ck_assert_str_eq(b.errmsg,
			 "insn 0 (line 1): jump to undefined label 'first'");
	/* Calling finish again does not overwrite it either. */
	ck_assert_int_eq(builder__finish(&b), -ENOENT);
	ck_assert_str_eq(b.errmsg,
			 "insn 0 (line 1): jump to undefined label 'first'");
}
END_TEST

START_TEST(test_fail)
{
	/* A positive errno is stored negated, as everything in asm/ returns. */
	builder__fail(&b, EINVAL, "field %s is %d bytes", "comm", 16);
	ck_assert_int_eq(b.err, -EINVAL);
	ck_assert_str_eq(b.errmsg, "field comm is 16 bytes");
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	builder__free(&b);

	builder__init(&b);
	builder__fail(&b, -EOPNOTSUPP, "needs kernel %d.%d", 5, 8);
	ck_assert_int_eq(b.err, -EOPNOTSUPP);
	ck_assert_str_eq(b.errmsg, "needs kernel 5.8");
}
END_TEST

START_TEST(test_fail_truncates)
{
	/* An over-long message is cut to the buffer, still NUL-terminated. */
	char big[sizeof(b.errmsg) + 64];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	builder__fail(&b, -EINVAL, "%s", big);
	ck_assert_uint_eq(strlen(b.errmsg), sizeof(b.errmsg) - 1);
	ck_assert_int_eq(b.errmsg[0], 'x');
}
END_TEST

/* A loop body: if r0 == 0 skip to the round's own .next, else leave. */
static void loop_body(struct builder *bb, void *ctx)
{
	(*(int *)ctx)++;
	builder__jump(bb, BPF_JMP_IMM(BPF_JEQ, R0, 0, 0), ".next", 10);
	builder__jump(bb, BPF_JMP_A(0), "out", 11);
	builder__label(bb, ".next", 12);
	EMIT(bb, BPF_ALU64_IMM(BPF_ADD, R6, 1));
}

/* Unrolled: n copies, each jumping to its own .next, all to one "out". */
START_TEST(test_loop_unrolled)
{
	int calls = 0;

	builder__loop(&b, 3, false, -8, loop_body, &calls);
	builder__label(&b, "out", 13);
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_int_eq(calls, 3);
	ck_assert_uint_eq(b.len, 9);
	/* round k: [3k] if r0 == 0 goto pc+1; [3k+1] goto out; [3k+2] r6 += 1 */
	check_insn(0, BPF_JMP | BPF_JEQ | BPF_K, R0, 0, 1, 0);
	check_insn(1, BPF_JMP | BPF_JA, 0, 0, 7, 0);
	check_insn(3, BPF_JMP | BPF_JEQ | BPF_K, R0, 0, 1, 0);
	check_insn(4, BPF_JMP | BPF_JA, 0, 0, 4, 0);
	check_insn(7, BPF_JMP | BPF_JA, 0, 0, 1, 0);
	check_insn(8, BPF_ALU64 | BPF_ADD | BPF_K, R6, 0, 0, 1);
}
END_TEST

/* Bounded: the body once, the count on the stack, one back edge. */
START_TEST(test_loop_bounded)
{
	int calls = 0;

	builder__loop(&b, 5, true, -16, loop_body, &calls);
	builder__label(&b, "out", 13);
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	ck_assert_int_eq(calls, 1);
	ck_assert_uint_eq(b.len, 8);
	check_insn(0, BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, -16, 0);
	check_insn(1, BPF_JMP | BPF_JEQ | BPF_K, R0, 0, 1, 0);
	check_insn(2, BPF_JMP | BPF_JA, 0, 0, 5, 0);
	check_insn(3, BPF_ALU64 | BPF_ADD | BPF_K, R6, 0, 0, 1);
	check_insn(4, BPF_LDX | BPF_MEM | BPF_DW, R1, BPF_REG_10, -16, 0);
	check_insn(5, BPF_ALU64 | BPF_ADD | BPF_K, R1, 0, 0, 1);
	check_insn(6, BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, R1, -16, 0);
	/* back to insn 1: 1 - 7 - 1 */
	check_insn(7, BPF_JMP | BPF_JLT | BPF_K, R1, 0, -7, 5);
}
END_TEST

/* Two loops in one program: their round labels do not meet. */
START_TEST(test_two_loops)
{
	int calls = 0;

	builder__loop(&b, 2, false, -8, loop_body, &calls);
	builder__loop(&b, 2, true, -8, loop_body, &calls);
	builder__label(&b, "out", 13);
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	ck_assert_int_eq(calls, 3);
}
END_TEST

START_TEST(test_round_label_outside_loop)
{
	builder__label(&b, ".next", 42);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg, "insn 0 (line 42): label '.next' outside a loop");
}
END_TEST

/* In a text source, clang's ".LBB0_2" is a plain label. */
START_TEST(test_dot_label_in_text)
{
	b.file = "t.s";
	builder__jump(&b, BPF_JMP_A(0), ".LBB0_2", 1);
	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	builder__label(&b, ".LBB0_2", 3);
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_msg(builder__finish(&b) == 0, "%s", b.errmsg);
	check_insn(0, BPF_JMP | BPF_JA, 0, 0, 1, 0);
}
END_TEST

static void nested_body(struct builder *bb, void *ctx)
{
	builder__loop(bb, 2, false, -8, loop_body, ctx);
}

START_TEST(test_loop_errors)
{
	int calls = 0;

	builder__loop(&b, 0, false, -8, loop_body, &calls);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg, "insn 0: loop of 0 rounds");
	builder__free(&b);
	builder__init(&b);
	builder__loop(&b, 2, true, -8, nested_body, &calls);
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg, "insn 1: loop of 2 rounds inside a loop");
	ck_assert_int_eq(calls, 0);
}
END_TEST

/* An emitter run twice in one program: each run's label is its own. */
static void emit_skip_if_zero(void)
{
	char skip[BUILDER_NAME_MAX];

	builder__local_label(&b, skip, "skip");
	JUMP(&b, BPF_JMP_IMM(BPF_JEQ, R1, 0, 0), skip);
	EMIT(&b, BPF_MOV64_IMM(R0, 1));
	LABEL(&b, skip);
}

START_TEST(test_local_labels)
{
	char buf[BUILDER_NAME_MAX];

	/*
	 * 0: if r1 == 0x0 goto pc+1	(skip#0)
	 * 1: r0 = 1
	 * 2: if r1 == 0x0 goto pc+1	(skip#1)
	 * 3: r0 = 1
	 * 4: exit
	 */
	emit_skip_if_zero();
	emit_skip_if_zero();
	EMIT(&b, BPF_EXIT_INSN());
	ck_assert_int_eq(builder__finish(&b), 0);
	ck_assert_uint_eq(b.len, 5);
	check_insn(0, BPF_JMP | BPF_JEQ | BPF_K, R1, 0, 1, 0);
	check_insn(2, BPF_JMP | BPF_JEQ | BPF_K, R1, 0, 1, 0);
	ck_assert_str_eq(b.labels[0].name, "skip#0");
	ck_assert_str_eq(b.labels[1].name, "skip#1");
	/* The count goes on, whatever the name. */
	ck_assert_str_eq(builder__local_label(&b, buf, "sent"), "sent#2");
	ck_assert_ptr_eq(builder__local_label(&b, buf, "sent"), buf);
}
END_TEST

START_TEST(test_local_label_too_long)
{
	char buf[BUILDER_NAME_MAX];

	EMIT(&b, BPF_MOV64_IMM(R0, 0));
	/* 30 characters, '#' and "0" leave no room for the NUL. */
	builder__local_label(&b, buf, "abcdefghijabcdefghijabcdefghij");
	ck_assert_int_eq(builder__finish(&b), -EINVAL);
	ck_assert_str_eq(b.errmsg,
			 "insn 1: local label 'abcdefghijabcdefghijabcdefghij' too long");
}
END_TEST

Suite *builder_suite(void)
{
	Suite *s = suite_create("builder");
	TCase *labels = tcase_create("labels");
	TCase *maps = tcase_create("maps");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(labels, setup, teardown);
	tcase_add_test(labels, test_empty);
	tcase_add_test(labels, test_emit_counts_slots);
	tcase_add_test(labels, test_forward_label);
	tcase_add_test(labels, test_backward_label);
	tcase_add_test(labels, test_jump_to_next_and_self);
	tcase_add_test(labels, test_several_jumps_one_label);
	tcase_add_test(labels, test_jmp32);
	tcase_add_test(labels, test_pseudo_call);
	tcase_add_test(labels, test_far_call_fits_imm);
	tcase_add_test(labels, test_loop_unrolled);
	tcase_add_test(labels, test_loop_bounded);
	tcase_add_test(labels, test_two_loops);
	tcase_add_test(labels, test_local_labels);
	suite_add_tcase(s, labels);

	tcase_add_checked_fixture(maps, setup, teardown);
	tcase_add_test(maps, test_map_load);
	tcase_add_test(maps, test_jump_over_map_load);
	suite_add_tcase(s, maps);

	tcase_add_checked_fixture(errors, setup, teardown);
	tcase_add_test(errors, test_undefined_label);
	tcase_add_test(errors, test_duplicate_label);
	tcase_add_test(errors, test_unknown_map);
	tcase_add_test(errors, test_bad_names);
	tcase_add_test(errors, test_offset_range);
	tcase_add_test(errors, test_offset_range_backward);
	tcase_add_test(errors, test_sticky_error);
	tcase_add_test(errors, test_sticky_over_finish);
	tcase_add_test(errors, test_fail);
	tcase_add_test(errors, test_fail_truncates);
	tcase_add_test(errors, test_round_label_outside_loop);
	tcase_add_test(errors, test_dot_label_in_text);
	tcase_add_test(errors, test_loop_errors);
	tcase_add_test(errors, test_local_label_too_long);
	tcase_add_test(errors, test_many_labels);
	suite_add_tcase(s, errors);
	return s;
}
