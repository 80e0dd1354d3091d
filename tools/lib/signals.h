/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signal names as "kill -l" of bash prints them: SIGTERM, SIGRTMIN+3,
 * and exit statuses in words.
 * Numbers are this architecture's (SIGBUS is 7 on x86, 10 on MIPS). The
 * real-time names count from 34, the SIGRTMIN of glibc, which keeps 32
 * and 33 for itself; those two are named SIG32 and SIG33.
 */
#ifndef BAREBPF_TOOLS_SIGNALS_H
#define BAREBPF_TOOLS_SIGNALS_H

#include <stddef.h>

#define SIGNAL_MAX		64	/* the kernel's _NSIG */
#define SIGNAL_NAME_MAX		16	/* "SIGRTMAX-14" and its NUL */

/* The name of sig (1..SIGNAL_MAX) in buf, or NULL for any other number. */
const char *signal_name(int sig, char buf[SIGNAL_NAME_MAX]);

/*
 * "15", "TERM", "SIGTERM", "sigterm", "RTMIN+3", "SIGRTMAX-1": the
 * signal number, or -1. A number may be 0 (kill's existence check).
 */
int signal_parse(const char *s);

/*
 * A wait(2) status as exitsnoop shows it: "0", "code 3", "signal 9
 * (SIGKILL)", "signal 11 (SIGSEGV), core dumped". Returns buf.
 */
const char *exit_status_text(unsigned int status, char *buf, size_t len);

#endif /* BAREBPF_TOOLS_SIGNALS_H */
