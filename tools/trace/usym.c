// SPDX-License-Identifier: GPL-2.0
/* User addresses named from the ELF files a process maps. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tools/trace/usym.h"

/* The file open at fd, read once: its index in files[], or -1. */
static int file_of(struct usym_cache *u, int fd)
{
	struct usym_file *f;
	struct stat st;
	int i;

	if (fstat(fd, &st))
		return -1;
	if (!u->files) {
		u->files = calloc(USYM_FILES, sizeof(*u->files));
		if (!u->files)
			return -1;
	}
	for (i = 0; i < u->nr_files; i++)
		if (u->files[i].dev == st.st_dev && u->files[i].ino == st.st_ino)
			return u->files[i].ok ? i : -1;
	if (u->nr_files == USYM_FILES)
		return -1;
	f = &u->files[u->nr_files++];
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->ok = !elfsyms__open(&f->syms, fd);
	return f->ok ? (int)(f - u->files) : -1;
}

/* A number in base at *p, which moves past it; false when there is none. */
static bool number(const char **p, int base, unsigned long long *v)
{
	const char *s = *p;
	int d;

	*v = 0;
	for (;; s++) {
		d = *s >= '0' && *s <= '9' ? *s - '0' :
		    base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
		if (d < 0)
			break;
		*v = *v * (unsigned long long)base + (unsigned long long)d;
	}
	if (s == *p)
		return false;
	*p = s;
	return true;
}

/* Past one ' ' at *p; false when it is not there. */
static bool blank(const char **p)
{
	if (**p != ' ')
		return false;
	while (**p == ' ')
		(*p)++;
	return true;
}

/*
 * One line of /proc/PID/maps, "START-END PERMS OFFSET MAJ:MIN INODE
 * PATH": an executable mapping of a file is kept (no sscanf: it brings
 * glibc's whole scanf along).
 */
static void map_line(struct usym_proc *p, const char *line)
{
	unsigned long long start, end, offset, dev, inode;
	struct usym_map *m;
	const char *perms;

	if (!number(&line, 16, &start) || *line++ != '-' || !number(&line, 16, &end) ||
	    !blank(&line))
		return;
	perms = line;
	if (strlen(perms) < 5 || perms[2] != 'x')
		return;
	line += 4;
	if (!blank(&line) || !number(&line, 16, &offset) || !blank(&line) ||
	    !number(&line, 16, &dev) || *line++ != ':' || !number(&line, 16, &dev) ||
	    !blank(&line) || !number(&line, 10, &inode) || !inode || !blank(&line) ||
	    *line != '/' || p->nr_maps == USYM_MAPS)
		return;
	m = &p->maps[p->nr_maps++];
	m->start = start;
	m->end = end;
	m->offset = offset;
	m->file = -2;
}

/*
 * The file of mapping m, read when one of its addresses is first named:
 * through map_files, the very file mapped (even one deleted since, or
 * in another mount namespace).
 */
static void map_open(struct usym_cache *u, const struct usym_proc *p, struct usym_map *m)
{
	char path[64];
	int fd;

	m->file = -1;
	snprintf(path, sizeof(path), "/proc/%d/map_files/%llx-%llx", p->pid,
		 (unsigned long long)m->start, (unsigned long long)m->end);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return;
	m->file = file_of(u, fd);
	close(fd);
}

/* Read process pid's executable mappings into p (none when it is gone). */
static void proc_load(struct usym_proc *p, int pid)
{
	char path[64], buf[8192], *line, *nl;
	size_t have = 0;
	ssize_t got;
	int fd;

	p->pid = pid;
	p->nr_maps = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (;;) {
		got = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (got <= 0)
			break;
		have += (size_t)got;
		buf[have] = '\0';
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			map_line(p, line);
		}
		/* a line cut by the buffer's end waits for the rest */
		have = (size_t)(buf + have - line);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1)
			have = 0;	/* a line longer than the buffer: skipped */
	}
	close(fd);
}

static struct usym_proc *proc_of(struct usym_cache *u, int pid)
{
	struct usym_proc *p;
	int i;

	if (!u->procs) {
		u->procs = calloc(USYM_PROCS, sizeof(*u->procs));
		if (!u->procs)
			return NULL;
	}
	for (i = 0; i < USYM_PROCS; i++)
		if (u->procs[i].pid == pid)
			return &u->procs[i];
	p = &u->procs[u->next_proc];
	u->next_proc = (u->next_proc + 1) % USYM_PROCS;
	proc_load(p, pid);
	return p;
}

const char *usym_cache__name(struct usym_cache *u, int pid, __u64 addr,
			     __u64 *off)
{
	struct usym_map *m;
	struct usym_proc *p;
	int i;

	if (pid <= 0)
		return NULL;
	p = proc_of(u, pid);
	if (!p)
		return NULL;
	for (i = 0; i < p->nr_maps; i++) {
		m = &p->maps[i];
		if (addr < m->start || addr >= m->end)
			continue;
		if (m->file == -2)
			map_open(u, p, m);
		return m->file < 0 ? NULL :
		       elfsyms__name(&u->files[m->file].syms,
				     addr - m->start + m->offset, off);
	}
	return NULL;
}

void usym_cache__free(struct usym_cache *u)
{
	int i;

	for (i = 0; i < u->nr_files; i++)
		if (u->files[i].ok)
			elfsyms__close(&u->files[i].syms);
	free(u->files);
	free(u->procs);
	memset(u, 0, sizeof(*u));
}
