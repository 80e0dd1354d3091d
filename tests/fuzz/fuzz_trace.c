// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace's reader and replay on any bytes: the header, every record's
 * lengths, the descriptor tables and thread index the replay keeps, and
 * what deps, the critical path, the tracks and the labels make of the
 * model. A trace may come from anyone: no input may crash, read out of
 * bounds or take memory out of proportion to its size.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/fuzz/fuzz.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/compdb.h"
#include "tools/buildtrace/critical.h"
#include "tools/buildtrace/deps.h"
#include "tools/buildtrace/file.h"
#include "tools/buildtrace/label.h"
#include "tools/buildtrace/tracks.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_output();
	return 0;
}

static void use_model(struct bt_model *m)
{
	struct bt_filter filter = { .n = 0, .all = true };
	char label[BT_LABEL_MAX], argv[160];
	struct bt_deps *d = NULL;
	struct bt_step *steps = NULL;
	const __u32 *inputs;
	int *track = NULL, nr_tracks, first;
	size_t i, n;

	if (!bt_deps__build(&d, m, &filter)) {
		for (i = 1; i < m->nr_paths; i++)
			if (bt_deps__is_output(d, (__u32)i))
				bt_deps__inputs(d, (__u32)i, &inputs, &n);
	}
	bt_deps__free(d);
	if (!bt_critical_path(m, &steps, &n))
		free(steps);
	if (!bt_tracks(m, &track, &nr_tracks))
		free(track);
	for (i = 0; i < m->nr_procs; i++)
		bt_proc_label(label, sizeof(label), m, (int)i);
	for (i = 0; i < m->nr_execs; i++) {
		bt_short_argv(argv, sizeof(argv), &m->execs[i]);
		bt_compile_sources(&m->execs[i],
				   bt_model__path(m, m->execs[i].path), &first);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	struct bt_trace t;
	struct bt_model m;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	memset(&m, 0, sizeof(m));
	/* t takes buf, freed with it whatever the outcome. */
	if (!bt_trace__parse(&t, buf, size) && !bt_model__replay(&m, &t, NULL, NULL))
		use_model(&m);
	bt_model__free(&m);
	bt_trace__free(&t);
	out_flush();
	return 0;
}
