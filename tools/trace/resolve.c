// SPDX-License-Identifier: GPL-2.0
/* Raw values made readable: symbols, stacks, times. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "loader/bpf.h"
#include "tools/lib/localtime.h"
#include "tools/trace/resolve.h"

void resolver__init(struct resolver *r, const struct compiler *c)
{
	struct timespec real, mono;
	int i;

	memset(r, 0, sizeof(*r));
	r->c = c;
	for (i = 0; i < 4; i++)
		r->stack_fds[i] = -1;
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	r->boot_to_real_ns = (real.tv_sec - mono.tv_sec) * 1000000000LL +
			     (real.tv_nsec - mono.tv_nsec);
}

void resolver__free(struct resolver *r)
{
	free(r->ksyms);
	free(r->ksym_names);
	r->ksyms = NULL;
	r->ksym_names = NULL;
	usym_cache__free(&r->usyms);
}

static int cmp_ksym(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	/* names of one address in the file's order (the arena's) */
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * One line of /proc/kallsyms, "ffffffff81000000 T _stext [module]":
 * a text symbol is kept, its name in the arena. Only code is named in
 * stacks; the __pfx_ padding before each function (6.2+) is none.
 */
static int ksym_line(struct resolver *r, char *line, size_t *cap, size_t *names_cap)
{
	__u64 addr = 0;
	size_t len;
	char *name;
	int d;
	void *p;

	while ((d = hexval(*line)) >= 0)
		addr = addr << 4 | (__u64)d, line++;
	if (*line != ' ' || !addr || !strchr("tTwW", line[1]) || line[2] != ' ')
		return 0;
	name = line + 3;
	len = strcspn(name, " \t");
	if (!len || !strncmp(name, "__pfx_", 6))
		return 0;
	if (r->nr_ksyms == *cap) {
		*cap = *cap ? *cap * 2 : 16384;
		p = realloc(r->ksyms, *cap * sizeof(*r->ksyms));
		if (!p)
			return -1;
		r->ksyms = p;
	}
	if (r->names_len + len + 1 > *names_cap) {
		*names_cap = *names_cap ? *names_cap * 2 : 1 << 18;
		p = realloc(r->ksym_names, *names_cap);
		if (!p)
			return -1;
		r->ksym_names = p;
	}
	r->ksyms[r->nr_ksyms].addr = addr;
	r->ksyms[r->nr_ksyms].name = (__u32)r->names_len;
	r->nr_ksyms++;
	memcpy(r->ksym_names + r->names_len, name, len);
	r->names_len += len;
	r->ksym_names[r->names_len++] = '\0';
	return 0;
}

/*
 * /proc/kallsyms read in pieces, only its text symbols kept (some
 * 64000 of 121000 lines here: 2 MiB, where the whole file is 5 MiB).
 */
static void load_ksyms(struct resolver *r)
{
	size_t cap = 0, names_cap = 0, have = 0, got;
	char buf[16384], *line, *nl;
	int fd = open("/proc/kallsyms", O_RDONLY | O_CLOEXEC);

	r->ksyms_tried = true;
	if (fd < 0)
		return;
	for (;;) {
		got = (size_t)read(fd, buf + have, sizeof(buf) - 1 - have);
		if ((ssize_t)got <= 0)
			break;
		have += got;
		buf[have] = '\0';
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			if (ksym_line(r, line, &cap, &names_cap))
				goto out;
		}
		/* a line cut by the buffer's end waits for the rest */
		have = (size_t)(buf + have - line);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1)
			have = 0;
	}
	qsort(r->ksyms, r->nr_ksyms, sizeof(*r->ksyms), cmp_ksym);
out:
	close(fd);
}

