// SPDX-License-Identifier: GPL-2.0
/* ELF function symbols, read from the file's own tables. */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/stat.h>
#include "loader/elfsym.h"

/* The headers read, whatever the file's class. */
struct ehdr {
	__u64 phoff, shoff;
	unsigned int phentsize, phnum, shentsize, shnum, machine;
};

struct shdr {
	__u32 type, link;
	__u64 offset, size, entsize;
};

struct reader {
	int fd;
	__u64 size;		/* of the file */
	bool is64;
	unsigned char *shdrs;	/* the section headers, read */
};

static bool in_file(const struct reader *r, __u64 off, __u64 len)
{
	return off <= r->size && len <= r->size - off;
}

/* len bytes at off, in a new buffer (one more byte, NUL); NULL on a short read. */
static unsigned char *read_at(const struct reader *r, __u64 off, __u64 len)
{
	unsigned char *buf;
	size_t done = 0;
	ssize_t n;

	if (!in_file(r, off, len) || len > SIZE_MAX - 1)
		return NULL;
	buf = malloc((size_t)len + 1);
	if (!buf)
		return NULL;
	while (done < len) {
		n = pread(r->fd, buf + done, (size_t)len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return NULL;
		}
		done += (size_t)n;
	}
	buf[len] = '\0';
	return buf;
}

/* A field of this machine's byte order, 2, 4 or 8 bytes. */
static __u64 field(const unsigned char *p, int width)
{
	__u16 v16;
	__u32 v32;
	__u64 v64;

	if (width == 2) {
		memcpy(&v16, p, 2);
		return v16;
	}
	if (width == 4) {
		memcpy(&v32, p, 4);
		return v32;
	}
	memcpy(&v64, p, 8);
	return v64;
}

/* An address-sized field: 8 bytes in a 64-bit file, 4 in a 32-bit one. */
static __u64 addr_field(const struct reader *r, const unsigned char *p)
{
	return field(p, r->is64 ? 8 : 4);
}

/* p: the file's first bytes, sizeof(Elf64_Ehdr) of them. */
static int read_ehdr(const struct reader *r, const unsigned char *p, struct ehdr *h)
{
	h->machine = (unsigned int)field(p + 18, 2);
	/* e_phoff, e_shoff follow e_entry; then flags, sizes and counts */
	h->phoff = addr_field(r, p + (r->is64 ? 32 : 28));
	h->shoff = addr_field(r, p + (r->is64 ? 40 : 32));
	p += r->is64 ? 54 : 42;
	h->phentsize = (unsigned int)field(p, 2);
	h->phnum = (unsigned int)field(p + 2, 2);
	h->shentsize = (unsigned int)field(p + 4, 2);
	h->shnum = (unsigned int)field(p + 6, 2);
	if (h->phentsize < (r->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
	    h->shentsize < (r->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)) ||
	    !in_file(r, h->phoff, (__u64)h->phnum * h->phentsize) ||
	    !in_file(r, h->shoff, (__u64)h->shnum * h->shentsize))
		return -ENOEXEC;
	return 0;
}

static void read_shdr(const struct reader *r, const struct ehdr *h,
		      unsigned int i, struct shdr *s)
{
	const unsigned char *p = r->shdrs + (size_t)i * h->shentsize;

	s->type = (__u32)field(p + 4, 4);
	if (r->is64) {
		s->offset = field(p + 24, 8);
		s->size = field(p + 32, 8);
		s->link = (__u32)field(p + 40, 4);
		s->entsize = field(p + 56, 8);
	} else {
		s->offset = field(p + 16, 4);
		s->size = field(p + 20, 4);
		s->link = (__u32)field(p + 24, 4);
		s->entsize = field(p + 36, 4);
	}
}

/* PT_LOAD segments: file offsets to addresses. */
static int read_loads(struct elfsyms *e, const struct reader *r,
		      const struct ehdr *h)
{
	unsigned char *phdrs, *p;
	unsigned int i;

	if (!h->phnum)
		return 0;
	phdrs = read_at(r, h->phoff, (__u64)h->phnum * h->phentsize);
	if (!phdrs)
		return -ENOEXEC;
	for (i = 0; i < h->phnum && e->nr_loads < ELFSYM_LOADS_MAX; i++) {
		p = phdrs + (size_t)i * h->phentsize;
		if (field(p, 4) != PT_LOAD)
			continue;
		if (r->is64) {
			e->loads[e->nr_loads].offset = field(p + 8, 8);
			e->loads[e->nr_loads].vaddr = field(p + 16, 8);
			e->loads[e->nr_loads].filesz = field(p + 32, 8);
		} else {
			e->loads[e->nr_loads].offset = field(p + 4, 4);
			e->loads[e->nr_loads].vaddr = field(p + 8, 4);
			e->loads[e->nr_loads].filesz = field(p + 16, 4);
		}
		e->nr_loads++;
	}
	free(phdrs);
	return 0;
}

