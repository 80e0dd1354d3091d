// SPDX-License-Identifier: GPL-2.0
/* Time zones from TZif files and POSIX rules, without tzset(). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/lib/localtime.h"

#define TZDIR		"/usr/share/zoneinfo"
/* The largest zone file is some 4 KiB; anything past this is not one. */
#define TZIF_MAX	(256 << 10)
#define TZIF_HEADER	44
#define DAY		86400L

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (unsigned int)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era;
	unsigned int doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static bool is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* "std" or "<+0530>": at least three characters. */
static const char *parse_name(const char *s)
{
	const char *start = s;

	if (*s == '<') {
		for (start = ++s; *s && *s != '>'; s++)
			;
		return *s == '>' && s - start >= 3 ? s + 1 : NULL;
	}
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		s++;
	return s - start >= 3 ? s : NULL;
}

static const char *parse_num(const char *s, int max, long *out)
{
	long v = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > max)
			return NULL;
	}
	*out = v;
	return s;
}

/* [+-]hh[:mm[:ss]] into seconds; hours up to max_hours. */
static const char *parse_hms(const char *s, int max_hours, long *secs)
{
	long h, m = 0, sec = 0, sign = 1;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	s = parse_num(s, max_hours, &h);
	if (s && *s == ':') {
		s = parse_num(s + 1, 59, &m);
		if (s && *s == ':')
			s = parse_num(s + 1, 59, &sec);
	}
	if (s)
		*secs = sign * (h * 3600 + m * 60 + sec);
	return s;
}

static const char *parse_date(const char *s, struct tz_date *d)
{
	long v, w, wd;

	if (*s == 'M') {
		s = parse_num(s + 1, 12, &v);
		if (!s || *s != '.' || v < 1)
			return NULL;
		s = parse_num(s + 1, 5, &w);
		if (!s || *s != '.' || w < 1)
			return NULL;
		s = parse_num(s + 1, 6, &wd);
		if (!s)
			return NULL;
		d->kind = 'M';
		d->month = (int)v;
		d->week = (int)w;
		d->day = (int)wd;
	} else if (*s == 'J') {
		s = parse_num(s + 1, 365, &v);
		if (!s || v < 1)
			return NULL;
		d->kind = 'J';
		d->day = (int)v;
	} else {
		s = parse_num(s, 365, &v);
		if (!s)
			return NULL;
		d->kind = 'n';
		d->day = (int)v;
	}
	d->time = 2 * 3600;
	/* RFC 8536 lets the time run from -167 to 167 hours. */
	if (s && *s == '/')
		s = parse_hms(s + 1, 167, &d->time);
	return s;
}

int tz_rule_parse(const char *s, struct tz_rule *r)
{
	long off;

	memset(r, 0, sizeof(*r));
	s = parse_name(s);
	if (!s || !(s = parse_hms(s, 24, &off)))
		return -EINVAL;
	/* POSIX counts hours west of Greenwich: "EST5" is UTC-5. */
	r->std_off = -off;
	if (!*s)
		return 0;
	s = parse_name(s);
	if (!s)
		return -EINVAL;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*s && *s != ',') {
		if (!(s = parse_hms(s, 24, &off)))
			return -EINVAL;
		r->dst_off = -off;
	}
	if (!*s) {
		/* No dates: the US rules, as glibc assumes. */
		r->start = (struct tz_date){ 'M', 3, 2, 0, 2 * 3600 };
		r->end = (struct tz_date){ 'M', 11, 1, 0, 2 * 3600 };
		return 0;
	}
	if (*s != ',' || !(s = parse_date(s + 1, &r->start)) || *s != ',' ||
	    !(s = parse_date(s + 1, &r->end)) || *s)
		return -EINVAL;
	return 0;
}

/* The UTC second at which date d falls in year y, read at offset off. */
static long long date_utc(long long y, const struct tz_date *d, long off)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long long day = days_from_civil(y, 1, 1);
	int first_wday, mday, len;

	switch (d->kind) {
	case 'J':	/* 1..365, February 29 never counted */
		day += d->day - 1 + (is_leap(y) && d->day >= 60);
		break;
	case 'n':
		day += d->day;
		break;
	default:	/* day d of week w of month m; week 5 is the last */
		day = days_from_civil(y, d->month, 1);
		first_wday = (int)((day % 7 + 11) % 7);	/* 1970-01-01: Thursday */
		mday = 1 + (d->day - first_wday + 7) % 7 + (d->week - 1) * 7;
		len = mdays[d->month - 1] + (d->month == 2 && is_leap(y));
		while (mday > len)
			mday -= 7;
		day += mday - 1;
		break;
	}
	return day * DAY + d->time - off;
}

static struct tz_type rule_type(const struct tz_rule *r, long long t)
{
	long long y, start, end;
	int m, d;
	bool dst;

	if (!r->has_dst)
		return (struct tz_type){ r->std_off, false };
	civil_from_days(floor_div(t + r->std_off, DAY), &y, &m, &d);
	start = date_utc(y, &r->start, r->std_off);
	end = date_utc(y, &r->end, r->dst_off);
	if (start < end)
		dst = t >= start && t < end;
	else	/* the southern hemisphere: summer spans the new year */
		dst = !(t >= end && t < start);
	return (struct tz_type){ dst ? r->dst_off : r->std_off, dst };
}

static long long be(const unsigned char *p, int n)
{
	unsigned long long v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	if (n == 4)
		return (long long)(int)(unsigned int)v;
	return (long long)v;
}

