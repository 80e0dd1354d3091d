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
static char make_path[PATH_MAX], dot_path[PATH_MAX], chromium_path[PATH_MAX];

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

/* A box's label in a graph: the text after "label=\"", up to its quote. */
static int box_labels(const char *dot, char labels[][128], int max)
{
	const char *p = dot, *q;
	int n = 0;

	while (n < max && (p = strstr(p, "[shape=box, label=\""))) {
		p += strlen("[shape=box, label=\"");
		q = strchr(p, '"');
		snprintf(labels[n++], 128, "%.*s", (int)(q - p), p);
		p = q;
	}
	return n;
}

START_TEST(test_graph_renders)
{
	static const char *const want[] = {
		"cc src/main.c", "cc src/util.c", "cc1 src/main.c", "cc1 src/util.c",
		"as \u2192 main.o", "as \u2192 util.o", "ar \u2192 libutil.a",
		"cc \u2192 app", "ld \u2192 app", "collect2 \u2192 app",
		"sh -c cat version.in | sh gen.sh > versi...", "mv version.h.tmp version.h",
	};
	char dot_file[PATH_MAX], labels[64][128];
	struct args a = { .n = 0 };
	struct run_opts opts = { .timeout_ms = 10000 };
	struct proc p, d;
	int i, j, n, found;

	bt(&p, (const char *const[]){ "graph", trace_file, NULL });
	assert_status(&p, 0);
	ck_assert_ptr_nonnull(strstr(p.out, "digraph build {"));
	/* each box says what it did, once per process */
	n = box_labels(p.out, labels, 64);
	for (i = 0; i < (int)(sizeof(want) / sizeof(want[0])); i++) {
		for (j = 0, found = 0; j < n; j++)
			found += !strcmp(labels[j], want[i]);
		ck_assert_msg(found == 1, "%d boxes labelled \"%s\"", found, want[i]);
	}
	ck_assert_ptr_nonnull(strstr(p.out, "tooltip=\"cc -O2 -Iinclude -Inodir -c src/main.c -o main.o (pid "));
	/* what dot reads, in well under the 10 s a build this size may take */
	snprintf(dot_file, sizeof(dot_file), "%s/build.dot", case_dir);
	ck_assert_int_eq(write_file(dot_file, p.out, 0644), 0);
	args__add(&a, dot_path, "-Tsvg", "-o", "/dev/null", dot_file, NULL);
	ck_assert_int_eq(run(&d, a.v, &opts), 0);
	ck_assert_msg(d.err[0] == '\0', "dot said: %s", d.err);
	proc__free(&d);
	proc__free(&p);

	/* folded: a box per compile and for the link, the rest by name */
	bt(&p, (const char *const[]){ "graph", "--collapse", "--cluster", trace_file, NULL });
	assert_status(&p, 0);
	n = box_labels(p.out, labels, 64);
	for (i = 0; i < n; i++) {
		ck_assert_msg(strncmp(labels[i], "cc1", 3) && strncmp(labels[i], "as ", 3) &&
			      strncmp(labels[i], "ld ", 3), "\"%s\" not folded", labels[i]);
	}
	snprintf(dot_file, sizeof(dot_file), "label=\"%s/include\";", proj);
	ck_assert_ptr_nonnull(strstr(p.out, dot_file));
	snprintf(dot_file, sizeof(dot_file), "%s/build.dot", case_dir);
	ck_assert_int_eq(write_file(dot_file, p.out, 0644), 0);
	ck_assert_int_eq(run(&d, a.v, &opts), 0);
	ck_assert_msg(d.err[0] == '\0', "dot said: %s", d.err);
	proc__free(&d);
	proc__free(&p);
}
END_TEST

/* "processes: N" of summary, and its critical path's labels in order. */
static int summary_of(char labels[][128], int max, int *steps)
{
	const char *line, *pid_end;
	struct proc p;
	int procs = -1, n = 0;

	/* every step of the critical path */
	bt(&p, (const char *const[]){ "summary", "-n", "1000000", trace_file, NULL });
	assert_status(&p, 0);
	line = strstr(p.out, "processes: ");
	ck_assert_ptr_nonnull(line);
	procs = atoi(line + strlen("processes: "));
	line = strstr(p.out, "critical path: ");
	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(sscanf(strstr(line, " in ") + 4, "%d", steps), 1);
	/* "  %8.3f  %-7u LABEL[  (how)]" */
	for (line = strchr(line, '\n') + 1; n < max && !strncmp(line, "  ", 2);
	     line = strchr(line, '\n') + 1) {
		const char *end = strchr(line, '\n'), *how = strstr(line, "  (");

		pid_end = line + 2 + 8 + 2 + 7 + 1;
		if (how && how < end)
			end = how;
		snprintf(labels[n++], 128, "%.*s", (int)(end - pid_end), pid_end);
	}
	proc__free(&p);
	return procs;
}

