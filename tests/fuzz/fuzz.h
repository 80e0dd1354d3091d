/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libFuzzer targets share (tests/fuzz/fuzz_*.c, built by "make
 * fuzz" with clang under ASan and UBSan): output goes to /dev/null, so
 * the printers run whole on what the readers accept.
 */
#ifndef BAREBPF_TESTS_FUZZ_FUZZ_H
#define BAREBPF_TESTS_FUZZ_FUZZ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include "tools/lib/output.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output to /dev/null for the whole run. */
static inline void fuzz_quiet_output(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd >= 0)
		output_set_fd(fd);
}

#endif /* BAREBPF_TESTS_FUZZ_FUZZ_H */
