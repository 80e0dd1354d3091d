/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CLOCK_MONOTONIC: the clock of bpf_ktime_get_ns(), so the tools' own
 * readings and the records' time_ns compare directly.
 */
#ifndef BAREBPF_TOOLS_CLOCK_H
#define BAREBPF_TOOLS_CLOCK_H

#include <time.h>
#include <linux/types.h>

static inline __u64 monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + (__u64)ts.tv_nsec;
}

static inline long long monotonic_ms(void)
{
	return (long long)(monotonic_ns() / 1000000);
}

#endif /* BAREBPF_TOOLS_CLOCK_H */
