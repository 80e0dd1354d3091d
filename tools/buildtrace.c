// SPDX-License-Identifier: GPL-2.0
/* buildtrace: record a build's processes and files, then ask the trace. */
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/lib/version.h"
#include "tools/buildtrace/buildtrace.h"

static const char usage_text[] =
"usage: barebpf buildtrace SUBCOMMAND [ARGS...]\n"
"Record every process and file event of a build, then turn the trace into\n"
"answers.\n"
"\n"
"  record [-o FILE] -- COMMAND   run COMMAND, stream its events to FILE\n"
"  normalize FILE [-o OUT]       events in time order, absolute paths: JSON lines\n"
"  graph FILE                    processes and files as a Graphviz graph\n"
"  deps FILE [--make]            what each file the build wrote was made from\n"
"  compdb FILE [-o OUT]          compile_commands.json of every compile\n"
"  summary FILE                  processes, files, probes, slowest commands,\n"
"                                the critical path\n"
"  timeline FILE [-o OUT]        processes over time: a Chrome trace for Perfetto\n"
"  report FILE [-o OUT]          one HTML page: timeline, tree, files, probes\n"
"  diff A.trace B.trace          what differs between two builds\n"
"\n"
"\"barebpf buildtrace SUBCOMMAND -h\" describes each. FILE defaults to\n"
BT_DEFAULT_FILE " where it is optional.\n"
"\n"
"examples:\n"
"  barebpf buildtrace record -- make -j2\n"
"  barebpf buildtrace graph " BT_DEFAULT_FILE " | dot -Tsvg > build.svg\n"
"  barebpf buildtrace deps --make " BT_DEFAULT_FILE "\n";

static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
} subcommands[] = {
	{ "record", bt_record_main },
	{ "normalize", bt_normalize_main },
	{ "graph", bt_graph_main },
	{ "deps", bt_deps_main },
	{ "compdb", bt_compdb_main },
	{ "summary", bt_summary_main },
	{ "timeline", bt_timeline_main },
	{ "report", bt_report_main },
	{ "diff", bt_diff_main },
};

int buildtrace_main(int argc, char **argv)
{
	static char name[64];
	size_t i;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return print_version();
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (strcmp(argv[1], subcommands[i].name))
			continue;
		/* getopt names argv[0] in its messages */
		snprintf(name, sizeof(name), "barebpf buildtrace %s", argv[1]);
		argv[1] = name;
		return subcommands[i].main(argc - 1, argv + 1);
	}
	tool_err("unknown subcommand '%s'", argv[1]);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
