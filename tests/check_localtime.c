// SPDX-License-Identifier: GPL-2.0
/*
 * Our time zones against glibc's own localtime_r(), the yardstick, for
 * zone files and POSIX rules, sampled over 1975-2065 and around every
 * hour: offsets, daylight flags and broken-down fields must all agree.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <check.h>
#include "tools/lib/localtime.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* glibc's answer for t in zone spec. */
static void glibc_local(const char *spec, time_t t, struct tm *tm)
{
	setenv("TZ", spec, 1);
	tzset();
	ck_assert_ptr_nonnull(localtime_r(&t, tm));
}

/* Compare the two over n times from t0 every step seconds. */
static void compare(const char *spec, long long t0, long long step, int n)
{
	struct tm want, got;
	struct tz z;
	long long t;
	int i;

	tz__load(&z, spec);
	for (i = 0, t = t0; i < n; i++, t += step) {
		glibc_local(spec, (time_t)t, &want);
		tz__local(&z, t, &got);
		ck_assert_msg(got.tm_gmtoff == want.tm_gmtoff &&
			      got.tm_isdst == want.tm_isdst &&
			      got.tm_year == want.tm_year && got.tm_mon == want.tm_mon &&
			      got.tm_mday == want.tm_mday && got.tm_hour == want.tm_hour &&
			      got.tm_min == want.tm_min && got.tm_sec == want.tm_sec &&
			      got.tm_wday == want.tm_wday && got.tm_yday == want.tm_yday,
			      "TZ=%s t=%lld: got %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d "
			      "dst %d off %ld, glibc %04d-%02d-%02d %02d:%02d:%02d wday %d "
			      "yday %d dst %d off %ld", spec, t,
			      got.tm_year + 1900, got.tm_mon + 1, got.tm_mday, got.tm_hour,
			      got.tm_min, got.tm_sec, got.tm_wday, got.tm_yday,
			      got.tm_isdst, got.tm_gmtoff, want.tm_year + 1900,
			      want.tm_mon + 1, want.tm_mday, want.tm_hour, want.tm_min,
			      want.tm_sec, want.tm_wday, want.tm_yday, want.tm_isdst,
			      want.tm_gmtoff);
	}
	tz__free(&z);
}

/* 1975 to 2065 in uneven steps, then each hour of 2024 and of 2050. */
static void compare_all(const char *spec)
{
	compare(spec, 157766400LL, 86400LL * 3 + 3607, 10000);
	compare(spec, 1704067200LL, 3600, 24 * 366);
	compare(spec, 2524608000LL, 3600, 24 * 365);
}

static const char *const zones[] = {
	"UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney",
	"Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham", "Europe/Dublin",
	"America/St_Johns", "Australia/Lord_Howe", "Africa/Casablanca",
	"Etc/GMT+5", "Asia/Tokyo",
};

START_TEST(test_zone_files)
{
	char path[256];

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zones[_i]);
	/* tzdata is a build dependency (make deps): a missing zone fails. */
	ck_assert_msg(access(path, R_OK) == 0, "%s: %m (install tzdata)", path);
	compare_all(zones[_i]);
	/* ":NAME" and the absolute path name the same file. */
	snprintf(path, sizeof(path), ":%s", zones[_i]);
	compare(path, 1700000000LL, 86400LL * 7 + 1, 200);
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zones[_i]);
	compare(path, 1700000000LL, 86400LL * 7 + 1, 200);
}
END_TEST

static const char *const rules[] = {
	"CET-1CEST,M3.5.0,M10.5.0/3",
	"NZST-12NZDT,M9.5.0,M4.1.0/3",
	"<+0530>-5:30",
	"<-03>3",
	"AAA3BBB,J60/0,J300/1:30",
	"AAA-2BBB-3,59/0,300",
	"XXX4YYY3:30,M3.2.0/-1,M11.1.0/26",
	"IST-1GMT0,M10.5.0,M3.5.0/1",
	"JST-9",
};

