// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier workbench on the running kernel: every experiment of
 * examples/verifier gets the verdict and message it promises, verify
 * shows the source beside the log, asm and disasm give back the same
 * bytes, and bad input of each kind is one line and exit 2 (the
 * commands' own command lines: check_workbench_cli.c).
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <check.h>
#include "asm/insn.h"
#include <linux/btf.h>
#include "loader/bpf.h"
#include "loader/features.h"
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The text after "; key: " in an experiment's header, or NULL. */
static char *header_value(const char *text, const char *key)
{
	const char *p = strstr(text, key), *nl;

	if (!p)
		return NULL;
	p += strlen(key);
	nl = strchr(p, '\n');
	return strndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

/* True when one of the '|'-separated alternatives is in text. */
static bool any_of(const char *text, char *alternatives)
{
	char *save = NULL, *alt;

	for (alt = strtok_r(alternatives, "|", &save); alt;
	     alt = strtok_r(NULL, "|", &save))
		if (strstr(text, alt))
			return true;
	return false;
}

START_TEST(test_examples)
{
	const struct embedded_file *f;
	char path[PATH_MAX];
	int n = 0;

	for (f = embedded_files; f->name; f++) {
		const char *args[5] = { "verify", path, NULL, NULL, NULL };
		char *expect, *flags, *pattern, *why, verdict[16];
		size_t len = strlen(f->name);
		struct proc p;
		bool accepted;

		/*
		 * The experiments: clang's own assembly says nothing it
		 * expects. too_complex.s makes the verifier walk a million
		 * instructions, twice per verify (a minute under emulation):
		 * test_log_cut checks its verdict and reason exactly.
		 */
		if (len < 2 || strcmp(f->name + len - 2, ".s") ||
		    !strncmp(f->name, "clang-", 6) || !strcmp(f->name, "too_complex.s"))
			continue;
		embedded_write(f->name, path);
		expect = header_value(f->data, "; expect: ");
		ck_assert_msg(expect != NULL, "%s says nothing it expects", f->name);
		flags = header_value(f->data, "; flags: ");
		if (flags)
			args[2] = flags;
		pattern = strchr(expect, ' ');
		accepted = !strncmp(expect, "ACCEPTED", 8);
		ck_assert_msg(accepted || (!strncmp(expect, "REJECTED ", 9) && pattern),
			      "%s: bad expect line \"%s\"", f->name, expect);
		run_barebpf_long(&p, args);
		assert_status(&p, accepted ? 0 : 1);
		snprintf(verdict, sizeof(verdict), "%s: ", accepted ? "ACCEPTED" : "REJECTED");
		/* (Check refuses a message of more than some 4 KiB.) */
		why = strstr(p.out, "\nwhy:\n");
		ck_assert_msg(!strncmp(p.out, verdict, strlen(verdict)),
			      "%s: not %s\n%.3000s", f->name, verdict, p.out);
		if (!accepted)
			ck_assert_msg(why && any_of(why, pattern + 1),
				      "%s: the reason is not \"%s\":\n%.3000s", f->name,
				      pattern + 1, why ? why : p.out);
		ck_assert_msg(strstr(p.out, "\nstatistics: "), "%s: no statistics:\n%.3000s",
			      f->name, p.out);
		proc__free(&p);
		free(expect);
		free(flags);
		n++;
	}
	ck_assert_int_ge(n, 15);
}
END_TEST

/* Each instruction the log names is shown with its line of FILE.s. */
START_TEST(test_log_beside_source)
{
	char path[PATH_MAX], want[PATH_MAX + 128];
	const char *args[] = { "verify", path, "--type", "tracepoint", NULL };
	struct proc p;

	embedded_write("scalar_as_pointer.s", path);
	run_barebpf(&p, args);
	assert_status(&p, 1);
	snprintf(want, sizeof(want), "REJECTED: %s (3 instructions) as tracepoint: Permission denied\n",
		 path);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%s", p.out);
	/* The log line, padded, then the source line it came from */
	snprintf(want, sizeof(want), "\n  1: (79) r0 = *(u64 *)(r1 +0)                    | %s:10: r0 = *(u64 *)(r1 +0)\n",
		 path);
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in\n%s", want, p.out);
	/* The verifier's word for a number: "scalar", "inv" before 5.18. */
	snprintf(want, sizeof(want), "\nwhy:\nstopped at instruction 1, %s:10: r0 = *(u64 *)(r1 +0)\n  R1 invalid mem access '%s'\n",
		 path, strstr(p.out, "'inv'") ? "inv" : "scalar");
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in\n%s", want, p.out);
	ck_assert_msg(strstr(p.out, "\nstatistics: 2 instructions processed (limit 1000000), 0 states"),
		      "%s", p.out);
	ck_assert_str_eq(p.err, "");
	proc__free(&p);
}
END_TEST

/* Messages that name no instruction by index still get their source. */
START_TEST(test_named_insn_source)
{
	char path[PATH_MAX], want[PATH_MAX + 128];
	const char *args[] = { "verify", path, NULL };
	struct proc p;

	embedded_write("jump_out_of_range.s", path);
	run_barebpf(&p, args);
	assert_status(&p, 1);
	snprintf(want, sizeof(want), "  jump out of range from insn 1 to 7              | %s:9: goto pc+5\n",
		 path);
	ck_assert_msg(strstr(p.out, want), "no \"%s\" in\n%s", want, p.out);
	proc__free(&p);
}
END_TEST

/*
 * The values "1: (17) r0 -= 1" leaves, in log order, from its state
 * column: "R0=9", or on older kernels (6.1) "R0_w=9" where the register
 * was written since the last checkpoint. Before 6.0 the state has a
 * line of its own, the next instruction's: "2: R0_w=inv9 R1=ctx(...)",
 * "inv" (before 5.18) being the verifier's word for a number. Their
 * number.
 */
static long r0_value(const char *state)
{
	if (!strncmp(state, "R0=", 3))
		state += 3;
	else if (!strncmp(state, "R0_w=", 5))
		state += 5;
	else
		return -1;
	if (!strncmp(state, "inv", 3))
		state += 3;
	return strtol(state, NULL, 10);
}

static int r0_values(const char *log, long *vals, int max)
{
	static const char insn[] = "\n  1: (17) r0 -= 1 ";
	const char *p = log, *state;
	int n = 0;

	while (n < max && (p = strstr(p, insn)) != NULL) {
		p += strlen(insn);
		state = p + strspn(p, " ");
		if (!strncmp(state, "; ", 2)) {
			vals[n++] = r0_value(state + 2);
			continue;
		}
		state = strchr(state, '\n');
		if (state && !strncmp(state, "\n  2: ", 6))
			vals[n++] = r0_value(state + 6);
		else
			vals[n++] = -1;
	}
	return n;
}

/* --log-level 2 shows every state; an accepted program its path too. */
START_TEST(test_log_level_2)
{
	char path[PATH_MAX];
	const char *args[] = { "verify", path, "-l", "2", NULL };
	struct proc p;
	long vals[16];
	int k;

	embedded_write("bounded_loop.s", path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nverifier log:\n"), "%s", p.out);
	/* The loop body is walked ten times, leaving 9 down to 0 in r0 */
	ck_assert_msg(r0_values(p.out, vals, 16) == 10, "%.3000s", p.out);
	for (k = 0; k < 10; k++)
		ck_assert_msg(vals[k] == 9 - k, "walk %d left %ld in r0, not %d:\n...%s",
			      k + 1, vals[k], 9 - k,
			      p.out + (strlen(p.out) > 3000 ? strlen(p.out) - 3000 : 0));
	/* each shown with its source */
	ck_assert_msg(count_lines(p.out, "| ") == 22, "%.3000s", p.out);
	ck_assert_msg(count_lines(p.out, "bounded_loop.s:10: r0 -= 1") == 10, "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

/*
 * A log longer than verify keeps: the kernel keeps its end from 6.4,
 * its start before, where the reason is lost; verify then loads once
 * more for the verdict's own messages. Either way the reason is shown.
 */
START_TEST(test_log_cut)
{
	static const struct bpf_insn ret0[] = {
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	char path[PATH_MAX], want[PATH_MAX + 256], log[4096];
	const char *args[] = { "verify", path, NULL };
	struct bpf_prog_load_opts o = {
		.log_buf = log, .log_size = sizeof(log),
		.log_level = 1 | 8,	/* BPF_LOG_FIXED: known where logs rotate */
	};
	bool rotates;
	struct proc p;
	int fd;

	fd = bpf_prog_load(BPF_PROG_TYPE_TRACEPOINT, ret0, 2, "GPL", &o);
	ck_assert_msg(fd >= 0 || fd == -EINVAL, "loading r0 = 0: %s", strerror(-fd));
	rotates = fd >= 0;
	if (fd >= 0)
		close(fd);

	embedded_write("too_complex.s", path);
	run_barebpf_long(&p, args);
	assert_status(&p, 1);
	snprintf(want, sizeof(want),
		 "REJECTED: %s (4 instructions) as tracepoint: Argument list too long\n"
		 "verifier log:\n"
		 "  ... (longer than 4 MiB: the kernel kept only its %s)\n",
		 path, rotates ? "end" : "start");
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "not \"%s\":\n%.3000s", want,
		      p.out);
	ck_assert_msg(strstr(p.out, "\nwhy:\n"), "%.3000s", p.out);
	ck_assert_msg(strstr(strstr(p.out, "\nwhy:\n"),
			     "\n  BPF program is too large. Processed 1000001 insn\n"),
		      "%.3000s", strstr(p.out, "\nwhy:\n"));
	ck_assert_msg(strstr(p.out, "\nstatistics: 1000001 instructions processed (limit 1000000), "),
		      "%.3000s", strstr(p.out, "\nwhy:\n"));
	proc__free(&p);
}
END_TEST

/* A program that sends what it sees, attached for a while. */
START_TEST(test_verify_attach)
{
	static const char text[] =
		".map events perf_event_array 4 4 0\n"
		"r6 = r1\n"
		"call bpf_get_current_pid_tgid\n"
		"r0 >>= 32\n"
		"*(u32 *)(r10 -8) = r0\n"
		"*(u32 *)(r10 -4) = 0x5a5a5a5a\n"
		"r1 = r6\n"
		"r2 = map[events] ll\n"
		"r3 = 0xffffffff ll\n"
		"r4 = r10\n"
		"r4 += -8\n"
		"r5 = 8\n"
		"call bpf_perf_event_output\n"
		"r0 = 0\n"
		"exit\n";
	char path[PATH_MAX], want[128];
	const char *args[] = {
		"verify", path, "-a", "syscalls:sys_enter_getppid", "-c", "1000",
		"--", self_path(), "workload", "getppid", "3", NULL,
	};
	unsigned int pid;
	long v;
	struct proc p;

	case_file("send.s", text, sizeof(text) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(workload_report(p.err, "pid", &v), "%s", p.err);
	pid = (unsigned int)v;
	ck_assert_msg(strstr(p.out, "\nattached to syscalls:sys_enter_getppid; 1000 events at most, while COMMAND runs\n"),
		      "%s", p.out);
	/* The pid, little-endian, the marker, and perf's 4 bytes of padding */
	snprintf(want, sizeof(want), ", 12 bytes: %02x %02x %02x %02x 5a 5a 5a 5a 00 00 00 00",
		 pid & 0xff, pid >> 8 & 0xff, pid >> 16 & 0xff, pid >> 24);
	ck_assert_msg(count_lines(p.out, want) == 3, "not 3 \"%s\" in\n%s", want,
		      p.out);
	proc__free(&p);
}
END_TEST

/* asm -o, disasm, asm again: the same bytes, labels and maps resolved. */
START_TEST(test_asm_disasm_round_trip)
{
	static const char text[] =
		".map counts array 4 8 1\n"
		"\tr6 = r1\n"
		"\t*(u32 *)(r10 -4) = 0\n"
		"\tr2 = r10\n"
		"\tr2 += -4\n"
		"\tr1 = map[counts] ll\n"
		"\tcall bpf_map_lookup_elem\n"
		"\tif r0 == 0 goto out\n"
		"\tr1 = 1\n"
		"\tlock *(u64 *)(r0 +0) += r1\n"
		"\tw2 = w1\n"
		"\tr3 = 0x1122334455667788\n"
		"\tr0 = *(s16 *)(r6 +2)\n"
		"\tif w2 s> 0x7 goto out\n"
		"out:\tr0 = 0\n"
		"\texit\n";
	char src[PATH_MAX], bin[PATH_MAX], again[PATH_MAX], bin2[PATH_MAX];
	const char *assemble[] = { "asm", src, "-o", bin, NULL };
	const char *disasm[] = { "disasm", bin, NULL };
	const char *reassemble[] = { "asm", "-o", bin2, again, NULL };
	struct proc p, q;
	char *a, *b;
	size_t alen, blen;
	FILE *f;

	case_file("rt.s", text, sizeof(text) - 1, src);
	snprintf(bin, sizeof(bin), "%s/rt.bin", case_dir);
	snprintf(bin2, sizeof(bin2), "%s/rt2.bin", case_dir);
	run_barebpf(&p, assemble);
	assert_status(&p, 0);
	proc__free(&p);
	run_barebpf(&p, disasm);
	assert_status(&p, 0);
	/* The map is its declaration's index; jumps are resolved */
	ck_assert_msg(strstr(p.out, "   4: (18) r1 = map[idx:0]\n"), "%s", p.out);
	ck_assert_msg(strstr(p.out, "   7: (15) if r0 == 0x0 goto pc+7\n"), "%s", p.out);
	ck_assert_msg(strstr(p.out, "  11: (18) r3 = 0x1122334455667788\n"), "%s", p.out);
	case_file("again.s", p.out, strlen(p.out), again);
	run_barebpf(&q, reassemble);
	assert_status(&q, 0);
	proc__free(&q);
	proc__free(&p);
	f = fopen(bin, "re");
	ck_assert(f != NULL);
	a = malloc(4096);
	alen = fread(a, 1, 4096, f);
	fclose(f);
	f = fopen(bin2, "re");
	ck_assert(f != NULL);
	b = malloc(4096);
	blen = fread(b, 1, 4096, f);
	fclose(f);
	ck_assert_uint_eq(alen, 17 * 8);
	ck_assert_uint_eq(blen, alen);
	ck_assert(!memcmp(a, b, alen));
	free(a);
	free(b);
}
END_TEST

START_TEST(test_bad_input)
{
	static const char typo[] = "r0 = 0\nexti\n";
	static const char helper[] = "call bpf_no_such_helper\nexit\n";
	char path[PATH_MAX], want[PATH_MAX + 160], missing[PATH_MAX];
	const char *verify[] = { "verify", path, NULL };
	const char *assemble[] = { "asm", path, NULL };
	const char *nofile[] = { "verify", missing, NULL };
	const char *badtype[] = { "verify", path, "--type", "sockets", NULL };
	const char *bin[] = { "disasm", path, NULL };
	struct proc p;

	case_file("typo.s", typo, sizeof(typo) - 1, path);
	run_barebpf(&p, verify);
	snprintf(want, sizeof(want), "barebpf verify: %s:2:1: expected an instruction, found 'exti'\n",
		 path);
	assert_status(&p, 2);
	ck_assert_str_eq(p.err, want);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	run_barebpf(&p, assemble);
	snprintf(want, sizeof(want), "barebpf asm: %s:2:1: expected an instruction, found 'exti'\n",
		 path);
	assert_status(&p, 2);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);

	case_file("helper.s", helper, sizeof(helper) - 1, path);
	run_barebpf(&p, verify);
	snprintf(want, sizeof(want), "barebpf verify: %s:1:6: unknown helper 'bpf_no_such_helper' (and no function of that name here)\n",
		 path);
	assert_status(&p, 2);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);

	snprintf(missing, sizeof(missing), "%s/none.s", case_dir);
	run_barebpf(&p, nofile);
	assert_one_error(&p, 2, "none.s: No such file or directory");
	proc__free(&p);

	run_barebpf(&p, badtype);
	assert_one_error(&p, 2, "unknown program type 'sockets'");
	proc__free(&p);

	/* 12 bytes: not whole instructions */
	case_file("odd.bin", "0123456789ab", 12, path);
	run_barebpf(&p, bin);
	assert_one_error(&p, 2, "12 bytes is not a whole number of 8-byte instructions");
	proc__free(&p);
}
END_TEST


/* A function reading the packet with LD_ABS, and the program calling it. */
static const char ldabs_sub[] =
	".type socket_filter\n"
	"\tr6 = r1\n"
	"\tcall ldabs_sub\n"
	"\tr0 = 0\n"
	"\texit\n"
	".func ldabs_sub int(void *)\n"
	"\tr6 = r1\n"
	"\tr0 = *(u32 *)skb[0]\n"
	"\tr0 = 1\n"
	"\texit\n";

/*
 * The kernel refuses LD_ABS in a function it has no BTF for; with the
 * .func line verify gives it that BTF, and the log at level 2 prints
 * the source lines line_info names (6.18 with " @ FILE:LINE").
 */
START_TEST(test_func_btf)
{
	char path[PATH_MAX], want[PATH_MAX + 128], want_61[256], *text;
	const char *args[] = { "verify", path, "-l", "2", NULL };
	struct utsname u;
	struct proc p;

	case_file("ldabs.s", ldabs_sub, sizeof(ldabs_sub) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "ACCEPTED: %s (8 instructions) as socket_filter\n", path);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
	ck_assert_msg(strstr(p.out, "\n  func#1 @4\n"), "%.3000s", p.out);
	/*
	 * 6.1 prints the line alone; 6.18 adds where it is, the file by
	 * its base name. (Kernels between: either.)
	 */
	snprintf(want, sizeof(want), "\n  ; r0 = *(u32 *)skb[0] @ ldabs.s:8\n");
	snprintf(want_61, sizeof(want_61), "\n  ; r0 = *(u32 *)skb[0]\n");
	uname(&u);
	if (!strncmp(u.release, "6.1.", 4))
		ck_assert_msg(strstr(p.out, want_61), "no line info:\n%.3000s", p.out);
	else if (!strncmp(u.release, "6.18.", 5))
		ck_assert_msg(strstr(p.out, want), "no line info:\n%.3000s", p.out);
	else
		ck_assert_msg(strstr(p.out, want) || strstr(p.out, want_61),
			      "no line info:\n%.3000s", p.out);
	proc__free(&p);

	/* The same program with a plain label for the function */
	text = strdup(ldabs_sub);
	memcpy(strstr(text, ".func ldabs_sub int(void *)"), "ldabs_sub:                 ", 27);
	case_file("ldabs-nobtf.s", text, strlen(text), path);
	free(text);
	args[2] = NULL;
	run_barebpf(&p, args);
	assert_status(&p, 1);
	ck_assert_msg(strstr(p.out, "\nwhy:\n  LD_ABS is not allowed in subprogs without BTF\n"),
		      "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

/* What asm makes of .func: the listing reads back, --btf is raw BTF. */
START_TEST(test_asm_func)
{
	char path[PATH_MAX], btf[PATH_MAX];
	const char *list[] = { "asm", path, NULL };
	const char *write[] = { "asm", path, "--btf", btf, NULL };
	struct proc p;
	FILE *f;
	__u32 hdr[6];

	case_file("ldabs.s", ldabs_sub, sizeof(ldabs_sub) - 1, path);
	run_barebpf(&p, list);
	assert_status(&p, 0);
	ck_assert_str_eq(p.out,
			 "   0: (bf) r6 = r1\n"
			 "   1: (85) call pc+2\n"
			 "   2: (b7) r0 = 0\n"
			 "   3: (95) exit\n"
			 ".func ldabs_sub int(void *r1)\n"
			 "   4: (bf) r6 = r1\n"
			 "   5: (20) r0 = *(u32 *)skb[0]\n"
			 "   6: (b7) r0 = 1\n"
			 "   7: (95) exit\n");
	proc__free(&p);
	snprintf(btf, sizeof(btf), "%s/ldabs.btf", case_dir);
	run_barebpf(&p, write);
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	f = fopen(btf, "re");
	ck_assert(f != NULL);
	ck_assert_uint_eq(fread(hdr, 1, sizeof(hdr), f), sizeof(hdr));
	fclose(f);
	ck_assert_uint_eq(hdr[0] & 0xffff, BTF_MAGIC);
	ck_assert_uint_eq(hdr[1], 24);			/* hdr_len */
	/* type_len: INT, FUNC_PROTO, FUNC, PTR, FUNC_PROTO of one, FUNC */
	ck_assert_uint_eq(hdr[3], 16 + 12 + 12 + 12 + 20 + 12);
}
END_TEST

/*
 * clang -S output as it comes (clang-subprog.s, from
 * tests/fixtures/clang/subprog.c): the program's section gives its type,
 * its function in .text follows it, and it runs: sum over i < 4 of
 * scale(i * (len & 7)), len the packet's less its Ethernet header.
 */
START_TEST(test_clang_output)
{
	char path[PATH_MAX], want[PATH_MAX + 64];
	const char *args[] = { "verify", path, "--run", NULL, NULL, NULL };
	struct proc p;

	embedded_write("clang-subprog.s", path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "ACCEPTED: %s (35 instructions) as socket_filter\n", path);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
	/* 64 bytes: len 50, 50 & 7 = 2: 1 + 3 + 5 + 7 */
	ck_assert_msg(strstr(p.out, "\nretval: 16 (0x10)\n"), "%.3000s", p.out);
	proc__free(&p);
	/* 17 bytes, of no Ethernet type: len 3: 1 + 4 + 6 * 3 + 9 * 3 */
	args[3] = "--data-hex";
	args[4] = "0000000000000000000000000000 01 02 03";
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 50 (0x32)\n"), "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

/* A program each way: the flag makes the verdict. */
START_TEST(test_flags)
{
	static const char syscall_prog[] = ".type syscall\nr0 = 0\nexit\n";
	static const char sleepable[] = ".type syscall\n.flags sleepable\nr0 = 0\nexit\n";
	static const char misaligned[] =
		".type xdp\n"
		"r2 = *(u32 *)(r1 +0)\n"
		"r3 = *(u32 *)(r1 +4)\n"
		"r4 = r2\n"
		"r4 += 8\n"
		"r0 = 2\n"
		"if r4 > r3 goto out\n"
		"r0 = *(u32 *)(r2 +1)\n"
		"out:\n"
		"exit\n";
	char path[PATH_MAX], path2[PATH_MAX], path3[PATH_MAX], want[PATH_MAX + 128];
	const char *plain[] = { "verify", path, NULL };
	const char *with[] = { "verify", path, "--flags", "sleepable", NULL };
	const char *file[] = { "verify", path2, NULL };
	const char *none[] = { "verify", path2, "--flags", "", NULL };
	const char *loose[] = { "verify", path3, NULL };
	const char *strict[] = { "verify", path3, "--flags", "strict_alignment", NULL };
	struct proc p;
	char *why;

	/* A syscall program must be sleepable (5.14) */
	case_file("syscall.s", syscall_prog, sizeof(syscall_prog) - 1, path);
	case_file("sleepable.s", sleepable, sizeof(sleepable) - 1, path2);
	if (feature_probe_prog_type(BPF_PROG_TYPE_SYSCALL) > 0) {
		run_barebpf(&p, plain);
		assert_status(&p, 1);
		ck_assert_msg(strstr(p.out, "\nwhy:\n  Syscall programs can only be sleepable\n"),
			      "%.3000s", p.out);
		proc__free(&p);
		run_barebpf(&p, with);
		assert_status(&p, 0);
		snprintf(want, sizeof(want),
			 "ACCEPTED: %s (2 instructions) as syscall, flags sleepable\n", path);
		ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
		proc__free(&p);
		run_barebpf(&p, file);
		assert_status(&p, 0);
		proc__free(&p);
		/* --flags says instead of .flags */
		run_barebpf(&p, none);
		assert_status(&p, 1);
		proc__free(&p);
	} else {
		/* Before 5.14 the type is unknown: refused, flag or none, unverified */
		printf("NOTE verify --flags: no syscall programs on this kernel (5.14): their refusal checked\n");
		run_barebpf(&p, plain);
		assert_status(&p, 1);
		snprintf(want, sizeof(want), "REJECTED: %s (2 instructions) as syscall: %s\n"
			 "the kernel refused it before the verifier ran (no log)\n",
			 path, strerror(EINVAL));
		ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
		proc__free(&p);
		run_barebpf(&p, with);
		assert_status(&p, 1);
		snprintf(want, sizeof(want),
			 "REJECTED: %s (2 instructions) as syscall, flags sleepable: %s\n"
			 "the kernel refused it before the verifier ran (no log)\n",
			 path, strerror(EINVAL));
		ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
		proc__free(&p);
	}

	/* A 4-byte packet read at offset 1: refused only when strict */
	case_file("misaligned.s", misaligned, sizeof(misaligned) - 1, path3);
	run_barebpf(&p, loose);
	assert_status(&p, 0);
	proc__free(&p);
	run_barebpf(&p, strict);
	assert_status(&p, 1);
	/* 6.1 prints the variable offset's range: 2+(0x0; 0x0)+0+1 */
	why = strstr(p.out, "\nwhy:\n");
	ck_assert_msg(why && (strstr(why, "\n  misaligned packet access off 2+0+0+1 size 4\n") ||
			      strstr(why, "\n  misaligned packet access off 2+(0x0; 0x0)+0+1 size 4\n")),
		      "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

/*
 * clang's reading of "r0 = 0xfaceb00c" is a 32-bit mov, sign-extended:
 * the program's own result says so. " ll" is the 64-bit load.
 */
START_TEST(test_mov_sign_extends)
{
	static const char mov[] = ".type socket_filter\nr0 = 0xfaceb00c\nr0 >>= 32\nexit\n";
	static const char ld[] = ".type socket_filter\nr0 = 0xfaceb00c ll\nr0 >>= 32\nexit\n";
	char path[PATH_MAX], want[PATH_MAX + 256];
	const char *args[] = { "verify", path, "--run", NULL };
	const char *warn[] = { "asm", "-v", path, NULL };
	struct proc p;

	case_file("mov.s", mov, sizeof(mov) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 4294967295 (0xffffffff)\n"), "%.3000s", p.out);
	proc__free(&p);
	run_barebpf(&p, warn);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "barebpf asm: %s:2:6: warning: a 32-bit mov, as clang reads it: r0 = 0xfffffffffaceb00c, sign-extended; ' ll' loads 0xfaceb00c\n",
		 path);
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	case_file("ld.s", ld, sizeof(ld) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 0 (0)\n"), "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

/* clang's dialect, loaded: w loads, GNU local labels, its comments. */
START_TEST(test_dialect_verified)
{
	static const char text[] =
		"\t.section socket,\"ax\",@progbits\n"
		"\t.globl prog\n"
		"prog:\t\t\t\t# @prog\n"
		"\tr1 = 0\n"
		"\t*(u8 *)(r10 - 1) = w1\n"
		"\tw0 = *(u8 *)(r10 - 1)\n"
		"\tr0 = 3\n"
		"1:\n"
		"\tr0 -= 1 // count down\n"
		"\tif r0 != 0 goto 1b\n"
		"\tgoto 1f\n"
		"1:\n"
		"\tr0 = 5\n"
		"\texit\n";
	char path[PATH_MAX], want[PATH_MAX + 64];
	const char *args[] = { "verify", path, "--run", NULL };
	struct proc p;

	case_file("dialect.s", text, sizeof(text) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "ACCEPTED: %s (9 instructions) as socket_filter\n", path);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%.3000s", p.out);
	ck_assert_msg(strstr(p.out, "\nretval: 5 (0x5)\n"), "%.3000s", p.out);
	proc__free(&p);
}
END_TEST

Suite *workbench_suite(void)
{
	Suite *s = suite_create("workbench");
	TCase *tc = tcase_create("verify");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	/* too_complex.s keeps the verifier busy for a second or more */
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_examples);
	tcase_add_test(tc, test_log_beside_source);
	tcase_add_test(tc, test_named_insn_source);
	tcase_add_test(tc, test_log_level_2);
	tcase_add_test(tc, test_log_cut);
	tcase_add_test(tc, test_verify_attach);
	tcase_add_test(tc, test_asm_disasm_round_trip);
	tcase_add_test(tc, test_bad_input);
	suite_add_tcase(s, tc);
	tc = tcase_create("clang and functions");
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_func_btf);
	tcase_add_test(tc, test_asm_func);
	tcase_add_test(tc, test_clang_output);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_mov_sign_extends);
	tcase_add_test(tc, test_dialect_verified);
	suite_add_tcase(s, tc);
	return s;
}
