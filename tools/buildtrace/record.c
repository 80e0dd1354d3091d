// SPDX-License-Identifier: GPL-2.0
/* buildtrace record: run COMMAND and stream its process and file events. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/syscall.h>
#include <linux/membarrier.h>
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "progs/buildtrace/buildtrace.h"
#include "progs/sysargs.h"
#include "tools/lib/args.h"
#include "tools/lib/outfile.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/file.h"
#include "tools/lib/config.h"
#include "tools/lib/options.h"
#include "tools/lib/session.h"

#define DEFAULT_PAGES	256	/* 1 MiB per CPU: a -j2 build's bursts fit */

static const char usage_text[] =
"usage: barebpf buildtrace record [-o FILE] [-b PAGES] [--no-env] [-v] -- COMMAND [ARGS...]\n"
"Run COMMAND and record what its process tree runs and which files it\n"
"touches, into FILE (default " BT_DEFAULT_FILE ").\n"
"\n"
"  -o, --output FILE  the trace file\n"
"      --no-env       leave out the environment of each exec\n"
"  -b, --buffer PAGES perf ring pages per CPU, a power of two (default 256)\n"
"  -v, --verbose      say which optional tracepoints are missing\n"
"\n"
"Exits with COMMAND's status, or 1 if events were lost (the trace keeps\n"
"COMMAND's status and says how many were lost).\n"
"\n"
"examples:\n"
"  barebpf buildtrace record -- make -j2\n"
"  barebpf buildtrace record -o lua.trace -- make -C lua\n";

enum { OPT_NO_ENV = TOOL_OPT_OWN };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "no-env", no_argument, NULL, OPT_NO_ENV },
	{ NULL, 0, NULL, 0 },
};

/* --no-env: the programs read no environment, and what they do is dropped. */
static bool no_env;

static int parse_option(int opt, const char *arg, void *ctx)
{
	if (opt == 'o')
		*(const char **)ctx = arg;
	else if (opt == OPT_NO_ENV)
		no_env = true;
	return 0;
}

static const struct tool_spec spec = {
	.usage = usage_text,
	.common = TOOL_OPT_BUFFER | TOOL_OPT_VERBOSE,
	.options = "o:",
	.long_options = long_options,
	.parse = parse_option,
	.pages = DEFAULT_PAGES,
};

static struct bt_writer writer;
static int batch_fd = -1;
static __u64 records, malformed;

static __u64 now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + (__u64)ts.tv_nsec;
}

/*
 * A batch of records from the kernel goes to the file as it is, record
 * by record, each checked to be whole. The ring aligns data to 4 bytes
 * only: heads are copied out, never pointed at.
 */
static void add_records(const char *data, size_t len)
{
	size_t off = 0;
	struct {
		__u32 size;
		__u16 type;
	} h;

	while (len - off >= sizeof(struct bt_head)) {
		memcpy(&h, data + off, sizeof(h));
		if (h.size < sizeof(struct bt_head) || h.size > len - off ||
		    !h.type || h.type >= BT_KERNEL_TYPES) {
			malformed++;
			return;
		}
		/* an exec read from its new image walks its environment anyway */
		if (h.type != BT_ENV || !no_env)
			bt_writer__add(&writer, data + off, h.size);
		records++;
		off += (h.size + 7) & ~7u;
	}
}

static void on_sample(void *ctx, int cpu, const void *data, __u32 size)
{
	(void)ctx;
	(void)cpu;
	add_records(data, size);
}

static void on_lost(void *ctx, int cpu, __u64 lost)
{
	struct bt_lost l = {
		.head = { .size = sizeof(l), .type = BT_LOST,
			  .time_ns = now_ns(CLOCK_MONOTONIC) },
		.cpu = (__u32)cpu,
		.count = lost,
	};

	(void)ctx;
	bt_writer__add(&writer, &l, sizeof(l));
}

