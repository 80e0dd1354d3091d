// SPDX-License-Identifier: GPL-2.0
/* The packed texts inflated in place (tools/lib/packed.h). */
#include <errno.h>
#include <stddef.h>
#include "tools/lib/inflate.h"
#include "tools/lib/packed.h"

/*
 * All weak: only the tiny build's second link has them all. Its first
 * link has the section loaded as it is and no deflated bytes; other
 * builds have neither.
 */
extern const unsigned char packed_deflated[] __attribute__((weak));
extern const size_t packed_deflated_size __attribute__((weak));
extern char packed_start[] __attribute__((weak));	/* tools/lib/packed.ld */
extern char packed_end[] __attribute__((weak));

int packed_unpack(void)
{
	size_t size = packed_end - packed_start;
	ssize_t n;

	if (!packed_deflated)
		return 0;
	n = inflate_raw(packed_start, size, packed_deflated,
			packed_deflated_size);
	return n == (ssize_t)size ? 0 : -EINVAL;
}
