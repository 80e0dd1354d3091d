// SPDX-License-Identifier: GPL-2.0
/* probe: what BPF this kernel offers, found by loading tiny programs. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/helpers.h"
#include "asm/names.h"
#include "loader/features.h"
#include "loader/prog.h"
#include "loader/tracefs.h"
#include "tools/lib/args.h"
#include "tools/lib/config.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf probe [-t TYPE]\n"
"What BPF the running kernel offers, each answer found by loading a tiny\n"
"program or creating a tiny map, as bpftool feature probe does: tracefs and\n"
"its syscall tracepoints, program types, map types, the helpers a program\n"
"type may call, bounded loops.\n"
"\n"
"  -t, --type TYPE  list the helpers of TYPE programs (default tracepoint)\n"
"\n"
"examples:\n"
"  barebpf probe\n"
"  barebpf probe -t socket_filter\n";

static const char *answer(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "? (probe failed)";
}

/* Entries of events/syscalls: the syscall tracepoints this kernel has. */
static int count_syscall_events(const char *tracefs)
{
	char path[512];
	struct dirent *de;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/events/syscalls", tracefs);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir)))
		n += !strncmp(de->d_name, "sys_", 4);
	closedir(dir);
	return n;
}

/* -t TYPE: the program type whose helpers to list. */
static int parse_option(int opt, const char *arg, void *ctx)
{
	int *type = ctx;

	if (opt != 't')
		return -1;
	*type = bpf_prog_type_id(arg);
	if (*type <= 0) {
		tool_err("unknown program type '%s'", arg);
		return -1;
	}
	return 0;
}

static const struct option long_options[] = {
	{ "type", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static const struct tool_spec spec = {
	.usage = usage_text,
	.options = "t:",
	.long_options = long_options,
	.parse = parse_option,
	.no_command = true,
};

int probe_main(int argc, char **argv)
{
	int type = BPF_PROG_TYPE_TRACEPOINT, v, n, yes = 0, err;
	struct tool_opts o;
	const char *tracefs;
	unsigned int i;

	err = tool_opts__parse(&o, &spec, argc, argv, &type);
	if (err != TOOL_RUN)
		return err;
	err = raise_memlock_rlimit();
	if (err)
		tool_err("raising RLIMIT_MEMLOCK: %s", strerror(-err));
	/* The first probe tells whether any can run at all. */
	v = feature_probe_prog_type(BPF_PROG_TYPE_SOCKET_FILTER);
	if (v < 0) {
		tool_err("loading a program: %s%s", strerror(-v),
			 v == -EPERM ? " (run as root, or with CAP_BPF)" : "");
		return EXIT_FAIL;
	}
	tracefs = tool_tracefs();
	if (tracefs) {
		n = count_syscall_events(tracefs);
		out_printf("tracefs: %s\n", tracefs);
		if (n >= 0)
			out_printf("syscall tracepoints: %d (events/syscalls)\n", n);
		else
			out_printf("syscall tracepoints: none (%s)\n", strerror(-n));
	} else {
		out_printf("tracefs: none (%s)\n", strerror(errno));
	}

	out_printf("\nprogram types:\n");
	for (i = 1; i < bpf_prog_type_count(); i++)
		out_printf("  %-24s %s\n", bpf_prog_type_name(i),
			   answer(feature_probe_prog_type((enum bpf_prog_type)i)));
	out_printf("\nmap types:\n");
	for (i = 1; i < bpf_map_type_count(); i++)
		out_printf("  %-24s %s\n", bpf_map_type_name(i),
			   answer(feature_probe_map_type((enum bpf_map_type)i)));
	out_flush();

	out_printf("\nhelpers for %s programs:\n",
		   bpf_prog_type_name((unsigned int)type));
	for (i = 1; i < (unsigned int)bpf_helper_count(); i++) {
		v = feature_probe_helper((enum bpf_prog_type)type, (int)i);
		if (v > 0) {
			out_printf("  %s\n", bpf_helper_name((int)i));
			yes++;
		}
	}
	out_printf("  (%d of the %d helpers this build knows)\n", yes,
		   bpf_helper_count() - 1);
	out_printf("\nbounded loops: %s\n", answer(feature_probe_bounded_loops(BPF_PROG_TYPE_TRACEPOINT)));
	return out_flush() ? EXIT_FAIL : EXIT_OK;
}
