// SPDX-License-Identifier: GPL-2.0
/* Raw BTF: checked once when parsed, then read in place. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "loader/btf.h"

/* As libbpf: no sane chain of typedefs or nesting is deeper. */
#define BTF_MAX_DEPTH		32
/* Members a member search may visit before a corrupt blob is suspected. */
#define BTF_MAX_VISITS		(1 << 20)
/* vmlinux BTF is 5 MiB on 6.x; anything far larger is no BTF of ours. */
#define BTF_MAX_FILE		(256u << 20)

/*
 * The records' offsets by id. The kernel's BTF (125,000 types, 5 MiB) is
 * indexed only as far as lookups reach: the structs the tools read come
 * in its first fifth, and on a virtual machine each page first touched
 * costs microseconds, some 4 ms for the whole file. Lookups extend the
 * index through a const struct btf, hence a struct of its own.
 */
struct btf_index {
	__u32 *offs;		/* offs[id]: record offset in types; [0] unused */
	__u32 nr_types;		/* indexed so far, counting void */
	__u32 cap;		/* room in offs */
	__u32 pos;		/* bytes of the type section indexed */
	__u32 ptr_size;
	bool long_seen;		/* "long" met, so ptr_size known */
	int err;		/* a bad record met: -EINVAL */
};

struct btf {
	void *data;		/* the whole blob, ours: malloc'd, or mapped */
	size_t mapped;		/* its mapping's length; 0 when malloc'd */
	const char *types;	/* type section, 4-byte aligned */
	const char *strs;	/* string section, NUL first and last */
	__u32 str_len;
	__u32 type_len;
	struct btf_index *idx;
};

static const struct btf_type btf_void;

/* Bytes that follow struct btf_type for each kind, per vlen or once. */
static const struct {
	__u8 once;
	__u8 per_vlen;
	__u8 known;
} kind_extra[NR_BTF_KINDS] = {
	[BTF_KIND_INT]		= { sizeof(__u32), 0, 1 },
	[BTF_KIND_PTR]		= { 0, 0, 1 },
	[BTF_KIND_ARRAY]	= { sizeof(struct btf_array), 0, 1 },
	[BTF_KIND_STRUCT]	= { 0, sizeof(struct btf_member), 1 },
	[BTF_KIND_UNION]	= { 0, sizeof(struct btf_member), 1 },
	[BTF_KIND_ENUM]		= { 0, sizeof(struct btf_enum), 1 },
	[BTF_KIND_FWD]		= { 0, 0, 1 },
	[BTF_KIND_TYPEDEF]	= { 0, 0, 1 },
	[BTF_KIND_VOLATILE]	= { 0, 0, 1 },
	[BTF_KIND_CONST]	= { 0, 0, 1 },
	[BTF_KIND_RESTRICT]	= { 0, 0, 1 },
	[BTF_KIND_FUNC]		= { 0, 0, 1 },
	[BTF_KIND_FUNC_PROTO]	= { 0, sizeof(struct btf_param), 1 },
	[BTF_KIND_VAR]		= { sizeof(struct btf_var), 0, 1 },
	[BTF_KIND_DATASEC]	= { 0, sizeof(struct btf_var_secinfo), 1 },
	[BTF_KIND_FLOAT]	= { 0, 0, 1 },
	[BTF_KIND_DECL_TAG]	= { sizeof(struct btf_decl_tag), 0, 1 },
	[BTF_KIND_TYPE_TAG]	= { 0, 0, 1 },
	[BTF_KIND_ENUM64]	= { 0, sizeof(struct btf_enum64), 1 },
};

/* Length of the record at t, with avail bytes left; -EINVAL if it overruns. */
static long record_len(const struct btf_type *t, size_t avail)
{
	unsigned int kind = btf_kind(t);
	size_t len;

	if (avail < sizeof(*t) || kind >= NR_BTF_KINDS || !kind_extra[kind].known)
		return -EINVAL;
	len = sizeof(*t) + kind_extra[kind].once +
	      (size_t)kind_extra[kind].per_vlen * btf_vlen(t);
	return len <= avail ? (long)len : -EINVAL;
}

