// SPDX-License-Identifier: GPL-2.0
/* buildtrace's exec programs and the argument chunks: progs/buildtrace.h. */
#include "progs/buildtrace/emit.h"
#include "progs/execimage.h"
#include "progs/exit.h"
#include "progs/mapcall.h"
#include "progs/memread.h"
#include "progs/record.h"

/*
 * sched:sched_prepare_exec (6.10+): the exec will happen, and the
 * caller's memory is still there, its strings just read by the kernel.
 */
int buildtrace_build_prepare_exec(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	const struct buildtrace_config *cfg = arg;
	int i;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	record_emit_key(b, SLOT(key));
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_0, SLOT(ptr)));
	bt_emit_lookup(b, "pending", SLOT(key), "out");
	for (i = 0; i < 7; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_0, 8 * i),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(pend) + 8 * i));
	emit_map_delete(b, "pending", SLOT(key));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(pend.ope)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_OPE_EXEC));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");

	/* A thread other than the leader goes on under the leader's tid. */
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(ptr)),
	     BPF_MOV32_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_RSH, BPF_REG_1, 32));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "leader");
	emit_map_delete(b, "tree", SLOT(key));
	LABEL(b, "leader");

	bt_emit_exec_start(b, cfg, 0, "out");
	bt_emit_argv_tail_call(b);
	exit_emit_out(b);
	return 0;
}

_Static_assert(sizeof(struct bt_pending) == 7 * 8, "bt_pending is copied as 7 u64");

/*
 * sched:sched_process_exec, before 6.10: an exec read at entry
 * succeeded. ctx[1] is the tid that called it. What entry could not
 * read (BT_PEND_UNREAD) the exec's return reads from the new image:
 * pending[the tid now] says so to sys_exit.
 */
int buildtrace_build_process_exec(struct builder *b,
				  const struct tp_format *fmt, void *arg)
{
	int i;

	(void)fmt;
	(void)arg;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_6, RAW_ARG(1)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(key)));
	bt_emit_lookup(b, "pending", SLOT(key), "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(ope)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(pend.ope)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_0, PEND(flags)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(pend.flags)));
	emit_map_delete(b, "pending", SLOT(key));
	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_EXEC_DONE, 0, sizeof(struct bt_exec_done));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(key)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1,
			 (__s16)offsetof(struct bt_exec_done, old_tid)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8,
			(__s16)offsetof(struct bt_exec_done, reserved), 0));
	bt_emit_record_end(b, -1, sizeof(struct bt_exec_done));

	/* pending[tid] = { ope, BT_PEND_IMAGE }, for the return to read */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_10, SLOT(pend.flags)),
	     BPF_ALU32_IMM(BPF_AND, BPF_REG_1, BT_PEND_UNREAD));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "image_done");
	EMIT(b, BPF_ST_MEM(BPF_W, BPF_REG_10, SLOT(pend.flags), BT_PEND_IMAGE));
	for (i = 0; i < 6; i++)
		EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(pend.args[i]), 0));
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(tid)),
	     BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, SLOT(task)));
	emit_map_update(b, "pending", SLOT(task), SLOT(pend), BPF_ANY);
	LABEL(b, "image_done");

	/* the caller's tid is gone if it was not the leader's */
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, HEAD(tid)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_10, SLOT(key)));
	JUMP(b, BPF_JMP_REG(BPF_JEQ, BPF_REG_1, BPF_REG_2, 0), "out");
	emit_map_delete(b, "tree", SLOT(key));
	exit_emit_out(b);
	return 0;
}

/*
 * Emit, after a string read failed in the chunk at r8: the chunk ends
 * there, flagged, and an exec read at entry is read again at its return.
 */
static void emit_unreadable(struct builder *b, const struct buildtrace_config *cfg)
{
	LABEL(b, "unreadable");
	bt_emit_set_flags(b, BT_ARGV_UNREADABLE | BT_ARGV_LAST);
	if (!cfg->prepare_exec)
		bt_emit_pending_unread(b);
}

/*
 * Emit, the environment read whole from the new image's stack, its
 * NULL's address at SLOT(nr): BT_EXEC_FILE with the AT_EXECFN string of
 * the auxiliary vector that follows. Nothing when the vector has none.
 */
