// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace record run under the integration tests: a recording of a
 * workload, normalized and parsed, and the lookups its tests share.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_BT_RUN_H
#define BAREBPF_TESTS_INTEGRATION_BT_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include "tests/integration/trace.h"

/* A recording and its normalized events. */
struct bt_run {
	struct proc rec;	/* buildtrace record */
	struct proc norm;	/* buildtrace normalize */
	struct jsonl j;
	char trace[PATH_MAX];
};

/* case_dir/name into buf (PATH_MAX). */
const char *in_case(char *buf, const char *name);
/*
 * barebpf buildtrace record -o case_dir/name.trace [FLAGS] [env] -- SELF
 * workload ARGS..., then normalize it. timeout_ms 0: RUN_TIMEOUT_MS.
 */
void bt_record_opts(struct bt_run *r, const char *name,
		    const char *const *env, int timeout_ms,
		    const char *const *flags, const char *const *workload);
void bt_record(struct bt_run *r, const char *name,
	       const char *const *env, const char *const *workload);
void bt_record_flags(struct bt_run *r, const char *name,
		     const char *const *flags, const char *const *workload);
void bt_run__free(struct bt_run *r);
/* Where the last 3000 bytes of text start (Check's messages are short). */
size_t tail_from(const char *text);
/* True when the string array key holds s at index i. */
bool item_is(const struct json_object *o, const char *key, size_t i,
	     const char *s);
/* Events named event whose paths include path. */
int count_touching(const struct bt_run *r, const char *event,
		   const char *path);
/* The one event named event whose paths include path: asserted one. */
const struct json_object *touching(const struct bt_run *r,
				   const char *event, const char *path);
/* The one event named event of process pid: asserted one. */
const struct json_object *of_pid(const struct bt_run *r, const char *event,
				 long long pid);
/* What the workload reported as key on record's stderr: asserted there. */
long reported(const struct bt_run *r, const char *key);

#endif /* BAREBPF_TESTS_INTEGRATION_BT_RUN_H */
