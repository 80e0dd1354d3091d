// SPDX-License-Identifier: GPL-2.0
/* The traced side of the integration tests, one command per function. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/openat2.h>
#include "tests/integration/workload.h"
#include "tests/integration/workload_bt.h"

/*
 * What a forkexec child hands to execve(), alone in a 64 KiB aligned
 * block of .rodata. fork() copies no page table entries for file-backed
 * mappings that were never written, so in the child these pages are not
 * mapped until something faults them in, and a BPF program reading them
 * at sys_enter_execve gets -EFAULT. Fault-around maps only pages inside
 * the faulting address's aligned fault_around_bytes window (64 KiB by
 * default), so no read of other .rodata maps this block by accident.
 */
static const struct {
	char path[sizeof(WORKLOAD_FORKEXEC_PATH)];
	char args[3][16];
} cold __attribute__((aligned(65536))) = {
	WORKLOAD_FORKEXEC_PATH,
	{ WORKLOAD_FORKEXEC_ARGS },
};

/* The same for coldexec, in a block of its own. */
static const struct {
	char path[sizeof(WORKLOAD_COLDEXEC_PATH)];
	char args[3][16];
} cold_tiny __attribute__((aligned(65536))) = {
	WORKLOAD_COLDEXEC_PATH,
	{ WORKLOAD_COLDEXEC_ARGS },
};

void report(int fd, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "workload: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(fd, line, (size_t)n) < 0)
		_exit(125);
}

static int usage(void)
{
	fprintf(stderr,
		"usage: check_integration workload CMD ARGS...\n"
		"  exit N                     exit with status N\n"
		"  signal N                   die of signal N\n"
		"  true [ARGS...]             exit 0\n"
		"  exec PATH [ARGS...]        fork, execv(PATH, {PATH, ARGS...}), exit as it did\n"
		"  forkexec N                 N times: fork, execv() from string literals\n"
		"  coldexec N DIR             the same, of a tiny program written to DIR\n"
		"  open PATH...               open O_RDONLY and close each\n"
		"  openat DIR REL [MS]        openat(open(DIR), REL), then linger MS;\n"
		"                             MS \"leave\": close DIR's fd and exit at once\n"
		"  openat2 PATH [MODE]        openat2() to read, or to create with MODE\n"
		"  create PATH MODE           open O_WRONLY|O_CREAT|O_TRUNC with MODE (octal)\n"
		"  chdir-open DIR REL MS      chdir(DIR), open(REL), linger MS;\n"
		"                             MS \"leave\": chdir(\"/\") and exit at once\n"
		"  open-many N PATH           open and close PATH N times\n"
		"  serve MAIN THREAD          open MAIN on 'm', THREAD from a thread on 't'\n"
		"  tcp ADDR [port=N] [times=N] [nobuf] [accept4]\n"
		"                             listen on ADDR; a child connects, this accepts\n"
		"  tcp-nonblock ADDR          a non-blocking connect left in SYN_SENT\n"
		"  tcp-refused ADDR           a connect refused (bound, not listening)\n"
		"  bind tcp|udp ADDR PORT ... bind one socket each\n"
		"  bind-many N                N UDP binds to 127.0.0.1, port 0\n"
		"  not-tcp DIR                UDP connect; Unix connect and accept in DIR\n"
		"  exits DIR                  children that end each way (cores in DIR)\n"
		"  kills                      kill, tkill and tgkill calls\n"
		"  syncs PATH                 each call of the sync family on PATH\n"
		"  mounts DIR [wait]          tmpfs mounts on DIR in a new mount namespace\n"
		"  after-eof CMD ARGS...      wait for EOF on stdin, then run CMD\n"
		"  tracer-maps N              a thread ends, N children end, then what the\n"
		"                             tracer keeps in its maps parents and execs\n"
		"  getppid N                  report the pid, then call getppid() N times\n"
		"  getppid-here N MS          the same from a function of its own (workload.h),\n"
		"                             then linger MS\n"
		"  hostile DIR [MS]           events under hostile names (hostile.h)\n"
		"  as-hostile CMD ARGS...     run CMD under the comm HOSTILE_COMM (hostile.h)\n"
		"  threads N                  a fork, N pthreads and a clone() thread\n"
		"  shm KEY SIZE               shmget, shmat, shmdt, shmctl STAT and RMID\n"
		"  fdpass FILE MS             FILE's fd over a Unix socket, then linger MS\n"
		"  fdpass-many N [MS]         N fds of /dev/null in one message, then linger MS\n"
		"  direct-read FILE N         N reads of 64 KiB with O_DIRECT\n"
		"  memcg-fill PROCS KB [FILE] join cgroup.procs PROCS; read FILE, or touch KB KiB\n"
		"  compact                    compact every zone (/proc/sys/vm/compact_memory)\n"
		"  tty-write TTY              known bytes to TTY, by write() and writev()\n"
		"  lookups DIR PREFIX         stat, open, open(O_CREAT) of absent DIR/PREFIX-*\n"
		"  bt-...                     buildtrace's: tests/integration/workload_bt.h\n");
	workload_sys_usage();
	return 2;
}

