// SPDX-License-Identifier: GPL-2.0
/* Builtin names. */
#include <string.h>
#include "tools/trace/builtins.h"

static const char *const builtins[] = {
	[B_PID] = "pid", [B_TID] = "tid", [B_UID] = "uid", [B_GID] = "gid",
	[B_COMM] = "comm", [B_NSECS] = "nsecs", [B_ELAPSED] = "elapsed",
	[B_CPU] = "cpu", [B_NCPUS] = "ncpus", [B_PROBE] = "probe",
	[B_CPID] = "cpid", [B_RAND] = "rand", [B_CURTASK] = "curtask",
	[B_KSTACK] = "kstack", [B_USTACK] = "ustack", [B_ARGS] = "args",
};

static const char *const funcs[] = {
	[F_PRINTF] = "printf", [F_PRINT] = "print", [F_CLEAR] = "clear",
	[F_ZERO] = "zero", [F_DELETE] = "delete", [F_STR] = "str",
	[F_BUF] = "buf", [F_NTOP] = "ntop", [F_JOIN] = "join",
	[F_KSYM] = "ksym", [F_STRERROR] = "strerror", [F_TIME] = "time",
	[F_STRFTIME] = "strftime", [F_EXIT] = "exit", [F_KSTACK] = "kstack",
	[F_USTACK] = "ustack", [F_COUNT] = "count", [F_SUM] = "sum",
	[F_AVG] = "avg", [F_MIN] = "min", [F_MAX] = "max", [F_STATS] = "stats",
	[F_HIST] = "hist", [F_LHIST] = "lhist",
};

enum builtin builtin_lookup(const char *name)
{
	size_t i;

	for (i = 1; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i], name))
			return (enum builtin)i;
	return B_NONE;
}

enum func func_lookup(const char *name)
{
	size_t i;

	for (i = 1; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (!strcmp(funcs[i], name))
			return (enum func)i;
	return F_NONE;
}

const char *func_unsupported(const char *name)
{
	static const char *const names[] = {
		"system", "cat", "signal", "override", "sizeof", "offsetof",
		"usym", "uaddr", "kaddr", "reg", "uptr", "kptr", "cgroup",
		"cgroupid", "cgroup_path", "macaddr", "path", "strncmp",
		"strcontains", "bswap", "skboutput", "pton", "debugf", "unwatch",
		"len", "percpu_kaddr", "retval", "func", "username", "arg0",
		"arg1", "arg2", "arg3", "arg4", "arg5", "sarg0", "sarg1", "sarg2",
		"cgroup", "jiffies", "numaid", "ctx", "__builtin_usermode",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], name))
			return names[i];
	return NULL;
}
