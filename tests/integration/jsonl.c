// SPDX-License-Identifier: GPL-2.0
/* A strict parser for the small JSON objects the tools print. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/integration/jsonl.h"

struct cursor {
	const char *s, *start, *end;
	char *err;
	size_t err_len;
};

static bool fail(struct cursor *c, const char *why)
{
	if (c->err && c->err_len && !c->err[0])
		snprintf(c->err, c->err_len, "%s at column %d", why,
			 (int)(c->s - c->start) + 1);
	return false;
}

static void skip_ws(struct cursor *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
				 *c->s == '\r' || *c->s == '\n'))
		c->s++;
}

static bool expect(struct cursor *c, char ch)
{
	skip_ws(c);
	if (c->s >= c->end || *c->s != ch)
		return false;
	c->s++;
	return true;
}

static int hex4(const char *s)
{
	int v = 0, i, d;

	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static size_t put_utf8(char *d, unsigned int cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xc0 | cp >> 6);
		d[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xe0 | cp >> 12);
		d[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		d[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | cp >> 18);
	d[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	d[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	d[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* "\uXXXX" at c->s (past the backslash and u): the bytes it means. */
static bool parse_u_escape(struct cursor *c, char *d, size_t *n)
{
	int hi, lo;

	if (c->end - c->s < 4 || (hi = hex4(c->s)) < 0)
		return fail(c, "bad \\u escape");
	c->s += 4;
	if (hi >= 0xdc80 && hi <= 0xdcff) {
		/* surrogateescape: one byte that was not UTF-8 */
		d[0] = (char)(hi & 0xff);
		*n = 1;
		return true;
	}
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (c->end - c->s < 6 || c->s[0] != '\\' || c->s[1] != 'u' ||
		    (lo = hex4(c->s + 2)) < 0xdc00 || lo > 0xdfff)
			return fail(c, "lone high surrogate");
		c->s += 6;
		*n = put_utf8(d, 0x10000 + ((unsigned int)(hi - 0xd800) << 10) +
				 (unsigned int)(lo - 0xdc00));
		return true;
	}
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail(c, "lone low surrogate");
	*n = put_utf8(d, (unsigned int)hi);
	return true;
}

static bool parse_string(struct cursor *c, struct json_string *out)
{
	size_t n = 0;	/* set by parse_u_escape; gcc -Os cannot tell */
	char *d;

	if (!expect(c, '"'))
		return fail(c, "expected a string");
	/* Escapes only shrink: the raw length bounds the decoded one. */
	out->s = malloc((size_t)(c->end - c->s) + 1);
	if (!out->s)
		return fail(c, "out of memory");
	d = out->s;
	for (;;) {
		unsigned char ch;

		if (c->s >= c->end)
			return fail(c, "unterminated string");
		ch = (unsigned char)*c->s++;
		if (ch == '"')
			break;
		if (ch < 0x20)
			return fail(c, "raw control character in a string");
		if (ch != '\\') {
			*d++ = (char)ch;
			continue;
		}
		if (c->s >= c->end)
			return fail(c, "unterminated escape");
		ch = (unsigned char)*c->s++;
		switch (ch) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '/': *d++ = '/'; break;
		case 'b': *d++ = '\b'; break;
		case 'f': *d++ = '\f'; break;
		case 'n': *d++ = '\n'; break;
		case 'r': *d++ = '\r'; break;
		case 't': *d++ = '\t'; break;
		case 'u':
			if (!parse_u_escape(c, d, &n))
				return false;
			d += n;
			break;
		default:
			return fail(c, "unknown escape");
		}
	}
	*d = '\0';
	out->len = (size_t)(d - out->s);
	return true;
}

static bool parse_int(struct cursor *c, long long *v)
{
	const char *p = c->s;
	char buf[32], *end;
	size_t n;

	if (p < c->end && *p == '-')
		p++;
	if (p >= c->end || *p < '0' || *p > '9')
		return fail(c, "expected a value");
	/* No leading zeros, fractions or exponents: the tools print none. */
	if (*p == '0' && p + 1 < c->end && p[1] >= '0' && p[1] <= '9')
		return fail(c, "leading zero");
	while (p < c->end && *p >= '0' && *p <= '9')
		p++;
	if (p < c->end && (*p == '.' || *p == 'e' || *p == 'E'))
		return fail(c, "not an integer");
	n = (size_t)(p - c->s);
	if (n >= sizeof(buf))
		return fail(c, "number too long");
	memcpy(buf, c->s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtoll(buf, &end, 10);
	if (errno || *end)
		return fail(c, "number out of range");
	c->s = p;
	return true;
}

/* An integer in an array: kept as its decimal text, as a string would be. */
static bool parse_int_text(struct cursor *c, struct json_string *out)
{
	char buf[32];
	long long v;
	int n;

	if (!parse_int(c, &v))
		return false;
	n = snprintf(buf, sizeof(buf), "%lld", v);
	out->s = strdup(buf);
	if (!out->s)
		return fail(c, "out of memory");
	out->len = (size_t)n;
	return true;
}

static bool parse_word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(c->end - c->s) < n || strncmp(c->s, w, n))
		return false;
	c->s += n;
	return true;
}

