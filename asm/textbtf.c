// SPDX-License-Identifier: GPL-2.0
/*
 * BTF for an assembled program: types, FUNC_PROTO and FUNC records
 * written as words, strings after them, func_info and line_info.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/insn.h"
#include "asm/textbtf.h"

#define KEY_MAX		(BUILDER_NAME_MAX + 8)

struct known_type {
	char key[KEY_MAX];		/* "i:int", "t:__u32", "p:4", ... */
	__u32 id;
};

struct writer {
	__u32 *words;
	size_t nr_words, cap_words;
	char *strs;
	size_t strs_len, cap_strs;
	__u32 nr_types;
	struct known_type *known;
	size_t nr_known;
	int err;
};

static int grow(struct writer *w, void **p, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * sz);
	if (!np) {
		w->err = -ENOMEM;
		return -ENOMEM;
	}
	*p = np;
	*cap = ncap;
	return 0;
}

/* The string's offset; names of types are looked for first. */
static __u32 str(struct writer *w, const char *s, bool reuse)
{
	size_t n = strlen(s) + 1, off;

	if (!*s)
		return 0;
	for (off = 1; reuse && off < w->strs_len; off += strlen(w->strs + off) + 1)
		if (!strcmp(w->strs + off, s))
			return (__u32)off;
	if (grow(w, (void **)&w->strs, &w->cap_strs, w->strs_len + n, 1))
		return 0;
	off = w->strs_len;
	memcpy(w->strs + off, s, n);
	w->strs_len += n;
	return (__u32)off;
}

static void word(struct writer *w, __u32 v)
{
	if (grow(w, (void **)&w->words, &w->cap_words, w->nr_words + 1,
		 sizeof(*w->words)))
		return;
	w->words[w->nr_words++] = v;
}

/* A type record's first three words; returns its id. */
static __u32 type(struct writer *w, const char *name, __u32 kind, __u32 vlen,
		  __u32 size_or_type)
{
	word(w, str(w, name, true));
	word(w, kind << 24 | vlen);
	word(w, size_or_type);
	return ++w->nr_types;
}

static __u32 *lookup(struct writer *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->nr_known; i++)
		if (!strcmp(w->known[i].key, key))
			return &w->known[i].id;
	return NULL;
}

static void remember(struct writer *w, const char *key, __u32 id)
{
	struct known_type *k;

	k = realloc(w->known, (w->nr_known + 1) * sizeof(*k));
	if (!k) {
		w->err = -ENOMEM;
		return;
	}
	w->known = k;
	snprintf(k[w->nr_known].key, KEY_MAX, "%s", key);
	k[w->nr_known++].id = id;
}

static __u32 int_type(struct writer *w, const char *name, __u8 size, __u8 encoding)
{
	char key[KEY_MAX];
	__u32 *known, id;

	snprintf(key, sizeof(key), "i:%s", name);
	known = lookup(w, key);
	if (known)
		return *known;
	id = type(w, name, BTF_KIND_INT, 0, size);
	word(w, (__u32)encoding << 24 | size * 8);
	remember(w, key, id);
	return id;
}

/* A modifier of id (PTR, CONST) or a named type, once each. */
static __u32 wrap(struct writer *w, char tag, const char *name, __u32 kind,
		  __u32 of)
{
	char key[KEY_MAX];
	__u32 *known, id;

	if (name)
		snprintf(key, sizeof(key), "%c:%s", tag, name);
	else
		snprintf(key, sizeof(key), "%c:%u", tag, of);
	known = lookup(w, key);
	if (known)
		return *known;
	id = type(w, name ? name : "", kind, 0, of);
	remember(w, key, id);
	return id;
}

static __u32 ctype(struct writer *w, const struct asm_ctype *t)
{
	__u32 id = 0;
	int i;

	switch (t->kind) {
	case ASM_CTYPE_VOID:
		break;
	case ASM_CTYPE_INT:
		id = int_type(w, t->name, t->size, t->encoding);
		break;
	case ASM_CTYPE_TYPEDEF:
		id = wrap(w, 't', t->name, BTF_KIND_TYPEDEF,
			  int_type(w, t->base, t->size, t->encoding));
		break;
	case ASM_CTYPE_STRUCT:
	case ASM_CTYPE_UNION:
		/*
		 * No members: the kernel knows a context argument by its
		 * struct's name alone (clang gives a FWD for a struct it
		 * has not seen, which the kernel does not take there).
		 */
		id = wrap(w, t->kind == ASM_CTYPE_STRUCT ? 's' : 'u', t->name,
			  t->kind == ASM_CTYPE_STRUCT ? BTF_KIND_STRUCT :
			  BTF_KIND_UNION, 0);
		break;
	}
	if (t->is_const)
		id = wrap(w, 'c', NULL, BTF_KIND_CONST, id);
	for (i = 0; i < t->ptr; i++)
		id = wrap(w, 'p', NULL, BTF_KIND_PTR, id);
	return id;
}

