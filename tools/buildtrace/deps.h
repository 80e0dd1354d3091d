/* SPDX-License-Identifier: GPL-2.0 */
/* What each file a build wrote was made from: see deps.c. */
#ifndef BAREBPF_TOOLS_BUILDTRACE_DEPS_H
#define BAREBPF_TOOLS_BUILDTRACE_DEPS_H

#include <stdbool.h>
#include <stddef.h>
#include "tools/buildtrace/buildtrace.h"

struct bt_deps;

/* Index the model's uses. Returns 0, or -1 when memory is short. */
int bt_deps__build(struct bt_deps **deps, const struct bt_model *m,
		   const struct bt_filter *filter);

/* True when the build wrote path, left it behind, and it is not filtered out. */
bool bt_deps__is_output(const struct bt_deps *d, __u32 path);

/*
 * The inputs of path, sorted by name, in an array valid until the next
 * call. Returns 0, or -1 when memory is short.
 */
int bt_deps__inputs(struct bt_deps *d, __u32 path, const __u32 **inputs,
		    size_t *n);

void bt_deps__free(struct bt_deps *d);

#endif /* BAREBPF_TOOLS_BUILDTRACE_DEPS_H */
