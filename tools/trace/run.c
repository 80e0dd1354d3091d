// SPDX-License-Identifier: GPL-2.0
/* Loading, attaching, triggering and detaching the compiled programs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "loader/attach.h"
#include "loader/cpus.h"
#include "loader/prog.h"
#include "tools/lib/args.h"
#include "tools/trace/listing.h"
#include "tools/trace/run.h"

#define CPUS_MAX	4096

static int keep_fd(struct runner *r, int fd)
{
	int *fds;

	if (r->nr_attach == r->cap_attach) {
		r->cap_attach = r->cap_attach ? r->cap_attach * 2 : 64;
		fds = realloc(r->attach_fds, sizeof(*fds) * (size_t)r->cap_attach);
		if (!fds) {
			close(fd);
			return -ENOMEM;
		}
		r->attach_fds = fds;
	}
	r->attach_fds[r->nr_attach++] = fd;
	return 0;
}

/* The kernel's name for the program: the event, or the probe's kind. */
static void prog_name(const struct trace_prog *p, char name[16])
{
	static const char *const kinds[] = {
		[PK_BEGIN] = "BEGIN", [PK_END] = "END", [PK_INTERVAL] = "interval",
		[PK_PROFILE] = "profile",
	};

	if (p->kind == PK_TRACEPOINT)
		snprintf(name, 16, "%s", p->fmt->name);
	else
		snprintf(name, 16, "%s", kinds[p->kind]);
}

int runner__load(struct runner *r)
{
	struct compiler *c = r->c;
	struct bpf_prog_load_opts opts = { 0 };
	/*
	 * A refused program is loaded again for its log, doubled while it
	 * does not fit: each time the verifier runs again, seconds for a
	 * program at its size limit. 256 KiB shows where it stopped (from
	 * 6.4 the kernel keeps a long log's end).
	 */
	struct prog_log log = { .level = r->log_level, .size_max = 4 * PROG_LOG_SIZE };
	char name[16];
	int i, fd;

	for (i = 0; i < c->nr_progs; i++) {
		struct trace_prog *p = &c->progs[i];

		if (p->same_as >= 0) {
			p->fd = dup(c->progs[p->same_as].fd);
			if (p->fd < 0) {
				tool_err("%s", strerror(errno));
				return EXIT_FAIL;
			}
			continue;
		}
		prog_name(p, name);
		opts.name = name;
		fd = prog_load(p->kind == PK_TRACEPOINT ? BPF_PROG_TYPE_TRACEPOINT :
			       BPF_PROG_TYPE_PERF_EVENT, p->insns, p->len, &opts,
			       &log);
		if (fd < 0) {
			tool_err("the kernel refused the program for %s: %s",
				 p->name, strerror(-fd));
			listing_rejection(c, p, &log);
			prog_log__free(&log);
			return EXIT_FAIL;
		}
		if (r->log_level && log.text)
			fprintf(stderr, "verifier log of %s:\n%s", p->name, log.text);
		prog_log__free(&log);
		p->fd = fd;
	}
	return 0;
}

static int perf_open(struct perf_event_attr *attr, int pid, int cpu)
{
	int fd = (int)syscall(__NR_perf_event_open, attr, pid, cpu, -1,
			      PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* A cpu-clock event on cpu, its program set and enabled. */
static int attach_clock(struct runner *r, const struct trace_prog *p, int cpu)
{
	struct perf_event_attr attr;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.freq = p->freq;
	if (p->freq)
		attr.sample_freq = p->period;
	else
		attr.sample_period = p->period;
	fd = perf_open(&attr, -1, cpu);
	if (fd < 0)
		return fd;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, p->fd) ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		err = -errno;
		close(fd);
		return err;
	}
	return keep_fd(r, fd);
}

static int attach_one(struct runner *r, const struct trace_prog *p)
{
	bool online[CPUS_MAX];
	int fd, cpu, err, n;

	switch (p->kind) {
	case PK_TRACEPOINT:
		fd = tracepoint_attach(p->fd, p->fmt->id);
		return fd < 0 ? fd : keep_fd(r, fd);
	case PK_INTERVAL:
		/* one CPU, as bpftrace's interval */
		return attach_clock(r, p, 0);
	case PK_PROFILE:
		n = cpus_possible();
		if (n <= 0 || n > CPUS_MAX || cpus_online(online, n))
			return -EINVAL;
		for (cpu = 0; cpu < n; cpu++) {
			if (!online[cpu])
				continue;
			err = attach_clock(r, p, cpu);
			if (err)
				return err;
		}
		return 0;
	default:
		return 0;
	}
}

int runner__attach(struct runner *r)
{
	struct compiler *c = r->c;
	int i, err;

	for (i = 0; i < c->nr_progs; i++) {
		struct trace_prog *p = &c->progs[i];

		err = attach_one(r, p);
		if (err) {
			tool_err("attaching %s: %s", p->name, strerror(-err));
			return EXIT_FAIL;
		}
		r->attached++;
	}
	return 0;
}

/*
 * Run prog once on this thread: a page-fault event counts our own
 * faults, and the first write to a fresh page is one.
 */
static int trigger(int prog_fd)
{
	struct perf_event_attr attr;
	long page = sysconf(_SC_PAGESIZE);
	volatile char *mem;
	int fd, err = 0;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_PAGE_FAULTS;
	attr.sample_period = 1;
	attr.disabled = 1;
	fd = perf_open(&attr, 0, -1);
	if (fd < 0)
		return fd;
	mem = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		err = -errno;
		goto out;
	}
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		err = -errno;
	} else {
		mem[0] = 1;
		ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
	}
	munmap((void *)mem, (size_t)page);
out:
	close(fd);
	return err;
}

int runner__run_special(struct runner *r, enum probe_kind kind)
{
	struct compiler *c = r->c;
	int i, err;

	for (i = 0; i < c->nr_progs; i++) {
		if (c->progs[i].kind != kind)
			continue;
		err = trigger(c->progs[i].fd);
		if (err) {
			tool_err("running %s: %s", c->progs[i].name,
				 strerror(-err));
			return EXIT_FAIL;
		}
	}
	return 0;
}

void runner__detach(struct runner *r)
{
	struct compiler *c = r->c;
	int i;

	if (!c)
		return;
	tracepoint_detach_background(r->attach_fds, r->nr_attach);
	r->nr_attach = 0;
	free(r->attach_fds);
	r->attach_fds = NULL;
	r->cap_attach = 0;
	for (i = 0; i < c->nr_progs; i++) {
		if (c->progs[i].fd >= 0)
			close(c->progs[i].fd);
		c->progs[i].fd = -1;
	}
}
