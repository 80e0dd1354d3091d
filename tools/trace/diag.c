// SPDX-License-Identifier: GPL-2.0
/* Errors in a script, with the line and a caret under the spot. */
#include <stdarg.h>
#include <string.h>
#include "tools/trace/diag.h"

void diag__init(struct diag *d, const char *file, const char *text)
{
	memset(d, 0, sizeof(*d));
	d->file = file;
	d->text = text;
}

int diag__error(struct diag *d, int line, int col, int len, const char *fmt, ...)
{
	va_list ap;

	if (d->set)
		return -1;
	d->set = true;
	d->line = line;
	d->col = col;
	d->len = len > 0 ? len : 1;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -1;
}

const char *diag_line(const char *text, int n, int *len)
{
	const char *end;

	while (text && --n > 0) {
		text = strchr(text, '\n');
		if (text)
			text++;
	}
	if (!text) {
		*len = 0;
		return "";
	}
	end = strchr(text, '\n');
	*len = end ? (int)(end - text) : (int)strlen(text);
	return text;
}

void diag__print(const struct diag *d, FILE *f)
{
	int len, i, mark;
	const char *line;

	fprintf(f, "%s:%d:%d: error: %s\n", d->file, d->line, d->col, d->msg);
	line = diag_line(d->text, d->line, &len);
	if (!len && d->col <= 1)
		return;
	fprintf(f, "%.*s\n", len, line);
	/* Tabs stay tabs, so the caret lines up however they are shown. */
	for (i = 0; i < d->col - 1 && i < len; i++)
		fputc(line[i] == '\t' ? '\t' : ' ', f);
	mark = d->len;
	if (d->col - 1 + mark > len && len >= d->col)
		mark = len - d->col + 1;
	fputc('^', f);
	for (i = 1; i < mark; i++)
		fputc('~', f);
	fputc('\n', f);
}
