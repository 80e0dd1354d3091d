// SPDX-License-Identifier: GPL-2.0
/*
 * The multi-call entry point: "barebpf TOOL ARGS..." or a link named
 * after the tool. Commands come from commands.h, sorted by name.
 */
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/lib/config.h"
#include "tools/lib/packed.h"
#include "tools/lib/version.h"

#define COMMAND(name, help) int name##_main(int argc, char **argv);
#define TOOL COMMAND
#include "tools/commands.h"
#undef TOOL
#undef COMMAND

/* Each line of the list, an array of its own: the tiny build packs them. */
#define COMMAND(name, help) static const char help_##name[] = help;
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
#define COMMAND(name, help) { #name, name##_main, help_##name, 0 },
#define TOOL(name, help) { #name, name##_main, help_##name, 1 },
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
	fprintf(f, "\n\"barebpf COMMAND -h\" describes each; \"barebpf --version\" prints the version.\n");
}

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/*
 * The command's name, set here once, is what every message names;
 * getopt names argv[0] in its own: make that "barebpf TOOL" too.
 */
static int run(const struct command *cmd, int argc, char **argv)
{
	static char name[64];

	tool_name = cmd->name;
	snprintf(name, sizeof(name), "barebpf %s", cmd->name);
	argv[0] = name;
	return cmd->main(argc, argv);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const struct command *cmd;

	base = base ? base + 1 : argv[0];
	/* The tiny build's usage texts, deflated in the binary. */
	if (packed_unpack()) {
		tool_err("this binary is damaged: its usage texts do not inflate");
		return EXIT_FAIL;
	}
	/* The environment, read once: what is passed down comes from here. */
	tool_config__read(&tool_config);
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
	if (!strcmp(argv[1], "--version"))
		return print_version();
	cmd = find(argv[1]);
	if (!cmd) {
		/* 127, as a shell and toybox answer a command not found. */
		tool_err("unknown command '%s' (barebpf --help lists them)",
			 argv[1]);
		return EXIT_NOT_FOUND;
	}
	return run(cmd, argc - 1, argv + 1);
}
