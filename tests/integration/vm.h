/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The integration tests inside a virtual machine: the test binary is the
 * initramfs's /init (see tests/kernel-matrix/run).
 */
#ifndef BAREBPF_TESTS_INTEGRATION_VM_H
#define BAREBPF_TESTS_INTEGRATION_VM_H

/*
 * As PID 1: mount /dev, /proc, /sys and /tmp, run self as the test runner
 * twice at once (plain and "--fallbacks"; VM_PASS=normal or =fallbacks
 * from the kernel command line: one), passing on Check's CK_RUN_SUITE
 * and its kin, print their output and "barebpf-init: ..." lines on the
 * console, power off. Never returns.
 */
int vm_init(const char *self) __attribute__((noreturn));

#endif /* BAREBPF_TESTS_INTEGRATION_VM_H */
