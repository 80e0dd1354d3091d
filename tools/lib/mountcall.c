// SPDX-License-Identifier: GPL-2.0
/* Mount-family arguments as text. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <linux/mount.h>
#include "tools/lib/flagnames.h"
#include "tools/lib/mountcall.h"

static const struct flag_name ms_flags[] = {
	FLAG(MS_RDONLY), FLAG(MS_NOSUID), FLAG(MS_NODEV), FLAG(MS_NOEXEC),
	FLAG(MS_SYNCHRONOUS), FLAG(MS_REMOUNT), FLAG(MS_MANDLOCK),
	FLAG(MS_DIRSYNC), FLAG(MS_NOSYMFOLLOW), FLAG(MS_NOATIME),
	FLAG(MS_NODIRATIME), FLAG(MS_BIND), FLAG(MS_MOVE), FLAG(MS_REC),
	FLAG(MS_SILENT), FLAG(MS_POSIXACL), FLAG(MS_UNBINDABLE),
	FLAG(MS_PRIVATE), FLAG(MS_SLAVE), FLAG(MS_SHARED), FLAG(MS_RELATIME),
	FLAG(MS_KERNMOUNT), FLAG(MS_I_VERSION), FLAG(MS_STRICTATIME),
	FLAG(MS_LAZYTIME), { 0, 0, NULL },
};

/* umount2(2)'s, from <sys/mount.h>, which clashes with <linux/mount.h>. */
static const struct flag_name umount_flags[] = {
	{ 1, 1, "MNT_FORCE" }, { 2, 2, "MNT_DETACH" }, { 4, 4, "MNT_EXPIRE" },
	{ 8, 8, "UMOUNT_NOFOLLOW" }, { 0, 0, NULL },
};

static const struct flag_name fsopen_flags[] = {
	FLAG(FSOPEN_CLOEXEC), { 0, 0, NULL },
};

static const struct flag_name fsmount_flags[] = {
	FLAG(FSMOUNT_CLOEXEC), { 0, 0, NULL },
};

/* MOUNT_ATTR_RELATIME is 0: what is left when no atime bit is set. */
static const struct flag_name mount_attrs[] = {
	FLAG(MOUNT_ATTR_RDONLY), FLAG(MOUNT_ATTR_NOSUID), FLAG(MOUNT_ATTR_NODEV),
	FLAG(MOUNT_ATTR_NOEXEC), FLAG(MOUNT_ATTR_NOATIME),
	FLAG(MOUNT_ATTR_STRICTATIME), FLAG(MOUNT_ATTR_NODIRATIME),
	FLAG(MOUNT_ATTR_IDMAP), FLAG(MOUNT_ATTR_NOSYMFOLLOW), { 0, 0, NULL },
};

static const struct flag_name move_mount_flags[] = {
	FLAG(MOVE_MOUNT_F_SYMLINKS), FLAG(MOVE_MOUNT_F_AUTOMOUNTS),
	FLAG(MOVE_MOUNT_F_EMPTY_PATH), FLAG(MOVE_MOUNT_T_SYMLINKS),
	FLAG(MOVE_MOUNT_T_AUTOMOUNTS), FLAG(MOVE_MOUNT_T_EMPTY_PATH),
	FLAG(MOVE_MOUNT_SET_GROUP), { 0x200, 0x200, "MOVE_MOUNT_BENEATH" }, { 0, 0, NULL },
};

static const struct flag_name fspick_flags[] = {
	FLAG(FSPICK_CLOEXEC), FLAG(FSPICK_SYMLINK_NOFOLLOW),
	FLAG(FSPICK_NO_AUTOMOUNT), FLAG(FSPICK_EMPTY_PATH), { 0, 0, NULL },
};

static const struct flag_name open_tree_flags[] = {
	FLAG(OPEN_TREE_CLONE), FLAG(OPEN_TREE_CLOEXEC), FLAG(AT_SYMLINK_NOFOLLOW),
	FLAG(AT_NO_AUTOMOUNT), FLAG(AT_EMPTY_PATH), FLAG(AT_RECURSIVE),
	{ 0, 0, NULL },
};

