// SPDX-License-Identifier: GPL-2.0
/*
 * tools/lib/session.c's promise: nothing stays attached after the tool
 * exits, however it exits. Programs are known by the names the tools'
 * probe tables give them. While a tool runs, the ids of its programs are
 * read from its own /proc/PID/fdinfo (it keeps every program fd open);
 * after it exits, those ids must be gone, and no other program of those
 * names may be left that no live process holds. Programs held by a live
 * process are another barebpf's (someone may be tracing on this machine
 * meanwhile), as are those loaded before the test.
 */
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "loader/bpf.h"
#include "tests/integration/trace.h"

/* Every program name in the tools' and the session's probe tables. */
static const char *const our_names[] = {
	"exec_newtask", "exec_done", "execve_exit", "execveat_exit",
	"exec_prepare", "execve_enter", "execveat_enter",
	"open_exit", "openat_exit", "openat2_exit",
	"open_enter", "openat_enter", "openat2_enter",
	"stat_reap", "statx_exit", "statx_enter", "fstatat_exit", "fstatat_enter",
	"newstat_exit", "newstat_enter", "newlstat_exit", "newlstat_enter",
	"fstatat64_exit", "fstatat64_enter", "stat64_exit", "stat64_enter",
	"lstat64_exit", "lstat64_enter", "stat_exit", "stat_enter",
	"lstat_exit", "lstat_enter",
	"syscount_exit", "syscount_reap", "syscount_enter",
	"tree_fork", "tree_exit",
	"exit_end", "exit_free", "exit_exec", "exit_generate", "exit_deliver",
	"exit_group", "exit_thread", "exit_newtask",
	"kill_exit", "tkill_exit", "tgkill_exit",
	"kill_enter", "tkill_enter", "tgkill_enter",
	"mount_exit", "mount_enter", "umount_exit", "umount_enter",
	"fsopen_exit", "fsopen_enter", "fsconfig_exit", "fsconfig_enter",
	"fsmount_exit", "fsmount_enter", "move_mnt_exit", "move_mnt_enter",
	"fspick_exit", "fspick_enter", "open_tree_exit", "open_tree_enter",
	"sync_enter", "fsync_enter", "fdatasync_enter", "syncfs_enter",
	"msync_enter", "sfr_enter", "sfr2_enter", NULL,
};

#define MAX_IDS 512

struct prog_set {
	__u32 ids[MAX_IDS];
	char names[MAX_IDS][BPF_OBJ_NAME_LEN];
	int n;
};

static bool is_ours(const char *name)
{
	int i;

	for (i = 0; our_names[i]; i++)
		if (!strcmp(name, our_names[i]))
			return true;
	return false;
}

static bool in_set(const struct prog_set *s, __u32 id)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return true;
	return false;
}

static void set_add(struct prog_set *s, __u32 id, const char *name)
{
	if (s->n == MAX_IDS || in_set(s, id))
		return;
	s->ids[s->n] = id;
	snprintf(s->names[s->n], BPF_OBJ_NAME_LEN, "%s", name);
	s->n++;
}

/* The name of program id, or false when it is gone. */
static bool prog_name(__u32 id, char name[BPF_OBJ_NAME_LEN])
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd = bpf_prog_get_fd_by_id(id);
	bool ok;

	if (fd < 0)
		return false;
	memset(&info, 0, sizeof(info));
	ok = bpf_obj_get_info_by_fd(fd, &info, &len) == 0;
	close(fd);
	if (ok)
		memcpy(name, info.name, BPF_OBJ_NAME_LEN);
	return ok;
}

/* Add the programs process pid holds fds of ("prog_id:" in fdinfo). */
static void held_by(struct prog_set *s, const char *pid)
{
	char path[PATH_MAX], line[256], name[BPF_OBJ_NAME_LEN];
	struct dirent *d;
	unsigned int id;
	DIR *dir;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/fdinfo", pid);
	dir = opendir(path);
	if (!dir)
		return;		/* gone, or a kernel thread */
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s", pid, d->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "prog_id: %u", &id) == 1 &&
			    prog_name(id, name))
				set_add(s, id, name);
		fclose(f);
	}
	closedir(dir);
}

/* Programs held by any live process. */
static void held_by_anyone(struct prog_set *s)
{
	struct dirent *d;
	DIR *proc = opendir("/proc");

	s->n = 0;
	ck_assert(proc != NULL);
	while ((d = readdir(proc)) != NULL)
		if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
			held_by(s, d->d_name);
	closedir(proc);
}

