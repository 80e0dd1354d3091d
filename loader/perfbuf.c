// SPDX-License-Identifier: GPL-2.0
/* Per-CPU perf rings: open, map, wait by watermark, consume. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "loader/perfbuf.h"

#ifndef PERF_FORMAT_LOST
#define PERF_FORMAT_LOST (1U << 4)	/* 6.0; an enum, not a macro, in new headers */
#endif

struct perfbuf {
	struct perf_ring *rings;
	int nr_rings;
	int epfd;
	struct epoll_event *ready;
	size_t mmap_size;
	struct perfbuf_cbs cbs;
	sigset_t wait_sigmask;
	bool has_sigmask;
	char scratch[PERF_RECORD_MAX];
};

/* The layout of the records we ask for (PERF_SAMPLE_RAW only). */
struct sample_raw {
	struct perf_event_header header;
	__u32 size;
	char data[];
};

struct record_lost {
	struct perf_event_header header;
	__u64 id;
	__u64 lost;
};

/*
 * Point *rec at the whole record at offset off. A record that runs past
 * the ring's end is copied into scratch. The 8-byte header itself never
 * wraps: perf keeps records 8-byte aligned in a ring of 2^n bytes.
 */
static const void *record_at(const struct perf_ring *ring, __u64 off,
			     __u16 size, char *scratch)
{
	__u64 first = ring->size - off;

	if (size <= first)
		return ring->data + off;
	memcpy(scratch, ring->data + off, first);
	memcpy(scratch + first, ring->data, size - first);
	return scratch;
}

int perf_ring__consume(struct perf_ring *ring, const struct perfbuf_cbs *cbs,
		       void *scratch)
{
	/* Pairs with the kernel's store of data_head after the records. */
	__u64 head = __atomic_load_n(&ring->meta->data_head, __ATOMIC_ACQUIRE);
	__u64 tail = ring->meta->data_tail;
	int n = 0, err = 0;

	while (tail < head) {
		__u64 off = tail & (ring->size - 1);
		const struct perf_event_header *hdr = (const void *)(ring->data + off);
		const void *rec;

		if (hdr->size < sizeof(*hdr) || hdr->size > head - tail ||
		    hdr->size > ring->size || (hdr->size & 7)) {
			err = -EBADMSG;
			tail = head;
			break;
		}
		rec = record_at(ring, off, hdr->size, scratch);
		if (hdr->type == PERF_RECORD_SAMPLE &&
		    hdr->size >= sizeof(struct sample_raw)) {
			const struct sample_raw *s = rec;
			__u32 size = s->size;

			if (size > hdr->size - sizeof(*s))
				size = hdr->size - sizeof(*s);
			ring->samples++;
			n++;
			if (cbs->sample)
				cbs->sample(cbs->ctx, ring->cpu, s->data, size);
		} else if (hdr->type == PERF_RECORD_LOST &&
			   hdr->size >= sizeof(struct record_lost)) {
			const struct record_lost *l = rec;

			ring->lost_records += l->lost;
			if (ring->lost < ring->lost_records)
				ring->lost = ring->lost_records;
			if (cbs->lost)
				cbs->lost(cbs->ctx, ring->cpu, l->lost);
		}
		tail += hdr->size;
	}
	/* Our reads of the records happen before the kernel may reuse them. */
	__atomic_store_n(&ring->meta->data_tail, tail, __ATOMIC_RELEASE);
	return err ? err : n;
}

int perfbuf_map_create(const char *name)
{
	int n = cpus_possible();

	if (n < 0)
		return n;
	return bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, name, sizeof(int),
			      sizeof(int), (__u32)n, 0);
}

static int ring_open(struct perf_ring *ring, int cpu, size_t mmap_size,
		     size_t watermark)
{
	struct perf_event_attr attr;
	void *base;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.watermark = 1;
	attr.wakeup_watermark = (__u32)watermark;
	/* The count of lost samples, readable from the fd (6.0). */
	attr.read_format = PERF_FORMAT_LOST;
	ring->cpu = cpu;
	ring->fd = (int)syscall(__NR_perf_event_open, &attr, -1, cpu, -1,
				PERF_FLAG_FD_CLOEXEC);
	if (ring->fd < 0 && errno == EINVAL) {
		attr.read_format = 0;
		ring->fd = (int)syscall(__NR_perf_event_open, &attr, -1, cpu, -1,
					PERF_FLAG_FD_CLOEXEC);
	}
	if (ring->fd < 0)
		return -errno;
	ring->read_lost = attr.read_format != 0;
	base = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		    ring->fd, 0);
	if (base == MAP_FAILED)
		return -errno;
	ring->meta = base;
	ring->data = (char *)base + sysconf(_SC_PAGESIZE);
	ring->size = mmap_size - (size_t)sysconf(_SC_PAGESIZE);
	if (ioctl(ring->fd, PERF_EVENT_IOC_ENABLE, 0))
		return -errno;
	return 0;
}

