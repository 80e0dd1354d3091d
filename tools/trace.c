// SPDX-License-Identifier: GPL-2.0
/*
 * trace: bpftrace's language for tracepoints, compiled straight to BPF.
 * Parse, check against the format files, generate, load, attach, run
 * BEGIN, print what the programs send until exit(), COMMAND's end or
 * Ctrl-C, run END, print the maps.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "loader/attach.h"
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "tools/lib/args.h"
#include "tools/lib/config.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/outfile.h"
#include "tools/lib/output.h"
#include "tools/lib/session.h"
#include "tools/trace/codegen.h"
#include "tools/trace/listing.h"
#include "tools/trace/mapprint.h"
#include "tools/trace/parse.h"
#include "tools/trace/printf.h"
#include "tools/trace/probes.h"
#include "tools/trace/resolve.h"
#include "tools/trace/run.h"
#include "tools/trace/sema.h"
#include "tools/workbench/source.h"

static const char usage_text[] =
"usage: barebpf trace [-e PROGRAM | FILE] [-f text|json] [-o FILE] [-p PID]\n"
"                     [-c 'CMD' | [--tree] -- COMMAND [ARGS...]] [-d] [-v]\n"
"       barebpf trace -l [PATTERN] [-v]\n"
"Run a bpftrace program on tracepoints, compiled to BPF by barebpf itself.\n"
"\n"
"  -e PROGRAM         the program text (else FILE holds it)\n"
"  -f, --format F     text (bpftrace's) or json (its NDJSON records)\n"
"  -o, --output FILE  write to FILE, mode 0600, put in place at the end (a\n"
"                     failed run keeps what was there; a link is refused)\n"
"  -p, --pid PID      trace process PID only; exit when it ends\n"
"  -c CMD             run CMD (split at blanks) held until attached; cpid is its\n"
"                     pid; exit when it ends\n"
"  -- COMMAND         the same, COMMAND given as arguments\n"
"      --tree         with a command: every probe sees its process tree only\n"
"  -l [PATTERN]       list tracepoints (CAT:EVENT glob); -v adds their fields\n"
"  -d                 print each probe's program (text \"barebpf asm\" reads)\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 64)\n"
"      --raw          traced bytes as they are, not escaped\n"
"  -v, --verbose      say what this kernel offers and what was chosen\n"
"\n"
"examples:\n"
"  barebpf trace -e 'BEGIN { printf(\"hello world\\n\"); exit(); }'\n"
"  barebpf trace -e 't:syscalls:sys_enter_openat { printf(\"%s %s\\n\", comm, str(args.filename)); }'\n"
"  barebpf trace -e 't:raw_syscalls:sys_enter { @[comm] = count(); }'\n"
"  barebpf trace -e 't:syscalls:sys_exit_read /pid == cpid/ { @ = hist(args.ret); }' -- dd if=/dev/zero of=/dev/null count=9\n"
"  barebpf trace -l 'syscalls:*open*'\n";

enum { OPT_TREE = TOOL_OPT_OWN };

/* Its own options; -p -b -v --raw -h --version are the shared ones. */
static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ NULL, 0, NULL, 0 },
};

/* What trace's own options say. */
static struct trace_args {
	const char *program;	/* -e */
	const char *output;	/* -o */
	char **cargv;		/* -c, split at blanks */
	bool list, debug, tree, json;
} targs;

/* -c 'CMD': split at blanks into a NULL-terminated argv (in place). */
static char **split_command(char *cmd)
{
	char **argv = calloc(strlen(cmd) / 2 + 2, sizeof(*argv)), *tok;
	int n = 0;

	if (!argv)
		return NULL;
	for (tok = strtok(cmd, " \t\n"); tok; tok = strtok(NULL, " \t\n"))
		argv[n++] = tok;
	return argv;
}

static int parse_option(int opt, const char *arg, void *ctx)
{
	(void)ctx;
	switch (opt) {
	case 'e': targs.program = arg; break;
	case 'o': targs.output = arg; break;
	case 'd': targs.debug = true; break;
	case 'l': targs.list = true; break;
	case OPT_TREE: targs.tree = true; break;
	case 'f':
		if (strcmp(arg, "text") && strcmp(arg, "json")) {
			tool_err("invalid -f value '%s': text or json", arg);
			return -1;
		}
		targs.json = !strcmp(arg, "json");
		break;
	case 'c':
		free(targs.cargv);
		/* getopt's argument is argv's own string: split in place */
		targs.cargv = split_command((char *)arg);
		if (!targs.cargv || !targs.cargv[0]) {
			tool_err("-c needs a command");
			return -1;
		}
		break;
	}
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_PID | TOOL_OPT_BUFFER | TOOL_OPT_VERBOSE | TOOL_OPT_RAW,
	.options = "e:f:o:c:ld",
	.long_options = long_options,
	.parse = parse_option,
	.operand = "FILE",	/* or -l's PATTERN */
	.operand_optional = true,
};

