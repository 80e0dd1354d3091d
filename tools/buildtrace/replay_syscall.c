// SPDX-License-Identifier: GPL-2.0
/* Replaying a syscall: what it does to descriptors and cwd, what it touches. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tools/buildtrace/replay.h"

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH		0x1000
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC		1030
#endif
/* <linux/close_range.h> and <linux/sched.h> clash with libc's headers. */
#define BT_CLOSE_RANGE_UNSHARE	(1u << 1)
#define BT_CLOSE_RANGE_CLOEXEC	(1u << 2)
#define BT_CLD_EXITED		1
#define BT_CLD_DUMPED		3
/* ERESTARTSYS .. ERESTART_RESTARTBLOCK: interrupted, made again. */
#define ERESTART_FIRST		512
#define ERESTART_LAST		516

enum kind {
	K_OPEN, K_CLOSE, K_CLOSE_RANGE, K_DUP, K_FCNTL, K_PIPE, K_CHDIR,
	K_FCHDIR, K_RENAME, K_UNLINK, K_MKDIR, K_LINK, K_SYMLINK, K_READLINK,
	K_WRITE, K_FWRITE, K_STAT, K_EXEC, K_EXIT, K_WAIT,
};

/*
 * O_TMPFILE's own bit, without the O_DIRECTORY it carries (glibc's
 * __O_TMPFILE; musl has no name for it).
 */
#define TMPFILE_BIT (O_TMPFILE & ~O_DIRECTORY)