static const char *const fsconfig_cmds[] = {
	[FSCONFIG_SET_FLAG] = "FSCONFIG_SET_FLAG",
	[FSCONFIG_SET_STRING] = "FSCONFIG_SET_STRING",
	[FSCONFIG_SET_BINARY] = "FSCONFIG_SET_BINARY",
	[FSCONFIG_SET_PATH] = "FSCONFIG_SET_PATH",
	[FSCONFIG_SET_PATH_EMPTY] = "FSCONFIG_SET_PATH_EMPTY",
	[FSCONFIG_SET_FD] = "FSCONFIG_SET_FD",
	[FSCONFIG_CMD_CREATE] = "FSCONFIG_CMD_CREATE",
	[FSCONFIG_CMD_RECONFIGURE] = "FSCONFIG_CMD_RECONFIGURE",
	[8] = "FSCONFIG_CMD_CREATE_EXCL",	/* 6.6 */
};

static const struct flag_name *flag_table(int kind)
{
	switch (kind) {
	case MARG_MS_FLAGS: return ms_flags;
	case MARG_UMOUNT_FLAGS: return umount_flags;
	case MARG_FSOPEN_FLAGS: return fsopen_flags;
	case MARG_FSMOUNT_FLAGS: return fsmount_flags;
	case MARG_MOUNT_ATTR: return mount_attrs;
	case MARG_MOVE_MOUNT_FLAGS: return move_mount_flags;
	case MARG_FSPICK_FLAGS: return fspick_flags;
	case MARG_OPEN_TREE_FLAGS: return open_tree_flags;
	}
	return NULL;
}

void mount_flags_text(char *buf, size_t len, int kind, unsigned long long v)
{
	size_t used = 0;

	buf[0] = '\0';
	/* mount(2) before 2.4 wanted a magic number in the high half. */
	if (kind == MARG_MS_FLAGS && (v & MS_MGC_MSK) == MS_MGC_VAL) {
		used = (size_t)snprintf(buf, len, "MS_MGC_VAL");
		v &= ~(unsigned long long)MS_MGC_MSK;
		if (!v || used + 1 >= len)
			return;
		buf[used++] = '|';
	}
	flags_text(buf + used, len - used, flag_table(kind), v,
		   FLAGS_REST_HEX);
}

void mount_args_decode(const struct mountsnoop_event *e, size_t str_len,
		       struct mount_args *a)
{
	const struct mountsnoop_call_desc *d = &mountsnoop_calls[e->call];
	const char *s = e->str, *end = e->str + str_len;
	unsigned long long v;
	int i, kind;

	for (i = 0; i < MOUNTSNOOP_ARGS && d->kinds[i] != MARG_NONE; i++) {
		kind = d->kinds[i];
		v = e->args[i];
		a->string[i] = false;
		a->text[i] = a->buf[i];
		switch (kind) {
		case MARG_STR:
			if (s >= end || e->unreadable & (1u << i)) {
				a->text[i] = v ? "?" : "NULL";
			} else {
				a->text[i] = s;
				a->string[i] = true;
			}
			/* The program wrote each string, read or not, NUL included. */
			s += s < end ? strnlen(s, (size_t)(end - s)) + 1 : 0;
			break;
		case MARG_DFD:
			if ((int)v == AT_FDCWD) {
				a->text[i] = "AT_FDCWD";
				break;
			}
			/* fall through */
		case MARG_FD:
		case MARG_INT:
			snprintf(a->buf[i], MOUNT_ARG_TEXT_MAX, "%d", (int)v);
			break;
		case MARG_FSCONFIG_CMD:
			if ((unsigned int)v < sizeof(fsconfig_cmds) / sizeof(fsconfig_cmds[0]))
				a->text[i] = fsconfig_cmds[(unsigned int)v];
			else
				snprintf(a->buf[i], MOUNT_ARG_TEXT_MAX, "%u", (unsigned int)v);
			break;
		default:
			/* Only mount(2)'s flags are a long; the rest are ints. */
			mount_flags_text(a->buf[i], MOUNT_ARG_TEXT_MAX, kind,
					 kind == MARG_MS_FLAGS ? v : (unsigned int)v);
		}
	}
	a->n = i;
	/* fsconfig(SET_BINARY): the value is a blob of aux bytes, not text. */
	if (e->call == MOUNT_CALL_FSCONFIG && e->args[1] == FSCONFIG_SET_BINARY &&
	    a->string[3]) {
		snprintf(a->buf[3], MOUNT_ARG_TEXT_MAX, "<%d bytes>", (int)e->args[4]);
		a->text[3] = a->buf[3];
		a->string[3] = false;
	}
}
