// SPDX-License-Identifier: GPL-2.0
/* JSON string escaping for byte strings. */
#include <string.h>
#include "tools/lib/escape.h"
#include "tools/lib/json.h"
#include "tools/lib/output.h"

static const char hex[] = "0123456789abcdef";

/*
 * The escape for the byte at s (n bytes left) when it cannot pass as it
 * is, into out (6 bytes at most); 0 when it passes: printable ASCII but
 * " and \, and each byte of a valid UTF-8 sequence (*seq gets its length).
 */
static size_t escape_at(char *out, const unsigned char *s, size_t n,
			size_t *seq)
{
	unsigned char c = s[0];

	*seq = 1;
	if (c == '"' || c == '\\') {
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	}
	if (c == '\n' || c == '\t') {
		out[0] = '\\';
		out[1] = c == '\n' ? 'n' : 't';
		return 2;
	}
	if (c < 0x20 || c == 0x7f) {
		memcpy(out, "\\u00", 4);
	} else if (c < 0x80) {
		return 0;
	} else if ((*seq = utf8_seq_len(s, n)) != 0) {
		return 0;
	} else {
		*seq = 1;
		memcpy(out, "\\udc", 4);
	}
	out[4] = hex[c >> 4];
	out[5] = hex[c & 15];
	return 6;
}

size_t json_escape(char *dst, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	char *d = dst;
	size_t i = 0, k, seq;

	*d++ = '"';
	while (i < len && s[i]) {
		k = escape_at(d, s + i, len - i, &seq);
		if (!k) {
			memcpy(d, s + i, seq);
			k = seq;
		}
		d += k;
		i += seq;
	}
	*d++ = '"';
	*d = '\0';
	return (size_t)(d - dst);
}

/* Streamed: no length is too long, and none is cut. */
void out_json_data(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, k, seq;
	char esc[6];

	out_char('"');
	while (i < n) {
		k = escape_at(esc, s + i, n - i, &seq);
		if (!k) {
			run += seq;
			i += seq;
			continue;
		}
		out_write(str + i - run, run);
		out_write(esc, k);
		run = 0;
		i += seq;
	}
	out_write(str + i - run, run);
	out_char('"');
}

void out_json_str(const char *str, size_t max_len)
{
	out_json_data(str, strnlen(str, max_len));
}

void out_json_who(__u64 time_ns, __u32 pid, __u32 tid, long long uid,
		  const char *comm, size_t comm_len)
{
	out_printf("{\"time_ns\":%llu,\"pid\":%u,\"tid\":%u,",
		   (unsigned long long)time_ns, pid, tid);
	if (uid >= 0)
		out_printf("\"uid\":%lld,", uid);
	out_str("\"comm\":");
	out_json_str(comm, comm_len);
}
