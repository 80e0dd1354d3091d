// SPDX-License-Identifier: GPL-2.0
/*
 * Perf ring consumer tests, on a ring in ordinary memory written the way
 * the kernel writes one: records 8-byte aligned at data_head, data_head
 * a free-running byte count that only the mask turns into a position.
 *
 * The data area is its own 256-byte allocation, so that under ASan any
 * read past either end of the ring (a wrapped record read in place, a
 * sample size believed over its record) is caught.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "loader/perfbuf.h"

#define RING_SIZE	256	/* bytes; a power of two, as perf's are */
#define MAX_EVENTS	16

struct fake_ring {
	struct perf_ring ring;
	__u64 head;		/* the writer's copy of data_head */
};

/* What the callbacks saw, in order. */
struct seen {
	int kind;		/* PERF_RECORD_SAMPLE or PERF_RECORD_LOST */
	int cpu;
	__u32 size;
	__u64 lost;
	unsigned char data[64];
};

struct recorder {
	struct seen ev[MAX_EVENTS];
	int n;
};

static void on_sample(void *ctx, int cpu, const void *data, __u32 size)
{
	struct recorder *r = ctx;
	struct seen *s;

	ck_assert_int_lt(r->n, MAX_EVENTS);
	s = &r->ev[r->n++];
	ck_assert_uint_le(size, sizeof(s->data));
	s->kind = PERF_RECORD_SAMPLE;
	s->cpu = cpu;
	s->size = size;
	memcpy(s->data, data, size);
}

static void on_lost(void *ctx, int cpu, __u64 lost)
{
	struct recorder *r = ctx;
	struct seen *s;

	ck_assert_int_lt(r->n, MAX_EVENTS);
	s = &r->ev[r->n++];
	s->kind = PERF_RECORD_LOST;
	s->cpu = cpu;
	s->lost = lost;
}

static struct recorder rec;
static const struct perfbuf_cbs cbs = { on_sample, on_lost, &rec };
static struct fake_ring fr, fr2;
static char *scratch;

/* A ring whose reader and writer both stand at byte count start. */
static void ring_init(struct fake_ring *f, int cpu, __u64 start)
{
	memset(f, 0, sizeof(*f));
	f->ring.meta = calloc(1, sizeof(*f->ring.meta));
	f->ring.data = calloc(1, RING_SIZE);
	ck_assert_ptr_nonnull(f->ring.meta);
	ck_assert_ptr_nonnull(f->ring.data);
	/* Stale bytes, so a record read from the wrong place shows. */
	memset(f->ring.data, 0xa5, RING_SIZE);
	f->ring.size = RING_SIZE;
	f->ring.fd = -1;
	f->ring.cpu = cpu;
	f->ring.meta->data_head = start;
	f->ring.meta->data_tail = start;
	f->head = start;
}

static void ring_fini(struct fake_ring *f)
{
	free(f->ring.meta);
	free(f->ring.data);
}

static void setup(void)
{
	memset(&rec, 0, sizeof(rec));
	scratch = malloc(PERF_RECORD_MAX);
	ck_assert_ptr_nonnull(scratch);
	ring_init(&fr, 3, 0);
	ring_init(&fr2, 7, 0);
}

static void teardown(void)
{
	ring_fini(&fr);
	ring_fini(&fr2);
	free(scratch);
}

/* Write n bytes at the writer's head, wrapping at the ring's end. */
static void put(struct fake_ring *f, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		f->ring.data[(f->head + i) & (RING_SIZE - 1)] = (char)b[i];
	f->head += n;
}

static void put_header(struct fake_ring *f, __u32 type, __u16 size)
{
	struct perf_event_header h = { .type = type, .misc = 0, .size = size };

	put(f, &h, sizeof(h));
}

/*
 * A PERF_SAMPLE_RAW sample: header, u32 size, the bytes, zero padding
 * to 8. Returns the record's size.
 */
static __u16 put_sample(struct fake_ring *f, const void *raw, __u32 n)
{
	static const char pad[8];
	__u16 size = (__u16)((sizeof(struct perf_event_header) + 4 + n + 7) & ~7u);

	put_header(f, PERF_RECORD_SAMPLE, size);
	put(f, &n, sizeof(n));
	put(f, raw, n);
	put(f, pad, size - sizeof(struct perf_event_header) - 4 - n);
	return size;
}

