/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Perf buffer reader: one ring per online CPU, fed by
 * bpf_perf_event_output() through a BPF_MAP_TYPE_PERF_EVENT_ARRAY.
 *
 * Rings wake the reader by watermark (a quarter of a ring by default)
 * rather than per event, and every poll also sweeps rings below their
 * watermark once the timeout passes, so a quiet trace is still shown
 * promptly while a busy one costs one wakeup per many events.
 */
#ifndef BAREBPF_LOADER_PERFBUF_H
#define BAREBPF_LOADER_PERFBUF_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/perf_event.h>
#include <linux/types.h>

/*
 * A record as the ring holds it. data is only 4-byte aligned (it follows
 * the u32 size of PERF_SAMPLE_RAW): memcpy it into a local struct.
 */
typedef void (*perfbuf_sample_fn)(void *ctx, int cpu, const void *data,
				  __u32 size);
/* The kernel dropped lost records on cpu because the ring was full. */
typedef void (*perfbuf_lost_fn)(void *ctx, int cpu, __u64 lost);

struct perfbuf_cbs {
	perfbuf_sample_fn sample;
	perfbuf_lost_fn lost;		/* optional; losses are counted anyway */
	void *ctx;
};

/*
 * Copy a fixed-size record of len bytes out of a sample (data, size
 * bytes) into dst: the ring promises no alignment. False when fewer came:
 * perf pads a sample to 8 bytes but never cuts one, so a shorter sample
 * is no record of ours.
 */
static inline bool perf_sample_copy(void *dst, size_t len, const void *data,
				    __u32 size)
{
	if (size < len)
		return false;
	memcpy(dst, data, len);
	return true;
}

/* One mmap'd ring: the control page, then 2^n data pages. */
struct perf_ring {
	struct perf_event_mmap_page *meta;
	char *data;
	__u64 size;			/* data bytes, a power of two */
	int fd;
	int cpu;
	/*
	 * Samples the kernel dropped: the sum of PERF_RECORD_LOST counts,
	 * or, when larger, the kernel's own count (see perfbuf__drain).
	 */
	__u64 lost;
	__u64 lost_records;		/* sum of PERF_RECORD_LOST counts */
	__u64 samples;
	int read_lost;			/* fd reads give the count (6.0+) */
};

/* Largest record perf can write: its header keeps the size in a u16. */
#define PERF_RECORD_MAX	65536

/*
 * Consume every record between data_tail and data_head (loaded once, so
 * one busy CPU cannot starve the others), copying records that wrap the
 * ring's end into scratch (PERF_RECORD_MAX bytes). Returns the number of
 * samples, or -EBADMSG if a header is corrupt (the ring is then skipped
 * to its head).
 */
int perf_ring__consume(struct perf_ring *ring, const struct perfbuf_cbs *cbs,
		       void *scratch);

struct perfbuf_opts {
	size_t pages;			/* data pages per CPU, power of two */
	size_t watermark;		/* bytes; 0 means a quarter ring */
	/*
	 * Signal mask while waiting (epoll_pwait), or NULL. A caller that
	 * blocks its signals and unblocks them only here cannot miss one
	 * that arrives just before the wait.
	 */
	const sigset_t *wait_sigmask;
};

struct perfbuf;

/* A BPF_MAP_TYPE_PERF_EVENT_ARRAY with a slot per possible CPU. */
int perfbuf_map_create(const char *name);

/*
 * Open a ring on each online CPU and store its fd in map_fd.
 * NULL with errno on failure.
 */
struct perfbuf *perfbuf__new(int map_fd, const struct perfbuf_opts *opts,
			     const struct perfbuf_cbs *cbs);

/*
 * Wait up to timeout_ms for rings past their watermark and consume them;
 * on timeout, consume whatever every ring holds. Returns the number of
 * samples read, or -errno (-EINTR when a signal arrived).
 */
int perfbuf__poll(struct perfbuf *pb, int timeout_ms);

/*
 * Consume every ring until all are empty, then (6.0+) take each ring's
 * lost count from the kernel: a PERF_RECORD_LOST is written only once
 * the ring has room again, so losses just before the end would never be
 * reported otherwise. Returns samples read.
 */
int perfbuf__drain(struct perfbuf *pb);

/* Totals over all rings. */
__u64 perfbuf__lost(const struct perfbuf *pb);
__u64 perfbuf__samples(const struct perfbuf *pb);

/* Rings for reporting per-CPU losses. */
int perfbuf__nr_rings(const struct perfbuf *pb);
const struct perf_ring *perfbuf__ring(const struct perfbuf *pb, int i);

void perfbuf__free(struct perfbuf *pb);

#endif /* BAREBPF_LOADER_PERFBUF_H */
