// SPDX-License-Identifier: GPL-2.0
/* mountsnoop's programs, one pair per call, from one table. */
#include <errno.h>
#include <string.h>
#include "progs/counters.h"
#include "progs/field.h"
#include "progs/frame.h"
#include "progs/record.h"
#include "progs/kernel_offsets.h"
#include "progs/memread.h"
#include "progs/mountsnoop.h"
#include "progs/mapcall.h"
#include "progs/exit.h"

#define EV(field) ((__s16)offsetof(struct mountsnoop_event, field))
#define STR_AREA ((int)sizeof(((struct mountsnoop_event *)0)->str))

/* The stack frame. */
struct mountsnoop_frame {
	__u64 ptr;			/* exit: what each kernel read brings in */
	__u32 counter;
	__u32 tree;
	__u32 zero;			/* exit: the scratch map's key */
	__u32 key;			/* the tid */
	struct mountsnoop_pending pending;	/* entry */
};

FRAME_FITS(struct mountsnoop_frame);
#define SLOT(member)	FRAME_SLOT(struct mountsnoop_frame, member)

/* No uid; the comm follows the arguments, written apart. */
static const struct record_who who = {
	EV(time_ns), EV(pid), EV(tid), RECORD_NONE, RECORD_NONE,
};

const struct mountsnoop_call_desc mountsnoop_calls[NR_MOUNT_CALLS] = {
	[MOUNT_CALL_MOUNT] = { "mount",
		{ "dev_name", "dir_name", "type", "flags", "data" },
		{ MARG_STR, MARG_STR, MARG_STR, MARG_MS_FLAGS, MARG_STR } },
	[MOUNT_CALL_UMOUNT] = { "umount", { "name", "flags" },
		{ MARG_STR, MARG_UMOUNT_FLAGS } },
	[MOUNT_CALL_FSOPEN] = { "fsopen", { "_fs_name", "flags" },
		{ MARG_STR, MARG_FSOPEN_FLAGS } },
	[MOUNT_CALL_FSCONFIG] = { "fsconfig",
		{ "fd", "cmd", "_key", "_value", "aux" },
		{ MARG_FD, MARG_FSCONFIG_CMD, MARG_STR, MARG_STR, MARG_INT } },
	[MOUNT_CALL_FSMOUNT] = { "fsmount", { "fs_fd", "flags", "attr_flags" },
		{ MARG_FD, MARG_FSMOUNT_FLAGS, MARG_MOUNT_ATTR } },
	[MOUNT_CALL_MOVE_MOUNT] = { "move_mount",
		{ "from_dfd", "from_pathname", "to_dfd", "to_pathname", "flags" },
		{ MARG_DFD, MARG_STR, MARG_DFD, MARG_STR, MARG_MOVE_MOUNT_FLAGS } },
	[MOUNT_CALL_FSPICK] = { "fspick", { "dfd", "path", "flags" },
		{ MARG_DFD, MARG_STR, MARG_FSPICK_FLAGS } },
	[MOUNT_CALL_OPEN_TREE] = { "open_tree", { "dfd", "filename", "flags" },
		{ MARG_DFD, MARG_STR, MARG_OPEN_TREE_FLAGS } },
};

int mountsnoop_offsets__from_btf(struct mountsnoop_offsets *o,
				 const struct btf *btf, char *what, size_t len)
{
	const struct kernel_member members[] = {
		{ "task_struct", "nsproxy", 8, &o->task_nsproxy, BTF_KIND_PTR },
		{ "nsproxy", "mnt_ns", 8, &o->nsproxy_mnt_ns, BTF_KIND_PTR },
		{ "mnt_namespace", "ns.inum", 4, &o->mnt_ns_inum, BTF_KIND_INT },
	};

	return kernel_members_resolve(btf, members,
				      sizeof(members) / sizeof(members[0]), what, len);
}

/* The call "sys_enter_<call>" or "sys_exit_<call>" is for; fails b if none. */
static int call_of(struct builder *b, const struct tp_format *fmt)
{
	const char *name = fmt->name;
	int i;

	if (!strncmp(name, "sys_enter_", 10))
		name += 10;
	else if (!strncmp(name, "sys_exit_", 9))
		name += 9;
	for (i = 0; i < NR_MOUNT_CALLS; i++)
		if (!strcmp(name, mountsnoop_calls[i].name))
			return i;
	builder__fail(b, -EINVAL, "mountsnoop has no program for %s:%s",
		      fmt->system, fmt->name);
	return -1;
}

