// SPDX-License-Identifier: GPL-2.0
/* prog: the programs loaded in the kernel, as bpftool prog shows them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/disasm.h"
#include "asm/names.h"
#include "loader/bpf.h"
#include "tools/lib/args.h"
#include "tools/workbench/holders.h"
#include "tools/lib/output.h"
#include "tools/workbench/subcommand.h"
#include "tools/workbench/source.h"

static const char usage_text[] =
"usage: barebpf prog list\n"
"       barebpf prog dump ID\n"
"The BPF programs loaded in the kernel, as bpftool shows them.\n"
"\n"
"  list     id, type, name, tag, load time, uid, translated and JITed sizes,\n"
"           map ids, and the processes holding each (from /proc/*/fdinfo)\n"
"  dump ID  the translated instructions of program ID, in the text of\n"
"           \"bpftool prog dump xlated id ID\"\n"
"\n"
"examples:\n"
"  barebpf prog list\n"
"  barebpf prog dump 42\n";

static int open_prog(__u32 id, struct bpf_prog_info *info)
{
	__u32 len = sizeof(*info);
	int fd, err;

	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return fd;
	memset(info, 0, sizeof(*info));
	err = bpf_obj_get_info_by_fd(fd, info, &len);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

static void print_prog(int fd, const struct bpf_prog_info *info,
		       const struct bpf_holders *holders)
{
	const char *type = bpf_prog_type_name(info->type);
	struct bpf_prog_info more;
	__u32 ids[64], len = sizeof(more), i;
	char when[40];

	out_printf("%u: ", info->id);
	if (type)
		out_printf("%s  ", type);
	else
		out_printf("type %u  ", info->type);
	if (info->name[0])
		out_printf("name %s  ", info->name);
	out_str("tag ");
	for (i = 0; i < BPF_TAG_SIZE; i++)
		out_printf("%02x", info->tag[i]);
	out_str(info->gpl_compatible ? "  gpl\n" : "\n");
	format_boot_time(info->load_time, when, sizeof(when));
	out_printf("\tloaded_at %s  uid %u\n", when, info->created_by_uid);
	out_printf("\txlated %uB  ", info->xlated_prog_len);
	if (info->jited_prog_len)
		out_printf("jited %uB  ", info->jited_prog_len);
	else
		out_str("not jited  ");
	out_printf("memlock %lluB", fdinfo_value(fd, "memlock:"));
	/* The map ids need a second call, with room for them */
	memset(&more, 0, sizeof(more));
	more.nr_map_ids = sizeof(ids) / sizeof(ids[0]);
	more.map_ids = ptr_to_u64(ids);
	if (info->nr_map_ids && !bpf_obj_get_info_by_fd(fd, &more, &len)) {
		__u32 n = more.nr_map_ids < 64 ? more.nr_map_ids : 64;

		for (i = 0; i < n; i++)
			out_printf("%s%u", i ? "," : "  map_ids ", ids[i]);
	}
	out_char('\n');
	bpf_holders__print(holders, info->id);
}

static int list(void)
{
	struct bpf_holders holders;
	struct bpf_prog_info info;
	__u32 id = 0;
	int fd, err;

	err = bpf_holders__scan(&holders, "prog");
	if (err)
		tool_err("reading /proc: %s (no pids shown)", strerror(-err));
	for (;;) {
		err = bpf_prog_get_next_id(id, &id);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		if (err) {
			tool_err("listing programs: %s%s", strerror(-err),
				 err == -EPERM ? " (run as root)" : "");
			err = EXIT_FAIL;
			break;
		}
		fd = open_prog(id, &info);
		if (fd == -ENOENT)
			continue;	/* unloaded since */
		if (fd < 0) {
			tool_err("program %u: %s", id, strerror(-fd));
			continue;
		}
		print_prog(fd, &info, &holders);
		close(fd);
	}
	bpf_holders__free(&holders);
	out_flush();
	return err;
}

/*
 * Kernel symbols for the calls of an xlated program: a helper call's imm
 * is its function's distance from __bpf_call_base, and bpftool names it
 * from /proc/kallsyms. One pass finds the base, one the names.
 */
struct ksyms {
	unsigned long long *addr;
	char **name;
	size_t n;
};

static int ksyms_scan(struct ksyms *k, unsigned long long *base)
{
	char line[512], *p, *end;
	unsigned long long addr;
	size_t i;
	FILE *f;

	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		addr = strtoull(line, &p, 16);
		if (p[0] != ' ' || !p[1] || p[2] != ' ')
			continue;
		p += 3;
		end = p + strcspn(p, " \t\n");
		*end = '\0';
		if (base && !strcmp(p, "__bpf_call_base")) {
			*base = addr;
			break;
		}
		for (i = 0; !base && i < k->n; i++)
			if (k->addr[i] == addr && !k->name[i])
				k->name[i] = strdup(p);
	}
	fclose(f);
	return 0;
}

struct dump_ctx {
	unsigned long long call_base;
	const __u64 *jited_ksyms;
	__u32 nr_jited_ksyms;
	struct ksyms syms;
};

static unsigned long long call_addr(const struct dump_ctx *d,
				    const struct bpf_insn *insn)
{
	if (insn->src_reg == BPF_PSEUDO_CALL && d->jited_ksyms &&
	    (__u32)insn->imm < d->nr_jited_ksyms)
		return d->jited_ksyms[insn->imm];
	return d->call_base + (unsigned long long)(long long)insn->imm;
}

