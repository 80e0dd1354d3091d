// SPDX-License-Identifier: GPL-2.0
/* JSON string escaping for byte strings. */
#include <string.h>
#include "tools/lib/json.h"
#include "tools/lib/output.h"

static const char hex[] = "0123456789abcdef";

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
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

size_t json_escape(char *dst, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	char *d = dst;
	size_t i = 0, n;

	*d++ = '"';
	while (i < len && s[i]) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			*d++ = '\\';
			*d++ = (char)c;
		} else if (c == '\n') {
			*d++ = '\\';
			*d++ = 'n';
		} else if (c == '\t') {
			*d++ = '\\';
			*d++ = 't';
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(d, "\\u00", 4);
			d[4] = hex[c >> 4];
			d[5] = hex[c & 15];
			d += 6;
		} else if (c < 0x80) {
			*d++ = (char)c;
		} else if ((n = utf8_len(s + i, len - i)) != 0) {
			memcpy(d, s + i, n);
			d += n;
			i += n;
			continue;
		} else {
			memcpy(d, "\\udc", 4);
			d[4] = hex[c >> 4];
			d[5] = hex[c & 15];
			d += 6;
		}
		i++;
	}
	*d++ = '"';
	*d = '\0';
	return (size_t)(d - dst);
}

void out_json_str(const char *s, size_t max_len)
{
	char buf[JSON_ESCAPED_MAX(4096)];
	size_t n = strnlen(s, max_len);

	if (n > 4096)
		n = 4096;
	out_write(buf, json_escape(buf, s, n));
}
