// SPDX-License-Identifier: GPL-2.0
/*
 * The workbench's command lines: --version and --help through the shared
 * options, each bad command line one exact line and the usage with exit
 * 2, and a file cut short or a line no instruction, one line naming it.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <check.h>
#include "asm/insn.h"
#include <linux/btf.h>
#include "loader/bpf.h"
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The workbench's commands, and whether this barebpf has each. */
static const char *const commands[] = {
	"asm", "disasm", "verify", "elf", "prog", "map", "probe",
};

/* What "barebpf ARGS..." printed on stdout, exit 0, nothing on stderr. */
static char *output_of(const char *const *args)
{
	struct proc p;
	char *out;

	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(!strcmp(p.err, ""), "%s: %s", args[0], p.err);
	out = strdup(p.out);
	proc__free(&p);
	return out;
}

/*
 * --version and -h, --help through the shared options: the binary's own
 * version line, the usage on stdout; after a subcommand too.
 */
START_TEST(test_version_and_help)
{
	static const char *const after_sub[][3] = {
		{ "elf", "run", "elf" }, { "elf", "inspect", "elf" },
		{ "prog", "dump", "prog" }, { "map", "list", "map" },
	};
	const char *top[] = { "--version", NULL };
	char *version = output_of(top), *usage, *out, first[64];
	size_t i;

	ck_assert_msg(!strncmp(version, "barebpf ", 8) && version[8] != '\n',
		      "%s", version);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		const char *ver[] = { commands[i], "--version", NULL };
		const char *h[] = { commands[i], "-h", NULL };
		const char *help[] = { commands[i], "--help", NULL };

		if (!barebpf_has(commands[i]))
			continue;
		out = output_of(ver);
		ck_assert_str_eq(out, version);
		free(out);
		usage = output_of(h);
		snprintf(first, sizeof(first), "usage: barebpf %s ", commands[i]);
		ck_assert_msg(!strncmp(usage, first, strlen(first)), "%s", usage);
		ck_assert_msg(strstr(usage, "\nexamples:\n  barebpf "), "%s", usage);
		out = output_of(help);
		ck_assert_str_eq(out, usage);
		free(out);
		free(usage);
	}
	for (i = 0; i < ARRAY_SIZE(after_sub); i++) {
		const char *ver[] = { after_sub[i][0], after_sub[i][1], "--version", NULL };
		const char *help[] = { after_sub[i][0], after_sub[i][1], "--help", NULL };
		const char *h[] = { after_sub[i][2], "-h", NULL };

		if (!barebpf_has(after_sub[i][0]))
			continue;
		out = output_of(ver);
		ck_assert_str_eq(out, version);
		free(out);
		usage = output_of(h);
		out = output_of(help);
		ck_assert_str_eq(out, usage);
		free(out);
		free(usage);
	}
	free(version);
}
END_TEST

/*
 * "barebpf ARGS...": exit 2, nothing on stdout, and on stderr the one
 * line want (PATH in it replaced by path), then the command's usage.
 */
static void assert_bad_usage(const char *const *args, const char *want,
			     const char *path)
{
	const char *h[] = { args[0], "-h", NULL };
	char *usage = output_of(h), line[PATH_MAX + 256], *at;
	struct proc p;

	at = strstr(want, "PATH");
	if (at)
		snprintf(line, sizeof(line), "%.*s%s%s\n", (int)(at - want), want,
			 path, at + 4);
	else
		snprintf(line, sizeof(line), "%s\n", want);
	run_barebpf(&p, args);
	assert_status(&p, 2);
	ck_assert_str_eq(p.out, "");
	ck_assert_msg(!strncmp(p.err, line, strlen(line)),
		      "barebpf %s %s: %s", args[0], args[1] ? args[1] : "", p.err);
	ck_assert_str_eq(p.err + strlen(line), usage);
	free(usage);
	proc__free(&p);
}