static bool parse_array(struct cursor *c, struct json_value *v)
{
	size_t cap = 0;

	v->type = JSON_ARRAY;
	if (!expect(c, '['))
		return fail(c, "expected '['");
	skip_ws(c);
	if (c->s < c->end && *c->s == ']') {
		c->s++;
		return true;
	}
	for (;;) {
		if (v->nr_items == cap) {
			struct json_string *n;

			cap = cap ? cap * 2 : 8;
			n = realloc(v->items, cap * sizeof(*n));
			if (!n)
				return fail(c, "out of memory");
			v->items = n;
		}
		memset(&v->items[v->nr_items], 0, sizeof(v->items[0]));
		v->nr_items++;
		skip_ws(c);
		if (c->s < c->end && *c->s != '"') {
			if (!parse_int_text(c, &v->items[v->nr_items - 1]))
				return false;
		} else if (!parse_string(c, &v->items[v->nr_items - 1])) {
			return false;
		}
		if (expect(c, ']'))
			return true;
		if (!expect(c, ','))
			return fail(c, "expected ',' or ']' in an array");
	}
}

static bool parse_value(struct cursor *c, struct json_value *v)
{
	skip_ws(c);
	if (c->s >= c->end)
		return fail(c, "expected a value");
	switch (*c->s) {
	case '"':
		v->type = JSON_STRING;
		return parse_string(c, &v->str);
	case '[':
		return parse_array(c, v);
	case 't':
	case 'f':
		v->type = JSON_BOOL;
		v->b = *c->s == 't';
		if (!parse_word(c, v->b ? "true" : "false"))
			return fail(c, "bad literal");
		return true;
	default:
		v->type = JSON_INT;
		return parse_int(c, &v->i);
	}
}

static void free_value(struct json_value *v)
{
	size_t i;

	free(v->str.s);
	for (i = 0; i < v->nr_items; i++)
		free(v->items[i].s);
	free(v->items);
}

void json_object__free(struct json_object *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nr_members; i++) {
		free(o->members[i].key);
		free_value(&o->members[i].v);
	}
	free(o->members);
	free(o);
}

struct json_object *json_parse(const char *line, size_t len, char *err,
			       size_t err_len)
{
	struct cursor c = { line, line, line + len, err, err_len };
	struct json_object *o = calloc(1, sizeof(*o));
	struct json_string key;
	size_t cap = 0;

	if (err && err_len)
		err[0] = '\0';
	if (!o)
		return NULL;
	if (!expect(&c, '{')) {
		fail(&c, "expected '{'");
		goto out_err;
	}
	skip_ws(&c);
	if (c.s < c.end && *c.s == '}') {
		c.s++;
		goto out_end;
	}
	for (;;) {
		struct json_member *m;

		if (o->nr_members == cap) {
			cap = cap ? cap * 2 : 16;
			m = realloc(o->members, cap * sizeof(*m));
			if (!m)
				goto out_err;
			o->members = m;
		}
		memset(&key, 0, sizeof(key));
		if (!parse_string(&c, &key)) {
			free(key.s);
			goto out_err;
		}
		if (json_get(o, key.s)) {
			free(key.s);
			fail(&c, "duplicate key");
			goto out_err;
		}
		m = &o->members[o->nr_members++];
		memset(m, 0, sizeof(*m));
		m->key = key.s;
		if (!expect(&c, ':')) {
			fail(&c, "expected ':'");
			goto out_err;
		}
		if (!parse_value(&c, &m->v))
			goto out_err;
		if (expect(&c, '}'))
			break;
		if (!expect(&c, ',')) {
			fail(&c, "expected ',' or '}'");
			goto out_err;
		}
	}
out_end:
	skip_ws(&c);
	if (c.s != c.end) {
		fail(&c, "text after the object");
		goto out_err;
	}
	return o;
out_err:
	json_object__free(o);
	return NULL;
}

const struct json_value *json_get(const struct json_object *o, const char *key)
{
	size_t i;

	for (i = 0; i < o->nr_members; i++)
		if (!strcmp(o->members[i].key, key))
			return &o->members[i].v;
	return NULL;
}

bool json_int(const struct json_object *o, const char *key, long long *v)
{
	const struct json_value *j = json_get(o, key);

	if (!j || j->type != JSON_INT)
		return false;
	*v = j->i;
	return true;
}

bool json_bool(const struct json_object *o, const char *key, bool *v)
{
	const struct json_value *j = json_get(o, key);

	if (!j || j->type != JSON_BOOL)
		return false;
	*v = j->b;
	return true;
}

const char *json_str(const struct json_object *o, const char *key)
{
	const struct json_value *j = json_get(o, key);

	return j && j->type == JSON_STRING ? j->str.s : NULL;
}

int jsonl_parse(struct jsonl *j, const char *text)
{
	const char *line = text, *nl;
	struct json_object *o, **objs;
	size_t cap = 0;
	int lineno = 0;

	memset(j, 0, sizeof(*j));
	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		lineno++;
		if (*line == '{') {
			o = json_parse(line, (size_t)(nl - line), j->err,
				       sizeof(j->err));
			if (!o) {
				j->bad_line = lineno;
				return -1;
			}
			if (j->n == cap) {
				cap = cap ? cap * 2 : 64;
				objs = realloc(j->objs, cap * sizeof(*objs));
				if (!objs) {
					json_object__free(o);
					snprintf(j->err, sizeof(j->err), "out of memory");
					j->bad_line = lineno;
					return -1;
				}
				j->objs = objs;
			}
			j->objs[j->n++] = o;
		}
		line = *nl ? nl + 1 : nl;
	}
	return 0;
}

void jsonl__free(struct jsonl *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		json_object__free(j->objs[i]);
	free(j->objs);
	memset(j, 0, sizeof(*j));
}
