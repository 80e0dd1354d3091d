/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command of the multi-call binary, sorted by name: the dispatcher's
 * table and the Makefile's list of install links both come from here.
 *   TOOL(name, help)     a tracing tool: installed as a link named after it
 *   COMMAND(name, help)  reached as "barebpf NAME" only (too generic a name
 *                        for a link: asm, map, prog, ...)
 */
COMMAND(asm, "assemble verifier-log text into BPF instructions")
TOOL(bindsnoop, "trace bind() on IPv4 and IPv6 sockets")
TOOL(biosnoop, "trace block I/O requests, with who made them and their latency")
TOOL(buildtrace, "record a build's processes and files; graph, deps, compdb")
TOOL(compactsnoop, "trace memory compaction per zone, with latency and outcome")
TOOL(dcsnoop, "trace directory entry cache lookups (kprobes)")
COMMAND(disasm, "print BPF instructions (raw or in an ELF object) as text")
TOOL(drsnoop, "trace direct reclaim: tasks stalled freeing memory, how long")
#ifndef BAREBPF_NO_ELF
COMMAND(elf, "inspect or run a BPF ELF object built by clang")
#endif
TOOL(execsnoop, "trace exec() calls, with arguments and result")
TOOL(exitsnoop, "trace processes that end, with age and exit status")
TOOL(killsnoop, "trace kill(), tkill() and tgkill(), with signal and result")
COMMAND(map, "list loaded maps, dump one in hex")
TOOL(mountsnoop, "trace mount(), umount() and the fd-based mount API")
TOOL(opensnoop, "trace open() calls, with fd or error")
COMMAND(probe, "what BPF this kernel offers: program and map types, helpers")
COMMAND(prog, "list loaded programs, dump one's instructions")
TOOL(shmsnoop, "trace System V shared memory calls, with arguments and result")
TOOL(sofdsnoop, "trace file descriptors passed over Unix sockets")
TOOL(statsnoop, "trace stat() calls, with result and path")
TOOL(syncsnoop, "trace sync(), fsync() and the rest of the sync family")
TOOL(syscount, "count syscalls per syscall or per process")
TOOL(tcpaccept, "trace TCP accept() calls, by the accepting process")
TOOL(tcpconnect, "trace TCP connect() calls, or count them")
TOOL(threadsnoop, "trace new threads, with the process that made them")
COMMAND(trace, "run bpftrace programs on tracepoints, compiled by barebpf")
TOOL(ttysnoop, "show what any process writes to a terminal device")
COMMAND(verify, "load a program and explain the verifier's verdict")
