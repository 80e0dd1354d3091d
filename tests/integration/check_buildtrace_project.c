// SPDX-License-Identifier: GPL-2.0
/*
 * buildtrace over a real build: a small C project with a header made by
 * a script through a pipe and renamed into place, a static library and
 * a link, built by make -j2 under record. Its dependencies, compile
 * database and probes must come out exactly; its graph must be one dot
 * reads. Needs make, cc, ar, sh, cat, mv and dot (make deps installs
 * them); without them, as in the kernel matrix's initramfs, the case is
 * not registered, so not counted, and the run says why. Then the command
 * line's answers to bad input.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <check.h>
#include "tests/integration/trace.h"
#include "tools/buildtrace/file.h"

static const char *const tools[] = { "make", "cc", "ar", "sh", "cat", "mv", "dot" };
static char make_path[PATH_MAX], dot_path[PATH_MAX];

/* The program name found in PATH, into buf; false if none. */
static bool which(const char *name, char *buf)
{
	const char *path = getenv("PATH"), *end;

	for (; path && *path; path = *end ? end + 1 : end) {
		end = strchrnul(path, ':');
		snprintf(buf, PATH_MAX, "%.*s/%s", (int)(end - path), path, name);
		if (end > path && !access(buf, X_OK))
			return true;
	}
	return false;
}

static const char *const sources[][2] = {
	{ "include/config.h", "#define SCALE 3\n" },
	{ "include/util.h", "int util(int x);\n" },
	{ "src/util.c",
	  "#include \"config.h\"\n#include \"version.h\"\n#include \"util.h\"\n"
	  "int util(int x) { return x * SCALE + VERSION; }\n" },
	{ "src/main.c",
	  "#include \"util.h\"\nint main(void) { return util(1) == 5 ? 0 : 1; }\n" },
	{ "version.in", "2\n" },
	{ "gen.sh", "read v\nprintf '#define VERSION %s\\n' \"$v\"\n" },
	{ "Makefile",
	  "CFLAGS = -O2 -Iinclude -Inodir\n"
	  "app: main.o libutil.a\n"
	  "\tcc -o app main.o libutil.a\n"
	  "libutil.a: util.o\n"
	  "\tar rcs libutil.a util.o\n"
	  "main.o: src/main.c include/util.h\n"
	  "\tcc $(CFLAGS) -c src/main.c -o main.o\n"
	  "util.o: src/util.c include/util.h include/config.h version.h\n"
	  "\tcc $(CFLAGS) -I. -c src/util.c -o util.o\n"
	  "version.h: version.in gen.sh\n"
	  "\tcat version.in | sh gen.sh > version.h.tmp && mv version.h.tmp version.h\n" },
};

/* Pointers, not arrays: every path built from them is made to fit. */
static char *proj, *trace_file;
static struct proc recorded;

/* Write the project and build it under record, once for the case. */
static void project_setup(void)
{
	char path[PATH_MAX], dir[PATH_MAX];
	struct args a = { .n = 0 };
	size_t i;

	case_dir_setup();
	proj = strdup(case_subdir(path, "proj"));
	trace_file = malloc(PATH_MAX);
	if (!proj || !trace_file)
		return;
	snprintf(dir, sizeof(dir), "%s/include", proj);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/src", proj);
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", proj, sources[i][0]);
		write_file(path, sources[i][1], 0644);
	}
	snprintf(trace_file, PATH_MAX, "%s/build.trace", case_dir);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", trace_file,
		  "--", make_path, "-s", "-C", proj, "-j2", NULL);
	run(&recorded, a.v, NULL);
}

static void project_teardown(void)
{
	proc__free(&recorded);
	free(proj);
	free(trace_file);
	case_dir_teardown();
}

/* barebpf buildtrace ARGS... into p; asserts it ran. */
static void bt(struct proc *p, const char *const *argv)
{
	struct args a = { .n = 0 };
	int err;

	args__add(&a, barebpf_path(), "buildtrace", NULL);
	args__addv(&a, argv);
	err = run(p, a.v, NULL);
	ck_assert_msg(err >= 0 && !p->timed_out, "barebpf buildtrace %s did not end",
		      argv[0]);
}

START_TEST(test_built)
{
	char app[PATH_MAX];

	ck_assert_msg(recorded.status == 0, "record -- make exited %d:\n%s",
		      recorded.status, recorded.err);
	snprintf(app, sizeof(app), "%s/app", proj);
	ck_assert_int_eq(access(app, X_OK), 0);
	ck_assert_ptr_null(strstr(recorded.err, "lost"));
}
END_TEST

