// SPDX-License-Identifier: GPL-2.0
/* C-style escaping of traced bytes for text output, and its inverse. */
#include <errno.h>
#include <string.h>
#include "tools/lib/escape.h"

static const char hex[] = "0123456789abcdef";

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t need, i;
	unsigned int cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	need = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (need > n)
		return 0;
	cp = s[0] & (0x7f >> need);
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and past U+10FFFF are not valid. */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need;
}

/* A C1 control as UTF-8: terminals act on it as on ESC [ and friends. */
static int is_c1(const unsigned char *s)
{
	return s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f;
}

/*
 * How many bytes at s pass unchanged as one unit (a character), or 0
 * when s needs an escape.
 */
static size_t plain_len(const unsigned char *s, size_t n, unsigned int flags)
{
	size_t k;

	if (s[0] >= 0x20 && s[0] < 0x7f)
		return s[0] == '\\' || (s[0] == '"' && (flags & ESCAPE_QUOTE)) ?
			0 : 1;
	if (s[0] < 0x80)
		return 0;
	k = utf8_seq_len(s, n);
	return k && !is_c1(s) ? k : 0;
}

size_t escape_plain_run(const char *str, size_t len, unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;

	while (i < len && s[i] && (k = plain_len(s + i, len - i, flags)))
		i += k;
	return i;
}

static size_t hex_escape(char *out, unsigned char c)
{
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

size_t escape_one(char out[8], const char *str, size_t n, unsigned int flags,
		  size_t *used)
{
	const unsigned char *s = (const unsigned char *)str;

	(void)flags;
	*used = 1;
	switch (s[0]) {
	case '\\': case '"':
		out[0] = '\\';
		out[1] = (char)s[0];
		return 2;
	case '\n':
		memcpy(out, "\\n", 2);
		return 2;
	case '\t':
		memcpy(out, "\\t", 2);
		return 2;
	case '\r':
		memcpy(out, "\\r", 2);
		return 2;
	}
	if (n >= 2 && is_c1(s)) {
		/* Both bytes, so that reading back gives the same two. */
		*used = 2;
		hex_escape(out, s[0]);
		return 4 + hex_escape(out + 4, s[1]);
	}
	return hex_escape(out, s[0]);
}

size_t escape_bytes(char *dst, const char *s, size_t len, unsigned int flags)
{
	char *d = dst;
	size_t i = 0, k, used;

	for (;;) {
		k = escape_plain_run(s + i, len - i, flags);
		memcpy(d, s + i, k);
		d += k;
		i += k;
		if (i >= len || !s[i])
			break;
		d += escape_one(d, s + i, len - i, flags, &used);
		i += used;
	}
	*d = '\0';
	return (size_t)(d - dst);
}

size_t escape_len(const char *str, size_t len, unsigned int flags,
		  size_t *columns)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, out = 0, cols = 0, k, used;
	char tmp[8];

	while (i < len && s[i]) {
		k = plain_len(s + i, len - i, flags);
		if (k) {
			out += k;
			cols++;
			i += k;
			continue;
		}
		k = escape_one(tmp, str + i, len - i, flags, &used);
		out += k;
		cols += k;
		i += used;
	}
	if (columns)
		*columns = cols;
	return out;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long unescape_bytes(char *dst, const char *s, size_t len)
{
	size_t i = 0, n = 0;
	int hi, lo;

	while (i < len) {
		if (s[i] != '\\') {
			dst[n++] = s[i++];
			continue;
		}
		if (i + 1 >= len)
			return -EINVAL;
		switch (s[i + 1]) {
		case '\\': case '"':
			dst[n++] = s[i + 1];
			break;
		case 'n':
			dst[n++] = '\n';
			break;
		case 't':
			dst[n++] = '\t';
			break;
		case 'r':
			dst[n++] = '\r';
			break;
		case 'x':
			if (i + 3 >= len || (hi = hex_value(s[i + 2])) < 0 ||
			    (lo = hex_value(s[i + 3])) < 0)
				return -EINVAL;
			dst[n++] = (char)(hi << 4 | lo);
			i += 2;
			break;
		default:
			return -EINVAL;
		}
		i += 2;
	}
	dst[n] = '\0';
	return (long)n;
}
