/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What disasm and verify do with an ELF object, kept with the elf tool
 * in tools/elf.c: a build without libelf (BAREBPF_NO_ELF) leaves them out.
 */
#ifndef BAREBPF_TOOLS_ELF_H
#define BAREBPF_TOOLS_ELF_H

/* Print every program of the object as assembly. Returns an exit code. */
int elf_disasm(const char *tool, const char *path);

/*
 * Load every program of the object, as type (or, when type < 0, the
 * type its section names), and print each verdict. Returns 0 when all
 * were accepted, else an exit code.
 */
int elf_verify(const char *tool, const char *path, int type, int log_level);

#endif /* BAREBPF_TOOLS_ELF_H */