/* The programs of our names that the tool (pid) holds. */
static void tool_progs(struct prog_set *s, pid_t pid)
{
	char num[32];

	s->n = 0;
	snprintf(num, sizeof(num), "%d", (int)pid);
	held_by(s, num);
}

/* Loaded programs with our names, less those in before (may be NULL). */
static void find_ours(struct prog_set *s, const struct prog_set *before)
{
	char name[BPF_OBJ_NAME_LEN];
	__u32 id = 0;

	s->n = 0;
	while (bpf_prog_get_next_id(id, &id) == 0)
		if (prog_name(id, name) && is_ours(name) &&
		    !(before && in_set(before, id)))
			set_add(s, id, name);
}

/*
 * Assert that none of the tool's programs (may be NULL) is loaded any
 * more, and that no program of our names is left that was not there
 * before and that no live process holds. A program being freed by some
 * other barebpf that is exiting may show for a moment: retry for a while
 * before calling it left behind.
 */
static void assert_none_left(const struct prog_set *before,
			     const struct prog_set *tool, const char *after)
{
	char name[BPF_OBJ_NAME_LEN];
	struct prog_set now, held;
	long long end = now_ms() + 5000;	/* frees run late on a loaded machine */
	int i, left;

	/*
	 * The programs are out of their tracepoints once the tool exits;
	 * the kernel frees them after the grace periods the tool leaves
	 * to its closer process (since 6.13 one of tasks-trace RCU first).
	 */
	for (i = 0; tool && i < tool->n; i++) {
		while (prog_name(tool->ids[i], name)) {
			ck_assert_msg(now_ms() < end, "program %s (id %u) still loaded 5 s after %s",
				      tool->names[i], tool->ids[i], after);
			usleep(20000);
		}
	}
	for (;;) {
		find_ours(&now, before);
		held_by_anyone(&held);
		for (i = 0, left = -1; i < now.n && left < 0; i++)
			if (!in_set(&held, now.ids[i]))
				left = i;
		if (left < 0)
			return;
		ck_assert_msg(now_ms() < end, "program %s (id %u) left after %s, held by no process",
			      now.names[left], now.ids[left], after);
		usleep(20000);
	}
}

static bool has_name(const struct prog_set *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return true;
	return false;
}

/*
 * The programs of optional events, and the events: where the kernel
 * lacks one (sched_prepare_exec before 6.10, sys_*_open on arm64), its
 * program is not loaded.
 */
static const char *const optional_progs[][3] = {
	{ "exec_prepare", "sched", "sched_prepare_exec" },
	{ "exec_newtask", "task", "task_newtask" },
	{ "execveat_exit", "syscalls", "sys_exit_execveat" },
	{ "execveat_enter", "syscalls", "sys_enter_execveat" },
	{ "open_exit", "syscalls", "sys_exit_open" },
	{ "open_enter", "syscalls", "sys_enter_open" },
	{ "openat2_exit", "syscalls", "sys_exit_openat2" },
	{ "openat2_enter", "syscalls", "sys_enter_openat2" },
	{ "sfr_enter", "syscalls", "sys_enter_sync_file_range" },
	{ "sfr2_enter", "syscalls", "sys_enter_sync_file_range2" },
};

static bool loaded_here(const char *name)
{
	size_t i;

	if (!strcmp(name, "exec_return"))
		return execsnoop_rereads_at_return();
	if (!strcmp(name, "exec_gone"))
		return execsnoop_forgets_at_exit();

	for (i = 0; i < sizeof(optional_progs) / sizeof(optional_progs[0]); i++)
		if (!strcmp(name, optional_progs[i][0]))
			return trace_has_event(optional_progs[i][1], optional_progs[i][2]);
	return true;
}

/*
 * Assert the tool holds exactly these programs (those this kernel can
 * have), once each. "a|b|c" are programs of the same bytes (the exits
 * that read only ret, the entries that copy the same number of
 * arguments), which the session loads once: under the first name this
 * kernel has, and no other.
 */
static void assert_tool_holds(const struct prog_set *tool, const char *const *names)
{
	char group[160], *name, *save;
	const char *first;
	int i, n = 0;

	for (i = 0; names[i]; i++) {
		snprintf(group, sizeof(group), "%s", names[i]);
		first = NULL;
		for (name = strtok_r(group, "|", &save); name;
		     name = strtok_r(NULL, "|", &save)) {
			if (!loaded_here(name))
				continue;
			if (!first) {
				ck_assert_msg(has_name(tool, name), "%s is not loaded", name);
				first = name;
				n++;
			} else {
				ck_assert_msg(!has_name(tool, name),
					      "%s is loaded beside %s, the same program",
					      name, first);
			}
		}
	}
	ck_assert_int_eq(tool->n, n);
}

