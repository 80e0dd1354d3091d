/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The version this binary was built from: "git describe --always --dirty"
 * when built in a git checkout, else the Makefile's VERSION.
 */
#ifndef BAREBPF_TOOLS_VERSION_H
#define BAREBPF_TOOLS_VERSION_H

extern const char barebpf_version[];

/* "barebpf VERSION" on stdout (--version). Returns EXIT_OK. */
int print_version(void);

#endif /* BAREBPF_TOOLS_VERSION_H */
