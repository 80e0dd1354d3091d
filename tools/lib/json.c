// SPDX-License-Identifier: GPL-2.0
/* JSON string escaping for byte strings. */
#include <string.h>
#include "tools/lib/escape.h"
#include "tools/lib/json.h"
#include "tools/lib/output.h"

static const char hex[] = "0123456789abcdef";

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
		} else if ((n = utf8_seq_len(s + i, len - i)) != 0) {
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