static const char *const opensnoop_progs[] = {
	"open_exit|openat_exit|openat2_exit",
	"open_enter", "openat_enter", "openat2_enter", NULL,
};

static const char *const execsnoop_tree_progs[] = {
	"tree_fork", "tree_exit", "exec_gone",
	"exec_newtask", "exec_done", "execve_exit|execveat_exit",
	"exec_prepare", "exec_return", "execve_enter", "execveat_enter", NULL,
};

/* Start system-wide opensnoop (text), return once its header shows. */
static void start_opensnoop(struct proc *tool)
{
	struct args a = { .n = 0 };

	args__add(&a, barebpf_path(), "opensnoop", "-n", "no-such-comm", NULL);
	ck_assert_int_eq(proc__start(tool, a.v, NULL), 0);
	/* The header is written once every program is attached. */
	ck_assert_msg(proc__wait_for(tool, false, "PATH\n", 10000),
		      "no header; stderr:\n%s", tool->err);
}

/* Start execsnoop -- SELF workload serve, return once serve runs. */
static void start_execsnoop_serve(struct proc *tool)
{
	struct run_opts o = { .keep_stdin = true };
	char a_path[PATH_MAX], b_path[PATH_MAX];
	struct args a = { .n = 0 };

	/* Paths it never opens here: only 'm' and 't' would. */
	snprintf(a_path, sizeof(a_path), "%s/a", case_dir);
	snprintf(b_path, sizeof(b_path), "%s/b", case_dir);
	/* serve waits on stdin: ours, through the tool. */
	args__add(&a, barebpf_path(), "execsnoop", "--", self_path(), "workload",
		  "serve", a_path, b_path, NULL);
	ck_assert_int_eq(proc__start(tool, a.v, &o), 0);
	ck_assert_msg(proc__wait_for(tool, false, "workload: tid ", 10000),
		      "serve did not start; stderr:\n%s", tool->err);
}

START_TEST(test_nothing_left_after_command_ends)
{
	const char *wl[] = { "exit", "0", NULL };
	struct prog_set before;
	struct trace t;

	find_ours(&before, NULL);
	trace_run(&t, "execsnoop", NULL, wl);
	assert_status(&t.p, 0);
	assert_none_left(&before, NULL, "execsnoop -- COMMAND");
	trace__free(&t);

	trace_run(&t, "opensnoop", NULL, wl);
	assert_status(&t.p, 0);
	assert_none_left(&before, NULL, "opensnoop -- COMMAND");
	trace__free(&t);

	trace_run(&t, "statsnoop", NULL, wl);
	assert_status(&t.p, 0);
	assert_none_left(&before, NULL, "statsnoop -- COMMAND");
	trace__free(&t);
}
END_TEST

/*
 * syscount has no perf rings: the session waits on signals alone, and
 * SIGINT must end it as it ends the others (printing, then exit 0).
 */
START_TEST(test_nothing_left_without_rings)
{
	static const char *const progs[] = {
		"syscount_exit", "syscount_reap", "syscount_enter", NULL,
	};
	struct args a = { .n = 0 };
	struct prog_set before, mine;
	struct proc tool;

	find_ours(&before, NULL);
	args__add(&a, barebpf_path(), "syscount", "-L", "-P", NULL);
	ck_assert_int_eq(proc__start(&tool, a.v, NULL), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "Tracing syscalls", 10000),
		      "not started; stderr:\n%s", tool.err);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, progs);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	ck_assert(!tool.timed_out);
	ck_assert_msg(strstr(tool.out, "\nPID    COMM "), "no table:\n%s", tool.out);
	assert_none_left(&before, &mine, "syscount's SIGINT");
	proc__free(&tool);
}
END_TEST

/* Loaded while it runs, gone when SIGINT ends it (exit 0). */
START_TEST(test_nothing_left_after_sigint)
{
	struct prog_set before, mine;
	struct proc tool;

	find_ours(&before, NULL);
	start_opensnoop(&tool);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, opensnoop_progs);
	kill(tool.pid, SIGINT);
	ck_assert_int_eq(proc__finish(&tool), 0);
	ck_assert(!tool.timed_out);
	assert_none_left(&before, &mine, "SIGINT");
	proc__free(&tool);
}
END_TEST

