// SPDX-License-Identifier: GPL-2.0
/*
 * The trace language's checker and code generator without a kernel,
 * against the 6.18 format files of the stand-in tracefs: the types and
 * sizes maps get, type errors word for word with their columns, and
 * the instructions small programs compile to, as "barebpf trace -d"
 * lists them (the text "barebpf asm" reads back).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader/tracefs.h"
#include "tools/trace/codegen.h"
#include "tools/trace/listing.h"
#include "tools/trace/parse.h"
#include "tools/trace/probes.h"
#include "tools/trace/program.h"
#include "tools/trace/sema.h"

#define FAKE_TRACEFS	"tests/fixtures/tracefs"

/* A 5.3+ kernel's: bounded loops, the _user/_kernel reads. */
static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
	.bounded_loops = true,
	.hash_no_prealloc = true,
};

struct compiled {
	struct script s;
	struct diag d;
	struct compiler c;
	int err;
};

/*
 * text checked and compiled as trace does under -d: stand-in fds for
 * the maps, nothing loaded. err is 0, or -1 with the error in d.
 */
static void compile(struct compiled *x, const char *text)
{
	struct compiler *c = &x->c;
	int i;

	memset(x, 0, sizeof(*x));
	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });
	ck_assert_str_eq(tracefs_dir(), FAKE_TRACEFS);
	ck_assert_int_eq(script__parse(&x->s, "-e", text, &x->d), 0);
	c->script = &x->s;
	c->diag = &x->d;
	c->features = &features;
	c->cpid = -1;
	c->filter_pid = -1;
	c->ncpus = 2;
	c->events_fd = 1000;
	c->tree_fd = -1;
	c->join_fd = -1;
	x->err = -1;
	if (probes__expand(c) || sema__check(c) || codegen__stacks(c))
		return;
	for (i = 0; i < c->nr_maps; i++)
		c->maps[i].fd = 1001 + i;
	for (i = 0; i < c->nr_stack_depths; i++)
		c->stack_fds[i] = 2000 + i;
	x->err = codegen__all(c);
}

static void compiled__free(struct compiled *x)
{
	compiler__free(&x->c);
	script__free(&x->s);
}

/* The listing -d prints. */
static char *listing(const struct compiler *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	listing_print(c, f);
	fclose(f);
	return text;
}

/* got is want; else where they part (a whole listing is too long a message) */
static void assert_text(const char *got, const char *want)
{
	size_t i = 0;

	while (got[i] && got[i] == want[i])
		i++;
	ck_assert_msg(got[i] == want[i], "at byte %zu: got \"%.80s\", wanted \"%.80s\"",
		      i, got + i, want + i);
}

/*
 * A predicate on a signed field, a keyless count() (a per-CPU array of
 * one entry: no atomics, no hash) and a map keyed by pid of args->ret:
 * ret is at offset 16 and 8 bytes wide in sys_exit_openat's format.
 */
