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

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Headers from 6.1 on define ___BPF_FUNC_MAPPER(FN, ctx...), calling
 * FN(name, id, ctx) with each id spelt out; older ones have only
 * __BPF_FUNC_MAPPER(FN), calling FN(name) in id order. Prefer the
 * explicit ids where we have them.
 */
#ifdef ___BPF_FUNC_MAPPER
#define HELPER_NAME(name, id, ...)	[id] = "bpf_" #name,
static const char *const helper_names[] = {
	___BPF_FUNC_MAPPER(HELPER_NAME)
};
#else
#define HELPER_NAME(name)		[BPF_FUNC_ ## name] = "bpf_" #name
static const char *const helper_names[] = {
	__BPF_FUNC_MAPPER(HELPER_NAME)
};
#endif
#undef HELPER_NAME

/* A hole or a missing entry would shift every name after it. */
_Static_assert(ARRAY_SIZE(helper_names) == __BPF_FUNC_MAX_ID,
	       "helper table does not match enum bpf_func_id");

const char *bpf_helper_name(int id)
{
	if (id < 0 || (size_t)id >= ARRAY_SIZE(helper_names))
		return NULL;
	return helper_names[id];
}

int bpf_helper_id(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	/* Accept the bare enum spelling as well as the printed one. */
	if (strncmp(name, "bpf_", 4) == 0)
		name += 4;

	for (i = 0; i < ARRAY_SIZE(helper_names); i++) {
		if (helper_names[i] && strcmp(helper_names[i] + 4, name) == 0)
			return (int)i;
	}
	return -1;
}

int bpf_helper_count(void)
{
	return (int)ARRAY_SIZE(helper_names);
}
