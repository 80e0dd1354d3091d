// SPDX-License-Identifier: GPL-2.0
/* errno names and numbers, for decoding results and parsing -e ERRNO. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "tools/lib/errnos.h"

/*
 * The kernel's own restart codes (include/linux/errno.h, the same on
 * every architecture, in no C library's headers): a syscall interrupted
 * by a signal exits with one before the signal is handled, and the
 * syscall exit tracepoints see it.
 */
#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ENOIOCTLCMD		515
#define ERESTART_RESTARTBLOCK	516

/*
 * Each value's own name first: errno_name() gives the first match. The
 * aliases after them give the same values under a second name.
 */
#define ERRNOS(E) \
	E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) \
	E(ENOEXEC) E(EBADF) E(ECHILD) E(EAGAIN) E(ENOMEM) E(EACCES) \
	E(EFAULT) E(ENOTBLK) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) \
	E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) \
	E(ETXTBSY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS) E(EMLINK) E(EPIPE) \
	E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG) E(ENOLCK) E(ENOSYS) \
	E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ECHRNG) E(EL2NSYNC) \
	E(EL3HLT) E(EL3RST) E(ELNRNG) E(EUNATCH) E(ENOCSI) E(EL2HLT) \
	E(EBADE) E(EBADR) E(EXFULL) E(ENOANO) E(EBADRQC) E(EBADSLT) \
	E(EBFONT) E(ENOSTR) E(ENODATA) E(ETIME) E(ENOSR) E(ENONET) \
	E(ENOPKG) E(EREMOTE) E(ENOLINK) E(EADV) E(ESRMNT) E(ECOMM) \
	E(EPROTO) E(EMULTIHOP) E(EDOTDOT) E(EBADMSG) E(EOVERFLOW) \
	E(ENOTUNIQ) E(EBADFD) E(EREMCHG) E(ELIBACC) E(ELIBBAD) E(ELIBSCN) \
	E(ELIBMAX) E(ELIBEXEC) E(EILSEQ) E(ERESTART) E(ESTRPIPE) E(EUSERS) \
	E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE) \
	E(ENOPROTOOPT) E(EPROTONOSUPPORT) E(ESOCKTNOSUPPORT) E(EOPNOTSUPP) \
	E(EPFNOSUPPORT) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) \
	E(ENETDOWN) E(ENETUNREACH) E(ENETRESET) E(ECONNABORTED) \
	E(ECONNRESET) E(ENOBUFS) E(EISCONN) E(ENOTCONN) E(ESHUTDOWN) \
	E(ETOOMANYREFS) E(ETIMEDOUT) E(ECONNREFUSED) E(EHOSTDOWN) \
	E(EHOSTUNREACH) E(EALREADY) E(EINPROGRESS) E(ESTALE) E(EUCLEAN) \
	E(ENOTNAM) E(ENAVAIL) E(EISNAM) E(EREMOTEIO) E(EDQUOT) E(ENOMEDIUM) \
	E(EMEDIUMTYPE) E(ECANCELED) E(ENOKEY) E(EKEYEXPIRED) E(EKEYREVOKED) \
	E(EKEYREJECTED) E(EOWNERDEAD) E(ENOTRECOVERABLE) E(ERFKILL) \
	E(EHWPOISON) \
	E(ERESTARTSYS) E(ERESTARTNOINTR) E(ERESTARTNOHAND) E(ENOIOCTLCMD) \
	E(ERESTART_RESTARTBLOCK) \
	E(EWOULDBLOCK) E(EDEADLOCK) E(ENOTSUP)

/* One string of names and an array of values: the binary has a size budget. */
#define NAME(e) #e "\0"
#define VALUE(e) e,

static const char names[] = ERRNOS(NAME);
static const short values[] = { ERRNOS(VALUE) };

#define NR_ERRNOS (sizeof(values) / sizeof(values[0]))

const char *errno_name(int err)
{
	const char *name = names;
	size_t i;

	for (i = 0; i < NR_ERRNOS; i++, name += strlen(name) + 1)
		if (values[i] == err)
			return name;
	return NULL;
}

int errno_value(const char *want)
{
	const char *name = names;
	size_t i;

	for (i = 0; i < NR_ERRNOS; i++, name += strlen(name) + 1)
		if (!strcmp(name, want))
			return values[i];
	return -1;
}

int errno_parse(const char *s)
{
	char *end;
	long v;

	if (*s >= '0' && *s <= '9') {
		errno = 0;
		v = strtol(s, &end, 10);
		if (*end || errno || v < 1 || v > ERRNO_MAX)
			return -1;
		return (int)v;
	}
	return errno_value(s);
}
