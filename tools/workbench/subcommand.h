/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Commands made of subcommands ("prog list", "elf run FILE.o"): the
 * subcommand found first, then its own command line read through the
 * shared option layer (tools/lib/options.h), so that -h, --version and
 * bad usage answer as every tool's do. Functions here print their one
 * line and return an exit code, as tools/lib/args.h says.
 */
#ifndef BAREBPF_TOOLS_WORKBENCH_SUBCOMMAND_H
#define BAREBPF_TOOLS_WORKBENCH_SUBCOMMAND_H

#include <linux/types.h>

/*
 * Which of names (NULL-terminated) argv[1] is: its index, with *argcp
 * and *argvp moved onto it (its argv[0] still "barebpf TOOL"), for its
 * own tool_opts__parse. Otherwise -1 and *code: EXIT_OK after -h or
 * --version, EXIT_USAGE after bad usage (no subcommand, an unknown one,
 * an unknown option), choices ("list or dump ID") saying what is taken.
 */
int subcommand_find(const char *usage, const char *const *names,
		    const char *choices, int *argcp, char ***argvp, int *code);

/*
 * "TOOL list" (or "show") and "TOOL dump ID", the shape of prog and map;
 * what names the object ("program", "map"). Returns the exit code.
 */
int list_or_dump_main(const char *what, const char *usage,
		      int argc, char **argv, int (*list)(void),
		      int (*dump)(__u32 id));

#endif /* BAREBPF_TOOLS_WORKBENCH_SUBCOMMAND_H */
