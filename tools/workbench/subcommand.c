// SPDX-License-Identifier: GPL-2.0
/* A subcommand, then its own command line through the shared options. */
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/workbench/subcommand.h"

int subcommand_find(const char *usage, const char *const *names,
		    const char *choices, int *argcp, char ***argvp, int *code)
{
	/* What comes before a subcommand: -h, --version, or a mistake */
	const struct tool_spec top = {
		.usage = usage,
		.operand = "SUBCOMMAND",
		.operand_optional = true,
		.no_command = true,
	};
	char **argv = *argvp;
	struct tool_opts o;
	int i, ret;

	for (i = 0; *argcp > 1 && names[i]; i++) {
		if (strcmp(argv[1], names[i]))
			continue;
		argv[1] = argv[0];
		(*argcp)--;
		(*argvp)++;
		return i;
	}
	o.operand = *argcp > 1 && argv[1][0] != '-' ? argv[1] : NULL;
	if (!o.operand) {
		ret = tool_opts__parse(&o, &top, *argcp, argv, NULL);
		if (ret != TOOL_RUN) {
			*code = ret;
			return -1;
		}
	}
	if (o.operand)
		tool_err("unknown subcommand '%s': %s", o.operand, choices);
	else
		tool_err("no subcommand: %s", choices);
	*code = usage_error(usage);
	return -1;
}

int list_or_dump_main(const char *what, const char *usage,
		      int argc, char **argv, int (*list)(void),
		      int (*dump)(__u32 id))
{
	static const char *const names[] = { "list", "show", "dump", NULL };
	struct tool_spec spec = { .usage = usage, .no_command = true };
	char id_name[32];
	struct tool_opts o;
	long long id;
	int sub, ret;

	sub = subcommand_find(usage, names, "list or dump ID", &argc, &argv,
			      &ret);
	if (sub < 0)
		return ret;
	if (names[sub][0] == 'd') {
		snprintf(id_name, sizeof(id_name), "%s ID", what);
		spec.operand = id_name;
	}
	ret = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (ret != TOOL_RUN)
		return ret;
	if (!spec.operand)
		return list();
	if (parse_long_long("ID", o.operand, 1, 0xffffffffLL, &id))
		return usage_error(usage);
	return dump((__u32)id);
}
