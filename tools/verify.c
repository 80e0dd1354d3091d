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
#include "loader/cpus.h"
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/lib/output.h"
#include "tools/workbench/source.h"
#include "tools/workbench/verdict.h"
#include "tools/workbench/elfobject.h"
#include "tools/workbench/object.h"
#include "tools/workbench/watch.h"

static const char usage_text[] =
"usage: barebpf verify FILE.s|FILE.o [-t TYPE] [-l 1|2]\n"
"                      [-a CATEGORY:EVENT [-c COUNT] [-d SECONDS] [-- COMMAND...]]\n"
"Load a program and say what the verifier thinks of it: ACCEPTED or\n"
"REJECTED, the verifier's log with each instruction it names shown beside\n"
"the line of FILE.s it came from, and the verifier's statistics.\n"
"FILE.s is assembly (see \"barebpf asm -h\"); its .map lines are created\n"
"first. FILE.o is an ELF object: each of its programs is verified.\n"
"\n"
"  -t, --type TYPE         program type: socket_filter, kprobe, xdp, ... (default:\n"
"                          FILE.s's .type line, FILE.o's section, or tracepoint)\n"
"  -l, --log-level N       1: the path that failed (default); 2: every state\n"
"      --full-log          show the whole log, not its last 400 lines\n"
"      --cap-bpf           load holding CAP_BPF alone, without CAP_PERFMON and\n"
"                          CAP_SYS_ADMIN: the verifier then refuses pointer\n"
"                          leaks and reads of uninitialised stack (5.8+)\n"
"  -a, --attach CAT:EVENT  once accepted, attach to the tracepoint CAT:EVENT and\n"
"                          print what the program sends (perf records as hex,\n"
"                          bpf_trace_printk lines)\n"
"  -c, --count N           with -a: stop after N events (default 10)\n"
"  -d, --duration SECONDS  with -a: stop after SECONDS\n"
"  -- COMMAND              with -a: run COMMAND while attached, stop when it ends\n"
"\n"
"Exit status: 0 accepted, 1 rejected (or a runtime failure), 2 bad input.\n"
"examples/verifier/ holds small experiments, one verifier rule each.\n"
"\n"
"examples:\n"
"  barebpf verify examples/verifier/null_check.s\n"
"  barebpf verify prog.s -t socket_filter -l 2\n"
"  barebpf verify prog.s -a syscalls:sys_enter_getpid -c 3\n"
"  barebpf verify prog.bpf.o\n";

enum { OPT_CAP_BPF = 256, OPT_FULL_LOG };

