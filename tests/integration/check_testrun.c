// SPDX-License-Identifier: GPL-2.0
/*
 * verify --run: programs the verifier accepted, run by the kernel over
 * crafted packets, with what they return, the data they leave and
 * .retval's check; and verify --unpriv, refused where the kernel lets
 * no unprivileged user load, loading as nobody where it does.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <check.h>
#include "loader/features.h"
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

/* Ethernet (to 02::01 from 02::02, IPv4), IPv4 (UDP, 127.0.0.1 both ways). */
#define ETH_IP	"02 00 00 00 00 01 02 00 00 00 00 02 08 00 " \
		"45 00 00 1c 00 00 40 00 40 11 00 00 7f 00 00 01 7f 00 00 01 "
/* UDP from port 1234 to 53, and to 80 */
#define UDP_53	ETH_IP "04 d2 00 35 00 08 00 00"
#define UDP_80	ETH_IP "04 d2 00 50 00 08 00 00"

/* A socket filter returning the IP protocol: the packet starts at IP. */
static const char proto[] =
	".type socket_filter\n"
	"\tr6 = r1\n"
	"\tr0 = *(u8 *)skb[9]\n"
	"\texit\n";

START_TEST(test_socket_filter)
{
	char path[PATH_MAX], data[PATH_MAX], want[PATH_MAX + 128];
	const char *hex[] = { "verify", path, "--run", "--data-hex", UDP_53, NULL };
	const char *file[] = { "verify", path, "--run", "--data", data, NULL };
	static const unsigned char packet[] = {
		0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00,
		0x45, 0, 0, 0x14, 0, 0, 0x40, 0, 0x40, 6, 0, 0,
		127, 0, 0, 1, 127, 0, 0, 1,
	};
	struct proc p;

	case_file("proto.s", proto, sizeof(proto) - 1, path);
	run_barebpf(&p, hex);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "ACCEPTED: %s (3 instructions) as socket_filter\n", path);
	ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%s", p.out);
	/* The kernel gives a socket filter's packet back with its L2 header zeroed */
	ck_assert_msg(strstr(p.out, "\ntest run: socket_filter program, 42 bytes of data from --data-hex, 1 run\n"
			     "retval: 17 (0x11)\n"
			     "data out: 42 bytes\n"
			     "  0000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 45 00\n"
			     "  0010: 00 1c 00 00 40 00 40 11 00 00 7f 00 00 01 7f 00\n"
			     "  0020: 00 01 04 d2 00 35 00 08 00 00\n"
			     "time: "), "%s", p.out);
	ck_assert_str_eq(p.err, "");
	proc__free(&p);
	/* The same from a file: a TCP header says 6 */
	case_file("tcp.bin", (const char *)packet, sizeof(packet), data);
	run_barebpf(&p, file);
	assert_status(&p, 0);
	snprintf(want, sizeof(want), "\ntest run: socket_filter program, 34 bytes of data from %s, 1 run\nretval: 6 (0x6)\n",
		 data);
	ck_assert_msg(strstr(p.out, want), "%s", p.out);
	proc__free(&p);
}
END_TEST

