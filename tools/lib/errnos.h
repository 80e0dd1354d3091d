/* SPDX-License-Identifier: GPL-2.0 */
/*
 * errno names both ways: "ENOENT" <-> 2, with the values of the C
 * library barebpf is built with, so they are the target's own (MIPS,
 * SPARC, Alpha and PA-RISC number many differently).
 */
#ifndef BAREBPF_TOOLS_ERRNOS_H
#define BAREBPF_TOOLS_ERRNOS_H

/* Largest errno the kernel returns (MAX_ERRNO in <linux/err.h>). */
#define ERRNO_MAX	4095

/* "ENOENT" for ENOENT; NULL for a number with no name. */
const char *errno_name(int err);

/*
 * The value of an errno name, aliases included ("EWOULDBLOCK" gives
 * EAGAIN), or -1 for an unknown name. Names are upper case, as in C.
 */
int errno_value(const char *name);

/* An errno given by name or as a number 1..ERRNO_MAX, or -1. */
int errno_parse(const char *s);

#endif /* BAREBPF_TOOLS_ERRNOS_H */