/* PERF_RECORD_LOST: header, u64 id, u64 lost (24 bytes). */
static void put_lost(struct fake_ring *f, __u64 id, __u64 lost)
{
	put_header(f, PERF_RECORD_LOST, 24);
	put(f, &id, sizeof(id));
	put(f, &lost, sizeof(lost));
}

/* Make what was written visible to the reader. */
static void publish(struct fake_ring *f)
{
	f->ring.meta->data_head = f->head;
}

static void check_sample(int i, int cpu, const char *bytes, __u32 size)
{
	ck_assert_int_lt(i, rec.n);
	ck_assert_int_eq(rec.ev[i].kind, PERF_RECORD_SAMPLE);
	ck_assert_int_eq(rec.ev[i].cpu, cpu);
	ck_assert_uint_eq(rec.ev[i].size, size);
	ck_assert_mem_eq(rec.ev[i].data, bytes, size);
}

static void check_lost(int i, int cpu, __u64 lost)
{
	ck_assert_int_lt(i, rec.n);
	ck_assert_int_eq(rec.ev[i].kind, PERF_RECORD_LOST);
	ck_assert_int_eq(rec.ev[i].cpu, cpu);
	ck_assert_uint_eq(rec.ev[i].lost, lost);
}

START_TEST(test_empty)
{
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	ck_assert_int_eq(rec.n, 0);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 0);

	/* Empty is head == tail, wherever they stand. */
	ring_fini(&fr);
	ring_init(&fr, 3, 5 * RING_SIZE + 40);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	ck_assert_int_eq(rec.n, 0);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 5 * RING_SIZE + 40);
	ck_assert_uint_eq(fr.ring.samples, 0);
}
END_TEST

START_TEST(test_samples_in_order)
{
	/* 5, 12 and 20 raw bytes, after 12 of header: 24, 24 and 32. */
	ck_assert_uint_eq(put_sample(&fr, "hello", 5), 24);
	ck_assert_uint_eq(put_sample(&fr, "twelve bytes", 12), 24);
	ck_assert_uint_eq(put_sample(&fr, "twenty bytes of data", 20), 32);
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 3);
	ck_assert_int_eq(rec.n, 3);
	check_sample(0, 3, "hello", 5);
	check_sample(1, 3, "twelve bytes", 12);
	check_sample(2, 3, "twenty bytes of data", 20);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 80);
	ck_assert_uint_eq(fr.ring.samples, 3);
	ck_assert_uint_eq(fr.ring.lost, 0);

	/* A second call finds nothing new, and counts stay. */
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	ck_assert_int_eq(rec.n, 3);
	ck_assert_uint_eq(fr.ring.samples, 3);
}
END_TEST

START_TEST(test_empty_sample)
{
	/* A sample with no raw bytes: a 16-byte record, size 0. */
	ck_assert_uint_eq(put_sample(&fr, "", 0), 16);
	publish(&fr);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 1);
	check_sample(0, 3, "", 0);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 16);
}
END_TEST

START_TEST(test_header_at_end_body_at_start)
{
	/*
	 * Reader and writer at byte 248 of a 256-byte ring, after many laps:
	 * the 8-byte header fills 248..255, the u32 size and the raw bytes
	 * start again at 0.
	 */
	__u64 start = 1000 * RING_SIZE + 248;

	ring_fini(&fr);
	ring_init(&fr, 3, start);
	put_sample(&fr, "wrapped!", 8);		/* 24 bytes: 248..271 */
	put_sample(&fr, "after", 5);		/* 24 bytes at 16 */
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 2);
	check_sample(0, 3, "wrapped!", 8);
	check_sample(1, 3, "after", 5);
	ck_assert_uint_eq(fr.ring.meta->data_tail, start + 48);
}
END_TEST

START_TEST(test_body_wraps_midway)
{
	/*
	 * At 232: header 232..239, size 240..243, then 12 raw bytes of
	 * which 244..255 hold the first 12 and 0..7 the last 8.
	 */
	static const char raw[] = "0123456789abcdefghij";	/* 20 bytes */

	ring_fini(&fr);
	ring_init(&fr, 3, 232);
	ck_assert_uint_eq(put_sample(&fr, raw, 20), 32);
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 1);
	check_sample(0, 3, raw, 20);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 264);
}
END_TEST

