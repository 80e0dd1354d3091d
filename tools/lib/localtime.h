/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Local time without glibc's tzset(): its TZ parser calls sscanf, which
 * brings strtod and the float128 parsers, and localtime_r with strftime
 * cost some 150 KiB of a static binary. The zone is found as glibc finds
 * it: $TZ (empty: UTC; ":NAME" or "NAME": a TZif file, absolute or under
 * /usr/share/zoneinfo, else a POSIX rule such as
 * "CET-1CEST,M3.5.0,M10.5.0/3"), else /etc/localtime, else UTC. TZif
 * files (RFC 8536) are read whole, versions 1 to 4, with the footer rule
 * for times past the last transition. Leap seconds ("right/" zones) are
 * not applied.
 */
#ifndef BAREBPF_TOOLS_LOCALTIME_H
#define BAREBPF_TOOLS_LOCALTIME_H

#include <stdbool.h>
#include <time.h>

/* A daylight-saving switch: "Mm.w.d", "Jn" or "n", then "/time". */
struct tz_date {
	char kind;		/* 'M', 'J', or 'n' for a 0-based day */
	int month, week, day;	/* M: month 1-12, week 1-5, weekday 0-6 */
	long time;		/* seconds after local midnight, may be < 0 */
};

/* A POSIX TZ rule: standard time, and daylight time between two dates. */
struct tz_rule {
	long std_off;		/* seconds east of UTC */
	long dst_off;
	bool has_dst;
	struct tz_date start, end;
};

struct tz_type {
	long off;		/* seconds east of UTC */
	bool dst;
};

struct tz {
	long long *times;	/* transitions, ascending, UTC seconds */
	unsigned char *idx;	/* the type in force from each transition */
	struct tz_type *types;
	unsigned int nr_times, nr_types;
	struct tz_rule rule;	/* POSIX rule, or the TZif footer */
	bool has_rule;
};

/*
 * Load the zone spec names, as $TZ would (NULL: TZ unset). Never fails:
 * what cannot be read or parsed is UTC, as for glibc. Returns 0, or
 * -ENOENT/-EINVAL when it fell back to UTC.
 */
int tz__load(struct tz *z, const char *spec);

/* Parse a POSIX TZ rule whole. Returns 0 or -EINVAL. */
int tz_rule_parse(const char *s, struct tz_rule *r);

/* Fill tm (all fields but tm_zone, which is NULL) with t in zone z. */
void tz__local(const struct tz *z, long long t, struct tm *tm);

void tz__free(struct tz *z);

/* localtime_r() in the zone $TZ names, loaded on first use. */
struct tm *local_time(time_t t, struct tm *tm);

/* The wall clock now as "HH:MM:SS", local time, into buf of 9+ bytes. */
const char *local_hms(char *buf, size_t len);

#endif /* BAREBPF_TOOLS_LOCALTIME_H */
