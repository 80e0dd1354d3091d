// SPDX-License-Identifier: GPL-2.0
/* The buildtrace file: a buffered writer, and a reader that trusts nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tools/buildtrace/file.h"

static const char zeros[8];

static size_t padded(size_t size)
{
	return (size + 7) & ~(size_t)7;
}

static void writer_put(struct bt_writer *w, const void *data, size_t len)
{
	while (len) {
		size_t room = BT_WRITE_BUF - w->len;
		size_t n = len < room ? len : room;

		memcpy(w->buf + w->len, data, n);
		w->len += n;
		data = (const char *)data + n;
		len -= n;
		if (w->len == BT_WRITE_BUF)
			bt_writer__flush(w);
	}
}

int bt_writer__open(struct bt_writer *w, int fd,
		    const struct bt_file_header *hdr)
{
	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->buf = malloc(BT_WRITE_BUF);
	if (!w->buf)
		return -ENOMEM;
	writer_put(w, hdr, sizeof(*hdr));
	return 0;
}

void bt_writer__add(struct bt_writer *w, const void *rec, size_t size)
{
	writer_put(w, rec, size);
	writer_put(w, zeros, padded(size) - size);
}

int bt_writer__flush(struct bt_writer *w)
{
	size_t done = 0;
	ssize_t n;

	while (done < w->len && !w->err) {
		n = write(w->fd, w->buf + done, w->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			w->err = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	w->written += done;
	w->len = 0;
	return -w->err;
}

int bt_writer__close(struct bt_writer *w)
{
	int err = w->buf ? bt_writer__flush(w) : 0;

	free(w->buf);
	w->buf = NULL;
	return err;
}

static int fail(struct bt_trace *t, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct bt_trace *t, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(t->err, sizeof(t->err), "byte %zu: ", off);
	va_start(ap, fmt);
	vsnprintf(t->err + n, sizeof(t->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int bt_trace__parse(struct bt_trace *t, char *buf, size_t len)
{
	const struct bt_file_header *h = (const void *)buf;

	memset(t, 0, sizeof(*t));
	t->buf = buf;
	t->len = len;
	if (len < 8 || memcmp(h->magic, BT_FILE_MAGIC, 8))
		return fail(t, 0, "not a buildtrace file (no \"%s\" at its start)",
			    BT_FILE_MAGIC);
	if (len < sizeof(*h))
		return fail(t, 0, "header cut short: %zu of %zu bytes", len,
			    sizeof(*h));
	if (h->byte_order != BT_BYTE_ORDER)
		return fail(t, 16, "written in the other byte order, or corrupt (0x%08x)",
			    h->byte_order);
	if (h->version < BT_FILE_VERSION_MIN || h->version > BT_FILE_VERSION)
		return fail(t, 8, "format version %u; this barebpf reads versions %u to %u",
			    h->version, BT_FILE_VERSION_MIN, BT_FILE_VERSION);
	if (h->header_size != sizeof(*h))
		return fail(t, 12, "header size %u, expected %zu", h->header_size,
			    sizeof(*h));
	if (h->word != 4 && h->word != 8)
		return fail(t, 20, "register size %u is neither 4 nor 8", h->word);
	t->hdr = h;
	t->off = sizeof(*h);
	return 0;
}

int bt_trace__load(struct bt_trace *t, const char *path)
{
	struct stat st;
	size_t done = 0;
	ssize_t n = 0;
	char *buf;
	int fd;

	memset(t, 0, sizeof(*t));
	/* O_NONBLOCK: a FIFO must be refused below, not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(t->err, sizeof(t->err), "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(t->err, sizeof(t->err), "not a regular file");
		close(fd);
		return -1;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		snprintf(t->err, sizeof(t->err), "%s", strerror(ENOMEM));
		close(fd);
		return -1;
	}
	while (done < (size_t)st.st_size) {
		n = read(fd, buf + done, (size_t)st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	if (done != (size_t)st.st_size) {
		snprintf(t->err, sizeof(t->err), "reading: %s",
			 n < 0 ? strerror(errno) : "file shrank");
		free(buf);
		return -1;
	}
	return bt_trace__parse(t, buf, done);
}

/* n NUL-terminated strings fill exactly len bytes at s. */
static bool strings_fill(const char *s, size_t len, __u32 n)
{
	const char *nul;

	while (len) {
		nul = memchr(s, '\0', len);
		if (!nul || !n)
			return false;
		n--;
		len -= (size_t)(nul - s) + 1;
		s = nul + 1;
	}
	return n == 0;
}

/* One string of exactly len bytes with its NUL, or len 0. */
static bool string_is(const char *s, size_t len)
{
	return !len || strnlen(s, len) == len - 1;
}

