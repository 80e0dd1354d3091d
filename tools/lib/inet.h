/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internet addresses and ports as the network tools print and parse them.
 * IPv4 is dotted decimal; IPv6 is RFC 5952 text: lower-case hex without
 * leading zeros, the longest run of two or more zero groups (the first of
 * equal runs) written "::", and an IPv4-mapped address as ::ffff:a.b.c.d.
 * Ports stay in network order, as struct sockaddr and the records carry
 * them, until they are printed or compared with what the user typed.
 */
#ifndef BAREBPF_TOOLS_INET_H
#define BAREBPF_TOOLS_INET_H

#include <sys/socket.h>
#include <linux/types.h>

/* Longest text an address takes, with its NUL: INET6_ADDRSTRLEN. */
#define INET_ADDR_STRLEN	46

/* At most this many ports in a -P list: each is one jump in a program. */
#define INET_PORTS_MAX		64

/*
 * Write addr (4 bytes for AF_INET, 16 for AF_INET6) as text into buf,
 * which holds INET_ADDR_STRLEN bytes; any other family gives "?".
 * Returns buf.
 */
const char *inet_addr_str(int family, const void *addr, char *buf);

/* "4" for AF_INET, "6" for AF_INET6, "?" otherwise: the IP column. */
const char *inet_version(int family);

/* 4, 6, or 0 for any other family: the JSON "ip" member. */
static inline int inet_ip(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 6 : 0;
}

/* A port kept in network order, in host order. */
static inline unsigned int inet_port(__u16 be)
{
	const unsigned char *p = (const unsigned char *)&be;

	return (unsigned int)p[0] << 8 | p[1];
}

/* A port in host order, in network order. */
static inline __u16 inet_port_be(unsigned int port)
{
	unsigned char p[2] = { (unsigned char)(port >> 8), (unsigned char)port };
	__u16 be;

	__builtin_memcpy(&be, p, sizeof(be));
	return be;
}

/*
 * The protocol column: "TCP", "UDP", ... from the socket's type
 * (SOCK_RAW gives "RAW") and protocol; "?" when both are 0 (unknown),
 * else the number, written into buf (8 bytes).
 */
const char *inet_proto_name(int type, int protocol, char *buf);

/*
 * Parse a -P list, "80,443": ports 0..65535, at most INET_PORTS_MAX, into
 * ports (network order). Returns how many, or -1 after printing
 * "barebpf TOOL: invalid OPT value 'S': ...".
 */
int parse_ports(const char *opt, const char *s, __u16 *ports);

/*
 * -4 or -6 (opt) into *family (AF_INET, AF_INET6; 0 before either).
 * Returns 0, or -1 after "barebpf TOOL: -4 and -6 exclude each other".
 */
int parse_family(int opt, int *family);

#endif /* BAREBPF_TOOLS_INET_H */
