/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command of the multi-call binary, sorted by name: the dispatcher's
 * table and the Makefile's list of install symlinks both come from here.
 * COMMAND(name, one-line description)
 */
COMMAND(execsnoop, "trace exec() calls, with arguments and result")
COMMAND(exitsnoop, "trace processes that end, with age and exit status")
COMMAND(killsnoop, "trace kill(), tkill() and tgkill(), with signal and result")
COMMAND(mountsnoop, "trace mount(), umount() and the fd-based mount API")
COMMAND(opensnoop, "trace open() calls, with fd or error")
COMMAND(syncsnoop, "trace sync(), fsync() and the rest of the sync family")
