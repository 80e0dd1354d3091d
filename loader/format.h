/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoint format files (tracefs events/SYSTEM/EVENT/format): the
 * event's id and the layout of its record, so that programs find field
 * offsets at run time instead of from BTF or kernel headers.
 */
#ifndef BAREBPF_LOADER_FORMAT_H
#define BAREBPF_LOADER_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct tp_field {
	char *type;		/* C type as the file spells it: "const char *" */
	char *name;
	__u32 offset;		/* bytes from the start of the record */
	__u32 size;		/* bytes the record gives the field */
	bool is_signed;
	bool is_array;		/* "char comm[16]", "char buf[]" */
	__u32 array_len;	/* 16 above; 0 when not a number or not given */
	/*
	 * __data_loc: the u32 at offset holds (length << 16 | start), start
	 * counted from the record; __rel_loc (5.18) counts it from the end
	 * of the u32 instead.
	 */
	bool data_loc;
	bool rel_loc;
	bool common;		/* common_type, common_pid, ... */
};

struct tp_format {
	char *system;		/* "syscalls" */
	char *name;		/* "sys_enter_openat" */
	__u32 id;		/* perf_event_attr.config for this event */
	struct tp_field *fields;
	size_t nr_fields;
	char *print_fmt;	/* the text after "print fmt: ", or NULL */
};

/*
 * Parse the text of a format file. On malformed text returns NULL with
 * errno EINVAL and *err_line (if non-NULL) set to the 1-based line.
 */
struct tp_format *tp_format__parse(const char *system, const char *event,
				   const char *text, int *err_line);

/*
 * Read and parse events/SYSTEM/EVENT/format from tracefs. NULL with errno
 * ENOENT when the kernel has no such event.
 */
struct tp_format *tp_format__load(const char *system, const char *event);

/* The field called name, or NULL (errno ENOENT). */
const struct tp_field *tp_format__field(const struct tp_format *fmt,
					const char *name);

void tp_format__free(struct tp_format *fmt);

/* A value's name, as the print fmt's __print_symbolic() gives it. */
#define TP_SYMBOL_NAME_MAX	32

struct tp_symbol {
	long value;
	char name[TP_SYMBOL_NAME_MAX];
};

/*
 * The names the print fmt gives field's values through
 * __print_symbolic(REC->field, { 1, "skipped" }, ...): the kernel's own
 * table, so an enum renumbered from one version to the next still reads
 * right. Up to max of them into syms, in the order written; an entry
 * whose value is not a plain number, or whose name does not fit, is
 * left out. Returns how many, or -ENOENT when the print fmt has no such
 * table for field.
 */
int tp_format__symbols(const struct tp_format *fmt, const char *field,
		       struct tp_symbol *syms, size_t max);

#endif /* BAREBPF_LOADER_FORMAT_H */