/* Unknown flags, bad numbers, stray and missing arguments: each command. */
START_TEST(test_usage_errors)
{
	static const char text[] = ".type socket_filter\nr0 = 0\nexit\n";
	static const struct {
		const char *args[8];
		const char *line;
	} c[] = {
		{ { "asm", "--bogus" }, "barebpf asm: unrecognized option '--bogus'" },
		{ { "asm", "PATH", "-Z" }, "barebpf asm: invalid option -- 'Z'" },
		{ { "asm" }, "barebpf asm: missing FILE.s" },
		{ { "asm", "PATH", "PATH" }, "barebpf asm: unexpected argument 'PATH'" },
		{ { "asm", "PATH", "-o" }, "barebpf asm: option requires an argument -- 'o'" },
		{ { "disasm", "--bogus" }, "barebpf disasm: unrecognized option '--bogus'" },
		{ { "disasm" }, "barebpf disasm: missing FILE" },
		{ { "disasm", "PATH", "--", "x" }, "barebpf disasm: unexpected argument 'x'" },
		{ { "verify", "PATH", "--bogus" }, "barebpf verify: unrecognized option '--bogus'" },
		{ { "verify", "PATH", "-l", "3" }, "barebpf verify: invalid --log-level value '3': expected 1..2" },
		{ { "verify", "PATH", "--repeat", "0" }, "barebpf verify: invalid --repeat value '0': expected 1..100000000" },
		{ { "verify", "PATH", "--repeat", "1e3" }, "barebpf verify: invalid --repeat value '1e3': expected 1..100000000" },
		{ { "verify", "PATH", "-a", "x:y", "-c", "ten" }, "barebpf verify: invalid --count value 'ten': expected 1..1000000" },
		{ { "verify", "PATH", "-d", "-1" }, "barebpf verify: invalid -d value '-1': expected 1..2147483647" },
		{ { "verify", "PATH", "--flags", "any_alignment,fast" }, "barebpf verify: --flags: unknown program flag 'fast'" },
		{ { "verify", "PATH", "--data-hex", "4" }, "barebpf verify: --data-hex: not a byte in hex at offset 0: '4'" },
		{ { "verify", "PATH", "--", "ls" }, "barebpf verify: -- COMMAND needs --attach" },
		{ { "verify" }, "barebpf verify: missing FILE" },
		{ { "elf" }, "barebpf elf: no subcommand: inspect or run" },
		{ { "elf", "--bogus" }, "barebpf elf: unrecognized option '--bogus'" },
		{ { "elf", "load", "PATH" }, "barebpf elf: unknown subcommand 'load': inspect or run" },
		{ { "elf", "inspect" }, "barebpf elf: missing FILE.o" },
		{ { "elf", "inspect", "PATH", "-c", "1" }, "barebpf elf: invalid option -- 'c'" },
		{ { "elf", "run", "PATH", "-c", "0" }, "barebpf elf: invalid --count value '0': expected 1..1000000" },
		{ { "elf", "run", "PATH", "-d", "1s" }, "barebpf elf: invalid -d value '1s': expected 1..2147483647" },
		{ { "prog" }, "barebpf prog: no subcommand: list or dump ID" },
		{ { "prog", "-x" }, "barebpf prog: invalid option -- 'x'" },
		{ { "prog", "dump" }, "barebpf prog: missing program ID" },
		{ { "prog", "dump", "12x" }, "barebpf prog: invalid ID value '12x': expected 1..4294967295" },
		{ { "prog", "dump", "4294967296" }, "barebpf prog: invalid ID value '4294967296': expected 1..4294967295" },
		{ { "prog", "list", "all" }, "barebpf prog: unexpected argument 'all'" },
		{ { "map", "dump", "0" }, "barebpf map: invalid ID value '0': expected 1..4294967295" },
		{ { "map", "dump", "1", "2" }, "barebpf map: unexpected argument '2'" },
		{ { "map", "lsit" }, "barebpf map: unknown subcommand 'lsit': list or dump ID" },
		{ { "probe", "-t", "sockets" }, "barebpf probe: unknown program type 'sockets'" },
		{ { "probe", "-t" }, "barebpf probe: option requires an argument -- 't'" },
		{ { "probe", "now" }, "barebpf probe: unexpected argument 'now'" },
	};
	char path[PATH_MAX];
	const char *args[9];
	size_t i, j;

	case_file("ok.s", text, sizeof(text) - 1, path);
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		if (!barebpf_has(c[i].args[0]))
			continue;
		for (j = 0; c[i].args[j]; j++)
			args[j] = strcmp(c[i].args[j], "PATH") ? c[i].args[j] : path;
		args[j] = NULL;
		assert_bad_usage(args, c[i].line, path);
	}
}
END_TEST

/*
 * An object cut short, an unknown mnemonic: one line naming the file
 * (and line), exit 2, nothing on stdout, from each command reading it.
 */
START_TEST(test_bad_files)
{
	static const char *const readers[][3] = {
		{ "disasm" }, { "verify" }, { "elf", "inspect" }, { "elf", "run" },
	};
	static const char mnemonic[] = ".type xdp\nr0 = 2\nmovq r0, r1\nexit\n";
	const struct embedded_file *f = embedded("events.bpf.o");
	const Elf64_Ehdr *eh = (const void *)f->data;
	char path[PATH_MAX], want[PATH_MAX + 256], cmd[16];
	const char *args[5];
	unsigned long long end;
	struct proc p;
	size_t i, j;

	ck_assert_uint_ge(f->size, sizeof(*eh));
	end = eh->e_shoff + (unsigned long long)eh->e_shnum * eh->e_shentsize;
	ck_assert_uint_eq(end, f->size);	/* clang puts them last */
	case_file("cut.bpf.o", f->data, f->size - 1, path);
	for (i = 0; i < ARRAY_SIZE(readers); i++) {
		if (!barebpf_has("elf"))
			break;
		for (j = 0; readers[i][j]; j++)
			args[j] = readers[i][j];
		args[j++] = path;
		args[j] = NULL;
		snprintf(cmd, sizeof(cmd), "%s", readers[i][0]);
		run_barebpf(&p, args);
		assert_status(&p, 2);
		ck_assert_str_eq(p.out, "");
		snprintf(want, sizeof(want),
			 "barebpf %s: %s: cut short: its section headers end at byte %llu, the file at %lu\n",
			 cmd, path, end, f->size - 1);
		ck_assert_str_eq(p.err, want);
		proc__free(&p);
	}

	case_file("movq.s", mnemonic, sizeof(mnemonic) - 1, path);
	for (i = 0; i < 2; i++) {
		args[0] = i ? "verify" : "asm";
		args[1] = path;
		args[2] = NULL;
		run_barebpf(&p, args);
		assert_status(&p, 2);
		ck_assert_str_eq(p.out, "");
		snprintf(want, sizeof(want),
			 "barebpf %s: %s:3:1: expected an instruction, found 'movq'\n",
			 args[0], path);
		ck_assert_str_eq(p.err, want);
		proc__free(&p);
	}
}
END_TEST
Suite *workbench_cli_suite(void)
{
	Suite *s = suite_create("workbench_cli");
	TCase *tc = tcase_create("command line");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_version_and_help);
	tcase_add_test(tc, test_usage_errors);
	tcase_add_test(tc, test_bad_files);
	suite_add_tcase(s, tc);
	return s;
}
