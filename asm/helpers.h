/* SPDX-License-Identifier: GPL-2.0 */
/* Names of the BPF helper functions, from the UAPI header's own list. */
#ifndef BAREBPF_ASM_HELPERS_H
#define BAREBPF_ASM_HELPERS_H

/* "bpf_map_lookup_elem" for 1; NULL for an id the headers do not name. */
const char *bpf_helper_name(int id);

/* The id of "bpf_NAME" (or "NAME"), or -1 when there is none. */
int bpf_helper_id(const char *name);

/* One past the largest id the headers name. */
int bpf_helper_count(void);

#endif /* BAREBPF_ASM_HELPERS_H */
