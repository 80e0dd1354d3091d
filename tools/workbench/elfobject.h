/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF ELF objects as the workbench uses them: elf inspect and run, disasm
 * and verify of FILE.o. Needs libelf: a build without it (BAREBPF_NO_ELF)
 * leaves this and its users out.
 */
#ifndef BAREBPF_TOOLS_WORKBENCH_ELFOBJECT_H
#define BAREBPF_TOOLS_WORKBENCH_ELFOBJECT_H

#include <stdbool.h>
#include <linux/types.h>

struct elf_object;
struct elf_prog;
struct verdict;

/* Open path. Returns 0, or an exit code with "TOOL: PATH: why" printed. */
int open_object(const char *path, struct elf_object **obj);

/* Create the object's maps. Returns 0, or EXIT_FAIL with the map named. */
int create_maps(struct elf_object *obj);

/* The program type's name, "unknown" for 0 or one we do not name. */
const char *type_name(__u32 type);

/* p's instructions as the verifier log lists them, relocations named. */
void print_prog(const struct elf_object *obj, const struct elf_prog *p);

/*
 * Relocate and load p as type: with log_level, as verify does; without,
 * with a log only when the kernel refuses it. Returns v->fd.
 */
int load_prog(const struct elf_object *obj, struct elf_prog *p, __u32 type,
	      int log_level, struct verdict *v);

/* Print every program of the object as assembly. Returns an exit code. */
int elf_disasm(const char *path);

/*
 * Load every program of the object, as type (or, when type < 0, the type
 * its section names), and print each verdict. Returns 0 when all were
 * accepted, else an exit code.
 */
int elf_verify(const char *path, int type, int log_level,
	       bool full_log);

#endif /* BAREBPF_TOOLS_WORKBENCH_ELFOBJECT_H */