static long number(const char *s, int base)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, base);
	if (!*s || *end || errno) {
		fprintf(stderr, "workload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void linger(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The status a shell would give: the exit code, or 128 + signal. */
static int wait_status(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return WEXITSTATUS(ws);
}

static int do_signal(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 1;	/* not killed: say so */
}

static int do_exec(char **argv)
{
	pid_t pid;

	report(2, "pid %d", (int)getpid());
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		/* argv[0] is PATH itself, as a shell would pass it. */
		execv(argv[0], argv);
		report(2, "exec %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	report(2, "child %d", (int)pid);
	return wait_status(pid);
}

/* True when the page holding addr is mapped in process pid. */
static int page_present(pid_t pid, const void *addr)
{
	char path[64];
	uint64_t entry = 0;
	long page = sysconf(_SC_PAGESIZE);
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (pread(fd, &entry, sizeof(entry),
		  (off_t)((uintptr_t)addr / (uintptr_t)page * sizeof(entry))) !=
	    (ssize_t)sizeof(entry))
		entry = 0;
	close(fd);
	return (int)(entry >> 63);
}

/*
 * N times: fork a child that waits on a pipe, look at its page table for
 * the literals (path, and argv of up to four, NULL-terminated), then let
 * it execv(). The child between fork and execv() reads nothing from the
 * literals' block.
 */
static int forkexec(long n, const char *path, const char *const *args)
{
	int i, status = 0, unmapped = 0, present, go[2];
	pid_t pid;
	char c = 0;

	report(2, "pid %d", (int)getpid());
	for (i = 0; i < n; i++) {
		if (pipe2(go, O_CLOEXEC))
			return 1;
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			char *const argv[] = {
				(char *)args[0], (char *)args[1], (char *)args[2],
				(char *)args[3], NULL,
			};

			close(go[1]);
			if (read(go[0], &c, 1) != 1)
				_exit(126);
			execv(path, argv);
			_exit(127);
		}
		close(go[0]);
		present = page_present(pid, path);
		if (present == 0)
			unmapped++;
		if (write(go[1], &c, 1) != 1)
			status = 1;
		close(go[1]);
		if (wait_status(pid))
			status = 1;
	}
	/* How many children had the literals unmapped when they called execv. */
	report(2, "unmapped %d", unmapped);
	return status;
}

static int do_forkexec(long n)
{
	/* argv[0] is the path itself */
	const char *const args[] = { cold.path, cold.args[0], cold.args[1],
				     cold.args[2], NULL };

	return forkexec(n, cold.path, args);
}

#ifdef WORKLOAD_COLDEXEC
/* exit(0) in the architecture's own instructions, and its ELF machine. */
#if defined(__x86_64__)
static const unsigned char exit0[] = {
	0xb8, 0x3c, 0x00, 0x00, 0x00,	/* mov $60, %eax (exit) */
	0x31, 0xff,			/* xor %edi, %edi */
	0x0f, 0x05,			/* syscall */
};
#define EXIT0_MACHINE	EM_X86_64
#elif defined(__aarch64__)
static const unsigned char exit0[] = {
	0x00, 0x00, 0x80, 0xd2,		/* mov x0, #0 */
	0xa8, 0x0b, 0x80, 0xd2,		/* mov x8, #93 (exit) */
	0x01, 0x00, 0x00, 0xd4,		/* svc #0 */
};
#define EXIT0_MACHINE	EM_AARCH64
#else
static const unsigned char exit0[] = {
	0x00, 0x00, 0xa0, 0xe3,		/* mov r0, #0 */
	0x01, 0x70, 0xa0, 0xe3,		/* mov r7, #1 (exit) */
	0x00, 0x00, 0x00, 0xef,		/* svc #0 */
};
#define EXIT0_MACHINE	EM_ARM
#endif

#if __SIZEOF_POINTER__ == 8
typedef Elf64_Ehdr ehdr_t;
typedef Elf64_Phdr phdr_t;
#define EXIT0_CLASS	ELFCLASS64
#else
typedef Elf32_Ehdr ehdr_t;
typedef Elf32_Phdr phdr_t;
#define EXIT0_CLASS	ELFCLASS32
#endif

/* A static ELF of one segment that exits 0, as name in the cwd. */
static int write_exit0(const char *name)
{
	const unsigned long base = 0x400000;
	struct {
		ehdr_t e;
		phdr_t p;
		unsigned char code[sizeof(exit0)];
	} f;
	int fd;

	memset(&f, 0, sizeof(f));
	memcpy(f.e.e_ident, ELFMAG, SELFMAG);
	f.e.e_ident[EI_CLASS] = EXIT0_CLASS;
	f.e.e_ident[EI_DATA] = ELFDATA2LSB;
	f.e.e_ident[EI_VERSION] = EV_CURRENT;
	f.e.e_type = ET_EXEC;
	f.e.e_machine = EXIT0_MACHINE;
	f.e.e_version = EV_CURRENT;
	f.e.e_entry = base + (unsigned long)((char *)f.code - (char *)&f);
	f.e.e_phoff = sizeof(f.e);
	f.e.e_ehsize = sizeof(f.e);
	f.e.e_phentsize = sizeof(f.p);
	f.e.e_phnum = 1;
#ifdef __arm__
	f.e.e_flags = EF_ARM_EABI_VER5;
#endif
	f.p.p_type = PT_LOAD;
	f.p.p_flags = PF_R | PF_X;
	f.p.p_vaddr = f.p.p_paddr = base;
	f.p.p_filesz = f.p.p_memsz = sizeof(f);
	f.p.p_align = 0x1000;
	memcpy(f.code, exit0, sizeof(exit0));
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0)
		return -1;
	if (write(fd, &f, sizeof(f)) != (ssize_t)sizeof(f)) {
		close(fd);
		return -1;
	}
	return close(fd);
}
#endif

static int do_coldexec(long n, const char *dir)
{
#ifdef WORKLOAD_COLDEXEC
	const char *const args[] = { cold_tiny.args[0], cold_tiny.args[1],
				     cold_tiny.args[2], NULL, NULL };

	if (chdir(dir) || write_exit0(WORKLOAD_COLDEXEC_NAME)) {
		report(2, "writing %s/%s: %s", dir, WORKLOAD_COLDEXEC_NAME,
		       strerror(errno));
		return 1;
	}
	return forkexec(n, cold_tiny.path, args);
#else
	(void)n;
	(void)dir;
	(void)cold_tiny;
	report(2, "no exit(0) program known for this architecture");
	return 2;
#endif
}

static void report_fd(const char *key, int fd)
{
	report(2, "%s %d", key, fd < 0 ? -errno : fd);
}

static int do_open(int argc, char **argv)
{
	char key[16];
	int i, fd;

	report(2, "pid %d", (int)getpid());
	for (i = 0; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		snprintf(key, sizeof(key), "fd%d", i + 1);
		report_fd(key, fd);
		if (fd >= 0)
			close(fd);
	}
	return 0;
}

/*
 * "leave" in place of a linger: once the open is done, the directory it
 * was relative to is no longer the process's, and the process is gone at
 * once, so /proc can never name it: only the kernel's own walk can.
 */
#define LEAVE (-1)

static long linger_arg(const char *arg)
{
	return strcmp(arg, "leave") ? number(arg, 10) : LEAVE;
}

static int do_openat(const char *dir, const char *rel, long ms)
{
	int dirfd, fd;

	report(2, "pid %d", (int)getpid());
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	report_fd("dirfd", dirfd);
	if (dirfd < 0)
		return 1;
	fd = openat(dirfd, rel, O_RDONLY);
	report_fd("fd1", fd);
	if (ms == LEAVE)
		close(dirfd);
	else
		linger(ms);
	return fd < 0;
}

static int do_openat2(const char *path, const char *mode)
{
	struct open_how how;
	int fd;

	memset(&how, 0, sizeof(how));
	if (mode) {
		how.flags = WORKLOAD_OPENAT2_CREATE_FLAGS;
		how.mode = (__u64)number(mode, 8);
	} else {
		how.flags = WORKLOAD_OPENAT2_FLAGS;
	}
	report(2, "pid %d", (int)getpid());
	fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	report_fd("fd1", fd);
	return fd < 0;
}

static int do_create(const char *path, const char *mode)
{
	int fd;

	report(2, "pid %d", (int)getpid());
	fd = open(path, WORKLOAD_CREATE_FLAGS, (mode_t)number(mode, 8));
	report_fd("fd1", fd);
	return fd < 0;
}

static int do_chdir_open(const char *dir, const char *rel, long ms)
{
	int fd;

	report(2, "pid %d", (int)getpid());
	if (chdir(dir)) {
		report(2, "chdir %d", -errno);
		return 1;
	}
	fd = open(rel, O_RDONLY);
	report_fd("fd1", fd);
	if (ms == LEAVE) {
		if (chdir("/"))
			return 1;
		return fd < 0;
	}
	/* The tool reads /proc/PID/cwd when it prints: stay until then. */
	linger(ms);
	return fd < 0;
}

static int do_open_many(long n, const char *path)
{
	long i, opened = 0;
	int fd;

	report(2, "pid %d", (int)getpid());
	for (i = 0; i < n; i++) {
		fd = open(path, O_RDONLY);
		if (fd >= 0) {
			opened++;
			close(fd);
		}
	}
	report(2, "opened %ld", opened);
	return opened != n;
}

/* serve: the second thread opens its path each time it is poked. */
struct server {
	const char *path;
	int poke[2], done[2];
	pid_t tid;
};

static void *serve_thread(void *arg)
{
	struct server *s = arg;
	char c;
	int fd;

	s->tid = (pid_t)syscall(SYS_gettid);
	if (write(s->done[1], "r", 1) != 1)
		return NULL;
	while (read(s->poke[0], &c, 1) == 1) {
		fd = open(s->path, O_RDONLY);
		if (fd >= 0)
			close(fd);
		c = fd >= 0 ? 'y' : 'n';
		if (write(s->done[1], &c, 1) != 1)
			break;
	}
	return NULL;
}

/*
 * Wait for commands on stdin: 'm' opens main_path from the main thread,
 * 't' has the second thread open thread_path; each is answered with
 * "workload: ok N" on stdout once done. EOF or 'q' ends it.
 */
static int do_serve(const char *main_path, const char *thread_path)
{
	struct server s = { .path = thread_path };
	pthread_t thread;
	int fd, n = 0, status = 0;
	char c;

	if (pipe2(s.poke, O_CLOEXEC) || pipe2(s.done, O_CLOEXEC) ||
	    pthread_create(&thread, NULL, serve_thread, &s))
		return 1;
	if (read(s.done[0], &c, 1) != 1)
		return 1;
	report(1, "pid %d", (int)getpid());
	report(1, "tid %d", (int)s.tid);
	while (read(0, &c, 1) == 1 && c != 'q') {
		if (c == 'm') {
			fd = open(main_path, O_RDONLY);
			if (fd >= 0)
				close(fd);
			else
				status = 1;
		} else if (c == 't') {
			if (write(s.poke[1], &c, 1) != 1 ||
			    read(s.done[0], &c, 1) != 1 || c != 'y')
				status = 1;
		} else {
			continue;
		}
		report(1, "ok %d", ++n);
	}
	close(s.poke[1]);
	pthread_join(thread, NULL);
	return status;
}

/* A syscall nothing else in the tests makes, for programs to count. */
static int do_getppid(long n)
{
	report(2, "pid %d", (int)getpid());
	while (n-- > 0)
		syscall(SYS_getppid);
	return 0;
}

#ifdef WORKLOAD_GETPPID_HERE
__attribute__((noinline)) long workload_getppid_here(void)
{
#if defined(__x86_64__)
	long ret = __NR_getppid;

	__asm__ volatile("syscall\n"
			 ".globl workload_getppid_ret\n"
			 "workload_getppid_ret:\n"
			 : "+a"(ret) : : "rcx", "r11", "memory");
	return ret;
#else
	register long x8 __asm__("x8") = __NR_getppid;
	register long x0 __asm__("x0");

	__asm__ volatile("svc #0\n"
			 ".globl workload_getppid_ret\n"
			 "workload_getppid_ret:\n"
			 : "=r"(x0) : "r"(x8) : "memory");
	return x0;
#endif
}

/*
 * getppid() N times from workload_getppid_here() (workload.h), then
 * linger MS, so that a tracer reads this process's maps while it lives.
 */
static int do_getppid_here(long n, long ms)
{
	report(2, "pid %d", (int)getpid());
	while (n-- > 0)
		workload_getppid_here();
	usleep((useconds_t)ms * 1000);
	return 0;
}
#endif

int workload_main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int status;

	argc -= 2;
	argv += 2;
	if (!strcmp(cmd, "exit") && argc == 1)
		return (int)number(argv[0], 10);
	if (!strcmp(cmd, "signal") && argc == 1)
		return do_signal((int)number(argv[0], 10));
	if (!strcmp(cmd, "true"))
		return 0;
	if (!strcmp(cmd, "exec") && argc >= 1)
		return do_exec(argv);
	if (!strcmp(cmd, "forkexec") && argc == 1)
		return do_forkexec(number(argv[0], 10));
	if (!strcmp(cmd, "coldexec") && argc == 2)
		return do_coldexec(number(argv[0], 10), argv[1]);
	if (!strcmp(cmd, "open") && argc >= 1)
		return do_open(argc, argv);
	if (!strcmp(cmd, "openat") && (argc == 2 || argc == 3))
		return do_openat(argv[0], argv[1], argc == 3 ? linger_arg(argv[2]) : 0);
	if (!strcmp(cmd, "openat2") && (argc == 1 || argc == 2))
		return do_openat2(argv[0], argc == 2 ? argv[1] : NULL);
	if (!strcmp(cmd, "create") && argc == 2)
		return do_create(argv[0], argv[1]);
	if (!strcmp(cmd, "chdir-open") && argc == 3)
		return do_chdir_open(argv[0], argv[1], linger_arg(argv[2]));
	if (!strcmp(cmd, "open-many") && argc == 2)
		return do_open_many(number(argv[0], 10), argv[1]);
	if (!strcmp(cmd, "serve") && argc == 2)
		return do_serve(argv[0], argv[1]);
	if (!strcmp(cmd, "getppid") && argc == 1)
		return do_getppid(number(argv[0], 10));
#ifdef WORKLOAD_GETPPID_HERE
	if (!strcmp(cmd, "getppid-here") && argc == 2)
		return do_getppid_here(number(argv[0], 10), number(argv[1], 10));
#endif
	if (!strncmp(cmd, "bt-", 3))
		return bt_workload_main(cmd, argc, argv);
	status = workload_sys(cmd, argc, argv);
	if (status < 0)
		status = workload_net(cmd, argc, argv);
	if (status < 0)
		status = workload_proc_main(cmd, argc, argv);
	if (status < 0)
		status = workload_hostile(cmd, argc, argv);
	if (status < 0)
		status = workload_ipc(cmd, argc, argv);
	if (status < 0)
		status = workload_kern(cmd, argc, argv);
	return status >= 0 ? status : usage();
}