static void emit_exec_file(struct builder *b, const struct buildtrace_config *cfg)
{
	const int word = (int)cfg->sysargs->word;
	const int size = word == 8 ? BPF_DW : BPF_W;
	const int data = sizeof(struct bt_exec_file);
	char next[BUILDER_NAME_MAX];
	int k;

	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_EXEC_FILE, 0, 0);
	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_8, EF(filename_len), 0));
	/*
	 * The pairs one at a time: past the vector the kernel leaves a gap
	 * of up to 8 KiB (arch_align_stack) that it never touched, and a
	 * read running into it would fail.
	 */
	for (k = 0; k < BT_AUXV_PAIRS; k++) {
		builder__local_label(b, next, "auxv");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(nr)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (2 * k + 1) * word));
		emit_probe_read_r3(b, cfg->features->read_user, BPF_REG_8, data,
				   2 * word);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "out");
		EMIT(b, BPF_LDX_MEM(size, BPF_REG_1, BPF_REG_8, data));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, EXEC_IMAGE_AT_EXECFN, 0), next);
		EMIT(b, BPF_LDX_MEM(size, BPF_REG_3, BPF_REG_8, data + word));
		JUMP(b, BPF_JMP_A(0), "execfn");
		LABEL(b, next);
	}
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "execfn");
	emit_probe_read_r3(b, cfg->features->read_user_str, BPF_REG_8, data,
			   BT_PATH_MAX);
	JUMP(b, BPF_JMP_IMM(BPF_JSLE, BPF_REG_0, 1, 0), "out");
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, BT_PATH_MAX, 0), "out");
	EMIT(b, BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_0, EF(filename_len)),
	     BPF_MOV64_REG(BPF_REG_5, BPF_REG_0),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, data),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_5, HEAD(size)));
	bt_emit_record_end(b, BPF_REG_5, 0);
}

/*
 * Emit, a vector's last chunk sent (argv_state at r9, the chunk at r8):
 * after argv the environment, when asked for and when chunks are left:
 * the caller's envp, or, from the new image, the word past argv's NULL;
 * after the new image's environment, the file it ran.
 */
static void emit_next_vector(struct builder *b, const struct buildtrace_config *cfg)
{
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_9, AS(type)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, BT_ENV, 0), "env_done");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_2, BPF_REG_9, AS(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, BT_ARGV_IMAGE));
	if (!cfg->env)
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, AS(chunks)));
	JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1, BT_ARGV_MAX_CHUNKS, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, AS(envp)));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0), "env_next");
	/* the new image's: argv must have ended at its NULL */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_TRUNCATED | BT_ARGV_UNREADABLE));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, SLOT(nr)),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, (int)cfg->sysargs->word));
	LABEL(b, "env_next");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1, AS(argv)),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, AS(index), 0),
	     BPF_ST_MEM(BPF_H, BPF_REG_9, AS(type), BT_ENV));
	bt_emit_argv_tail_call(b);
	JUMP(b, BPF_JMP_A(0), "out");

	LABEL(b, "env_done");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_9, AS(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_IMAGE));
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "out");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_TRUNCATED | BT_ARGV_UNREADABLE));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "out");
	emit_exec_file(b, cfg);
}

/*
 * The argument chunk program, tail-called with "argv_state" set: read
 * up to BT_ARGV_CHUNK_ARGS strings into one chunk, and call itself for
 * the rest. Unrolled, so it needs no bounded loops (5.3).
 */
