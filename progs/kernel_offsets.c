// SPDX-License-Identifier: GPL-2.0
/* Struct member offsets from BTF, through nested members. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "progs/kernel_offsets.h"

/* Resolve one "a.b.c" path in struct id: its byte offset, or -errno. */
static int resolve_path(const struct btf *btf, __u32 id, const char *path,
			__u32 *type_id)
{
	char part[64];
	const char *dot;
	int off, total = 0;
	size_t n;

	for (;;) {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof(part))
			return -EINVAL;
		memcpy(part, path, n);
		part[n] = '\0';
		off = btf__member(btf, id, part, type_id);
		if (off < 0)
			return off;
		total += off;
		if (!dot)
			return total;
		id = *type_id;
		path = dot + 1;
	}
}

/* True when the member's type is what the program reads. */
static bool fits(const struct btf *btf, __u32 type_id,
		 const struct kernel_member *m)
{
	const struct btf_type *t = btf__type_by_id(btf, btf__skip_modifiers(btf, type_id));

	if (!t || (m->kind && btf_kind(t) != m->kind))
		return false;
	return !m->size || btf__resolve_size(btf, type_id) == m->size;
}

static void not_what(const struct kernel_member *m, char *what, size_t len)
{
	const char *kind = m->kind == BTF_KIND_PTR ? "pointer" :
			   m->kind == BTF_KIND_INT ? "integer" : "struct";
	int n = snprintf(what, len, "BTF struct %s member %s is not ", m->type,
			 m->path);

	if (n < 0 || (size_t)n >= len)
		return;
	if (m->kind && m->size)
		snprintf(what + n, len - (size_t)n, "a%s %u-byte %s", m->size == 8 ? "n" : "", m->size, kind);
	else if (m->kind)
		snprintf(what + n, len - (size_t)n, "a %s", kind);
	else
		snprintf(what + n, len - (size_t)n, "of %u bytes", m->size);
}

int kernel_members_resolve(const struct btf *btf, const struct kernel_member *m,
			   size_t n, char *what, size_t len)
{
	__u32 type_id;
	size_t i;
	int id, off;

	for (i = 0; i < n; i++) {
		id = btf__find_by_name_kind(btf, m[i].type, BTF_KIND_STRUCT);
		if (id < 0) {
			snprintf(what, len, "BTF has no struct %s", m[i].type);
			return -ENOENT;
		}
		off = resolve_path(btf, (__u32)id, m[i].path, &type_id);
		if (off < 0) {
			snprintf(what, len, "BTF struct %s has no member %s",
				 m[i].type, m[i].path);
			return off == -ENOENT ? -ENOENT : -EINVAL;
		}
		if (!fits(btf, type_id, &m[i])) {
			not_what(&m[i], what, len);
			return -EINVAL;
		}
		*m[i].offset = (__u32)off;
	}
	return 0;
}
