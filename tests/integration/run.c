// SPDX-License-Identifier: GPL-2.0
/* Running programs with an argv and capturing all they write. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tests/integration/run.h"

extern char **environ;

/* A stopped program gets this long after SIGTERM before SIGKILL. */
#define RUN_KILL_GRACE_MS	2000

long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* environ plus extra, in a new array (the strings are shared). */
static char **build_env(const char *const *extra)
{
	size_t n = 0, m = 0, i;
	char **env;

	while (environ[n])
		n++;
	while (extra && extra[m])
		m++;
	env = calloc(n + m + 1, sizeof(*env));
	if (!env)
		return NULL;
	for (i = 0; i < m; i++)
		env[i] = (char *)extra[i];
	/* Ours come first, so getenv() finds them before any older value. */
	for (i = 0; i < n; i++)
		env[m + i] = environ[i];
	return env;
}

/* In the forked child: say why it cannot exec, and end. */
/*
 * After setuid with PR_SET_KEEPCAPS: caps permitted, effective,
 * inheritable and ambient, so that they survive the execve; no others.
 */
static int keep_caps(unsigned long long caps)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	int i;

	if (!caps)
		return 0;
	for (i = 0; i < 2; i++)
		data[i].permitted = data[i].effective = data[i].inheritable =
			(__u32)(caps >> (32 * i));
	if (syscall(SYS_capset, &hdr, data))
		return -1;
	for (i = 0; i < 64; i++)
		if (caps & (1ull << i) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, i, 0, 0))
			return -1;
	return 0;
}

static void child_fail(const char *what, const char *path)
{
	dprintf(2, "run: %s %s: %s\n", what, path, strerror(errno));
	_exit(125);
}

/*
 * ms stretched by CK_TIMEOUT_MULTIPLIER as Check stretches the test
 * cases' own limits: a slow machine (a VM under TCG) gets both.
 */
int run_scaled_ms(int ms)
{
	const char *m = getenv("CK_TIMEOUT_MULTIPLIER");
	long k = m ? strtol(m, NULL, 10) : 1;

	return k > 1 && k < 100 ? (int)k * ms : ms;
}

static int default_timeout_ms(void)
{
	return run_scaled_ms(RUN_TIMEOUT_MS);
}

