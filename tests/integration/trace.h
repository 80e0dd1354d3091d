/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the tool suites share: run "barebpf TOOL FLAGS... -- SELF workload
 * ARGS...", parse its JSON lines, and assert on single events with
 * messages that show what came instead. Asserting helpers: call them
 * from a test only.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_TRACE_H
#define BAREBPF_TESTS_INTEGRATION_TRACE_H

#include <stdbool.h>
#include "tests/integration/jsonl.h"
#include "tests/integration/run.h"

/* Tests that run a tool get this long (Check's default is 4 s). */
#define TRACE_TCASE_TIMEOUT	60

struct trace {
	struct proc p;
	struct jsonl j;
	/* CLOCK_MONOTONIC around the run, bpf_ktime_get_ns()'s clock */
	long long start_ns, end_ns;
};

/*
 * Run barebpf TOOL FLAGS... [-- SELF workload WORKLOAD...] (no "--" part
 * when workload is NULL) to its end. Asserts that it was not stopped by
 * the timeout and that every JSON line parses.
 */
void trace_run(struct trace *t, const char *tool, const char *const *flags,
	       const char *const *workload);

/* The same, run with opts. */
void trace_run_opts(struct trace *t, const struct run_opts *opts,
		    const char *tool, const char *const *flags,
		    const char *const *workload);

void trace__free(struct trace *t);

/* Events whose string member key is value. */
int trace_count(const struct trace *t, const char *key, const char *value);

/* The one event whose string key is value (asserts there is exactly one). */
const struct json_object *trace_one(const struct trace *t, const char *key,
				    const char *value);

/* The one event whose "args" array equals want (NULL-terminated). */
const struct json_object *trace_one_args(const struct trace *t,
					 const char *const *want);

/* Asserting getters. */
long long ev_int(const struct json_object *o, const char *key);
bool ev_bool(const struct json_object *o, const char *key);
const char *ev_str(const struct json_object *o, const char *key);

/* Assert the array member key equals want (NULL-terminated), exactly. */
void assert_strings(const struct json_object *o, const char *key,
		    const char *const *want);

/* Assert the object's keys are exactly want, in that order. */
void assert_keys(const struct json_object *o, const char *const *want);

/* "workload: KEY N" from the traced workload (stderr); asserts it came. */
/*
 * The kernel has BTF (/sys/kernel/btf/vmlinux): without it a tool's
 * plain run gives what BAREBPF_NO_BTF=1 gives (Debian's armmp has none).
 */
bool kernel_has_btf(void);

/*
 * execsnoop reads what an exec's entry could not at the exec's return
 * (raw_syscalls:sys_exit, its "exec_return") where the kernel has
 * neither sched_prepare_exec (6.10) nor BTF: 32-bit ARM's 6.1.
 */
bool execsnoop_rereads_at_return(void);

/*
 * execsnoop keeps its records and parents in hash maps that fill as
 * they go, emptied at sched_process_exit (its "exec_gone"), where the
 * kernel has such maps and BAREBPF_FORCE_PREALLOC is not set; else in
 * LRU maps.
 */
bool execsnoop_forgets_at_exit(void);

long workload_value(const struct trace *t, const char *key);
long long workload_value_ll(const struct trace *t, const char *key);

/* Assert the event's time_ns falls within the run. */
void assert_time_in_run(const struct trace *t, const struct json_object *o);

/* Assert status is want, showing stderr when it is not. */
void assert_status(const struct proc *p, int want);

/*
 * The test case's directory, as an unchecked fixture
 * (tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown)):
 * made before the case's tests fork, removed after the last of them,
 * even when one failed.
 */
extern char *case_dir;
void case_dir_setup(void);
void case_dir_teardown(void);

/* case_dir/name, made as a fresh directory; buf holds PATH_MAX. */
const char *case_subdir(char *buf, const char *name);

/* True when this kernel has the tracepoint system:event. */
bool trace_has_event(const char *system, const char *event);

/*
 * Copy events/SYSTEM/EVENT/format of the real tracefs into a fake one at
 * root, for $BAREBPF_TRACEFS: a tracefs where only some events exist.
 */
void fake_tracefs_copy(const char *root, const char *system, const char *event);

#endif /* BAREBPF_TESTS_INTEGRATION_TRACE_H */
