/* Integration suites, one per tool or module: SUITE(name) runs name_suite(). */
SUITE(execsnoop)
SUITE(opensnoop)
SUITE(cli)
SUITE(session)
SUITE(formats)
SUITE(buildtrace)
SUITE(buildtrace_project)
