// SPDX-License-Identifier: GPL-2.0
/* Program load with the verifier log kept, and what the log tells. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include "loader/prog.h"

/* The bits of bpf_attr.log_level beside the level (include/linux/bpf_verifier.h) */
#define LOG_STATS	4	/* 5.2 */
#define LOG_FIXED	8	/* 6.4: keep a long log's start, not its end */

/* One load with buf (size bytes, or none) as the log at level. */
static int load(enum bpf_prog_type type, const struct bpf_insn *insns,
		size_t insn_cnt, struct bpf_prog_load_opts *o, char *buf,
		__u32 size, __u32 level)
{
	if (buf)
		buf[0] = '\0';
	o->log_buf = buf;
	o->log_size = buf ? size : 0;
	o->log_level = buf ? level : 0;
	return bpf_prog_load(type, insns, insn_cnt,
			     o->license ? o->license : "GPL", o);
}

/*
 * The log was cut, and that alone failed the load. Once more with
 * BPF_LOG_STATS alone, which prints no instruction and no state but every
 * message, for the verdict and its reason; BPF_LOG_FIXED asks a kernel
 * that rotates a long log (6.4) to keep its start. One that refuses it
 * knows no other way, and kept the start in the cut log. Failing that,
 * once more without a log, for the verdict alone.
 */
static int load_verdict(enum bpf_prog_type type, const struct bpf_insn *insns,
			size_t insn_cnt, struct bpf_prog_load_opts *o,
			struct prog_log *log)
{
	char *reason = malloc(PROG_LOG_REASON_SIZE);
	int fd;

	log->cut = true;
	if (reason) {
		fd = load(type, insns, insn_cnt, o, reason, PROG_LOG_REASON_SIZE,
			  LOG_STATS | LOG_FIXED);
		if (fd == -EINVAL && !reason[0]) {
			log->head_kept = true;
			fd = load(type, insns, insn_cnt, o, reason,
				  PROG_LOG_REASON_SIZE, LOG_STATS);
		}
		if (fd != -ENOSPC) {
			log->reason = reason;
			return fd;
		}
		free(reason);
	}
	return load(type, insns, insn_cnt, o, NULL, 0, 0);
}

int prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
	      size_t insn_cnt, const struct bpf_prog_load_opts *opts,
	      struct prog_log *log)
{
	struct bpf_prog_load_opts o = opts ? *opts : (struct bpf_prog_load_opts){ 0 };
	__u32 size, max, level, stats;
	int fd, refused = 0;
	char *buf = NULL, *p;

	if (!log)
		return load(type, insns, insn_cnt, &o, NULL, 0, 0);
	log->text = log->reason = NULL;
	log->cut = log->head_kept = false;
	size = log->size ? log->size : PROG_LOG_SIZE;
	max = log->size_max ? log->size_max : PROG_LOG_MAX;
	/* Before 6.4 a smaller log fails the load with EINVAL, unread. */
	if (size < PROG_LOG_MIN)
		size = PROG_LOG_MIN;
	if (max < size)
		max = size;
	level = log->level;
	stats = log->stats ? LOG_STATS : 0;
	if (!level) {
		fd = load(type, insns, insn_cnt, &o, NULL, 0, 0);
		if (fd >= 0 || fd == -EPERM)
			return fd;
		/* Refused: load again, only to hear why. */
		refused = fd;
		level = 1;
	}
	for (;;) {
		p = realloc(buf, size);
		if (!p) {
			free(buf);
			return refused ? refused : -ENOMEM;
		}
		buf = p;
		fd = load(type, insns, insn_cnt, &o, buf, size, level | stats);
		/* Before 5.2, a log level with BPF_LOG_STATS is refused unread. */
		if (fd == -EINVAL && stats && !buf[0]) {
			stats = 0;
			continue;
		}
		if (fd != -ENOSPC || size >= max)
			break;
		size = size > max / 2 ? max : size * 2;
	}
	if (fd == -ENOSPC)
		fd = load_verdict(type, insns, insn_cnt, &o, log);
	if (buf[0])
		log->text = buf;
	else
		free(buf);
	return refused ? refused : fd;
}

void prog_log__free(struct prog_log *log)
{
	free(log->text);
	free(log->reason);
	log->text = log->reason = NULL;
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
