// SPDX-License-Identifier: GPL-2.0
/* BPF ELF objects through libelf: sections, programs, maps, relocations. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <sys/stat.h>
#include "asm/insn.h"
#include "asm/names.h"
#include "loader/bpf.h"
#include "loader/btf.h"
#include "loader/cpus.h"
#include "loader/elf.h"

/*
 * libelf compresses sections only when it writes an object, which barebpf
 * never does; its elf_compress.o still names zlib's deflate, whose code
 * would cost a static binary 33 KiB. These stand in for it, so the link
 * takes only inflate (for reading compressed sections) from libz.a.
 */
int deflateInit_(z_streamp strm, int level, const char *version, int size)
{
	(void)strm;
	(void)level;
	(void)version;
	(void)size;
	return Z_STREAM_ERROR;
}

int deflate(z_streamp strm, int flush)
{
	(void)strm;
	(void)flush;
	return Z_STREAM_ERROR;
}

int deflateEnd(z_streamp strm)
{
	(void)strm;
	return Z_STREAM_ERROR;
}

#ifndef EM_BPF
#define EM_BPF		247
#endif

/* .BTF.ext's header (libbpf's struct btf_ext_header); core_relo from 5.x llvm. */
struct btf_ext_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off, func_info_len;
	__u32 line_info_off, line_info_len;
	__u32 core_relo_off, core_relo_len;
};

struct elf_priv {
	Elf *elf;
	int fd;
	size_t shstrndx;
	Elf_Data *symbols;
	size_t nr_symbols;
	size_t strtab;			/* section of the symbol names */
	struct btf *btf;
	size_t maps_sec, btf_maps_sec;	/* 0 when absent */
};

__attribute__((format(printf, 4, 5)))
static struct elf_object *fail(struct elf_object *obj, char *msg, size_t len,
			       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	elf_object__close(obj);
	errno = EINVAL;
	return NULL;
}

static const char *section_name(const struct elf_priv *priv, size_t idx)
{
	Elf_Scn *scn = elf_getscn(priv->elf, idx);
	GElf_Shdr shdr;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &shdr))
		return NULL;
	name = elf_strptr(priv->elf, priv->shstrndx, shdr.sh_name);
	return name ? name : "";
}

/* The section's bytes, checked to be all there. */
static Elf_Data *section_data(const struct elf_priv *priv, size_t idx)
{
	Elf_Scn *scn = elf_getscn(priv->elf, idx);
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;

	return data && (data->d_buf || !data->d_size) ? data : NULL;
}

static bool symbol(const struct elf_priv *priv, size_t i, GElf_Sym *sym,
		   const char **name)
{
	if (i >= priv->nr_symbols || !gelf_getsym(priv->symbols, (int)i, sym))
		return false;
	*name = elf_strptr(priv->elf, priv->strtab, sym->st_name);
	if (!*name)
		*name = "";
	return true;
}

/*
 * Names the tools print (sections, programs, maps, relocated symbols)
 * come from a file anyone may have made: control characters or bytes
 * past ASCII in one make the object malformed, never terminal output.
 * (The kernel takes only ASCII in program and map names anyway.)
 */
static bool printable(const char *name)
{
	for (; *name; name++)
		if ((unsigned char)*name < 0x20 || (unsigned char)*name > 0x7e)
			return false;
	return true;
}

static int bad_name(char *msg, size_t len, const char *what, size_t i)
{
	snprintf(msg, len, "%s %zu: its name holds bytes that are not printable ASCII",
		 what, i);
	return -EINVAL;
}

static void *grow(void *arr, size_t n, size_t size)
{
	/* One more element; arrays here are small, so no doubling */
	return realloc(arr, (n + 1) * size);
}

/* A value __uint(name, N) encodes: a pointer to an array of N ints. */
static int btf_map_uint(const struct btf *btf, __u32 type, __u32 *val)
{
	const struct btf_type *t = btf__type_by_id(btf, type);

	if (!t || btf_kind(t) != BTF_KIND_PTR)
		return -EINVAL;
	t = btf__type_by_id(btf, t->type);
	if (!t || btf_kind(t) != BTF_KIND_ARRAY)
		return -EINVAL;
	*val = ((const struct btf_array *)(t + 1))->nelems;
	return 0;
}