static const struct option long_options[] = {
	{ "type", required_argument, NULL, 't' },
	{ "log-level", required_argument, NULL, 'l' },
	{ "cap-bpf", no_argument, NULL, OPT_CAP_BPF },
	{ "full-log", no_argument, NULL, OPT_FULL_LOG },
	{ "attach", required_argument, NULL, 'a' },
	{ "count", required_argument, NULL, 'c' },
	{ "duration", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

#ifndef CAP_PERFMON
#define CAP_PERFMON	38	/* 5.8 */
#endif
#ifndef CAP_BPF
#define CAP_BPF		39	/* 5.8 */
#endif

/*
 * Keep CAP_BPF, drop CAP_PERFMON and CAP_SYS_ADMIN from the effective
 * set: the verifier's allow_ptr_leaks and allow_uninit_stack go with
 * CAP_PERFMON, so this is how it judges a less trusted loader.
 */
static int drop_to_cap_bpf(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	if (!(data[CAP_BPF / 32].effective & (1u << (CAP_BPF % 32))))
		return -EPERM;
	data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	data[CAP_PERFMON / 32].effective &= ~(1u << (CAP_PERFMON % 32));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

struct verify_opts {
	int type;			/* -1: from the file */
	int log_level;
	bool cap_bpf;
	bool full_log;
	const char *attach;
	long count;
	int duration;
	char **command;
};

static int verify_source(const char *path, const struct verify_opts *o)
{
	struct bpf_prog_load_opts opts = { 0 };
	struct verdict_source src = { .path = path };
	int *fds = NULL, fd = -1, err, type;
	char name[16], what[512];
	struct asm_prog p;
	struct verdict v = { .fd = -1 };
	char *text = NULL;
	struct watch w;
	bool watching = false;
	size_t i;

	err = source_assemble(path, &p, &text);
	if (err)
		goto out;
	fds = calloc(p.nr_maps + 1, sizeof(*fds));
	if (!fds) {
		err = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < p.nr_maps; i++)
		fds[i] = -1;
	err = raise_memlock_rlimit();
	if (err)
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
	prog_name_from(name, sizeof(name), path);
	opts.name = name;
	if (type == BPF_PROG_TYPE_KPROBE)
		opts.kern_version = kernel_version_code();
	fd = verdict_load(&v, (enum bpf_prog_type)type, p.b.insns, p.b.len,
			  &opts, o->log_level);
	if (fd == -EPERM && (!v.log.text || !v.log.text[0])) {
		tool_err("loading %s: %s (run as root, or with CAP_BPF)",
			 path, strerror(EPERM));
		goto out;
	}
	src.text = text;
	src.lines = p.lines;
	src.nr = p.b.len;
	snprintf(what, sizeof(what), "%s (%zu instructions) as %s%s", path,
		 p.b.len, bpf_prog_type_name((unsigned int)type),
		 o->cap_bpf ? ", with CAP_BPF alone" : "");
	err = print_verdict(what, &v, &src, o->full_log ? 0 : VERDICT_LOG_LINES);
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
	for (i = 0; fds && i < p.nr_maps; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	verdict__free(&v);
	free(text);
	asm_prog__free(&p);
	return err;
}

int verify_main(int argc, char **argv)
{
	struct verify_opts o = { .type = -1, .log_level = 1, .count = 10 };
	const char *path = NULL;
	char **command;
	long v;
	int opt;
	size_t len;
	char *buf;

	/* FILE may come before the options, after, or between them */
	for (;;) {
		while ((opt = tool_getopt(argc, argv, "+t:l:a:c:d:h",
					  long_options)) != -1) {
			switch (opt) {
			case 't':
				o.type = bpf_prog_type_id(optarg);
				if (o.type <= 0) {
					tool_err("unknown program type '%s'",
						 optarg);
					return usage_error(usage_text);
				}
				break;
			case 'l':
				if (parse_long("--log-level", optarg,
					       1, 2, &v))
					return usage_error(usage_text);
				o.log_level = (int)v;
				break;
			case OPT_FULL_LOG:
				o.full_log = true;
				break;
			case OPT_CAP_BPF:
				o.cap_bpf = true;
				break;
			case 'a':
				if (!strpbrk(optarg, ":/")) {
					tool_err("bad tracepoint '%s': expected CATEGORY:EVENT",
						 optarg);
					return usage_error(usage_text);
				}
				o.attach = optarg;
				break;
			case 'c':
				if (parse_long("--count", optarg, 1,
					       1000000, &o.count))
					return usage_error(usage_text);
				break;
			case 'd':
				if (parse_long("--duration", optarg,
					       1, 86400, &v))
					return usage_error(usage_text);
				o.duration = (int)v;
				break;
			case 'h':
				fputs(usage_text, stdout);
				return EXIT_OK;
			default:
				return usage_error(usage_text);
			}
		}
		if (path || optind >= argc || !strcmp(argv[optind - 1], "--"))
			break;
		path = argv[optind++];
	}
	if (!path) {
		tool_err("no FILE given");
		return usage_error(usage_text);
	}
	command = command_after_options(argc, argv, optind);
	if (command == (char **)-1)
		return usage_error(usage_text);
	if (command && !o.attach) {
		tool_err("-- COMMAND needs --attach");
		return usage_error(usage_text);
	}
	buf = file_read(path, &len);
	if (!buf) {
		tool_err("%s: %s", path, file_strerror(errno));
		return errno == ENOENT || errno == EISDIR ||
		       errno == EFTYPE_NOT_REGULAR ? EXIT_USAGE : EXIT_FAIL;
	}
	if (file_is_elf(buf, len)) {
		free(buf);
		if (o.attach || o.cap_bpf) {
			tool_err("--attach and --cap-bpf are for FILE.s; \"barebpf elf run\" attaches objects");
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
	o.command = command;
	return verify_source(path, &o);
}
