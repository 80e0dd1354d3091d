/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sofdsnoop: file descriptors passed over Unix sockets, as SCM_RIGHTS
 * control messages of sendmsg, sendmmsg, recvmsg and recvmmsg. The
 * descriptors are read from the caller's own control buffer: a sender's
 * at entry, as it hands them over; a receiver's at exit, once the kernel
 * has installed them and written their numbers there.
 *
 *	send entry	on to emit, to collect the message(s)' SCM_RIGHTS
 *			fds; kept in "sofds" by thread id when there are any
 *	send exit	failed: dropped; else the fds of the messages sent
 *			go to the per-CPU state, and on to emit
 *	recv entry	keep where the message(s) are
 *	recv exit	failed: dropped; else on to emit, to collect, then
 *			send
 *	emit		collect first, when told to; then one record per
 *			descriptor, by a tail call per descriptor: each
 *			names its file in the kernel with the walk of
 *			progs/pathwalk.h where BTF gives the offsets (the
 *			walk's labels allow one per program)
 *
 * Collecting is a loop of SOFD_ROUNDS that the verifier walks round by
 * round, some 6,000 instructions: in emit alone, it is verified once,
 * not once in each program that collects. Unrolled (before 5.3), emit
 * is some 2,400 instructions without the walk, within the 4,096 that
 * kernels before 5.2 take; the walk needs BTF in sysfs (5.4).
 *
 * The entry is removed at every exit, before the tail calls, so none is
 * left behind. A call whose fds do not all fit (more than SOFD_MAX_FDS,
 * or control messages past SOFD_ROUNDS) says so in its first record.
 */
#ifndef BAREBPF_PROGS_SOFDSNOOP_H
#define BAREBPF_PROGS_SOFDSNOOP_H

#include <stddef.h>
#include <linux/types.h>
#include "asm/builder.h"
#include "loader/format.h"
#include "progs/features.h"
#include "progs/pathwalk.h"
#include "progs/probe.h"
#include "progs/taskfilter.h"

#define SOFD_COMM_LEN	16
#define SOFD_MAX_FDS	32	/* per call: one tail call each (the kernel allows 32) */
#define SOFD_MAX_MSGS	8	/* messages of a sendmmsg or recvmmsg looked at */
#define SOFD_ROUNDS	24	/* messages begun plus control messages read */
#define SOFD_IN_FLIGHT	4096	/* calls between entry and exit */

enum sofd_action {
	SOFD_SEND,
	SOFD_RECV,
};

/* A call between entry and exit ("sofds" map value). */
struct sofdsnoop_pending {
	__u64 msgs;		/* the caller's struct msghdr, or mmsghdr array */
	__u32 nr_msgs;		/* to read: 1, or the vector's length (cut) */
	__u32 mmsg;		/* msgs is a struct mmsghdr array */
	__s32 sock_fd;
	__u32 action;		/* enum sofd_action */
	__u32 nr_fds;		/* in fds */
	__u32 msg;		/* collecting: messages begun */
	__u32 cut;		/* fds passed past the SOFD_MAX_FDS kept */
	__u32 unread;		/* control messages left unread: SOFD_ROUNDS spent */
	__u8 msg_end[SOFD_MAX_MSGS];	/* nr_fds once message m was read */
	__s32 fds[SOFD_MAX_FDS];
};

_Static_assert(offsetof(struct sofdsnoop_pending, msg_end) == 40, "sofdsnoop_pending layout");
_Static_assert(sizeof(struct sofdsnoop_pending) == 176, "sofdsnoop_pending layout");

struct sofdsnoop_event {
	__u64 time_ns;		/* bpf_ktime_get_ns() at the call's exit */
	__u32 pid;
	__u32 tid;
	__u32 action;		/* enum sofd_action */
	__s32 sock_fd;
	__s32 fd;		/* the sender's, or the receiver's new one */
	__u32 name_len;		/* bytes of names after the header */
	__u32 name_state;	/* enum pathwalk_state */
	/* The call's first record: what was not shown (struct sofdsnoop_pending's). */
	__u32 cut;
	__u32 unread;
	char comm[SOFD_COMM_LEN];
	char names[PATHWALK_MAX];	/* the file's names, leaf first */
};

_Static_assert(offsetof(struct sofdsnoop_event, name_len) == 28, "sofdsnoop_event layout");
_Static_assert(offsetof(struct sofdsnoop_event, comm) == 44, "sofdsnoop_event layout");
_Static_assert(offsetof(struct sofdsnoop_event, names) == 60, "sofdsnoop_event layout");

/* The per-CPU state a call's exit hands to emit ("sofd_scratch"). */
struct sofdsnoop_scratch {
	struct sofdsnoop_event ev;
	struct sofdsnoop_pending call;
	/*
	 * Room past fds: a read of up to SOFD_MAX_FDS fds at any index below
	 * SOFD_MAX_FDS stays in the value, as the verifier must see.
	 */
	__s32 room[SOFD_MAX_FDS];
	__u64 cmsg, cend;	/* collect: the next control message, and the end */
	__u32 next;		/* emit: the next fd */
	__u32 then;		/* emit: enum sofd_then */
};

/* What emit does first, for the program that tail-called it. */
enum sofd_then {
	SOFD_SEND_FDS,		/* send the fds collected */
	SOFD_COLLECT_KEEP,	/* a send's entry: collect, keep in "sofds" */
	SOFD_COLLECT_SEND,	/* a receive's exit: collect, send */
};

struct sofdsnoop_config {
	const struct prog_features *features;
	struct task_filter who;	/* -p, -t, -- COMMAND */
	/* Name files in the kernel, or NULL: /proc when printed. */
	const struct pathwalk_offsets *walk;
};

/*
 * Programs; cfg is a struct sofdsnoop_config. Maps: "events",
 * "counters", "tree" (with cfg->who.tree), "sofds" (hash u32 tid ->
 * struct sofdsnoop_pending), "sofd_scratch" (per-CPU array of one
 * struct sofdsnoop_scratch) and "sofd_emit" (program array of one:
 * sofdsnoop_emit_probe's program). The entry and exit programs serve
 * the call and its mmsg sibling alike.
 */
int sofdsnoop_build_send(struct builder *b, const struct tp_format *fmt, void *cfg);
int sofdsnoop_build_send_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int sofdsnoop_build_recv(struct builder *b, const struct tp_format *fmt, void *cfg);
int sofdsnoop_build_recv_exit(struct builder *b, const struct tp_format *fmt, void *cfg);
int sofdsnoop_build_emit(struct builder *b, const struct tp_format *fmt, void *cfg);

/* Exits first, then entries; the mmsg calls and recvmmsg_time64 optional. */
extern const struct probe sofdsnoop_probes[10];
/* The emit program, loaded for "sofd_emit" (its event gives no field). */
extern const struct probe sofdsnoop_emit_probe;

#endif /* BAREBPF_PROGS_SOFDSNOOP_H */
