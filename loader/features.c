// SPDX-License-Identifier: GPL-2.0
/* Feature probes: load a minimal program and read the verifier's answer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm/insn.h"
#include "loader/features.h"
#include "loader/prog.h"

int feature_probe_helper(enum bpf_prog_type type, int helper)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_1, 0),
		BPF_MOV64_IMM(BPF_REG_2, 0),
		BPF_MOV64_IMM(BPF_REG_3, 0),
		BPF_MOV64_IMM(BPF_REG_4, 0),
		BPF_MOV64_IMM(BPF_REG_5, 0),
		BPF_EMIT_CALL(helper),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	char *log = NULL;
	int fd, ret;

	fd = prog_load(type, insns, sizeof(insns) / sizeof(insns[0]), NULL, 1,
		       &log);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	if (fd == -EPERM) {
		free(log);
		return fd;
	}
	/*
	 * Zero arguments fail most helpers' argument checks; that still
	 * proves the helper exists. Only these messages say it does not.
	 */
	ret = !(log && (strstr(log, "invalid func ") ||
			strstr(log, "unknown func ") ||
			strstr(log, "program of this type cannot use helper")));
	free(log);
	return ret;
}

int feature_probe_bounded_loops(enum bpf_prog_type type)
{
	/* r0 counts to 4 by a back edge: refused before 5.3. */
	const struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, 1),
		BPF_JMP_IMM(BPF_JLT, BPF_REG_0, 4, -2),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	char *log = NULL;
	int fd;

	fd = prog_load(type, insns, sizeof(insns) / sizeof(insns[0]), NULL, 1,
		       &log);
	free(log);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return fd == -EPERM ? fd : 0;
}