static struct state {
	struct compiler c;
	struct resolver r;
	bool json;
	bool stopping;		/* exit() was called */
	bool dropping;		/* after exit(): what other probes still send */
	long exit_code;		/* exit(code), or -1 */
	__u64 lost_reported;
} st;

static void print_printf(const struct trace_fmt *f, const void *data, __u32 size)
{
	static char text[65536];
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1, .raw = st.json || st.r.raw,
			  .json = st.json };

	fmt_render(&b, f, data, size, &st.r);
	if (!st.json) {
		out_write(b.p, b.len);
		return;
	}
	text[b.len] = '\0';
	out_str("{\"type\": \"printf\", \"data\": ");
	out_json_str(b.p, b.len);
	out_str("}\n");
}

static void print_value(const struct trace_fmt *f, const char *data, __u32 size)
{
	static char text[65536];
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1, .raw = st.json || st.r.raw,
			  .json = st.json };

	if (size < f->size)
		return;
	value_render(&b, &f->args[0], data + f->offsets[0], &st.r);
	if (!st.json) {
		out_write(b.p, b.len);
		out_char('\n');
		return;
	}
	out_str("{\"type\": \"value\", \"data\": ");
	if (f->args[0].kind == TY_INT) {
		out_write(b.p, b.len);
	} else {
		text[b.len] = '\0';
		out_json_str(b.p, b.len);
	}
	out_str("}\n");
}

static void print_time(const struct trace_fmt *f)
{
	struct timespec now;
	char text[256];
	size_t n;

	clock_gettime(CLOCK_REALTIME, &now);
	n = resolve_time(&st.r, f->text, f->len,
			 (__u64)now.tv_sec * 1000000000ull + (__u64)now.tv_nsec,
			 false, text, sizeof(text));
	if (!st.json) {
		out_write(text, n);
		return;
	}
	out_str("{\"type\": \"time\", \"data\": ");
	out_json_str(text, n);
	out_str("}\n");
}

/* join(): the strings up to the first empty one, separated, on a line. */
static void print_join(const struct trace_fmt *f, const char *rec, __u32 size)
{
	static char text[TRACE_JOIN_SIZE * 4 + 64];
	struct sbuf b = { .p = text, .cap = sizeof(text) - 1, .raw = st.json || st.r.raw };
	const char *arg;
	__u32 i;

	for (i = 0; 8 + (i + 1) * TRACE_JOIN_ARGSIZE <= size; i++) {
		arg = rec + 8 + i * TRACE_JOIN_ARGSIZE;
		if (!arg[0])
			break;
		if (i)
			sb_put(&b, f->text, f->len);
		sb_traced(&b, arg, strnlen(arg, TRACE_JOIN_ARGSIZE));
	}
	if (!st.json) {
		sb_put(&b, "\n", 1);
		out_write(b.p, b.len);
		return;
	}
	out_str("{\"type\": \"join\", \"data\": ");
	out_json_str(b.p, b.len);
	out_str("}\n");
}

static void handle_event(void *ctx, int cpu, const void *data, __u32 size)
{
	static char rec[65536];
	struct trace_record h;
	struct compiler *c = &st.c;
	__u64 args[2];

	(void)ctx;
	(void)cpu;
	if (st.dropping || size < sizeof(h) || size > sizeof(rec))
		return;
	memcpy(rec, data, size);
	memcpy(&h, rec, sizeof(h));
	switch (h.kind) {
	case REC_PRINTF:
		if (h.index < (__u32)c->nr_fmts && size >= c->fmts[h.index].size)
			print_printf(&c->fmts[h.index], rec, size);
		break;
	case REC_VALUE:
		if (h.index < (__u32)c->nr_fmts)
			print_value(&c->fmts[h.index], rec, size);
		break;
	case REC_TIME:
		if (h.index < (__u32)c->nr_fmts)
			print_time(&c->fmts[h.index]);
		break;
	case REC_JOIN:
		if (h.index < (__u32)c->nr_fmts)
			print_join(&c->fmts[h.index], rec, size);
		break;
	case REC_EXIT:
		if (size < 16)
			break;
		memcpy(args, rec + 8, 8);
		if (!st.stopping)
			st.exit_code = (long)args[0];
		st.stopping = true;
		/* what comes after exit(), from any probe, is not shown */
		st.dropping = true;
		break;
	case REC_PRINT:
		if (size < 24 || h.index >= (__u32)c->nr_maps)
			break;
		memcpy(args, rec + 8, 16);
		map_print(&st.r, &c->maps[h.index], args[0], args[1]);
		break;
	case REC_CLEAR:
	case REC_ZERO:
		if (h.index < (__u32)c->nr_maps)
			map_clear(&c->maps[h.index], h.kind == REC_ZERO, cpus_possible());
		break;
	}
}