/* The size of the type __type(name, T) points to. */
static int btf_map_size(const struct btf *btf, __u32 type, __u32 *val)
{
	const struct btf_type *t = btf__type_by_id(btf, type);
	__s64 size;

	if (!t || btf_kind(t) != BTF_KIND_PTR)
		return -EINVAL;
	size = btf__resolve_size(btf, t->type);
	if (size < 0)
		return (int)size;
	*val = (__u32)size;
	return 0;
}

/* A map of .maps: its struct's members, as libbpf's __uint and __type. */
static int btf_map(const struct btf *btf, struct elf_map *m, char *msg,
		   size_t len)
{
	const struct btf_type *var, *st;
	const struct btf_member *mem;
	int id = btf__find_by_name_kind(btf, m->name, BTF_KIND_VAR);
	unsigned int i;
	int err = 0;

	var = id > 0 ? btf__type_by_id(btf, (__u32)id) : NULL;
	st = var ? btf__type_by_id(btf, btf__skip_modifiers(btf, var->type)) : NULL;
	if (!st || btf_kind(st) != BTF_KIND_STRUCT) {
		snprintf(msg, len, "map %s: no struct for it in .BTF", m->name);
		return -EINVAL;
	}
	mem = (const struct btf_member *)(st + 1);
	for (i = 0; i < btf_vlen(st) && !err; i++, mem++) {
		const char *name = btf__name(btf, mem->name_off);

		if (!name)
			err = -EINVAL;
		else if (!strcmp(name, "type"))
			err = btf_map_uint(btf, mem->type, &m->type);
		else if (!strcmp(name, "max_entries"))
			err = btf_map_uint(btf, mem->type, &m->max_entries);
		else if (!strcmp(name, "map_flags"))
			err = btf_map_uint(btf, mem->type, &m->flags);
		else if (!strcmp(name, "key_size"))
			err = btf_map_uint(btf, mem->type, &m->key_size);
		else if (!strcmp(name, "value_size"))
			err = btf_map_uint(btf, mem->type, &m->value_size);
		else if (!strcmp(name, "key"))
			err = btf_map_size(btf, mem->type, &m->key_size);
		else if (!strcmp(name, "value"))
			err = btf_map_size(btf, mem->type, &m->value_size);
		else {
			/* values (maps of maps), pinning, numa_node, ... */
			snprintf(msg, len, "map %s: '%s' is not supported",
				 m->name, name);
			return -EOPNOTSUPP;
		}
		if (err)
			snprintf(msg, len, "map %s: cannot read '%s' from .BTF",
				 m->name, name ? name : "?");
	}
	return err;
}

static int read_maps(struct elf_object *obj, char *msg, size_t len)
{
	struct elf_priv *priv = obj->priv;
	const char *name;
	struct elf_map *m;
	GElf_Sym sym;
	Elf_Data *data;
	size_t i;
	int err;

	for (i = 1; i < priv->nr_symbols; i++) {
		if (!symbol(priv, i, &sym, &name) || !sym.st_shndx ||
		    (sym.st_shndx != priv->maps_sec &&
		     sym.st_shndx != priv->btf_maps_sec) ||
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION)
			continue;
		if (!printable(name))
			return bad_name(msg, len, "symbol", i);
		m = grow(obj->maps, obj->nr_maps, sizeof(*m));
		if (!m)
			return -ENOMEM;
		obj->maps = m;
		m = &obj->maps[obj->nr_maps++];
		memset(m, 0, sizeof(*m));
		m->name = name;
		m->fd = -1;
		if (sym.st_shndx == priv->btf_maps_sec) {
			m->section = ".maps";
			if (!priv->btf) {
				snprintf(msg, len, "map %s: .maps without .BTF", name);
				return -EINVAL;
			}
			err = btf_map(priv->btf, m, msg, len);
			if (err)
				return err;
			continue;
		}
		/* struct bpf_map_def: type, key_size, value_size, max_entries, map_flags */
		m->section = "maps";
		data = section_data(priv, priv->maps_sec);
		/* Compared as sizes left, so that no sum can wrap. */
		if (!data || data->d_size < 16 ||
		    sym.st_value > data->d_size - 16) {
			snprintf(msg, len, "map %s: outside the maps section", name);
			return -EINVAL;
		}
		memcpy(&m->type, (char *)data->d_buf + sym.st_value, 16);
		if (data->d_size - 16 - sym.st_value >= 4 && sym.st_size != 16)
			memcpy(&m->flags, (char *)data->d_buf + sym.st_value + 16, 4);
	}
	return 0;
}

