/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command of the multi-call binary, sorted by name: the dispatcher's
 * table and the Makefile's list of install symlinks both come from here.
 * COMMAND(name, one-line description)
 */
COMMAND(buildtrace, "record a build's processes and files; graph, deps, compdb")
COMMAND(execsnoop, "trace exec() calls, with arguments and result")
COMMAND(opensnoop, "trace open() calls, with fd or error")
