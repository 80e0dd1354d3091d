/* SPDX-License-Identifier: GPL-2.0 */
/*
 * verify --run: a program the verifier accepted, run by the kernel on
 * given input (BPF_PROG_TEST_RUN, 4.12), its return value, the data it
 * leaves and the time it took printed.
 */
#ifndef BAREBPF_TOOLS_WORKBENCH_TESTRUN_H
#define BAREBPF_TOOLS_WORKBENCH_TESTRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

/* What a packet program runs on when given nothing: a minimum frame. */
#define TEST_RUN_DEFAULT_LEN	64

struct test_run_input {
	const void *data;		/* NULL: the default for the type */
	size_t len;
	const char *source;		/* how it was given, for the header */
	unsigned int repeat;		/* 0: once */
};

/*
 * Bytes from hex ("45 00 00 1c", "4500001c", "0x45,0x00"): blanks,
 * commas, colons and 0x prefixes between bytes. Returns 0, or
 * EXIT_USAGE after naming what is not hex.
 */
int test_data_from_hex(const char *hex, unsigned char **buf, size_t *len);

/*
 * Run prog_fd (of type) on in, print what came back. *retval gets the
 * program's return value. Returns 0, or an exit code with what failed
 * printed (a type the kernel cannot test-run among them).
 */
int test_run(int prog_fd, enum bpf_prog_type type,
	     const struct test_run_input *in, __u32 *retval);

#endif /* BAREBPF_TOOLS_WORKBENCH_TESTRUN_H */