START_TEST(test_count_and_assign)
{
	struct compiled x;
	char *text;

	compile(&x, "tracepoint:syscalls:sys_exit_openat /args.ret < 0/ "
		    "{ @x = count(); @y[pid] = args->ret; }");
	ck_assert_msg(!x.err, "%s", x.d.msg);
	text = listing(&x.c);
	assert_text(text,
		"; tracepoint:syscalls:sys_exit_openat (-e:1:1), 38 instructions\n"
		".type tracepoint\n"
		".map events perf_event_array 4 4 2\n"
		".map AT_x percpu_array 4 8 1\n"
		".map AT_y hash 8 8 4096\n"
		"   0: (bf) r6 = r1                      ; 1:1\n"
		/* the predicate: ret < 0 is s>= 0 skipping the body */
		"   1: (79) r0 = *(u64 *)(r6 +16)        ; 1:38\n"
		"   2: (75) if r0 s>= 0x0 goto pc+33     ; 1:47\n"
		/* count(): the CPU's slot + 1, or 1 where the lookup found none */
		"   3: (62) *(u32 *)(r10 -8) = 0         ; 1:54\n"
		"   4: (bf) r2 = r10                     ; 1:54\n"
		"   5: (07) r2 += -8                     ; 1:54\n"
		"   6: (18) r1 = map[AT_x]               ; 1:54\n"
		"   8: (85) call bpf_map_lookup_elem#1   ; 1:54\n"
		"   9: (15) if r0 == 0x0 goto pc+4       ; 1:54\n"
		"  10: (79) r1 = *(u64 *)(r0 +0)         ; 1:54\n"
		"  11: (07) r1 += 1                      ; 1:54\n"
		"  12: (7b) *(u64 *)(r0 +0) = r1         ; 1:54\n"
		"  13: (05) goto pc+9                    ; 1:54\n"
		"  14: (7a) *(u64 *)(r10 -24) = 1        ; 1:54\n"
		"  15: (bf) r2 = r10                     ; 1:54\n"
		"  16: (07) r2 += -8                     ; 1:54\n"
		"  17: (bf) r3 = r10                     ; 1:54\n"
		"  18: (07) r3 += -24                    ; 1:54\n"
		"  19: (b7) r4 = 0                       ; 1:54\n"
		"  20: (18) r1 = map[AT_x]               ; 1:54\n"
		"  22: (85) call bpf_map_update_elem#2   ; 1:54\n"
		/* the key: pid, the upper half of pid_tgid */
		"  23: (85) call bpf_get_current_pid_tgid#14 ; 1:71\n"
		"  24: (77) r0 >>= 32                    ; 1:71\n"
		"  25: (7b) *(u64 *)(r10 -8) = r0        ; 1:71\n"
		"  26: (79) r0 = *(u64 *)(r6 +16)        ; 1:78\n"
		"  27: (7b) *(u64 *)(r10 -16) = r0       ; 1:78\n"
		"  28: (bf) r2 = r10                     ; 1:68\n"
		"  29: (07) r2 += -8                     ; 1:68\n"
		"  30: (bf) r3 = r10                     ; 1:68\n"
		"  31: (07) r3 += -16                    ; 1:68\n"
		"  32: (b7) r4 = 0                       ; 1:68\n"
		"  33: (18) r1 = map[AT_y]               ; 1:68\n"
		"  35: (85) call bpf_map_update_elem#2   ; 1:68\n"
		"  36: (b7) r0 = 0                       ; 1:1\n"
		"  37: (95) exit                         ; 1:1\n\n");
	free(text);
	compiled__free(&x);
}
END_TEST

/*
 * Casts: (int8) sign-extends its low byte (shifted up, shifted back
 * arithmetically), (uint16) masks; a plain value's map is an array of
 * one entry, not per CPU (the last write wins, as in bpftrace).
 */
START_TEST(test_casts)
{
	struct compiled x;
	char *text;

	compile(&x, "tracepoint:syscalls:sys_exit_openat { @ = (int8)args.ret; @u = (uint16)args.ret; }");
	ck_assert_msg(!x.err, "%s", x.d.msg);
	text = listing(&x.c);
	assert_text(text,
		"; tracepoint:syscalls:sys_exit_openat (-e:1:1), 28 instructions\n"
		".type tracepoint\n"
		".map events perf_event_array 4 4 2\n"
		".map AT_ array 4 8 1\n"
		".map AT_u array 4 8 1\n"
		"   0: (bf) r6 = r1                      ; 1:1\n"
		"   1: (62) *(u32 *)(r10 -8) = 0         ; 1:39\n"
		"   2: (79) r0 = *(u64 *)(r6 +16)        ; 1:49\n"
		"   3: (67) r0 <<= 56                    ; 1:43\n"
		"   4: (c7) r0 s>>= 56                   ; 1:43\n"
		"   5: (7b) *(u64 *)(r10 -16) = r0       ; 1:43\n"
		"   6: (bf) r2 = r10                     ; 1:39\n"
		"   7: (07) r2 += -8                     ; 1:39\n"
		"   8: (bf) r3 = r10                     ; 1:39\n"
		"   9: (07) r3 += -16                    ; 1:39\n"
		"  10: (b7) r4 = 0                       ; 1:39\n"
		"  11: (18) r1 = map[AT_]                ; 1:39\n"
		"  13: (85) call bpf_map_update_elem#2   ; 1:39\n"
		"  14: (62) *(u32 *)(r10 -8) = 0         ; 1:59\n"
		"  15: (79) r0 = *(u64 *)(r6 +16)        ; 1:72\n"
		"  16: (57) r0 &= 65535                  ; 1:64\n"
		"  17: (7b) *(u64 *)(r10 -16) = r0       ; 1:64\n"
		"  18: (bf) r2 = r10                     ; 1:59\n"
		"  19: (07) r2 += -8                     ; 1:59\n"
		"  20: (bf) r3 = r10                     ; 1:59\n"
		"  21: (07) r3 += -16                    ; 1:59\n"
		"  22: (b7) r4 = 0                       ; 1:59\n"
		"  23: (18) r1 = map[AT_u]               ; 1:59\n"
		"  25: (85) call bpf_map_update_elem#2   ; 1:59\n"
		"  26: (b7) r0 = 0                       ; 1:1\n"
		"  27: (95) exit                         ; 1:1\n\n");
	free(text);
	compiled__free(&x);
}
END_TEST