const char *btf__name(const struct btf *btf, __u32 name_off)
{
	if (name_off >= btf->str_len) {
		errno = EINVAL;
		return NULL;
	}
	/* In bounds means NUL-terminated: the section ends with one. */
	return btf->strs + name_off;
}

/*
 * Index records until id is indexed, or to the end (id UINT32_MAX),
 * checking each: 0, or -EINVAL when one is bad (and from then on).
 */
static int index_upto(const struct btf *btf, __u32 id)
{
	struct btf_index *x = btf->idx;

	while (!x->err && x->nr_types <= id && x->pos < btf->type_len) {
		const struct btf_type *t = (const void *)(btf->types + x->pos);
		long len = record_len(t, btf->type_len - x->pos);
		const char *name;

		if (len < 0 || x->nr_types >= x->cap) {
			x->err = -EINVAL;
			break;
		}
		x->offs[x->nr_types++] = x->pos;
		/* BTF keeps no pointer size: "long" tells it. */
		name = btf_kind(t) == BTF_KIND_INT ? btf__name(btf, t->name_off) : NULL;
		if (name && (!strcmp(name, "long int") ||
			     !strcmp(name, "long unsigned int"))) {
			x->ptr_size = t->size;
			x->long_seen = true;
		}
		x->pos += (__u32)len;
	}
	return x->err;
}

/*
 * Check the header, and index the records by id: all of them (each
 * checked) unless lazy, when lookups index as far as they go.
 */
static int index_types(struct btf *btf, size_t size, bool lazy)
{
	const struct btf_header *hdr = btf->data;
	struct btf_index *x = btf->idx;
	__u64 type_end, str_end;

	if (size < sizeof(*hdr) || hdr->magic != BTF_MAGIC ||
	    hdr->version != BTF_VERSION || hdr->hdr_len < sizeof(*hdr) ||
	    hdr->hdr_len > size)
		return -EINVAL;
	type_end = (__u64)hdr->hdr_len + hdr->type_off + hdr->type_len;
	str_end = (__u64)hdr->hdr_len + hdr->str_off + hdr->str_len;
	/* Records are read in place as u32 words: the section must be aligned. */
	if (type_end > size || str_end > size || (hdr->hdr_len + hdr->type_off) % 4 ||
	    hdr->type_len % 4 || !hdr->str_len)
		return -EINVAL;
	/* Overlapping sections: a type record could be read as strings. */
	if (hdr->type_len && hdr->type_off < str_end - hdr->hdr_len &&
	    hdr->str_off < type_end - hdr->hdr_len)
		return -EINVAL;
	btf->types = (const char *)btf->data + hdr->hdr_len + hdr->type_off;
	btf->type_len = hdr->type_len;
	btf->strs = (const char *)btf->data + hdr->hdr_len + hdr->str_off;
	btf->str_len = hdr->str_len;
	if (btf->strs[0] || btf->strs[btf->str_len - 1])
		return -EINVAL;

	/*
	 * Room for as many records as the section could hold (none is
	 * shorter than struct btf_type), allocated once: growing it by
	 * doubling copied and faulted in twice the memory. What is never
	 * reached is never touched.
	 */
	x->cap = hdr->type_len / sizeof(struct btf_type) + 1;
	if (x->cap > BTF_MAX_TYPE + 1)
		x->cap = BTF_MAX_TYPE + 1;
	x->offs = malloc((size_t)x->cap * sizeof(*x->offs));
	if (!x->offs)
		return -ENOMEM;
	x->nr_types = 1;
	/*
	 * A kernel's BTF has "long" and so its pointer size (4 on 32-bit
	 * kernels); a BPF object's may not, and BPF's pointers are 8 bytes
	 * whatever machine reads the file.
	 */
	x->ptr_size = 8;
	return lazy ? 0 : index_upto(btf, UINT32_MAX);
}

/*
 * Parse data, which becomes btf's (or is freed on failure): malloc'd, or
 * a mapping of mapped bytes.
 */
