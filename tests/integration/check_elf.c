// SPDX-License-Identifier: GPL-2.0
/*
 * BPF objects clang built (the .bpf.c files of tests/integration/bpf): elf inspect
 * tells what readelf -S and llvm-objdump -d -r tell, elf run receives
 * exactly what the object sends, and bad or unsupported objects get one
 * clear line.
 */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <check.h>
#include <linux/types.h>
#include "tests/integration/embedded.h"
#include "tests/integration/trace.h"

/* Run a host tool (the suite adds its test only when it is installed). */
static void run_host(struct proc *p, const char *tool, const char *const *args)
{
	const char *path = host_tool(tool);
	struct args a = { .n = 0 };

	ck_assert_msg(path != NULL, "%s went away", tool);
	args__add(&a, path, NULL);
	args__addv(&a, args);
	ck_assert_int_ge(run(p, a.v, NULL), 0);
	assert_status(p, 0);
}

/* The line of text that starts with prefix, or NULL. */
static const char *line_starting(const char *text, const char *prefix)
{
	const char *line = text;

	while (line && *line) {
		if (!strncmp(line, prefix, strlen(prefix)))
			return line;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

START_TEST(test_inspect_facts)
{
	char path[PATH_MAX];
	const char *args[] = { "elf", "inspect", path, NULL };
	struct proc p;

	embedded_write("events.bpf.o", path);
	run_barebpf(&p, args);
	assert_status(&p, 0);
	ck_assert_str_eq(p.err, "");
	ck_assert_msg(strstr(p.out, ": BPF ELF object, license GPL\n"), "%s", p.out);
	ck_assert_msg(strstr(p.out, "\n  on_getppid           section tracepoint/syscalls/sys_enter_getppid, type tracepoint, "),
		      "%s", p.out);
	ck_assert_msg(strstr(p.out, "attaches to syscalls/sys_enter_getppid\n"), "%s", p.out);
	ck_assert_msg(strstr(p.out, "\n  calls                section maps, type array, key 4, value 8, max_entries 1, flags 0x0\n"),
		      "%s", p.out);
	ck_assert_msg(strstr(p.out, "\n  events               section .maps, type perf_event_array, key 4, value 4, max_entries 0, flags 0x0\n"),
		      "%s", p.out);
	ck_assert_msg(strstr(p.out, "\n  seen                 section .maps, type hash, key 4, value 8, max_entries 64, flags 0x0\n"),
		      "%s", p.out);
	ck_assert_int_eq(count_lines(p.out, ": map calls"), 1);
	ck_assert_int_eq(count_lines(p.out, ": map events"), 1);
	ck_assert_int_eq(count_lines(p.out, "r1 = map[calls]"), 1);
	ck_assert_int_eq(count_lines(p.out, "r2 = map[events]"), 1);
	ck_assert_int_eq(count_lines(p.out, "call bpf_perf_event_output#25"), 1);
	ck_assert_int_eq(count_lines(p.out, "call bpf_trace_printk#6"), 1);
	proc__free(&p);
}
END_TEST

/* Every section readelf -S -W lists, with its index, type and size. */
START_TEST(test_inspect_vs_readelf)
{
	char path[PATH_MAX], want[256], type[32], name[128];
	const char *ours_args[] = { "elf", "inspect", path, NULL };
	const char *readelf_args[] = { "-S", "-W", path, NULL };
	const char *line;
	struct proc ours, theirs;
	int sections = 0;

	embedded_write("events.bpf.o", path);
	run_host(&theirs, "readelf", readelf_args);
	run_barebpf(&ours, ours_args);
	assert_status(&ours, 0);
	/* "  [ 3] tracepoint/... PROGBITS 0000000000000000 000040 0000a8 ..." */
	for (line = strstr(theirs.out, "  ["); line; line = strstr(line + 1, "\n  [")) {
		unsigned long idx, size;
		char *p;

		if (*line == '\n')
			line++;
		idx = strtoul(line + 3, &p, 10);
		if (*p != ']' || idx == 0)
			continue;
		p++;
		while (*p == ' ')
			p++;
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(p, " "), p);
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
		snprintf(type, sizeof(type), "%.*s", (int)strcspn(p, " "), p);
		p += strcspn(p, " ");
		strtoul(p, &p, 16);		/* address */
		strtoul(p, &p, 16);		/* offset */
		size = strtoul(p, &p, 16);
		if (strchr(type, '+') || !strcmp(type, "LLVM_ADDRSIG"))
			continue;		/* no name for it in our table */
		snprintf(want, sizeof(want), "  [%2lu] %-32s %-10s %8lu ", idx, name,
			 type, size);
		ck_assert_msg(strstr(ours.out, want), "readelf has \"%s\", we do not:\n%s",
			      want, ours.out);
		sections++;
	}
	ck_assert_int_ge(sections, 10);
	proc__free(&ours);
	proc__free(&theirs);
}
END_TEST

/*
 * llvm-objdump -d -r, function by function: the same instruction slots,
 * the same helper ids, the same maps at the same loads.
 */
START_TEST(test_inspect_vs_objdump)
{
	char path[PATH_MAX], want[128];
	const char *ours_args[] = { "elf", "inspect", path, NULL };
	const char *objdump_args[] = { "-d", "-r", path, NULL };
	const char *line, *listing;
	struct proc ours, theirs;
	long base = -1, slot, last = -1, insns = 0;

	embedded_write("events.bpf.o", path);
	run_host(&theirs, "llvm-objdump", objdump_args);
	run_barebpf(&ours, ours_args);
	assert_status(&ours, 0);
	listing = strstr(ours.out, "\non_getppid: ; section ");
	ck_assert_msg(listing, "%s", ours.out);
	line = strstr(theirs.out, "<on_getppid>:\n");
	ck_assert_msg(line, "%s", theirs.out);
	/* The one function of its section, labels (<LBB0_2>:) and all */
	for (line = strchr(line, '\n') + 1; *line && strncmp(line, "Disassembly", 11);
	     line = strchr(line, '\n') + 1) {
		const char *text, *nl = strchr(line, '\n');
		char *end;

		if (!nl)
			break;
		/* "      17:\tbf a4 ...", not "\t\t0000000000000088:  R_BPF..." */
		slot = strtol(line, &end, 10);
		if (*end == ':' && end[1] == '\t' && end < nl) {
			if (base < 0)
				base = slot;
			last = slot - base;
			insns++;
			snprintf(want, sizeof(want), "\n% 4ld: (", last);
			ck_assert_msg(strstr(listing, want),
				      "llvm-objdump has slot %ld, we do not", last);
			/* "call 6" is "call bpf_trace_printk#6" */
			text = strstr(line, "\tcall ");
			if (text && text < nl) {
				snprintf(want, sizeof(want), "\n% 4ld: (85) call ", last);
				text = strstr(listing, want);
				ck_assert(text != NULL);
				ck_assert_msg(strtol(strchr(text + 1, '#') + 1, NULL, 10) ==
					      strtol(strstr(line, "\tcall ") + 6, NULL, 10),
					      "helper of slot %ld differs", last);
			}
		} else if ((text = strstr(line, "R_BPF_64_64\t")) && text < nl) {
			/* The relocation names the map the load at `last` gets */
			snprintf(want, sizeof(want), "\n% 4ld: (18) r", last);
			text = strstr(listing, want);
			ck_assert(text != NULL);
			snprintf(want, sizeof(want), "= map[%.*s]\n",
				 (int)(nl - (strstr(line, "R_BPF_64_64\t") + 12)),
				 strstr(line, "R_BPF_64_64\t") + 12);
			ck_assert_msg(!strncmp(strchr(text, '=') , want, strlen(want)),
				      "slot %ld is not %s", last, want);
		}
	}
	ck_assert_int_ge(insns, 15);
	/* And nothing past what llvm-objdump shows */
	snprintf(want, sizeof(want), "\n% 4ld: (95) exit\n", last);
	ck_assert_msg(strstr(listing, want), "last slot %ld is not the exit", last);
	proc__free(&ours);
	proc__free(&theirs);
}
END_TEST

/* The events the object sends for exactly the workload's three calls. */
/*
 * trace_pipe is one for the whole machine: recent kernels (later 6.1
 * updates among them) let one process read it and refuse the next with
 * EBUSY, older ones let readers take each other's lines. A run that
 * reads it holds this lock, taken by every test process on the machine
 * (the two passes run at once).
 */
static int lock_trace_pipe(void)
{
	int fd = open("/tmp/barebpf-it.trace_pipe.lock",
		      O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	ck_assert_msg(fd >= 0, "/tmp/barebpf-it.trace_pipe.lock: %m");
	ck_assert_int_eq(flock(fd, LOCK_EX), 0);
	return fd;
}

START_TEST(test_run)
{
	char path[PATH_MAX], want[128];
	const char *args[] = {
		"elf", "run", path, "--", self_path(), "workload", "getppid", "3",
		NULL,
	};
	unsigned int pid;
	struct proc p;
	long v;
	int lock;

	embedded_write("events.bpf.o", path);
	lock = lock_trace_pipe();
	run_barebpf(&p, args);
	close(lock);
	assert_status(&p, 0);
	ck_assert_msg(workload_report(p.err, "pid", &v), "%s", p.err);
	pid = (unsigned int)v;
	ck_assert_msg(line_starting(p.out, "attached on_getppid to tracepoint/syscalls/sys_enter_getppid\n"),
		      "%s", p.out);
	snprintf(want, sizeof(want), ", 12 bytes: %02x %02x %02x %02x ef be ed fe 00 00 00 00",
		 pid & 0xff, pid >> 8 & 0xff, pid >> 16 & 0xff, pid >> 24);
	ck_assert_msg(count_lines(p.out, want) == 3, "not 3 \"%s\" in\n%s", want, p.out);
	ck_assert_int_eq(count_lines(p.out, "events cpu "), count_lines(p.out, ", 12 bytes: "));
	snprintf(want, sizeof(want), ": bpf_trace_printk: barebpf-elf %u", pid);
	ck_assert_msg(count_lines(p.out, want) == 3, "not 3 \"%s\" in\n%s", want, p.out);
	proc__free(&p);
}
END_TEST

/* disasm of an object reads back as a .s that verify accepts. */
START_TEST(test_disasm_object)
{
	static const char head[] =
		".map calls array 4 8 1\n"
		".map events perf_event_array 4 4 0\n"
		".map seen hash 4 8 64\n"
		"; section tracepoint/syscalls/sys_enter_getppid, ";
	char path[PATH_MAX], src[PATH_MAX];
	const char *dis[] = { "disasm", path, NULL };
	const char *verify_src[] = { "verify", src, NULL };
	const char *verify_obj[] = { "verify", path, NULL };
	struct proc p;

	embedded_write("events.bpf.o", path);
	run_barebpf(&p, dis);
	assert_status(&p, 0);
	ck_assert_msg(!strncmp(p.out, head, sizeof(head) - 1), "%s", p.out);
	case_file("events.s", p.out, strlen(p.out), src);
	proc__free(&p);
	run_barebpf(&p, verify_src);
	assert_status(&p, 0);
	ck_assert_msg(!strncmp(p.out, "ACCEPTED: ", 10), "%s", p.out);
	proc__free(&p);
	run_barebpf(&p, verify_obj);
	assert_status(&p, 0);
	ck_assert_msg(!strncmp(p.out, "ACCEPTED: tracepoint/syscalls/sys_enter_getppid (on_getppid, 39 instructions) as tracepoint\n",
			       strlen("ACCEPTED: tracepoint/syscalls/sys_enter_getppid (on_getppid, 39 instructions) as tracepoint\n")),
		      "%s", p.out);
	proc__free(&p);
}
END_TEST

START_TEST(test_unsupported)
{
	char path[PATH_MAX];
	const char *inspect[] = { "elf", "inspect", path, NULL };
	const char *run_args[] = { "elf", "run", path, NULL };
	const char *verify[] = { "verify", path, NULL };
	struct proc p;

	embedded_write("unsupported.bpf.o", path);
	run_barebpf(&p, inspect);
	assert_status(&p, 0);
	ck_assert_int_eq(count_lines(p.out, "not loadable: insn 0 reads global data (.bss)"), 1);
	ck_assert_int_eq(count_lines(p.out, "not loadable: insn 0 calls a BPF function: BPF-to-BPF calls are not supported"), 1);
	ck_assert_int_eq(count_lines(p.out, "not loadable: it has 1 CO-RE relocation"), 1);
	proc__free(&p);
	run_barebpf(&p, run_args);
	assert_one_error(&p, 1, "program uses_global: insn 0 reads global data (.bss)");
	proc__free(&p);
	run_barebpf(&p, verify);
	assert_status(&p, 1);
	ck_assert_int_eq(count_lines(p.out, "NOT LOADED: "), 3);
	proc__free(&p);
}
END_TEST

START_TEST(test_bad_objects)
{
	const struct embedded_file *f = embedded("events.bpf.o");
	char path[PATH_MAX];
	const char *inspect[] = { "elf", "inspect", path, NULL };
	const char *self[] = { "elf", "inspect", self_path(), NULL };
	const char *usage[] = { "elf", "list", path, NULL };
	struct proc p;

	/* Cut short: the section headers, at the end, are gone */
	case_file("cut.bpf.o", f->data, f->size / 2, path);
	run_barebpf(&p, inspect);
	assert_one_error(&p, 2, "cut.bpf.o: ");
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	case_file("text.o", "not an object\n", 14, path);
	run_barebpf(&p, inspect);
	assert_one_error(&p, 2, "text.o: not an ELF object");
	proc__free(&p);
	run_barebpf(&p, self);
	assert_one_error(&p, 2, ": not a BPF object (machine ");
	proc__free(&p);
	run_barebpf(&p, usage);
	assert_one_error(&p, 2, "unknown subcommand 'list': inspect or run");
	proc__free(&p);
}
END_TEST

/*
 * events.bpf.o with each function symbol's (or the symbol named only's)
 * st_value and st_size set, or with name_byte, the third byte of its
 * name replaced: the symbol's index, and its section's size.
 */
static size_t patch_symbols(char *d, size_t size, const char *only,
			    __u64 value, __u64 len, int name_byte,
			    __u64 *sec_size)
{
	const Elf64_Ehdr *eh = (const void *)d;
	size_t i, j, found = 0;

	ck_assert_uint_ge(size, sizeof(*eh));
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh = (const void *)(d + eh->e_shoff +
						      i * eh->e_shentsize);
		const Elf64_Shdr *strtab;

		if (sh->sh_type != SHT_SYMTAB)
			continue;
		strtab = (const void *)(d + eh->e_shoff +
					sh->sh_link * eh->e_shentsize);
		for (j = 0; j < sh->sh_size / sizeof(Elf64_Sym); j++) {
			Elf64_Sym *sym = (void *)(d + sh->sh_offset +
						  j * sizeof(Elf64_Sym));

			if (only ? strcmp(d + strtab->sh_offset + sym->st_name, only) :
			    ELF64_ST_TYPE(sym->st_info) != STT_FUNC)
				continue;
			*sec_size = ((const Elf64_Shdr *)(d + eh->e_shoff +
				     sym->st_shndx * eh->e_shentsize))->sh_size;
			if (name_byte >= 0)
				d[strtab->sh_offset + sym->st_name + 2] = (char)name_byte;
			else {
				sym->st_value = value;
				sym->st_size = len;
			}
			found = j;
		}
	}
	ck_assert_uint_ne(found, 0);
	return found;
}

/*
 * Crafted symbols: bounds whose sum wraps in 64 bits (this read a GiB
 * past the section, or printed heap memory as instructions), and a name
 * that would write an ESC to the terminal. One line each, exit 2, from
 * every command that reads objects.
 */
START_TEST(test_crafted_symbols)
{
	static const struct {
		const char *only;
		__u64 value, size;
		int name_byte;
		const char *want;
	} cases[] = {
		{ NULL, 0xffffffffc0000000ull, 0x40000008, -1,
		  "function on_getppid: bytes 0xffffffffc0000000..+0x40000008 lie outside its section tracepoint/syscalls/sys_enter_getppid" },
		{ NULL, (__u64)-0x1000, 0x1008, -1,
		  "function on_getppid: bytes 0xfffffffffffff000..+0x1008 lie outside its section tracepoint/syscalls/sys_enter_getppid" },
		{ NULL, 0, 0, 0x1b, NULL },
		/* A map's 16 bytes from 8 before the end of memory. */
		{ "calls", (__u64)-8, 16, -1, "map calls: outside the maps section" },
	};
	static const char *const cmds[][2] = { { "elf", "inspect" },
					       { "disasm", NULL },
					       { "verify", NULL } };
	const struct embedded_file *f = embedded("events.bpf.o");
	char path[PATH_MAX], want[256], line[PATH_MAX + 320];
	char *d = malloc(f->size);
	const char *args[4];
	struct proc p;
	size_t i, k, sym;
	__u64 sec_size = 0;

	ck_assert_ptr_nonnull(d);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(d, f->data, f->size);
		sym = patch_symbols(d, f->size, cases[i].only, cases[i].value,
				    cases[i].size, cases[i].name_byte, &sec_size);
		case_file("crafted.bpf.o", d, f->size, path);
		if (cases[i].only)
			snprintf(want, sizeof(want), "crafted.bpf.o: %s", cases[i].want);
		else if (cases[i].want)
			snprintf(want, sizeof(want), "crafted.bpf.o: %s (%llu bytes)",
				 cases[i].want, (unsigned long long)sec_size);
		else
			snprintf(want, sizeof(want),
				 "crafted.bpf.o: symbol %zu: its name holds bytes that are not printable ASCII",
				 sym);
		for (k = 0; k < 3; k++) {
			args[0] = cmds[k][0];
			args[1] = cmds[k][1] ? cmds[k][1] : path;
			args[2] = cmds[k][1] ? path : NULL;
			args[3] = NULL;
			run_barebpf(&p, args);
			assert_status(&p, 2);
			snprintf(line, sizeof(line), "barebpf %s: %s/%s\n",
				 cmds[k][0], case_dir, want);
			ck_assert_str_eq(p.err, line);
			ck_assert_str_eq(p.out, "");
			proc__free(&p);
		}
	}
	free(d);
}
END_TEST

