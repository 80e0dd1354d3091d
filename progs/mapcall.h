/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emit: the map helpers called on a key (and value) kept in the stack,
 * at r10 + slot. Each leaves the helper's result in r0 and, as any call,
 * r1 to r5 clobbered.
 */
#ifndef BAREBPF_PROGS_MAPCALL_H
#define BAREBPF_PROGS_MAPCALL_H

#include "asm/builder.h"

/* r0 = bpf_map_lookup_elem(map, r10 + key): the value, or NULL. */
void emit_map_lookup(struct builder *b, const char *map, int key);

/* r0 = bpf_map_update_elem(map, r10 + key, r10 + value, flags): 0 or -errno. */
void emit_map_update(struct builder *b, const char *map, int key, int value,
		     int flags);

/* r0 = bpf_map_delete_elem(map, r10 + key): 0, or -ENOENT if it was not there. */
void emit_map_delete(struct builder *b, const char *map, int key);

/*
 * dst = the one value of a one-entry array (per-CPU: this CPU's), its
 * key 0 written at r10 + zero; or goto miss (never, but the verifier
 * must see it).
 */
void emit_map_only(struct builder *b, const char *map, int dst, int zero,
		   const char *miss);

#endif /* BAREBPF_PROGS_MAPCALL_H */