int mountsnoop_build_enter(struct builder *b, const struct tp_format *fmt,
			   void *arg)
{
	const struct mountsnoop_config *cfg = arg;
	int call = call_of(b, fmt), i;
	const struct mountsnoop_call_desc *d;

	if (call < 0)
		return -EINVAL;
	d = &mountsnoop_calls[call];
	EMIT(b, BPF_MOV64_REG(BPF_REG_6, BPF_REG_1));
	task_filter_emit(b, &cfg->who, "out", SLOT(tree));
	record_emit_key(b, SLOT(key));

	/* mounts[tid] = the arguments as passed, unused ones 0 */
	for (i = 0; i < MOUNTSNOOP_ARGS; i++) {
		__s16 slot = SLOT(pending.args[i]);

		if (d->kinds[i] == MARG_NONE) {
			EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_10, slot, 0));
			continue;
		}
		emit_load_field(b, BPF_REG_1, BPF_REG_6, fmt, d->fields[i]);
		EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, slot));
	}
	record_emit_keep(b, "mounts", SLOT(key), SLOT(pending), SLOT(counter));

	exit_emit_out(b);
	return 0;
}

/*
 * Emit: *(u64 *)(r10 + SLOT(ptr)) = *(u64 *)(r3 + off) read from the
 * kernel, or goto fail. r3 holds the base; uses r0-r3.
 */
static void emit_read_ptr(struct builder *b, const struct prog_features *f,
			  __u32 off, int size, const char *fail)
{
	EMIT(b, BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, (__s32)off));
	emit_probe_read_r3(b, f->read_kernel, BPF_REG_10, SLOT(ptr), size);
	JUMP(b, BPF_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0), fail);
	EMIT(b, BPF_LDX_MEM(size == 8 ? BPF_DW : BPF_W, BPF_REG_3, BPF_REG_10,
			    SLOT(ptr)));
}

/* Emit: the record's mnt_ns = current->nsproxy->mnt_ns->ns.inum, or 0. */
static void emit_mnt_ns(struct builder *b, const struct mountsnoop_config *cfg)
{
	const struct mountsnoop_offsets *o = cfg->offsets;

	EMIT(b, BPF_ST_MEM(BPF_DW, BPF_REG_9, EV(mnt_ns), 0));
	if (!o)
		return;
	/* Each pointer may be gone under an exiting task: check them all. */
	EMIT(b, BPF_EMIT_CALL(BPF_FUNC_get_current_task),
	     BPF_MOV64_REG(BPF_REG_3, BPF_REG_0));
	emit_read_ptr(b, cfg->features, o->task_nsproxy, 8, "ns_done");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "ns_done");
	emit_read_ptr(b, cfg->features, o->nsproxy_mnt_ns, 8, "ns_done");
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0), "ns_done");
	emit_read_ptr(b, cfg->features, o->mnt_ns_inum, 4, "ns_done");
	EMIT(b, BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_3, EV(mnt_ns)));
	LABEL(b, "ns_done");
}

/*
 * Emit: append string args[i] to the record's str at r8, and r8 += its
 * length with the NUL; an unreadable one adds a lone NUL and its bit.
 */
