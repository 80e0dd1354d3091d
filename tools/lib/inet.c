// SPDX-License-Identifier: GPL-2.0
/* Address text and port lists, without inet_ntop() or getaddrinfo(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "tools/lib/args.h"
#include "tools/lib/inet.h"

static char *put_v4(char *p, const unsigned char *a)
{
	return p + sprintf(p, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static const char *v6_str(const unsigned char *a, char *buf)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
	};
	unsigned int group[8];
	int i, run = 0, best = -1, best_len = 1;
	char *p = buf;

	if (!memcmp(a, mapped, sizeof(mapped))) {
		put_v4(p + sprintf(p, "::ffff:"), a + 12);
		return buf;
	}
	/* The longest run of zero groups, two at least, the first on a tie. */
	for (i = 0; i < 8; i++) {
		group[i] = (unsigned int)a[2 * i] << 8 | a[2 * i + 1];
		run = group[i] ? 0 : run + 1;
		if (run > best_len) {
			best_len = run;
			best = i - run + 1;
		}
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			p += sprintf(p, "::");
			i += best_len - 1;
			continue;
		}
		p += sprintf(p, "%s%x", i && i != best + best_len ? ":" : "",
			     group[i]);
	}
	*p = '\0';
	return buf;
}

const char *inet_addr_str(int family, const void *addr, char *buf)
{
	if (family == AF_INET)
		put_v4(buf, addr);
	else if (family == AF_INET6)
		v6_str(addr, buf);
	else
		strcpy(buf, "?");
	return buf;
}

const char *inet_version(int family)
{
	return family == AF_INET ? "4" : family == AF_INET6 ? "6" : "?";
}

const char *inet_proto_name(int type, int protocol, char *buf)
{
	if (type == SOCK_RAW)
		return "RAW";
	switch (protocol) {
	case IPPROTO_TCP: return "TCP";
	case IPPROTO_UDP: return "UDP";
	case IPPROTO_UDPLITE: return "UDPLITE";
	case IPPROTO_SCTP: return "SCTP";
	case IPPROTO_ICMP: return "ICMP";
	case IPPROTO_ICMPV6: return "ICMPV6";
	case 262: return "MPTCP";	/* IPPROTO_MPTCP, 5.6 */
	case 0: if (!type) return "?";
	}
	snprintf(buf, 8, "%d", protocol & 0xffff);
	return buf;
}

int parse_ports(const char *opt, const char *s, __u16 *ports)
{
	const char *p = s;
	char *end;
	long v;
	int n = 0;

	for (;;) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = strtol(p, &end, 10);
		if (v > 65535)
			goto bad;
		if (n == INET_PORTS_MAX) {
			tool_err("invalid %s value '%s': at most %d ports",
				 opt, s, INET_PORTS_MAX);
			return -1;
		}
		ports[n++] = inet_port_be((unsigned int)v);
		if (!*end)
			return n;
		if (*end != ',')
			goto bad;
		p = end + 1;
	}
bad:
	tool_err("invalid %s value '%s': expected ports 0..65535, comma-separated",
		 opt, s);
	return -1;
}

int parse_family(int opt, int *family)
{
	int want = opt == '4' ? AF_INET : AF_INET6;

	if (*family && *family != want) {
		tool_err("-4 and -6 exclude each other");
		return -1;
	}
	*family = want;
	return 0;
}