START_TEST(test_deps)
{
	char want[8192], make[8192];
	struct proc p;
	const char *P = proj;

	snprintf(want, sizeof(want),
		 "%s/app\n\t%s/libutil.a\n\t%s/main.o\n"
		 "%s/libutil.a\n\t%s/util.o\n"
		 "%s/main.o\n\t%s/include/util.h\n\t%s/src/main.c\n"
		 "%s/util.o\n\t%s/include/config.h\n\t%s/include/util.h\n"
		 "\t%s/src/util.c\n\t%s/version.h\n"
		 "%s/version.h\n\t%s/gen.sh\n\t%s/version.in\n",
		 P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P);
	bt(&p, (const char *const[]){ "deps", trace_file, NULL });
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, want);
	proc__free(&p);

	snprintf(make, sizeof(make),
		 "%s/app: %s/libutil.a %s/main.o\n"
		 "%s/libutil.a: %s/util.o\n"
		 "%s/main.o: %s/include/util.h %s/src/main.c\n"
		 "%s/util.o: %s/include/config.h %s/include/util.h %s/src/util.c \\\n"
		 "  %s/version.h\n"
		 "%s/version.h: %s/gen.sh %s/version.in\n",
		 P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P);
	bt(&p, (const char *const[]){ "deps", "--make", trace_file, NULL });
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, make);
	proc__free(&p);
}
END_TEST

START_TEST(test_compdb)
{
	char main_c[1024], util_c[1024], want[4096];
	const char *P = proj;
	struct proc p;
	bool util_first;

	snprintf(main_c, sizeof(main_c),
		 "  {\n"
		 "    \"arguments\": [\"cc\", \"-O2\", \"-Iinclude\", \"-Inodir\", \"-c\", \"src/main.c\", \"-o\", \"main.o\"],\n"
		 "    \"directory\": \"%s\",\n"
		 "    \"file\": \"%s/src/main.c\",\n"
		 "    \"output\": \"%s/main.o\"\n"
		 "  }", P, P, P);
	snprintf(util_c, sizeof(util_c),
		 "  {\n"
		 "    \"arguments\": [\"cc\", \"-O2\", \"-Iinclude\", \"-Inodir\", \"-I.\", \"-c\", \"src/util.c\", \"-o\", \"util.o\"],\n"
		 "    \"directory\": \"%s\",\n"
		 "    \"file\": \"%s/src/util.c\",\n"
		 "    \"output\": \"%s/util.o\"\n"
		 "  }", P, P, P);
	bt(&p, (const char *const[]){ "compdb", trace_file, NULL });
	assert_status(&p, 0);
	/* make -j2 runs the two compiles in either order */
	util_first = strstr(p.out, "src/util.c") && strstr(p.out, "src/main.c") &&
		     strstr(p.out, "src/util.c") < strstr(p.out, "src/main.c");
	snprintf(want, sizeof(want), "[\n%s,\n%s\n]\n",
		 util_first ? util_c : main_c, util_first ? main_c : util_c);
	ck_assert_str_eq(p.out, want);
	proc__free(&p);
}
END_TEST

/* The header search: every place cc1 looked and found nothing. */
START_TEST(test_probes)
{
	static const char *const missing[] = {
		"nodir", "src/util.h", "src/config.h", "src/version.h",
		"include/version.h",
	};
	static const char *const found[] = {
		"include/util.h", "include/config.h", "version.h",
	};
	char path[PATH_MAX], line[PATH_MAX + 64];

	struct proc p;
	size_t i;

	bt(&p, (const char *const[]){ "normalize", trace_file, NULL });
	assert_status(&p, 0);
	for (i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", proj, missing[i]);
		snprintf(line, sizeof(line), "\"paths\":[\"%s\"],\"access\":[\"probe-missing\"]",
			 path);
		ck_assert_msg(strstr(p.out, line), "no probe-missing for %s", path);
	}
	/* found, so never probed missing after the build made them */
	for (i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", proj, found[i]);
		snprintf(line, sizeof(line), "\"paths\":[\"%s\"],\"access\":[\"read\"]",
			 path);
		ck_assert_msg(strstr(p.out, line), "%s never read", path);
	}
	snprintf(line, sizeof(line), "\"paths\":[\"%s/include/util.h\"],\"access\":[\"probe-missing\"]",
		 proj);
	ck_assert_ptr_null(strstr(p.out, line));
	proc__free(&p);
}
END_TEST

