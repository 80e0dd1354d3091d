/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of program and map types, as bpftool and libbpf spell them
 * ("tracepoint", "perf_event_array"), both ways.
 */
#ifndef BAREBPF_ASM_NAMES_H
#define BAREBPF_ASM_NAMES_H

#include <stddef.h>
#include <linux/types.h>

/* "tracepoint" for BPF_PROG_TYPE_TRACEPOINT; NULL past the names we know. */
const char *bpf_prog_type_name(unsigned int type);
const char *bpf_map_type_name(unsigned int type);

/* The type named name (or given as a number), or -1. */
int bpf_prog_type_id(const char *name);
int bpf_map_type_id(const char *name);

/* One past the last type with a name. */
unsigned int bpf_prog_type_count(void);
unsigned int bpf_map_type_count(void);

/* "any_alignment" for bit 1 of prog_flags (BPF_F_ANY_ALIGNMENT); NULL if unnamed. */
const char *bpf_prog_flag_name(unsigned int bit);

/*
 * Program flags from "any_alignment,test_rnd_hi32" (names or numbers,
 * commas between, blanks allowed; the list ends at a NUL or newline).
 * -EINVAL with the word not understood copied into bad.
 */
int bpf_prog_flags_parse(const char *list, __u32 *flags, char *bad,
			 size_t bad_len);

/* flags as the names bpf_prog_flags_parse() reads; its length. */
size_t bpf_prog_flags_format(__u32 flags, char *buf, size_t len);

/*
 * The program type a section name gives ("socket", "xdp",
 * "tracepoint/CAT/EVENT"), as libbpf reads it; 0 for none. *attach, when
 * given, points at what to attach to in the name, or is NULL.
 */
__u32 bpf_section_prog_type(const char *section, const char **attach);

#endif /* BAREBPF_ASM_NAMES_H */