START_TEST(test_nothing_left_after_sigkill)
{
	struct prog_set before, mine;
	struct proc tool;

	find_ours(&before, NULL);
	start_opensnoop(&tool);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, opensnoop_progs);
	kill(tool.pid, SIGKILL);
	ck_assert_int_eq(proc__finish(&tool), 128 + SIGKILL);
	ck_assert(tool.signaled);
	assert_none_left(&before, &mine, "SIGKILL");
	proc__free(&tool);
}
END_TEST

/* Links of /proc/PID/fd/ that are BPF objects or perf events. */
static int bpf_and_perf_fds(pid_t pid)
{
	char path[PATH_MAX], target[256];
	struct dirent *d;
	int n = 0;
	ssize_t len;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	ck_assert_msg(dir != NULL, "%s", path);
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid, d->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = '\0';
		if (!strncmp(target, "anon_inode:bpf", 14) ||
		    !strcmp(target, "anon_inode:[perf_event]"))
			n++;
	}
	closedir(dir);
	return n;
}

/*
 * SIGKILL while "-- COMMAND" runs: the command lives on, orphaned, and
 * must have inherited none of the tool's BPF or perf fds, or it would
 * keep the programs attached.
 */
START_TEST(test_nothing_left_after_sigkill_with_command)
{
	struct prog_set before, mine, held;
	struct proc tool;
	long serve;
	int hold;

	find_ours(&before, NULL);
	start_execsnoop_serve(&tool);
	ck_assert(workload_report(tool.out, "pid", &serve));
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, execsnoop_tree_progs);
	ck_assert_int_eq(bpf_and_perf_fds((pid_t)serve), 0);
	hold = tool.in_fd;
	tool.in_fd = -1;
	kill(tool.pid, SIGKILL);
	ck_assert_int_eq(proc__finish(&tool), 128 + SIGKILL);
	ck_assert_msg(kill((pid_t)serve, 0) == 0, "the command died with the tool");
	tool_progs(&held, (pid_t)serve);
	ck_assert_int_eq(held.n, 0);
	assert_none_left(&before, &mine, "SIGKILL");
	/* EOF ends serve (init reaps it). */
	close(hold);
	proc__free(&tool);
}
END_TEST

/*
 * SIGTERM while "-- COMMAND" runs: the command gets SIGTERM too, the
 * tool exits as the command did (128 + 15), nothing stays.
 */
START_TEST(test_nothing_left_after_sigterm_with_command)
{
	struct prog_set before, mine;
	struct proc tool;
	int hold;

	find_ours(&before, NULL);
	start_execsnoop_serve(&tool);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, execsnoop_tree_progs);
	/* Keep serve's stdin open: it must end by the SIGTERM, not by EOF. */
	hold = tool.in_fd;
	tool.in_fd = -1;
	kill(tool.pid, SIGTERM);
	ck_assert_int_eq(proc__finish(&tool), 128 + SIGTERM);
	/* An exit code, not a death by the signal: it cleaned up. */
	ck_assert(!tool.signaled);
	ck_assert(!tool.timed_out);
	assert_none_left(&before, &mine, "SIGTERM");
	close(hold);
	proc__free(&tool);
}
END_TEST

/* "-- COMMAND" ending on its own while programs are attached. */
START_TEST(test_nothing_left_after_command_eof)
{
	struct prog_set before, mine;
	struct proc tool;

	find_ours(&before, NULL);
	start_execsnoop_serve(&tool);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, execsnoop_tree_progs);
	/* proc__finish closes stdin: serve reads EOF and exits 0. */
	ck_assert_int_eq(proc__finish(&tool), 0);
	ck_assert(!tool.timed_out);
	assert_none_left(&before, &mine, "the command's exit");
	proc__free(&tool);
}
END_TEST

static const char *const no_btf[] = { "BAREBPF_NO_BTF=1", NULL };

/*
 * The process tools with "-- COMMAND": each holds exactly its programs
 * while the command runs (exitsnoop's own exit program keeps the tree,
 * so no tree_exit), and none once the command ends.
 */