START_TEST(test_graph_renders)
{
	char dot_file[PATH_MAX], label[2 * PATH_MAX];
	struct proc p, d;
	struct args a = { .n = 0 };

	bt(&p, (const char *const[]){ "graph", trace_file, NULL });
	assert_status(&p, 0);
	ck_assert_ptr_nonnull(strstr(p.out, "digraph build {"));
	/* the process tree: make's box, and cc's */
	snprintf(label, sizeof(label), "label=\"make -s -C %s -j2\"", proj);
	ck_assert_ptr_nonnull(strstr(p.out, label));
	ck_assert_ptr_nonnull(strstr(p.out, "label=\"cc -O2 -Iinclude -Inodir -c src/main.c -o main.o\""));
	snprintf(dot_file, sizeof(dot_file), "%s/build.dot", case_dir);
	ck_assert_int_eq(write_file(dot_file, p.out, 0644), 0);
	args__add(&a, dot_path, "-Tsvg", "-o", "/dev/null", dot_file, NULL);
	ck_assert_int_eq(run(&d, a.v, NULL), 0);
	ck_assert_msg(d.err[0] == '\0', "dot said: %s", d.err);
	proc__free(&d);
	proc__free(&p);
}
END_TEST

/* The command line's answers to bad input: one line, the right code. */
START_TEST(test_cli)
{
	char bad[2 * PATH_MAX], cut[PATH_MAX];
	struct bt_file_header h = {
		.magic = BT_FILE_MAGIC, .version = BT_FILE_VERSION,
		.header_size = sizeof(h), .byte_order = BT_BYTE_ORDER, .word = 8,
	};
	struct bt_head rec = { .size = 1000, .type = BT_SYSCALL };
	struct proc p;
	int fd;

	bt(&p, (const char *const[]){ NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "usage: barebpf buildtrace"));
	proc__free(&p);
	bt(&p, (const char *const[]){ "bogus", NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "barebpf buildtrace: unknown subcommand 'bogus'\n"));
	proc__free(&p);
	bt(&p, (const char *const[]){ "record", NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "barebpf buildtrace: record needs a command after --\n"));
	proc__free(&p);
	bt(&p, (const char *const[]){ "record", "-b", "3", "--", "/bin/true", NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "pages must be a power of two"));
	proc__free(&p);
	bt(&p, (const char *const[]){ "graph", "--no-reads", "--no-writes", "x", NULL });
	assert_status(&p, 2);
	proc__free(&p);
	bt(&p, (const char *const[]){ "summary", "a", "b", NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "unexpected argument 'b'"));
	proc__free(&p);

	snprintf(bad, sizeof(bad), "%s/nonexistent.trace", case_dir);
	bt(&p, (const char *const[]){ "normalize", bad, NULL });
	assert_status(&p, 1);
	ck_assert_ptr_nonnull(strstr(p.err, ": No such file or directory\n"));
	ck_assert_str_eq(p.out, "");
	proc__free(&p);

	snprintf(bad, sizeof(bad), "%s/not.trace", case_dir);
	ck_assert_int_eq(write_file(bad, "hello, world\n", 0644), 0);
	bt(&p, (const char *const[]){ "deps", bad, NULL });
	assert_status(&p, 1);
	ck_assert_ptr_nonnull(strstr(p.err, "byte 0: not a buildtrace file"));
	proc__free(&p);

	/* a header, then a record head promising 1000 bytes of 24 */
	snprintf(cut, sizeof(cut), "%s/cut.trace", case_dir);
	fd = open(cut, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, &h, sizeof(h)), sizeof(h));
	ck_assert_int_eq(write(fd, &rec, sizeof(rec)), sizeof(rec));
	close(fd);
	bt(&p, (const char *const[]){ "summary", cut, NULL });
	assert_status(&p, 1);
	snprintf(bad, sizeof(bad),
		 "barebpf buildtrace: %s: byte 64: record of 1000 bytes cut short: the file ends 24 bytes on\n",
		 cut);
	ck_assert_str_eq(p.err, bad);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
}
END_TEST

Suite *buildtrace_project_suite(void)
{
	Suite *s = suite_create("buildtrace_project");
	TCase *tc = tcase_create("make");
	TCase *cli = tcase_create("cli");
	char path[PATH_MAX];
	const char *absent = NULL;
	size_t i;

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]) && !absent; i++)
		if (!which(tools[i], path))
			absent = tools[i];
	which("make", make_path);
	which("dot", dot_path);
	tcase_set_timeout(tc, TRACE_TCASE_TIMEOUT);
	if (!absent) {
		tcase_add_unchecked_fixture(tc, project_setup, project_teardown);
		tcase_add_test(tc, test_built);
		tcase_add_test(tc, test_deps);
		tcase_add_test(tc, test_compdb);
		tcase_add_test(tc, test_probes);
		tcase_add_test(tc, test_graph_renders);
		suite_add_tcase(s, tc);
	} else {
		printf("SKIP: buildtrace's C project case: no %s in PATH (Debian: make gcc binutils graphviz)\n",
		       absent);
	}
	tcase_add_unchecked_fixture(cli, case_dir_setup, case_dir_teardown);
	tcase_set_timeout(cli, TRACE_TCASE_TIMEOUT);
	tcase_add_test(cli, test_cli);
	suite_add_tcase(s, cli);
	return s;
}
