// SPDX-License-Identifier: GPL-2.0
/* disasm: print raw BPF instructions or an object's programs as text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"
#include "tools/workbench/elfobject.h"

static const char usage_text[] =
"usage: barebpf disasm FILE.bin|FILE.o\n"
"Print BPF instructions in the verifier log's text, one per line, which\n"
"\"barebpf asm\" reads back to the same bytes. FILE.bin holds raw 8-byte\n"
"instructions (as \"barebpf asm -o\" writes them); FILE.o is an ELF object\n"
"from clang -target bpf, printed program by program with its maps by name.\n"
"\n"
"examples:\n"
"  barebpf disasm prog.bin\n"
"  barebpf disasm prog.bpf.o > prog.s   # then edit, and barebpf verify prog.s\n";

static const struct tool_spec spec = {
	.usage = usage_text,
	.operand = "FILE",
	.no_command = true,
};

static const char *pseudo_fd(void *ctx, const struct bpf_insn *insn, __u64 imm,
			     char *buf, size_t len)
{
	(void)ctx;
	(void)imm;
	return disasm_imm64_pseudo(insn, "fd", buf, len);
}

int disasm_main(int argc, char **argv)
{
	struct disasm_cbs cbs = { .imm64 = pseudo_fd };
	struct tool_opts o;
	const char *path;
	char *buf;
	size_t len;
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		return err;
	err = 0;
	path = o.operand;
	buf = file_read(path, &len);
	if (!buf) {
		tool_err("%s: %s", path, file_strerror(errno));
		return errno == ENOENT || errno == EISDIR ||
		       errno == EFTYPE_NOT_REGULAR ? EXIT_USAGE : EXIT_FAIL;
	}
	if (file_is_elf(buf, len)) {
#ifndef BAREBPF_NO_ELF
		err = elf_disasm(path);
#else
		tool_err("%s: ELF objects need a build with libelf", path);
		err = EXIT_USAGE;
#endif
	} else if (len == 0 || len % sizeof(struct bpf_insn)) {
		tool_err("%s: %zu bytes is not a whole number of 8-byte instructions",
			 path, len);
		err = EXIT_USAGE;
	} else {
		/* buf comes from malloc: aligned for struct bpf_insn */
		print_listing((const struct bpf_insn *)(void *)buf,
			      len / sizeof(struct bpf_insn), &cbs);
	}
	if (out_flush() && !err) {
		tool_err("writing output: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
	free(buf);
	return err;
}