static void report_lost(struct session *s)
{
	__u64 lost = s->pb ? perfbuf__lost(s->pb) : 0;

	if (lost == st.lost_reported)
		return;
	if (st.json) {
		out_printf("{\"type\": \"lost_events\", \"data\": {\"events\": %llu}}\n",
			   (unsigned long long)(lost - st.lost_reported));
	} else {
		out_flush();
		tool_err("lost %llu events (ring full; a bigger -b may help)",
			 (unsigned long long)(lost - st.lost_reported));
	}
	st.lost_reported = lost;
}

/* -l: "tracepoint:CAT:EVENT" lines; with -v each event's fields too. */
static int list_probes(const char *pattern, bool fields)
{
	char glob[512], **list;
	int i, n = 0;
	bool word;
	size_t k;

	if (session_check_tracefs())
		return EXIT_FAIL;
	if (pattern && (!strncmp(pattern, "tracepoint:", 11) || !strncmp(pattern, "t:", 2)))
		pattern = strchr(pattern, ':') + 1;
	/* a word without ':' is looked for anywhere in CAT:EVENT */
	word = pattern && !strchr(pattern, ':');
	if (word)
		snprintf(glob, sizeof(glob), "*%s*", pattern);
	else
		snprintf(glob, sizeof(glob), "%s", pattern ? pattern : "*");
	list = tracepoints_matching(word ? NULL : glob, &n);
	if (!list) {
		tool_err("reading tracefs's list of events: %s", strerror(errno));
		return EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		char *colon = strchr(list[i], ':');
		struct tp_format *fmt;

		if (word && !glob_match(glob, list[i]))
			continue;

		out_printf("tracepoint:%s\n", list[i]);
		if (!fields || !colon)
			continue;
		*colon = '\0';
		fmt = tp_format__load(list[i], colon + 1);
		for (k = 0; fmt && k < fmt->nr_fields; k++) {
			const struct tp_field *f = &fmt->fields[k];

			if (f->common)
				continue;
			if (f->data_loc || f->rel_loc)
				/* as bpftrace -lv shows them */
				out_printf("    %s %s %s\n", f->data_loc ? "__data_loc" :
					   "__rel_loc", f->type, f->name);
			else if (f->is_array)
				out_printf("    %s %s[%u]\n", f->type, f->name, f->array_len);
			else
				out_printf("    %s %s\n", f->type, f->name);
		}
		tp_format__free(fmt);
		*colon = ':';
	}
	tracepoints_free(list);
	out_flush();
	return EXIT_OK;
}

static int cmp_map(const void *a, const void *b)
{
	return strcmp((*(const struct trace_map *const *)a)->name,
		      (*(const struct trace_map *const *)b)->name);
}

/* At exit, every map in name order, as bpftrace prints them. */
static void print_all_maps(void)
{
	struct trace_map *sorted[256];
	int i, n = st.c.nr_maps < 256 ? st.c.nr_maps : 256;

	for (i = 0; i < n; i++)
		sorted[i] = &st.c.maps[i];
	qsort(sorted, (size_t)n, sizeof(*sorted), cmp_map);
	/* bpftrace's two newlines, in JSON too */
	out_str("\n\n");
	for (i = 0; i < n; i++)
		map_print(&st.r, sorted[i], 0, 1);
}