/* Read a TZif file whole. Returns 0, -errno, or -EINVAL for a bad one. */
static int tzif_parse(struct tz *z, const unsigned char *p, size_t len)
{
	size_t isut, isstd, leap, timecnt, typecnt, charcnt, block, i;
	int tsize = 4;
	const unsigned char *end = p + len, *foot;
	char rule[128];

	if (len < TZIF_HEADER || memcmp(p, "TZif", 4))
		return -EINVAL;
	for (;;) {
		isut = (size_t)be(p + 20, 4);
		isstd = (size_t)be(p + 24, 4);
		leap = (size_t)be(p + 28, 4);
		timecnt = (size_t)be(p + 32, 4);
		typecnt = (size_t)be(p + 36, 4);
		charcnt = (size_t)be(p + 40, 4);
		if (typecnt == 0 || typecnt > 256 || timecnt > TZIF_MAX ||
		    leap > TZIF_MAX || charcnt > TZIF_MAX || isut > 256 ||
		    isstd > 256)
			return -EINVAL;
		block = timecnt * (size_t)(tsize + 1) + typecnt * 6 + charcnt +
			leap * (size_t)(tsize + 4) + isstd + isut;
		if ((size_t)(end - p) < TZIF_HEADER + block)
			return -EINVAL;
		/* Version 2 and later repeat the data with 64-bit times. */
		if (tsize == 4 && p[4] >= '2') {
			p += TZIF_HEADER + block;
			if ((size_t)(end - p) < TZIF_HEADER || memcmp(p, "TZif", 4))
				return -EINVAL;
			tsize = 8;
			continue;
		}
		break;
	}
	z->times = calloc(timecnt + 1, sizeof(*z->times));
	z->idx = calloc(timecnt + 1, 1);
	z->types = calloc(typecnt, sizeof(*z->types));
	if (!z->times || !z->idx || !z->types)
		return -ENOMEM;
	p += TZIF_HEADER;
	for (i = 0; i < timecnt; i++)
		z->times[i] = be(p + i * (size_t)tsize, tsize);
	p += timecnt * (size_t)tsize;
	for (i = 0; i < timecnt; i++) {
		if (p[i] >= typecnt)
			return -EINVAL;
		z->idx[i] = p[i];
	}
	p += timecnt;
	for (i = 0; i < typecnt; i++) {
		z->types[i].off = (long)be(p + i * 6, 4);
		z->types[i].dst = p[i * 6 + 4] != 0;
	}
	z->nr_times = (unsigned int)timecnt;
	z->nr_types = (unsigned int)typecnt;
	p += block - timecnt * (size_t)(tsize + 1);
	/* The footer: "\nRULE\n", for times past the last transition. */
	if (tsize == 8 && p < end && *p == '\n') {
		foot = memchr(p + 1, '\n', (size_t)(end - p - 1));
		if (foot && foot - p - 1 > 0 && foot - p - 1 < (long)sizeof(rule)) {
			memcpy(rule, p + 1, (size_t)(foot - p - 1));
			rule[foot - p - 1] = '\0';
			z->has_rule = tz_rule_parse(rule, &z->rule) == 0;
		}
	}
	return 0;
}

static int tzif_load(struct tz *z, const char *path)
{
	unsigned char *buf;
	size_t n = 0;
	ssize_t r;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(TZIF_MAX);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (n < TZIF_MAX && (r = read(fd, buf + n, TZIF_MAX - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	err = tzif_parse(z, buf, n);
	free(buf);
	if (err)
		tz__free(z);
	return err;
}

int tz__load(struct tz *z, const char *spec)
{
	char path[512];
	int err;

	memset(z, 0, sizeof(*z));
	if (!spec)
		return tzif_load(z, "/etc/localtime") ? -ENOENT : 0;
	if (*spec == ':')
		spec++;
	if (!*spec)
		return 0;
	if (*spec == '/')
		snprintf(path, sizeof(path), "%s", spec);
	else if (!strstr(spec, ".."))
		snprintf(path, sizeof(path), TZDIR "/%s", spec);
	else
		path[0] = '\0';
	if (path[0] && tzif_load(z, path) == 0)
		return 0;
	err = tz_rule_parse(spec, &z->rule);
	z->has_rule = err == 0;
	if (err)
		memset(&z->rule, 0, sizeof(z->rule));
	return err;
}

static struct tz_type zone_type(const struct tz *z, long long t)
{
	unsigned int lo = 0, hi = z->nr_times;

	if (z->has_rule && (!z->nr_times || t >= z->times[z->nr_times - 1]))
		return rule_type(&z->rule, t);
	if (!z->nr_types)
		return (struct tz_type){ 0, false };
	if (!z->nr_times || t < z->times[0])
		return z->types[0];
	/* The last transition at or before t. */
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (z->times[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->types[z->idx[lo]];
}

void tz__local(const struct tz *z, long long t, struct tm *tm)
{
	struct tz_type type = zone_type(z, t);
	long long local = t + type.off, days = floor_div(local, DAY), y;
	long secs = (long)(local - days * DAY);
	int m, d;

	civil_from_days(days, &y, &m, &d);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = type.dst;
	tm->tm_gmtoff = type.off;
}

void tz__free(struct tz *z)
{
	free(z->times);
	free(z->idx);
	free(z->types);
	z->times = NULL;
	z->idx = NULL;
	z->types = NULL;
	z->nr_times = z->nr_types = 0;
}

struct tm *local_time(time_t t, struct tm *tm)
{
	static struct tz zone;
	static bool loaded;

	if (!loaded) {
		tz__load(&zone, getenv("TZ"));
		loaded = true;
	}
	tz__local(&zone, (long long)t, tm);
	return tm;
}

const char *local_hms(char *buf, size_t len)
{
	struct tm tm;

	local_time(time(NULL), &tm);
	snprintf(buf, len, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}
