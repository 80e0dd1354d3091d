/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Buffered event output: rows are formatted straight into one 64 KiB
 * buffer and written when it fills or when a poll round ends, so a busy
 * trace costs one write(2) per many events and no allocation at all.
 */
#ifndef BAREBPF_TOOLS_OUTPUT_H
#define BAREBPF_TOOLS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#define OUTPUT_BUF_SIZE (64 << 10)

/* Send output to fd (1 by default). */
void output_set_fd(int fd);

void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_write(const char *s, size_t len);
void out_str(const char *s);
void out_char(char c);

/*
 * Bytes a traced process chose (comm, a path, an argument; up to max_len,
 * stopping at a NUL), escaped as tools/lib/escape.h says, so that they
 * cannot drive the terminal or break a line. Every text column of traced
 * bytes goes through one of these; --json output uses out_json_str().
 */
void out_esc(const char *s, size_t max_len);
/* Between double quotes, with " escaped too. */
void out_esc_quoted(const char *s, size_t max_len);
/* Then spaces up to width columns, as "%-*s" pads (never cuts). */
void out_esc_col(const char *s, size_t max_len, int width);

/*
 * --raw: the out_esc family writes the bytes as they are (out_esc_quoted
 * still escapes " and \, so that the quotes still delimit).
 */
void output_set_raw(bool raw);

/* Write what is buffered. Returns 0, or -errno of the failed write. */
int out_flush(void);

/* True once a write failed (a closed pipe, a full disk). */
bool out_failed(void);

#endif /* BAREBPF_TOOLS_OUTPUT_H */
