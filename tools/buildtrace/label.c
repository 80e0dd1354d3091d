// SPDX-License-Identifier: GPL-2.0
/* A process's label: its program and its chief input or output. */
#include <stdio.h>
#include <string.h>
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/compdb.h"
#include "tools/buildtrace/label.h"

static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash && slash[1] ? slash + 1 : s;
}

/* A file the build makes and throws away: not what a step is about. */
static bool temporary(const char *path)
{
	return !strncmp(path, "/tmp/", 5) || strstr(path, "/tmp/");
}

static bool is_shell(const char *base)
{
	static const char *const shells[] = { "sh", "bash", "dash", "zsh", "ksh", "ash" };
	size_t i;

	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (!strcmp(base, shells[i]))
			return true;
	return false;
}

/* "WHAT WHO", WHO cut at its start when long: the end of a path says most. */
static void put(char *buf, size_t size, const char *what, const char *sep,
		const char *who)
{
	size_t room = size - 1, n = strlen(what) + strlen(sep), len = strlen(who);

	if (n + len <= room || room < n + 8) {
		snprintf(buf, size, "%s%s%s", what, sep, who);
		return;
	}
	snprintf(buf, size, "%s%s...%s", what, sep, who + len - (room - n - 3));
}

/* A shell's command, cut, its control characters made spaces. */
static void put_shell(char *buf, size_t size, const char *base, const char *cmd)
{
	size_t n, i;

	n = (size_t)snprintf(buf, size, "%s -c ", base);
	for (i = 0; cmd[i] && n + 4 < size && n < 40; i++)
		buf[n++] = (unsigned char)cmd[i] < 0x20 ? ' ' : cmd[i];
	buf[n] = '\0';
	if (cmd[i] && n + 4 <= size)
		memcpy(buf + n, "...", 4);
}

void bt_image_label(char *buf, size_t size, const struct bt_model *m,
		    const struct bt_exec_image *img)
{
	const char *prog = bt_model__path(m, img->path), *base, *src = NULL,
		   *out = NULL, *a;
	int i;

	base = base_name(img->argc ? img->argv[0] : prog);
	if (!*base)
		base = base_name(prog);
	if (is_shell(base)) {
		for (i = 1; i < img->argc - 1; i++)
			if (!strcmp(img->argv[i], "-c")) {
				put_shell(buf, size, base, img->argv[i + 1]);
				return;
			}
	}
	for (i = 1; i < img->argc; i++) {
		a = img->argv[i];
		if (!strcmp(a, "-o") && i + 1 < img->argc) {
			out = img->argv[++i];
			continue;
		}
		if (!strncmp(a, "-o", 2) && a[2] && *base != 'a') {
			out = a + 2;	/* -ofile; not ar's or as's -o options */
			continue;
		}
		if (bt_takes_value(a)) {
			i++;
			continue;
		}
		if (!src && bt_is_source(a))
			src = a;
	}
	if (out && temporary(out))
		out = NULL;
	if (src && !temporary(src)) {
		put(buf, size, base, " ", src);
		return;
	}
	if (out) {
		put(buf, size, base, " \u2192 ", out);
		return;
	}
	/* ar: options, the operation, then the archive */
	if (!strcmp(base, "ar") || strstr(base, "-ar")) {
		for (i = 1; i < img->argc && !strncmp(img->argv[i], "--", 2); i++)
			;
		if (i + 1 < img->argc) {
			put(buf, size, base, " \u2192 ", img->argv[i + 1]);
			return;
		}
	}
	bt_short_argv(buf, size, img);
}

void bt_proc_label(char *buf, size_t size, const struct bt_model *m, int proc)
{
	const struct bt_proc *p = &m->procs[proc];

	struct bt_exec_image img = { .argv = m->command };

	if (p->exec >= 0) {
		bt_image_label(buf, size, m, &m->execs[p->exec]);
	} else if (proc == 0 && m->command && m->command[0]) {
		/* COMMAND before its exec: what it was started as */
		while (img.argv[img.argc])
			img.argc++;
		bt_image_label(buf, size, m, &img);
	} else {
		snprintf(buf, size, "pid %u", p->pid);
	}
	if (!*buf)
		snprintf(buf, size, "pid %u", p->pid);
}

bool bt_image_is_compiler(const struct bt_model *m,
			  const struct bt_exec_image *img)
{
	return (img->argc && bt_is_compiler(img->argv[0])) ||
	       bt_is_compiler(bt_model__path(m, img->path));
}
