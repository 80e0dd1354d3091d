// SPDX-License-Identifier: GPL-2.0
/* The map helpers on stack-kept keys and values (progs/mapcall.h). */
#include <linux/bpf.h>
#include "asm/insn.h"
#include "progs/mapcall.h"

void emit_map_lookup(struct builder *b, const char *map, int key)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, key));
	LD_MAP(b, BPF_REG_1, map);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_lookup_elem));
}

void emit_map_update(struct builder *b, const char *map, int key, int value,
		     int flags)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, key),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, value),
	     BPF_MOV64_IMM(BPF_REG_4, flags));
	LD_MAP(b, BPF_REG_1, map);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_update_elem));
}

void emit_map_only(struct builder *b, const char *map, int dst, int zero,
		   const char *miss)
{
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, zero, 0));
	emit_map_lookup(b, map, zero);
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), miss);
	EMIT(b, BPF_MOV64_REG(dst, BPF_REG_0));
}

void emit_map_delete(struct builder *b, const char *map, int key)
{
	EMIT(b, BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, key));
	LD_MAP(b, BPF_REG_1, map);
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_map_delete_elem));
}
