/* SPDX-License-Identifier: GPL-2.0 */
/* What a call writes on stderr, for tests that assert the exact message. */
#ifndef BAREBPF_TESTS_CAPTURE_H
#define BAREBPF_TESTS_CAPTURE_H

#include <fcntl.h>
#include <unistd.h>
#include <check.h>

struct captured {
	int saved, pipe[2];
	char text[4096];
};

/* fd 2 goes to a pipe until capture_end(). */
static inline void capture_begin(struct captured *c)
{
	ck_assert_int_eq(pipe2(c->pipe, O_CLOEXEC), 0);
	c->saved = dup(2);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_eq(dup2(c->pipe[1], 2), 2);
	close(c->pipe[1]);
}

/* What was written (what fits in the pipe), NUL-terminated. */
static inline const char *capture_end(struct captured *c)
{
	ssize_t n;

	ck_assert_int_eq(dup2(c->saved, 2), 2);
	close(c->saved);
	n = read(c->pipe[0], c->text, sizeof(c->text) - 1);
	close(c->pipe[0]);
	c->text[n > 0 ? n : 0] = '\0';
	return c->text;
}

#endif /* BAREBPF_TESTS_CAPTURE_H */
