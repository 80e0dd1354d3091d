/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command of the multi-call binary, sorted by name: the dispatcher's
 * table and the Makefile's list of install symlinks both come from here.
 * COMMAND(name, one-line description)
 */
COMMAND(bindsnoop, "trace bind() on IPv4 and IPv6 sockets")
COMMAND(execsnoop, "trace exec() calls, with arguments and result")
COMMAND(exitsnoop, "trace processes that end, with age and exit status")
COMMAND(killsnoop, "trace kill(), tkill() and tgkill(), with signal and result")
COMMAND(mountsnoop, "trace mount(), umount() and the fd-based mount API")
COMMAND(opensnoop, "trace open() calls, with fd or error")
COMMAND(statsnoop, "trace stat() calls, with result and path")
COMMAND(syscount, "count syscalls per syscall or per process")
COMMAND(tcpaccept, "trace TCP accept() calls, by the accepting process")
COMMAND(tcpconnect, "trace TCP connect() calls, or count them")
COMMAND(syncsnoop, "trace sync(), fsync() and the rest of the sync family")