int proc__start(struct proc *p, char *const argv[], const struct run_opts *opts)
{
	static const struct run_opts none;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	pid_t parent;
	char **env;
	int e, i;

	if (!opts)
		opts = &none;
	memset(p, 0, sizeof(*p));
	p->in_fd = p->out_fd = p->err_fd = -1;
	p->out = calloc(1, 1);
	p->err = calloc(1, 1);
	env = build_env(opts->env);
	if (!p->out || !p->err || !env) {
		free(env);
		return -ENOMEM;
	}
	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
		e = -errno;
		goto out_close;
	}
	p->deadline_ms = now_ms() + (opts->timeout_ms ? opts->timeout_ms : default_timeout_ms());
	p->stall_until_ms = now_ms() + opts->stall_stdout_ms;
	parent = getpid();
	p->pid = fork();
	if (p->pid < 0) {
		e = -errno;
		goto out_close;
	}
	if (p->pid == 0) {
		sigset_t none_blocked;

		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
			_exit(125);
		/* The test's own SIG_IGNs and blocks are not the program's. */
		signal(SIGPIPE, SIG_DFL);
		sigemptyset(&none_blocked);
		sigprocmask(SIG_SETMASK, &none_blocked, NULL);
		/*
		 * A test that fails mid-way exits at once: what it started
		 * must not go on tracing the whole system behind it.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) || getppid() != parent)
			_exit(125);
		if (opts->drop_root &&
		    (setgroups(0, NULL) || setgid(RUN_NOBODY) ||
		     (opts->caps && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)) ||
		     setuid(RUN_NOBODY) || keep_caps(opts->caps)))
			child_fail("dropping root for", argv[0]);
		execve(argv[0], argv, env);
		child_fail("exec", argv[0]);
	}
	free(env);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (opts->keep_stdin)
		p->in_fd = in[1];
	else
		close(in[1]);
	p->out_fd = out[0];
	p->err_fd = err[0];
	fcntl(p->out_fd, F_SETFL, O_NONBLOCK);
	fcntl(p->err_fd, F_SETFL, O_NONBLOCK);
	return 0;
out_close:
	free(env);
	for (i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (err[i] >= 0)
			close(err[i]);
	}
	return e;
}

/* Append what fd holds now. Returns bytes read; closes *fd at EOF. */
static size_t drain(int *fd, char **buf, size_t *len, size_t *cap)
{
	size_t total = 0;
	ssize_t n;
	char *nb;

	while (*fd >= 0) {
		if (*cap - *len < 4096 + 1) {
			size_t ncap = *cap ? *cap * 2 : 16384;

			while (ncap - *len < 4096 + 1)
				ncap *= 2;
			nb = realloc(*buf, ncap);
			if (!nb)
				break;
			*buf = nb;
			*cap = ncap;
		}
		n = read(*fd, *buf + *len, *cap - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;		/* EAGAIN: nothing more for now */
		if (n == 0) {
			close(*fd);
			*fd = -1;
			break;
		}
		*len += (size_t)n;
		total += (size_t)n;
	}
	(*buf)[*len] = '\0';
	return total;
}

static size_t drain_both(struct proc *p)
{
	size_t n = drain(&p->err_fd, &p->err, &p->err_len, &p->err_cap);

	if (now_ms() >= p->stall_until_ms)
		n += drain(&p->out_fd, &p->out, &p->out_len, &p->out_cap);
	return n;
}

size_t proc__read(struct proc *p, int timeout_ms)
{
	bool stalled = now_ms() < p->stall_until_ms;
	struct pollfd fds[2] = {
		{ .fd = stalled ? -1 : p->out_fd, .events = POLLIN },
		{ .fd = p->err_fd, .events = POLLIN },
	};

	if (fds[0].fd < 0 && fds[1].fd < 0) {
		if (p->out_fd < 0)
			return 0;
		/* Only stdout is left, and it waits: just let time pass. */
		usleep((useconds_t)timeout_ms * 1000);
		return 0;
	}
	if (poll(fds, 2, timeout_ms) <= 0)
		return 0;
	return drain_both(p);
}

bool proc__wait_for(struct proc *p, bool err, const char *needle,
		    int timeout_ms)
{
	long long end = now_ms() + run_scaled_ms(timeout_ms);

	for (;;) {
		if (strstr(err ? p->err : p->out, needle))
			return true;
		if (now_ms() >= end || (p->out_fd < 0 && p->err_fd < 0))
			return false;
		proc__read(p, 20);
	}
}

static void reap(struct proc *p, int flags)
{
	int ws;
	pid_t r;

	if (p->reaped || p->pid <= 0)
		return;
	do
		r = waitpid(p->pid, &ws, flags);
	while (r < 0 && errno == EINTR);
	if (r != p->pid)
		return;
	p->reaped = true;
	if (WIFSIGNALED(ws)) {
		p->signaled = true;
		p->status = 128 + WTERMSIG(ws);
	} else {
		p->status = WEXITSTATUS(ws);
	}
}

int proc__finish(struct proc *p)
{
	long long kill_at = 0;

	if (p->in_fd >= 0) {
		close(p->in_fd);
		p->in_fd = -1;
	}
	/*
	 * Until it is reaped, not until EOF: a child it leaves behind may
	 * hold the pipes open. What it wrote before exiting is all in the
	 * pipes by then, and the last drain below takes it.
	 */
	for (;;) {
		reap(p, WNOHANG);
		if (p->reaped)
			break;
		if (!p->timed_out && now_ms() >= p->deadline_ms) {
			p->timed_out = true;
			kill(p->pid, SIGTERM);
			kill_at = now_ms() + RUN_KILL_GRACE_MS;
		}
		if (kill_at && now_ms() >= kill_at) {
			kill(p->pid, SIGKILL);
			kill_at = 0;
		}
		if (p->out_fd < 0 && p->err_fd < 0)
			usleep(10000);
		else
			proc__read(p, 10);
	}
	p->stall_until_ms = 0;
	drain_both(p);
	return p->status;
}

void proc__free(struct proc *p)
{
	if (p->pid > 0 && !p->reaped) {
		kill(p->pid, SIGKILL);
		reap(p, 0);
	}
	if (p->in_fd >= 0)
		close(p->in_fd);
	if (p->out_fd >= 0)
		close(p->out_fd);
	if (p->err_fd >= 0)
		close(p->err_fd);
	free(p->out);
	free(p->err);
	memset(p, 0, sizeof(*p));
	p->in_fd = p->out_fd = p->err_fd = -1;
}

int run(struct proc *p, char *const argv[], const struct run_opts *opts)
{
	int err = proc__start(p, argv, opts);

	if (err)
		return err;
	return proc__finish(p);
}

void args__add(struct args *a, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, a);
	while ((s = va_arg(ap, const char *)) != NULL)
		if (a->n < ARGS_MAX)
			a->v[a->n++] = (char *)s;
	va_end(ap);
	a->v[a->n] = NULL;
}

void args__addv(struct args *a, const char *const *list)
{
	for (; list && *list; list++)
		if (a->n < ARGS_MAX)
			a->v[a->n++] = (char *)*list;
	a->v[a->n] = NULL;
}

const char *barebpf_path(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("BAREBPF");

	if (!path[0] && !realpath(env && *env ? env : "build/barebpf", path))
		snprintf(path, sizeof(path), "%s", env && *env ? env : "build/barebpf");
	return path;
}

const char *self_path(void)
{
	static char path[PATH_MAX];
	ssize_t n;

	if (!path[0]) {
		n = readlink("/proc/self/exe", path, sizeof(path) - 1);
		path[n > 0 ? n : 0] = '\0';
	}
	return path;
}

const char *self_comm(void)
{
	static char comm[16];
	const char *base = strrchr(self_path(), '/');
	size_t n;

	base = base ? base + 1 : self_path();
	/* TASK_COMM_LEN: 15 bytes and a NUL */
	n = strnlen(base, sizeof(comm) - 1);
	memcpy(comm, base, n);
	comm[n] = '\0';
	return comm;
}

bool workload_report_ll(const char *text, const char *key, long long *val)
{
	size_t klen = strlen(key);
	const char *line;
	char *end;

	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, "workload: ", 10) || strncmp(line + 10, key, klen) ||
		    line[10 + klen] != ' ')
			continue;
		errno = 0;
		*val = strtoll(line + 11 + klen, &end, 10);
		if (end != line + 11 + klen && (*end == '\n' || !*end) && !errno)
			return true;
	}
	return false;
}

