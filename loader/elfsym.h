/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The function symbols of an ELF file, to name addresses in a process
 * that maps it: read from the file itself (.symtab where it was not
 * stripped, else .dynsym), without libelf, so the musl build has it
 * too. The file is someone else's: every offset and size is checked
 * against the file before use, and it is read with pread(), never
 * mapped, so that one truncated meanwhile cannot fault the reader.
 */
#ifndef BAREBPF_LOADER_ELFSYM_H
#define BAREBPF_LOADER_ELFSYM_H

#include <stddef.h>
#include <linux/types.h>

/* More symbols than any library has; a table past it is cut there. */
#define ELFSYM_MAX		(1u << 20)
#define ELFSYM_STRS_MAX		(64u << 20)	/* bytes of names read at most */
#define ELFSYM_LOADS_MAX	16

struct elfsym {
	__u64 addr, size;
	const char *name;	/* in strs */
	__u32 order;		/* as taken: the first name of an address wins */
};

struct elfsyms {
	char *strs;		/* the symbol table's names, NUL-ended */
	struct elfsym *syms;	/* by address; of one address, the global first */
	size_t nr;
	/* PT_LOAD: where the file's bytes are in the address space */
	struct {
		__u64 offset, vaddr, filesz;
	} loads[ELFSYM_LOADS_MAX];
	int nr_loads;
};

/*
 * Read the function symbols of the ELF file open at fd (64- or 32-bit,
 * of this machine's byte order). Returns 0, or -errno: -ENOEXEC for what
 * is no such ELF file, -ENOENT when it has no symbols. fd stays open.
 */
int elfsyms__open(struct elfsyms *e, int fd);

/*
 * The function holding the byte at file offset off (as /proc/PID/maps
 * gives: address - start + offset), *sym_off set to its distance from
 * the function's start; NULL when none does.
 */
const char *elfsyms__name(const struct elfsyms *e, __u64 off, __u64 *sym_off);

void elfsyms__close(struct elfsyms *e);

#endif /* BAREBPF_LOADER_ELFSYM_H */
