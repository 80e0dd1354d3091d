// SPDX-License-Identifier: GPL-2.0
/* asm: assemble the verifier log's text into raw BPF instructions. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/args.h"
#include "tools/lib/outfile.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"

static const char usage_text[] =
"usage: barebpf asm FILE.s [-o FILE.bin]\n"
"Assemble FILE.s, written in the verifier log's own syntax, into raw BPF\n"
"instructions (8 bytes each, host byte order). Without -o, print the\n"
"assembled program with every label and map resolved.\n"
"\n"
"  -o, --output FILE  write the instructions to FILE\n"
"\n"
"FILE.s holds one instruction per line, as \"barebpf disasm\" and the\n"
"verifier log print them (\"(bf) r6 = r1\", the opcode and the index\n"
"optional), plus:\n"
"  name:                        a label\n"
"  goto name, if ... goto name  a jump to a label (or pc+N)\n"
"  call bpf_map_lookup_elem     a helper by name\n"
"  r1 = map[counts] ll          a map, declared by\n"
"  .map counts array 4 8 1      .map NAME TYPE KEY_SIZE VALUE_SIZE MAX [FLAGS]\n"
"  .type socket_filter          the program type, for verify\n"
"  ; text                       a comment\n"
"\"r1 = 5\" is a mov; \"r1 = 0x5\" or \"r1 = 5 ll\" a two-slot 64-bit load.\n"
"In FILE.bin a map is the index of its .map line (BPF_PSEUDO_MAP_IDX).\n"
"\n"
"examples:\n"
"  barebpf asm prog.s              # check it, print it resolved\n"
"  barebpf asm prog.s -o prog.bin  # write the raw instructions\n";

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* map[idx:N] printed as the name its .map line gave it. */
static const char *map_name(void *ctx, const struct bpf_insn *insn, __u64 imm,
			    char *buf, size_t len)
{
	const struct asm_prog *p = ctx;

	(void)imm;
	if (insn->src_reg == BPF_PSEUDO_MAP_IDX && (__u32)insn->imm < p->nr_maps) {
		snprintf(buf, len, "map[%s]", p->maps[insn->imm].name);
		return buf;
	}
	return disasm_imm64_pseudo(insn, "fd", buf, len);
}

/* -o FILE: the instructions, put in place only once all are written. */
static int write_output(const char *path, const void *data, size_t len)
{
	struct outfile f;
	const char *p = data;
	ssize_t n;

	if (outfile__open(&f, path, 0644))
		return EXIT_FAIL;
	while (len) {
		n = write(f.fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tool_err("writing %s: %s", path, strerror(errno));
			outfile__abort(&f);
			return EXIT_FAIL;
		}
		p += n;
		len -= (size_t)n;
	}
	return outfile__commit(&f);
}

int asm_main(int argc, char **argv)
{
	struct disasm_cbs cbs = { .imm64 = map_name };
	const char *output = NULL, *path = NULL;
	struct asm_prog p;
	char *text = NULL;
	int opt, err;

	/* FILE.s may come before -o or after it */
	for (;;) {
		while ((opt = tool_getopt(argc, argv, "+o:h",
					  long_options)) != -1) {
			switch (opt) {
			case 'o':
				output = optarg;
				break;
			case 'h':
				fputs(usage_text, stdout);
				return EXIT_OK;
			default:
				fputs(usage_text, stderr);
				return EXIT_USAGE;
			}
		}
		if (optind >= argc)
			break;
		if (path) {
			tool_err("one FILE.s at a time");
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
		path = argv[optind++];
	}
	if (!path) {
		tool_err("no FILE.s given");
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	err = source_assemble(path, &p, &text);
	if (err)
		goto out;
	if (asm_prog__finish(&p, NULL)) {
		tool_err("%s", p.b.errmsg);
		err = EXIT_USAGE;
		goto out;
	}
	if (output) {
		err = write_output(output, p.b.insns,
				   p.b.len * sizeof(*p.b.insns));
		goto out;
	}
	cbs.ctx = &p;
	print_listing(p.b.insns, p.b.len, &cbs);
	if (out_flush()) {
		tool_err("writing output: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
out:
	asm_prog__free(&p);
	free(text);
	return err;
}
