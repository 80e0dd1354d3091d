// SPDX-License-Identifier: GPL-2.0
/* Helper selection by probing, with fallbacks the caller can force. */
#include <errno.h>
#include <unistd.h>
#include <linux/bpf.h>
#include "asm/insn.h"
#include "loader/features.h"
#include "loader/prog.h"
#include "progs/features.h"

/*
 * Both at once, as a kernel from 5.5 has both: bpf_probe_read_user_str
 * called in a bounded loop. 1 when loaded, 0 when refused (either may be
 * missing: each is then asked alone), -EPERM without privilege.
 */
static int probe_loop_and_user_str(void)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_6, 0),
		/* loop: probe_read_user_str(r10 - 8, 8, NULL) */
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, -8),
		BPF_MOV64_IMM(BPF_REG_2, 8),
		BPF_MOV64_IMM(BPF_REG_3, 0),
		BPF_EMIT_CALL(BPF_FUNC_probe_read_user_str),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_6, 1),
		BPF_JMP_IMM(BPF_JLT, BPF_REG_6, 2, -7),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	int fd = prog_load(BPF_PROG_TYPE_TRACEPOINT, insns,
			   sizeof(insns) / sizeof(insns[0]), NULL, NULL);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return fd == -EPERM ? fd : 0;
}

int prog_features__probe(struct prog_features *f, unsigned int force)
{
	int has_user = 0, loops = 0, both = 0;

	f->forced_read = force & PROG_FORCE_PROBE_READ;
	f->forced_unroll = force & PROG_FORCE_UNROLL;
	/* One load where the kernel is new, instead of one per feature. */
	if (!f->forced_unroll && !f->forced_read) {
		both = probe_loop_and_user_str();
		if (both < 0)
			return both;
		loops = has_user = both;
	}
	if (!f->forced_unroll && !both) {
		loops = feature_probe_bounded_loops(BPF_PROG_TYPE_TRACEPOINT);
		if (loops < 0)
			return loops;
	}
	f->bounded_loops = loops > 0;
	if (!f->forced_read && !both) {
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
