// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF reader on any bytes, and the listing of each program it
 * accepts, as elf inspect and disasm print it: section, symbol, map and
 * relocation bounds, BTF and .BTF.ext, names.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include "loader/elf.h"
#include "tests/fuzz/fuzz.h"
#include "tools/workbench/elfobject.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_output();
	/* The reader opens a path: a memory file, rewritten for each input. */
	fd = memfd_create("fuzz.bpf.o", MFD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return fd < 0 ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_object *obj;
	char msg[256];
	size_t i;

	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	obj = elf_object__open(path, msg, sizeof(msg));
	if (!obj)
		return 0;
	for (i = 0; i < obj->nr_progs; i++)
		print_prog(obj, &obj->progs[i]);
	elf_object__close(obj);
	out_flush();
	return 0;
}
