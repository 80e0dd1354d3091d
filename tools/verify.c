// SPDX-License-Identifier: GPL-2.0
/* verify: load a program, say what the verifier thinks of it and why. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include "asm/names.h"
#include "asm/textbtf.h"
#include "loader/cpus.h"
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/lib/options.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"
#include "tools/workbench/verdict.h"
#include "tools/workbench/elfobject.h"
#include "tools/workbench/object.h"
#include "tools/workbench/privilege.h"
#include "tools/workbench/testrun.h"
#include "tools/workbench/watch.h"

static const char usage_text[] =
"usage: barebpf verify FILE.s|FILE.o [-t TYPE] [-l 1|2] [--flags LIST] [-v]\n"
"         [--run [--data FILE|--data-hex HEX] [--repeat N]] [--cap-bpf|--unpriv]\n"
"         [-a CATEGORY:EVENT [-c COUNT] [-d SECONDS] [-- COMMAND...]]\n"
"Load a program and say what the verifier thinks of it, its log beside\n"
"the lines of FILE.s (see \"barebpf asm -h\"), or of each program of FILE.o.\n"
"\n"
"  -t, --type TYPE         xdp, kprobe, ... (default: .type, section, tracepoint)\n"
"  -l, --log-level N       1: the path that failed (default); 2: every state\n"
"      --full-log          the whole log, not its last 400 lines\n"
"      --flags LIST        instead of .flags: any_alignment,sleepable,...\n"
"  -v, --verbose           warn of lines clang reads otherwise\n"
"      --run               once accepted, run it: return value, data, time\n"
"      --data FILE         run it on this packet (or context)\n"
"      --data-hex HEX      the same in hex (\"45 00 00 1c ...\")\n"
"      --repeat N          run it N times, for the mean time\n"
"      --cap-bpf           load with CAP_BPF alone\n"
"      --unpriv            load as nobody (kernel.unprivileged_bpf_disabled=0)\n"
"  -a, --attach CAT:EVENT  once accepted, attach and print what it sends\n"
"  -c, --count N           with -a: stop after N events (default 10)\n"
"  -d, --duration SECONDS  with -a: stop after SECONDS\n"
"  -- COMMAND              with -a: run COMMAND while attached\n"
"\n"
"Exit status: 0 accepted (and .retval met), 1 rejected, another return\n"
"value or a failure, 2 bad input. See examples/verifier/.\n"
"\n"
"examples:\n"
"  barebpf verify examples/verifier/null_check.s -l 2\n"
"  barebpf verify filter.s --run --data-hex \"45 00 00 1c 00 00 40 00 40 11\"\n"
"  barebpf verify prog.s -a syscalls:sys_enter_getpid -c 3\n";

enum {
	OPT_CAP_BPF = TOOL_OPT_OWN, OPT_FULL_LOG, OPT_FLAGS, OPT_RUN, OPT_DATA,
	OPT_DATA_HEX, OPT_REPEAT, OPT_UNPRIV,
};

static const struct option long_options[] = {
	{ "type", required_argument, NULL, 't' },
	{ "log-level", required_argument, NULL, 'l' },
	{ "cap-bpf", no_argument, NULL, OPT_CAP_BPF },
	{ "full-log", no_argument, NULL, OPT_FULL_LOG },
	{ "flags", required_argument, NULL, OPT_FLAGS },
	{ "run", no_argument, NULL, OPT_RUN },
	{ "data", required_argument, NULL, OPT_DATA },
	{ "data-hex", required_argument, NULL, OPT_DATA_HEX },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "unpriv", no_argument, NULL, OPT_UNPRIV },
	{ "attach", required_argument, NULL, 'a' },
	{ "count", required_argument, NULL, 'c' },
	{ NULL, 0, NULL, 0 },
};

struct verify_opts {
	int type;			/* -1: from the file */
	int log_level;
	bool cap_bpf;
	bool unpriv;
	bool full_log;
	bool verbose;
	bool has_flags;			/* --flags given: instead of .flags */
	__u32 flags;
	bool run;
	struct test_run_input data;
	const char *attach;
	long count;
	int duration;
	char **command;
	const char *data_file;		/* --data */
	const char *data_hex;		/* --data-hex */
};

