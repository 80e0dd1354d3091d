// SPDX-License-Identifier: GPL-2.0
/*
 * The multi-call entry point: "barebpf TOOL ARGS..." or a link named
 * after the tool. Commands come from commands.h, sorted by name.
 */
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"

#define COMMAND(name, help) int name##_main(int argc, char **argv);
#define TOOL COMMAND
#include "tools/commands.h"
#undef TOOL
#undef COMMAND

static const struct command {
	const char *name;
	int (*main)(int argc, char **argv);
	const char *help;
	int tool;		/* a tracing tool, with its own install link */
} commands[] = {
#define COMMAND(name, help) { #name, name##_main, help, 0 },
#define TOOL(name, help) { #name, name##_main, help, 1 },
#include "tools/commands.h"
#undef TOOL
#undef COMMAND
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void list(FILE *f, int tools)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (commands[i].tool == tools)
			fprintf(f, "  %-12s %s\n", commands[i].name,
				commands[i].help);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: barebpf COMMAND [ARGS...]   (or a link named after a tool)\n"
		   "eBPF tracing from one static binary: no libbpf, no BTF, no compiler.\n\n"
		   "tracing tools:\n");
	list(f, 1);
	fprintf(f, "\ncommands:\n");
	list(f, 0);
	fprintf(f, "\n\"barebpf COMMAND -h\" describes each.\n");
}

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* getopt names argv[0] in its messages: make that "barebpf TOOL". */
static int run(const struct command *cmd, int argc, char **argv)
{
	static char name[64];

	snprintf(name, sizeof(name), "barebpf %s", cmd->name);
	argv[0] = name;
	return cmd->main(argc, argv);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const struct command *cmd;

	base = base ? base + 1 : argv[0];
	cmd = find(base);
	if (cmd)
		return run(cmd, argc, argv);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	cmd = find(argv[1]);
	if (!cmd) {
		fprintf(stderr, "barebpf: Unknown command %s\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	return run(cmd, argc - 1, argv + 1);
}