START_TEST(test_posix_rules)
{
	struct tz_rule r;

	ck_assert_int_eq(tz_rule_parse(rules[_i], &r), 0);
	compare_all(rules[_i]);
}
END_TEST

START_TEST(test_rule_fields)
{
	struct tz_rule r;

	ck_assert_int_eq(tz_rule_parse("CET-1CEST,M3.5.0,M10.5.0/3", &r), 0);
	ck_assert_int_eq(r.std_off, 3600);
	ck_assert_int_eq(r.dst_off, 7200);
	ck_assert(r.has_dst);
	ck_assert_int_eq(r.start.kind, 'M');
	ck_assert_int_eq(r.start.month, 3);
	ck_assert_int_eq(r.start.week, 5);
	ck_assert_int_eq(r.start.day, 0);
	ck_assert_int_eq(r.start.time, 7200);
	ck_assert_int_eq(r.end.month, 10);
	ck_assert_int_eq(r.end.time, 3 * 3600);

	ck_assert_int_eq(tz_rule_parse("<+0530>-5:30", &r), 0);
	ck_assert_int_eq(r.std_off, 5 * 3600 + 30 * 60);
	ck_assert(!r.has_dst);
}
END_TEST

START_TEST(test_bad_rules)
{
	static const char *const bad[] = {
		"", "AB1", "CET", "CET-1CEST,M13.1.0,M10.5.0",
		"CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0",
		"CET-1CEST,M3.5.0", "CET-1CEST,J0,J100", "CET-25", "<AB>1",
		"CET-1CEST,M3.5.0,M10.5.0x", "CET-1:60",
	};
	struct tz_rule r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(tz_rule_parse(bad[i], &r) == -EINVAL, "'%s' accepted",
			      bad[i]);
}
END_TEST

/* What cannot be read or parsed is UTC, as glibc has it. */
START_TEST(test_fallback_to_utc)
{
	static const char *const specs[] = { "", ":", "No/Such_Zone", "../etc/passwd" };
	struct tm tm;
	struct tz z;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		tz__load(&z, specs[i]);
		tz__local(&z, 1700000000LL, &tm);
		ck_assert_int_eq(tm.tm_gmtoff, 0);
		ck_assert_int_eq(tm.tm_hour, 22);
		ck_assert_int_eq(tm.tm_min, 13);
		ck_assert_int_eq(tm.tm_sec, 20);
		tz__free(&z);
	}
	ck_assert_int_eq(tz__load(&z, "No/Such_Zone"), -EINVAL);
	tz__free(&z);
	ck_assert_int_eq(tz__load(&z, ""), 0);
	tz__free(&z);
}
END_TEST

/* A file that is not TZif, and one cut short, read as UTC. */
START_TEST(test_bad_files)
{
	unsigned char head[44] = "TZif2";
	char dir[] = "/tmp/check-localtime.XXXXXX", path[64];
	FILE *f;
	struct tz z;
	struct tm tm;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/zone", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not a zone file\n", f);
	fclose(f);
	ck_assert_int_eq(tz__load(&z, path), -EINVAL);
	tz__local(&z, 0, &tm);
	ck_assert_int_eq(tm.tm_gmtoff, 0);
	tz__free(&z);

	/* The header says 5 transitions, 1 type, 4 name bytes: none follow. */
	head[35] = 5;
	head[39] = 1;
	head[43] = 4;
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fwrite(head, 1, sizeof(head), f);
	fclose(f);
	ck_assert_int_eq(tz__load(&z, path), -EINVAL);
	tz__free(&z);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *localtime_suite(void)
{
	Suite *s = suite_create("localtime");
	TCase *tc = tcase_create("zones");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_zone_files, 0, ARRAY_SIZE(zones));
	tcase_add_loop_test(tc, test_posix_rules, 0, ARRAY_SIZE(rules));
	tcase_add_test(tc, test_rule_fields);
	tcase_add_test(tc, test_bad_rules);
	tcase_add_test(tc, test_fallback_to_utc);
	tcase_add_test(tc, test_bad_files);
	suite_add_tcase(s, tc);
	return s;
}