/* --unpriv: become nobody, where the kernel lets nobody call bpf(2). */
static int become_unprivileged(void)
{
	int disabled = unprivileged_bpf_disabled(), err;

	if (disabled > 0) {
		tool_err("--unpriv: kernel.unprivileged_bpf_disabled is %d: this kernel lets no unprivileged user load a program (%s)",
			 disabled, disabled == 1 ?
			 "1 holds until reboot" :
			 "root may set it to 0: sysctl kernel.unprivileged_bpf_disabled=0");
		return EXIT_FAIL;
	}
	if (geteuid() != 0)
		return 0;		/* an ordinary user already */
	err = drop_to_nobody();
	if (err) {
		tool_err("--unpriv: becoming nobody (uid %d): %s", NOBODY_ID,
			 strerror(-err));
		return EXIT_FAIL;
	}
	return 0;
}

/*
 * The BTF of .func lines, loaded: its fd into opts with the function
 * and line records, or -1 when there is none. An exit code on failure,
 * with the kernel's complaint.
 */
static int load_prog_btf(const char *path, const struct asm_prog *p,
			 const char *name, struct asm_btf *btf,
			 struct bpf_prog_load_opts *opts, int *btf_fd)
{
	char log[4096];
	int fd, err;

	*btf_fd = -1;
	err = asm_prog__btf(p, name, path, btf);
	if (err) {
		tool_err("%s: building BTF: %s", path, strerror(-err));
		return EXIT_FAIL;
	}
	if (!btf->data)
		return 0;
	log[0] = '\0';
	fd = bpf_btf_load(btf->data, btf->size, log, sizeof(log));
	if (fd < 0) {
		/* The log says the header first, what was wrong last */
		size_t n = strlen(log);
		char *last;

		while (n && log[n - 1] == '\n')
			log[--n] = '\0';
		last = strrchr(log, '\n');
		tool_err("%s: the kernel refused the BTF of its .func lines: %s%s%s",
			 path, strerror(-fd), log[0] ? ": " : "", last ? last + 1 : log);
		return EXIT_FAIL;
	}
	*btf_fd = fd;
	opts->prog_btf_fd = (__u32)fd;
	opts->func_info = btf->func_info;
	opts->func_info_cnt = btf->nr_func_info;
	opts->func_info_rec_size = sizeof(*btf->func_info);
	opts->line_info = btf->line_info;
	opts->line_info_cnt = btf->nr_line_info;
	opts->line_info_rec_size = sizeof(*btf->line_info);
	return 0;
}

/* --run, or a .retval to check: the test run, and the check. */
static int run_checked(int fd, int type, const struct asm_prog *p,
		       const struct verify_opts *o)
{
	__u32 retval = 0;
	int err;

	err = test_run(fd, (enum bpf_prog_type)type, &o->data, &retval);
	if (err || !p->has_retval)
		return err;
	if (retval != (__u32)p->retval) {
		out_printf("retval %u is not the %u .retval expects\n", retval,
			   (__u32)p->retval);
		return EXIT_FAIL;
	}
	out_printf("retval %u, as .retval expects\n", retval);
	return 0;
}