static int add_prog(struct elf_object *obj, size_t sec, const char *name,
		    const Elf_Data *data, size_t off, size_t size)
{
	struct elf_prog *p = grow(obj->progs, obj->nr_progs, sizeof(*p));
	size_t i;

	if (!p)
		return -ENOMEM;
	obj->progs = p;
	p = &obj->progs[obj->nr_progs];
	memset(p, 0, sizeof(*p));
	p->section = obj->sections[sec].name;
	p->name = name;
	p->type = bpf_section_prog_type(p->section, &p->attach);
	p->len = size / sizeof(struct bpf_insn);
	p->insns = malloc(size ? size : 1);
	if (!p->insns)
		return -ENOMEM;
	memcpy(p->insns, (const char *)data->d_buf + off, size);
	obj->nr_progs++;
	for (i = 0; i < p->len; i++) {
		const struct bpf_insn *insn = &p->insns[i];

		if ((insn->code == (BPF_JMP | BPF_CALL) &&
		     insn->src_reg == BPF_PSEUDO_CALL) ||
		    (insn->code == (BPF_LD | BPF_DW | BPF_IMM) &&
		     insn->src_reg == BPF_PSEUDO_FUNC)) {
			snprintf(p->unsupported, sizeof(p->unsupported),
				 "insn %zu calls a BPF function: BPF-to-BPF calls are not supported (make it static __always_inline)",
				 i);
			break;
		}
	}
	return 0;
}

/* Each global function of an executable section is a program. */
static int read_progs(struct elf_object *obj, size_t sec, char *msg,
		      size_t len)
{
	struct elf_priv *priv = obj->priv;
	Elf_Data *data = section_data(priv, sec);
	size_t i, found = 0, size = obj->sections[sec].size;
	const char *name;
	GElf_Sym sym;
	int err;

	if (!data || size % sizeof(struct bpf_insn) || data->d_size != size)
		return -EINVAL;
	for (i = 1; i < priv->nr_symbols; i++) {
		if (!symbol(priv, i, &sym, &name) || sym.st_shndx != sec ||
		    GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    GELF_ST_BIND(sym.st_info) == STB_LOCAL)
			continue;
		if (!printable(name))
			return bad_name(msg, len, "symbol", i);
		/* st_value + st_size can wrap: compare with what is left. */
		if (sym.st_value % 8 || sym.st_size % 8 || sym.st_value > size ||
		    sym.st_size > size - sym.st_value) {
			snprintf(msg, len, "function %.64s: bytes %#llx..+%#llx lie outside its section %.64s (%zu bytes)",
				 name, (unsigned long long)sym.st_value,
				 (unsigned long long)sym.st_size,
				 obj->sections[sec].name, size);
			return -EINVAL;
		}
		err = add_prog(obj, sec, name, data, sym.st_value,
			       sym.st_size ? sym.st_size : size - sym.st_value);
		if (err)
			return err;
		found++;
	}
	/* No symbols (stripped): the section is one program */
	return found ? 0 : add_prog(obj, sec, obj->sections[sec].name, data, 0,
				    size);
}

/* The program of section sec holding byte off, or NULL. */
static struct elf_prog *prog_at(struct elf_object *obj, const char *section,
				size_t *slot)
{
	size_t i, start = 0;

	for (i = 0; i < obj->nr_progs; i++) {
		struct elf_prog *p = &obj->progs[i];

		if (p->section != section)
			continue;
		if (*slot >= start && *slot < start + p->len) {
			*slot -= start;
			return p;
		}
		start += p->len;
	}
	return NULL;
}

