// SPDX-License-Identifier: GPL-2.0
/*
 * bindsnoop's, tcpconnect's and tcpaccept's programs, built against the
 * 6.18 formats of the stand-in tracefs in every configuration their
 * tools make: with and without BTF offsets, with every filter. Each must
 * name only the maps its tool creates in that configuration, jump only
 * forward (no loops before 5.3), fit the 4096 instructions of kernels
 * before 5.2, and walk kernel memory only when BTF gave the offsets.
 * Loading them is for the integration tests.
 */
#include <stdlib.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <check.h>

#include "loader/tracefs.h"
#include "progs/bindsnoop.h"
#include "progs/tcpaccept.h"
#include "progs/tcpconnect.h"

#define FAKE_TRACEFS	"tests/fixtures/tracefs"

static const struct prog_features features = {
	.read_user = BPF_FUNC_probe_read_user,
	.read_user_str = BPF_FUNC_probe_read_user_str,
	.read_kernel = BPF_FUNC_probe_read_kernel,
	.read_kernel_str = BPF_FUNC_probe_read_kernel_str,
};

static const struct sockfd_offsets offsets = {
	.fd = { .task_files = 1824, .files_fdt = 32, .fdt_max_fds = 4, .fdt_fd = 8 },
	.file_private_data = 200, .socket_file = 16, .socket_sk = 24,
	.sk_family = 16, .sk_num = 14, .sk_dport = 12, .sk_rcv_saddr = 4,
	.sk_daddr = 0, .sk_v6_rcv_saddr = 72, .sk_v6_daddr = 56,
	.sk_protocol = 518, .sk_type = 516,
};

static const __u16 ports[] = { 0x5000, 0xbb01, 0x1f90 };

typedef int (*build_fn)(struct builder *, const struct tp_format *, void *);

/*
 * Build one program with the maps given (NULL-terminated), and "tree"
 * when tree, and check it. Returns whether it calls
 * bpf_get_current_task().
 */
static bool check_prog(const char *system, const char *event, build_fn build,
		       void *cfg, bool tree, const char *const *maps)
{
	struct tp_format *fmt = tp_format__load(system, event);
	struct builder b;
	bool task = false;
	size_t i;

	ck_assert_msg(fmt != NULL, "no format %s:%s", system, event);
	builder__init(&b);
	for (i = 0; maps[i]; i++)
		builder__map(&b, maps[i], (int)i + 3);
	if (tree)
		builder__map(&b, "tree", 99);
	ck_assert_int_eq(build(&b, fmt, cfg), 0);
	ck_assert_msg(builder__finish(&b) == 0, "%s: %s", event, b.errmsg);
	ck_assert_uint_lt(b.len, 4096);
	for (i = 0; i < b.len; i++) {
		const struct bpf_insn *insn = &b.insns[i];

		if (BPF_CLASS(insn->code) != BPF_JMP)
			continue;
		if (BPF_OP(insn->code) == BPF_CALL)
			task |= insn->imm == BPF_FUNC_get_current_task;
		else if (BPF_OP(insn->code) != BPF_EXIT)
			ck_assert_msg(insn->off > 0, "%s: insn %zu jumps back", event, i);
	}
	builder__free(&b);
	tp_format__free(fmt);
	return task;
}

START_TEST(test_bindsnoop)
{
	static const char *const maps[] = { "events", "counters", "binds", NULL };
	struct bindsnoop_config cfg = {
		.features = &features, .who = { .pid = -1, .uid = -1 },
	};
	int i;

	for (i = 0; i < 4; i++) {
		cfg.sock = i & 1 ? &offsets : NULL;
		cfg.who = i & 2 ? (struct task_filter){ .pid = 42, .uid = 0xfffffffeL, .tree = 1 } :
				  (struct task_filter){ .pid = -1, .uid = -1, .tree = 0 };
		cfg.include_failed = i == 2;
		cfg.failed_only = i == 3;
		cfg.ports = i & 2 ? ports : NULL;
		cfg.nr_ports = i & 2 ? 3 : 0;
		ck_assert(!check_prog("syscalls", "sys_enter_bind",
				      bindsnoop_build_enter, &cfg, cfg.who.tree, maps));
		ck_assert(check_prog("syscalls", "sys_exit_bind", bindsnoop_build_exit,
				     &cfg, cfg.who.tree, maps) == (cfg.sock != NULL));
	}
}
END_TEST