/* .retval makes the run a check: exit 1 on another value. */
START_TEST(test_retval)
{
	static const char right[] = ".retval 17\n", wrong[] = ".retval 6\n";
	char path[PATH_MAX], text[256];
	const char *args[] = { "verify", path, "--run", "--data-hex", UDP_53, NULL };
	struct proc p;

	snprintf(text, sizeof(text), "%s%s", right, proto);
	case_file("right.s", text, strlen(text), path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 17 (0x11)\n"), "%s", p.out);
	ck_assert_msg(strstr(p.out, "\nretval 17, as .retval expects\n"), "%s", p.out);
	proc__free(&p);
	snprintf(text, sizeof(text), "%s%s", wrong, proto);
	case_file("wrong.s", text, strlen(text), path);
	run_barebpf(&p, args);
	assert_status(&p, 1);
	ck_assert_msg(strstr(p.out, "\nretval 17 is not the 6 .retval expects\n"), "%s", p.out);
	proc__free(&p);
	/* .retval alone runs it: on 64 zero bytes, IP's protocol is 0 */
	args[2] = NULL;
	run_barebpf(&p, args);
	assert_status(&p, 1);
	ck_assert_msg(strstr(p.out, "\ntest run: socket_filter program, 64 bytes of data (zeros: none given), 1 run\n"
			     "retval: 0 (0)\n"), "%s", p.out);
	proc__free(&p);
}
END_TEST

/*
 * XDP: drop UDP to port 53, pass the rest; what passes goes back out
 * with its Ethernet addresses swapped, what is too short as it was.
 * (The port is read as a little-endian u16: 53 is 0x3500 there.)
 */
static const char xdp[] =
	".type xdp\n"
	"\tr2 = *(u32 *)(r1 +0)\t; data\n"
	"\tr3 = *(u32 *)(r1 +4)\t; data_end\n"
	"\tr4 = r2\n"
	"\tr4 += 42\t\t; Ethernet, IPv4, UDP\n"
	"\tr0 = 2\t\t\t; XDP_PASS\n"
	"\tif r4 > r3 goto out\n"
	"\tr5 = *(u8 *)(r2 +23)\n"
	"\tif r5 != 17 goto swap\n"
	"\tr5 = *(u16 *)(r2 +36)\n"
	"\tif r5 != 0x3500 goto swap\n"
	"\tr0 = 1\t\t\t; XDP_DROP\n"
	"\tgoto out\n"
	"swap:\n"
	"\tr5 = *(u32 *)(r2 +0)\n"
	"\tr6 = *(u16 *)(r2 +4)\n"
	"\tr7 = *(u32 *)(r2 +6)\n"
	"\tr8 = *(u16 *)(r2 +10)\n"
	"\t*(u32 *)(r2 +0) = r7\n"
	"\t*(u16 *)(r2 +4) = r8\n"
	"\t*(u32 *)(r2 +6) = r5\n"
	"\t*(u16 *)(r2 +10) = r6\n"
	"out:\n"
	"\texit\n";

START_TEST(test_xdp)
{
	char path[PATH_MAX];
	const char *args[] = { "verify", path, "--run", "--data-hex", UDP_53, NULL };
	struct proc p;

	case_file("xdp.s", xdp, sizeof(xdp) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 1 (0x1)\ndata out: 42 bytes, as they came in\n"),
		      "%s", p.out);
	proc__free(&p);
	args[4] = UDP_80;
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 2 (0x2)\n"
			     "data out: 42 bytes\n"
			     "  0000: 02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00\n"
			     "  0010: 00 1c 00 00 40 00 40 11 00 00 7f 00 00 01 7f 00\n"
			     "  0020: 00 01 04 d2 00 50 00 08 00 00\n"
			     "time: "), "%s", p.out);
	proc__free(&p);
	args[4] = "02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 00";
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\nretval: 2 (0x2)\ndata out: 16 bytes, as they came in\n"),
		      "%s", p.out);
	proc__free(&p);
}
END_TEST

/*
 * The other kinds of input: a traffic-control program's packet (its
 * length from the skb), a raw tracepoint's arguments, a syscall
 * program's context, which the kernel writes back.
 */
START_TEST(test_contexts)
{
	static const char cls[] =
		".type sched_cls\n"
		"r0 = *(u32 *)(r1 + 0)\n"		/* __sk_buff.len */
		"exit\n";
	static const char rawtp[] =
		".type raw_tracepoint\n"
		"r0 = *(u64 *)(r1 + 8)\n"		/* the second argument */
		"exit\n";
	static const char sys[] =
		".type syscall\n"
		".flags sleepable\n"
		"r2 = 0x11223344\n"
		"*(u32 *)(r1 + 4) = r2\n"
		"r0 = *(u32 *)(r1 + 0)\n"
		"exit\n";
	static const char *const ctx_args = "01 00 00 00 00 00 00 00 2a 01 00 00 00 00 00 00";
	char path[PATH_MAX], want[PATH_MAX + 128];
	const char *args[] = { "verify", path, "--data-hex", UDP_53, NULL };
	const char *repeat[] = { "verify", path, "--repeat", "2", NULL };
	struct proc p;

	case_file("cls.s", cls, sizeof(cls) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\ntest run: sched_cls program, 42 bytes of data from --data-hex, 1 run\n"
			     "retval: 42 (0x2a)\n"
			     "data out: 42 bytes, as they came in\n"), "%s", p.out);
	proc__free(&p);

	case_file("rawtp.s", rawtp, sizeof(rawtp) - 1, path);
	args[3] = ctx_args;
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\ntest run: raw_tracepoint program, 16 bytes of context from --data-hex, 1 run\n"
			     "retval: 298 (0x12a)\n"
			     "time: not measured for these programs\n"), "%s", p.out);
	proc__free(&p);
	/* Run once a test, whatever is asked */
	run_barebpf(&p, repeat);
	assert_status(&p, 2);
	ck_assert_str_eq(p.err, "barebpf verify: --repeat: the kernel runs raw_tracepoint programs once a test\n");
	proc__free(&p);

	case_file("sys.s", sys, sizeof(sys) - 1, path);
	args[3] = "07 00 00 00 00 00 00 00";
	run_barebpf(&p, args);
	if (feature_probe_prog_type(BPF_PROG_TYPE_SYSCALL) > 0) {
		assert_status(&p, 0);
		ck_assert_msg(strstr(p.out, "\ntest run: syscall program, 8 bytes of context from --data-hex, 1 run\n"
				     "retval: 7 (0x7)\n"
				     "context out:\n"
				     "  0000: 07 00 00 00 44 33 22 11\n"
				     "time: not measured for these programs\n"), "%s", p.out);
	} else {
		/* Before 5.14 no syscall programs: refused, and not run */
		printf("NOTE verify --data-hex: no syscall programs on this kernel (5.14): their refusal checked\n");
		assert_status(&p, 1);
		snprintf(want, sizeof(want), "REJECTED: %s (4 instructions) as syscall, flags sleepable: %s\n"
			 "the kernel refused it before the verifier ran (no log)\n",
			 path, strerror(EINVAL));
		ck_assert_msg(!strncmp(p.out, want, strlen(want)), "%s", p.out);
		ck_assert_msg(!strstr(p.out, "test run:"), "%s", p.out);
	}
	proc__free(&p);
}
END_TEST

