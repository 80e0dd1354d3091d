// SPDX-License-Identifier: GPL-2.0
/* System V shared memory calls' arguments as text. */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include "progs/shmsnoop.h"
#include "tools/lib/flagnames.h"
#include "tools/lib/shmcall.h"

#ifndef SHM_HUGETLB
#define SHM_HUGETLB	04000
#endif
#ifndef SHM_NORESERVE
#define SHM_NORESERVE	010000
#endif
#ifndef SHM_EXEC
#define SHM_EXEC	0100000
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15	/* 4.17 */
#endif
/* log2 of the huge page size; musl's SHM_HUGE_MASK is this unshifted */
#define SHM_HUGE_FIELD	(0x3fu << 26)
#define IPC_64_FLAG	0x0100		/* the layout asked for, not a command */

static const struct flag_name shmget_flags[] = {
	FLAG(IPC_CREAT), FLAG(IPC_EXCL), FLAG(SHM_HUGETLB), FLAG(SHM_NORESERVE),
	FLAG(SHM_EXEC),
	FLAG_VALUE(21u << 26, SHM_HUGE_FIELD, "SHM_HUGE_2MB"),
	FLAG_VALUE(30u << 26, SHM_HUGE_FIELD, "SHM_HUGE_1GB"),
	{ 0, 0, NULL },
};

static const struct flag_name shmat_flags[] = {
	FLAG(SHM_RDONLY), FLAG(SHM_RND), FLAG(SHM_REMAP), FLAG(SHM_EXEC),
	{ 0, 0, NULL },
};

static const struct flag_name shmctl_cmds[] = {
	FLAG_VALUE(IPC_RMID, 0xff, "IPC_RMID"), FLAG_VALUE(IPC_SET, 0xff, "IPC_SET"),
	FLAG_VALUE(IPC_STAT, 0xff, "IPC_STAT"), FLAG_VALUE(IPC_INFO, 0xff, "IPC_INFO"),
	FLAG_VALUE(SHM_LOCK, 0xff, "SHM_LOCK"), FLAG_VALUE(SHM_UNLOCK, 0xff, "SHM_UNLOCK"),
	FLAG_VALUE(SHM_STAT, 0xff, "SHM_STAT"), FLAG_VALUE(SHM_INFO, 0xff, "SHM_INFO"),
	FLAG_VALUE(SHM_STAT_ANY, 0xff, "SHM_STAT_ANY"),
	FLAG_VALUE(IPC_64_FLAG, IPC_64_FLAG, "IPC_64"),
	{ 0, 0, NULL },
};

/* "0x0", or "0x780 (IPC_CREAT|IPC_EXCL|0600)": a flags word as bcc shows it. */
static const char *flags_word(char *buf, size_t len, const struct flag_name *t,
			      unsigned int v)
{
	char names[96];

	if (!v) {
		snprintf(buf, len, "0x0");
		return buf;
	}
	flags_text(names, sizeof(names), t, v, FLAGS_REST_OCTAL);
	snprintf(buf, len, "0x%x (%s)", v, names);
	return buf;
}

void shm_args_text(char *buf, size_t len, unsigned int call, const __u64 *args)
{
	char flags[128];

	switch (call) {
	case SHM_CALL_SHMGET:
		snprintf(buf, len, "key: 0x%x, size: %llu, shmflg: %s",
			 (unsigned int)args[0], (unsigned long long)args[1],
			 flags_word(flags, sizeof(flags), shmget_flags,
				    (unsigned int)args[2]));
		break;
	case SHM_CALL_SHMAT:
		snprintf(buf, len, "shmid: 0x%x, shmaddr: 0x%llx, shmflg: %s",
			 (unsigned int)args[0], (unsigned long long)args[1],
			 flags_word(flags, sizeof(flags), shmat_flags,
				    (unsigned int)args[2]));
		break;
	case SHM_CALL_SHMDT:
		snprintf(buf, len, "shmaddr: 0x%llx", (unsigned long long)args[0]);
		break;
	case SHM_CALL_SHMCTL:
		if (flags_text(flags, sizeof(flags), shmctl_cmds,
			       (unsigned int)args[1], FLAGS_REST_HEX))
			snprintf(buf, len, "shmid: 0x%x, cmd: %u (%s), buf: 0x%llx",
				 (unsigned int)args[0], (unsigned int)args[1], flags,
				 (unsigned long long)args[2]);
		else
			snprintf(buf, len, "shmid: 0x%x, cmd: %u, buf: 0x%llx",
				 (unsigned int)args[0], (unsigned int)args[1],
				 (unsigned long long)args[2]);
		break;
	default:
		snprintf(buf, len, "?");
	}
}

void shm_args_json(char *buf, size_t len, unsigned int call, const __u64 *args)
{
	switch (call) {
	case SHM_CALL_SHMGET:	/* int key, size_t size, int shmflg */
	case SHM_CALL_SHMAT:	/* int shmid, void *shmaddr, int shmflg */
		snprintf(buf, len, "[%d,%llu,%d]", (int)args[0],
			 (unsigned long long)args[1], (int)args[2]);
		break;
	case SHM_CALL_SHMDT:	/* void *shmaddr */
		snprintf(buf, len, "[%llu]", (unsigned long long)args[0]);
		break;
	case SHM_CALL_SHMCTL:	/* int shmid, int cmd, struct shmid_ds *buf */
		snprintf(buf, len, "[%d,%d,%llu]", (int)args[0], (int)args[1],
			 (unsigned long long)args[2]);
		break;
	default:
		snprintf(buf, len, "[]");
	}
}
