/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processes laid out on tracks for a timeline: a process goes on its
 * parent's track when the parent is the innermost slice open there and
 * lasts longer, so a parent's bar encloses its children's and nothing
 * else's; else on the first track where nothing is open, else a new one.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_TRACKS_H
#define BAREBPF_TOOLS_BUILDTRACE_TRACKS_H

#include <stddef.h>
#include "tools/buildtrace/model.h"

/* The end of a process's time: its end, or the trace's for one still running. */
__u64 bt_proc_end(const struct bt_model *m, int proc);

/*
 * A track for each process in *track (malloc()ed) and how many tracks
 * there are. Returns 0, or -1 when memory is short.
 */
int bt_tracks(const struct bt_model *m, int **track, int *nr_tracks);

#endif /* BAREBPF_TOOLS_BUILDTRACE_TRACKS_H */
