/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw DEFLATE stream (RFC 1951: stored, fixed and dynamic Huffman
 * blocks), as gzip -9n writes it past its 10-byte header: what the tiny
 * build keeps its help texts in (tools/lib/packed.h).
 */
#ifndef BAREBPF_TOOLS_INFLATE_H
#define BAREBPF_TOOLS_INFLATE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Inflate src into dst. Returns the bytes written, -ENOBUFS when they
 * would not fit dst_size, or -EINVAL when src is not a whole DEFLATE
 * stream (a bad block type or code, a distance before the start, the
 * input ending before the last block does). Prints nothing.
 */
ssize_t inflate_raw(void *dst, size_t dst_size, const void *src,
		    size_t src_size);

#endif /* BAREBPF_TOOLS_INFLATE_H */
