// SPDX-License-Identifier: GPL-2.0
/*
 * Helper id <-> name table, generated from the UAPI header's own list so
 * that a newer linux-libc-dev brings its new helpers in without an edit
 * here. The names carry the "bpf_" prefix, as the verifier log prints them
 * ("call bpf_map_lookup_elem#1"); id 0 is "bpf_unspec", as in the kernel.
 */
#include <stddef.h>
#include <string.h>
#include <linux/bpf.h>

#include "asm/helpers.h"

/*
 * "bpf_unspec\0bpf_map_lookup_elem\0...": the names in id order, from
 * the header's own __BPF_FUNC_MAPPER, as the Makefile writes them into
 * helper_names.h (one string costs less than a table of pointers).
 */
#include "helper_names.h"

static const char helper_names[] = HELPER_NAMES;

/* A missing entry would shift every name after it. */
_Static_assert(HELPER_NAMES_COUNT == __BPF_FUNC_MAX_ID,
	       "helper names do not match enum bpf_func_id");

const char *bpf_helper_name(int id)
{
	const char *p = helper_names;

	if (id < 0 || id >= HELPER_NAMES_COUNT)
		return NULL;
	while (id--)
		p += strlen(p) + 1;
	return p;
}

int bpf_helper_id(const char *name)
{
	const char *p = helper_names;
	int i;

	if (!name)
		return -1;
	/* Accept the bare enum spelling as well as the printed one. */
	if (strncmp(name, "bpf_", 4) == 0)
		name += 4;
	for (i = 0; i < HELPER_NAMES_COUNT; i++, p += strlen(p) + 1)
		if (strcmp(p + 4, name) == 0)
			return i;
	return -1;
}

int bpf_helper_count(void)
{
	return HELPER_NAMES_COUNT;
}
