/* Unit test suites, one per module: SUITE(name) runs name_suite(). */
SUITE(insn)
SUITE(builder)
SUITE(disasm)
SUITE(format)
SUITE(perfbuf)
SUITE(json)
SUITE(cpus)
SUITE(prog)
