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

/* Write what is buffered. Returns 0, or -errno of the failed write. */
int out_flush(void);

/* True once a write failed (a closed pipe, a full disk). */
bool out_failed(void);

#endif /* BAREBPF_TOOLS_OUTPUT_H */
