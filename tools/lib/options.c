// SPDX-License-Identifier: GPL-2.0
/* The tracing tools' shared options, then each tool's own, in one pass. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/lib/version.h"

/* Above any tool's own long-only values (TOOL_OPT_OWN and up). */
enum { OPT_JSON = 1024, OPT_VERSION, OPT_RAW };

/* Room for the shared options, a tool's own, and the terminator. */
#define MAX_LONG_OPTIONS	48
#define MAX_OPTSTRING		96

static const struct {
	unsigned int flag;
	struct option option;
} shared[] = {
	{ TOOL_OPT_PID, { "pid", required_argument, NULL, 'p' } },
	{ TOOL_OPT_TID, { "tid", required_argument, NULL, 't' } },
	{ TOOL_OPT_UID, { "uid", required_argument, NULL, 'u' } },
	{ TOOL_OPT_DURATION, { "duration", required_argument, NULL, 'd' } },
	{ TOOL_OPT_BUFFER, { "buffer", required_argument, NULL, 'b' } },
	{ TOOL_OPT_FAILED, { "failed", no_argument, NULL, 'x' } },
	{ TOOL_OPT_JSON, { "json", no_argument, NULL, OPT_JSON } },
	{ TOOL_OPT_VERBOSE, { "verbose", no_argument, NULL, 'v' } },
	{ TOOL_OPT_TIMESTAMP, { "timestamp", no_argument, NULL, 't' } },
	{ TOOL_OPT_PRINT_UID, { "print-uid", no_argument, NULL, 'U' } },
	{ TOOL_OPT_RAW, { "raw", no_argument, NULL, OPT_RAW } },
	/* Every tool's, whatever it takes. */
	{ 0, { "help", no_argument, NULL, 'h' } },
	{ 0, { "version", no_argument, NULL, OPT_VERSION } },
};

#define NR_SHARED	(sizeof(shared) / sizeof(shared[0]))

/* "-b PAGES": a power of two, 1..65536. -1 on error (printed). */
static int parse_pages(const char *s, size_t *pages)
{
	long v;

	if (parse_long("-b", s, 1, 65536, &v))
		return -1;
	if (v & (v - 1)) {
		tool_err("invalid -b value '%s': pages must be a power of two", s);
		return -1;
	}
	*pages = (size_t)v;
	return 0;
}

static bool takes(const struct tool_spec *spec, size_t i)
{
	return !shared[i].flag || (shared[i].flag & spec->common);
}

/* The shared option spec takes as opt, or NULL. */
static const struct option *shared_option(const struct tool_spec *spec,
					  int opt)
{
	size_t i;

	for (i = 0; i < NR_SHARED; i++)
		if (shared[i].option.val == opt && takes(spec, i))
			return &shared[i].option;
	return NULL;
}

/* The shared option opt (its name tells -t's two). -1 after a message. */
static int take_shared(struct tool_opts *o, const struct option *opt,
		       const char *arg)
{
	if (!strcmp(opt->name, "timestamp")) {
		o->timestamp = true;
		return 0;
	}
	switch (opt->val) {
	case 'p':
		return parse_long("-p", arg, 1, INT_MAX, &o->who.pid);
	case 't':
		return parse_long("-t", arg, 1, INT_MAX, &o->who.tid);
	case 'u':
		/* (uid_t)-1 is no user: chown(2)'s "leave it". */
		return parse_long_long("-u", arg, 0, 0xfffffffeLL, &o->who.uid);
	case 'd':
		return parse_long("-d", arg, 1, INT_MAX, &o->duration);
	case 'b':
		return parse_pages(arg, &o->pages);
	case 'x':
		o->failed = true;
		return 0;
	case 'v':
		o->verbose = 1;
		return 0;
	case 'U':
		o->print_uid = true;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_RAW:
		o->raw = true;
		return 0;
	}
	return -1;
}

/*
 * getopt's optstring and long options: the shared ones spec takes, then
 * its own. -1 when they do not fit (a tool's mistake, said).
 */
static int build(const struct tool_spec *spec, char *optstring,
		 struct option *longopts)
{
	const struct option *own = spec->long_options;
	size_t i, n = 0, len = 1;
	int val;

	if ((spec->common & TOOL_OPT_TID) && (spec->common & TOOL_OPT_TIMESTAMP)) {
		tool_err("-t cannot be both -t TID and --timestamp");
		return -1;
	}
	optstring[0] = '+';	/* stop at the first non-option: COMMAND's own */
	for (i = 0; i < NR_SHARED; i++) {
		if (!takes(spec, i))
			continue;
		longopts[n++] = shared[i].option;
		val = shared[i].option.val;
		if (val >= TOOL_OPT_OWN)
			continue;
		optstring[len++] = (char)val;
		if (shared[i].option.has_arg == required_argument)
			optstring[len++] = ':';
	}
	for (; own && own->name; own++) {
		if (n == MAX_LONG_OPTIONS)
			goto too_many;
		longopts[n++] = *own;
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	if (len + strlen(spec->options ? spec->options : "") >= MAX_OPTSTRING)
		goto too_many;
	strcpy(optstring + len, spec->options ? spec->options : "");
	return 0;
too_many:
	tool_err("too many options");
	return -1;
}

int tool_opts__parse(struct tool_opts *o, const struct tool_spec *spec,
		     int argc, char **argv, void *ctx)
{
	int max = spec->max_operands ? spec->max_operands : 1;
	struct option longopts[MAX_LONG_OPTIONS + 1];
	const struct option *common;
	char optstring[MAX_OPTSTRING];
	int opt, err;

	memset(o, 0, sizeof(*o));
	o->who.pid = o->who.uid = -1;
	o->pages = spec->pages ? spec->pages : TOOL_DEFAULT_PAGES;
	if (max > TOOL_OPERANDS_MAX) {
		tool_err("too many operands");
		return EXIT_FAIL;
	}
	if (build(spec, optstring, longopts))
		return EXIT_FAIL;
	optind = 0;	/* getopt afresh, as for a new process */
	for (;;) {
		opt = tool_getopt(argc, argv, optstring, longopts);
		if (opt == -1) {
			/* Stopped at an operand: take it, then the options after it. */
			if (!spec->operand || o->nr_operands == max ||
			    optind >= argc || !strcmp(argv[optind - 1], "--"))
				break;
			o->operands[o->nr_operands++] = argv[optind++];
			continue;
		}
		if (opt == 'h') {
			fputs(spec->usage, stdout);
			return EXIT_OK;
		}
		if (opt == OPT_VERSION)
			return print_version();
		if (opt == '?')
			return usage_error(spec->usage);
		common = shared_option(spec, opt);
		if (common)
			err = take_shared(o, common, optarg);
		else
			err = spec->parse ? spec->parse(opt, optarg, ctx) : -1;
		if (err)
			return usage_error(spec->usage);
	}
	if (spec->no_command) {
		while (spec->operand && o->nr_operands < max && optind < argc)
			o->operands[o->nr_operands++] = argv[optind++];
		if (optind < argc) {
			tool_err("unexpected argument '%s'", argv[optind]);
			return usage_error(spec->usage);
		}
	} else {
		o->command = command_after_options(argc, argv, optind);
		if (o->command == (char **)-1)
			return usage_error(spec->usage);
	}
	o->operand = o->operands[0];
	if (spec->operand && o->nr_operands < max && !spec->operand_optional) {
		tool_err("missing %s", spec->operand);
		return usage_error(spec->usage);
	}
	o->who.tree = o->command != NULL;
	output_set_raw(o->raw);
	return TOOL_RUN;
}