static int create_maps(struct compiler *c, bool stand_in)
{
	int i, fd;

	c->events_fd = stand_in ? 1000 : c->events_fd;
	for (i = 0; i < c->nr_maps; i++) {
		struct trace_map *m = &c->maps[i];

		if (!m->array && c->features->hash_no_prealloc)
			m->flags = BPF_F_NO_PREALLOC;
		fd = stand_in ? 1001 + i :
		     bpf_map_create(m->array ? (m->percpu ? BPF_MAP_TYPE_PERCPU_ARRAY :
						BPF_MAP_TYPE_ARRAY) :
				    m->percpu ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_HASH,
				    m->bname, m->key_size, (m->value_size + 7) & ~7u,
				    m->max_entries, m->flags);
		if (fd < 0) {
			tool_err("creating map %s: %s", m->name, strerror(-fd));
			return EXIT_FAIL;
		}
		m->fd = fd;
	}
	if (c->uses_join) {
		fd = stand_in ? 3001 : bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "join", 4,
						      TRACE_JOIN_SIZE, 1, 0);
		if (fd < 0) {
			tool_err("creating join()'s buffer: %s", strerror(-fd));
			return EXIT_FAIL;
		}
		c->join_fd = fd;
	}
	for (i = 0; i < c->nr_stack_depths; i++) {
		char name[16];

		snprintf(name, sizeof(name), "stack_%d", c->stack_depths[i]);
		fd = stand_in ? 2000 + i :
		     bpf_map_create(BPF_MAP_TYPE_STACK_TRACE, name, 4,
				    (__u32)c->stack_depths[i] * 8, TRACE_STACK_ENTRIES, 0);
		if (fd < 0) {
			tool_err("creating stack map: %s", strerror(-fd));
			return EXIT_FAIL;
		}
		c->stack_fds[i] = fd;
		st.r.stack_fds[i] = fd;
	}
	return 0;
}

/* Probes, types, code: a bad script is exit 2, with FILE:LINE:COL. */
static int compile(struct compiler *c, struct session *s, bool stand_in)
{
	int err;

	if (probes__expand(c) || sema__check(c) || codegen__stacks(c))
		return EXIT_USAGE;
	/* Each probe loads a program: only what these programs use. */
	if (session__probe(s, c->needs))
		return EXIT_FAIL;
	session__note_choices(s);
	err = create_maps(c, stand_in);
	if (err)
		return err;
	return codegen__all(c) ? EXIT_USAGE : 0;
}

