// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace's syscall table: this architecture's numbers, from its
 * <asm/unistd.h>, for each syscall recorded. An architecture without a
 * syscall (arm64 has no open, stat or rename: its libc uses the *at
 * forms) simply has no entry; 32-bit ones add their *64 variants.
 */
#include <errno.h>
#include <asm/unistd.h>
#include "loader/bpf.h"
#include "progs/buildtrace/buildtrace.h"

/*
 * Numbers from 424 on are the same on every architecture; headers older
 * than the syscall do not name it.
 */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

struct op_entry {
	__u16 nr;
	__u8 op;
	__u8 path0, path1;	/* argument index + 1; 0: none */
	__u8 aux;		/* argument index + 1 */
	__u8 aux_len;
	__u8 flags;		/* E: at entry, X: exec, F: forks */
};

#define E 1
#define X 2
#define F 4

#define ENTRY(name, op, p0, p1, aux, aux_len, flags) \
	{ __NR_##name, BT_OP_##op, p0, p1, aux, aux_len, flags },

static const struct op_entry table[] = {
#ifdef __NR_open
	ENTRY(open, OPEN, 1, 0, 0, 0, 0)
#endif
	ENTRY(openat, OPENAT, 2, 0, 0, 0, 0)
#ifdef __NR_openat2
	ENTRY(openat2, OPENAT2, 2, 0, 3, 24, 0)	/* struct open_how */
#endif
#ifdef __NR_creat
	ENTRY(creat, CREAT, 1, 0, 0, 0, 0)
#endif
	ENTRY(close, CLOSE, 0, 0, 0, 0, 0)
#ifdef __NR_close_range
	ENTRY(close_range, CLOSE_RANGE, 0, 0, 0, 0, 0)
#endif
	ENTRY(dup, DUP, 0, 0, 0, 0, 0)
#ifdef __NR_dup2
	ENTRY(dup2, DUP2, 0, 0, 0, 0, 0)
#endif
	ENTRY(dup3, DUP3, 0, 0, 0, 0, 0)
#ifdef __NR_fcntl
	ENTRY(fcntl, FCNTL, 0, 0, 0, 0, 0)
#endif
#ifdef __NR_fcntl64
	ENTRY(fcntl64, FCNTL, 0, 0, 0, 0, 0)
#endif
#ifdef __NR_pipe
	ENTRY(pipe, PIPE, 0, 0, 1, 8, 0)		/* int fds[2] */
#endif
	ENTRY(pipe2, PIPE2, 0, 0, 1, 8, 0)
	ENTRY(chdir, CHDIR, 1, 0, 0, 0, 0)
	ENTRY(fchdir, FCHDIR, 0, 0, 0, 0, 0)
#ifdef __NR_rename
	ENTRY(rename, RENAME, 1, 2, 0, 0, 0)
#endif
#ifdef __NR_renameat
	ENTRY(renameat, RENAMEAT, 2, 4, 0, 0, 0)
#endif
	ENTRY(renameat2, RENAMEAT2, 2, 4, 0, 0, 0)
#ifdef __NR_unlink
	ENTRY(unlink, UNLINK, 1, 0, 0, 0, 0)
#endif
	ENTRY(unlinkat, UNLINKAT, 2, 0, 0, 0, 0)
#ifdef __NR_mkdir
	ENTRY(mkdir, MKDIR, 1, 0, 0, 0, 0)
#endif
	ENTRY(mkdirat, MKDIRAT, 2, 0, 0, 0, 0)
#ifdef __NR_rmdir
	ENTRY(rmdir, RMDIR, 1, 0, 0, 0, 0)
#endif
#ifdef __NR_link
	ENTRY(link, LINK, 1, 2, 0, 0, 0)
#endif
	ENTRY(linkat, LINKAT, 2, 4, 0, 0, 0)
#ifdef __NR_symlink
	ENTRY(symlink, SYMLINK, 1, 2, 0, 0, 0)
#endif
	ENTRY(symlinkat, SYMLINKAT, 1, 3, 0, 0, 0)
#ifdef __NR_readlink
	ENTRY(readlink, READLINK, 1, 0, 0, 0, 0)
#endif
	ENTRY(readlinkat, READLINKAT, 2, 0, 0, 0, 0)
#ifdef __NR_chmod
	ENTRY(chmod, CHMOD, 1, 0, 0, 0, 0)
#endif
	ENTRY(fchmod, FCHMOD, 0, 0, 0, 0, 0)
	ENTRY(fchmodat, FCHMODAT, 2, 0, 0, 0, 0)
	ENTRY(fchmodat2, FCHMODAT2, 2, 0, 0, 0, 0)
	ENTRY(truncate, TRUNCATE, 1, 0, 0, 0, 0)
#ifdef __NR_truncate64
	ENTRY(truncate64, TRUNCATE, 1, 0, 0, 0, 0)
#endif
	ENTRY(ftruncate, FTRUNCATE, 0, 0, 0, 0, 0)
#ifdef __NR_ftruncate64
	ENTRY(ftruncate64, FTRUNCATE, 0, 0, 0, 0, 0)
#endif
#ifdef __NR_stat
	ENTRY(stat, STAT, 1, 0, 0, 0, 0)
#endif
#ifdef __NR_stat64
	ENTRY(stat64, STAT, 1, 0, 0, 0, 0)
#endif
#ifdef __NR_lstat
	ENTRY(lstat, LSTAT, 1, 0, 0, 0, 0)
#endif
#ifdef __NR_lstat64
	ENTRY(lstat64, LSTAT, 1, 0, 0, 0, 0)
#endif
#ifdef __NR_newfstatat
	ENTRY(newfstatat, NEWFSTATAT, 2, 0, 0, 0, 0)
#endif
#ifdef __NR_fstatat64
	ENTRY(fstatat64, NEWFSTATAT, 2, 0, 0, 0, 0)
#endif
#ifdef __NR_statx
	ENTRY(statx, STATX, 2, 0, 0, 0, 0)
#endif
#ifdef __NR_access
	ENTRY(access, ACCESS, 1, 0, 0, 0, 0)
#endif
	ENTRY(faccessat, FACCESSAT, 2, 0, 0, 0, 0)
#ifdef __NR_faccessat2
	ENTRY(faccessat2, FACCESSAT2, 2, 0, 0, 0, 0)
#endif
	ENTRY(execve, EXECVE, 1, 0, 2, 0, X)		/* aux: argv */
	ENTRY(execveat, EXECVEAT, 2, 0, 3, 0, X)
	ENTRY(exit, EXIT, 0, 0, 0, 0, E)
	ENTRY(exit_group, EXIT_GROUP, 0, 0, 0, 0, E)
	ENTRY(wait4, WAIT4, 0, 0, 2, 4, 0)		/* int status */
	ENTRY(waitid, WAITID, 0, 0, 3, 32, 0)		/* siginfo's head */
	/* not recorded: the child's first return tells it from its parent */
	ENTRY(clone, NONE, 0, 0, 0, 0, F)
#ifdef __NR_clone3
	ENTRY(clone3, NONE, 0, 0, 0, 0, F)
#endif
#ifdef __NR_fork
	ENTRY(fork, NONE, 0, 0, 0, 0, F)
#endif
#ifdef __NR_vfork
	ENTRY(vfork, NONE, 0, 0, 0, 0, F)
#endif
};

static __u32 ope_of(const struct op_entry *e)
{
	return e->op | (__u32)e->path0 << BT_OPE_PATH0_SHIFT |
	       (__u32)e->path1 << BT_OPE_PATH1_SHIFT |
	       (__u32)e->aux << BT_OPE_AUX_SHIFT |
	       (__u32)e->aux_len << BT_OPE_AUXLEN_SHIFT |
	       (e->flags & E ? BT_OPE_AT_ENTRY : 0) |
	       (e->flags & X ? BT_OPE_EXEC : 0) |
	       (e->flags & F ? BT_OPE_FORKS : 0);
}

int buildtrace_ops_fill(int ops_fd)
{
	size_t i;
	int err;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		__u32 nr = table[i].nr, ope = ope_of(&table[i]);

		if (nr >= BT_OPS_MAX)
			return -ERANGE;
		err = bpf_map_update_elem(ops_fd, &nr, &ope, BPF_ANY);
		if (err)
			return err;
	}
	return (int)i;
}

__u32 buildtrace_ope(enum bt_op op)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (op != BT_OP_NONE && table[i].op == op)
			return ope_of(&table[i]);
	return 0;
}