/* --repeat: the kernel's mean over so many runs. */
START_TEST(test_repeat)
{
	char path[PATH_MAX];
	const char *args[] = { "verify", path, "--run", "--repeat", "1000", NULL };
	struct proc p;
	const char *t;
	long ns;

	case_file("xdp.s", xdp, sizeof(xdp) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_msg(strstr(p.out, "\ntest run: xdp program, 64 bytes of data (zeros: none given), 1000 runs\n"),
		      "%s", p.out);
	t = strstr(p.out, "\ntime: ");
	ck_assert_msg(t, "%s", p.out);
	ns = strtol(t + 7, (char **)&t, 10);
	ck_assert_msg(ns >= 0 && !strcmp(t, " ns a run, mean of 1000\n"), "%s", p.out);
	proc__free(&p);
}
END_TEST

/* What cannot be run, and input that cannot be read: one line each. */
START_TEST(test_run_errors)
{
	static const char tp[] = "r0 = 0\nexit\n";
	char path[PATH_MAX], missing[PATH_MAX];
	const char *unsupported[] = { "verify", path, "--run", NULL };
	const char *bad_hex[] = { "verify", path, "--run", "--data-hex", "45 0g", NULL };
	const char *no_run[] = { "verify", path, "--data-hex", "45", NULL };
	const char *both[] = { "verify", path, "--run", "--data-hex", "45", "--data", path, NULL };
	const char *no_file[] = { "verify", path, "--run", "--data", missing, NULL };
	const char *short_packet[] = { "verify", path, "--run", "--data-hex", "45 00", NULL };
	struct proc p;

	case_file("tp.s", tp, sizeof(tp) - 1, path);
	run_barebpf(&p, unsupported);
	assert_status(&p, 1);
	ck_assert_str_eq(p.err, "barebpf verify: --run: the kernel has no test run for tracepoint programs (BPF_PROG_TEST_RUN: ENOTSUPP)\n");
	ck_assert_msg(!strstr(p.out, "test run:"), "%s", p.out);
	proc__free(&p);
	run_barebpf(&p, bad_hex);
	assert_status(&p, 2);
	ck_assert_msg(!strncmp(p.err, "barebpf verify: --data-hex: not a byte in hex at offset 3: '0g'\n", 64),
		      "%s", p.err);
	proc__free(&p);
	/* Data to run on says to run it: a tracepoint program cannot be */
	run_barebpf(&p, no_run);
	assert_status(&p, 1);
	ck_assert_str_eq(p.err, "barebpf verify: --run: the kernel has no test run for tracepoint programs (BPF_PROG_TEST_RUN: ENOTSUPP)\n");
	proc__free(&p);
	run_barebpf(&p, both);
	assert_status(&p, 2);
	ck_assert_msg(!strncmp(p.err, "barebpf verify: --data or --data-hex: one or the other\n", 55),
		      "%s", p.err);
	proc__free(&p);
	snprintf(missing, sizeof(missing), "%s/none.bin", case_dir);
	run_barebpf(&p, no_file);
	assert_one_error(&p, 2, "--data");
	ck_assert_msg(strstr(p.err, "none.bin: No such file or directory"), "%s", p.err);
	proc__free(&p);
	case_file("proto.s", proto, sizeof(proto) - 1, path);
	run_barebpf(&p, short_packet);
	assert_status(&p, 1);
	ck_assert_str_eq(p.err, "barebpf verify: --run: BPF_PROG_TEST_RUN: Invalid argument (a packet takes 14 bytes or more, and a whole IP header after an Ethernet type of IPv4 or IPv6)\n");
	proc__free(&p);
}
END_TEST

/* Inside the kernel matrix's VMs the test binary is /init, PID 1. */
static bool in_test_vm(void)
{
	char exe[64];
	ssize_t n = readlink("/proc/1/exe", exe, sizeof(exe) - 1);

	if (n < 0)
		return false;
	exe[n] = '\0';
	return !strcmp(exe, "/init");
}

static int read_setting(void)
{
	char buf[16] = "";
	int fd = open("/proc/sys/kernel/unprivileged_bpf_disabled", O_RDONLY);

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = '\0';
	close(fd);
	return buf[0] ? atoi(buf) : -1;
}

static void write_setting(int v)
{
	char buf[8];
	int fd = open("/proc/sys/kernel/unprivileged_bpf_disabled", O_WRONLY);

	ck_assert_msg(fd >= 0, "opening kernel.unprivileged_bpf_disabled: %s", strerror(errno));
	snprintf(buf, sizeof(buf), "%d\n", v);
	ck_assert_int_eq(write(fd, buf, strlen(buf)), (ssize_t)strlen(buf));
	close(fd);
}

/* As nobody: a socket filter run, and a pointer it may not leak. */
static const char leak[] =
	".type socket_filter\n"
	".map m array 4 8 1\n"
	"r1 = map[m] ll\n"
	"r0 = r1\n"
	"exit\n";

static void run_unprivileged(struct proc *ok, struct proc *leaks, char *ok_path)
{
	char path[PATH_MAX];
	const char *args[] = { "verify", ok_path, "--unpriv", "--run", "--data-hex", UDP_53, NULL };
	const char *leak_args[] = { "verify", path, "--unpriv", NULL };

	case_file("proto.s", proto, sizeof(proto) - 1, ok_path);
	case_file("leak.s", leak, sizeof(leak) - 1, path);
	run_barebpf(ok, args);
	run_barebpf(leaks, leak_args);
}

static void assert_unprivileged(struct proc *ok, struct proc *leaks, const char *path)
{
	char want[PATH_MAX + 64];

	assert_status(ok, 0);
	snprintf(want, sizeof(want), "ACCEPTED: %s (3 instructions) as socket_filter, unprivileged\n",
		 path);
	ck_assert_msg(!strncmp(ok->out, want, strlen(want)), "%s%s", ok->out, ok->err);
	ck_assert_msg(strstr(ok->out, "\nretval: 17 (0x11)\n"), "%s", ok->out);
	assert_status(leaks, 1);
	ck_assert_msg(strstr(leaks->out, "\nwhy:\n") &&
		      strstr(strstr(leaks->out, "\nwhy:\n"), "R0 leaks addr as return value"),
		      "%s", leaks->out);
	proc__free(ok);
	proc__free(leaks);
}

/*
 * --unpriv where the kernel forbids unprivileged bpf(2) (Debian's 2, as
 * on the host): one clear line. Inside a test VM, which is ours alone,
 * the setting is opened for the test's span and put back.
 */
START_TEST(test_unpriv)
{
	char path[PATH_MAX], want[256];
	const char *args[] = { "verify", path, "--unpriv", NULL };
	struct proc p;
	struct proc ok, leaks;
	int setting, lock;

	/* The two passes run at once: one at a time here, setting and all */
	lock = open("/tmp/barebpf-unprivileged-bpf.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ck_assert_int_ge(lock, 0);
	ck_assert_int_eq(flock(lock, LOCK_EX), 0);
	setting = read_setting();
	if (setting == 0) {
		run_unprivileged(&ok, &leaks, path);
		close(lock);
		assert_unprivileged(&ok, &leaks, path);
		return;
	}
	ck_assert_msg(setting > 0, "no kernel.unprivileged_bpf_disabled");
	case_file("proto.s", proto, sizeof(proto) - 1, path);
	run_barebpf(&p, args);
	assert_status(&p, 1);
	ck_assert_str_eq(p.out, "");
	snprintf(want, sizeof(want), "barebpf verify: --unpriv: kernel.unprivileged_bpf_disabled is %d: this kernel lets no unprivileged user load a program (%s)\n",
		 setting, setting == 1 ? "1 holds until reboot" :
		 "root may set it to 0: sysctl kernel.unprivileged_bpf_disabled=0");
	ck_assert_str_eq(p.err, want);
	proc__free(&p);
	if (setting != 2 || !in_test_vm()) {
		close(lock);
		return;
	}
	write_setting(0);
	run_unprivileged(&ok, &leaks, path);
	write_setting(2);
	close(lock);
	assert_unprivileged(&ok, &leaks, path);
}
END_TEST

Suite *testrun_suite(void)
{
	Suite *s = suite_create("testrun");
	TCase *tc = tcase_create("run");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_socket_filter);
	tcase_add_test(tc, test_retval);
	tcase_add_test(tc, test_xdp);
	tcase_add_test(tc, test_repeat);
	tcase_add_test(tc, test_contexts);
	tcase_add_test(tc, test_run_errors);
	tcase_add_test(tc, test_unpriv);
	suite_add_tcase(s, tc);
	return s;
}