START_TEST(test_record_ends_at_ring_end)
{
	/* A record that fills the ring's last bytes exactly does not wrap. */
	ring_fini(&fr);
	ring_init(&fr, 3, 232);
	put_sample(&fr, "ends at 255!", 12);	/* 24 bytes: 232..255 */
	put_sample(&fr, "next lap", 8);		/* 24 bytes: 0..23 */
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 2);
	check_sample(0, 3, "ends at 255!", 12);
	check_sample(1, 3, "next lap", 8);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 280);
}
END_TEST

START_TEST(test_lost)
{
	/* Losses are reported where they happened, between samples. */
	put_sample(&fr, "one", 3);
	put_lost(&fr, 99, 17);
	put_sample(&fr, "two", 3);
	put_lost(&fr, 99, 4);
	publish(&fr);

	/* Only samples count in the return value. */
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 2);
	ck_assert_int_eq(rec.n, 4);
	check_sample(0, 3, "one", 3);
	check_lost(1, 3, 17);
	check_sample(2, 3, "two", 3);
	check_lost(3, 3, 4);
	ck_assert_uint_eq(fr.ring.lost, 21);
	ck_assert_uint_eq(fr.ring.samples, 2);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 16 + 24 + 16 + 24);
}
END_TEST

START_TEST(test_lost_wraps)
{
	/* A lost record across the end: header at 248, id and count at 0. */
	ring_fini(&fr);
	ring_init(&fr, 3, 248);
	put_lost(&fr, 1, 0x100000000ULL);	/* a count past 32 bits */
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	check_lost(0, 3, 0x100000000ULL);
	ck_assert_uint_eq(fr.ring.lost, 0x100000000ULL);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 272);
}
END_TEST

START_TEST(test_lost_per_ring)
{
	/* Each ring keeps its own sum, and reports its own cpu. */
	put_lost(&fr, 1, 5);
	put_lost(&fr, 1, 6);
	publish(&fr);
	put_sample(&fr2, "x", 1);
	put_lost(&fr2, 2, 100);
	publish(&fr2);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	ck_assert_int_eq(perf_ring__consume(&fr2.ring, &cbs, scratch), 1);
	ck_assert_int_eq(rec.n, 4);
	check_lost(0, 3, 5);
	check_lost(1, 3, 6);
	check_sample(2, 7, "x", 1);
	check_lost(3, 7, 100);
	ck_assert_uint_eq(fr.ring.lost, 11);
	ck_assert_uint_eq(fr2.ring.lost, 100);

	/* Sums carry across calls. */
	put_lost(&fr, 1, 9);
	publish(&fr);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 0);
	ck_assert_uint_eq(fr.ring.lost, 20);
}
END_TEST

START_TEST(test_optional_callbacks)
{
	/* No lost callback: losses still counted, samples still delivered. */
	const struct perfbuf_cbs no_lost = { on_sample, NULL, &rec };
	const struct perfbuf_cbs none = { NULL, NULL, NULL };

	put_lost(&fr, 1, 8);
	put_sample(&fr, "seen", 4);
	publish(&fr);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &no_lost, scratch), 1);
	ck_assert_int_eq(rec.n, 1);
	check_sample(0, 3, "seen", 4);
	ck_assert_uint_eq(fr.ring.lost, 8);

	put_sample(&fr, "unseen", 6);
	put_lost(&fr, 1, 2);
	publish(&fr);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &none, scratch), 1);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_uint_eq(fr.ring.samples, 2);
	ck_assert_uint_eq(fr.ring.lost, 10);
	ck_assert_uint_eq(fr.ring.meta->data_tail, fr.head);
}
END_TEST

START_TEST(test_other_records_skipped)
{
	/* PERF_RECORD_THROTTLE and friends are stepped over, unreported. */
	__u64 body[2] = { 1, 2 };

	put_sample(&fr, "before", 6);
	put_header(&fr, PERF_RECORD_THROTTLE, 24);
	put(&fr, body, sizeof(body));
	put_sample(&fr, "after", 5);
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 2);
	ck_assert_int_eq(rec.n, 2);
	check_sample(0, 3, "before", 6);
	check_sample(1, 3, "after", 5);
	ck_assert_uint_eq(fr.ring.meta->data_tail, 72);
}
END_TEST

START_TEST(test_sample_size_clamped)
{
	/*
	 * A raw size larger than its record holds is cut to the record: 24
	 * bytes of record leave 12 for data, whatever the u32 claims.
	 */
	__u32 claimed = 200;

	put_header(&fr, PERF_RECORD_SAMPLE, 24);
	put(&fr, &claimed, sizeof(claimed));
	put(&fr, "only twelve!", 12);
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 1);
	check_sample(0, 3, "only twelve!", 12);
}
END_TEST

