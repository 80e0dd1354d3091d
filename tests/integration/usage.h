/* SPDX-License-Identifier: GPL-2.0 */
/* Bad command lines: one line saying what is wrong, the usage, exit 2. */
#ifndef BAREBPF_TESTS_INTEGRATION_USAGE_H
#define BAREBPF_TESTS_INTEGRATION_USAGE_H

/*
 * barebpf TOOL ARGS... (NULL-terminated) must exit 2, print nothing on
 * stdout, and on stderr exactly line, a newline, then what TOOL -h
 * prints. Asserts.
 */
void assert_bad_usage(const char *tool, const char *const *args,
		      const char *line);

/*
 * The same, where the message is only known in part: one line that starts
 * "barebpf TOOL: " and holds needle, then the usage.
 */
void assert_bad_usage_naming(const char *tool, const char *const *args,
			     const char *needle);

#endif /* BAREBPF_TESTS_INTEGRATION_USAGE_H */