static void emit_read_str(struct builder *b, const struct mountsnoop_config *cfg,
			  int i)
{
	char ok[BUILDER_NAME_MAX], empty[BUILDER_NAME_MAX];

	builder__local_label(b, ok, "str");
	builder__local_label(b, empty, "empty");
	/* Never true (each string takes at most its share); the verifier must see it. */
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_8, STR_AREA - MOUNTSNOOP_STR_MAX, 0),
	     "send");
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, EV(str)),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_8),
	     BPF_MOV64_IMM(BPF_REG_2, MOUNTSNOOP_STR_MAX),
	     BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_7, (__s16)(8 * i)),
	     BPF_EMIT_CALL(cfg->features->read_user_str));
	JUMP(b, BPF_JMP_IMM(BPF_JSGT, BPF_REG_0, 0, 0), ok);
	/* Before 6.4 an empty string gives 0, its NUL uncounted. */
	JUMP(b, BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0), empty);
	EMIT(b, BPF_LDX_MEM(BPF_W, BPF_REG_1, BPF_REG_9, EV(unreadable)),
	     BPF_ALU32_IMM(BPF_OR, BPF_REG_1, 1 << i),
	     BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_1, EV(unreadable)));
	LABEL(b, empty);
	EMIT(b, BPF_MOV64_REG(BPF_REG_1, BPF_REG_9),
	     BPF_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_8),
	     BPF_ST_MEM(BPF_B, BPF_REG_1, EV(str), 0),
	     BPF_MOV64_IMM(BPF_REG_0, 1));
	LABEL(b, ok);
	JUMP(b, BPF_JMP_IMM(BPF_JGT, BPF_REG_0, MOUNTSNOOP_STR_MAX, 0), "forget");
	EMIT(b, BPF_ALU64_REG(BPF_ADD, BPF_REG_8, BPF_REG_0));
}

int mountsnoop_build_exit(struct builder *b, const struct tp_format *fmt,
			  void *arg)
{
	const struct mountsnoop_config *cfg = arg;
	int call = call_of(b, fmt), i;

	if (call < 0)
		return -EINVAL;
	/* r7 = mounts[tid], or nothing to do; r8 = the result */
	record_emit_result(b, fmt, "mounts", SLOT(key), cfg->failed_only);

	/* r9 = this CPU's record */
	emit_map_only(b, "mount_scratch", BPF_REG_9, SLOT(zero), "forget");

	/* the record: when, who, which call, its arguments and result */
	record_emit_who(b, BPF_REG_9, &who);
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, EV(ret)),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(call), call),
	     BPF_ST_MEM(BPF_W, BPF_REG_9, EV(unreadable), 0));
	for (i = 0; i < MOUNTSNOOP_ARGS; i++)
		EMIT(b, BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_7, (__s16)(8 * i)),
		     BPF_STX_MEM(BPF_DW, BPF_REG_9, BPF_REG_1,
				 (__s16)(EV(args) + 8 * i)));
	record_emit_comm(b, BPF_REG_9, EV(comm));
	emit_mnt_ns(b, cfg);

	/* the strings, packed; r8 = bytes of them */
	EMIT(b, BPF_MOV64_IMM(BPF_REG_8, 0));
	for (i = 0; i < MOUNTSNOOP_ARGS; i++)
		if (mountsnoop_calls[call].kinds[i] == MARG_STR)
			emit_read_str(b, cfg, i);

	/* send the record cut after the strings */
	LABEL(b, "send");
	EMIT(b, BPF_STX_MEM(BPF_W, BPF_REG_9, BPF_REG_8, EV(str_len)),
	     BPF_MOV64_REG(BPF_REG_5, BPF_REG_8),
	     BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, EV(str)),
	     BPF_MOV64_REG(BPF_REG_4, BPF_REG_9));
	record_emit_output(b, BPF_REG_6, SLOT(counter));

	/* always: mounts[tid] goes */
	record_emit_done(b, "mounts", SLOT(key));
	return 0;
}

/*
 * Exits first, so no entry is kept that no exit will remove. Program
 * names are cut at 15 bytes: hence "move_mnt".
 */
#define PAIR(name, call, flags) \
	{ name "_exit", "syscalls", "sys_exit_" call, mountsnoop_build_exit, flags }, \
	{ name "_enter", "syscalls", "sys_enter_" call, mountsnoop_build_enter, flags }

const struct probe mountsnoop_probes[] = {
	PAIR("mount", "mount", 0),
	PAIR("umount", "umount", 0),
	/* The fd-based mount API, 5.2 */
	PAIR("fsopen", "fsopen", PROBE_OPTIONAL),
	PAIR("fsconfig", "fsconfig", PROBE_OPTIONAL),
	PAIR("fsmount", "fsmount", PROBE_OPTIONAL),
	PAIR("move_mnt", "move_mount", PROBE_OPTIONAL),
	PAIR("fspick", "fspick", PROBE_OPTIONAL),
	PAIR("open_tree", "open_tree", PROBE_OPTIONAL),
};
