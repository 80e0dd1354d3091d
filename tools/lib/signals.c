// SPDX-License-Identifier: GPL-2.0
/* Signal names and numbers, both ways; exit statuses in words. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tools/lib/signals.h"

#define RT_FIRST	34	/* glibc's SIGRTMIN: the kernel's 32, plus 2 */
#define RT_MIDDLE	49	/* SIGRTMIN+15; from 50 on, SIGRTMAX-N */

/* Designated by the architecture's own numbers; holes stay NULL. */
static const char *const names[32] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
#ifdef SIGSTKFLT
	[SIGSTKFLT] = "STKFLT",
#endif
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP",
	[SIGTSTP] = "TSTP", [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",
	[SIGURG] = "URG", [SIGXCPU] = "XCPU", [SIGXFSZ] = "XFSZ",
	[SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO", [SIGPWR] = "PWR", [SIGSYS] = "SYS",
};

const char *signal_name(int sig, char buf[SIGNAL_NAME_MAX])
{
	if (sig <= 0 || sig > SIGNAL_MAX)
		return NULL;
	if (sig < 32 && names[sig])
		snprintf(buf, SIGNAL_NAME_MAX, "SIG%s", names[sig]);
	else if (sig < RT_FIRST)
		snprintf(buf, SIGNAL_NAME_MAX, "SIG%d", sig);
	else if (sig == RT_FIRST)
		snprintf(buf, SIGNAL_NAME_MAX, "SIGRTMIN");
	else if (sig <= RT_MIDDLE)
		snprintf(buf, SIGNAL_NAME_MAX, "SIGRTMIN+%d", sig - RT_FIRST);
	else if (sig == SIGNAL_MAX)
		snprintf(buf, SIGNAL_NAME_MAX, "SIGRTMAX");
	else
		snprintf(buf, SIGNAL_NAME_MAX, "SIGRTMAX-%d", SIGNAL_MAX - sig);
	return buf;
}

/* A number after "RTMIN+" or "RTMAX-": 0..30, whole string. */
static int offset_of(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end || v > SIGNAL_MAX - RT_FIRST ? -1 : (int)v;
}

int signal_parse(const char *arg)
{
	char buf[SIGNAL_NAME_MAX], up[SIGNAL_NAME_MAX];
	const char *s = up;
	char *end;
	size_t i;
	long v;
	int sig, off;

	if (*arg >= '0' && *arg <= '9') {
		v = strtol(arg, &end, 10);
		return *end || v > SIGNAL_MAX ? -1 : (int)v;
	}
	/*
	 * Names match in any case: compare an upper-case copy, rather than
	 * link strcasecmp's several CPU-specific variants for so little.
	 */
	for (i = 0; arg[i]; i++) {
		if (i == sizeof(up) - 1)
			return -1;
		up[i] = arg[i] >= 'a' && arg[i] <= 'z' ? arg[i] - 'a' + 'A' : arg[i];
	}
	up[i] = '\0';
	if (!strncmp(s, "SIG", 3))
		s += 3;
	if (!strcmp(s, "RTMIN"))
		return RT_FIRST;
	if (!strcmp(s, "RTMAX"))
		return SIGNAL_MAX;
	if (!strncmp(s, "RTMIN+", 6)) {
		off = offset_of(s + 6);
		return off < 0 ? -1 : RT_FIRST + off;
	}
	if (!strncmp(s, "RTMAX-", 6)) {
		off = offset_of(s + 6);
		return off < 0 ? -1 : SIGNAL_MAX - off;
	}
	for (sig = 1; sig <= SIGNAL_MAX; sig++)
		if (signal_name(sig, buf) && !strcmp(buf + 3, s))
			return sig;
	return -1;
}

const char *exit_status_text(unsigned int status, char *buf, size_t len)
{
	char name[SIGNAL_NAME_MAX];
	int sig = (int)(status & 0x7f);

	if (!status)
		snprintf(buf, len, "0");
	else if (!sig)
		snprintf(buf, len, "code %u", (status >> 8) & 0xff);
	else
		snprintf(buf, len, "signal %d (%s)%s", sig,
			 signal_name(sig, name) ? name : "?",
			 status & 0x80 ? ", core dumped" : "");
	return buf;
}
