/* SPDX-License-Identifier: GPL-2.0 */
/* Telling compiles apart, for buildtrace compdb. */
#ifndef BAREBPF_TOOLS_BUILDTRACE_COMPDB_H
#define BAREBPF_TOOLS_BUILDTRACE_COMPDB_H

#include <stdbool.h>
#include "tools/buildtrace/model.h"

/* cc, gcc, clang, c++, g++, clang++, with a target prefix or a version. */
bool bt_is_compiler(const char *path);

/* Options whose value is the next argument: never a source file. */
bool bt_takes_value(const char *arg);

/* An argument naming a C, C++, Objective-C, assembly or CUDA source. */
bool bt_is_source(const char *arg);

/*
 * How many source files the image compiles with -c, its program a
 * compiler by argv[0] or by the path executed; *first is the index of
 * the first. 0 when it is not such a compile.
 */
int bt_compile_sources(const struct bt_exec_image *img, const char *path,
			   int *first);

#endif /* BAREBPF_TOOLS_BUILDTRACE_COMPDB_H */
