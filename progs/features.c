// SPDX-License-Identifier: GPL-2.0
/* Helper selection by probing, with fallbacks the caller can force. */
#include <string.h>
#include <linux/bpf.h>
#include "loader/features.h"
#include "progs/features.h"

static void set_read(struct prog_features *f, bool has_user)
{
	if (has_user) {
		f->read_user = BPF_FUNC_probe_read_user;
		f->read_user_str = BPF_FUNC_probe_read_user_str;
		f->read_kernel = BPF_FUNC_probe_read_kernel;
		f->read_kernel_str = BPF_FUNC_probe_read_kernel_str;
	} else {
		/* Before 5.5 one pair reads both address spaces. */
		f->read_user = f->read_kernel = BPF_FUNC_probe_read;
		f->read_user_str = f->read_kernel_str = BPF_FUNC_probe_read_str;
	}
}

void prog_features__init(struct prog_features *f, unsigned int force)
{
	memset(f, 0, sizeof(*f));
	f->forced_read = force & PROG_FORCE_PROBE_READ;
	f->forced_unroll = force & PROG_FORCE_UNROLL;
	f->forced_prealloc = force & PROG_FORCE_PREALLOC;
	set_read(f, false);
}

/* 1 or 0 as the probe answers, -errno when it could not ask. */
static int probe_one(const struct prog_features *f, unsigned int what)
{
	switch (what) {
	case PROG_PROBE_READ:
		return f->forced_read ? 0 :
		       feature_probe_read_helper(BPF_PROG_TYPE_TRACEPOINT,
						 BPF_FUNC_probe_read_user_str);
	case PROG_PROBE_LOOPS:
		return f->forced_unroll ? 0 :
		       feature_probe_bounded_loops(BPF_PROG_TYPE_TRACEPOINT);
	default:
		return f->forced_prealloc ? 0 : feature_probe_hash_no_prealloc();
	}
}

int prog_features__probe_more(struct prog_features *f, unsigned int want)
{
	const unsigned int pair = PROG_PROBE_READ | PROG_PROBE_LOOPS;
	unsigned int what;
	int v;

	/* The reading helpers and loops in one load, where both are. */
	if ((want & pair) == pair && !(f->probed & pair) &&
	    !f->forced_read && !f->forced_unroll) {
		v = feature_probe_read_helper_and_loops(BPF_PROG_TYPE_TRACEPOINT,
							BPF_FUNC_probe_read_user_str);
		if (v < 0)
			return v;
		if (v) {
			set_read(f, true);
			f->bounded_loops = true;
			f->probed |= pair;
		}
	}
	for (what = 1; what & PROG_PROBE_ALL; what <<= 1) {
		if (!(want & what) || (f->probed & what))
			continue;
		v = probe_one(f, what);
		if (v < 0)
			return v;
		if (what == PROG_PROBE_READ)
			set_read(f, v);
		else if (what == PROG_PROBE_LOOPS)
			f->bounded_loops = v;
		else
			f->hash_no_prealloc = v;
		f->probed |= what;
	}
	return 0;
}

int prog_features__probe(struct prog_features *f, unsigned int force)
{
	prog_features__init(f, force);
	return prog_features__probe_more(f, PROG_PROBE_READ | PROG_PROBE_LOOPS);
}
