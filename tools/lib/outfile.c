// SPDX-License-Identifier: GPL-2.0
/* -o FILE: no symlink followed, nothing clobbered before the run is done. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tools/lib/args.h"
#include "tools/lib/outfile.h"

/* "DIR/.BASE.XXXXXX" beside path, for mkostemp(). */
static int temp_name(char *buf, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	int n;

	n = snprintf(buf, size, "%.*s.%s.XXXXXX", dir_len, path,
		     slash ? slash + 1 : path);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int open_temp(struct outfile *f, mode_t mode)
{
	mode_t mask = umask(0);
	int err;

	umask(mask);
	err = temp_name(f->tmp, sizeof(f->tmp), f->path);
	if (err)
		return err;
	/* O_EXCL and a fresh name: never a file someone left there. */
	f->fd = mkostemp(f->tmp, O_CLOEXEC);
	if (f->fd < 0) {
		f->tmp[0] = '\0';
		return -errno;
	}
	if (fchmod(f->fd, mode & ~mask)) {
		err = -errno;
		outfile__abort(f);
		return err;
	}
	return 0;
}

int outfile__open(struct outfile *f, const char *path,
		  mode_t mode)
{
	struct stat st;
	int err;

	f->path = path;
	f->tmp[0] = '\0';
	f->fd = -1;
	if (!*path || path[strlen(path) - 1] == '/') {
		tool_err("%s: not a file name", path);
		return EXIT_FAIL;
	}
	/*
	 * No O_CREAT and no O_TRUNC: this open only finds what is there.
	 * O_NONBLOCK: a FIFO without a reader fails (ENXIO) rather than
	 * hangs; a character device is written as it is.
	 */
	f->fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK |
		     O_CLOEXEC);
	if (f->fd < 0 && errno == ELOOP) {
		tool_err("%s: a symbolic link: refusing to write through it "
			 "(name the file it points to)", path);
		return EXIT_FAIL;
	}
	if (f->fd < 0 && errno == EISDIR) {
		tool_err("%s: a directory", path);
		return EXIT_FAIL;
	}
	if (f->fd < 0 && errno == ENXIO) {
		tool_err("%s: a FIFO no process reads", path);
		return EXIT_FAIL;
	}
	if (f->fd >= 0) {
		/* Checked on what was opened, not on a name that can change. */
		if (fstat(f->fd, &st)) {
			err = errno;
			close(f->fd);
			f->fd = -1;
			tool_err("%s: %s", path, strerror(err));
			return EXIT_FAIL;
		}
		if (!S_ISREG(st.st_mode)) {
			/* Blocking writes from here, as to any output. */
			fcntl(f->fd, F_SETFL, fcntl(f->fd, F_GETFL) & ~O_NONBLOCK);
			return 0;
		}
		close(f->fd);
		f->fd = -1;
	} else if (errno != ENOENT) {
		tool_err("%s: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	/* A regular file or a new name: a temporary, renamed at the end. */
	err = open_temp(f, mode);
	if (err) {
		tool_err("%s: creating a file in its directory: %s", path,
			 strerror(-err));
		return EXIT_FAIL;
	}
	return 0;
}

int outfile__commit(struct outfile *f)
{
	int err = 0;

	if (f->fd >= 0 && close(f->fd))
		err = errno;
	f->fd = -1;
	if (!err && f->tmp[0] && rename(f->tmp, f->path))
		err = errno;
	if (err) {
		outfile__abort(f);
		tool_err("%s: %s", f->path, strerror(err));
		return EXIT_FAIL;
	}
	f->tmp[0] = '\0';
	return 0;
}

void outfile__abort(struct outfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp[0])
		unlink(f->tmp);
	f->tmp[0] = '\0';
}

bool outfile_is_same(const char *path, dev_t dev, ino_t ino)
{
	struct stat st;

	return !lstat(path, &st) && st.st_dev == dev && st.st_ino == ino;
}
