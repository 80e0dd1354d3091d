// SPDX-License-Identifier: GPL-2.0
/* A test run of a loaded program, and its results printed. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "asm/names.h"
#include "loader/bpf.h"
#include "tools/lib/args.h"
#include "tools/lib/output.h"
#include "tools/workbench/testrun.h"

/* The kernel's own "not supported" (include/linux/errno.h), not in libc. */
#define ENOTSUPP	524

/* Output data shown in full up to this; the rest is counted. */
#define DUMP_MAX	4096

int test_data_from_hex(const char *hex, unsigned char **buf, size_t *len)
{
	const char *s = hex;
	unsigned char *out;
	size_t n = 0;
	int hi, lo;

	out = malloc(strlen(hex) / 2 + 1);
	if (!out) {
		tool_err("out of memory");
		return EXIT_FAIL;
	}
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',' || *s == ':')
			s++;
		if (!*s)
			break;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			s += 2;
		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1])) {
			tool_err("--data-hex: not a byte in hex at offset %zu: '%.8s'",
				 (size_t)(s - hex), s);
			free(out);
			return EXIT_USAGE;
		}
		hi = isdigit((unsigned char)s[0]) ? s[0] - '0' : (tolower(s[0]) - 'a' + 10);
		lo = isdigit((unsigned char)s[1]) ? s[1] - '0' : (tolower(s[1]) - 'a' + 10);
		out[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	*buf = out;
	*len = n;
	return 0;
}

/* Types whose input is a context, not a packet (data_in is refused). */
static bool takes_ctx(enum bpf_prog_type type)
{
	return type == BPF_PROG_TYPE_RAW_TRACEPOINT ||
	       type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE ||
	       type == BPF_PROG_TYPE_SYSCALL || type == BPF_PROG_TYPE_SK_LOOKUP ||
	       type == BPF_PROG_TYPE_TRACING || type == BPF_PROG_TYPE_STRUCT_OPS;
}

/* Types the kernel runs once a test: repeat, duration and flags refused. */
static bool runs_once(enum bpf_prog_type type)
{
	return type == BPF_PROG_TYPE_RAW_TRACEPOINT ||
	       type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE ||
	       type == BPF_PROG_TYPE_SYSCALL || type == BPF_PROG_TYPE_TRACING ||
	       type == BPF_PROG_TYPE_STRUCT_OPS;
}

/* "  0000: 45 00 00 1c ..." sixteen a line. */
static void dump(const unsigned char *data, size_t len)
{
	size_t i, shown = len > DUMP_MAX ? DUMP_MAX : len;

	for (i = 0; i < shown; i++) {
		if (i % 16 == 0)
			out_printf("%s  %04zx:", i ? "\n" : "", i);
		out_printf(" %02x", data[i]);
	}
	if (shown)
		out_char('\n');
	if (shown < len)
		out_printf("  ... %zu bytes more\n", len - shown);
}

int test_run(int prog_fd, enum bpf_prog_type type,
	     const struct test_run_input *in, __u32 *retval)
{
	static const unsigned char frame[TEST_RUN_DEFAULT_LEN];
	struct bpf_test_run_opts o = { .repeat = in->repeat };
	const char *tname = bpf_prog_type_name(type);
	const void *data = in->data;
	size_t len = in->len, room = 0;
	unsigned char *out = NULL, *ctx = NULL;
	int err;

	if (!tname)
		tname = "this type of";
	if (runs_once(type) && in->repeat > 1) {
		tool_err("--repeat: the kernel runs %s programs once a test", tname);
		return EXIT_USAGE;
	}
	if (runs_once(type))
		o.repeat = 0;
	if (takes_ctx(type)) {
		/* The kernel writes a syscall program's context back */
		if (len) {
			ctx = malloc(len);
			if (!ctx) {
				tool_err("out of memory");
				return EXIT_FAIL;
			}
			memcpy(ctx, data, len);
		}
		o.ctx_in = ctx;
		o.ctx_size_in = (__u32)len;
	} else {
		if (!data) {
			data = frame;
			len = sizeof(frame);
		}
		/* Room for what XDP may add at the tail, and then some */
		room = len * 2 + 4096;
		out = malloc(room);
		if (!out) {
			tool_err("out of memory");
			return EXIT_FAIL;
		}
		o.data_in = data;
		o.data_size_in = (__u32)len;
		o.data_out = out;
		o.data_size_out = (__u32)room;
	}
	err = bpf_prog_test_run(prog_fd, &o);
	if (err == -ENOTSUPP || err == -EOPNOTSUPP) {
		out_flush();
		tool_err("--run: the kernel has no test run for %s programs (BPF_PROG_TEST_RUN: ENOTSUPP)",
			 tname);
		err = EXIT_FAIL;
		goto out;
	}
	if (err && err != -ENOSPC) {
		out_flush();
		tool_err("--run: BPF_PROG_TEST_RUN: %s%s", strerror(-err),
			 err != -EINVAL ? "" : takes_ctx(type) ?
			 " (a context of a size or content this type does not take)" :
			 " (a packet takes 14 bytes or more, and a whole IP header after an Ethernet type of IPv4 or IPv6)");
		err = EXIT_FAIL;
		goto out;
	}
	*retval = o.retval;
	out_printf("test run: %s program, %zu bytes of %s%s",
		   tname, len, takes_ctx(type) ? "context" : "data",
		   in->data ? "" : takes_ctx(type) ? " (none given)" : " (zeros: none given)");
	if (in->data && in->source)
		out_printf(" from %s", in->source);
	out_printf(", %u run%s\n", o.repeat > 1 ? o.repeat : 1, o.repeat > 1 ? "s" : "");
	out_printf("retval: %u (%#x)\n", o.retval, o.retval);
	if (out && o.data_size_out == len && !memcmp(out, data, len)) {
		out_printf("data out: %u bytes, as they came in\n", o.data_size_out);
	} else if (out) {
		out_printf("data out: %u bytes%s\n", o.data_size_out,
			   err == -ENOSPC ? " (more than shown: the kernel cut it)" : "");
		dump(out, o.data_size_out < room ? o.data_size_out : room);
	} else if (type == BPF_PROG_TYPE_SYSCALL && ctx) {
		out_str("context out:\n");
		dump(ctx, len);
	}
	if (runs_once(type))
		out_str("time: not measured for these programs\n");
	else
		out_printf("time: %u ns a run, mean of %u\n", o.duration,
			   o.repeat > 1 ? o.repeat : 1);
	err = 0;
out:
	free(out);
	free(ctx);
	return err;
}