/* The size a record of this type must have, or 0 when it varies. */
static size_t fixed_size(__u16 type)
{
	switch (type) {
	case BT_FORK: return sizeof(struct bt_fork);
	case BT_EXIT: return sizeof(struct bt_head);
	case BT_EXEC_DONE: return sizeof(struct bt_exec_done);
	case BT_LOST: return sizeof(struct bt_lost);
	case BT_END: return sizeof(struct bt_end);
	}
	return 0;
}

/* The smallest size of a variable-size type, or 0 for an unknown type. */
static size_t min_size(__u16 type)
{
	switch (type) {
	case BT_SYSCALL: return sizeof(struct bt_syscall);
	case BT_EXEC: return sizeof(struct bt_exec);
	case BT_ARGV:
	case BT_ENV: return sizeof(struct bt_argv);
	case BT_EXEC_FILE: return sizeof(struct bt_exec_file);
	case BT_INFO: return sizeof(struct bt_info);
	case BT_FD: return sizeof(struct bt_fd);
	}
	return fixed_size(type);
}

/* Check what lies inside a record whose size is known to be in the file. */
static int check_body(struct bt_trace *t, size_t off, const struct bt_head *h)
{
	size_t size = h->size;

	switch (h->type) {
	case BT_SYSCALL: {
		const struct bt_syscall *sc = (const void *)h;
		size_t p0 = sc->path_len[0], p1 = sc->path_len[1];

		if (!sc->op || sc->op >= BT_NR_OPS)
			return fail(t, off, "syscall record with unknown op %u", sc->op);
		if (sc->aux_len > BT_AUX_MAX ||
		    sizeof(*sc) + p0 + p1 + sc->aux_len != size)
			return fail(t, off, "syscall record of %zu bytes holds %zu + %zu + %u",
				    size, p0, p1, sc->aux_len);
		if (!string_is(sc->data, p0) || !string_is(sc->data + p0, p1))
			return fail(t, off, "syscall record path is not one NUL-terminated string");
		break;
	}
	case BT_EXEC: {
		const struct bt_exec *e = (const void *)h;

		if (sizeof(*e) + e->filename_len != size ||
		    !string_is(e->filename, e->filename_len))
			return fail(t, off, "exec record filename of %u bytes does not fit %zu",
				    e->filename_len, size);
		break;
	}
	case BT_ARGV:
	case BT_ENV: {
		const struct bt_argv *a = (const void *)h;

		if (!strings_fill(a->data, size - sizeof(*a), a->count))
			return fail(t, off, "%s record does not hold %u strings",
				    h->type == BT_ENV ? "environment" : "argument",
				    a->count);
		break;
	}
	case BT_EXEC_FILE: {
		const struct bt_exec_file *e = (const void *)h;

		if (sizeof(*e) + e->filename_len != size ||
		    !string_is(e->filename, e->filename_len))
			return fail(t, off, "exec file record filename of %u bytes does not fit %zu",
				    e->filename_len, size);
		break;
	}
	case BT_INFO: {
		const struct bt_info *i = (const void *)h;

		if (!i->cwd_len ||
		    sizeof(*i) + (size_t)i->cwd_len + i->args_len != size ||
		    !string_is(i->data, i->cwd_len) ||
		    !strings_fill(i->data + i->cwd_len, i->args_len, i->nr_args))
			return fail(t, off, "info record lengths do not add up");
		break;
	}
	case BT_FD: {
		const struct bt_fd *f = (const void *)h;

		if (sizeof(*f) + (size_t)f->path_len != size ||
		    !string_is(f->path, f->path_len))
			return fail(t, off, "descriptor record path does not fit");
		break;
	}
	}
	return 0;
}

int bt_trace__next(struct bt_trace *t, const struct bt_head **rec)
{
	size_t off = t->off, left = t->len - off, need;
	const struct bt_head *h;

	if (!t->hdr)
		return -1;
	if (!left)
		return 0;
	if (left < sizeof(*h))
		return fail(t, off, "record cut short: %zu bytes left, a head takes %zu",
			    left, sizeof(*h));
	h = (const void *)(t->buf + off);
	need = min_size(h->type);
	if (!need)
		return fail(t, off, "unknown record type %u", h->type);
	if (h->size < need || (fixed_size(h->type) && h->size != need))
		return fail(t, off, "record of type %u has size %u, expected %s%zu",
			    h->type, h->size, fixed_size(h->type) ? "" : "at least ",
			    need);
	if (h->size > left)
		return fail(t, off, "record of %u bytes cut short: the file ends %zu bytes on",
			    h->size, left);
	if (check_body(t, off, h))
		return -1;
	t->off = off + padded(h->size) < t->len ? off + padded(h->size) : t->len;
	*rec = h;
	return 1;
}

void bt_trace__free(struct bt_trace *t)
{
	free(t->buf);
	t->buf = NULL;
	t->hdr = NULL;
}
