/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names a hostile process chooses, as an attacker would, and how barebpf
 * must print them in text output (tools/lib/escape.h's form): an ESC
 * sequence that retitles or clears the terminal, a newline that forges
 * a line, a carriage return, a tab, a byte that is not UTF-8.
 *
 * "check_integration workload hostile DIR" (workload_hostile.c), with
 * its comm set to HOSTILE_COMM:
 *   creates and writes DIR/HOSTILE_FILE (reports "fd"), stats it,
 *   copies it to DIR/out (reports the fd it read from as "readfd");
 *   umount2(DIR/HOSTILE_FILE) (refused: not a mount point);
 *   kill(itself, 0);
 *   links DIR/HOSTILE_EXE to itself and runs it, from a child, as
 *     HOSTILE_EXE workload true HOSTILE_ARG1 HOSTILE_ARG2;
 *   reports "pid" and "child"; exits 0.
 * "check_integration workload as-hostile CMD ARGS..." sets its comm to
 * HOSTILE_COMM, then runs "workload CMD ARGS...": the other tools'
 * workloads (threads, shared memory, descriptors passed, direct reads,
 * compaction, terminal writes, lookups) under that name.
 */
#ifndef BAREBPF_TESTS_INTEGRATION_HOSTILE_H
#define BAREBPF_TESTS_INTEGRATION_HOSTILE_H

/* Split where a hex escape meets a hex digit: "\x07" "a" is two bytes. */
#define HOSTILE_COMM		"\033[2Jev\nil\r\xff"
#define HOSTILE_COMM_ESC	"\\x1b[2Jev\\nil\\r\\xff"
#define HOSTILE_FILE		"x\033]0;pwned\007y\nfake line\t\xff"
#define HOSTILE_FILE_ESC	"x\\x1b]0;pwned\\x07y\\nfake line\\t\\xff"
#define HOSTILE_EXE		"\033[2J\033[Hx\nroot"
#define HOSTILE_EXE_ESC		"\\x1b[2J\\x1b[Hx\\nroot"
#define HOSTILE_ARG1		"a\033[2Jb"
#define HOSTILE_ARG1_ESC	"a\\x1b[2Jb"
#define HOSTILE_ARG2		"c\nroot\xc2\x9b" "1m"
#define HOSTILE_ARG2_ESC	"c\\nroot\\xc2\\x9b1m"

/*
 * Assert that text (a tool's output) holds none of the raw bytes the
 * names carry (ESC, CR, BEL, 0xff, a C1 CSI) and that no forged line
 * starts a line. Call from a test only.
 */
void hostile_assert_clean(const char *tool, const char *text);

#endif /* BAREBPF_TESTS_INTEGRATION_HOSTILE_H */