static int verify_source(const char *path, const struct verify_opts *o)
{
	struct bpf_prog_load_opts opts = { 0 };
	struct verdict_source src = { .path = path };
	int *fds = NULL, fd = -1, btf_fd = -1, err, type;
	char name[16], what[768], flags[256];
	struct asm_btf btf = { 0 };
	struct asm_prog p;
	struct verdict v = { .fd = -1 };
	char *text = NULL;
	struct watch w;
	bool watching = false;
	size_t i;

	err = source_assemble(path, &p, &text);
	if (err)
		goto out;
	if (o->verbose)
		source_warnings(&p);
	if (o->unpriv) {
		err = become_unprivileged();
		if (err)
			goto out;
	}
	fds = calloc(p.nr_maps + 1, sizeof(*fds));
	if (!fds) {
		err = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < p.nr_maps; i++)
		fds[i] = -1;
	err = raise_memlock_rlimit();
	if (err && !o->unpriv)
		tool_err("raising RLIMIT_MEMLOCK: %s (maps may fail to load)",
			 strerror(-err));
	err = EXIT_FAIL;
	for (i = 0; i < p.nr_maps; i++) {
		const struct asm_map *m = &p.maps[i];

		fds[i] = create_map(m->name, m->type, m->key_size,
				    m->value_size, m->max_entries, m->flags);
		if (fds[i] < 0)
			goto out;
	}
	if (asm_prog__finish(&p, fds)) {
		tool_err("%s", p.b.errmsg);
		err = EXIT_USAGE;
		goto out;
	}
	/* --type, else the file's .type, else a tracepoint program */
	type = o->type >= 0 ? o->type : p.prog_type >= 0 ? p.prog_type :
	       BPF_PROG_TYPE_TRACEPOINT;
	prog_name_from(name, sizeof(name), path);
	err = load_prog_btf(path, &p, name, &btf, &opts, &btf_fd);
	if (err)
		goto out;
	err = EXIT_FAIL;
	if (o->cap_bpf) {
		err = drop_to_cap_bpf();
		if (err) {
			tool_err("--cap-bpf: %s", err == -EPERM ?
				 "this process has no CAP_BPF" : strerror(-err));
			err = EXIT_FAIL;
			goto out;
		}
		err = EXIT_FAIL;
	}
	opts.name = name;
	opts.prog_flags = o->has_flags ? o->flags : p.prog_flags;
	if (type == BPF_PROG_TYPE_KPROBE)
		opts.kern_version = kernel_version_code();
	fd = verdict_load(&v, (enum bpf_prog_type)type, p.b.insns, p.b.len,
			  &opts, o->log_level);
	if (fd == -EPERM && (!v.log.text || !v.log.text[0])) {
		tool_err("loading %s: %s (%s)", path, strerror(EPERM),
			 o->unpriv ? "an unprivileged user may load socket filters and cgroup skb programs only" :
			 "run as root, or with CAP_BPF");
		goto out;
	}
	src.text = p.text;
	src.lines = p.lines;
	src.nr = p.b.len;
	flags[0] = '\0';
	if (opts.prog_flags) {
		memcpy(flags, ", flags ", 8);
		bpf_prog_flags_format(opts.prog_flags, flags + 8, sizeof(flags) - 8);
	}
	snprintf(what, sizeof(what), "%s (%zu instructions) as %s%s%s%s", path,
		 p.b.len, bpf_prog_type_name((unsigned int)type), flags,
		 o->cap_bpf ? ", with CAP_BPF alone" : "",
		 o->unpriv ? ", unprivileged" : "");
	err = print_verdict(what, &v, &src, o->full_log ? 0 : VERDICT_LOG_LINES);
	if (!err && (o->run || p.has_retval))
		err = run_checked(fd, type, &p, o);
	if (err || !o->attach)
		goto out;

	/*
	 * Only now are SIGINT and SIGTERM held for the wait: a long
	 * verification stays interruptible. Rings before the attach, so
	 * that nothing sent is missed.
	 */
	watch__init(&w, o->count);
	watching = true;
	for (i = 0; i < p.nr_maps && !err; i++)
		if (p.maps[i].type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			err = watch__perf_map(&w, fds[i], p.maps[i].name);
	if (!err && insns_print_trace(p.b.insns, p.b.len))
		err = watch__trace_pipe(&w);
	if (!err && o->command)
		err = watch__spawn(&w, o->command);
	if (!err)
		err = watch__attach(&w, fd, (enum bpf_prog_type)type, o->attach);
	if (err)
		goto out;
	out_printf("attached to %s; %ld events at most%s\n", o->attach,
		   o->count, o->command ? ", while COMMAND runs" : "");
	err = watch__run(&w, o->duration);
out:
	out_flush();
	if (watching)
		watch__close(&w);
	if (fd >= 0)
		close(fd);
	if (btf_fd >= 0)
		close(btf_fd);
	for (i = 0; fds && i < p.nr_maps; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	asm_btf__free(&btf);
	verdict__free(&v);
	free(text);
	asm_prog__free(&p);
	return err;
}

/* verify's own options (tool_spec's parse). -1 after a message. */
static int parse_option(int opt, const char *arg, void *ctx)
{
	struct verify_opts *o = ctx;
	char bad[64];
	long v;

	switch (opt) {
	case 't':
		o->type = bpf_prog_type_id(arg);
		if (o->type <= 0) {
			tool_err("unknown program type '%s'", arg);
			return -1;
		}
		return 0;
	case 'l':
		if (parse_long("--log-level", arg, 1, 2, &v))
			return -1;
		o->log_level = (int)v;
		return 0;
	case OPT_FULL_LOG:
		o->full_log = true;
		return 0;
	case OPT_CAP_BPF:
		o->cap_bpf = true;
		return 0;
	case OPT_UNPRIV:
		o->unpriv = true;
		return 0;
	case OPT_FLAGS:
		o->has_flags = true;
		if (*arg && bpf_prog_flags_parse(arg, &o->flags, bad, sizeof(bad))) {
			tool_err("--flags: unknown program flag '%s'", bad);
			return -1;
		}
		return 0;
	case OPT_RUN:
		o->run = true;
		return 0;
	case OPT_DATA:
		o->data_file = arg;
		return 0;
	case OPT_DATA_HEX:
		o->data_hex = arg;
		return 0;
	case OPT_REPEAT:
		if (parse_long("--repeat", arg, 1, 100000000, &v))
			return -1;
		o->data.repeat = (unsigned int)v;
		return 0;
	case 'a':
		if (!strpbrk(arg, ":/")) {
			tool_err("bad tracepoint '%s': expected CATEGORY:EVENT", arg);
			return -1;
		}
		o->attach = arg;
		return 0;
	case 'c':
		return parse_long("--count", arg, 1, 1000000, &o->count);
	}
	return -1;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_VERBOSE | TOOL_OPT_DURATION,
	.options = "t:l:a:c:",
	.long_options = long_options,
	.parse = parse_option,
	.operand = "FILE",
};

int verify_main(int argc, char **argv)
{
	struct verify_opts o = { .type = -1, .log_level = 1, .count = 10 };
	const char *path, *data_file, *data_hex;
	unsigned char *data = NULL;
	struct tool_opts to;
	char **command;
	int err;
	size_t len;
	char *buf;

	err = tool_opts__parse(&to, &spec, argc, argv, &o);
	if (err != TOOL_RUN)
		return err;
	path = to.operand;
	command = to.command;
	data_file = o.data_file;
	data_hex = o.data_hex;
	o.verbose = to.verbose;
	o.duration = (int)to.duration;	/* -d: 1..INT_MAX */
	if (command && !o.attach) {
		tool_err("-- COMMAND needs --attach");
		return usage_error(usage_text);
	}
	if (o.cap_bpf && o.unpriv) {
		tool_err("--cap-bpf or --unpriv: one or the other");
		return usage_error(usage_text);
	}
	if (data_file && data_hex) {
		tool_err("--data or --data-hex: one or the other");
		return usage_error(usage_text);
	}
	/* What to run on, or how often, says to run it */
	if (data_file || data_hex || o.data.repeat)
		o.run = true;
	buf = file_read(path, &len);
	if (!buf) {
		tool_err("%s: %s", path, file_strerror(errno));
		return errno == ENOENT || errno == EISDIR ||
		       errno == EFTYPE_NOT_REGULAR ? EXIT_USAGE : EXIT_FAIL;
	}
	if (file_is_elf(buf, len)) {
		free(buf);
		if (o.attach || o.cap_bpf || o.unpriv || o.run || o.has_flags) {
			tool_err("--attach, --run, --flags, --cap-bpf and --unpriv are for FILE.s; \"barebpf elf run\" attaches objects");
			return usage_error(usage_text);
		}
#ifndef BAREBPF_NO_ELF
		return elf_verify(path, o.type, o.log_level,
				  o.full_log);
#else
		tool_err("%s: ELF objects need a build with libelf", path);
		return EXIT_USAGE;
#endif
	}
	free(buf);
	if (data_hex) {
		err = test_data_from_hex(data_hex, &data, &len);
		if (err)
			return err == EXIT_USAGE ? usage_error(usage_text) : err;
		o.data.data = data;
		o.data.len = len;
		o.data.source = "--data-hex";
	} else if (data_file) {
		data = (unsigned char *)file_read(data_file, &len);
		if (!data) {
			tool_err("--data %s: %s", data_file, file_strerror(errno));
			return errno == ENOENT || errno == EISDIR ||
			       errno == EFTYPE_NOT_REGULAR ? EXIT_USAGE : EXIT_FAIL;
		}
		o.data.data = data;
		o.data.len = len;
		o.data.source = data_file;
	}
	o.command = command;
	err = verify_source(path, &o);
	free(data);
	return err;
}
