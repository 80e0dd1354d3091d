// SPDX-License-Identifier: GPL-2.0
/* Reading programs from files, and printing them back as text. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tools/lib/args.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"

/* No program or object we read comes near this; a device could. */
#define FILE_MAX	(256u << 20)

char *file_read(const char *path, size_t *len)
{
	size_t size = 0, cap = 64 << 10;
	char *buf = NULL, *p;
	ssize_t n;
	int fd, err;

	struct stat st;

	/* O_NONBLOCK: a FIFO must be refused below, not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st)) {
		err = errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? EISDIR : EFTYPE_NOT_REGULAR;
		goto fail;
	}
	for (;;) {
		if (size + 1 >= cap || !buf) {
			cap = buf ? cap * 2 : cap;
			p = cap > FILE_MAX ? NULL : realloc(buf, cap);
			if (!p) {
				err = cap > FILE_MAX ? EFBIG : ENOMEM;
				goto fail;
			}
			buf = p;
		}
		n = read(fd, buf + size, cap - size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			goto fail;
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	close(fd);
	buf[size] = '\0';
	*len = size;
	return buf;
fail:
	free(buf);
	close(fd);
	errno = err;
	return NULL;
}

const char *file_strerror(int err)
{
	return err == EFTYPE_NOT_REGULAR ? "not a regular file" : strerror(err);
}

bool file_is_elf(const char *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, "\177ELF", 4);
}

int source_assemble(const char *path, struct asm_prog *p,
		    char **text)
{
	size_t len;

	*text = file_read(path, &len);
	if (!*text) {
		tool_err("%s: %s", path, file_strerror(errno));
		memset(p, 0, sizeof(*p));
		return errno == ENOENT || errno == EISDIR ||
		       errno == EFTYPE_NOT_REGULAR ? EXIT_USAGE : EXIT_FAIL;
	}
	if (strlen(*text) != len || file_is_elf(*text, len)) {
		tool_err("%s: not an assembly text file (it holds NUL bytes)",
			 path);
		memset(p, 0, sizeof(*p));
		return EXIT_USAGE;
	}
	if (asm_prog__parse(p, path, *text)) {
		tool_err("%s", p->b.errmsg);
		return EXIT_USAGE;
	}
	if (!p->b.len) {
		tool_err("%s: no instructions", path);
		return EXIT_USAGE;
	}
	return 0;
}

void source_warnings(const struct asm_prog *p)
{
	size_t i;

	for (i = 0; i < p->nr_warnings; i++)
		tool_err("%s", p->warnings[i]);
}

const char *source_line(const char *text, int n, int *len)
{
	const char *end;

	while (text && --n > 0) {
		text = strchr(text, '\n');
		if (text)
			text++;
	}
	if (!text) {
		*len = 0;
		return "";
	}
	end = text;
	while (*end && *end != '\n' && *end != ';')
		end++;
	while (*text == ' ' || *text == '\t')
		text++;
	while (end > text && (end[-1] == ' ' || end[-1] == '\t' ||
			      end[-1] == '\r'))
		end--;
	*len = (int)(end - text);
	return text;
}

/* The caller's callbacks, run with their own ctx; print adds the index. */
struct listing {
	const struct disasm_cbs *user;
	size_t index;
};

/* bpftool's "% 4d": from 1000 on, a space still leads the index */
static void print_text(void *ctx, const char *text)
{
	out_printf("% 4d: %s\n", (int)((struct listing *)ctx)->index, text);
}

static const char *call_name(void *ctx, const struct bpf_insn *insn,
			     char *buf, size_t len)
{
	const struct disasm_cbs *user = ((struct listing *)ctx)->user;

	return user->call_name(user->ctx, insn, buf, len);
}

static const char *imm64(void *ctx, const struct bpf_insn *insn, __u64 imm,
			 char *buf, size_t len)
{
	const struct disasm_cbs *user = ((struct listing *)ctx)->user;

	return user->imm64(user->ctx, insn, imm, buf, len);
}

void print_listing_range(const struct bpf_insn *insns, size_t from, size_t to,
			 const struct disasm_cbs *cbs)
{
	struct listing l = { .user = cbs, .index = from };
	struct disasm_cbs c = { .print = print_text, .ctx = &l };
	int slots;

	if (cbs && cbs->call_name)
		c.call_name = call_name;
	if (cbs && cbs->imm64)
		c.imm64 = imm64;
	while (l.index < to) {
		slots = disasm_insn(&c, insns + l.index, to - l.index);
		if (slots < 0)
			break;
		l.index += (size_t)slots;
	}
}

void print_listing(const struct bpf_insn *insns, size_t n,
		   const struct disasm_cbs *cbs)
{
	print_listing_range(insns, 0, n, cbs);
}
