// SPDX-License-Identifier: GPL-2.0
/* stamp: print CLOCK_MONOTONIC in ns; started by a tracer, it marks attach. */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("stamp %lld\n", ts.tv_sec * 1000000000LL + ts.tv_nsec);
	return 0;
}
