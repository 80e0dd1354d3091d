// SPDX-License-Identifier: GPL-2.0
/* asm: assemble the verifier log's text, or clang's, into BPF instructions. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/textbtf.h"
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/outfile.h"
#include "tools/lib/output.h"
#include "tools/workbench/object.h"
#include "tools/workbench/source.h"

static const char usage_text[] =
"usage: barebpf asm FILE.s [-o FILE.bin] [--btf FILE.btf] [-v]\n"
"Assemble FILE.s, in the verifier log's syntax or clang's, into raw BPF\n"
"instructions (8 bytes each, host order); without -o, print them resolved.\n"
"\n"
"  -o, --output FILE  write the instructions to FILE\n"
"      --btf FILE     write the BTF of the .func lines to FILE\n"
"  -v, --verbose      warn of lines clang reads otherwise\n"
"\n"
"Lines: instructions as disasm, the verifier log or clang -S print them;\n"
"labels (name:, 1: for goto 1b or 1f); comments (; # //); .map NAME TYPE\n"
"KEY VALUE MAX, .type TYPE, .flags LIST, .retval N, .func NAME int(void *).\n"
"\"r1 = 0xfaceb00c\" is a mov (sign-extended), \"r1 = 5 ll\" a 64-bit load.\n"
"\n"
"examples:\n"
"  barebpf asm prog.s -o prog.bin\n"
"  clang -target bpf -O2 -S -o prog.s prog.c && barebpf asm -v prog.s\n";

enum { OPT_BTF = TOOL_OPT_OWN };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "btf", required_argument, NULL, OPT_BTF },
	{ NULL, 0, NULL, 0 },
};

struct asm_opts {
	const char *output;
	const char *btf_path;
};

static int parse_option(int opt, const char *arg, void *ctx)
{
	struct asm_opts *a = ctx;

	if (opt == 'o')
		a->output = arg;
	else if (opt == OPT_BTF)
		a->btf_path = arg;
	else
		return -1;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_VERBOSE,
	.options = "o:",
	.long_options = long_options,
	.parse = parse_option,
	.operand = "FILE.s",
	.no_command = true,
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

/* The listing, each function after its .func line: asm reads it back. */
static void print_program(const struct asm_prog *p, const struct disasm_cbs *cbs)
{
	size_t i, from = 0;
	char line[512];

	for (i = 0; i < p->nr_funcs; i++) {
		print_listing_range(p->b.insns, from, p->funcs[i].index, cbs);
		asm_func__format(&p->funcs[i], line, sizeof(line));
		out_printf("%s\n", line);
		from = p->funcs[i].index;
	}
	print_listing_range(p->b.insns, from, p->b.len, cbs);
}

int asm_main(int argc, char **argv)
{
	struct disasm_cbs cbs = { .imm64 = map_name };
	const char *output, *path, *btf_path;
	struct asm_btf btf = { 0 };
	struct asm_opts a = { 0 };
	struct tool_opts o;
	struct asm_prog p;
	char *text = NULL, name[16];
	int err;

	err = tool_opts__parse(&o, &spec, argc, argv, &a);
	if (err != TOOL_RUN)
		return err;
	path = o.operand;
	output = a.output;
	btf_path = a.btf_path;
	err = source_assemble(path, &p, &text);
	if (err)
		goto out;
	if (o.verbose)
		source_warnings(&p);
	if (asm_prog__finish(&p, NULL)) {
		tool_err("%s", p.b.errmsg);
		err = EXIT_USAGE;
		goto out;
	}
	if (btf_path) {
		prog_name_from(name, sizeof(name), path);
		err = asm_prog__btf(&p, name, path, &btf);
		if (err) {
			tool_err("building BTF: %s", strerror(-err));
			err = EXIT_FAIL;
			goto out;
		}
		if (!btf.data) {
			tool_err("--btf: %s has no .func line, so no BTF", path);
			err = EXIT_USAGE;
			goto out;
		}
		err = write_output(btf_path, btf.data, btf.size);
		if (err)
			goto out;
	}
	if (output) {
		err = write_output(output, p.b.insns,
				   p.b.len * sizeof(*p.b.insns));
		goto out;
	}
	if (btf_path)
		goto out;
	cbs.ctx = &p;
	print_program(&p, &cbs);
	if (out_flush()) {
		tool_err("writing output: %s", strerror(-out_flush()));
		err = EXIT_FAIL;
	}
out:
	asm_btf__free(&btf);
	asm_prog__free(&p);
	free(text);
	return err;
}
