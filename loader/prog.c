// SPDX-License-Identifier: GPL-2.0
/* Program load with the verifier log kept, and what the log tells. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include "loader/prog.h"

static int load_with_log(enum bpf_prog_type type,
			 const struct bpf_insn *insns, size_t insn_cnt,
			 const struct bpf_prog_load_opts *opts, __u32 log_level,
			 char **log)
{
	struct bpf_prog_load_opts o = opts ? *opts : (struct bpf_prog_load_opts){ 0 };
	size_t size = 64 << 10;
	char *buf = NULL, *p;
	int fd;

	for (;;) {
		p = realloc(buf, size);
		if (!p) {
			free(buf);
			return -ENOMEM;
		}
		buf = p;
		buf[0] = '\0';
		o.log_level = log_level;
		o.log_buf = buf;
		o.log_size = (__u32)size;
		fd = bpf_prog_load(type, insns, insn_cnt,
				   o.license ? o.license : "GPL", &o);
		if (fd != -ENOSPC || size >= PROG_LOG_MAX)
			break;
		size *= 2;
	}
	if (buf[0])
		*log = buf;
	else
		free(buf);
	return fd;
}

int prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
	      size_t insn_cnt, const struct bpf_prog_load_opts *opts,
	      __u32 log_level, char **log)
{
	int fd;

	*log = NULL;
	if (log_level)
		return load_with_log(type, insns, insn_cnt, opts, log_level, log);
	fd = bpf_prog_load(type, insns, insn_cnt,
			   opts && opts->license ? opts->license : "GPL", opts);
	if (fd >= 0 || fd == -EPERM)
		return fd;
	/* Refused: load again, only to hear why. */
	load_with_log(type, insns, insn_cnt, opts, 1, log);
	return fd;
}

int verifier_log__failing_insn(const char *log)
{
	const char *line = log;
	int last = -1;

	while (line && *line) {
		const char *p = line;
		long idx = 0;

		if (isdigit((unsigned char)*p)) {
			/* Stop growing past any real index: no overflow. */
			for (; isdigit((unsigned char)*p); p++)
				if (idx <= 1000000)
					idx = idx * 10 + (*p - '0');
			/* "12: (bf) r6 = r1" names instruction 12. */
			if (p[0] == ':' && p[1] == ' ' && p[2] == '(' &&
			    idx <= 1000000)
				last = (int)idx;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return last;
}

int raise_memlock_rlimit(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct rlimit cur;
	struct utsname u;
	long major = 0, minor = 0;
	char *end;

	if (getrlimit(RLIMIT_MEMLOCK, &cur) == 0 &&
	    cur.rlim_cur == RLIM_INFINITY)
		return 0;
	/* 5.11 moved BPF memory to memory cgroups and stopped charging it. */
	if (uname(&u) == 0) {
		major = strtol(u.release, &end, 10);
		if (*end == '.')
			minor = strtol(end + 1, NULL, 10);
		if (major > 5 || (major == 5 && minor >= 11))
			return 0;
	}
	return setrlimit(RLIMIT_MEMLOCK, &unlimited) ? -errno : 0;
}

__u32 kernel_version_code(void)
{
	struct utsname u;
	long v[3] = { 0 };
	char *p;
	int i;

	if (uname(&u))
		return 0;
	p = u.release;
	for (i = 0; i < 3 && *p; i++) {
		v[i] = strtol(p, &p, 10);
		if (*p != '.')
			break;
		p++;
	}
	/* KERNEL_VERSION() caps the sublevel at 255, as the kernel does. */
	return (__u32)(v[0] << 16 | v[1] << 8 | (v[2] > 255 ? 255 : v[2]));
}
