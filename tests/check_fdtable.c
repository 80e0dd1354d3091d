// SPDX-License-Identifier: GPL-2.0
/*
 * The replay's descriptor tables and thread index, held to what a trace
 * holds: a fork shares its parent's table until one of them writes, a
 * write copies only its path, fd 65535 costs four nodes, close_range and
 * exec touch only what is open; tids alike in their low bits do not pile
 * up in one run of slots.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <check.h>

#include "tools/buildtrace/fdtable.h"

static struct bt_ofile *file(__u32 path)
{
	struct bt_ofile *f = bt_ofile__new(path, O_RDONLY, false);

	ck_assert_ptr_nonnull(f);
	return f;
}

static __u32 path_at(const struct bt_files *fl, long long fd)
{
	const struct bt_fdent *e = bt_files__get(fl, fd);

	return e ? e->f->path : 0;
}

START_TEST(test_install_get_close)
{
	struct bt_files *fl = bt_files__new();
	size_t nodes = bt_files__live_nodes();

	ck_assert_int_eq(bt_files__install(fl, 3, file(30), false), 0);
	ck_assert_int_eq(bt_files__install(fl, 65535, file(40), true), 0);
	ck_assert_int_eq(bt_files__install(fl, 65536, file(50), false), -1);
	ck_assert_int_eq(bt_files__install(fl, -1, file(50), false), -1);
	ck_assert_uint_eq(bt_files__count(fl), 2);
	/* One root, then three nodes down to each of the two. */
	ck_assert_uint_eq(bt_files__live_nodes() - nodes, 7);
	ck_assert_uint_eq(path_at(fl, 3), 30);
	ck_assert_uint_eq(path_at(fl, 65535), 40);
	ck_assert(bt_files__get(fl, 65535)->cloexec);
	ck_assert_ptr_null(bt_files__get(fl, 4));
	ck_assert_ptr_null(bt_files__get(fl, 1 << 20));
	/* Replacing keeps the count; closing the last empties the tree. */
	ck_assert_int_eq(bt_files__install(fl, 3, file(31), false), 0);
	ck_assert_uint_eq(path_at(fl, 3), 31);
	ck_assert_uint_eq(bt_files__count(fl), 2);
	bt_files__close(fl, 65535);
	ck_assert_uint_eq(bt_files__live_nodes() - nodes, 4);
	bt_files__close(fl, 3);
	bt_files__close(fl, 3);
	ck_assert_uint_eq(bt_files__count(fl), 0);
	ck_assert_uint_eq(bt_files__live_nodes(), nodes);
	bt_files__put(fl);
}
END_TEST

START_TEST(test_copy_on_write)
{
	struct bt_files *parent = bt_files__new(), *child;
	struct bt_ofile *f = file(10);
	size_t nodes;

	ck_assert_int_eq(bt_files__install(parent, 0, f, false), 0);
	ck_assert_int_eq(bt_files__install(parent, 100, file(11), true), 0);
	nodes = bt_files__live_nodes();
	child = bt_files__copy(parent);
	/* Nothing copied yet, and the description is the same one. */
	ck_assert_uint_eq(bt_files__live_nodes(), nodes);
	ck_assert_ptr_eq(bt_files__get(child, 0)->f, f);
	ck_assert_int_eq(bt_files__install(child, 1, file(12), false), 0);
	ck_assert_int_eq(bt_files__dup(child, 0, 5, false), 0);
	/* The parent's fd 0, the child's fd 0 and 5: as the kernel counts. */
	ck_assert_int_eq(f->refs, 3);
	bt_files__close(parent, 100);
	bt_files__exec(child);
	/* Each side sees its own writes only. */
	ck_assert_uint_eq(path_at(parent, 1), 0);
	ck_assert_uint_eq(path_at(parent, 5), 0);
	ck_assert_uint_eq(path_at(parent, 100), 0);
	ck_assert_uint_eq(path_at(child, 0), 10);
	ck_assert_uint_eq(path_at(child, 1), 12);
	ck_assert_uint_eq(path_at(child, 5), 10);
	ck_assert_uint_eq(path_at(child, 100), 0);
	ck_assert_uint_eq(bt_files__count(parent), 1);
	ck_assert_uint_eq(bt_files__count(child), 3);
	bt_files__put(child);
	ck_assert_int_eq(f->refs, 1);
	bt_files__put(parent);
}
END_TEST

/*
 * One descriptor at 65535, then 10000 forks that each open one more:
 * four nodes each (the root copied, three made for the new fd), where a
 * table as an array copied 1 MiB per fork.
 */
