// SPDX-License-Identifier: GPL-2.0
/* The BAREBPF_* environment, read once, and what it decides. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "loader/btf.h"
#include "loader/tracefs.h"
#include "tools/lib/config.h"

struct tool_config tool_config;

static bool flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

void tool_config__read(struct tool_config *c)
{
	const char *v = getenv("BAREBPF_TRACEFS");

	memset(c, 0, sizeof(*c));
	c->tracefs = v && *v ? v : NULL;
	c->force_debugfs = flag("BAREBPF_FORCE_DEBUGFS");
	c->force_probe_read = flag("BAREBPF_FORCE_PROBE_READ");
	c->force_unroll = flag("BAREBPF_FORCE_UNROLL");
	c->force_prealloc = flag("BAREBPF_FORCE_PREALLOC");
	c->no_btf = flag("BAREBPF_NO_BTF");
	c->no_prepare_exec = flag("BAREBPF_NO_PREPARE_EXEC");
	c->keep_args = flag("BAREBPF_KEEP_ARGS");
	v = getenv("BAREBPF_VERIFIER_LOG");
	if (v && (!strcmp(v, "1") || !strcmp(v, "2")))
		c->verifier_log = (__u32)(*v - '0');
}

const char *tool_tracefs(void)
{
	const struct tracefs_opts opts = {
		.path = tool_config.tracefs,
		.only_debugfs = tool_config.force_debugfs,
		.mount = true,
	};
	return tracefs_find(&opts);
}

struct btf *tool_btf(char *why, size_t len)
{
	struct btf *btf;

	if (tool_config.no_btf) {
		snprintf(why, len, "BAREBPF_NO_BTF is set");
		return NULL;
	}
	btf = btf__load_vmlinux();
	if (!btf)
		snprintf(why, len, "%s: %s", BTF_VMLINUX_PATH, strerror(errno));
	return btf;
}
