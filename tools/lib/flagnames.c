// SPDX-License-Identifier: GPL-2.0
/* Flags as names. */
#include <stdio.h>
#include "tools/lib/flagnames.h"

int flags_text(char *buf, size_t len, const struct flag_name *t,
	       unsigned long long v, enum flags_rest rest)
{
	unsigned int taken = 0;
	size_t used = 0;
	int names = 0, n;

	if (!len)
		return 0;
	buf[0] = '\0';
	for (; t && t->name; t++) {
		if ((t->mask & taken) || (v & t->mask) != t->value)
			continue;
		n = snprintf(buf + used, len - used, "%s%s", names ? "|" : "", t->name);
		if (n < 0 || (size_t)n >= len - used)
			return names;
		used += (size_t)n;
		names++;
		taken |= t->mask;
		v &= ~(unsigned long long)t->mask;
	}
	if (v || !names)
		snprintf(buf + used, len - used,
			 rest == FLAGS_REST_OCTAL ? "%s0%llo" : "%s%#llx",
			 names ? "|" : "", v);
	return names;
}
