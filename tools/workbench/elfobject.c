// SPDX-License-Identifier: GPL-2.0
/* BPF ELF objects for the workbench: open, list, load each program. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/disasm.h"
#include "asm/names.h"
#include "loader/elf.h"
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/lib/output.h"
#include "tools/workbench/elfobject.h"
#include "tools/lib/escape.h"
#include "tools/workbench/object.h"
#include "tools/workbench/source.h"
#include "tools/workbench/verdict.h"

int open_object(const char *path,
		       struct elf_object **obj)
{
	char msg[256], shown[ESCAPED_MAX(sizeof(msg))];

	*obj = elf_object__open(path, msg, sizeof(msg));
	if (*obj)
		return 0;
	/* It may quote the file (a BTF name): escaped, as traced bytes are. */
	escape_bytes(shown, msg, sizeof(msg), 0);
	tool_err("%s: %s", path, shown);
	return errno == ENOMEM ? EXIT_FAIL : EXIT_USAGE;
}

int create_maps(struct elf_object *obj)
{
	size_t failed = 0;
	int err;

	err = raise_memlock_rlimit();
	if (err)
		tool_err("raising RLIMIT_MEMLOCK: %s (maps may fail to load)",
			 strerror(-err));
	err = elf_object__create_maps(obj, &failed);
	if (!err)
		return 0;
	tool_err("creating map %s: %s", obj->maps[failed].name,
		 strerror(-err));
	return EXIT_FAIL;
}

const char *type_name(__u32 type)
{
	const char *name = bpf_prog_type_name(type);

	return type && name ? name : "unknown";
}

/* The verifier log's listing, with relocated loads named. */
struct listing_ctx {
	const struct elf_prog *prog;
	const struct elf_object *obj;
};

static const char *reloc_name(void *ctx, const struct bpf_insn *insn,
			      __u64 imm, char *buf, size_t len)
{
	const struct listing_ctx *l = ctx;
	const struct elf_reloc *r;

	r = elf_prog__reloc(l->prog, (size_t)(insn - l->prog->insns));
	if (r && r->map >= 0)
		snprintf(buf, len, "map[%s]", r->symbol);
	else if (r)	/* the assembler takes what follows ';' as a comment */
		snprintf(buf, len, "0x%llx ; %s", (unsigned long long)imm,
			 r->symbol);
	else
		return disasm_imm64_pseudo(insn, "fd", buf, len);
	return buf;
}

void print_prog(const struct elf_object *obj, const struct elf_prog *p)
{
	struct listing_ctx l = { p, obj };
	struct disasm_cbs cbs = { .imm64 = reloc_name, .ctx = &l };

	print_listing(p->insns, p->len, &cbs);
}

static void print_map_decls(const struct elf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		const struct elf_map *m = &obj->maps[i];
		const char *type = bpf_map_type_name(m->type);

		if (type)
			out_printf(".map %s %s", m->name, type);
		else
			out_printf(".map %s %u", m->name, m->type);
		out_printf(" %u %u %u", m->key_size, m->value_size,
			   m->max_entries);
		if (m->flags)
			out_printf(" 0x%x", m->flags);
		out_char('\n');
	}
}

int elf_disasm(const char *path)
{
	struct elf_object *obj;
	size_t i;
	int err;

	err = open_object(path, &obj);
	if (err)
		return err;
	print_map_decls(obj);
	for (i = 0; i < obj->nr_progs; i++) {
		const struct elf_prog *p = &obj->progs[i];

		out_printf("; section %s, %zu instructions\n%s:\n", p->section,
			   p->len, p->name);
		print_prog(obj, p);
	}
	elf_object__close(obj);
	return 0;
}

/*
 * Load one program: with log_level, as verify does; without, with a log
 * only when the kernel refuses it. Returns v->fd.
 */
int load_prog(const struct elf_object *obj, struct elf_prog *p,
		     __u32 type, int log_level, struct verdict *v)
{
	struct bpf_prog_load_opts opts = { 0 };
	char name[16];

	prog_name_from(name, sizeof(name), p->name);
	opts.name = name;
	opts.license = obj->license[0] ? obj->license : "GPL";
	opts.kern_version = obj->kern_version ? obj->kern_version :
			    kernel_version_code();
	elf_prog__relocate(p, obj);
	return verdict_load(v, type, p->insns, p->len, &opts, log_level);
}

int elf_verify(const char *path, int type, int log_level,
	       bool full_log)
{
	struct elf_object *obj;
	struct verdict v;
	char what[512];
	size_t i;
	int err, fd, ret = 0;

	err = open_object(path, &obj);
	if (err)
		return err;
	err = create_maps(obj);
	for (i = 0; !err && i < obj->nr_progs; i++) {
		struct elf_prog *p = &obj->progs[i];
		__u32 t = type >= 0 ? (__u32)type : p->type;

		snprintf(what, sizeof(what), "%s (%s, %zu instructions) as %s",
			 p->section, p->name, p->len, type_name(t));
		if (p->unsupported[0]) {
			out_printf("NOT LOADED: %s: %s\n", what, p->unsupported);
			ret = EXIT_FAIL;
			continue;
		}
		if (!t) {
			tool_err("%s: section %s names no program type barebpf knows: give --type",
				 path, p->section);
			err = EXIT_USAGE;
			break;
		}
		fd = load_prog(obj, p, t, log_level, &v);
		if (fd == -EPERM && (!v.log.text || !v.log.text[0])) {
			tool_err("loading %s: %s (run as root, or with CAP_BPF)",
				 p->name, strerror(EPERM));
			err = EXIT_FAIL;
		} else if (print_verdict(what, &v, NULL,
					 full_log ? 0 : VERDICT_LOG_LINES)) {
			ret = EXIT_FAIL;
		}
		if (fd >= 0)
			close(fd);
		verdict__free(&v);
	}
	out_flush();
	elf_object__close(obj);
	return err ? err : ret;
}