START_TEST(test_timeline)
{
	char out[PATH_MAX], labels[1][128], *json, *line;
	struct { double ts, end; int tid; } v[256];
	int procs, steps, n = 0, i, j;
	struct proc p;

	procs = summary_of(labels, 0, &steps);
	snprintf(out, sizeof(out), "%s/build.json", case_dir);
	bt(&p, (const char *const[]){ "timeline", trace_file, "-o", out, NULL });
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, "");
	proc__free(&p);
	json = read_file(out);
	ck_assert_ptr_nonnull(json);
	ck_assert_int_eq(strncmp(json, "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n", 40), 0);
	ck_assert_ptr_nonnull(strstr(json, "\"args\":{\"name\":\"make -s -C "));
	/* a slice per process */
	for (line = json; n < 256 && (line = strstr(line, "\n{\"ph\":\"X\"")); line++, n++) {
		double dur;

		ck_assert_int_eq(sscanf(strstr(line, "\"ts\":"),
					"\"ts\":%lf,\"dur\":%lf,\"pid\":%*u,\"tid\":%d",
					&v[n].ts, &dur, &v[n].tid), 3);
		ck_assert(dur >= 0);
		v[n].end = v[n].ts + dur;
	}
	ck_assert_int_eq(n, procs);
	/* on a track, two slices nest or follow each other */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			ck_assert_msg(i == j || v[i].tid != v[j].tid || v[i].end <= v[j].ts ||
				      v[j].end <= v[i].ts ||
				      (v[i].ts <= v[j].ts && v[j].end <= v[i].end) ||
				      (v[j].ts <= v[i].ts && v[i].end <= v[j].end),
				      "slices %d and %d overlap on track %d", i, j, v[i].tid);
	ck_assert_ptr_nonnull(strstr(json, "\"argv\":[\"cc\",\"-O2\",\"-Iinclude\",\"-Inodir\",\"-c\",\"src/main.c\",\"-o\",\"main.o\"],\"cwd\":"));
	ck_assert_ptr_nonnull(strstr(json, "\"exit\":\"code 0\""));
	ck_assert_ptr_nonnull(strstr(json, "\n],\"otherData\":{"));
	free(json);
}
END_TEST