static const char *sym_name(const struct dump_ctx *d, unsigned long long addr)
{
	size_t i;

	for (i = 0; i < d->syms.n; i++)
		if (d->syms.addr[i] == addr)
			return d->syms.name[i];
	return NULL;
}

/* bpftool's print_call: a helper by symbol, a subprogram by offset. */
static const char *call_name(void *ctx, const struct bpf_insn *insn,
			     char *buf, size_t len)
{
	const struct dump_ctx *d = ctx;
	unsigned long long addr = call_addr(d, insn);
	const char *sym = sym_name(d, addr);

	if (insn->src_reg == BPF_PSEUDO_CALL) {
		if (!d->nr_jited_ksyms)
			snprintf(buf, len, "%+d", insn->off);
		else if (sym)
			snprintf(buf, len, "%+d#%s", insn->off, sym);
		else
			snprintf(buf, len, "%+d#0x%llx", insn->off, addr);
	} else if (sym) {
		snprintf(buf, len, "%s", sym);
	} else {
		snprintf(buf, len, "0x%llx", addr);
	}
	return buf;
}

static const char *map_ref(void *ctx, const struct bpf_insn *insn, __u64 imm,
			   char *buf, size_t len)
{
	(void)ctx;
	(void)imm;
	return disasm_imm64_pseudo(insn, "id", buf, len);
}

/* Collect the call targets, then name them in one pass over kallsyms. */
static int resolve_calls(struct dump_ctx *d, const struct bpf_insn *insns,
			 size_t n)
{
	size_t i, j;
	int err;

	err = ksyms_scan(&d->syms, &d->call_base);
	if (err)
		return err;
	d->syms.addr = calloc(n + 1, sizeof(*d->syms.addr));
	d->syms.name = calloc(n + 1, sizeof(*d->syms.name));
	if (!d->syms.addr || !d->syms.name)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		unsigned long long addr;

		if (insns[i].code != (BPF_JMP | BPF_CALL))
			continue;
		addr = call_addr(d, &insns[i]);
		for (j = 0; j < d->syms.n && d->syms.addr[j] != addr; j++)
			;
		if (j == d->syms.n)
			d->syms.addr[d->syms.n++] = addr;
	}
	return ksyms_scan(&d->syms, NULL);
}

static int dump(__u32 id)
{
	struct dump_ctx d = { 0 };
	struct disasm_cbs cbs = { .call_name = call_name, .imm64 = map_ref,
				  .ctx = &d };
	struct bpf_prog_info info, again;
	struct bpf_insn *insns = NULL;
	__u64 *ksyms = NULL;
	__u32 len = sizeof(again);
	size_t i;
	int fd, err = EXIT_FAIL;

	fd = open_prog(id, &info);
	if (fd < 0) {
		tool_err("program %u: %s", id, fd == -ENOENT ?
			 "no such program" : strerror(-fd));
		return fd == -ENOENT ? EXIT_USAGE : EXIT_FAIL;
	}
	insns = malloc(info.xlated_prog_len ? info.xlated_prog_len : 1);
	ksyms = calloc(info.nr_jited_ksyms + 1, sizeof(*ksyms));
	if (!insns || !ksyms)
		goto out;
	memset(&again, 0, sizeof(again));
	again.xlated_prog_len = info.xlated_prog_len;
	again.xlated_prog_insns = ptr_to_u64(insns);
	again.nr_jited_ksyms = info.nr_jited_ksyms;
	again.jited_ksyms = ptr_to_u64(ksyms);
	err = bpf_obj_get_info_by_fd(fd, &again, &len);
	if (err || !again.xlated_prog_insns) {
		tool_err("program %u: reading its instructions: %s", id,
			 err ? strerror(-err) : "not allowed");
		err = EXIT_FAIL;
		goto out;
	}
	d.jited_ksyms = ksyms;
	d.nr_jited_ksyms = again.nr_jited_ksyms < info.nr_jited_ksyms ?
			   again.nr_jited_ksyms : info.nr_jited_ksyms;
	/*
	 * The kernel inlines per-CPU lookups with a mov of off -1 (6.10),
	 * which its own log prints as "r0 = &(void __percpu *)(r0)"; the
	 * bpftool most distributions ship (7.1, Debian 12) predates it and
	 * prints a plain mov. Print what that bpftool prints.
	 */
	for (i = 0; i < info.xlated_prog_len / sizeof(*insns); i++)
		if (insns[i].code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
		    insns[i].off == -1)
			insns[i].off = 0;
	err = resolve_calls(&d, insns, info.xlated_prog_len / sizeof(*insns));
	if (err)
		tool_err("reading /proc/kallsyms: %s (calls shown by address)",
			 strerror(-err));
	print_listing(insns, info.xlated_prog_len / sizeof(*insns), &cbs);
	err = out_flush() ? EXIT_FAIL : 0;
out:
	for (i = 0; d.syms.name && i < d.syms.n; i++)
		free(d.syms.name[i]);
	free(d.syms.name);
	free(d.syms.addr);
	free(ksyms);
	free(insns);
	close(fd);
	return err;
}

int prog_main(int argc, char **argv)
{
	return list_or_dump_main("program", usage_text, argc, argv, list, dump);
}
