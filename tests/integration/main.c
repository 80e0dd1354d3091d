// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every integration suite in suites.h against the real kernel, or
 * says SKIP (FAIL with REQUIRE_BPF=1) when bpf(2) is refused here.
 * "check_integration --fallbacks" runs them with every fallback forced,
 * so the old-kernel paths pass the same assertions. Also
 * "check_integration workload CMD ...", the programs the tests trace,
 * and, as PID 1, the /init of the kernel matrix (vm.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <check.h>
#include "loader/bpf.h"
#include "loader/prog.h"
#include "tests/integration/vm.h"
#include "tests/integration/workload.h"
#include "tools/lib/config.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38	/* 5.8 */
#endif
#ifndef CAP_BPF
#define CAP_BPF 39	/* 5.8 */
#endif

#define SUITE(name) Suite *name##_suite(void);
#include "tests/integration/suites.h"
#undef SUITE

/*
 * VM_SUITES="exitsnoop,opensnoop": only those suites; "-cli,elf": all
 * but those (a kernel matrix row's selection, tests/kernel-matrix/rows).
 * Unset, every suite. A name that is no suite is an error, not a row
 * that quietly runs less.
 */
static const char *const suite_names[] = {
#define SUITE(name) #name,
#include "tests/integration/suites.h"
#undef SUITE
	NULL,
};

/* Is name in the comma-separated list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name), len;

	for (; *list; list += len + (list[len] == ',')) {
		len = strcspn(list, ",");
		if (len == n && !strncmp(list, name, n))
			return true;
	}
	return false;
}

static bool suite_wanted(const char *list, const char *name)
{
	if (!list)
		return true;
	return *list == '-' ? !listed(list + 1, name) : listed(list, name);
}

/* The first name in VM_SUITES that is no suite, or NULL. */
static const char *unknown_suite(const char *list)
{
	static char name[64];
	size_t len;
	int i;

	for (list += *list == '-'; *list; list += len + (list[len] == ',')) {
		len = strcspn(list, ",");
		snprintf(name, sizeof(name), "%.*s", (int)len, list);
		for (i = 0; suite_names[i] && strcmp(suite_names[i], name); i++)
			;
		if (!suite_names[i])
			return name;
	}
	return NULL;
}

static bool has_cap(const struct __user_cap_data_struct *data, int cap)
{
	return data[cap / 32].effective & (1u << (cap % 32));
}

/*
 * Can this process trace? The tools need CAP_SYS_ADMIN, or CAP_BPF with
 * CAP_PERFMON (5.8+), and a kernel that answers bpf(2): an array map is
 * the smallest thing to ask for. Returns true, or false with the reason.
 */
static bool bpf_usable(char *why, size_t len)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	int fd;

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data)) {
		snprintf(why, len, "capget: %m");
		return false;
	}
	if (!has_cap(data, CAP_SYS_ADMIN) &&
	    !(has_cap(data, CAP_BPF) && has_cap(data, CAP_PERFMON))) {
		snprintf(why, len, "no CAP_SYS_ADMIN, nor CAP_BPF with CAP_PERFMON (euid %d)",
			 (int)geteuid());
		return false;
	}
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "it_probe", 4, 4, 1, 0);
	if (fd < 0) {
		snprintf(why, len, "creating an array map: %s (euid %d)",
			 strerror(-fd), (int)geteuid());
		return false;
	}
	close(fd);
	return true;
}

/* Every environment variable that forces a fallback (README.md). */
static const char *const fallbacks[] = {
	"BAREBPF_FORCE_PROBE_READ", "BAREBPF_FORCE_UNROLL",
	"BAREBPF_FORCE_DEBUGFS", "BAREBPF_FORCE_PREALLOC", NULL,
};

int main(int argc, char **argv)
{
	const char *require = getenv("REQUIRE_BPF");
	const char *only = getenv("VM_SUITES");
	SRunner *sr;
	char why[256];
	int i, failed;

	if (argc >= 2 && !strcmp(argv[1], "workload"))
		return workload_main(argc - 1, argv + 1);
	if (getpid() == 1)
		vm_init(argv[0]);
	if (argc == 2 && !strcmp(argv[1], "--fallbacks")) {
		for (i = 0; fallbacks[i]; i++) {
			setenv(fallbacks[i], "1", 1);
			printf("%s%s=1", i ? " " : "forced: ", fallbacks[i]);
		}
		printf("\n");
	} else if (argc > 1) {
		fprintf(stderr, "usage: check_integration [--fallbacks | workload CMD ARGS...]\n");
		return 2;
	}
	/*
	 * Before 5.11 maps and programs count against RLIMIT_MEMLOCK (64
	 * KiB for init before 5.16): the tests load their own, as the tools
	 * do, after raising it as the tools do.
	 */
	if (only && unknown_suite(only)) {
		printf("FAIL: VM_SUITES names no suite %s\n", unknown_suite(only));
		return EXIT_FAILURE;
	}
	if (only)
		printf("suites: %s\n", only);
	i = raise_memlock_rlimit();
	if (i)
		printf("raising RLIMIT_MEMLOCK: %s\n", strerror(-i));
	if (!bpf_usable(why, sizeof(why))) {
		if (require && !strcmp(require, "1")) {
			printf("FAIL: bpf(2) refused: %s\n", why);
			return EXIT_FAILURE;
		}
		printf("SKIP: integration tests need bpf(2): %s\n", why);
		return EXIT_SUCCESS;
	}
	/*
	 * The suites read tracefs themselves too: find it (mount it, on a
	 * fresh VM) as the tools do, once, with the environment they get.
	 */
	tool_config__read(&tool_config);
	if (!tool_tracefs())
		printf("no tracefs: %s\n", strerror(errno));
	/* Check forks per test: nothing buffered may be written twice. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	sr = srunner_create(NULL);
#define SUITE(name) \
	if (suite_wanted(only, #name)) \
		srunner_add_suite(sr, name##_suite());
#include "tests/integration/suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
