/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small reader of raw BTF: the kernel's /sys/kernel/btf/vmlinux (4.18
 * with CONFIG_DEBUG_INFO_BTF, in sysfs from 5.4), or the .BTF section of
 * an object file. Nothing in barebpf needs BTF; where the kernel has it,
 * it gives struct member offsets that tracefs formats do not.
 *
 * The blob is checked whole when parsed: header, section bounds, every
 * type record's length. The kernel's own BTF is checked as far as its
 * lookups read (its header at once, each record before it is indexed).
 * Type ids and name offsets inside records are checked when followed, so
 * a corrupt or truncated blob gives -EINVAL or NULL, never a read out of
 * bounds.
 */
#ifndef BAREBPF_LOADER_BTF_H
#define BAREBPF_LOADER_BTF_H

#include <stddef.h>
#include <linux/btf.h>
#include <linux/types.h>

#define BTF_VMLINUX_PATH	"/sys/kernel/btf/vmlinux"

struct btf;

/* Parse a copy of buf. NULL with errno EINVAL when malformed, ENOMEM. */
struct btf *btf__parse(const void *buf, size_t len);

/* Read and parse a raw BTF file. NULL with errno (ENOENT: no such file). */
struct btf *btf__load_file(const char *path);

/*
 * The running kernel's BTF, indexed as lookups reach (its structs come
 * early; the whole is 5 MiB). NULL with errno ENOENT when it has none.
 */
struct btf *btf__load_vmlinux(void);

void btf__free(struct btf *btf);

/* Number of type ids, counting id 0 (void); indexes the whole blob. */
__u32 btf__nr_types(const struct btf *btf);

/*
 * The record of type id: id 0 is void (kind BTF_KIND_UNKN). NULL with
 * errno ENOENT past the last id.
 */
const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id);

/* The string at name_off, "" for 0. NULL with errno EINVAL when outside. */
const char *btf__name(const struct btf *btf, __u32 name_off);

/* First type of that kind (BTF_KIND_STRUCT...) and name: its id, or -ENOENT. */
int btf__find_by_name_kind(const struct btf *btf, const char *name,
			   unsigned int kind);

/*
 * Bytes an object of type id takes, through typedef, const, volatile,
 * restrict, type tags and arrays. -EINVAL for void, functions and
 * forward declarations; -E2BIG past 4 GiB; -ELOOP for a chain too long.
 */
__s64 btf__resolve_size(const struct btf *btf, __u32 id);

/*
 * Byte offset of member name in the struct or union id (typedefs and
 * qualifiers followed), searching anonymous structs and unions nested
 * in it as C does; *type_id (if non-NULL) gets the member's type.
 * -ENOENT: no such member; -EINVAL: id is no struct or union, or the
 * member is a bitfield not starting on a byte.
 */
int btf__member(const struct btf *btf, __u32 id, const char *name,
		__u32 *type_id);

static inline int btf__member_offset(const struct btf *btf, __u32 id,
				     const char *name)
{
	return btf__member(btf, id, name, NULL);
}

/* id with typedefs and qualifiers stripped (0 when the chain breaks). */
__u32 btf__skip_modifiers(const struct btf *btf, __u32 id);

static inline unsigned int btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline unsigned int btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

#endif /* BAREBPF_LOADER_BTF_H */
