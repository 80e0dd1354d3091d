/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a process did, in a few words, for graph boxes, timeline slices
 * and the report: the program's base name and its chief input or output
 * ("cc1 src/lapi.c", "as → lapi.o", "ar → liblua.a"), or a shell with
 * its command cut ("sh -c cd src && ..."). Bytes are as the trace has
 * them: the caller escapes them for where they go.
 */
#ifndef BAREBPF_TOOLS_BUILDTRACE_LABEL_H
#define BAREBPF_TOOLS_BUILDTRACE_LABEL_H

#include <stddef.h>
#include "tools/buildtrace/model.h"

/* Room for a label: BT_LABEL_MAX - 1 bytes and the NUL. */
#define BT_LABEL_MAX	72

/* The label of process proc (its last image; "pid N" before any). */
void bt_proc_label(char *buf, size_t size, const struct bt_model *m, int proc);

/* The label of one image. */
void bt_image_label(char *buf, size_t size, const struct bt_model *m,
		    const struct bt_exec_image *img);

/* True when the image is a compiler driver (cc, gcc, clang, ...). */
bool bt_image_is_compiler(const struct bt_model *m,
			  const struct bt_exec_image *img);

#endif /* BAREBPF_TOOLS_BUILDTRACE_LABEL_H */
