/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buildtrace's workloads, "check_integration workload bt-...":
 *   bt-files DIR          file operations in DIR, then an exec'd child
 *   bt-argv N LEN [cold]  exec "workload workload true" and N arguments of LEN bytes;
 *                         cold: their vector unread in the child, in no page it has
 *   bt-env N LEN          exec "workload workload true" with only N variables of LEN bytes
 *   bt-thread-kill PATH   a thread opens PATH; a child dies of SIGKILL
 */
#ifndef BAREBPF_TESTS_INTEGRATION_WORKLOAD_BT_H
#define BAREBPF_TESTS_INTEGRATION_WORKLOAD_BT_H

/* Where bt-files dup2()s its directory descriptor: kept across exec. */
#define BT_WORKLOAD_DUPFD	10

/* bt-argv's argument i of len bytes: "<i>:" then one letter repeated. */
void bt_workload_arg(char *buf, long i, long len);

/* bt-env's variable i of len bytes: "V<i>=" then one letter repeated. */
void bt_workload_var(char *buf, long i, long len);

/* Run the bt-* workload cmd. Returns its exit code, 2 if it is unknown. */
int bt_workload_main(const char *cmd, int argc, char **argv);

#endif /* BAREBPF_TESTS_INTEGRATION_WORKLOAD_BT_H */
