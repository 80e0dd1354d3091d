// SPDX-License-Identifier: GPL-2.0
/*
 * The text assembler on any text: the lexer, statements, directives,
 * labels and map names resolved, then the listing of what it built, as
 * asm prints it.
 */
#include <stdlib.h>
#include <string.h>
#include "asm/text.h"
#include "tests/fuzz/fuzz.h"
#include "tools/workbench/source.h"

int LLVMFuzzerInitialize(int *argc, char **argv[])
{
	(void)argc;
	(void)argv;
	fuzz_quiet_output();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct asm_prog p;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!asm_prog__parse(&p, "fuzz.s", text) && !asm_prog__finish(&p, NULL))
		print_listing(p.b.insns, p.b.len, NULL);
	asm_prog__free(&p);
	free(text);
	out_flush();
	return 0;
}
