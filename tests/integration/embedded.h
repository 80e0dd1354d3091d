/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files built into the integration tests (see the Makefile): the verifier
 * experiments of examples/verifier, BPF objects clang built from
 * tests/integration/bpf and clang's assembly of
 * tests/fixtures/clang/subprog.c (clang-subprog.s), so the tests need no
 * source tree at run time.
 * Also what the workbench suites share: running barebpf, finding tools.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_EMBEDDED_H
#define BAREBPF_TESTS_INTEGRATION_EMBEDDED_H

#include <stddef.h>
#include "tests/integration/run.h"

struct embedded_file {
	const char *name;		/* base name: "null_check.s" */
	const char *data;		/* NUL after the last byte */
	unsigned long size;
};

/* Ends with a { NULL } entry. */
extern const struct embedded_file embedded_files[];

/* The file called name; asserts it is there. */
const struct embedded_file *embedded(const char *name);

/* Write it into case_dir; returns the path (static buffer of PATH_MAX). */
const char *embedded_write(const char *name, char *path);

/* Write text into case_dir/name; returns the path. */
const char *case_file(const char *name, const char *text, size_t len,
		      char *path);

/* Run barebpf ARGS... (NULL-terminated) to its end; asserts it ended. */
void run_barebpf(struct proc *p, const char *const *args);

/*
 * The same, for a verification that walks a million instructions: from
 * 6.4 the kernel formats every line of its log, past what the buffer
 * keeps (it reports the size a whole log needs), which an emulated CPU
 * takes most of a minute over. Allowed as long as the test itself.
 */
void run_barebpf_long(struct proc *p, const char *const *args);

/*
 * A tool from the host (bpftool, readelf, llvm-objdump), searched in
 * the usual directories; NULL when not installed.
 */
const char *host_tool(const char *name);

/*
 * Does the barebpf under test have COMMAND ("elf" is left out of the
 * musl build)? Asks "barebpf COMMAND -h", which exits 0 where it does.
 */
bool barebpf_has(const char *command);

/* Assert p wrote nothing on stdout and one line on stderr holding needle. */
void assert_one_error(const struct proc *p, int status, const char *needle);

#endif /* BAREBPF_TESTS_INTEGRATION_EMBEDDED_H */
