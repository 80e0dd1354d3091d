// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoint format-file parser on any text: every field it gives
 * back looked up by name, as the programs' builders look them up.
 */
#include <stdlib.h>
#include <string.h>
#include "loader/format.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct tp_format *fmt;
	int line;
	size_t i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fmt = tp_format__parse("fuzz", "fuzz", text, &line);
	for (i = 0; fmt && i < fmt->nr_fields; i++)
		if (tp_format__field(fmt, fmt->fields[i].name) == NULL)
			abort();	/* a field it listed must be found */
	tp_format__free(fmt);
	free(text);
	return 0;
}
