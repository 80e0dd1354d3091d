// SPDX-License-Identifier: GPL-2.0
/* The version, from $(O)/gen/barebpf_version.h, which the Makefile writes. */
#include <stdio.h>
#include "tools/lib/args.h"
#include "tools/lib/version.h"
#include "barebpf_version.h"

const char barebpf_version[] = BAREBPF_VERSION;

int print_version(void)
{
	printf("barebpf %s\n", barebpf_version);
	return EXIT_OK;
}
