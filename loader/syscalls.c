// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall table, built from the names the Makefile lists out of the
 * target's <asm/unistd.h>. Kept as one string of names and an array of
 * numbers, a third of a table of pointers: the binary has a size budget.
 * Lookups scan it: a few hundred entries, asked once per printed row or
 * command-line name.
 */
#include <errno.h>
#include <string.h>
#include <asm/unistd.h>
#include "loader/syscalls.h"

/* "_sysctl\0accept\0accept4\0...", in the order of syscall_names.h. */
static const char names[] =
#define SYSCALL(name) #name "\0"
#include "syscall_names.h"
#undef SYSCALL
	;

/* Some __NR_ values are other macros (arm64's __NR3264_*): the compiler evaluates them. */
static const int numbers[] = {
#define SYSCALL(name) __NR_##name,
#include "syscall_names.h"
#undef SYSCALL
};

#define NR_ENTRIES (sizeof(numbers) / sizeof(numbers[0]))

const char *syscall_name(long nr)
{
	const char *name = names;
	size_t i;

	for (i = 0; i < NR_ENTRIES; i++, name += strlen(name) + 1)
		if (numbers[i] == nr)
			return name;
	return NULL;
}

long syscall_nr(const char *want)
{
	const char *name = names;
	size_t i;

	for (i = 0; i < NR_ENTRIES; i++, name += strlen(name) + 1)
		if (!strcmp(name, want))
			return numbers[i];
	return -ENOENT;
}

size_t syscall_count(void)
{
	return NR_ENTRIES;
}

long syscall_nr_min(void)
{
	long min = numbers[0];
	size_t i;

	for (i = 1; i < NR_ENTRIES; i++)
		if (numbers[i] < min)
			min = numbers[i];
	return min;
}

long syscall_nr_max(void)
{
	long max = numbers[0];
	size_t i;

	for (i = 1; i < NR_ENTRIES; i++)
		if (numbers[i] > max)
			max = numbers[i];
	return max;
}