START_TEST(test_fork_cost)
{
	enum { FORKS = 10000 };
	struct bt_files *parent = bt_files__new(), **child;
	size_t nodes, i;

	child = calloc(FORKS, sizeof(*child));
	ck_assert_ptr_nonnull(child);
	ck_assert_int_eq(bt_files__install(parent, 65535, file(1), false), 0);
	nodes = bt_files__live_nodes();
	for (i = 0; i < FORKS; i++) {
		child[i] = bt_files__copy(parent);
		ck_assert_ptr_nonnull(child[i]);
		ck_assert_int_eq(bt_files__install(child[i], 3, file(2), false), 0);
	}
	ck_assert_uint_eq(bt_files__live_nodes() - nodes, 4 * FORKS);
	for (i = 0; i < FORKS; i++)
		bt_files__put(child[i]);
	ck_assert_uint_eq(bt_files__live_nodes(), nodes);
	free(child);
	bt_files__put(parent);
}
END_TEST

START_TEST(test_close_range_and_exec)
{
	struct bt_files *fl = bt_files__new(), *copy;
	long long fd;

	for (fd = 0; fd < 40; fd++)
		ck_assert_int_eq(bt_files__install(fl, fd, file((__u32)fd + 1),
						   fd % 2), 0);
	ck_assert_int_eq(bt_files__install(fl, 60000, file(99), false), 0);
	copy = bt_files__copy(fl);
	/* close_range(3, ~0U, CLOSE_RANGE_CLOEXEC), then exec: 0, 1, 2 stay. */
	bt_files__close_range(copy, 3, 0xffffffffull, true);
	bt_files__exec(copy);
	ck_assert_uint_eq(bt_files__count(copy), 2);
	ck_assert_uint_eq(path_at(copy, 0), 1);
	ck_assert_uint_eq(path_at(copy, 2), 3);
	/* The parent's table is untouched. */
	ck_assert_uint_eq(bt_files__count(fl), 41);
	ck_assert(bt_files__get(fl, 3)->cloexec);
	ck_assert(!bt_files__get(fl, 4)->cloexec);
	/* close_range(10, 20): eleven closed. */
	bt_files__close_range(fl, 10, 20, false);
	ck_assert_uint_eq(bt_files__count(fl), 30);
	ck_assert_ptr_null(bt_files__get(fl, 10));
	ck_assert_ptr_null(bt_files__get(fl, 20));
	ck_assert_uint_eq(path_at(fl, 21), 22);
	bt_files__close_range(fl, 50, 40, false);
	ck_assert_uint_eq(bt_files__count(fl), 30);
	/* F_SETFD, then exec. */
	bt_files__set_cloexec(fl, 60000, true);
	bt_files__set_cloexec(fl, 3, false);
	bt_files__exec(fl);
	ck_assert_ptr_null(bt_files__get(fl, 60000));
	ck_assert_uint_eq(path_at(fl, 3), 4);
	/* Odd fds were close-on-exec: 15 of them, 3 now not, 60000 now. */
	ck_assert_uint_eq(bt_files__count(fl), 30 - 15);
	bt_files__put(copy);
	bt_files__put(fl);
}
END_TEST

/* The longest run of taken slots: how far a lookup may have to walk. */
static size_t longest_run(const struct bt_tasks *ts)
{
	size_t i, run = 0, best = 0;

	for (i = 0; i < 2 * ts->nr_slots; i++) {
		run = ts->slots[i % ts->nr_slots].tid ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* 30000 tids at multiples of 65536: all alike in their low 16 bits. */
START_TEST(test_tids_alike)
{
	enum { N = 30000 };
	struct bt_tasks ts = { 0 };
	struct bt_task *t;
	__u32 i;

	for (i = 1; i <= N; i++) {
		t = bt_tasks__add(&ts, i << 16);
		ck_assert_ptr_nonnull(t);
		t->proc = (int)i;
	}
	ck_assert_uint_eq(ts.nr, N);
	ck_assert_uint_lt(longest_run(&ts), 100);
	for (i = 1; i <= N; i++)
		ck_assert_int_eq(bt_tasks__find(&ts, i << 16)->proc, (int)i);
	for (i = 1; i <= N; i += 2)
		bt_tasks__remove(&ts, bt_tasks__find(&ts, i << 16));
	for (i = 1; i <= N; i++) {
		t = bt_tasks__find(&ts, i << 16);
		if (i % 2)
			ck_assert_ptr_null(t);
		else
			ck_assert_int_eq(t->proc, (int)i);
	}
	bt_tasks__free(&ts);
}
END_TEST

Suite *fdtable_suite(void)
{
	Suite *s = suite_create("fdtable");
	TCase *tc = tcase_create("fdtable");

	tcase_add_test(tc, test_install_get_close);
	tcase_add_test(tc, test_copy_on_write);
	tcase_add_test(tc, test_fork_cost);
	tcase_add_test(tc, test_close_range_and_exec);
	tcase_add_test(tc, test_tids_alike);
	suite_add_tcase(s, tc);
	return s;
}
