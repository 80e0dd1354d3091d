// SPDX-License-Identifier: GPL-2.0
/* Drop counters shared by every tool's programs. */
#include <stdlib.h>
#include "loader/bpf.h"
#include "loader/cpus.h"
#include "progs/counters.h"
#include "progs/mapcall.h"

int counters_map_create(void)
{
	return bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "counters",
			      sizeof(__u32), sizeof(__u64), NR_COUNTERS, 0);
}

void counter_emit_inc(struct builder *b, enum counter idx, int stack_off)
{
	char skip[BUILDER_NAME_MAX];

	builder__local_label(b, skip, "counter");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, stack_off, idx));
	emit_map_lookup(b, "counters", stack_off);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), skip);
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
	LABEL(b, skip);
}

__u64 counter_read(int map_fd, enum counter idx)
{
	int n = cpus_possible(), i;
	__u32 key = idx;
	__u64 *vals, sum = 0;

	if (n <= 0 || map_fd < 0)
		return 0;
	vals = calloc((size_t)n, sizeof(*vals));
	if (vals && bpf_map_lookup_elem(map_fd, &key, vals) == 0)
		for (i = 0; i < n; i++)
			sum += vals[i];
	free(vals);
	return sum;
}

const char *counter_name(enum counter idx)
{
	static const char *const names[NR_COUNTERS] = {
		[COUNTER_PAIR_FULL] = "syscall entries not kept (pairing map full, or no memory)",
		[COUNTER_TREE_FULL] = "children not followed (process-tree map full, or no memory)",
		[COUNTER_OUTPUT_FAIL] = "events not sent (perf output failed)",
		[COUNTER_COUNT_FULL] = "events not counted (counting map full, or no memory)",
		[COUNTER_BATCH_LOST] = "events lost in batches the ring had no room for",
	};

	return idx < NR_COUNTERS ? names[idx] : "unknown";
}
