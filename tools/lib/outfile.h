/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file a command writes where the operator says (-o FILE): every -o
 * opens it here. barebpf runs as root, often in directories others can
 * write, so:
 *
 *  - a symbolic link is refused, never followed (a user's link
 *    /tmp/build.trace -> /root/victim must not make root overwrite the
 *    victim);
 *  - a regular file, or a name that does not exist yet, is written as a
 *    new temporary file in the same directory (O_EXCL, so nothing there
 *    is reused) and renamed over the name only by outfile__commit():
 *    a run that fails leaves what was there untouched, and nothing is
 *    ever unlinked but that temporary;
 *  - what is neither (a character device such as /dev/null, a FIFO, a
 *    socket) is written in place, never truncated, created or removed;
 *  - a directory is refused.
 *
 * The mode is the caller's (traces hold every process's arguments: 0600),
 * less the umask.
 */
#ifndef BAREBPF_TOOLS_OUTFILE_H
#define BAREBPF_TOOLS_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/* A zeroed one (path NULL) is not open yet: outfile__open() sets it all. */
struct outfile {
	const char *path;	/* as the operator named it */
	char tmp[PATH_MAX];	/* the temporary beside it; "" when in place */
	int fd;			/* -1 when closed */
};

/*
 * Open path for writing with mode. Returns 0, or EXIT_FAIL after saying
 * why as "barebpf TOOL: PATH: ...". f->fd is then the fd to write.
 */
int outfile__open(struct outfile *f, const char *path,
		  mode_t mode);

/*
 * Close and put the new file in place (rename the temporary over the
 * name). Returns 0, or EXIT_FAIL after saying why (the temporary is
 * then removed and the old file left as it was).
 */
int outfile__commit(struct outfile *f);

/* Close and drop what was written: remove the temporary, if any. */
void outfile__abort(struct outfile *f);

/*
 * True when path names the file with this device and inode (itself or
 * a hard link to it; a symbolic link is not followed): "normalize IN -o
 * IN" must not replace its input with its output. False when path does
 * not exist.
 */
bool outfile_is_same(const char *path, dev_t dev, ino_t ino);

#endif /* BAREBPF_TOOLS_OUTFILE_H */
