// SPDX-License-Identifier: GPL-2.0
/* elf: inspect and run BPF objects that clang built, without libbpf. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/disasm.h"
#include "asm/names.h"
#include "loader/elf.h"
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"
#include "tools/workbench/source.h"
#include "tools/workbench/verdict.h"
#include "tools/workbench/elfobject.h"
#include "tools/workbench/object.h"
#include "tools/workbench/subcommand.h"
#include "tools/workbench/watch.h"

static const char usage_text[] =
"usage: barebpf elf inspect FILE.o\n"
"       barebpf elf run FILE.o [-c COUNT] [-d SECONDS] [-- COMMAND [ARGS...]]\n"
"Read a BPF object built by clang -target bpf (a libbpf-style .bpf.o).\n"
"\n"
"  inspect  list its sections, programs (by section name), maps (from \"maps\"\n"
"           and BTF-defined \".maps\"), relocations and license, and print\n"
"           each program disassembled\n"
"  run      create its maps, load its programs, attach those whose section\n"
"           names a tracepoint (tracepoint/CAT/EVENT, tp/CAT/EVENT,\n"
"           raw_tp/EVENT), and print what they send: perf event output\n"
"           records as hex, bpf_trace_printk lines from trace_pipe\n"
"\n"
"  -c, --count N           stop after N events\n"
"  -d, --duration SECONDS  stop after SECONDS\n"
"  -- COMMAND              run COMMAND while attached; stop and exit with its\n"
"                          status when it ends\n"
"\n"
"Not supported, and said so: CO-RE relocations, BPF-to-BPF calls, global\n"
"data (.data, .rodata, .bss), maps of maps.\n"
"\n"
"examples:\n"
"  barebpf elf inspect prog.bpf.o\n"
"  barebpf elf run prog.bpf.o -- ls /\n";

static const struct option long_options[] = {
	{ "count", required_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 },
};

/* run's -c COUNT (tool_spec's parse). */
static int parse_option(int opt, const char *arg, void *ctx)
{
	return opt == 'c' ? parse_long("--count", arg, 1, 1000000, ctx) : -1;
}

static const struct tool_spec inspect_spec = {
	.usage = usage_text,
	.operand = "FILE.o",
	.no_command = true,
};

static const struct tool_spec run_spec = {
	.usage = usage_text,
	.common = TOOL_OPT_DURATION,
	.options = "c:",
	.long_options = long_options,
	.parse = parse_option,
	.operand = "FILE.o",
};

/* "PROGBITS" as readelf -S prints it, or the number. */
static const char *section_type(__u32 type, char *buf, size_t len)
{
	static const char *const names[] = {
		"NULL", "PROGBITS", "SYMTAB", "STRTAB", "RELA", "HASH",
		"DYNAMIC", "NOTE", "NOBITS", "REL", "SHLIB", "DYNSYM",
	};

	if (type < sizeof(names) / sizeof(names[0]))
		return names[type];
	snprintf(buf, len, "0x%x", type);
	return buf;
}

/* readelf's flag letters, by bit; E is bit 31. */
static void section_flags(__u64 flags, char *buf)
{
	static const char letters[] = "WAX.MSILOGTC";
	size_t i, n = 0;

	for (i = 0; i < sizeof(letters) - 1; i++)
		if (flags & (1ull << i))
			buf[n++] = letters[i];
	if (flags & 0x80000000ull)
		buf[n++] = 'E';
	buf[n] = '\0';
}

static int inspect(const char *path)
{
	struct elf_object *obj;
	char type[16], flags[16];
	size_t i, j;
	int err;

	err = open_object(path, &obj);
	if (err)
		return err;
	out_printf("%s: BPF ELF object, license ", path);
	out_esc(obj->license[0] ? obj->license : "(none)", sizeof(obj->license));
	out_char('\n');
	out_printf("\nsections:\n  [Nr] %-32s %-10s %8s %s\n", "name", "type",
		   "size", "flags");
	for (i = 0; i < obj->nr_sections; i++) {
		const struct elf_section *s = &obj->sections[i];

		section_flags(s->flags, flags);
		out_printf("  [%2zu] %-32s %-10s %8llu %s\n", i, s->name,
			   section_type(s->type, type, sizeof(type)),
			   (unsigned long long)s->size, flags);
	}
	out_printf("\nprograms:\n");
	for (i = 0; i < obj->nr_progs; i++) {
		const struct elf_prog *p = &obj->progs[i];

		out_printf("  %-20s section %s, type %s, %zu instructions",
			   p->name, p->section, type_name(p->type), p->len);
		if (p->attach)
			out_printf(", attaches to %s", p->attach);
		if (p->unsupported[0])
			out_printf("\n  %-20s not loadable: %s", "", p->unsupported);
		out_char('\n');
	}
	out_printf("\nmaps:\n");
	for (i = 0; i < obj->nr_maps; i++) {
		const struct elf_map *m = &obj->maps[i];
		const char *t = bpf_map_type_name(m->type);

		out_printf("  %-20s section %s, type %s, key %u, value %u, max_entries %u, flags 0x%x\n",
			   m->name, m->section, t ? t : "unknown", m->key_size,
			   m->value_size, m->max_entries, m->flags);
	}
	out_printf("\nrelocations:\n");
	for (i = 0; i < obj->nr_progs; i++) {
		const struct elf_prog *p = &obj->progs[i];

		for (j = 0; j < p->nr_relocs; j++) {
			const struct elf_reloc *r = &p->relocs[j];

			out_printf("  %-20s insn %zu: %s %s\n", p->name, r->insn,
				   r->map >= 0 ? "map" : "symbol", r->symbol);
		}
	}
	for (i = 0; i < obj->nr_progs; i++) {
		const struct elf_prog *p = &obj->progs[i];

		out_printf("\n%s: ; section %s\n", p->name, p->section);
		print_prog(obj, p);
	}
	elf_object__close(obj);
	return 0;
}