/* What each op means: its kind, each path's dirfd, its flags and mode. */
static const struct op_info {
	const char *name;
	__u8 kind;
	__s8 dirfd[2];		/* argument index; -1: AT_FDCWD */
	__s8 flags, mode;	/* argument index; -1: none */
} ops[BT_NR_OPS] = {
#define OP(op, name, kind, d0, d1, flags, mode) \
	[BT_OP_##op] = { name, kind, { d0, d1 }, flags, mode },
	OP(OPEN, "open", K_OPEN, -1, -1, 1, 2)
	OP(OPENAT, "openat", K_OPEN, 0, -1, 2, 3)
	OP(OPENAT2, "openat2", K_OPEN, 0, -1, -1, -1)
	OP(CREAT, "creat", K_OPEN, -1, -1, -1, 1)
	OP(CLOSE, "close", K_CLOSE, -1, -1, -1, -1)
	OP(CLOSE_RANGE, "close_range", K_CLOSE_RANGE, -1, -1, 2, -1)
	OP(DUP, "dup", K_DUP, -1, -1, -1, -1)
	OP(DUP2, "dup2", K_DUP, -1, -1, -1, -1)
	OP(DUP3, "dup3", K_DUP, -1, -1, 2, -1)
	OP(FCNTL, "fcntl", K_FCNTL, -1, -1, -1, -1)
	OP(PIPE, "pipe", K_PIPE, -1, -1, -1, -1)
	OP(PIPE2, "pipe2", K_PIPE, -1, -1, 1, -1)
	OP(CHDIR, "chdir", K_CHDIR, -1, -1, -1, -1)
	OP(FCHDIR, "fchdir", K_FCHDIR, -1, -1, -1, -1)
	OP(RENAME, "rename", K_RENAME, -1, -1, -1, -1)
	OP(RENAMEAT, "renameat", K_RENAME, 0, 2, -1, -1)
	OP(RENAMEAT2, "renameat2", K_RENAME, 0, 2, 4, -1)
	OP(UNLINK, "unlink", K_UNLINK, -1, -1, -1, -1)
	OP(UNLINKAT, "unlinkat", K_UNLINK, 0, -1, 2, -1)
	OP(MKDIR, "mkdir", K_MKDIR, -1, -1, -1, 1)
	OP(MKDIRAT, "mkdirat", K_MKDIR, 0, -1, -1, 2)
	OP(RMDIR, "rmdir", K_UNLINK, -1, -1, -1, -1)
	OP(LINK, "link", K_LINK, -1, -1, -1, -1)
	OP(LINKAT, "linkat", K_LINK, 0, 2, 4, -1)
	OP(SYMLINK, "symlink", K_SYMLINK, -1, -1, -1, -1)
	OP(SYMLINKAT, "symlinkat", K_SYMLINK, -1, 1, -1, -1)
	OP(READLINK, "readlink", K_READLINK, -1, -1, -1, -1)
	OP(READLINKAT, "readlinkat", K_READLINK, 0, -1, -1, -1)
	OP(CHMOD, "chmod", K_WRITE, -1, -1, -1, 1)
	OP(FCHMOD, "fchmod", K_FWRITE, -1, -1, -1, 1)
	OP(FCHMODAT, "fchmodat", K_WRITE, 0, -1, -1, 2)
	OP(FCHMODAT2, "fchmodat2", K_WRITE, 0, -1, 3, 2)
	OP(TRUNCATE, "truncate", K_WRITE, -1, -1, -1, -1)
	OP(FTRUNCATE, "ftruncate", K_FWRITE, -1, -1, -1, -1)
	OP(STAT, "stat", K_STAT, -1, -1, -1, -1)
	OP(LSTAT, "lstat", K_STAT, -1, -1, -1, -1)
	OP(NEWFSTATAT, "newfstatat", K_STAT, 0, -1, 3, -1)
	OP(STATX, "statx", K_STAT, 0, -1, 2, -1)
	OP(ACCESS, "access", K_STAT, -1, -1, -1, 1)
	OP(FACCESSAT, "faccessat", K_STAT, 0, -1, -1, 2)
	OP(FACCESSAT2, "faccessat2", K_STAT, 0, -1, 3, 2)
	OP(EXECVE, "execve", K_EXEC, -1, -1, -1, -1)
	OP(EXECVEAT, "execveat", K_EXEC, 0, -1, 4, -1)
	OP(EXIT, "exit", K_EXIT, -1, -1, -1, -1)
	OP(EXIT_GROUP, "exit_group", K_EXIT, -1, -1, -1, -1)
	OP(WAIT4, "wait4", K_WAIT, -1, -1, -1, -1)
	OP(WAITID, "waitid", K_WAIT, -1, -1, -1, -1)
#undef OP
};

const char *bt_op_name(unsigned int op)
{
	return op < BT_NR_OPS && ops[op].name ? ops[op].name : "?";
}

bool bt_wait_result(const struct bt_syscall *sc, __u32 word, __u32 *pid,
		    int *status)
{
	const unsigned char *aux = bt_syscall_aux(sc);
	/* siginfo_t: si_signo, si_errno, si_code, then the union, aligned */
	size_t base = word == 8 ? 16 : 12;
	int v[3];

	if (sc->op == BT_OP_WAIT4 && sc->ret > 0 && sc->aux_len >= 4) {
		memcpy(status, aux, sizeof(*status));
		*pid = (__u32)sc->ret;
		return true;
	}
	if (sc->op != BT_OP_WAITID || sc->ret || sc->aux_len < base + 12)
		return false;
	memcpy(&v[0], aux + 8, 4);		/* si_code */
	memcpy(&v[1], aux + base, 4);		/* si_pid */
	memcpy(&v[2], aux + base + 8, 4);	/* si_status */
	if (!v[1])
		return false;	/* WNOHANG and nothing there */
	*pid = (__u32)v[1];
	if (v[0] == BT_CLD_EXITED)
		*status = (v[2] & 0xff) << 8;
	else
		*status = (v[2] & 0x7f) | (v[0] == BT_CLD_DUMPED ? 0x80 : 0);
	return true;
}

void replay_drop_pending(struct bt_task *t)
{
	struct pending_exec *pe = t->pending;

	if (pe) {
		replay_image_free(&pe->image);
		free(pe);
		t->pending = NULL;
	}
}

/* A failure that means the path is not there. */
static bool missing(int err)
{
	return err == ENOENT || err == ENOTDIR;
}

/*
 * Name path in the event as touched with access a, or as probe-missing
 * when the call failed for want of it; keep the use if the call
 * succeeded (or probed missing).
 */
static void file(struct replay *r, struct bt_event *ev, int proc, __u32 path,
		 bool unresolved, enum bt_access a, __u32 from)
{
	if (ev->ret < 0 && missing(ev->err))
		a = BT_ACC_PROBE_MISSING;
	replay_touch(r, ev, proc, path, unresolved, a, ev->ret >= 0, from);
}

/* The last use kept, of path, is of a directory: not a file's input or output. */
static void mark_dir(struct replay *r, __u32 path)
{
	struct bt_model *m = r->m;

	if (m->nr_uses && m->uses[m->nr_uses - 1].path == path)
		m->uses[m->nr_uses - 1].dir = true;
}

/* The description open at fd: its path and whether it is resolved. */
static __u32 fd_path(const struct bt_task *t, long long fd, bool *unresolved)
{
	const struct bt_fdent *e = bt_files__get(t->files, fd);

	*unresolved = !e || e->f->unresolved;
	return e ? e->f->path : 0;
}

static void do_open(struct replay *r, struct bt_event *ev, struct bt_task *t,
		    const struct bt_syscall *sc, const struct op_info *oi)
{
	long long flags = oi->flags >= 0 ? (long long)sc->args[oi->flags] : 0;
	long long mode = oi->mode >= 0 ? (long long)sc->args[oi->mode] : 0;
	bool unresolved, ok = ev->ret >= 0;
	long long dirfd;
	enum bt_access a;
	__u32 path;
	__u64 how[2];

	if (sc->op == BT_OP_CREAT) {
		flags = O_WRONLY | O_CREAT | O_TRUNC;
	} else if (sc->op == BT_OP_OPENAT2 && sc->aux_len >= sizeof(how)) {
		memcpy(how, bt_syscall_aux(sc), sizeof(how));	/* open_how */
		flags = (long long)how[0];
		mode = (long long)how[1];
	}
	flags &= 0xffffffff;
	dirfd = oi->dirfd[0] >= 0 ? (int)sc->args[oi->dirfd[0]] : AT_FDCWD;
	path = replay_resolve(r, t, dirfd, bt_syscall_path(sc, 0), false,
			      &unresolved);
	if (flags & O_CREAT)
		a = BT_ACC_CREATE;
	else if ((flags & O_ACCMODE) == O_RDONLY)
		a = BT_ACC_READ;
	else
		a = BT_ACC_WRITE;
	if (!ok && missing(ev->err))
		a = BT_ACC_PROBE_MISSING;
	replay_touch(r, ev, t->proc, path, unresolved, a, ok, 0);
	/* A directory read for its entries is not an input of what follows. */
	if (ok && (flags & O_DIRECTORY))
		mark_dir(r, path);
	if (ok) {
		replay_num(ev, "fd", ev->ret);
		bt_files__install(t->files, ev->ret,
				  bt_ofile__new(path, (__u32)flags, unresolved),
				  flags & O_CLOEXEC);
	}
	replay_num(ev, "flags", flags);
	if ((flags & O_CREAT) || (flags & TMPFILE_BIT) == TMPFILE_BIT)
		replay_num(ev, "mode", mode & 07777);
}

static void do_close_range(struct bt_task *t, const struct bt_syscall *sc)
{
	unsigned long long fd = sc->args[0] & 0xffffffff;
	unsigned long long last = sc->args[1] & 0xffffffff;
	struct bt_files *copy;

	if (sc->args[2] & BT_CLOSE_RANGE_UNSHARE && t->files->refs > 1) {
		copy = bt_files__copy(t->files);
		if (copy) {
			bt_files__put(t->files);
			t->files = copy;
		}
	}
	bt_files__close_range(t->files, fd, last,
			      sc->args[2] & BT_CLOSE_RANGE_CLOEXEC);
}

static void do_pipe(struct replay *r, struct bt_event *ev, struct bt_task *t,
		    const struct bt_syscall *sc)
{
	bool cloexec = sc->op == BT_OP_PIPE2 && (sc->args[1] & O_CLOEXEC);
	char name[32];
	int fds[2];
	__u32 path;

	if (ev->ret < 0 || sc->aux_len < sizeof(fds))
		return;
	memcpy(fds, bt_syscall_aux(sc), sizeof(fds));
	snprintf(name, sizeof(name), "pipe:%u", ++r->pipes);
	path = bt_model__intern(r->m, name, strlen(name));
	bt_files__install(t->files, fds[0], bt_ofile__new(path, O_RDONLY, false),
			  cloexec);
	bt_files__install(t->files, fds[1], bt_ofile__new(path, O_WRONLY, false),
			  cloexec);
	replay_num(ev, "read_fd", fds[0]);
	replay_num(ev, "write_fd", fds[1]);
	replay_touch(r, ev, t->proc, path, false, BT_ACC_CREATE, false, 0);
}

/* dup, dup2, dup3, fcntl F_DUPFD*, fcntl F_SETFD. */
static void do_dup(struct bt_event *ev, struct bt_task *t,
		   const struct bt_syscall *sc)
{
	long long fd = (int)sc->args[0], cmd = (int)sc->args[1];

	replay_num(ev, "fd", fd);
	if (sc->op == BT_OP_FCNTL) {
		replay_num(ev, "cmd", cmd);
		if (ev->ret >= 0 && cmd == F_SETFD)
			bt_files__set_cloexec(t->files, fd,
					      sc->args[2] & FD_CLOEXEC);
		if (cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC)
			return;
	}
	if (ev->ret < 0)
		return;
	replay_num(ev, "newfd", ev->ret);
	bt_files__dup(t->files, fd, ev->ret,
		      (sc->op == BT_OP_DUP3 && (sc->args[2] & O_CLOEXEC)) ||
		      (sc->op == BT_OP_FCNTL && cmd == F_DUPFD_CLOEXEC));
}

void replay_syscall(struct replay *r, const struct bt_syscall *sc)
{
	const struct op_info *oi = &ops[sc->op];
	long long d0 = oi->dirfd[0] >= 0 ? (int)sc->args[oi->dirfd[0]] : AT_FDCWD;
	long long d1 = oi->dirfd[1] >= 0 ? (int)sc->args[oi->dirfd[1]] : AT_FDCWD;
	long long flags = oi->flags >= 0 ? (long long)sc->args[oi->flags] : 0;
	const char *p0 = bt_syscall_path(sc, 0), *p1 = bt_syscall_path(sc, 1);
	bool u0 = false, u1 = false, ok, empty = flags & AT_EMPTY_PATH;
	struct bt_event ev;
	struct bt_task *t;
	__u32 path0, path1, pid;
	int status, proc;

	replay_event_init(r, &ev, &sc->head, oi->name);
	ev.op = (__u8)sc->op;
	ev.syscall = true;
	ev.ret = sc->ret;
	if (sc->ret < 0 && sc->ret >= -4095) {
		ev.err = (int)-sc->ret;
		ev.ret = -1;
	}
	if (ev.err >= ERESTART_FIRST && ev.err <= ERESTART_LAST)
		return;
	r->m->nr_syscalls++;
	t = replay_task_of(r, sc->head.tid, sc->head.pid, ev.time_ns);
	if (!t || !t->fs || !t->files)
		return;
	proc = t->proc;
	ev.proc = proc;
	ok = ev.ret >= 0;

	switch (oi->kind) {
	case K_OPEN:
		do_open(r, &ev, t, sc, oi);
		break;
	case K_CLOSE:
		replay_num(&ev, "fd", (int)sc->args[0]);
		if (ok || ev.err == EINTR)
			bt_files__close(t->files, (int)sc->args[0]);
		break;
	case K_CLOSE_RANGE:
		replay_num(&ev, "fd", (int)sc->args[0]);
		replay_num(&ev, "last", (int)sc->args[1]);
		if (ok)
			do_close_range(t, sc);
		break;
	case K_DUP:
	case K_FCNTL:
		do_dup(&ev, t, sc);
		break;
	case K_PIPE:
		do_pipe(r, &ev, t, sc);
		break;
	case K_CHDIR:
	case K_FCHDIR:
		if (oi->kind == K_CHDIR) {
			path0 = replay_resolve(r, t, AT_FDCWD, p0, false, &u0);
			file(r, &ev, proc, path0, u0, BT_ACC_PROBE, 0);
		} else {
			replay_num(&ev, "fd", (int)sc->args[0]);
			path0 = fd_path(t, (int)sc->args[0], &u0);
		}
		if (ok && path0 && !u0)
			t->fs->cwd = ev.cwd = path0;
		break;
	case K_RENAME:
	case K_LINK:
		path0 = replay_resolve(r, t, d0, p0, empty, &u0);
		path1 = replay_resolve(r, t, d1, p1, false, &u1);
		file(r, &ev, proc, path0, u0, oi->kind == K_RENAME ?
		     BT_ACC_RENAME_FROM : BT_ACC_READ, 0);
		/* only the old name can be missing */
		if (ok || !missing(ev.err))
			file(r, &ev, proc, path1, u1, oi->kind == K_RENAME ?
			     BT_ACC_RENAME_TO : BT_ACC_CREATE, path0);
		break;
	case K_UNLINK:
		path0 = replay_resolve(r, t, d0, p0, false, &u0);
		file(r, &ev, proc, path0, u0, BT_ACC_DELETE, 0);
		break;
	case K_MKDIR:
		path0 = replay_resolve(r, t, d0, p0, false, &u0);
		replay_num(&ev, "mode", (long long)sc->args[oi->mode] & 07777);
		if (ev.err == EEXIST)	/* it is there */
			replay_touch(r, &ev, proc, path0, u0, BT_ACC_PROBE, true, 0);
		else
			file(r, &ev, proc, path0, u0, BT_ACC_CREATE, 0);
		if (ok)
			mark_dir(r, path0);
		break;
	case K_SYMLINK:
		ev.target = p0;
		path1 = replay_resolve(r, t, d1, p1, false, &u1);
		file(r, &ev, proc, path1, u1, BT_ACC_CREATE, 0);
		break;
	case K_READLINK:
		path0 = replay_resolve(r, t, d0, p0, false, &u0);
		if (ev.err == EINVAL)	/* there, but no link */
			replay_touch(r, &ev, proc, path0, u0, BT_ACC_PROBE, true, 0);
		else
			file(r, &ev, proc, path0, u0, BT_ACC_READ, 0);
		break;
	case K_WRITE:
	case K_FWRITE:
		if (oi->kind == K_WRITE) {
			path0 = replay_resolve(r, t, d0, p0, empty, &u0);
		} else {
			replay_num(&ev, "fd", (int)sc->args[0]);
			path0 = fd_path(t, (int)sc->args[0], &u0);
		}
		if (oi->mode >= 0)
			replay_num(&ev, "mode", (long long)sc->args[oi->mode] & 07777);
		file(r, &ev, proc, path0, u0, BT_ACC_WRITE, 0);
		break;
	case K_STAT:
		path0 = replay_resolve(r, t, d0, p0, empty, &u0);
		file(r, &ev, proc, path0, u0, BT_ACC_PROBE, 0);
		break;
	case K_EXEC:
		/* A success is a BT_EXEC record: this one failed. */
		path0 = replay_resolve(r, t, d0, p0, empty, &u0);
		file(r, &ev, proc, path0, u0, BT_ACC_EXEC, 0);
		replay_drop_pending(t);
		r->m->nr_failed_execs++;
		break;
	case K_EXIT:
		/* Said in the exit event, when the thread or process ends. */
		if (sc->op == BT_OP_EXIT_GROUP &&
		    r->m->procs[proc].status == BT_STATUS_UNKNOWN)
			r->m->procs[proc].status = (int)(sc->args[0] & 0xff) << 8;
		return;
	case K_WAIT:
		if (!bt_wait_result(sc, r->word, &pid, &status))
			break;
		replay_num(&ev, "child", pid);
		if (WIFEXITED(status))
			replay_num(&ev, "code", WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			replay_num(&ev, "signal", WTERMSIG(status));
		break;
	}
	replay_emit(r, &ev);
}