START_TEST(test_tcpconnect)
{
	static const char *const maps[] = { "events", "counters", "conns",
					    "connecting", NULL };
	static const char *const count_maps[] = { "events", "counters",
						  "conns", "connecting", "counts", NULL };
	struct tcpconnect_config cfg = { .features = &features };
	int i;

	for (i = 0; i < 8; i++) {
		cfg.sock = i & 1 ? &offsets : NULL;
		cfg.who = i & 2 ? (struct task_filter){ .pid = 42, .uid = 1000, .tree = 1 } :
				  (struct task_filter){ .pid = -1, .uid = -1, .tree = 0 };
		cfg.family = i & 2 ? AF_INET6 : 0;
		cfg.failed_only = i & 2;
		cfg.ports = ports;
		cfg.nr_ports = i & 2 ? 3 : 0;
		cfg.count = !!(i & 4);
		cfg.count_sport = i == 7;
		ck_assert(!check_prog("syscalls", "sys_enter_connect",
				      tcpconnect_build_enter, &cfg, cfg.who.tree, maps));
		ck_assert(!check_prog("sock", "inet_sock_set_state",
				      tcpconnect_build_state, &cfg, cfg.who.tree, maps));
		/* The socket is read straight from its address: no walk. */
		ck_assert(!check_prog("syscalls", "sys_exit_connect",
				      tcpconnect_build_exit, &cfg, cfg.who.tree,
				      cfg.count ? count_maps : maps));
	}
}
END_TEST

/* With BTF there is no "peers" map, and no program may name it. */
START_TEST(test_tcpaccept)
{
	static const char *const btf_maps[] = { "events", "counters",
						"accepts", NULL };
	static const char *const maps[] = { "events", "counters", "accepts",
					    "peers", NULL };
	struct tcpaccept_config cfg = { .features = &features };
	int i;

	for (i = 0; i < 4; i++) {
		cfg.sock = i & 1 ? &offsets : NULL;
		cfg.who = i & 2 ? (struct task_filter){ .pid = 42, .uid = 0, .tree = 1 } :
				  (struct task_filter){ .pid = -1, .uid = -1, .tree = 0 };
		cfg.family = i & 2 ? AF_INET : 0;
		cfg.ports = ports;
		cfg.nr_ports = i & 2 ? 1 : 0;
		ck_assert(!check_prog("syscalls", "sys_enter_accept4",
				      tcpaccept_build_enter, &cfg, cfg.who.tree,
				      cfg.sock ? btf_maps : maps));
		ck_assert(check_prog("syscalls", "sys_exit_accept4",
				     tcpaccept_build_exit, &cfg, cfg.who.tree,
				     cfg.sock ? btf_maps : maps) == (cfg.sock != NULL));
		if (!cfg.sock)
			ck_assert(!check_prog("sock", "inet_sock_set_state",
					      tcpaccept_build_state, &cfg, cfg.who.tree, maps));
	}
}
END_TEST

Suite *netsnoop_suite(void)
{
	Suite *s = suite_create("netsnoop");
	TCase *tc = tcase_create("programs");

	tracefs_find(&(struct tracefs_opts){ .path = FAKE_TRACEFS });
	tcase_add_test(tc, test_bindsnoop);
	tcase_add_test(tc, test_tcpconnect);
	tcase_add_test(tc, test_tcpaccept);
	suite_add_tcase(s, tc);
	return s;
}
