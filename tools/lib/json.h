/* SPDX-License-Identifier: GPL-2.0 */
/*
 * JSON string output. Paths and arguments are bytes, not text: valid
 * UTF-8 passes through, control characters become \n, \t or \u00XX, and
 * each byte that is not part of valid UTF-8 becomes \udcXX (the
 * "surrogateescape" convention, so Python's os.fsencode() gives back the
 * original bytes).
 */
#ifndef BAREBPF_TOOLS_JSON_H
#define BAREBPF_TOOLS_JSON_H

#include <stddef.h>
#include <linux/types.h>

/* Worst case: every byte becomes a 6-byte escape. */
#define JSON_ESCAPED_MAX(n) ((n) * 6 + 3)

/*
 * Write s (len bytes, stopping early at a NUL) as a quoted JSON string
 * into dst, which must hold JSON_ESCAPED_MAX(len) bytes. Returns the
 * length written, not counting the terminating NUL.
 */
size_t json_escape(char *dst, const char *s, size_t len);

/*
 * Append s (up to max_len bytes, stopping at a NUL) to the output buffer
 * as a quoted JSON string, whole however long: no path is cut.
 */
void out_json_str(const char *s, size_t max_len);

/* The same for len bytes exactly, NULs among them (as \u0000). */
void out_json_data(const char *s, size_t len);

/*
 * Open an event's JSON line with who and when, as the tracing tools'
 * lines begin: {"time_ns":N,"pid":P,"tid":T,"uid":U,"comm":"..." (no
 * "uid" when uid is negative); the tool goes on with its own keys and
 * "}\n". comm is comm_len bytes at most.
 */
void out_json_who(__u64 time_ns, __u32 pid, __u32 tid, long long uid,
		  const char *comm, size_t comm_len);

#endif /* BAREBPF_TOOLS_JSON_H */
