// SPDX-License-Identifier: GPL-2.0
/* Paths in a trace: interned once each, joined and folded lexically. */
#include <stdlib.h>
#include <string.h>
#include "tools/buildtrace/model.h"

/* FNV-1a, 64-bit on every target; the index takes the low bits. */
static size_t hash_str(const char *s, size_t len)
{
	__u64 h = 1469598103934665603ull;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return (size_t)h;
}

static int index_grow(struct bt_model *m)
{
	size_t size = m->index_size ? m->index_size * 2 : 1024, i, j;
	__u32 *idx = calloc(size, sizeof(*idx));

	if (!idx)
		return -1;
	for (i = 1; i < m->nr_paths; i++) {
		j = hash_str(m->paths[i], strlen(m->paths[i])) & (size - 1);
		while (idx[j])
			j = (j + 1) & (size - 1);
		idx[j] = (__u32)i + 1;
	}
	free(m->path_index);
	m->path_index = idx;
	m->index_size = size;
	return 0;
}

__u32 bt_model__intern(struct bt_model *m, const char *path, size_t len)
{
	char *copy, **paths;
	size_t j;

	if (!m->nr_paths) {
		/* id 0 is the empty path: "none" */
		m->paths = calloc(64, sizeof(*paths));
		if (!m->paths || !(m->paths[0] = strdup("")))
			return 0;
		m->cap_paths = 64;
		m->nr_paths = 1;
	}
	if (!len)
		return 0;
	if ((m->nr_paths + 1) * 2 > m->index_size && index_grow(m))
		return 0;
	j = hash_str(path, len) & (m->index_size - 1);
	for (; m->path_index[j]; j = (j + 1) & (m->index_size - 1)) {
		const char *p = m->paths[m->path_index[j] - 1];

		if (!strncmp(p, path, len) && !p[len])
			return m->path_index[j] - 1;
	}
	if (m->nr_paths == m->cap_paths) {
		paths = realloc(m->paths, (m->cap_paths * 2 + 64) * sizeof(*paths));
		if (!paths)
			return 0;
		m->paths = paths;
		m->cap_paths = m->cap_paths * 2 + 64;
	}
	copy = strndup(path, len);
	if (!copy)
		return 0;
	m->paths[m->nr_paths] = copy;
	m->path_index[j] = (__u32)m->nr_paths + 1;
	return (__u32)m->nr_paths++;
}

size_t bt_path_join(char *dst, size_t size, const char *base, const char *rel)
{
	const char *p, *end;
	size_t len = 0, n;
	int pass;

	if (size < 2) {
		if (size)
			*dst = '\0';
		return 0;
	}
	/* base (unless rel is absolute), then rel, a component at a time */
	for (pass = 0; pass < 2; pass++) {
		p = pass ? rel : (*rel == '/' ? "" : base);
		for (; *p; p = end) {
			while (*p == '/')
				p++;
			end = strchrnul(p, '/');
			n = (size_t)(end - p);
			if (!n || (n == 1 && *p == '.'))
				continue;
			if (n == 2 && p[0] == '.' && p[1] == '.') {
				while (len && dst[len - 1] != '/')
					len--;
				if (len)
					len--;
				continue;
			}
			if (len + 1 + n > size - 1)
				n = len + 1 < size - 1 ? size - 2 - len : 0;
			if (!n)
				break;
			dst[len++] = '/';
			memcpy(dst + len, p, n);
			len += n;
		}
	}
	if (!len)
		dst[len++] = '/';
	dst[len] = '\0';
	return len;
}

bool bt_path_under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	while (n > 1 && prefix[n - 1] == '/')
		n--;
	if (n == 1 && *prefix == '/')
		return *path == '/';
	return !strncmp(path, prefix, n) && (path[n] == '/' || !path[n]);
}

