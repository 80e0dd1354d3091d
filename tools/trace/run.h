/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiled programs into the kernel: load each (a rejection shown with
 * the script's lines), attach tracepoints through perf events and
 * interval and profile probes to perf's cpu-clock; run BEGIN and END
 * once, on this thread, by a software page-fault event on a fresh page
 * (perf event programs exist from 4.9; no uprobes needed); detach with
 * the kernel's grace periods left to a closer process.
 */
#ifndef BAREBPF_TRACE_RUN_H
#define BAREBPF_TRACE_RUN_H

#include "tools/trace/program.h"

struct runner {
	struct compiler *c;
	const char *tool;
	__u32 log_level;
	int *attach_fds;	/* perf events, all closed at detach */
	int nr_attach, cap_attach;
	int attached;		/* probes, as bpftrace counts them */
};

/*
 * Load every program. A rejection prints the verifier's log with the
 * script's LINE:COL and source line for each instruction it names.
 * Returns 0 or EXIT_FAIL.
 */
int runner__load(struct runner *r);

/* Attach every program but BEGIN and END. Returns 0 or EXIT_FAIL. */
int runner__attach(struct runner *r);

/* Run the programs of kind (PK_BEGIN or PK_END) once. */
int runner__run_special(struct runner *r, enum probe_kind kind);

/* Detach everything and close the programs. */
void runner__detach(struct runner *r);

#endif /* BAREBPF_TRACE_RUN_H */