static char *read_script(const char *path)
{
	size_t len;
	char *text = file_read(path, &len);

	if (!text) {
		tool_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (strlen(text) != len) {
		tool_err("%s: not a script (it holds NUL bytes)", path);
		free(text);
		return NULL;
	}
	return text;
}

/* Zeroed (in bss, not 4 KiB of the binary): outfile__open() sets it up. */
static struct outfile outfile;

/*
 * -o FILE: through tools/lib/outfile (no link followed, put in place at
 * the end), 0600 as a trace holds what any process did.
 */
static int open_output(const char *path)
{
	if (outfile__open(&outfile, path, 0600))
		return -1;
	output_set_fd(outfile.fd);
	return 0;
}

/* Poll until exit(), COMMAND's end, -p's process gone, or a signal. */
static int poll_loop(struct session *s, long pid)
{
	int n, timeout = 0;

	held_child__release(&s->child);
	while (!wait_signals_stop() && !st.stopping) {
		/*
		 * At first no wait: what BEGIN sent (an exit() at once, most
		 * often) is under any ring's watermark and would wake nobody.
		 */
		n = perfbuf__poll(s->pb, timeout);
		timeout = 100;
		if (n < 0 && n != -EINTR) {
			tool_err("polling perf buffers: %s", strerror(-n));
			return EXIT_FAIL;
		}
		out_flush();
		report_lost(s);
		if (out_failed() || held_child__reap(&s->child, WNOHANG))
			break;
		if (pid > 0 && kill((pid_t)pid, 0) && errno == ESRCH)
			break;
	}
	return 0;
}

int trace_main(int argc, char **argv)
{
	const char *path = NULL;
	char *text = NULL, **command;
	struct runner run = { .tool = "trace" };
	struct script script;
	struct session s;
	struct diag d;
	struct perfbuf_cbs cbs = { .sample = handle_event };
	struct tool_opts o;
	long pid;
	int err = 0;

	memset(&st, 0, sizeof(st));
	memset(&targs, 0, sizeof(targs));
	st.exit_code = -1;
	memset(&s, 0, sizeof(s));
	s.events_fd = s.counters_fd = s.tree_fd = -1;
	s.child.release_fd = -1;
	memset(&script, 0, sizeof(script));
	err = tool_opts__parse(&o, &spec, argc, argv, NULL);
	if (err != TOOL_RUN)
		goto out_args;
	err = EXIT_USAGE;
	st.json = targs.json;
	pid = o.who.pid;
	if (targs.list) {
		if (targs.program || o.command || targs.cargv) {
			tool_err("-l lists tracepoints: no program, no command");
			goto out_usage;
		}
		err = list_probes(o.operand, o.verbose > 0);
		goto out_args;
	}
	if (o.operand) {
		if (targs.program) {
			tool_err("-e and a FILE: one program at a time");
			goto out_usage;
		}
		path = o.operand;
	}
	if (o.command && targs.cargv) {
		tool_err("-c and -- COMMAND: one command at a time");
		goto out_usage;
	}
	command = o.command ? o.command : targs.cargv;
	/* "-- COMMAND" alone runs it; --tree also keeps the probes to its tree */
	o.who.tree = targs.tree;
	if (!targs.program && !path) {
		tool_err("no program: -e PROGRAM or a FILE");
		goto out_usage;
	}
	if (targs.tree && !command) {
		tool_err("--tree needs a command: -- COMMAND or -c 'CMD'");
		goto out_usage;
	}
	if (path) {
		text = read_script(path);
		if (!text)
			goto out_args;
	}
	if (script__parse(&script, path ? path : "-e", text ? text : targs.program, &d)) {
		diag__print(&d, stderr);
		err = EXIT_USAGE;
		goto out_script;
	}
	if (targs.output && !targs.debug && open_output(targs.output)) {
		err = EXIT_FAIL;
		goto out_script;
	}

	o.command = targs.tree ? command : NULL;
	err = session__init_probing(&s, &o, 0);
	if (err)
		goto out;
	st.c.script = &script;
	st.c.diag = &d;
	st.c.features = &s.features;
	st.c.cpid = -1;
	st.c.filter_pid = pid;
	st.c.tree = targs.tree;
	st.c.ncpus = cpus_possible();
	st.c.events_fd = s.events_fd;
	st.c.join_fd = -1;
	{
		struct timespec mono;

		clock_gettime(CLOCK_MONOTONIC, &mono);
		st.c.start_ns = (__u64)mono.tv_sec * 1000000000ull + (__u64)mono.tv_nsec;
	}
	resolver__init(&st.r, &st.c);
	st.r.json = st.json;
	st.r.raw = o.raw;
	if (command && !targs.debug) {
		/* held before its exec: cpid is known to the programs */
		if (targs.tree) {
			s.own_tree = false;
			err = session__spawn(&s);
			st.c.tree_fd = s.tree_fd;
		} else {
			err = held_child__spawn(&s.child, command, &s.wait_sigmask);
		}
		if (err)
			goto out;
		st.c.cpid = s.child.pid;
	} else if (command) {
		st.c.cpid = 0;
		st.c.tree_fd = 3000;
	}
	err = compile(&st.c, &s, targs.debug);
	if (err) {
		if (d.set)
			diag__print(&d, stderr);
		goto out;
	}
	if (targs.debug) {
		listing_print(&st.c, stdout);
		goto out;
	}
	err = session__open_events(&s, &cbs);
	if (err)
		goto out;
	run.c = &st.c;
	run.log_level = s.log_level;
	err = runner__load(&run);
	if (!err)
		err = runner__attach(&run);
	if (err)
		goto out;
	if (st.json)
		out_printf("{\"type\": \"attached_probes\", \"data\": {\"probes\": %d}}\n",
			   run.attached);
	else
		fprintf(stderr, "Attached %d probe%s\n", run.attached,
			run.attached == 1 ? "" : "s");
	err = runner__run_special(&run, PK_BEGIN);
	if (!err)
		err = poll_loop(&s, pid);
	if (wait_signals_stop() == SIGTERM && s.child.pid && !s.child.done)
		kill(s.child.pid, SIGTERM);
	/* Stop the probes, show what they sent before, then run END. */
	tracepoint_detach_background(run.attach_fds, run.nr_attach);
	run.nr_attach = 0;
	perfbuf__drain(s.pb);
	st.dropping = false;
	if (!err)
		err = runner__run_special(&run, PK_END);
	perfbuf__drain(s.pb);
	out_flush();
	report_lost(&s);
	print_all_maps();
	out_flush();
	if (s.child.pid && !s.child.done)
		held_child__reap(&s.child, 0);
out:
	runner__detach(&run);
	session__close(&s);
	resolver__free(&st.r);
	compiler__free(&st.c);
	out_flush();
out_script:
	if (outfile.path && outfile.fd >= 0) {
		if (out_flush() || (err && err != EXIT_FAIL))
			outfile__abort(&outfile);
		else if (outfile__commit(&outfile) && !err)
			err = EXIT_FAIL;
	}
	script__free(&script);
	free(text);
	free(targs.cargv);
	if (!err && st.exit_code >= 0)
		return (int)(st.exit_code & 0xff);
	return session__exit_code(&s, err);
out_usage:
	err = usage_error(usage_text);
out_args:
	free(targs.cargv);
	return err;
}