struct perfbuf *perfbuf__new(int map_fd, const struct perfbuf_opts *opts,
			     const struct perfbuf_cbs *cbs)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = opts && opts->pages ? opts->pages : 64;
	size_t watermark = opts ? opts->watermark : 0;
	int nr_cpus = cpus_possible(), cpu, err;
	struct perfbuf *pb;
	bool *online;

	if (pages & (pages - 1)) {
		errno = EINVAL;
		return NULL;
	}
	if (nr_cpus < 0) {
		errno = -nr_cpus;
		return NULL;
	}
	if (!watermark || watermark >= pages * page)
		watermark = pages * page / 4;
	pb = calloc(1, sizeof(*pb));
	online = calloc((size_t)nr_cpus, sizeof(*online));
	if (!pb || !online)
		goto out_nomem;
	pb->epfd = -1;
	pb->cbs = *cbs;
	if (opts && opts->wait_sigmask) {
		pb->wait_sigmask = *opts->wait_sigmask;
		pb->has_sigmask = true;
	}
	pb->mmap_size = (pages + 1) * page;
	pb->rings = calloc((size_t)nr_cpus, sizeof(*pb->rings));
	pb->ready = calloc((size_t)nr_cpus, sizeof(*pb->ready));
	if (!pb->rings || !pb->ready)
		goto out_nomem;
	err = cpus_online(online, nr_cpus);
	if (err)
		goto out_err;
	pb->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (pb->epfd < 0) {
		err = -errno;
		goto out_err;
	}
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		struct perf_ring *ring = &pb->rings[pb->nr_rings];
		struct epoll_event ev = { .events = EPOLLIN };

		if (!online[cpu])
			continue;
		pb->nr_rings++;
		err = ring_open(ring, cpu, pb->mmap_size, watermark);
		if (err)
			goto out_err;
		err = bpf_map_update_elem(map_fd, &cpu, &ring->fd, BPF_ANY);
		if (err)
			goto out_err;
		ev.data.u32 = (__u32)(pb->nr_rings - 1);
		if (epoll_ctl(pb->epfd, EPOLL_CTL_ADD, ring->fd, &ev)) {
			err = -errno;
			goto out_err;
		}
	}
	free(online);
	return pb;
out_nomem:
	err = -ENOMEM;
out_err:
	free(online);
	perfbuf__free(pb);
	errno = -err;
	return NULL;
}

static int consume(struct perfbuf *pb, struct perf_ring *ring)
{
	int n = perf_ring__consume(ring, &pb->cbs, pb->scratch);

	/* A corrupt ring has been skipped; keep reading the others. */
	return n < 0 ? 0 : n;
}

int perfbuf__poll(struct perfbuf *pb, int timeout_ms)
{
	int i, n, total = 0;

	n = epoll_pwait(pb->epfd, pb->ready, pb->nr_rings, timeout_ms,
			pb->has_sigmask ? &pb->wait_sigmask : NULL);
	if (n < 0)
		return -errno;
	if (n == 0) {
		/* Quiet: pick up what sits below the watermark. */
		for (i = 0; i < pb->nr_rings; i++)
			total += consume(pb, &pb->rings[i]);
		return total;
	}
	for (i = 0; i < n; i++)
		total += consume(pb, &pb->rings[pb->ready[i].data.u32]);
	return total;
}

/* The kernel's count of samples lost on ring, when it gives one. */
static void sync_lost(struct perf_ring *ring)
{
	__u64 v[2];	/* PERF_FORMAT_LOST alone: { value, lost } */

	if (ring->read_lost && read(ring->fd, v, sizeof(v)) == (ssize_t)sizeof(v) &&
	    v[1] > ring->lost)
		ring->lost = v[1];
}

int perfbuf__drain(struct perfbuf *pb)
{
	int i, n, total = 0;

	do {
		n = 0;
		for (i = 0; i < pb->nr_rings; i++)
			n += consume(pb, &pb->rings[i]);
		total += n;
	} while (n);
	for (i = 0; i < pb->nr_rings; i++)
		sync_lost(&pb->rings[i]);
	return total;
}

__u64 perfbuf__lost(const struct perfbuf *pb)
{
	__u64 lost = 0;
	int i;

	for (i = 0; i < pb->nr_rings; i++)
		lost += pb->rings[i].lost;
	return lost;
}

__u64 perfbuf__samples(const struct perfbuf *pb)
{
	__u64 n = 0;
	int i;

	for (i = 0; i < pb->nr_rings; i++)
		n += pb->rings[i].samples;
	return n;
}

int perfbuf__nr_rings(const struct perfbuf *pb)
{
	return pb->nr_rings;
}

const struct perf_ring *perfbuf__ring(const struct perfbuf *pb, int i)
{
	return &pb->rings[i];
}

void perfbuf__free(struct perfbuf *pb)
{
	int i;

	if (!pb)
		return;
	for (i = 0; i < pb->nr_rings; i++) {
		struct perf_ring *ring = &pb->rings[i];

		if (ring->meta)
			munmap(ring->meta, pb->mmap_size);
		if (ring->fd >= 0) {
			ioctl(ring->fd, PERF_EVENT_IOC_DISABLE, 0);
			close(ring->fd);
		}
	}
	if (pb->epfd >= 0)
		close(pb->epfd);
	free(pb->rings);
	free(pb->ready);
	free(pb);
}
