/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ustack's frames named: a process's executable mappings from
 * /proc/PID/maps, each file's function symbols (loader/elfsym) read
 * once and shared by every process that maps it. As in bpftrace, a
 * process is read when its first frame is printed: one gone by then
 * keeps its addresses.
 */
#ifndef BAREBPF_TRACE_USYM_H
#define BAREBPF_TRACE_USYM_H

#include <stdbool.h>
#include <sys/types.h>
#include <linux/types.h>
#include "loader/elfsym.h"

#define USYM_PROCS	32	/* processes remembered; the oldest goes */
#define USYM_FILES	64	/* ELF files kept read */
#define USYM_MAPS	256	/* executable mappings of one process */

struct usym_map {
	__u64 start, end, offset;
	int file;		/* in files[]; -1: none could be read; -2: not yet */
};

struct usym_proc {
	int pid;		/* 0: a free slot */
	int nr_maps;
	struct usym_map maps[USYM_MAPS];
};

struct usym_file {
	dev_t dev;
	ino_t ino;
	bool ok;		/* symbols were read */
	struct elfsyms syms;
};

struct usym_cache {
	struct usym_proc *procs;	/* USYM_PROCS, allocated on first use */
	int next_proc;			/* the slot to reuse next */
	struct usym_file *files;	/* USYM_FILES, allocated on first use */
	int nr_files;
};

/*
 * The function of process pid holding addr, *off its distance into it;
 * NULL when no readable symbol covers it.
 */
const char *usym_cache__name(struct usym_cache *u, int pid, __u64 addr,
			     __u64 *off);

void usym_cache__free(struct usym_cache *u);

#endif /* BAREBPF_TRACE_USYM_H */
