/* SPDX-License-Identifier: GPL-2.0 */
/* For emitter tests: what a builder holds, byte for byte. */
#ifndef BAREBPF_TESTS_EMITTED_H
#define BAREBPF_TESTS_EMITTED_H

#include <string.h>
#include <check.h>
#include "asm/builder.h"

/* b holds no error and exactly the n 8-byte instructions want. */
static inline void check_emitted(const struct builder *b,
				 const __u8 (*want)[8], size_t n)
{
	size_t i;

	ck_assert_int_eq(b->err, 0);
	ck_assert_uint_eq(b->len, n);
	for (i = 0; i < n; i++)
		ck_assert_msg(!memcmp(&b->insns[i], want[i], 8),
			      "instruction %zu differs", i);
}

#define CHECK_EMITTED(b, want) \
	check_emitted(b, want, sizeof(want) / sizeof((want)[0]))

#endif /* BAREBPF_TESTS_EMITTED_H */
