// SPDX-License-Identifier: GPL-2.0
/* One output buffer per process; tools print nowhere else on stdout. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/output.h"

static char buf[OUTPUT_BUF_SIZE];
static size_t len;
static int out_fd = 1;
static int write_err;

void output_set_fd(int fd)
{
	out_fd = fd;
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
