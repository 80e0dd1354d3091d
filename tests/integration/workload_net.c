// SPDX-License-Identifier: GPL-2.0
/*
 * The network workloads: binds, connects and accepts over loopback, each
 * reporting the fds, ports and results a test must find in the events.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "tests/integration/workload.h"

/* One line "workload: ..." on stderr in one write(2). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "workload: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(2, line, (size_t)n) < 0)
		_exit(125);
}

/* A loopback endpoint: where to listen, where to connect. */
struct endpoint {
	int family;
	struct sockaddr_storage listen, connect;
	socklen_t len;
};

/*
 * "127.0.0.1" and "::1" are listened on and connected to as they are;
 * an IPv4-mapped "::ffff:a.b.c.d" is reached on an IPv6 socket bound to
 * "::", as a dual-stack server is.
 */
static bool parse_endpoint(const char *text, unsigned int port,
			   struct endpoint *ep)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&ep->connect;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ep->connect;

	memset(ep, 0, sizeof(*ep));
	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		ep->family = in->sin_family = AF_INET;
		in->sin_port = htons((unsigned short)port);
		ep->len = sizeof(*in);
		ep->listen = ep->connect;
		return true;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) != 1)
		return false;
	ep->family = in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((unsigned short)port);
	ep->len = sizeof(*in6);
	ep->listen = ep->connect;
	if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
		((struct sockaddr_in6 *)&ep->listen)->sin6_addr = in6addr_any;
	return true;
}

static void set_port(struct sockaddr_storage *ss, unsigned int port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons((unsigned short)port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons((unsigned short)port);
}

/* The local port of fd, or -errno. */
static int local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return -errno;
	return ntohs(ss.ss_family == AF_INET ?
		     ((struct sockaddr_in *)&ss)->sin_port :
		     ((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* A socket of ep's family; a dual-stack one for IPv6. */
static int ep_socket(const struct endpoint *ep, int type)
{
	int fd = socket(ep->family, type | SOCK_CLOEXEC, 0), off = 0;

	if (fd >= 0 && ep->family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	return fd;
}

static int result(int ret)
{
	return ret < 0 ? -errno : ret;
}

/* A listener on ep (port 0: any), with backlog; reports its fd and port. */
static int listener(struct endpoint *ep, int backlog)
{
	int fd = ep_socket(ep, SOCK_STREAM);

	if (fd < 0 || bind(fd, (struct sockaddr *)&ep->listen, ep->len) ||
	    listen(fd, backlog)) {
		say("listen %d", -errno);
		return -1;
	}
	say("listen_fd %d", fd);
	say("listen_port %d", local_port(fd));
	set_port(&ep->connect, (unsigned int)local_port(fd));
	return fd;
}

static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0) {
		fprintf(stderr, "workload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

/*
 * tcp ADDR [port=N] [times=N] [nobuf] [accept4]: listen on ADDR, a child
 * connects (times times), this process accepts each.
 */
static int do_tcp(int argc, char **argv)
{
	bool nobuf = false, use_accept4 = false;
	long port = 0, times = 1, i;
	struct sockaddr_storage peer;
	struct endpoint ep;
	int lfd, fd, go[2], ws, status = 0;
	socklen_t len;
	pid_t child;
	char c;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "port=", 5))
			port = number(argv[i] + 5);
		else if (!strncmp(argv[i], "times=", 6))
			times = number(argv[i] + 6);
		else if (!strcmp(argv[i], "nobuf"))
			nobuf = true;
		else if (!strcmp(argv[i], "accept4"))
			use_accept4 = true;
		else
			return -1;	/* usage */
	}
	if (!parse_endpoint(argv[0], (unsigned int)port, &ep))
		return -1;	/* usage */
	say("pid %d", (int)getpid());
	lfd = listener(&ep, (int)times);
	if (lfd < 0 || pipe2(go, O_CLOEXEC))
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		/* The connecting side: another process than the acceptor. */
		close(go[1]);
		for (i = 0; i < times; i++) {
			fd = ep_socket(&ep, SOCK_STREAM);
			say("connect_ret %d", result(connect(fd, (struct sockaddr *)&ep.connect,
							     ep.len)));
			say("client_fd %d", fd);
			say("client_port %d", local_port(fd));
		}
		/* Stay connected until every connection was accepted. */
		if (read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	say("client_pid %d", (int)child);
	for (i = 0; i < times; i++) {
		len = sizeof(peer);
		if (use_accept4)
			fd = accept4(lfd, nobuf ? NULL : (struct sockaddr *)&peer,
				     nobuf ? NULL : &len, SOCK_CLOEXEC);
		else
			fd = accept(lfd, nobuf ? NULL : (struct sockaddr *)&peer,
				    nobuf ? NULL : &len);
		say("conn_fd %d", result(fd));
		if (fd < 0)
			status = 1;
	}
	close(go[1]);
	while (waitpid(child, &ws, 0) < 0)
		if (errno != EINTR)
			return 1;
	return status || !WIFEXITED(ws) || WEXITSTATUS(ws);
}

/*
 * tcp-nonblock ADDR: a listener with backlog 1, filled by two connects,
 * so that the SYN of a third, non-blocking one is dropped and it stays
 * in SYN_SENT: EINPROGRESS, whatever the timing.
 */
static int do_tcp_nonblock(const char *addr)
{
	struct endpoint ep;
	int lfd, fd, i, ret;

	if (!parse_endpoint(addr, 0, &ep))
		return -1;	/* usage */
	say("pid %d", (int)getpid());
	lfd = listener(&ep, 1);
	if (lfd < 0)
		return 1;
	for (i = 0; i < 2; i++) {
		fd = ep_socket(&ep, SOCK_STREAM);
		if (connect(fd, (struct sockaddr *)&ep.connect, ep.len))
			return 1;
	}
	fd = ep_socket(&ep, SOCK_STREAM | SOCK_NONBLOCK);
	ret = result(connect(fd, (struct sockaddr *)&ep.connect, ep.len));
	say("connect_ret %d", ret);
	say("client_port %d", local_port(fd));
	return ret != -EINPROGRESS;
}

/*
 * tcp-refused ADDR: connect, from a client bound to a port of its own,
 * to a port that is bound but not listened on: ECONNREFUSED.
 */
static int do_tcp_refused(const char *addr)
{
	struct endpoint ep;
	int fd, client, ret;

	if (!parse_endpoint(addr, 0, &ep))
		return -1;	/* usage */
	say("pid %d", (int)getpid());
	fd = ep_socket(&ep, SOCK_STREAM);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ep.listen, ep.len))
		return 1;
	say("port %d", local_port(fd));
	set_port(&ep.connect, (unsigned int)local_port(fd));
	client = ep_socket(&ep, SOCK_STREAM);
	if (client < 0 || bind(client, (struct sockaddr *)&ep.listen, ep.len))
		return 1;
	say("client_port %d", local_port(client));
	ret = result(connect(client, (struct sockaddr *)&ep.connect, ep.len));
	say("connect_ret %d", ret);
	return ret != -ECONNREFUSED;
}

/*
 * bind tcp|udp ADDR PORT ...: one socket per triple, bound, kept open to
 * the end; reports fdN, retN and portN (what it got) for the Nth.
 */
static int do_bind(int argc, char **argv)
{
	struct endpoint ep;
	int i, n, fd, ret;

	if (argc % 3)
		return -1;	/* usage */
	say("pid %d", (int)getpid());
	for (i = 0, n = 1; i < argc; i += 3, n++) {
		if (!parse_endpoint(argv[i + 1], (unsigned int)number(argv[i + 2]), &ep))
			return -1;	/* usage */
		fd = ep_socket(&ep, strcmp(argv[i], "udp") ? SOCK_STREAM : SOCK_DGRAM);
		ret = result(bind(fd, (struct sockaddr *)&ep.listen, ep.len));
		say("fd%d %d", n, fd);
		say("ret%d %d", n, ret);
		say("port%d %d", n, local_port(fd));
	}
	return 0;
}

/* bind-many N: N times a UDP socket bound to 127.0.0.1 port 0, closed. */
static int do_bind_many(long n)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	long i, bound = 0;
	int fd;

	say("pid %d", (int)getpid());
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && !bind(fd, (struct sockaddr *)&in, sizeof(in)))
			bound++;
		close(fd);
	}
	say("bound %ld", bound);
	return bound != n;
}