/* By address; names of one address in the order they were taken. */
static int cmp_sym(const void *a, const void *b)
{
	const struct elfsym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The function symbols of table s (its strings in section s->link). */
static int read_syms(struct elfsyms *e, const struct reader *r,
		     const struct ehdr *h, const struct shdr *s)
{
	size_t entsize = r->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym), n, i;
	unsigned char *table, *p;
	struct shdr str;
	__u64 name, value, size;
	unsigned int type, bind, shndx, pass;

	if (s->link >= h->shnum || s->entsize < entsize || !s->entsize ||
	    !in_file(r, s->offset, s->size))
		return -ENOEXEC;
	read_shdr(r, h, s->link, &str);
	if (!in_file(r, str.offset, str.size) || !str.size || str.size > ELFSYM_STRS_MAX)
		return -ENOEXEC;
	n = s->size / s->entsize;
	if (n > ELFSYM_MAX)
		n = ELFSYM_MAX;
	table = read_at(r, s->offset, (__u64)n * s->entsize);
	/* read_at ends the names with a NUL: every name ends within them */
	e->strs = (char *)read_at(r, str.offset, str.size);
	e->syms = calloc(n ? n : 1, sizeof(*e->syms));
	if (!table || !e->strs || !e->syms) {
		free(table);
		return table && e->strs ? -ENOMEM : -ENOEXEC;
	}
	/* of names at one address, a global one first, then weak, then local */
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < n; i++) {
			p = table + i * s->entsize;
			name = field(p, 4);
			if (r->is64) {
				type = p[4] & 0xf;
				bind = p[4] >> 4;
				shndx = (unsigned int)field(p + 6, 2);
				value = field(p + 8, 8);
				size = field(p + 16, 8);
			} else {
				value = field(p + 4, 4);
				size = field(p + 8, 4);
				type = p[12] & 0xf;
				bind = p[12] >> 4;
				shndx = (unsigned int)field(p + 14, 2);
			}
			if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
			    shndx == SHN_UNDEF || !value || name >= str.size ||
			    !e->strs[name] ||
			    (pass == 0 ? bind != STB_GLOBAL : pass == 1 ?
			     bind != STB_WEAK : bind == STB_GLOBAL || bind == STB_WEAK))
				continue;
			/* Thumb code's addresses have bit 0 set */
			if (h->machine == EM_ARM)
				value &= ~1ull;
			e->syms[e->nr].addr = value;
			e->syms[e->nr].size = size;
			e->syms[e->nr].name = e->strs + name;
			e->syms[e->nr].order = (__u32)e->nr;
			e->nr++;
		}
	}
	free(table);
	qsort(e->syms, e->nr, sizeof(*e->syms), cmp_sym);
	return e->nr ? 0 : -ENOENT;
}

/* Drop what a table that gave nothing left. */
static void drop_syms(struct elfsyms *e)
{
	free(e->syms);
	free(e->strs);
	e->syms = NULL;
	e->strs = NULL;
	e->nr = 0;
}

int elfsyms__open(struct elfsyms *e, int fd)
{
	struct reader r = { .fd = fd };
	unsigned char *head = NULL;
	struct shdr s, dyn = { 0 };
	struct ehdr h;
	struct stat st;
	unsigned int i;
	int err;

	memset(e, 0, sizeof(*e));
	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf32_Ehdr))
		return -ENOEXEC;
	r.size = (__u64)st.st_size;
	err = -ENOEXEC;
	head = read_at(&r, 0, r.size < sizeof(Elf64_Ehdr) ? sizeof(Elf32_Ehdr) :
							      sizeof(Elf64_Ehdr));
	if (!head || memcmp(head, ELFMAG, SELFMAG) ||
	    (head[EI_CLASS] != ELFCLASS64 && head[EI_CLASS] != ELFCLASS32) ||
	    head[EI_DATA] != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ?
			      ELFDATA2LSB : ELFDATA2MSB))
		goto out;
	r.is64 = head[EI_CLASS] == ELFCLASS64;
	if ((r.is64 && r.size < sizeof(Elf64_Ehdr)) || read_ehdr(&r, head, &h))
		goto out;
	err = read_loads(e, &r, &h);
	if (err)
		goto out;
	err = -ENOENT;
	if (!h.shnum)
		goto out;
	r.shdrs = read_at(&r, h.shoff, (__u64)h.shnum * h.shentsize);
	if (!r.shdrs) {
		err = -ENOEXEC;
		goto out;
	}
	/* .symtab where the file kept it: it names the static functions too */
	for (i = 0; i < h.shnum; i++) {
		read_shdr(&r, &h, i, &s);
		if (s.type == SHT_SYMTAB) {
			err = read_syms(e, &r, &h, &s);
			if (!err)
				goto out;
			drop_syms(e);
		} else if (s.type == SHT_DYNSYM) {
			dyn = s;
		}
	}
	err = -ENOENT;
	if (dyn.type == SHT_DYNSYM) {
		err = read_syms(e, &r, &h, &dyn);
		if (err)
			drop_syms(e);
	}
out:
	free(head);
	free(r.shdrs);
	if (err)
		elfsyms__close(e);
	return err;
}

const char *elfsyms__name(const struct elfsyms *e, __u64 off, __u64 *sym_off)
{
	size_t lo = 0, hi = e->nr, mid;
	__u64 vaddr = 0;
	int i;

	for (i = 0; i < e->nr_loads; i++)
		if (off >= e->loads[i].offset &&
		    off - e->loads[i].offset < e->loads[i].filesz)
			break;
	if (i == e->nr_loads || !hi)
		return NULL;
	vaddr = off - e->loads[i].offset + e->loads[i].vaddr;
	if (vaddr < e->syms[0].addr)
		return NULL;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (e->syms[mid].addr <= vaddr)
			lo = mid;
		else
			hi = mid;
	}
	while (lo && e->syms[lo - 1].addr == e->syms[lo].addr)
		lo--;
	/* past a sized function's end: between functions, unnamed */
	if (e->syms[lo].size && vaddr - e->syms[lo].addr >= e->syms[lo].size)
		return NULL;
	*sym_off = vaddr - e->syms[lo].addr;
	return e->syms[lo].name;
}

void elfsyms__close(struct elfsyms *e)
{
	free(e->syms);
	free(e->strs);
	memset(e, 0, sizeof(*e));
}
