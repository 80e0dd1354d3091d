/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arguments of a mountsnoop record as text, as strace would show
 * them: strings as passed, flags by name (MS_NOSUID|MS_NODEV), file
 * descriptors in decimal, AT_FDCWD by name.
 */
#ifndef BAREBPF_TOOLS_MOUNTCALL_H
#define BAREBPF_TOOLS_MOUNTCALL_H

#include <stdbool.h>
#include "progs/mountsnoop.h"

#define MOUNT_ARG_TEXT_MAX	192	/* every flag of a word, by name */

struct mount_args {
	int n;					/* arguments the call takes */
	const char *text[MOUNTSNOOP_ARGS];	/* NUL-terminated */
	bool string[MOUNTSNOOP_ARGS];		/* as passed: quote it */
	char buf[MOUNTSNOOP_ARGS][MOUNT_ARG_TEXT_MAX];
};

/*
 * Decode e, whose str holds str_len bytes (NUL-terminated strings; the
 * last is cut short when str_len says so). A string that is a null
 * pointer reads NULL, one that could not be read ?, and neither is
 * marked string. The texts point into e and a.
 */
void mount_args_decode(const struct mountsnoop_event *e, size_t str_len,
		       struct mount_args *a);

/* v as "NAME|NAME|0xREST", or "0", for an enum mountsnoop_arg of flags. */
void mount_flags_text(char *buf, size_t len, int kind, unsigned long long v);

#endif /* BAREBPF_TOOLS_MOUNTCALL_H */