int buildtrace_build_argv(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct buildtrace_config *cfg = arg;
	const int word = (int)cfg->sysargs->word;
	const int chunk = BT_ARGV_CHUNK_BYTES;
	char fits[BUILDER_NAME_MAX], cut[BUILDER_NAME_MAX];
	char counted[BUILDER_NAME_MAX];
	int k;

	(void)fmt;
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	bt_emit_record_begin(b, "out");
	bt_emit_head(b, BT_ARGV, 0, 0);
	bt_emit_only(b, BPF_REG_9, "argv_state", "out");
	/* the vector's type (BT_ARGV, BT_ENV) and where it was read */
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_9, AS(type)),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(type)),
	     BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_9, AS(flags)),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)),
	     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(nr), 0),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_9, AS(argv)),
	     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, SLOT(task)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, AS(index)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_2, AV(index)),
	     BPF_ST_MEM(BPF_W, BPF_REG_8, AV(count), 0),
	     BPF_MOV64_IMM(BPF_REG_9, 0));
	/* execve(path, NULL, NULL) passes empty vectors */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), "last");

	for (k = 0; k < BT_ARGV_CHUNK_ARGS; k++) {
		builder__local_label(b, fits, "fits");
		builder__local_label(b, cut, "cut");
		builder__local_label(b, counted, "counted");
		/* past the most kept: the rest is cut */
		EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(index)),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, k));
		JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_1,
				    BT_ARGV_MAX_CHUNKS * BT_ARGV_CHUNK_ARGS, 0),
		     "too_many");
		/* r3 = argv[index + k], from the caller */
		EMIT(b, BPF_ALU64_IMM(BPF_MUL, BPF_REG_1, word),
		     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(task)),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_1),
		     BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_3, SLOT(nr)),
		     BPF_ST_MEM(BPF_DW, BPF_REG_10, SLOT(ptr), 0));
		emit_probe_read_r3(b, cfg->features->read_user, BPF_REG_10,
				   SLOT(ptr), word);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), "unreadable");
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_10, SLOT(ptr)));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "last");
		/* the string into what room is left */
		JUMP(b, BPF_JMP_IMM(BPF_JGE, BPF_REG_9, chunk, 0), "send");
		EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_8),
		     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, sizeof(struct bt_argv)),
		     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_9),
		     BPF_MOV64_IMM(BPF_REG_2, chunk),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_2, BPF_REG_9),
		     BPF_EMIT_CALL(cfg->features->read_user_str));
		JUMP(b, BPF_JMP_IMM(BPF_JSLT, BPF_REG_0, 0, 0), "unreadable");
		JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, chunk, 0), "unreadable");
		bt_emit_count_empty(b, sizeof(struct bt_argv), counted);
		/*
		 * It filled the room: it may go on. Behind others it waits
		 * for the next chunk; alone, a byte past the room says.
		 */
		EMIT(b, BPF_MOV64_IMM(BPF_REG_1, chunk),
		     BPF_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_9));
		JUMP(b, BPF_JMP_REG(BPF_JNE, BPF_REG_0, BPF_REG_1, 0), fits);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_9, 0, 0), "send");
		emit_probe_read_past(b, cfg->features->read_user, SLOT(peek),
				     SLOT(ptr), chunk);
		JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), cut);
		EMIT(b, BPF_LDX_MEM(BPF_B, BPF_REG_1, BPF_REG_10, SLOT(peek)),
		     BPF_MOV64_IMM(BPF_REG_0, chunk));
		JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0), fits);
		LABEL(b, cut);
		bt_emit_set_flags(b, BT_ARGV_TRUNCATED);
		EMIT(b, BPF_MOV64_IMM(BPF_REG_0, chunk));
		/* counted */
		LABEL(b, fits);
		EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_9, BPF_REG_0),
		     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(count)),
		     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
		     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_1, AV(count)));
	}
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "too_many");
	bt_emit_set_flags(b, BT_ARGV_TRUNCATED | BT_ARGV_LAST);
	JUMP(b, BPF_JMP_A(0), "send");
	emit_unreadable(b, cfg);
	JUMP(b, BPF_JMP_A(0), "send");
	LABEL(b, "last");
	bt_emit_set_flags(b, BT_ARGV_LAST);

	/* the record, then the state: on past this chunk; the last allowed ends it */
	LABEL(b, "send");
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_9, sizeof(struct bt_argv)),
	     BPF_STX_MEM(BPF_W, BPF_REG_8, BPF_REG_9, HEAD(size)));
	bt_emit_only(b, BPF_REG_9, "argv_state", "out");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_8, AV(count)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_2, BPF_REG_9, AS(index)),
	     BPF_ALU32_REG(BPF_ADD, BPF_REG_2, BPF_REG_1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_2, AS(index)),
	     BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, AS(chunks)),
	     BPF_ALU32_IMM(BPF_ADD, BPF_REG_1, 1),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, AS(chunks)));
	JUMP(b, BPF_JMP_IMM(BPF_JLT, BPF_REG_1, BT_ARGV_MAX_CHUNKS, 0), "sized");
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_MOV64_REG(BPF_REG_2, BPF_REG_1),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_2, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_2, 0, 0), "sized");
	EMIT(b, BPF_ALU32_IMM(BPF_OR, BPF_REG_1, BT_ARGV_TRUNCATED | BT_ARGV_LAST),
	     BPF_STX_MEM(BPF_H, BPF_REG_8, BPF_REG_1, HEAD(flags)));
	LABEL(b, "sized");
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, HEAD(size)));
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_9, BT_RECORD_ROOM, 0), "out");
	bt_emit_record_end(b, BPF_REG_9, 0);
	EMIT(b, BPF_LDX_MEM(BPF_H, BPF_REG_1, BPF_REG_8, HEAD(flags)),
	     BPF_ALU64_IMM(BPF_AND, BPF_REG_1, BT_ARGV_LAST));
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0), "vector_done");
	bt_emit_argv_tail_call(b);
	JUMP(b, BPF_JMP_A(0), "out");
	LABEL(b, "vector_done");
	bt_emit_only(b, BPF_REG_9, "argv_state", "out");
	emit_next_vector(b, cfg);
	exit_emit_out(b);
	return 0;
}

/* Loaded, not attached: sys_enter's exec tail-calls it through "argv_prog". */
const struct probe buildtrace_argv_probe = {
	"bt_argv", "raw_syscalls", "sys_enter", buildtrace_build_argv, PROBE_RAW,
};
