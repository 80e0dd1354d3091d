/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Escaping for text output: the one routine every text column that
 * carries bytes a traced process chose goes through (comm, paths, argv,
 * mount arguments, file names read from a trace or an object file).
 * barebpf runs as root and prints what any process names itself, so
 * none of it may reach a terminal raw: an ESC would drive the terminal,
 * a newline would forge a line.
 *
 * The form is C's, as strace and "ls -b" print it, and it is reversible:
 *
 *   \            ->  \\
 *   newline, tab, carriage return  ->  \n  \t  \r
 *   every other C0 control and DEL  ->  \xHH   (ESC is \x1b, BEL \x07)
 *   C1 controls, U+0080..U+009F (bytes c2 80..c2 9f)  ->  \xc2\x9b
 *   each byte that is not part of valid UTF-8  ->  \xHH  (0xff is \xff)
 *   "  ->  \"  only with ESCAPE_QUOTE (for strings printed between quotes)
 *
 * Everything else passes unchanged: printable ASCII, the space, and
 * valid multibyte UTF-8 (overlong forms, surrogates and code points past
 * U+10FFFF are invalid, so escaped byte by byte). Reading \\ \n \t \r \"
 * and \xHH back gives the original bytes (unescape_bytes() does it);
 * no other backslash appears. Hex digits are lower case.
 *
 * Use out_esc() and its siblings in tools/lib/output.h to print; call
 * escape_bytes() directly only to build a string. JSON output has its
 * own escaping (tools/lib/json.h) and does not come here.
 */
#ifndef BAREBPF_TOOLS_ESCAPE_H
#define BAREBPF_TOOLS_ESCAPE_H

#include <stddef.h>

/* Worst case: every byte becomes \xHH; plus the terminating NUL. */
#define ESCAPED_MAX(n) ((n) * 4 + 1)

enum escape_flags {
	ESCAPE_QUOTE = 1 << 0,	/* also " as \" */
};

/*
 * Escape s (len bytes, stopping early at a NUL) into dst, which must hold
 * ESCAPED_MAX(len) bytes; dst ends with a NUL. Returns the length written,
 * not counting the NUL.
 */
size_t escape_bytes(char *dst, const char *s, size_t len, unsigned int flags);

/*
 * Length of the escaped form of s (len bytes, stopping at a NUL) and, in
 * *columns when not NULL, how many terminal columns it takes (a kept
 * multibyte character counts as one), for padding a column.
 */
size_t escape_len(const char *s, size_t len, unsigned int flags,
		  size_t *columns);

/*
 * The escaped prefix of s that needs no change: the number of bytes from
 * the start that pass unchanged (stopping at a NUL or len). Lets a printer
 * copy runs of plain bytes and escape only what must be.
 */
size_t escape_plain_run(const char *s, size_t len, unsigned int flags);

/*
 * The escape for the byte or sequence at s (n bytes left, n >= 1), which
 * escape_plain_run() stopped at: written to out (room for 8 bytes, no
 * NUL). Returns its length; *used gets how many input bytes it stands for.
 */
size_t escape_one(char out[8], const char *s, size_t n, unsigned int flags,
		  size_t *used);

/*
 * Undo escape_bytes(): s (len bytes) back into dst (len + 1 bytes, NUL
 * terminated; the result may hold NULs only if s held \x00). Returns the
 * length, or -EINVAL at a backslash that is not one of the forms above.
 */
long unescape_bytes(char *dst, const char *s, size_t len);

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when
 * the bytes there are not one. Shared with the JSON escaping.
 */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif /* BAREBPF_TOOLS_ESCAPE_H */