/* The types the checker gives maps, and the bytes their keys take. */
START_TEST(test_map_types)
{
	struct compiled x;
	struct trace_map *m;
	char buf[64];

	compile(&x, "tracepoint:syscalls:sys_exit_openat { @k[comm, pid, (uint8)args.ret] = sum(args.ret); "
		    "@h = hist(args.ret); @s[\"a\"] = comm; }");
	ck_assert_msg(!x.err, "%s", x.d.msg);
	m = compiler__map(&x.c, "@k");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->nr_keys, 3);
	ck_assert_str_eq(ty_name(&m->keys[0], buf, sizeof(buf)), "string[16]");
	ck_assert_str_eq(ty_name(&m->keys[1], buf, sizeof(buf)), "uint64");
	/* the cast truncates the value; the key keeps it in 8 bytes */
	ck_assert_str_eq(ty_name(&m->keys[2], buf, sizeof(buf)), "uint64");
	/* comm 16, then each integer in 8 bytes */
	ck_assert_uint_eq(m->key_size, 32);
	ck_assert_str_eq(ty_name(&m->value, buf, sizeof(buf)), "sum()");
	ck_assert(!m->array);
	m = compiler__map(&x.c, "@h");
	ck_assert_str_eq(ty_name(&m->value, buf, sizeof(buf)), "hist()");
	/* no key: an array of hist's buckets, per CPU */
	ck_assert(m->array && m->percpu);
	ck_assert_uint_eq(m->max_entries, 66);
	m = compiler__map(&x.c, "@s");
	ck_assert_str_eq(ty_name(&m->keys[0], buf, sizeof(buf)), "string[2]");
	ck_assert_str_eq(ty_name(&m->value, buf, sizeof(buf)), "string[16]");
	compiled__free(&x);
}
END_TEST

static const struct {
	const char *text, *msg;
	int col;
} errors[] = {
	{ "tracepoint:syscalls:sys_exit_openat { @ = args.nope; }",
	  "tracepoint syscalls:sys_exit_openat has no field 'nope'; its fields: __syscall_nr, ret", 43 },
	{ "tracepoint:syscalls:sys_exit_openat { @ = comm * 2; }",
	  "type error: string[16] used as an integer (the other side is int64)", 43 },
	{ "tracepoint:syscalls:sys_exit_openat { @[pid] = 1; @[comm] = 2; }",
	  "@'s key is uint64 at 1:39, string[16] here: a map keeps one key type", 53 },
	{ "BEGIN { @ = args.ret; }",
	  "args is only for tracepoint probes, not BEGIN", 13 },
	{ "tracepoint:syscalls:sys_exit_openat { @ = count(); @ = 1; }",
	  "@ holds count() (set at 1:39), not int64: a map keeps one value type", 52 },
	{ "tracepoint:syscalls:sys_exit_openat { $x = 1; $x = \"a\"; }",
	  "$x holds int64, not string[2]: a variable keeps one type", 47 },
};

START_TEST(test_errors)
{
	struct compiled x;

	compile(&x, errors[_i].text);
	ck_assert_int_eq(x.err, -1);
	ck_assert_str_eq(x.d.msg, errors[_i].msg);
	ck_assert_int_eq(x.d.line, 1);
	ck_assert_int_eq(x.d.col, errors[_i].col);
	compiled__free(&x);
}
END_TEST

Suite *trace_codegen_suite(void)
{
	Suite *s = suite_create("trace_codegen");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_count_and_assign);
	tcase_add_test(tc, test_casts);
	tcase_add_test(tc, test_map_types);
	tcase_add_loop_test(tc, test_errors, 0, (int)(sizeof(errors) / sizeof(errors[0])));
	suite_add_tcase(s, tc);
	return s;
}
