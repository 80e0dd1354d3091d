/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The critical path of a build: the chain of processes that bounds its
 * wall time. Walking back from the end of the first process, each step
 * is the process that held the path, and the step before it what it
 * last waited on: a child that ended (its parent waited for it), or a
 * process that wrote a file it then read; with neither, the parent that
 * started it. Each step says how long it held the path.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_CRITICAL_H
#define BAREBPF_TOOLS_BUILDTRACE_CRITICAL_H

#include <stddef.h>
#include "tools/buildtrace/model.h"

enum bt_link {
	BT_LINK_FIRST,		/* where the path begins */
	BT_LINK_STARTED,	/* started by the step before */
	BT_LINK_CHILD_ENDED,	/* went on when its child, the step before, ended */
	BT_LINK_READ,		/* read a file the step before wrote */
};

struct bt_step {
	int proc;
	__u64 from_ns, to_ns;	/* its time on the path */
	enum bt_link link;	/* how it follows the step before */
	__u32 path;		/* BT_LINK_READ: the file */
};

/*
 * The steps in time order, in a malloc()ed array. Returns 0 (no steps
 * for a model without processes), or -1 when memory is short.
 */
int bt_critical_path(const struct bt_model *m, struct bt_step **steps,
		     size_t *n);

/* "started by", "after child", "read": how a step follows the one before. */
const char *bt_link_name(enum bt_link link);

#endif /* BAREBPF_TOOLS_BUILDTRACE_CRITICAL_H */
