// SPDX-License-Identifier: GPL-2.0
/*
 * Raw DEFLATE, small rather than fast: it runs once per start of the tiny
 * build, over some 50 KiB. Codes are decoded a bit at a time against the
 * count of codes of each length (canonical Huffman codes need no tree).
 */
#include <errno.h>
#include <string.h>
#include <linux/types.h>
#include "tools/lib/inflate.h"

#define MAX_BITS	15
#define LITLEN_CODES	288	/* 286 used; the fixed code lists 288 */
#define DIST_CODES	30

struct huffman {
	__u16 count[MAX_BITS + 1];	/* how many codes of each length */
	__u16 symbol[LITLEN_CODES];	/* the symbols, by code */
};

struct stream {
	const __u8 *in;
	size_t in_size, in_pos;
	__u8 *out;
	size_t out_size, out_pos;
	__u32 bits;		/* not yet used, the next one lowest */
	unsigned int nbits;
};

/* RFC 1951 3.2.5: lengths 3..258 and distances 1..32768. */
static const __u16 len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const __u8 len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const __u16 dist_base[DIST_CODES] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const __u8 dist_extra[DIST_CODES] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* The next need bits (up to 16), first bit lowest; -1 past the end. */
static int take(struct stream *s, unsigned int need)
{
	__u32 v = s->bits;

	while (s->nbits < need) {
		if (s->in_pos == s->in_size)
			return -1;
		v |= (__u32)s->in[s->in_pos++] << s->nbits;
		s->nbits += 8;
	}
	s->bits = v >> need;
	s->nbits -= need;
	return v & ((1u << need) - 1);
}

/*
 * Count the codes of each length and list the symbols in code order.
 * Returns -1 for lengths that ask for more codes than there are; an
 * incomplete code is taken (a code left unused fails in decode()).
 */
static int build(struct huffman *h, const __u8 *length, int n)
{
	__u16 offset[MAX_BITS + 1];
	int left = 1, len, sym;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < n; sym++)
		h->count[length[sym]]++;
	for (len = 1; len <= MAX_BITS; len++) {
		left = (left << 1) - h->count[len];
		if (left < 0)
			return -1;
	}
	offset[1] = 0;
	for (len = 1; len < MAX_BITS; len++)
		offset[len + 1] = offset[len] + h->count[len];
	for (sym = 0; sym < n; sym++)
		if (length[sym])
			h->symbol[offset[length[sym]]++] = sym;
	return 0;
}

/*
 * One symbol: codes are sent first bit first, and the codes of one
 * length are consecutive numbers after those of the length before.
 */
static int decode(struct stream *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0, len, bit;

	for (len = 1; len <= MAX_BITS; len++) {
		bit = take(s, 1);
		if (bit < 0)
			return -1;
		code |= bit;
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -1;
}

/* A block's literals and copies, up to its end code (256). */
static int codes(struct stream *s, const struct huffman *lit,
		 const struct huffman *dist)
{
	int sym, extra;
	size_t len, distance;

	for (;;) {
		sym = decode(s, lit);
		if (sym < 0)
			return -EINVAL;
		if (sym < 256) {
			if (s->out_pos == s->out_size)
				return -ENOBUFS;
			s->out[s->out_pos++] = sym;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29 || (extra = take(s, len_extra[sym])) < 0)
			return -EINVAL;
		len = len_base[sym] + extra;
		sym = decode(s, dist);
		if (sym < 0 || sym >= DIST_CODES ||
		    (extra = take(s, dist_extra[sym])) < 0)
			return -EINVAL;
		distance = dist_base[sym] + extra;
		if (distance > s->out_pos)
			return -EINVAL;
		if (len > s->out_size - s->out_pos)
			return -ENOBUFS;
		/* byte by byte: a copy may overlap what it writes */
		for (; len; len--, s->out_pos++)
			s->out[s->out_pos] = s->out[s->out_pos - distance];
	}
}

/* A stored block: from the next byte, LEN, its complement, LEN bytes. */
static int stored(struct stream *s)
{
	const __u8 *p = s->in + s->in_pos;
	size_t len;

	s->bits = 0;
	s->nbits = 0;
	if (s->in_size - s->in_pos < 4)
		return -EINVAL;
	len = p[0] | p[1] << 8;
	if ((len ^ 0xffff) != (size_t)(p[2] | p[3] << 8))
		return -EINVAL;
	s->in_pos += 4;
	if (len > s->in_size - s->in_pos)
		return -EINVAL;
	if (len > s->out_size - s->out_pos)
		return -ENOBUFS;
	memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
	s->in_pos += len;
	s->out_pos += len;
	return 0;
}

/* A block in the fixed code of RFC 1951 3.2.6. */
static int fixed(struct stream *s)
{
	struct huffman lit, dist;
	__u8 length[LITLEN_CODES];
	int sym;

	for (sym = 0; sym < LITLEN_CODES; sym++)
		length[sym] = sym < 144 ? 8 : sym < 256 ? 9 : sym < 280 ? 7 : 8;
	build(&lit, length, LITLEN_CODES);
	memset(length, 5, DIST_CODES);
	build(&dist, length, DIST_CODES);
	return codes(s, &lit, &dist);
}

/* A block that sends its codes first, themselves coded (RFC 1951 3.2.7). */
static int dynamic(struct stream *s)
{
	static const __u8 order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	struct huffman lit, dist;
	__u8 length[286 + DIST_CODES];
	int nlen, ndist, ncode, i, sym, n;
	__u8 repeat;

	nlen = take(s, 5);
	ndist = take(s, 5);
	ncode = take(s, 4);
	if (nlen < 0 || ndist < 0 || ncode < 0)
		return -EINVAL;
	nlen += 257;
	ndist += 1;
	ncode += 4;
	if (nlen > 286 || ndist > DIST_CODES)
		return -EINVAL;
	for (i = 0; i < 19; i++) {
		n = i < ncode ? take(s, 3) : 0;
		if (n < 0)
			return -EINVAL;
		length[order[i]] = n;
	}
	if (build(&lit, length, 19))
		return -EINVAL;
	for (i = 0; i < nlen + ndist; ) {
		sym = decode(s, &lit);
		if (sym < 0)
			return -EINVAL;
		if (sym < 16) {
			length[i++] = sym;
			continue;
		}
		repeat = 0;
		if (sym == 16) {
			if (!i)
				return -EINVAL;
			repeat = length[i - 1];
			n = take(s, 2);
			n = n < 0 ? n : 3 + n;
		} else if (sym == 17) {
			n = take(s, 3);
			n = n < 0 ? n : 3 + n;
		} else {
			n = take(s, 7);
			n = n < 0 ? n : 11 + n;
		}
		if (n < 0 || i + n > nlen + ndist)
			return -EINVAL;
		while (n--)
			length[i++] = repeat;
	}
	if (!length[256] || build(&lit, length, nlen) ||
	    build(&dist, length + nlen, ndist))
		return -EINVAL;
	return codes(s, &lit, &dist);
}

ssize_t inflate_raw(void *dst, size_t dst_size, const void *src,
		    size_t src_size)
{
	struct stream s = {
		.in = src, .in_size = src_size,
		.out = dst, .out_size = dst_size,
	};
	int last, type, err;

	do {
		last = take(&s, 1);
		type = take(&s, 2);
		if (last < 0 || type < 0)
			return -EINVAL;
		if (type == 0)
			err = stored(&s);
		else if (type == 1)
			err = fixed(&s);
		else if (type == 2)
			err = dynamic(&s);
		else
			err = -EINVAL;
		if (err)
			return err;
	} while (!last);
	return s.out_pos;
}
