/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tiny build's packed texts: each command's usage, buildtrace
 * report's page and the tables of names (tools/lib/packed.ld lists them),
 * kept deflated in the binary, as BusyBox can keep its usage texts. The
 * build links once to lay them out in a section of their own, deflates
 * that section's bytes (gzip -9n), and links again with the section as
 * zeroed memory after .bss and the deflated bytes beside the code;
 * packed_unpack() inflates them in place before any command runs, so each
 * is where its symbol says and nothing else changes. Other builds have no
 * such section, and their texts are ordinary read-only data.
 */
#ifndef BAREBPF_TOOLS_PACKED_H
#define BAREBPF_TOOLS_PACKED_H

/*
 * Inflate the packed texts where the binary holds them deflated; return
 * at once otherwise. Returns 0, or -EINVAL when the deflated bytes do
 * not give the section back exactly (a damaged binary). Prints nothing.
 */
int packed_unpack(void);

#endif /* BAREBPF_TOOLS_PACKED_H */
