/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF ELF objects, as clang -target bpf writes them, read through libelf
 * without libbpf: programs by section name, maps from "maps" (struct
 * bpf_map_def) and ".maps" (BTF-defined, read with loader/btf.h), map
 * relocations, license. What needs more than that is named, not
 * guessed at: CO-RE relocations, BPF-to-BPF calls and global data make
 * a program unsupported, with the reason in elf_prog.unsupported.
 *
 * Everything that needs libelf lives in this file and loader/elf.c, so a
 * build without libelf (BAREBPF_NO_ELF) leaves them out.
 */
#ifndef BAREBPF_LOADER_ELF_H
#define BAREBPF_LOADER_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

struct elf_section {
	const char *name;
	__u32 index, type;
	__u64 flags, size;
};

struct elf_map {
	const char *name;
	const char *section;		/* "maps" or ".maps" */
	__u32 type, key_size, value_size, max_entries, flags;
	int fd;				/* -1 until created */
};

struct elf_reloc {
	size_t insn;			/* slot in its program */
	const char *symbol;
	int map;			/* index in maps, or -1 */
};

struct elf_prog {
	const char *section;		/* "tracepoint/syscalls/sys_enter_getpid" */
	const char *name;		/* its function */
	struct bpf_insn *insns;		/* ours, relocated in place */
	size_t len;
	__u32 type;			/* from the section name; 0: unknown */
	const char *attach;		/* "syscalls/sys_enter_getpid", or NULL */
	struct elf_reloc *relocs;
	size_t nr_relocs;
	char unsupported[160];		/* why it cannot be loaded; "" if it can */
};

struct elf_object {
	struct elf_section *sections;
	size_t nr_sections;
	struct elf_map *maps;
	size_t nr_maps;
	struct elf_prog *progs;
	size_t nr_progs;
	char license[128];
	__u32 kern_version;		/* "version" section, 0 if none */
	void *priv;			/* libelf's handle, strings */
};

/*
 * Read the object at path. NULL with errno and msg (len bytes) saying
 * why: not ELF, not BPF, truncated, a map we cannot read.
 */
struct elf_object *elf_object__open(const char *path, char *msg, size_t len);

/*
 * Create every map (a perf event array of size 0 gets a slot per CPU).
 * Returns 0, or -errno with the map's index in *failed.
 */
int elf_object__create_maps(struct elf_object *obj, size_t *failed);

/* Write the maps' fds into the program's map loads. */
void elf_prog__relocate(struct elf_prog *prog, const struct elf_object *obj);

/* The relocation at slot insn of prog, or NULL. */
const struct elf_reloc *elf_prog__reloc(const struct elf_prog *prog,
					size_t insn);

/* Close the maps and free everything. */
void elf_object__close(struct elf_object *obj);

#endif /* BAREBPF_LOADER_ELF_H */
