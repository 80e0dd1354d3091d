/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differential tests: barebpf and its libbpf-tools counterpart side by
 * side over one workload. The counterparts have no "-- COMMAND", so the
 * workload runs "held": it reports its pid and waits on stdin while both
 * tools attach by pid, then runs once. Asserting helpers: call them from
 * a test only.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_COUNTERPART_H
#define BAREBPF_TESTS_INTEGRATION_COUNTERPART_H

#include <stdbool.h>
#include "tests/integration/run.h"

/*
 * True when libbpf-tools' TOOL is installed. When it is not, says so:
 * the suite then leaves the differential test out rather than count a
 * test that compared nothing as passed.
 */
bool counterpart_present(const char *tool);

/* The libbpf-tools program (/usr/sbin/TOOL) into path (PATH_MAX). */
void counterpart_find(const char *tool, char *path);

/*
 * Start "SELF workload held WORKLOAD..." and return its pid once it is
 * waiting inside read(2) (as far as /proc/PID/syscall tells).
 */
long held_start(struct proc *w, const char *const *workload);

/* Let it run; assert it exits 0. */
void held_release(struct proc *w);

/* Start argv and wait for a line holding ready on its stdout. */
void tool_start(struct proc *p, char *const argv[], const char *ready);

/* SIGINT it, read it to its end; returns its exit status. */
int tool_stop(struct proc *p);

/* Wait until text holds want lines with needle (or a while passes). */
bool wait_lines(struct proc *p, const char *needle, int want);

#endif /* BAREBPF_TESTS_INTEGRATION_COUNTERPART_H */