/* Not reported, or past a long (4 bytes on armhf): false. */
bool workload_report(const char *text, const char *key, long *val)
{
	long long v;

	if (!workload_report_ll(text, key, &v) || v < LONG_MIN || v > LONG_MAX)
		return false;
	*val = (long)v;
	return true;
}

int count_lines(const char *text, const char *needle)
{
	const char *line = text, *nl;
	int n = 0;

	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		if (memmem(line, (size_t)(nl - line), needle, strlen(needle)))
			n++;
		line = *nl ? nl + 1 : nl;
	}
	return n;
}

char *temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char templ[PATH_MAX], *real;

	snprintf(templ, sizeof(templ), "%s/barebpf-it.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(templ))
		return NULL;
	/* Paths the tools print are canonical: compare against the same. */
	real = realpath(templ, NULL);
	if (real)
		chmod(real, 0755);
	return real;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void remove_tree(const char *dir)
{
	if (dir)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int write_file(const char *path, const char *text, int mode)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = -EIO;
	close(fd);
	return err;
}

char *read_file(const char *path)
{
	size_t len = 0, cap = 4096;
	char *text = malloc(cap), *grown;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || !text)
		goto fail;
	while ((n = read(fd, text + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len > 1)
			continue;
		grown = realloc(text, cap * 2);
		if (!grown)
			goto fail;
		text = grown;
		cap *= 2;
	}
	if (n < 0)
		goto fail;
	text[len] = '\0';
	close(fd);
	return text;
fail:
	n = errno;
	free(text);
	if (fd >= 0)
		close(fd);
	errno = (int)n;
	return NULL;
}