static int read_relocs(struct elf_object *obj, size_t sec, char *msg,
		       size_t len)
{
	struct elf_priv *priv = obj->priv;
	Elf_Scn *scn = elf_getscn(priv->elf, sec);
	Elf_Data *data = section_data(priv, sec);
	const char *target, *name;
	struct elf_reloc *r;
	struct elf_prog *p;
	GElf_Shdr shdr;
	GElf_Rel rel;
	GElf_Sym sym;
	size_t i, n, slot, m;

	if (!scn || !gelf_getshdr(scn, &shdr) || !data)
		return -EINVAL;
	if (shdr.sh_info >= obj->nr_sections)
		return -EINVAL;
	target = obj->sections[shdr.sh_info].name;
	if (!(obj->sections[shdr.sh_info].flags & SHF_EXECINSTR))
		return 0;		/* debug info and BTF: not ours */
	n = data->d_size / sizeof(Elf64_Rel);
	for (i = 0; i < n; i++) {
		if (!gelf_getrel(data, (int)i, &rel) ||
		    !symbol(priv, GELF_R_SYM(rel.r_info), &sym, &name))
			return -EINVAL;
		if (!printable(name))
			return bad_name(msg, len, "symbol", GELF_R_SYM(rel.r_info));
		slot = rel.r_offset / sizeof(struct bpf_insn);
		p = prog_at(obj, target, &slot);
		if (!p)
			continue;	/* in .text: a subprogram, refused anyway */
		if (sym.st_shndx && sym.st_shndx < obj->nr_sections &&
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION)
			name = obj->sections[sym.st_shndx].name;
		r = grow(p->relocs, p->nr_relocs, sizeof(*r));
		if (!r)
			return -ENOMEM;
		p->relocs = r;
		r = &p->relocs[p->nr_relocs++];
		r->insn = slot;
		r->symbol = name;
		r->map = -1;
		for (m = 0; m < obj->nr_maps; m++)
			if (!strcmp(obj->maps[m].name, name))
				r->map = (int)m;
		if (p->unsupported[0])
			continue;
		if (!sym.st_shndx)
			snprintf(p->unsupported, sizeof(p->unsupported),
				 "insn %zu refers to extern '%s': externs are not supported",
				 slot, name);
		else if (r->map < 0 && p->insns[slot].code == (BPF_JMP | BPF_CALL))
			snprintf(p->unsupported, sizeof(p->unsupported),
				 "insn %zu calls %s: BPF-to-BPF calls are not supported (make it static __always_inline)",
				 slot, name);
		else if (r->map < 0)
			snprintf(p->unsupported, sizeof(p->unsupported),
				 "insn %zu reads global data (%s): global variables and .rodata are not supported",
				 slot, obj->sections[sym.st_shndx < obj->nr_sections ?
						     sym.st_shndx : 0].name);
		else if (!BPF_INSN_IS_LD_IMM64(p->insns[slot]) ||
			 slot + 1 >= p->len) {
			snprintf(msg, len, "%s: relocation of map %s at insn %zu, which is no 64-bit load",
				 target, name, slot);
			return -EINVAL;
		}
	}
	return 0;
}

/* CO-RE relocations in .BTF.ext mark their programs unsupported. */
static int read_core_relos(struct elf_object *obj, const Elf_Data *data)
{
	struct elf_priv *priv = obj->priv;
	struct btf_ext_header hdr = { 0 };
	const char *p, *end;
	__u32 rec_size, sec_name, n;
	size_t i;

	if (!data || data->d_size < 24)
		return 0;
	memcpy(&hdr, data->d_buf, data->d_size < sizeof(hdr) ? 24 : sizeof(hdr));
	if (hdr.magic != BTF_MAGIC || hdr.hdr_len < sizeof(hdr) ||
	    !hdr.core_relo_len)
		return 0;
	if ((__u64)hdr.hdr_len + hdr.core_relo_off + hdr.core_relo_len > data->d_size ||
	    hdr.core_relo_len < 4)
		return -EINVAL;
	p = (const char *)data->d_buf + hdr.hdr_len + hdr.core_relo_off;
	end = p + hdr.core_relo_len;
	memcpy(&rec_size, p, 4);
	for (p += 4; p + 8 <= end; p += 8 + (size_t)n * rec_size) {
		const char *section;

		memcpy(&sec_name, p, 4);
		memcpy(&n, p + 4, 4);
		if (!rec_size || (size_t)(end - p - 8) / rec_size < n)
			return -EINVAL;
		section = priv->btf ? btf__name(priv->btf, sec_name) : NULL;
		for (i = 0; section && i < obj->nr_progs; i++)
			if (!strcmp(obj->progs[i].section, section) &&
			    !obj->progs[i].unsupported[0])
				snprintf(obj->progs[i].unsupported,
					 sizeof(obj->progs[i].unsupported),
					 "it has %u CO-RE relocation%s (BPF_CORE_READ, preserve_access_index): not supported",
					 n, n == 1 ? "" : "s");
	}
	return 0;
}

