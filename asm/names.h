/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of program and map types, as bpftool and libbpf spell them
 * ("tracepoint", "perf_event_array"), both ways.
 */
#ifndef BAREBPF_ASM_NAMES_H
#define BAREBPF_ASM_NAMES_H

/* "tracepoint" for BPF_PROG_TYPE_TRACEPOINT; NULL past the names we know. */
const char *bpf_prog_type_name(unsigned int type);
const char *bpf_map_type_name(unsigned int type);

/* The type named name (or given as a number), or -1. */
int bpf_prog_type_id(const char *name);
int bpf_map_type_id(const char *name);

/* One past the last type with a name. */
unsigned int bpf_prog_type_count(void);
unsigned int bpf_map_type_count(void);

#endif /* BAREBPF_ASM_NAMES_H */
