// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace compdb: a compile_commands.json with one entry per source
 * file of every compiler run with -c, as Bear writes it: the arguments
 * exactly as executed, the directory it ran in, the file and the output
 * made absolute against that directory.
 */
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/compdb.h"
#include "tools/lib/output.h"

static const char usage_text[] =
"usage: barebpf buildtrace compdb [FILE] [-o OUT]\n"
"Write a compile_commands.json (to stdout, or OUT) with an entry for each\n"
"source file of every compiler run with -c in the trace (default\n"
BT_DEFAULT_FILE "): cc, gcc, clang, c++, g++, clang++, with or without\n"
"a target prefix and a version (x86_64-linux-gnu-gcc-12).\n"
"\n"
"  -o, --output OUT   write to OUT\n"
"\n"
"examples:\n"
"  barebpf buildtrace compdb -o compile_commands.json\n";

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

bool bt_is_compiler(const char *path)
{
	static const char *const names[] = {
		"cc", "gcc", "clang", "c++", "g++", "clang++",
	};
	const char *base = strrchr(path, '/'), *end, *p;
	size_t i, n;

	base = base ? base + 1 : path;
	end = base + strlen(base);
	/* a version after the name: gcc-12, clang-14.0 */
	for (p = end; p > base && (p[-1] == '.' || isdigit((unsigned char)p[-1])); p--)
		;
	if (p < end && p > base + 1 && p[-1] == '-' && *p != '.')
		end = p - 1;
	/* a target before it: x86_64-linux-gnu-gcc */
	for (p = end; p > base && p[-1] != '-'; p--)
		;
	if (p == base + 1)
		return false;	/* "-gcc": a dash, but no target */
	n = (size_t)(end - p);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(p, names[i], n))
			return true;
	return false;
}

bool bt_takes_value(const char *arg)
{
	static const char *const opts[] = {
		"-o", "-I", "-D", "-U", "-x", "-include", "-imacros",
		"-isystem", "-iquote", "-idirafter", "-iprefix", "-isysroot",
		"-MF", "-MT", "-MQ", "-L", "-l", "-T", "-u", "-z", "-Xlinker",
		"-Xassembler", "-Xpreprocessor", "-Xclang", "-aux-info",
		"--param", "-arch", "-target", "-G", "-A", "-e",
		/* cc1's own */
		"-dumpbase", "-dumpdir", "-dumpbase-ext", "-auxbase",
		"-auxbase-strip",
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(arg, opts[i]))
			return true;
	return false;
}

bool bt_is_source(const char *arg)
{
	static const char *const exts[] = {
		".c", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".C", ".CPP",
		".m", ".mm", ".M", ".s", ".S", ".sx", ".i", ".ii", ".cu",
	};
	const char *dot = strrchr(arg, '.');
	size_t i;

	if (!dot || *arg == '-' || strchr(dot, '/'))
		return false;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(dot, exts[i]))
			return true;
	return false;
}

/* Where a compile of src writes: -o's value, else src's base name with .o. */
static void output_of(char *buf, size_t size, const struct bt_exec_image *img,
		      const char *src)
{
	const char *base = strrchr(src, '/'), *dot;
	int i;

	for (i = 1; i < img->argc; i++) {
		if (!strcmp(img->argv[i], "-o") && i + 1 < img->argc) {
			snprintf(buf, size, "%s", img->argv[i + 1]);
			return;
		}
		if (!strncmp(img->argv[i], "-o", 2) && img->argv[i][2]) {
			snprintf(buf, size, "%s", img->argv[i] + 2);
			return;
		}
	}
	base = base ? base + 1 : src;
	dot = strrchr(base, '.');
	snprintf(buf, size, "%.*s.o", (int)(dot ? dot - base : (long)strlen(base)),
		 base);
}

int bt_compile_sources(const struct bt_exec_image *img, const char *path,
			   int *first)
{
	bool compiles = false;
	int i, n = 0;

	if (!img->argc ||
	    (!bt_is_compiler(img->argv[0]) && !bt_is_compiler(path)))
		return 0;
	for (i = 1; i < img->argc; i++) {
		if (!strcmp(img->argv[i], "-c"))
			compiles = true;
		/* clang's own compile job is not a command people run */
		if (!strcmp(img->argv[i], "-cc1"))
			return 0;
	}
	if (!compiles)
		return 0;
	for (i = 1; i < img->argc; i++) {
		if (bt_takes_value(img->argv[i])) {
			i++;
			continue;
		}
		if (bt_is_source(img->argv[i]) && !n++)
			*first = i;
	}
	return n;
}

static void print_entry(const struct bt_model *m,
			const struct bt_exec_image *img, const char *src,
			bool *comma)
{
	const char *dir = bt_model__path(m, img->cwd);
	char path[2 * PATH_MAX + 2], out[PATH_MAX];
	int i;

	out_str(*comma ? ",\n" : "");
	*comma = true;
	out_str("  {\n    \"arguments\": [");
	for (i = 0; i < img->argc; i++) {
		out_str(i ? ", " : "");
		bt_json_str(img->argv[i]);
	}
	out_str("],\n    \"directory\": ");
	bt_json_str(dir);
	bt_path_join(path, sizeof(path), dir, src);
	out_str(",\n    \"file\": ");
	bt_json_str(path);
	output_of(out, sizeof(out), img, src);
	bt_path_join(path, sizeof(path), dir, out);
	out_str(",\n    \"output\": ");
	bt_json_str(path);
	out_str("\n  }");
}

int bt_compdb_main(int argc, char **argv)
{
	const char *file, *out = NULL;
	bool comma = false;
	struct bt_model m;
	int fd, err, i, first;
	size_t e;

	err = bt_view_args(argc, argv, usage_text, "o:", long_options,
			   bt_output_option, &out, NULL, &file);
	if (err != TOOL_RUN)
		return err;
	err = bt_load(file, &m, NULL, NULL);
	if (err)
		return err;
	fd = bt_output_open(out);
	if (fd < 0) {
		bt_model__free(&m);
		return EXIT_FAIL;
	}
	out_str("[\n");
	for (e = 0; e < m.nr_execs; e++) {
		const struct bt_exec_image *img = &m.execs[e];

		if (!bt_compile_sources(img, bt_model__path(&m, img->path),
					    &first))
			continue;
		for (i = first; i < img->argc; i++) {
			if (bt_takes_value(img->argv[i]))
				i++;
			else if (bt_is_source(img->argv[i]))
				print_entry(&m, img, img->argv[i], &comma);
		}
	}
	out_str(comma ? "\n]\n" : "]\n");
	bt_model__free(&m);
	return bt_output_close(out, fd, 0);
}
