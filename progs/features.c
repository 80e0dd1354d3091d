// SPDX-License-Identifier: GPL-2.0
/* Helper selection by probing, with fallbacks the caller can force. */
#include <linux/bpf.h>
#include "loader/features.h"
#include "progs/features.h"

int prog_features__probe(struct prog_features *f, unsigned int force)
{
	int has_user = 0, loops = 0;

	f->forced_read = force & PROG_FORCE_PROBE_READ;
	f->forced_unroll = force & PROG_FORCE_UNROLL;
	if (!f->forced_unroll) {
		loops = feature_probe_bounded_loops(BPF_PROG_TYPE_TRACEPOINT);
		if (loops < 0)
			return loops;
	}
	f->bounded_loops = loops > 0;
	if (!f->forced_read) {
		has_user = feature_probe_helper(BPF_PROG_TYPE_TRACEPOINT,
						BPF_FUNC_probe_read_user_str);
		if (has_user < 0)
			return has_user;
	}
	if (has_user) {
		f->read_user = BPF_FUNC_probe_read_user;
		f->read_user_str = BPF_FUNC_probe_read_user_str;
		f->read_kernel = BPF_FUNC_probe_read_kernel;
		f->read_kernel_str = BPF_FUNC_probe_read_kernel_str;
	} else {
		/* Before 5.5 one pair reads both address spaces. */
		f->read_user = f->read_kernel = BPF_FUNC_probe_read;
		f->read_user_str = f->read_kernel_str = BPF_FUNC_probe_read_str;
	}
	return 0;
}