/* The header, COMMAND's cwd and argv, and the descriptors it inherits. */
static int write_start(const struct sysargs *sa, pid_t pid, char **command)
{
	struct bt_file_header hdr = {
		.magic = BT_FILE_MAGIC,
		.version = BT_FILE_VERSION,
		.header_size = sizeof(hdr),
		.byte_order = BT_BYTE_ORDER,
		.word = sa->word,
		.start_ns = now_ns(CLOCK_MONOTONIC),
		.start_realtime_ns = now_ns(CLOCK_REALTIME),
		.flags = no_env ? BT_FILE_NO_ENV : 0,
	};
	char cwd[PATH_MAX], link[PATH_MAX], proc[32];
	size_t args_len = 0, cwd_len, i, n;
	struct bt_info *info;
	struct utsname u;
	int fd, err;

	if (!uname(&u))
		snprintf(hdr.machine, sizeof(hdr.machine), "%.15s", u.machine);
	if (!getcwd(cwd, sizeof(cwd)))
		return -errno;
	err = bt_writer__open(&writer, writer.fd, &hdr);
	if (err)
		return err;
	cwd_len = strlen(cwd) + 1;
	for (i = 0; command[i]; i++)
		args_len += strlen(command[i]) + 1;
	info = calloc(1, sizeof(*info) + cwd_len + args_len);
	if (!info)
		return -ENOMEM;
	info->head = (struct bt_head){
		.size = (__u32)(sizeof(*info) + cwd_len + args_len),
		.type = BT_INFO, .tid = (__u32)pid, .pid = (__u32)pid,
		.time_ns = hdr.start_ns,
	};
	info->cwd_len = (__u32)cwd_len;
	info->args_len = (__u32)args_len;
	info->nr_args = (__u32)i;
	memcpy(info->data, cwd, cwd_len);
	for (n = cwd_len, i = 0; command[i]; i++) {
		memcpy(info->data + n, command[i], strlen(command[i]) + 1);
		n += strlen(command[i]) + 1;
	}
	bt_writer__add(&writer, info, info->head.size);
	free(info);

	for (fd = 0; fd < 3; fd++) {
		struct {
			struct bt_fd f;
			char path[PATH_MAX];
		} r;
		int flags = fcntl(fd, F_GETFL);
		ssize_t len;

		if (flags < 0)
			continue;
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		len = readlink(proc, link, sizeof(link) - 1);
		if (len < 0)
			len = 0;
		link[len] = '\0';
		memset(&r.f, 0, sizeof(r.f));
		r.f.head = (struct bt_head){
			.size = (__u32)(sizeof(r.f) + (size_t)len + 1),
			.type = BT_FD, .tid = (__u32)pid, .pid = (__u32)pid,
			.time_ns = hdr.start_ns,
		};
		r.f.fd = fd;
		r.f.flags = (__u32)flags;
		r.f.path_len = (__u32)len + 1;
		memcpy(r.path, link, (size_t)len + 1);
		bt_writer__add(&writer, &r, r.f.head.size);
	}
	return bt_writer__flush(&writer);
}

/*
 * The records still in each CPU's batch, once no program can be adding
 * to them: when the tree is empty, the last member's exit record is
 * written (the program forgets the thread after it); otherwise a
 * member lives on, and membarrier(GLOBAL) waits out an RCU grace
 * period, which a program that was running when detached cannot
 * outlast.
 */
static int flush_batches(struct session *s)
{
	size_t size = (sizeof(struct bt_batch) + 7) & ~(size_t)7;
	int n = cpus_possible(), cpu, err;
	__u32 zero = 0, key;
	char *values;

	if (bpf_map_get_next_key(s->tree_fd, NULL, &key) != -ENOENT)
		syscall(__NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);
	if (n < 0)
		return n;
	values = malloc((size_t)n * size);
	if (!values)
		return -ENOMEM;
	err = bpf_map_lookup_elem(batch_fd, &zero, values);
	for (cpu = 0; !err && cpu < n; cpu++) {
		const struct bt_batch *batch =
			(const void *)(values + (size_t)cpu * size);

		if (batch->used <= sizeof(batch->data))
			add_records(batch->data, batch->used);
	}
	free(values);
	return err;
}

/*
 * The end record: COMMAND's status, and what was lost: records in
 * batches the ring had no room for, or that came malformed; entries
 * the programs could not keep. Returns true when anything was lost.
 */
static bool write_end(struct session *s)
{
	struct bt_end end = {
		.head = { .size = sizeof(end), .type = BT_END,
			  .tid = (__u32)s->child.pid, .pid = (__u32)s->child.pid,
			  .time_ns = now_ns(CLOCK_MONOTONIC) },
		.status = s->child.done ? s->child.status : -1,
		.records = records,
	};
	bool lost = malformed || (s->pb && perfbuf__lost(s->pb));
	int i;

	for (i = 0; i < NR_COUNTERS; i++) {
		end.dropped[i] = counter_read(s->counters_fd, (enum counter)i);
		lost |= end.dropped[i] != 0;
	}
	end.lost = end.dropped[COUNTER_BATCH_LOST] + malformed;
	bt_writer__add(&writer, &end, sizeof(end));
	return lost;
}

/* sched_prepare_exec (6.10) unless told not to; does exit pass group_dead? */
static void probe_kernel(struct buildtrace_config *cfg)
{
	struct tp_format *fmt;

	fmt = tp_format__load("sched", "sched_prepare_exec");
	cfg->prepare_exec = fmt && !tool_config.no_prepare_exec;
	tp_format__free(fmt);
	fmt = tp_format__load("sched", "sched_process_exit");
	cfg->group_dead = fmt && tp_format__field(fmt, "group_dead");
	tp_format__free(fmt);
}

