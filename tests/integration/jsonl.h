/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parser for the tools' JSON lines, just big enough to assert exact
 * values: one flat object per line whose values are integers, strings,
 * true/false, or arrays of strings or integers (an integer item is kept
 * as its decimal text, so arrays compare as strings). Strings come back
 * as the bytes they stand for: \uXXXX becomes UTF-8, and \udc80..\udcff
 * (the tools' "surrogateescape" for bytes that are not UTF-8) becomes
 * the byte 0xXX.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_JSONL_H
#define BAREBPF_TESTS_INTEGRATION_JSONL_H

#include <stdbool.h>
#include <stddef.h>

enum json_type {
	JSON_INT,
	JSON_STRING,
	JSON_BOOL,
	JSON_ARRAY,		/* of strings (integers as their text) */
};

struct json_string {
	char *s;		/* NUL-terminated; len counts any NUL inside */
	size_t len;
};

struct json_value {
	enum json_type type;
	long long i;			/* JSON_INT */
	bool b;				/* JSON_BOOL */
	struct json_string str;		/* JSON_STRING */
	struct json_string *items;	/* JSON_ARRAY */
	size_t nr_items;
};

struct json_member {
	char *key;
	struct json_value v;
};

struct json_object {
	struct json_member *members;	/* in the order of the line */
	size_t nr_members;
};

/*
 * Parse one line (len bytes, no newline needed). Returns the object, or
 * NULL with a reason and the column in err.
 */
struct json_object *json_parse(const char *line, size_t len, char *err,
			       size_t err_len);

void json_object__free(struct json_object *o);

/* The member called key, or NULL. */
const struct json_value *json_get(const struct json_object *o, const char *key);

/* Typed lookups: false when key is missing or of another type. */
bool json_int(const struct json_object *o, const char *key, long long *v);
bool json_bool(const struct json_object *o, const char *key, bool *v);
/* The string, or NULL. */
const char *json_str(const struct json_object *o, const char *key);

/* Every object of a tool's output, in order. */
struct jsonl {
	struct json_object **objs;
	size_t n;
	int bad_line;		/* 1-based line that did not parse, or 0 */
	char err[160];
};

/*
 * Parse text line by line. Lines not starting with '{' are the traced
 * command's own output and are skipped. Returns 0, or -1 when a line
 * starting with '{' is malformed (bad_line and err say which and why;
 * the lines before it are kept).
 */
int jsonl_parse(struct jsonl *j, const char *text);

void jsonl__free(struct jsonl *j);

#endif /* BAREBPF_TESTS_INTEGRATION_JSONL_H */
