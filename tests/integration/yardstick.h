/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libbpf-tools as yardsticks for the differential tests: start one
 * system-wide, know when its probes and its rings are live (from its own
 * /proc/PID/fdinfo, not from time), stop it with SIGINT so it prints
 * everything. They are packages of their own, not barebpf's: where
 * one is missing its test is not registered (so not counted), and the
 * run says SKIP and why.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_YARDSTICK_H
#define BAREBPF_TESTS_INTEGRATION_YARDSTICK_H

#include <stdbool.h>
#include "tests/integration/run.h"

#define YARDSTICK_DIR	"/usr/sbin"

/*
 * True when YARDSTICK_DIR/name runs here; else prints why test is left
 * out. Called when the suite is built, not inside a test.
 */
bool yardstick_available(const char *name, const char *test);

/*
 * yardstick_available(), and it also loads and attaches here (a tool
 * built on kprobes or fentry does not run on a kernel without them):
 * started with args until it holds links links, then stopped. Else
 * prints why test is left out, with its own last message. Called when
 * the suite is built.
 */
bool yardstick_runs(const char *name, const char *const *args, int links,
		    const char *test);

/*
 * Start YARDSTICK_DIR/name with args (NULL-terminated, may be NULL) and
 * return once it holds links tracepoint links and its rings are open.
 * Asserts.
 */
void yardstick_start(struct proc *p, const char *name, const char *const *args,
		     int links);

/* SIGINT, then read all it prints until it exits. Asserts a clean end. */
void yardstick_stop(struct proc *p);

#endif /* BAREBPF_TESTS_INTEGRATION_YARDSTICK_H */