static int setup_maps(struct session *s, const struct buildtrace_config *cfg)
{
	int ops_fd, prog_fd, argv_fd, err;
	__u32 zero = 0;

	ops_fd = session__map(s, "ops", BPF_MAP_TYPE_ARRAY, 4, 4, BT_OPS_MAX, 0);
	if (ops_fd < 0 ||
	    session__map(s, "pending", BPF_MAP_TYPE_HASH, 4,
			 sizeof(struct bt_pending), BT_IN_FLIGHT, 0) < 0 ||
	    session__map(s, "newtasks", BPF_MAP_TYPE_HASH, 8,
			 sizeof(struct bt_newtask), BT_IN_FLIGHT, 0) < 0 ||
	    session__map(s, "gate", BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0) < 0 ||
	    (batch_fd = session__map(s, "batch", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
				     sizeof(struct bt_batch), 1, 0)) < 0 ||
	    session__map(s, "argv_state", BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			 sizeof(struct bt_argv_state), 1, 0) < 0)
		return EXIT_FAIL;
	argv_fd = session__map(s, "argv_prog", BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1, 0);
	if (argv_fd < 0)
		return EXIT_FAIL;
	err = buildtrace_ops_fill(ops_fd);
	if (err < 0) {
		tool_err("filling the syscall table: %s", strerror(-err));
		return EXIT_FAIL;
	}
	prog_fd = session__load(s, &buildtrace_argv_probe, (void *)cfg);
	if (prog_fd <= 0)
		return EXIT_FAIL;
	err = bpf_map_update_elem(argv_fd, &zero, &prog_fd, BPF_ANY);
	if (err) {
		tool_err("storing the argument program: %s", strerror(-err));
		return EXIT_FAIL;
	}
	return 0;
}

int bt_record_main(int argc, char **argv)
{
	struct buildtrace_config cfg = { 0 };
	struct sysargs sysargs;
	struct perfbuf_cbs cbs = { .sample = on_sample, .lost = on_lost };
	const char *out = BT_DEFAULT_FILE;
	struct tool_opts o;
	struct outfile file;
	struct session s;
	int err, ferr;
	bool lost, started = false;
	size_t i;

	err = tool_opts__parse(&o, &spec, argc, argv, &out);
	if (err != TOOL_RUN)
		return err;
	if (!o.command) {
		tool_err("record needs a command after --");
		return usage_error(usage_text);
	}
	if (!sysargs_native()) {
		tool_err("where this architecture passes syscall arguments is not known");
		return EXIT_FAIL;
	}
	/* BAREBPF_KEEP_ARGS=1: keep arguments from entry, as on arm64 */
	sysargs = *sysargs_native();
	sysargs.at_exit &= !tool_config.keep_args;
	cfg.sysargs = &sysargs;
	cfg.env = !no_env;

	writer.fd = -1;
	file.fd = -1;
	file.tmp[0] = '\0';
	err = session__init(&s, &o);
	if (err)
		goto out;
	/* Every process's arguments are in it: for its owner's eyes only. */
	err = outfile__open(&file, out, 0600);
	if (err)
		goto out;
	writer.fd = file.fd;
	s.own_tree = true;
	cfg.features = &s.features;
	probe_kernel(&cfg);
	err = setup_maps(&s, &cfg);
	if (err)
		goto out;
	/* Rings first: a program attached before them would lose events. */
	err = session__open_events(&s, &cbs);
	if (err)
		goto out;
	err = session__spawn(&s);
	if (err)
		goto out;
	err = write_start(cfg.sysargs, s.child.pid, o.command);
	if (err) {
		tool_err("writing %s: %s", out, strerror(-err));
		err = EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(buildtrace_probes); i++) {
		if (!strcmp(buildtrace_probes[i].event, cfg.prepare_exec ?
			    "sched_process_exec" : "sched_prepare_exec"))
			continue;
		err = session__attach(&s, &buildtrace_probes[i], 1, &cfg);
		if (err)
			goto out;
	}
	started = true;
	err = session__run(&s);
	session__detach(&s);
	perfbuf__drain(s.pb);
	ferr = flush_batches(&s);
	if (ferr)
		tool_err("reading the last records: %s", strerror(-ferr));
	if (malformed)
		tool_err("%llu malformed records from the kernel were left out",
			 (unsigned long long)malformed);
	lost = write_end(&s);
	if (bt_writer__close(&writer)) {
		tool_err("writing %s: %s", out, strerror(writer.err));
		err = EXIT_FAIL;
	} else if (s.child.exec_err) {
		/* COMMAND never ran: the trace of nothing replaces nothing */
		tool_err("%s did not run: %s left as it was", o.command[0],
			 out);
		started = false;
	} else if (!err && (lost || ferr)) {
		/* COMMAND's status is in the trace; this one says it is incomplete */
		tool_err("warning: events were lost: %s is incomplete", out);
		err = EXIT_FAIL;
	}
out:
	bt_writer__close(&writer);
	/*
	 * The trace replaces what was at out only when COMMAND ran and all
	 * of it was written; otherwise what was there stays as it was.
	 */
	if (started && !writer.err) {
		if (outfile__commit(&file) && !err)
			err = EXIT_FAIL;
	} else {
		outfile__abort(&file);
	}
	return session__end(&s, err);
}