/* Write a good sample, then a bad header; consume must skip to head. */
static void check_corrupt(__u16 bad_size, size_t body)
{
	static const char junk[64];

	put_sample(&fr, "good", 4);
	put_header(&fr, PERF_RECORD_SAMPLE, bad_size);
	put(&fr, junk, body);
	put_sample(&fr, "never seen", 10);
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), -EBADMSG);
	/* What came before the bad header was delivered; nothing after. */
	ck_assert_int_eq(rec.n, 1);
	check_sample(0, 3, "good", 4);
	ck_assert_uint_eq(fr.ring.samples, 1);
	ck_assert_uint_eq(fr.ring.meta->data_tail, fr.head);

	/* The ring is usable again from there. */
	put_sample(&fr, "later", 5);
	publish(&fr);
	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), 1);
	check_sample(1, 3, "later", 5);
}

START_TEST(test_corrupt_size_zero)
{
	/* Taken at its word, a 0-byte record would never move the tail. */
	check_corrupt(0, 8);
}
END_TEST

START_TEST(test_corrupt_size_under_header)
{
	check_corrupt(4, 8);
}
END_TEST

START_TEST(test_corrupt_size_unaligned)
{
	check_corrupt(20, 16);
}
END_TEST

START_TEST(test_corrupt_size_past_head)
{
	/*
	 * From the bad header on, 8 + 8 + 24 bytes are published, but the
	 * header claims 128 (aligned, and less than the ring).
	 */
	check_corrupt(128, 8);
}
END_TEST

START_TEST(test_corrupt_size_past_ring)
{
	/*
	 * A header claiming 264 bytes, more than the 256-byte ring holds,
	 * though not more than was published: the writer has lapped the
	 * reader, the bytes are no longer there, and none may be read.
	 */
	__u16 size = RING_SIZE + 8;

	put_header(&fr, PERF_RECORD_SAMPLE, size);
	fr.head += RING_SIZE + 8;
	publish(&fr);

	ck_assert_int_eq(perf_ring__consume(&fr.ring, &cbs, scratch), -EBADMSG);
	ck_assert_int_eq(rec.n, 0);
	ck_assert_uint_eq(fr.ring.meta->data_tail, RING_SIZE + 16);
}
END_TEST

/* A fixed-size record: whole or not at all, padding left behind. */
START_TEST(test_sample_copy)
{
	static const char sample[16] = "0123456789abcdef";
	char dst[12];

	memset(dst, 'x', sizeof(dst));
	ck_assert(!perf_sample_copy(dst, sizeof(dst), sample, 11));
	ck_assert_int_eq(memcmp(dst, "xxxxxxxxxxxx", 12), 0);
	ck_assert(perf_sample_copy(dst, sizeof(dst), sample, 12));
	ck_assert_int_eq(memcmp(dst, "0123456789ab", 12), 0);
	memset(dst, 'x', sizeof(dst));
	ck_assert(perf_sample_copy(dst, 10, sample + 1, 16));
	ck_assert_int_eq(memcmp(dst, "123456789axx", 12), 0);
}
END_TEST

Suite *perfbuf_suite(void)
{
	Suite *s = suite_create("perfbuf");
	TCase *tc = tcase_create("consume");
	TCase *bad = tcase_create("corrupt");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_sample_copy);
	tcase_add_test(tc, test_samples_in_order);
	tcase_add_test(tc, test_empty_sample);
	tcase_add_test(tc, test_header_at_end_body_at_start);
	tcase_add_test(tc, test_body_wraps_midway);
	tcase_add_test(tc, test_record_ends_at_ring_end);
	tcase_add_test(tc, test_lost);
	tcase_add_test(tc, test_lost_wraps);
	tcase_add_test(tc, test_lost_per_ring);
	tcase_add_test(tc, test_optional_callbacks);
	tcase_add_test(tc, test_other_records_skipped);
	tcase_add_test(tc, test_sample_size_clamped);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_test(bad, test_corrupt_size_zero);
	tcase_add_test(bad, test_corrupt_size_under_header);
	tcase_add_test(bad, test_corrupt_size_unaligned);
	tcase_add_test(bad, test_corrupt_size_past_head);
	tcase_add_test(bad, test_corrupt_size_past_ring);
	suite_add_tcase(s, bad);
	return s;
}