static int run(const char *path, long count, int duration, char **command)
{
	struct elf_object *obj;
	struct watch w;
	int *fds = NULL, err, attached = 0;
	bool trace = false;
	struct verdict v;
	size_t i;

	watch__init(&w, count);
	err = open_object(path, &obj);
	if (err)
		return err;
	/* What is wrong with the file first; then who may load it. */
	if (session_check_privilege() || session_check_tracefs()) {
		elf_object__close(obj);
		return EXIT_FAIL;
	}
	for (i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].unsupported[0]) {
			tool_err("%s: program %s: %s", path,
				 obj->progs[i].name, obj->progs[i].unsupported);
			err = EXIT_FAIL;
			goto out;
		}
	}
	err = EXIT_FAIL;
	fds = malloc((obj->nr_progs + 1) * sizeof(*fds));
	if (!fds)
		goto out;
	for (i = 0; i < obj->nr_progs; i++)
		fds[i] = -1;
	err = create_maps(obj);
	for (i = 0; !err && i < obj->nr_progs; i++) {
		struct elf_prog *p = &obj->progs[i];
		char what[512];

		if (!p->type) {
			tool_err("%s: section %s names no program type barebpf knows",
				 path, p->section);
			err = EXIT_FAIL;
			break;
		}
		fds[i] = load_prog(obj, p, p->type, 0, &v);
		if (fds[i] < 0) {
			snprintf(what, sizeof(what), "%s (%s) as %s", p->section,
				 p->name, type_name(p->type));
			print_verdict(what, &v, NULL, VERDICT_LOG_LINES);
			err = EXIT_FAIL;
		}
		verdict__free(&v);
		trace |= insns_print_trace(p->insns, p->len);
	}
	/* The rings and trace_pipe first: nothing sent is missed */
	for (i = 0; !err && i < obj->nr_maps; i++) {
		if (obj->maps[i].type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			err = watch__perf_map(&w, obj->maps[i].fd, obj->maps[i].name);
		else if (obj->maps[i].type == BPF_MAP_TYPE_RINGBUF)
			tool_err("note: map %s is a ring buffer: its records are not read (perf event arrays are)",
				 obj->maps[i].name);
	}
	if (!err && trace)
		err = watch__trace_pipe(&w);
	if (!err && command)
		err = watch__spawn(&w, command);
	for (i = 0; !err && i < obj->nr_progs; i++) {
		const struct elf_prog *p = &obj->progs[i];

		if (!p->attach || (p->type != BPF_PROG_TYPE_TRACEPOINT &&
				   p->type != BPF_PROG_TYPE_RAW_TRACEPOINT)) {
			tool_err("note: %s (%s) loaded, not attached: only tracepoints are",
				 p->name, p->section);
			continue;
		}
		err = watch__attach(&w, fds[i], p->type, p->attach);
		if (!err) {
			out_printf("attached %s to %s\n", p->name, p->section);
			attached++;
		}
	}
	if (!err && !attached) {
		tool_err("%s: no program to attach", path);
		err = EXIT_FAIL;
	}
	if (!err)
		err = watch__run(&w, duration);
out:
	out_flush();
	watch__close(&w);
	for (i = 0; fds && i < obj->nr_progs; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	elf_object__close(obj);
	return watch__exit_code(&w, err);
}

int elf_main(int argc, char **argv)
{
	static const char *const names[] = { "inspect", "run", NULL };
	struct tool_opts o;
	long count = 0;
	int sub, ret;

	sub = subcommand_find(usage_text, names, "inspect or run", &argc, &argv,
			      &ret);
	if (sub < 0)
		return ret;
	ret = tool_opts__parse(&o, sub ? &run_spec : &inspect_spec, argc, argv,
			       &count);
	if (ret != TOOL_RUN)
		return ret;
	if (!sub) {
		ret = inspect(o.operand);
		out_flush();
		return ret;
	}
	return run(o.operand, count, (int)o.duration, o.command);
}
