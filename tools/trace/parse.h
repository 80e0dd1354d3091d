/* SPDX-License-Identifier: GPL-2.0 */
/* The trace language's parser: text to a syntax tree, or one error. */
#ifndef BAREBPF_TRACE_PARSE_H
#define BAREBPF_TRACE_PARSE_H

#include "tools/trace/ast.h"
#include "tools/trace/diag.h"

/*
 * Parse text (NUL-terminated, kept by the caller) named file in
 * messages. Returns 0 with s filled, or -1 with the error in d; either
 * way script__free(s) releases what was made.
 */
int script__parse(struct script *s, const char *file, const char *text,
		  struct diag *d);

/* The int type a cast names ("uint8", "int64", ...): size, or 0. */
unsigned int cast_type_size(const char *name, size_t len, bool *is_signed);

#endif /* BAREBPF_TRACE_PARSE_H */
