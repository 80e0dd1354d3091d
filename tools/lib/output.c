// SPDX-License-Identifier: GPL-2.0
/* One output buffer per process; tools print nowhere else on stdout. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/escape.h"
#include "tools/lib/output.h"

static char buf[OUTPUT_BUF_SIZE];
static size_t len;
static int out_fd = 1;
static int write_err;
static bool raw;

void output_set_fd(int fd)
{
	out_fd = fd;
}

void output_set_raw(bool on)
{
	raw = on;
}

int out_flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < len && !write_err) {
		n = write(out_fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			write_err = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	len = 0;
	return -write_err;
}

bool out_failed(void)
{
	return write_err != 0;
}

void out_write(const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof(buf) - len, chunk = n < room ? n : room;

		memcpy(buf + len, s, chunk);
		len += chunk;
		s += chunk;
		n -= chunk;
		if (len == sizeof(buf))
			out_flush();
	}
}

void out_str(const char *s)
{
	out_write(s, strlen(s));
}

void out_char(char c)
{
	if (len == sizeof(buf))
		out_flush();
	buf[len++] = c;
}

void out_printf(const char *fmt, ...)
{
	va_list ap;
	size_t room = sizeof(buf) - len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < room) {
		len += (size_t)n;
		return;
	}
	/* Did not fit: flush and format again, or truncate a giant row. */
	out_flush();
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		len = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
}

/* Plain runs copied as they are, each escape written as it comes. */
static void write_escaped(const char *s, size_t n, unsigned int flags)
{
	size_t k, used;
	char tmp[8];

	for (;;) {
		k = escape_plain_run(s, n, flags);
		out_write(s, k);
		s += k;
		n -= k;
		if (!n || !*s)
			return;
		out_write(tmp, escape_one(tmp, s, n, flags, &used));
		s += used;
		n -= used;
	}
}

void out_esc(const char *s, size_t max_len)
{
	size_t n = strnlen(s, max_len);

	if (raw)
		out_write(s, n);
	else
		write_escaped(s, n, 0);
}

void out_esc_quoted(const char *s, size_t max_len)
{
	size_t n = strnlen(s, max_len), i;

	out_char('"');
	if (!raw) {
		write_escaped(s, n, ESCAPE_QUOTE);
	} else {
		for (i = 0; i < n; i++) {
			if (s[i] == '"' || s[i] == '\\')
				out_char('\\');
			out_char(s[i]);
		}
	}
	out_char('"');
}

void out_esc_col(const char *s, size_t max_len, int width)
{
	size_t n = strnlen(s, max_len), cols = n;

	if (raw) {
		out_write(s, n);
	} else {
		escape_len(s, n, 0, &cols);
		write_escaped(s, n, 0);
	}
	for (; (int)cols < width; cols++)
		out_char(' ');
}