/* FUNC_PROTO and FUNC of f; the FUNC's id. */
static __u32 func(struct writer *w, const struct asm_func *f)
{
	__u32 ret = ctype(w, &f->ret), args[ASM_FUNC_ARGS_MAX], proto;
	int i;

	for (i = 0; i < f->nr_args; i++)
		args[i] = ctype(w, &f->args[i]);
	proto = type(w, "", BTF_KIND_FUNC_PROTO, (__u32)f->nr_args, ret);
	for (i = 0; i < f->nr_args; i++) {
		word(w, str(w, f->arg_names[i], true));
		word(w, args[i]);
	}
	return type(w, f->name, BTF_KIND_FUNC,
		    f->global ? BTF_FUNC_GLOBAL : BTF_FUNC_STATIC, proto);
}

/* The text of line n (from 1), blanks trimmed; its column in *col. */
static const char *line_text(const char *text, int n, size_t *len, int *col)
{
	const char *s = text, *end;

	while (s && --n > 0) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s)
		s = "";
	end = s + strcspn(s, "\n");
	*col = 1;
	while (s < end && (*s == ' ' || *s == '\t')) {
		s++;
		(*col)++;
	}
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*len = (size_t)(end - s);
	return s;
}

static int line_info(struct writer *w, const struct asm_prog *p,
		     const char *file, struct asm_btf *btf)
{
	__u32 file_off = str(w, file, true), j = 0;
	const char *text;
	size_t i, f = 0, len;
	int last = -1, col;
	char *buf;

	btf->line_info = calloc(p->b.len, sizeof(*btf->line_info));
	if (!btf->line_info)
		return -ENOMEM;
	for (i = 0; i < p->b.len && !w->err; i++) {
		bool starts = f < p->nr_funcs && p->funcs[f].index == i;

		f += starts;
		/* One record a line; each function's first instruction has one */
		if (p->lines[i] != last || starts || i == 0) {
			text = line_text(p->text, p->lines[i], &len, &col);
			buf = strndup(text, len);
			if (!buf)
				return -ENOMEM;
			btf->line_info[j] = (struct bpf_line_info){
				.insn_off = (__u32)i,
				.file_name_off = file_off,
				.line_off = str(w, buf, false),
				.line_col = (__u32)p->lines[i] << 10 |
					    (__u32)(col < 1024 ? col : 1023),
			};
			free(buf);
			j++;
			last = p->lines[i];
		}
		i += BPF_INSN_IS_LD_IMM64(p->b.insns[i]);
	}
	btf->nr_line_info = j;
	return w->err;
}

int asm_prog__btf(const struct asm_prog *p, const char *main_name,
		  const char *file, struct asm_btf *btf)
{
	struct asm_func main_func = {
		.global = true,
		.ret = { .kind = ASM_CTYPE_INT, .name = "int", .size = 4,
			 .encoding = BTF_INT_SIGNED },
	};
	struct writer w = { 0 };
	struct btf_header hdr = {
		.magic = BTF_MAGIC, .version = BTF_VERSION,
		.hdr_len = sizeof(hdr),
	};
	bool own_main;
	size_t i;
	__u32 n = 0;
	int err;

	memset(btf, 0, sizeof(*btf));
	if (!p->nr_funcs)
		return 0;
	own_main = p->funcs[0].index != 0;
	snprintf(main_func.name, sizeof(main_func.name), "%s",
		 main_name && *main_name ? main_name : "prog");
	btf->func_info = calloc(p->nr_funcs + 1, sizeof(*btf->func_info));
	if (grow(&w, (void **)&w.strs, &w.cap_strs, 1, 1) || !btf->func_info) {
		err = -ENOMEM;
		goto out;
	}
	w.strs[w.strs_len++] = '\0';
	if (own_main)
		btf->func_info[n++] = (struct bpf_func_info){ 0, func(&w, &main_func) };
	for (i = 0; i < p->nr_funcs; i++)
		btf->func_info[n++] = (struct bpf_func_info){
			(__u32)p->funcs[i].index, func(&w, &p->funcs[i]) };
	btf->nr_func_info = n;
	err = line_info(&w, p, file, btf);
	if (err || w.err) {
		err = err ? err : w.err;
		goto out;
	}
	hdr.type_len = (__u32)(w.nr_words * sizeof(__u32));
	hdr.str_off = hdr.type_len;
	hdr.str_len = (__u32)w.strs_len;
	btf->size = (__u32)sizeof(hdr) + hdr.type_len + hdr.str_len;
	btf->data = malloc(btf->size);
	if (!btf->data) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(btf->data, &hdr, sizeof(hdr));
	memcpy((char *)btf->data + sizeof(hdr), w.words, hdr.type_len);
	memcpy((char *)btf->data + sizeof(hdr) + hdr.type_len, w.strs, w.strs_len);
out:
	free(w.words);
	free(w.strs);
	free(w.known);
	if (err)
		asm_btf__free(btf);
	return err;
}

void asm_btf__free(struct asm_btf *btf)
{
	free(btf->data);
	free(btf->func_info);
	free(btf->line_info);
	memset(btf, 0, sizeof(*btf));
}