static struct btf *parse_owned(void *data, size_t size, size_t mapped,
				bool lazy)
{
	struct btf *btf = calloc(1, sizeof(*btf) + sizeof(struct btf_index));
	int err;

	if (!btf) {
		if (mapped)
			munmap(data, mapped);
		else
			free(data);
		errno = ENOMEM;
		return NULL;
	}
	btf->idx = (struct btf_index *)(btf + 1);
	btf->data = data;
	btf->mapped = mapped;
	err = index_types(btf, size, lazy);
	if (err) {
		btf__free(btf);
		errno = -err;
		return NULL;
	}
	return btf;
}

struct btf *btf__parse(const void *buf, size_t len)
{
	void *copy = malloc(len ? len : 1);

	if (!copy) {
		errno = ENOMEM;
		return NULL;
	}
	/* An empty .BTF may come with no buffer at all. */
	if (len)
		memcpy(copy, buf, len);
	return parse_owned(copy, len, 0, false);
}

/* Read and parse a file, indexed whole unless lazy (the kernel's own). */
static struct btf *read_file(const char *path, bool lazy)
{
	size_t cap, len = 0;
	struct stat st;
	char *buf, *grown;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* sysfs gives vmlinux's size; start from it, grow if it lied. */
	cap = !fstat(fd, &st) && st.st_size > 0 && st.st_size < (off_t)BTF_MAX_FILE ?
	      (size_t)st.st_size + 1 : 1 << 16;
	buf = malloc(cap);
	if (!buf)
		goto out_nomem;
	for (;;) {
		if (len == cap) {
			if (cap >= BTF_MAX_FILE) {
				err = EFBIG;
				goto out_free;
			}
			grown = realloc(buf, cap * 2);
			if (!grown)
				goto out_nomem;
			buf = grown;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			goto out_free;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	return parse_owned(buf, len, 0, lazy);

out_nomem:
	err = ENOMEM;
out_free:
	free(buf);
	close(fd);
	errno = err;
	return NULL;
}

/*
 * The kernel's own BTF mapped where it allows (6.16: read-only, private,
 * the whole file): its 5 MiB are then read in place, not copied a page
 * per read(2) into memory of ours. Only the kernel's file: a file on disk
 * could shrink under the mapping. NULL with errno when not mappable.
 */
static struct btf *map_vmlinux(void)
{
	struct stat st;
	void *data;
	int fd = open(BTF_VMLINUX_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size <= 0 || st.st_size >= BTF_MAX_FILE) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED)
		return NULL;
	return parse_owned(data, (size_t)st.st_size, (size_t)st.st_size, true);
}

struct btf *btf__load_file(const char *path)
{
	return read_file(path, false);
}

struct btf *btf__load_vmlinux(void)
{
	struct btf *btf = map_vmlinux();

	if (btf || errno == ENOENT || errno == ENOMEM)
		return btf;
	return read_file(BTF_VMLINUX_PATH, true);
}

void btf__free(struct btf *btf)
{
	if (!btf)
		return;
	free(btf->idx->offs);
	if (btf->mapped)
		munmap(btf->data, btf->mapped);
	else
		free(btf->data);
	free(btf);
}

__u32 btf__nr_types(const struct btf *btf)
{
	index_upto(btf, UINT32_MAX);
	return btf->idx->nr_types;
}

const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id)
{
	if (!id)
		return &btf_void;
	if (id >= btf->idx->nr_types && index_upto(btf, id)) {
		errno = EINVAL;
		return NULL;
	}
	if (id >= btf->idx->nr_types) {
		errno = ENOENT;
		return NULL;
	}
	return (const void *)(btf->types + btf->idx->offs[id]);
}

int btf__find_by_name_kind(const struct btf *btf, const char *name,
			   unsigned int kind)
{
	__u32 id;

	for (id = 1;; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *s;

		if (!t)
			return errno == EINVAL ? -EINVAL : -ENOENT;
		if (btf_kind(t) != kind)
			continue;
		s = btf__name(btf, t->name_off);
		if (s && !strcmp(s, name))
			return (int)id;
	}
}

