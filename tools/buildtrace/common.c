// SPDX-License-Identifier: GPL-2.0
/* What buildtrace's subcommands share. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/args.h"
#include "tools/buildtrace/buildtrace.h"
#include "tools/buildtrace/select.h"
#include "tools/lib/json.h"
#include "tools/lib/options.h"
#include "tools/lib/outfile.h"
#include "tools/lib/output.h"

/* /bin, /sbin and /lib* are /usr's on merged systems, so they go too. */
static const char *const default_excludes[] = {
	"/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin",
	"/etc", "/proc", "/dev", "/sys",
};

struct view_args {
	int (*own)(int opt, const char *arg, void *ctx);
	void *ctx;
	struct bt_select *sel;
};

/* A view's own option, else the selection's: 0, or -1 (printed). */
static int view_option(int opt, const char *arg, void *ctx)
{
	const struct view_args *v = ctx;
	int taken = v->sel ? bt_select__option(v->sel, opt, arg) : 0;

	if (taken)
		return taken > 0 ? 0 : -1;
	return v->own ? v->own(opt, arg, v->ctx) : -1;
}

int bt_output_option(int opt, const char *arg, void *ctx)
{
	if (opt != 'o')
		return -1;
	*(const char **)ctx = arg;
	return 0;
}

int bt_view_args(int argc, char **argv, const char *usage,
		 const char *options, const struct option *long_options,
		 int (*own)(int opt, const char *arg, void *ctx), void *ctx,
		 struct bt_select *sel, const char **file)
{
	struct view_args v = { .own = own, .ctx = ctx, .sel = sel };
	const struct tool_spec spec = {
		.usage = usage,
		.options = options,
		.long_options = long_options,
		.parse = view_option,
		.operand = "FILE",
		.operand_optional = true,
		.no_command = true,
	};
	struct tool_opts o;
	int ret;

	ret = tool_opts__parse(&o, &spec, argc, argv, &v);
	*file = o.operand ? o.operand : BT_DEFAULT_FILE;
	return ret;
}

int bt_load(const char *file, struct bt_model *m, bt_event_fn fn,
		void *ctx)
{
	if (bt_model__load(m, file, fn, ctx)) {
		tool_err("%s", m->err);
		bt_model__free(m);	/* what replay held before it failed */
		return EXIT_FAIL;
	}
	if (!m->complete)
		tool_err("warning: %s has no end record: the recording was cut short",
			 file);
	if (m->lost)
		tool_err("warning: %llu events were lost while recording %s: it is incomplete",
			 (unsigned long long)m->lost, file);
	return 0;
}

int bt_load_selected(const char *file, struct bt_model *m,
		     const struct bt_select *sel)
{
	int err = bt_load(file, m, NULL, NULL);

	if (err)
		return err;
	if (bt_select__apply(sel, m)) {
		tool_err("%s: %s", file, strerror(ENOMEM));
		bt_model__free(m);
		return EXIT_FAIL;
	}
	return 0;
}

/*
 * One -o file per run: a subcommand writes one output. Zeroed (in bss,
 * not 4 KiB of the binary): outfile__open() sets it up.
 */
static struct outfile output;

static int output_open(const char *out, mode_t mode)
{
	if (!out)
		return 1;
	if (outfile__open(&output, out, mode))
		return -1;
	output_set_fd(output.fd);
	return output.fd;
}

int bt_output_open(const char *out)
{
	return output_open(out, 0644);
}

int bt_output_open_private(const char *out)
{
	return output_open(out, 0600);
}

int bt_output_close(const char *out, int fd, int err)
{
	int werr = out_flush();

	if (werr && !err) {
		tool_err("writing %s: %s", out ? out : "stdout",
			 strerror(-werr));
		err = EXIT_FAIL;
	}
	if (fd == 1 || !out)
		return err;
	output_set_fd(1);
	/* What was at out is replaced only by a whole, good output. */
	if (err)
		outfile__abort(&output);
	else if (outfile__commit(&output))
		err = EXIT_FAIL;
	return err;
}

int bt_filter__add(struct bt_filter *f, const char *prefix)
{
	if (f->n == BT_MAX_EXCLUDES) {
		tool_err("too many --exclude (at most %d)",
			 BT_MAX_EXCLUDES);
		return -1;
	}
	f->prefix[f->n++] = prefix;
	return 0;
}

bool bt_filter__excluded(const struct bt_filter *f, const char *path)
{
	size_t i;
	int j;

	for (j = 0; j < f->n; j++)
		if (bt_path_under(path, f->prefix[j]))
			return true;
	if (f->all)
		return false;
	for (i = 0; i < sizeof(default_excludes) / sizeof(default_excludes[0]); i++)
		if (bt_path_under(path, default_excludes[i]))
			return true;
	return false;
}

void bt_short_argv(char *buf, size_t size, const struct bt_exec_image *img)
{
	const char *base;
	size_t len = 0;
	int i, n;

	if (!size)
		return;
	*buf = '\0';
	for (i = 0; img && i < img->argc && len + 4 < size; i++) {
		base = img->argv[i];
		if (!i && strrchr(base, '/'))
			base = strrchr(base, '/') + 1;
		n = snprintf(buf + len, size - len, "%s%s", i ? " " : "", base);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	if (len >= size - 1 && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

void bt_json_str(const char *s)
{
	char buf[JSON_ESCAPED_MAX(1024)];
	size_t len = strlen(s), n, w;

	out_char('"');
	while (len) {
		n = len < 1024 ? len : 1024;
		/* Never split a UTF-8 sequence between two pieces. */
		while (n < len && n > 1020 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		w = json_escape(buf, s, n);
		out_write(buf + 1, w - 2);
		s += n;
		len -= n;
	}
	out_char('"');
}
