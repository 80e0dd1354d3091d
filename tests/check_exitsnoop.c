// SPDX-License-Identifier: GPL-2.0
/*
 * exitsnoop's programs, built for every combination of options against
 * the 6.18 formats of the stand-in tracefs: each must build (every label
 * and field found) and stay within what old kernels load. With BTF the
 * exit program reads the task and nothing else is needed; without, it
 * reads only what the other programs keep. The integration suite loads
 * and runs them.
 */
#include <stdlib.h>
#include <check.h>

#include "loader/format.h"
#include "loader/tracefs.h"
#include "progs/exitsnoop.h"

#define FAKE_TRACEFS	"tests/fixtures/tracefs"

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

/* The 6.18 offsets; any would do, since nothing is loaded. */
static const struct exitsnoop_offsets offsets = {
	.task_exit_code = 2052, .task_signal = 2800, .task_group_leader = 2032,
	.task_real_parent = 2016, .task_tgid = 2004, .task_start_time = 2240,
	.signal_flags = 76, .signal_group_exit_code = 64,
};

static const struct {
	const char *system, *event;
	int (*build)(struct builder *b, const struct tp_format *fmt, void *cfg);
} programs[] = {
	{ "sched", "sched_process_exit", exitsnoop_build_exit },
	{ "sched", "sched_process_free", exitsnoop_build_free },
	{ "sched", "sched_process_exec", exitsnoop_build_exec },
	{ "signal", "signal_generate", exitsnoop_build_generate },
	{ "signal", "signal_deliver", exitsnoop_build_deliver },
	{ "syscalls", "sys_enter_exit_group", exitsnoop_build_exit_group },
	{ "syscalls", "sys_enter_exit", exitsnoop_build_thread_exit },
	{ "task", "task_newtask", exitsnoop_build_newtask },
};

struct shape {
	size_t len;
	int calls_task;		/* bpf_get_current_task() */
	int reads_kernel;	/* bpf_probe_read_kernel() */
};

static struct shape build(int prog, const struct exitsnoop_config *cfg)
{
	static const char *const maps[] = {
		"events", "counters", "tree", "exit_groups", "exit_threads",
		"exit_signals", "births", "held",
	};
	struct tp_format *fmt = tp_format__load(programs[prog].system,
						programs[prog].event);
	struct shape s = { 0 };
	struct builder b;
	size_t i;

	ck_assert_msg(fmt != NULL, "%s:%s", programs[prog].system, programs[prog].event);
	builder__init(&b);
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		builder__map(&b, maps[i], 3 + (int)i);
	ck_assert_int_eq(programs[prog].build(&b, fmt, (void *)cfg), 0);
	ck_assert_msg(builder__finish(&b) == 0, "%s: %s", programs[prog].event, b.errmsg);
	s.len = b.len;
	for (i = 0; i < b.len; i++) {
		if (b.insns[i].code != (BPF_JMP | BPF_CALL))
			continue;
		s.calls_task |= b.insns[i].imm == BPF_FUNC_get_current_task;
		s.reads_kernel |= b.insns[i].imm == BPF_FUNC_probe_read_kernel;
	}
	builder__free(&b);
	tp_format__free(fmt);
	return s;
}

/* _i's bits: BTF, -T, -- COMMAND, -p, -x. */
START_TEST(test_every_combination)
{
	const struct exitsnoop_config cfg = {
		.features = &features,
		.offsets = _i & 1 ? &offsets : NULL,
		.threads = !!(_i & 2),
		.tree = !!(_i & 4),
		.pid = _i & 8 ? 1234 : -1,
		.failed_only = !!(_i & 16),
	};
	struct shape s;
	size_t i;

	for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		s = build((int)i, &cfg);
		/* Kernels before 5.2 take no more than 4096 in a whole program. */
		ck_assert_uint_lt(s.len, 4096);
		/* Only the exit program reads the task, and only with BTF. */
		ck_assert_int_eq(s.calls_task, i == 0 && cfg.offsets);
		ck_assert_int_eq(s.reads_kernel, i == 0 && cfg.offsets);
	}
}
END_TEST

Suite *exitsnoop_suite(void)
{
	Suite *s = suite_create("exitsnoop");
	TCase *tc = tcase_create("programs");

	/* As format_suite() does, before any test runs. */
	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });
	tcase_add_loop_test(tc, test_every_combination, 0, 32);
	suite_add_tcase(s, tc);
	return s;
}