/* Text as the DOM serialises it: &, < and > as entities. */
static const char *html_text(const char *s)
{
	static char buf[1024];
	size_t n = 0;

	for (; *s && n + 6 < sizeof(buf); s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;

		if (e) {
			memcpy(buf + n, e, strlen(e));
			n += strlen(e);
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(test_report_in_browser)
{
	char html[PATH_MAX], url[PATH_MAX + 64], profile[PATH_MAX],
	     want[PATH_MAX + 64], labels[256][128];
	struct run_opts opts = { .timeout_ms = 90000 };
	struct args a = { .n = 0 };
	const char *ol, *li;
	int procs, steps, n;
	struct proc p, c;

	procs = summary_of(labels, 256, &steps);
	snprintf(html, sizeof(html), "%s/build.html", case_dir);
	bt(&p, (const char *const[]){ "report", trace_file, "-o", html, NULL });
	assert_status(&p, 0);
	proc__free(&p);
	/* the page drawn by a real browser, and what it shows read from the DOM */
	snprintf(url, sizeof(url), "file://%s#files=libutil.a&probes=nodir", html);
	case_subdir(profile, "chromium-profile");
	args__add(&a, chromium_path, "--headless", "--no-sandbox", "--disable-gpu",
		  "--disable-quic", "--no-first-run", "--disable-background-networking",
		  "--disable-component-update", "--disable-sync", "--virtual-time-budget=5000",
		  NULL);
	snprintf(want, sizeof(want), "--user-data-dir=%s", profile);
	args__add(&a, want, "--dump-dom", url, NULL);
	ck_assert_int_eq(run(&c, a.v, &opts), 0);
	snprintf(want, sizeof(want), "<td id=\"s-procs\">%d</td>", procs);
	ck_assert_msg(strstr(c.out, want), "no %s in the page", want);
	ck_assert_ptr_nonnull(strstr(c.out, "<td id=\"s-lost\">0</td>"));
	/* the file table, searched: one row, who wrote it and who read it */
	ck_assert_ptr_nonnull(strstr(c.out, "<span id=\"files-count\">1 of "));
	/* paths relative to where the build ran: here, not under it */
	snprintf(want, sizeof(want), "<span class=\"a\" title=\"%s/libutil.a\">%s/libutil.a</span>",
		 proj, proj);
	ck_assert_msg(strstr(c.out, want), "no %s in the page", want);
	ck_assert_ptr_nonnull(strstr(c.out, "ld \u2192 app</span><span class=\"b\" title=\"ar \u2192 libutil.a\">ar \u2192 libutil.a</span></div>"));
	snprintf(want, sizeof(want), "<span class=\"a\" title=\"%s/nodir\">%s/nodir</span>",
		 proj, proj);
	ck_assert_msg(strstr(c.out, want), "no %s in the page", want);
	/* the process tree opened at make, its children shown */
	snprintf(want, sizeof(want), "<details open=\"\"><summary class=\"crit\" title=\"%s -s -C %s -j2\">",
		 make_path, proj);
	ck_assert_msg(strstr(c.out, want), "no %s in the page", want);
	ck_assert_ptr_nonnull(strstr(c.out, ">cc src/util.c  pid "));
	/* the critical path: summary's steps, in its order */
	ol = strstr(c.out, "<ol id=\"critical\">");
	ck_assert_ptr_nonnull(ol);
	for (n = 0, li = ol; (li = strstr(li, "<span class=\"l\">")) && n < steps; n++) {
		const char *label = html_text(labels[n]);

		li += strlen("<span class=\"l\">");
		ck_assert_msg(!strncmp(li, label, strlen(label)) && li[strlen(label)] == '<',
			      "step %d: \"%.40s\", summary says \"%s\"", n, li, label);
	}
	ck_assert_int_eq(n, steps);
	ck_assert_ptr_nonnull(strstr(c.out, "<canvas id=\"cv\" height=\""));
	proc__free(&c);
}
END_TEST

/*
 * A second build of the project: one CFLAGS value changed, a header
 * added to util.c. Last of the case: it changes the project.
 */
START_TEST(test_diff)
{
	char path[PATH_MAX], b_trace[PATH_MAX], want[8192], *mk;
	struct args a = { .n = 0 };
	struct proc p;
	const char *P = proj;
	static const char *const built[] = {
		"main.o", "util.o", "libutil.a", "app", "version.h",
	};
	size_t i;

	snprintf(path, sizeof(path), "%s/Makefile", proj);
	mk = read_file(path);
	ck_assert_ptr_nonnull(mk);
	memcpy(strstr(mk, "-O2"), "-O1", 3);
	ck_assert_int_eq(write_file(path, mk, 0644), 0);
	free(mk);
	snprintf(path, sizeof(path), "%s/include/extra.h", proj);
	ck_assert_int_eq(write_file(path, "#define EXTRA 0\n", 0644), 0);
	snprintf(path, sizeof(path), "%s/src/util.c", proj);
	ck_assert_int_eq(write_file(path, "#include \"extra.h\"\n#include \"config.h\"\n"
				    "#include \"version.h\"\n#include \"util.h\"\n"
				    "int util(int x) { return x * SCALE + VERSION + EXTRA; }\n", 0644), 0);
	for (i = 0; i < sizeof(built) / sizeof(built[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", proj, built[i]);
		unlink(path);
	}
	snprintf(b_trace, sizeof(b_trace), "%s/b.trace", case_dir);
	args__add(&a, barebpf_path(), "buildtrace", "record", "-o", b_trace,
		  "--", make_path, "-s", "-C", proj, "-j2", NULL);
	ck_assert_int_eq(run(&p, a.v, NULL), 0);
	proc__free(&p);

	snprintf(want, sizeof(want),
		 "arguments: %s/main.o (cc): - -O2 + -O1\n"
		 "arguments: %s/util.o (cc): - -O2 + -O1\n"
		 "input: %s/util.o: + %s/include/extra.h\n", P, P, P, P);
	bt(&p, (const char *const[]){ "diff", trace_file, b_trace, NULL });
	assert_status(&p, 1);
	ck_assert_str_eq(p.out, want);
	ck_assert_str_eq(p.err, "");
	proc__free(&p);
	bt(&p, (const char *const[]){ "diff", b_trace, b_trace, NULL });
	assert_status(&p, 0);
	ck_assert_str_eq(p.out, "");
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
	snprintf(bad, sizeof(bad),
		 "barebpf buildtrace: %s: byte 64: record of 1000 bytes cut short: the file ends 24 bytes on\n",
		 cut);
	{
		static const char *const views[] = { "summary", "timeline", "report", "graph" };
		size_t i;

		for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
			bt(&p, (const char *const[]){ views[i], cut, NULL });
			assert_status(&p, 1);
			ck_assert_str_eq(p.err, bad);
			ck_assert_str_eq(p.out, "");
			proc__free(&p);
		}
	}
	/* diff: trouble is 2, as diff(1) has it */
	bt(&p, (const char *const[]){ "diff", cut, cut, NULL });
	assert_status(&p, 2);
	ck_assert_str_eq(p.err, bad);
	proc__free(&p);
	bt(&p, (const char *const[]){ "diff", cut, NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "barebpf buildtrace: diff compares two traces: A.trace B.trace\n"));
	proc__free(&p);
	bt(&p, (const char *const[]){ "timeline", "--since", "soon", cut, NULL });
	assert_status(&p, 2);
	ck_assert_ptr_nonnull(strstr(p.err, "invalid --since value 'soon'"));
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
		tcase_add_test(tc, test_timeline);
		if (which("chromium", chromium_path))
			tcase_add_test(tc, test_report_in_browser);
		else
			printf("SKIP: buildtrace's report in a browser: no chromium in PATH (Debian: chromium)\n");
		tcase_add_test(tc, test_diff);	/* last: it changes the project */
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