const char *resolve_ksym(struct resolver *r, __u64 addr, __u64 *off)
{
	size_t lo = 0, hi;

	if (!r->ksyms_tried)
		load_ksyms(r);
	hi = r->nr_ksyms;
	if (!hi || addr < r->ksyms[0].addr)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (r->ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* of several names at one address, the file's first */
	while (lo && r->ksyms[lo - 1].addr == r->ksyms[lo].addr)
		lo--;
	*off = addr - r->ksyms[lo].addr;
	return r->ksym_names + r->ksyms[lo].name;
}

const char *resolve_usym(struct resolver *r, int pid, __u64 addr, __u64 *off)
{
	return usym_cache__name(&r->usyms, pid, addr, off);
}

int resolve_stack(struct resolver *r, int depth, long long id, __u64 *pcs, int max)
{
	__u64 frames[TRACE_STACK_DEPTH];
	__u32 key = (__u32)id;
	int i, fd = -1, n;

	for (i = 0; i < r->c->nr_stack_depths; i++)
		if (r->c->stack_depths[i] == depth)
			fd = r->stack_fds[i];
	if (fd < 0 || id < 0 || bpf_map_lookup_elem(fd, &key, frames))
		return 0;
	for (n = 0; n < depth && n < max && frames[n]; n++)
		pcs[n] = frames[n];
	return n;
}

static const char *const days[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

size_t resolve_time(struct resolver *r, const char *fmt, size_t fmt_len,
		    __u64 ns, bool monotonic, char *buf, size_t len)
{
	long long real = monotonic ? (long long)ns + r->boot_to_real_ns : (long long)ns;
	time_t secs = (time_t)(real / 1000000000LL);
	long frac = (long)(real % 1000000000LL);
	size_t at = 0, i;
	struct tm tm;
	char tmp[32];

	local_time(secs, &tm);
	for (i = 0; i < fmt_len && at + 32 < len; i++) {
		if (fmt[i] != '%' || i + 1 == fmt_len) {
			buf[at++] = fmt[i];
			continue;
		}
		switch (fmt[++i]) {
		case 'Y': snprintf(tmp, sizeof(tmp), "%d", tm.tm_year + 1900); break;
		case 'y': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_year % 100); break;
		case 'm': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_mon + 1); break;
		case 'd': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_mday); break;
		case 'e': snprintf(tmp, sizeof(tmp), "%2d", tm.tm_mday); break;
		case 'H': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_hour); break;
		case 'I': snprintf(tmp, sizeof(tmp), "%02d", (tm.tm_hour + 11) % 12 + 1); break;
		case 'M': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_min); break;
		case 'S': snprintf(tmp, sizeof(tmp), "%02d", tm.tm_sec); break;
		case 'j': snprintf(tmp, sizeof(tmp), "%03d", tm.tm_yday + 1); break;
		case 'p': snprintf(tmp, sizeof(tmp), "%s", tm.tm_hour < 12 ? "AM" : "PM"); break;
		case 'a': snprintf(tmp, sizeof(tmp), "%.3s", days[tm.tm_wday]); break;
		case 'A': snprintf(tmp, sizeof(tmp), "%s", days[tm.tm_wday]); break;
		case 'b': case 'h': snprintf(tmp, sizeof(tmp), "%.3s", months[tm.tm_mon]); break;
		case 'B': snprintf(tmp, sizeof(tmp), "%s", months[tm.tm_mon]); break;
		case 'T': snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec); break;
		case 'R': snprintf(tmp, sizeof(tmp), "%02d:%02d", tm.tm_hour, tm.tm_min); break;
		case 'D': snprintf(tmp, sizeof(tmp), "%02d/%02d/%02d", tm.tm_mon + 1, tm.tm_mday, tm.tm_year % 100); break;
		case 'F': snprintf(tmp, sizeof(tmp), "%d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday); break;
		case 's': snprintf(tmp, sizeof(tmp), "%lld", (long long)secs); break;
		case 'f': snprintf(tmp, sizeof(tmp), "%06ld", frac / 1000); break;
		case 'z': {
			long off = tm.tm_gmtoff;

			snprintf(tmp, sizeof(tmp), "%c%02ld%02ld", off < 0 ? '-' : '+',
				 labs(off) / 3600, labs(off) / 60 % 60);
			break;
		}
		case 'n': snprintf(tmp, sizeof(tmp), "\n"); break;
		case 't': snprintf(tmp, sizeof(tmp), "\t"); break;
		case '%': snprintf(tmp, sizeof(tmp), "%%"); break;
		default: snprintf(tmp, sizeof(tmp), "%%%c", fmt[i]); break;
		}
		memcpy(buf + at, tmp, strlen(tmp));
		at += strlen(tmp);
	}
	buf[at] = '\0';
	return at;
}