/* "long" is among the first types of a kernel's BTF: index to it. */
static __u32 ptr_size(const struct btf *btf)
{
	struct btf_index *x = btf->idx;

	while (!x->long_seen && !x->err && x->pos < btf->type_len)
		index_upto(btf, x->nr_types);
	return x->ptr_size;
}

static bool is_modifier(unsigned int kind)
{
	return kind == BTF_KIND_TYPEDEF || kind == BTF_KIND_VOLATILE ||
	       kind == BTF_KIND_CONST || kind == BTF_KIND_RESTRICT ||
	       kind == BTF_KIND_TYPE_TAG;
}

__u32 btf__skip_modifiers(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;
	int depth;

	for (depth = 0; depth < BTF_MAX_DEPTH; depth++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return 0;
		if (!is_modifier(btf_kind(t)))
			return id;
		id = t->type;
	}
	return 0;
}

__s64 btf__resolve_size(const struct btf *btf, __u32 id)
{
	const struct btf_array *arr;
	const struct btf_type *t;
	__u64 nelems = 1, size;
	int depth;

	for (depth = 0; depth < BTF_MAX_DEPTH; depth++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return -EINVAL;
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_DATASEC:
		case BTF_KIND_FLOAT:
			size = t->size;
			goto out;
		case BTF_KIND_PTR:
			size = ptr_size(btf);
			goto out;
		case BTF_KIND_ARRAY:
			arr = (const void *)(t + 1);
			/* Both factors stay below 2^32: the product fits. */
			nelems *= arr->nelems;
			if (nelems > UINT32_MAX)
				return -E2BIG;
			id = arr->type;
			break;
		case BTF_KIND_VAR:
			id = t->type;
			break;
		default:
			if (!is_modifier(btf_kind(t)))
				return -EINVAL;
			id = t->type;
		}
	}
	return -ELOOP;
out:
	size *= nelems;
	return size > UINT32_MAX ? -E2BIG : (__s64)size;
}

/* Search struct/union id for name; *bits gets its bit offset in id. */
static int find_member(const struct btf *btf, __u32 id, const char *name,
		       int depth, __u32 *visits, __u64 *bits, __u32 *type_id)
{
	const struct btf_member *m;
	const struct btf_type *t;
	unsigned int i, kind;
	__u64 sub;
	int err;

	t = btf__type_by_id(btf, btf__skip_modifiers(btf, id));
	kind = t ? btf_kind(t) : BTF_KIND_UNKN;
	if (kind != BTF_KIND_STRUCT && kind != BTF_KIND_UNION)
		return -EINVAL;
	if (depth >= BTF_MAX_DEPTH)
		return -ELOOP;
	m = (const void *)(t + 1);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		__u32 off = BTF_INFO_KFLAG(t->info) ? BTF_MEMBER_BIT_OFFSET(m->offset)
						    : m->offset;
		const char *s = btf__name(btf, m->name_off);

		/* A corrupt blob can nest a struct in itself many times over. */
		if (++*visits > BTF_MAX_VISITS)
			return -ELOOP;
		if (!s)
			return -EINVAL;
		if (*s) {
			if (strcmp(s, name))
				continue;
			*bits = off;
			if (type_id)
				*type_id = m->type;
			return 0;
		}
		err = find_member(btf, m->type, name, depth + 1, visits, &sub,
				  type_id);
		if (!err) {
			*bits = off + sub;
			return 0;
		}
		/* An anonymous member that is no struct holds no names. */
		if (err != -ENOENT && err != -EINVAL)
			return err;
	}
	return -ENOENT;
}

int btf__member(const struct btf *btf, __u32 id, const char *name,
		__u32 *type_id)
{
	__u32 visits = 0;
	__u64 bits;
	int err;

	err = find_member(btf, id, name, 0, &visits, &bits, type_id);
	if (err)
		return err;
	if (bits % 8 || bits / 8 > INT32_MAX)
		return -EINVAL;
	return (int)(bits / 8);
}