static int read_sections(struct elf_object *obj, char *msg, size_t len)
{
	struct elf_priv *priv = obj->priv;
	Elf_Data *data, *btf_ext = NULL;
	size_t n, i;
	int err;

	if (elf_getshdrnum(priv->elf, &n) || elf_getshdrstrndx(priv->elf, &priv->shstrndx))
		return -EINVAL;
	obj->sections = calloc(n ? n : 1, sizeof(*obj->sections));
	if (!obj->sections)
		return -ENOMEM;
	obj->nr_sections = n;
	for (i = 0; i < n; i++) {
		struct elf_section *s = &obj->sections[i];
		Elf_Scn *scn = elf_getscn(priv->elf, i);
		GElf_Shdr shdr;

		if (!scn || !gelf_getshdr(scn, &shdr))
			return -EINVAL;
		s->index = (__u32)i;
		s->name = section_name(priv, i);
		if (!s->name)
			return -EINVAL;
		if (!printable(s->name))
			return bad_name(msg, len, "section", i);
		s->type = shdr.sh_type;
		s->flags = shdr.sh_flags;
		s->size = shdr.sh_size;
		if (shdr.sh_type == SHT_SYMTAB) {
			priv->symbols = section_data(priv, i);
			if (!priv->symbols || !shdr.sh_entsize)
				return -EINVAL;
			priv->nr_symbols = shdr.sh_size / shdr.sh_entsize;
			priv->strtab = shdr.sh_link;
		} else if (!strcmp(s->name, "maps")) {
			priv->maps_sec = i;
		} else if (!strcmp(s->name, ".maps")) {
			priv->btf_maps_sec = i;
		} else if (!strcmp(s->name, "license")) {
			data = section_data(priv, i);
			if (data && data->d_size)
				snprintf(obj->license, sizeof(obj->license), "%.*s",
					 (int)(data->d_size < sizeof(obj->license) ?
					       data->d_size : sizeof(obj->license)),
					 (char *)data->d_buf);
		} else if (!strcmp(s->name, "version")) {
			data = section_data(priv, i);
			if (data && data->d_size == 4)
				memcpy(&obj->kern_version, data->d_buf, 4);
		} else if (!strcmp(s->name, ".BTF")) {
			/* A second one would leak the first: no object has two. */
			if (priv->btf) {
				snprintf(msg, len, "it has two .BTF sections");
				return -EINVAL;
			}
			data = section_data(priv, i);
			priv->btf = data ? btf__parse(data->d_buf, data->d_size) : NULL;
			if (!priv->btf) {
				snprintf(msg, len, "its .BTF section is malformed");
				return -EINVAL;
			}
		} else if (!strcmp(s->name, ".BTF.ext")) {
			btf_ext = section_data(priv, i);
		}
	}
	if (!priv->symbols) {
		snprintf(msg, len, "it has no symbol table");
		return -EINVAL;
	}
	err = read_maps(obj, msg, len);
	for (i = 0; !err && i < n; i++)
		if (obj->sections[i].type == SHT_PROGBITS &&
		    (obj->sections[i].flags & SHF_EXECINSTR) &&
		    obj->sections[i].size && strcmp(obj->sections[i].name, ".text"))
			err = read_progs(obj, i, msg, len);
	for (i = 0; !err && i < n; i++)
		if (obj->sections[i].type == SHT_REL)
			err = read_relocs(obj, i, msg, len);
	if (!err)
		err = read_core_relos(obj, btf_ext);
	return err;
}

struct elf_object *elf_object__open(const char *path, char *msg, size_t len)
{
	struct elf_object *obj = calloc(1, sizeof(*obj));
	struct elf_priv *priv = calloc(1, sizeof(*priv));
	GElf_Ehdr ehdr;
	struct stat st;
	int err;

