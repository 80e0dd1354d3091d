/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a checked script compiles to: its maps, the formats its printf
 * and time calls send, and one program per attach point. The checker
 * (sema) fills it, the code generator writes the programs, the runner
 * loads them and the printers read the maps back with it.
 */
#ifndef BAREBPF_TRACE_PROGRAM_H
#define BAREBPF_TRACE_PROGRAM_H

#include <stdbool.h>
#include <linux/bpf.h>
#include "loader/format.h"
#include "progs/features.h"
#include "tools/trace/ast.h"
#include "tools/trace/diag.h"

#define TRACE_KEYS_MAX		8
#define TRACE_ARGS_MAX		16	/* printf arguments */
#define TRACE_STRLEN		64	/* str()'s buffer, as bpftrace's default */
#define TRACE_COMM_LEN		16
#define TRACE_MAP_ENTRIES	4096	/* bpftrace's default map size */
#define TRACE_STACK_DEPTH	127	/* frames kstack and ustack keep */
#define TRACE_STACK_ENTRIES	4096
#define TRACE_FRAME_MAX		512	/* BPF's stack */
#define TRACE_VARS_MAX		64
#define TRACE_UNROLL_MAX	1000	/* rounds of a for loop unrolled */
#define TRACE_HIST_BUCKETS	66	/* (..., 0), [0], [1], then 2^0 .. 2^63 */
/* join(): strings of an array, as many and as long as bpftrace's */
#define TRACE_JOIN_ARGS		16
#define TRACE_JOIN_ARGSIZE	1024
#define TRACE_JOIN_SIZE		(8 + TRACE_JOIN_ARGS * TRACE_JOIN_ARGSIZE)

/* A map, as the script names it. */
struct trace_map {
	const char *name;	/* "@x", "@" */
	char bname[16];		/* the kernel's and the builder's: "AT_x" */
	int line, col;		/* first use */
	struct type keys[TRACE_KEYS_MAX];
	int nr_keys;		/* 0: @x alone (one u64 0 key) */
	bool keys_known;
	unsigned int key_size;	/* the script's key; hist adds a u64 bucket */
	struct type value;	/* TY_NONE until assigned */
	unsigned int value_size;	/* per CPU */
	bool percpu;
	/*
	 * No keys: an array of one entry, or of hist's buckets (the u32
	 * key is the bucket), made at once where a hash table of
	 * TRACE_MAP_ENTRIES takes milliseconds to preallocate.
	 */
	bool array;
	unsigned int max_entries;
	__u32 flags;		/* BPF_F_NO_PREALLOC where the kernel takes it */
	int fd;
};

/* The record every event starts with. */
struct trace_record {
	__u32 kind;		/* enum record_kind */
	__u32 index;		/* the format or map it is for */
};

enum record_kind {
	REC_PRINTF = 1,		/* then the arguments, at the format's offsets */
	REC_EXIT,		/* then the exit code, s64 */
	REC_PRINT,		/* print(@map, top, div): u64 top, u64 div */
	REC_CLEAR,
	REC_ZERO,
	REC_TIME,		/* time(fmt) */
	REC_VALUE,		/* print(value): the value, of the format's type */
	REC_JOIN,		/* join(): strings of TRACE_JOIN_ARGSIZE, as many
				 * as were read; the format holds the separator */
};

/* A printf (or time) format, parsed once; the program sends its args. */
struct trace_fmt {
	const char *text;	/* the format as written (decoded) */
	size_t len;
	int nr_args;
	struct type args[TRACE_ARGS_MAX];
	unsigned int offsets[TRACE_ARGS_MAX];	/* in the record */
	unsigned int size;	/* of the record, header included */
	int line, col;
};

enum probe_kind { PK_BEGIN, PK_END, PK_TRACEPOINT, PK_INTERVAL, PK_PROFILE };

/* One attach point of one probe block: one program. */
struct trace_prog {
	struct probe_block *block;
	int point;		/* which of block->points */
	enum probe_kind kind;
	char *name;		/* the probe's full name: tracepoint:CAT:EVENT */
	struct tp_format *fmt;	/* PK_TRACEPOINT */
	__u64 period;		/* PK_INTERVAL: ns; PK_PROFILE: hz when freq */
	bool freq;
	/* made by the code generator */
	struct bpf_insn *insns;
	size_t len;
	int *lines, *cols;	/* per slot: where in the script it came from */
	int same_as;		/* -1, or an earlier program with the same code */
	int fd;
};

struct trace_var {
	const char *name;
	struct type type;
	int slot;		/* r10 + slot */
};

struct compiler {
	struct script *script;
	struct diag *diag;
	struct trace_map *maps;
	int nr_maps;
	struct trace_fmt *fmts;
	int nr_fmts;
	struct trace_prog *progs;
	int nr_progs;
	int stack_depths[4];	/* kstack/ustack depths used: a stack map each */
	int nr_stack_depths;
	/* the environment the programs are built for */
	const struct prog_features *features;
	long cpid;		/* -1 without a command */
	long filter_pid;	/* -p, or -1 */
	bool tree;		/* --tree: only COMMAND's process tree */
	int ncpus;
	__u64 start_ns;		/* CLOCK_MONOTONIC at start, for elapsed */
	bool strict;		/* second pass: maps must be typed */
	/* the program being checked */
	struct trace_prog *cur;
	struct trace_var vars[TRACE_VARS_MAX];
	int nr_vars;
	bool uses_args, uses_probe;
	unsigned int needs;	/* PROG_PROBE_*: what the programs use */
	/* the fds programs load (stand-ins under -d) */
	int events_fd, tree_fd;
	int join_fd;		/* join()'s per-CPU buffer, or -1 */
	bool uses_join;
	int stack_fds[4];	/* one per stack_depths[i] */
};

/* t as messages name it: "uint32", "string[16]", "hist()". */
const char *ty_name(const struct type *t, char *buf, size_t len);

/* Bytes a value of t takes in a record, a key or a map value. */
unsigned int type_slot_size(const struct type *t);

/* The map called name, or NULL. */
struct trace_map *compiler__map(struct compiler *c, const char *name);

void compiler__free(struct compiler *c);

#endif /* BAREBPF_TRACE_PROGRAM_H */
