/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command of the multi-call binary, sorted by name: the dispatcher's
 * table and the Makefile's list of install symlinks both come from here.
 * COMMAND(name, one-line description)
 */
COMMAND(asm, "assemble verifier-log text into BPF instructions")
COMMAND(disasm, "print BPF instructions (raw or in an ELF object) as text")
#ifndef BAREBPF_NO_ELF
COMMAND(elf, "inspect or run a BPF ELF object built by clang")
#endif
COMMAND(execsnoop, "trace exec() calls, with arguments and result")
COMMAND(map, "list loaded maps, dump one in hex")
COMMAND(opensnoop, "trace open() calls, with fd or error")
COMMAND(probe, "what BPF this kernel offers: program and map types, helpers")
COMMAND(prog, "list loaded programs, dump one's instructions")
COMMAND(verify, "load a program and explain the verifier's verdict")