	msg[0] = '\0';
	if (!obj || !priv) {
		free(priv);
		free(obj);
		errno = ENOMEM;
		snprintf(msg, len, "out of memory");
		return NULL;
	}
	obj->priv = priv;
	/* O_NONBLOCK: a FIFO must be refused below, not wait for a writer. */
	priv->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (priv->fd < 0) {
		err = errno;
		snprintf(msg, len, "%s", strerror(err));
		elf_object__close(obj);
		errno = err;
		return NULL;
	}
	err = fstat(priv->fd, &st) ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL;
	if (err) {
		snprintf(msg, len, "%s", err == EINVAL ? "not a regular file" :
			 strerror(err));
		elf_object__close(obj);
		errno = err;
		return NULL;
	}
	elf_version(EV_CURRENT);
	/* Read, not mapped: a file cut short must fail, not fault */
	priv->elf = elf_begin(priv->fd, ELF_C_READ, NULL);
	if (!priv->elf || elf_kind(priv->elf) != ELF_K_ELF || !gelf_getehdr(priv->elf, &ehdr))
		return fail(obj, msg, len, "not an ELF object");
	if (ehdr.e_machine != EM_BPF || gelf_getclass(priv->elf) != ELFCLASS64)
		return fail(obj, msg, len, "not a BPF object (machine %u): build it with clang -target bpf",
			    ehdr.e_machine);
	if (ehdr.e_ident[EI_DATA] != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ?
				      ELFDATA2LSB : ELFDATA2MSB))
		return fail(obj, msg, len, "its byte order is not this machine's (clang -target bpfel or bpfeb)");
	if (ehdr.e_type != ET_REL)
		return fail(obj, msg, len, "not a relocatable object (clang -c)");
	if (fstat(priv->fd, &st) == 0 && (ehdr.e_shoff > (__u64)st.st_size ||
	    (__u64)ehdr.e_shnum * ehdr.e_shentsize > (__u64)st.st_size - ehdr.e_shoff))
		return fail(obj, msg, len, "cut short: its section headers end at byte %llu, the file at %lld",
			    (unsigned long long)(ehdr.e_shoff +
			    (__u64)ehdr.e_shnum * ehdr.e_shentsize),
			    (long long)st.st_size);
	err = read_sections(obj, msg, len);
	if (!err)
		return obj;
	if (!msg[0])
		snprintf(msg, len, "%s", err == -ENOMEM ? "out of memory" :
			 elf_errno() ? elf_errmsg(-1) : "malformed or cut short");
	elf_object__close(obj);
	errno = -err;
	return NULL;
}

int elf_object__create_maps(struct elf_object *obj, size_t *failed)
{
	size_t i;
	int n;

	for (i = 0; i < obj->nr_maps; i++) {
		struct elf_map *m = &obj->maps[i];
		__u32 max = m->max_entries;

		/* libbpf's rule: a perf event array with no size, one per CPU */
		if (m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !max) {
			n = cpus_possible();
			max = n > 0 ? (__u32)n : 1;
			if (!m->key_size)
				m->key_size = 4;
			if (!m->value_size)
				m->value_size = 4;
		}
		m->fd = bpf_map_create(m->type, m->name, m->key_size,
				       m->value_size, max, m->flags);
		if (m->fd < 0) {
			*failed = i;
			return m->fd;
		}
	}
	return 0;
}

void elf_prog__relocate(struct elf_prog *prog, const struct elf_object *obj)
{
	size_t i;

	for (i = 0; i < prog->nr_relocs; i++) {
		const struct elf_reloc *r = &prog->relocs[i];
		struct bpf_insn *insn = &prog->insns[r->insn];

		if (r->map < 0 || !BPF_INSN_IS_LD_IMM64(*insn) ||
		    r->insn + 1 >= prog->len)
			continue;
		insn->src_reg = BPF_PSEUDO_MAP_FD;
		insn->imm = obj->maps[r->map].fd;
	}
}

const struct elf_reloc *elf_prog__reloc(const struct elf_prog *prog,
					size_t insn)
{
	size_t i;

	for (i = 0; i < prog->nr_relocs; i++)
		if (prog->relocs[i].insn == insn)
			return &prog->relocs[i];
	return NULL;
}

void elf_object__close(struct elf_object *obj)
{
	struct elf_priv *priv;
	size_t i;

	if (!obj)
		return;
	priv = obj->priv;
	for (i = 0; i < obj->nr_maps; i++)
		if (obj->maps[i].fd >= 0)
			close(obj->maps[i].fd);
	for (i = 0; i < obj->nr_progs; i++) {
		free(obj->progs[i].insns);
		free(obj->progs[i].relocs);
	}
	free(obj->progs);
	free(obj->maps);
	free(obj->sections);
	if (priv) {
		btf__free(priv->btf);
		if (priv->elf)
			elf_end(priv->elf);
		if (priv->fd >= 0)
			close(priv->fd);
		free(priv);
	}
	free(obj);
}
