/* SPDX-License-Identifier: GPL-2.0 */
/* CPU lists from sysfs: per-CPU maps size by possible, rings by online. */
#ifndef BAREBPF_LOADER_CPUS_H
#define BAREBPF_LOADER_CPUS_H

#include <stdbool.h>

/* Parse a list like "0-3,5": set mask[cpu] for each; -EINVAL if malformed. */
int cpus_parse_list(const char *list, bool *mask, int nr);

/* Number of possible CPUs (highest possible + 1), or -errno. Read once. */
int cpus_possible(void);

/* Fill mask[0..nr) with the online CPUs. Returns 0 or -errno. */
int cpus_online(bool *mask, int nr);

#endif /* BAREBPF_LOADER_CPUS_H */