/* elf run without privilege: the hint every tracing tool gives. */
START_TEST(test_run_not_root)
{
	const struct embedded_file *f = embedded("events.bpf.o");
	struct run_opts o = { .drop_root = true };
	char path[PATH_MAX];
	struct args a = { .n = 0 };
	struct proc p;

	case_file("events.bpf.o", f->data, f->size, path);
	/* nobody reads the object: the directory and the file are open to all */
	ck_assert_int_eq(chmod(case_dir, 0755), 0);
	ck_assert_int_eq(chmod(path, 0644), 0);
	args__add(&a, barebpf_path(), "elf", "run", path, NULL);
	ck_assert_int_ge(run(&p, a.v, &o), 0);
	assert_status(&p, 1);
	ck_assert_str_eq(p.err, "barebpf elf: permission denied: run as root, or with CAP_BPF and CAP_PERFMON (CAP_SYS_ADMIN before 5.8)\n");
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc;

	if (!barebpf_has("elf")) {
		printf("SKIP: elf: %s is built without the ELF commands (make tiny)\n",
		       barebpf_path());
		return s;
	}
	tc = tcase_create("objects");
	tcase_add_unchecked_fixture(tc, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	tcase_add_test(tc, test_inspect_facts);
	/* Compared with the host's tools where they are (not in an initramfs) */
	if (host_tool("readelf"))
		tcase_add_test(tc, test_inspect_vs_readelf);
	else
		printf("SKIP: elf inspect vs readelf -S: readelf not installed\n");
	if (host_tool("llvm-objdump"))
		tcase_add_test(tc, test_inspect_vs_objdump);
	else
		printf("SKIP: elf inspect vs llvm-objdump -d: llvm-objdump not installed\n");
	tcase_add_test(tc, test_run);
	tcase_add_test(tc, test_disasm_object);
	tcase_add_test(tc, test_unsupported);
	tcase_add_test(tc, test_bad_objects);
	tcase_add_test(tc, test_crafted_symbols);
	tcase_add_test(tc, test_run_not_root);
	suite_add_tcase(s, tc);
	return s;
}
