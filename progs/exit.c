// SPDX-License-Identifier: GPL-2.0
/* How every program ends (progs/exit.h). */
#include "asm/insn.h"
#include "progs/exit.h"

void exit_emit_return(struct builder *b)
{
	EMIT(b, BPF_MOV64_IMM(BPF_REG_0, 0),
	     BPF_EXIT_INSN());
}

void exit_emit_out(struct builder *b)
{
	LABEL(b, "out");
	exit_emit_return(b);
}