static const struct {
	const char *tool;
	const char *const *env;
	const char *progs[24];
} proc_tools[] = {
	{ "exitsnoop", NULL, { "tree_fork", "exit_end", NULL } },
	{ "exitsnoop", no_btf, { "tree_fork", "exit_end", "exit_free", "exit_exec",
				 "exit_generate", "exit_deliver", "exit_group",
				 "exit_thread", "exit_newtask", NULL } },
	{ "killsnoop", NULL, { "tree_fork", "tree_exit",
			       "kill_exit|tkill_exit|tgkill_exit", "kill_enter",
			       "tkill_enter", "tgkill_enter", NULL } },
	{ "mountsnoop", NULL, { "tree_fork", "tree_exit", "mount_exit",
				"mount_enter|fsconfig_enter|move_mnt_enter",
				"umount_exit", "umount_enter|fsopen_enter", "fsopen_exit",
				"fsconfig_exit", "fsmount_exit",
				"fsmount_enter|fspick_enter|open_tree_enter",
				"move_mnt_exit", "fspick_exit", "open_tree_exit", NULL } },
	{ "syncsnoop", NULL, { "tree_fork", "tree_exit", "sync_enter", "fsync_enter",
			       "fdatasync_enter", "syncfs_enter", "msync_enter",
			       "sfr_enter", "sfr2_enter", NULL } },
	{ "threadsnoop", NULL, { "tree_fork", "tree_exit", "thread_new", NULL } },
	{ "shmsnoop", NULL, { "tree_fork", "tree_exit",
			      "shmget_exit|shmat_exit|shmdt_exit|shmctl_exit",
			      "shmget_enter", "shmat_enter", "shmdt_enter",
			      "shmctl_enter", NULL } },
};

START_TEST(test_nothing_left_after_proc_tools)
{
	struct run_opts o = { .keep_stdin = true };
	struct args a = { .n = 0 };
	const char *const *progs;
	size_t k;
	struct prog_set before, mine;
	struct proc tool;

	find_ours(&before, NULL);
	o.env = proc_tools[_i].env;
	/* A kernel without BTF (armmp): a plain run holds the BTF-less set. */
	progs = proc_tools[_i].progs;
	for (k = 0; !o.env && !kernel_has_btf() && k < sizeof(proc_tools) / sizeof(proc_tools[0]); k++)
		if (proc_tools[k].env == no_btf && !strcmp(proc_tools[k].tool, proc_tools[_i].tool))
			progs = proc_tools[k].progs;
	args__add(&a, barebpf_path(), proc_tools[_i].tool, "--", self_path(),
		  "workload", "after-eof", "exit", "0", NULL);
	ck_assert_int_eq(proc__start(&tool, a.v, &o), 0);
	ck_assert_msg(proc__wait_for(&tool, false, "workload: pid ", 10000),
		      "the command did not start; stderr:\n%s", tool.err);
	tool_progs(&mine, tool.pid);
	assert_tool_holds(&mine, progs);
	ck_assert_int_eq(proc__finish(&tool), 0);
	assert_none_left(&before, &mine, proc_tools[_i].tool);
	proc__free(&tool);
}
END_TEST

/* A failure after some programs were attached detaches those. */
START_TEST(test_nothing_left_after_attach_failure)
{
	static const char *const events[][2] = {
		{ "sched", "sched_process_exec" },
		{ "sched", "sched_process_exit" },
		{ "sched", "sched_prepare_exec" },
		{ "task", "task_newtask" },
	};
	char root[PATH_MAX], env[PATH_MAX + 32];
	const char *envs[] = { env, NULL };
	struct run_opts o = { .env = envs };
	struct args a = { .n = 0 };
	struct prog_set before;
	struct proc p;
	size_t i;

	case_subdir(root, "fake-tracefs");
	snprintf(env, sizeof(env), "BAREBPF_TRACEFS=%s", root);
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (trace_has_event(events[i][0], events[i][1]))
			fake_tracefs_copy(root, events[i][0], events[i][1]);
	find_ours(&before, NULL);
	args__add(&a, barebpf_path(), "execsnoop", NULL);
	ck_assert_int_eq(run(&p, a.v, &o), 1);
	ck_assert_msg(strstr(p.err, execsnoop_rereads_at_return() ?
				    "tracepoint raw_syscalls:sys_exit:" :
				    "tracepoint syscalls:sys_exit_execve:"), "stderr:\n%s", p.err);
	assert_none_left(&before, NULL, "a failed attach");
	proc__free(&p);
}
END_TEST

Suite *session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("cleanup");

	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_nothing_left_after_command_ends);
	tcase_add_test(tc, test_nothing_left_after_sigint);
	tcase_add_test(tc, test_nothing_left_without_rings);
	tcase_add_test(tc, test_nothing_left_after_sigkill);
	tcase_add_test(tc, test_nothing_left_after_sigkill_with_command);
	tcase_add_test(tc, test_nothing_left_after_sigterm_with_command);
	tcase_add_test(tc, test_nothing_left_after_command_eof);
	tcase_add_test(tc, test_nothing_left_after_attach_failure);
	tcase_add_loop_test(tc, test_nothing_left_after_proc_tools, 0,
			    sizeof(proc_tools) / sizeof(proc_tools[0]));
	suite_add_tcase(s, tc);
	return s;
}