/*
 * not-tcp DIR: what no TCP tool may show: a UDP connect to 127.0.0.1,
 * and a Unix stream socket listened on in DIR, connected to, accepted.
 */
static int do_not_tcp(const char *dir)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(9) };
	struct sockaddr_un un = { .sun_family = AF_UNIX }, peer;
	socklen_t len = sizeof(peer);
	int fd, lfd, cfd;

	say("pid %d", (int)getpid());
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	say("udp_connect %d", result(connect(fd, (struct sockaddr *)&in, sizeof(in))));

	snprintf(un.sun_path, sizeof(un.sun_path), "%s/sock", dir);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&un, sizeof(un)) || listen(lfd, 1))
		return 1;
	cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	say("unix_connect %d", result(connect(cfd, (struct sockaddr *)&un, sizeof(un))));
	say("unix_accept %d", result(accept(lfd, (struct sockaddr *)&peer, &len)));
	unlink(un.sun_path);
	return 0;
}

/*
 * A minimal initramfs boots with "lo" down, and 127.0.0.1 and ::1 exist
 * only once it is up: bring it up, as any init would. Up already (any
 * running system) is left alone.
 */
static void loopback_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (fd >= 0 && !ioctl(fd, SIOCGIFFLAGS, &ifr) && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr))
			say("lo %d", -errno);
	}
	if (fd >= 0)
		close(fd);
}

int workload_net(const char *cmd, int argc, char **argv)
{
	if (strcmp(cmd, "tcp") && strcmp(cmd, "tcp-nonblock") &&
	    strcmp(cmd, "tcp-refused") && strcmp(cmd, "bind") &&
	    strcmp(cmd, "bind-many") && strcmp(cmd, "not-tcp"))
		return -1;
	loopback_up();
	if (!strcmp(cmd, "tcp") && argc >= 1)
		return do_tcp(argc, argv);
	if (!strcmp(cmd, "tcp-nonblock") && argc == 1)
		return do_tcp_nonblock(argv[0]);
	if (!strcmp(cmd, "tcp-refused") && argc == 1)
		return do_tcp_refused(argv[0]);
	if (!strcmp(cmd, "bind") && argc >= 3)
		return do_bind(argc, argv);
	if (!strcmp(cmd, "bind-many") && argc == 1)
		return do_bind_many(number(argv[0]));
	if (!strcmp(cmd, "not-tcp") && argc == 1)
		return do_not_tcp(argv[0]);
	return -1;
}
