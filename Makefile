# barebpf: eBPF tracing tools in one static binary.
#   make            build/barebpf (static, stripped; build/barebpf.debug)
#   make deps       install missing Debian build packages
#   make run        deps, build, then barebpf execsnoop
#   make test       deps, build, unit and integration tests, the fuzz
#                   targets for a while (and the kernel matrix when qemu
#                   is installed)
#   make check-asan the unit tests under AddressSanitizer and UBSan
#   make fuzz       the libFuzzer targets, FUZZ_SECONDS each (default 20)
#   make bench      overhead figures (needs root)
#   make bench-buildtrace  buildtrace on a parallel C build (needs root)
#   make bench-report  buildtrace report of 200,000 events in headless Chromium
#   make install PREFIX=/usr/local   binary plus one symlink per tool
#   make ARCH=arm64 build/arm64/barebpf, cross-built (make deps installs
#                   the cross compiler; ARCH=armhf: 32-bit ARM, build/armhf)
#   make tiny       build/tiny/barebpf with musl, without the ELF commands
#   make kernel-matrix  the integration tests on other kernels, under qemu
# V=1 shows the commands.

.DELETE_ON_ERROR:
.SUFFIXES:

# The architecture built for: the host's, or arm64 or armhf (32-bit ARM,
# EABI with hard float) cross-built with Debian's toolchains and their
# multiarch static libraries.
HOST_ARCH := $(patsubst aarch64,arm64,$(patsubst armv7l,armhf,$(shell uname -m)))
ARCH      ?= $(HOST_ARCH)
override ARCH := $(patsubst aarch64,arm64,$(patsubst amd64,x86_64,$(ARCH)))
TRIPLET_x86_64 := x86_64-linux-gnu
TRIPLET_arm64  := aarch64-linux-gnu
TRIPLET_armhf  := arm-linux-gnueabihf
TRIPLET := $(TRIPLET_$(ARCH))
ifeq ($(TRIPLET),)
$(error ARCH=$(ARCH): barebpf builds for x86_64, arm64 and armhf)
endif
ifneq ($(ARCH),$(HOST_ARCH))
CROSS   := $(TRIPLET)-
O       ?= build/$(ARCH)
endif
# Debian's gcc-aarch64-linux-gnu and gcc-arm-linux-gnueabihf conflict
# with gcc-multilib. Where one is not installed, "make deps" unpacks its
# driver from the package into $(XGCC_DIR) instead: cc1, as, ld, libgcc
# and libc come from packages that do not conflict (cpp-, binutils-,
# libgcc-12-dev- and libc6-dev-*).
XGCC_DIR := build/toolchain
XGCC_LIB := /usr/lib/gcc-cross/$(TRIPLET)/12
XGCC_BIN := $(XGCC_DIR)/usr/bin/$(TRIPLET)-gcc-12
XGCC     := $(XGCC_BIN) -B$(XGCC_LIB)/ -B/usr/$(TRIPLET)/bin/ \
	-B/usr/$(TRIPLET)/lib/ -isystem /usr/$(TRIPLET)/include
ifeq ($(origin CC),default)
CC      := $(CROSS)gcc
ifneq ($(CROSS),)
ifeq ($(shell command -v $(CROSS)gcc),)
CC      := $(XGCC)
endif
endif
endif
OBJCOPY ?= $(CROSS)objcopy
# (and where "make deps" had to unpack a foreign architecture's
# libraries, in $(XGCC_DIR))
PKG_CONFIG := PKG_CONFIG_LIBDIR=/usr/lib/$(TRIPLET)/pkgconfig:$(abspath $(XGCC_DIR))/usr/lib/$(TRIPLET)/pkgconfig:/usr/share/pkgconfig pkg-config

# The version --version prints when not built in a git checkout (there:
# "git describe --always --dirty").
VERSION := 0.1

PREFIX  ?= /usr/local
O       ?= build
CFLAGS  ?= -Os -g
WARN    := -Wall -Wextra -Werror
CPPFLAGS += -I. -D_GNU_SOURCE
# On 32-bit targets: file offsets and time_t of 64 bits, as Debian's own
# 32-bit userland has them (trace files past 2 GiB, times past 2038).
CPPFLAGS_armhf := -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64
CPPFLAGS += $(CPPFLAGS_$(ARCH))
DEPFLAGS = -MMD -MP
LDFLAGS += -static
# Each function and object in a section of its own, so the link keeps
# only what is reached from main.
SECTIONS := -ffunction-sections -fdata-sections
# No unwind tables: nothing here throws or unwinds, and they cost 8% of
# the code. (-g keeps what a debugger needs, in the debug file.)
SECTIONS += -fno-asynchronous-unwind-tables -fno-unwind-tables
GC_SECTIONS := -Wl,--gc-sections

# Every tracing tool, from the dispatcher's own table (tools/commands.h):
# each gets an install link.
paren := (
TOOLS := $(shell sed -n 's/^TOOL$(paren)\([a-z0-9_]*\),.*/\1/p' tools/commands.h)

# The host build and tests, then "make ARCH=arm64", "make tiny" and the
# kernel matrix (qemu; its kernels are fetched by tests/kernel-matrix/kernels).
CROSS_TRIPLETS := $(TRIPLET_arm64) $(TRIPLET_armhf)
DEB_PACKAGES := gcc make libelf-dev zlib1g-dev check linux-libc-dev pkg-config \
	tzdata musl-tools qemu-system-x86 qemu-system-arm
DEB_PACKAGES += cpp-12-aarch64-linux-gnu binutils-aarch64-linux-gnu \
	libgcc-12-dev-arm64-cross libc6-dev-arm64-cross libc6-dev:arm64 \
	libelf-dev:arm64 zlib1g-dev:arm64 check:arm64 libsubunit-dev:arm64
DEB_PACKAGES += cpp-12-arm-linux-gnueabihf binutils-arm-linux-gnueabihf \
	libgcc-12-dev-armhf-cross libc6-dev-armhf-cross libc6-dev:armhf \
	libelf-dev:armhf zlib1g-dev:armhf check:armhf libsubunit-dev:armhf
# Yardsticks the tests compare against (differential tests); never linked.
DEB_PACKAGES += libbpf-tools bpftool bpftrace
# buildtrace's test builds a C project and renders its graph with dot;
# its report is checked in a real browser.
DEB_PACKAGES += binutils graphviz chromium

LIB_SRCS  := $(wildcard loader/*.c asm/*.c progs/*.c progs/*/*.c)
TOOL_SRCS := $(filter-out tools/main.c,$(wildcard tools/*.c tools/*/*.c))
UNIT_SRCS := $(wildcard tests/check_*.c)
INTEG_SRCS := $(wildcard tests/integration/*.c)

# What needs libelf: "make tiny" (musl, which has no libelf) builds with
# BAREBPF_NO_ELF and leaves these out; commands.h then lists no "elf",
# and disasm and verify take no FILE.o.
ELF_SRCS := loader/elf.c tools/elf.c tools/workbench/elfobject.c
ifeq ($(TINY),1)
CPPFLAGS += -DBAREBPF_NO_ELF -isystem $(O)/kernel-headers
LIB_SRCS  := $(filter-out $(ELF_SRCS),$(LIB_SRCS))
TOOL_SRCS := $(filter-out $(ELF_SRCS),$(TOOL_SRCS))
ELF_LIBS  :=
# The smallest code: GCC 12's -Oz; no position-independent code (gcc's
# default here), which a static executable never needed; constants at
# their ABI alignment, not 32 bytes; switches as compares, no tables of
# addresses beside them; code and constants in one segment,
# and no RELRO page, which musl's static start-up never protects: no
# padding out to pages between them. A small common page size: the data
# segment starts on the page after the code's last one, at the same
# offset in it, rather than on a page boundary with the file padded out
# to it (3.5 KiB of zeros).
CFLAGS    := $(patsubst -Os,-Oz,$(CFLAGS)) -fno-pie -malign-data=abi -fno-jump-tables
LDFLAGS   += -no-pie -Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=64
else
ELF_LIBS  := $(shell $(PKG_CONFIG) --libs --static libelf)
endif

LIB_OBJS  := $(LIB_SRCS:%.c=$(O)/obj/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(O)/obj/%.o)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(O)/obj/%.o)
INTEG_OBJS := $(INTEG_SRCS:%.c=$(O)/obj/%.o)

CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck)
CHECK_STATIC_LIBS := $(shell $(PKG_CONFIG) --libs --static check 2>/dev/null || echo -lcheck)

# clang builds the BPF test objects, llvm-objdump checks what elf inspect
# says of them.
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
DEB_PACKAGES += clang llvm
# libFuzzer and the sanitizers' runtimes for clang, for the fuzz targets.
DEB_PACKAGES += libclang-rt-14-dev

ifeq ($(V),1)
Q :=
else
Q := @
endif

all: $(O)/barebpf

# Linked whole with its symbols, then split: the stripped binary to ship,
# and the debug file gdb finds beside it through the debuglink.
ifeq ($(TINY),1)
# The usage texts, the report page and the tables of names deflated
# (tools/lib/packed.h): a first link lays out their section after .rodata
# (packed.ld's section, loaded), gzip -9n deflates its bytes (the stream
# without gzip's 10-byte header and 8-byte trailer), and a second link
# puts the section after .bss, zeroed, with the deflated bytes in; laid
# out as in the first, or the build fails.
$(O)/obj/packed-first.ld: tools/lib/packed.ld
	$(Q)sed -e 's/ (NOLOAD)//' -e 's/INSERT AFTER \.bss/INSERT AFTER .rodata/' $< >$@

$(O)/obj/barebpf.unpacked: $(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS) $(O)/obj/packed-first.ld
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDFLAGS) $(GC_SECTIONS) \
		-Wl,-T,$(O)/obj/packed-first.ld

$(O)/gen/packed.c: $(O)/obj/barebpf.unpacked
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)$(OBJCOPY) -O binary --only-section=barebpf_packed $< $@.raw
	$(Q){ echo '#include <stddef.h>'; \
	      echo 'const unsigned char packed_deflated[] = {'; \
	      gzip -9n -c $@.raw | tail -c +11 | head -c -8 | od -An -v -tx1 | \
		  sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	      echo '};'; \
	      echo 'const size_t packed_deflated_size = sizeof(packed_deflated);'; } >$@
	$(Q)rm -f $@.raw

$(O)/obj/gen/packed.o: $(O)/gen/packed.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(SECTIONS) $(WARN) -c -o $@ $<

# Each packed symbol's offset in the section, and its end (its size):
# the two links must agree. (The string literals have no symbols: the same
# inputs in the same order merge the same, which the size confirms.) A
# symbol at the end address is the next section's (__FRAME_END__ can
# land there in one link and not the other), so only packed_end counts.
packed_layout = nm -t d $(1) | awk 'NF == 3 { v[NR] = $$1 + 0; n[NR] = $$3 } \
	$$3 == "packed_start" { s = $$1 + 0 } $$3 == "packed_end" { e = $$1 + 0 } \
	END { for (i = 1; i <= NR; i++) if (n[i] != "" && v[i] >= s && (v[i] < e || n[i] == "packed_end")) print n[i], v[i] - s }' | \
	LC_ALL=C sort

$(O)/obj/barebpf.full: $(O)/obj/barebpf.unpacked $(O)/obj/gen/packed.o tools/lib/packed.ld
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS) \
		$(O)/obj/gen/packed.o $(LDFLAGS) $(GC_SECTIONS) -Wl,-T,tools/lib/packed.ld
	$(Q)$(call packed_layout,$<) >$@.first
	$(Q)$(call packed_layout,$@) >$@.second
	$(Q)test -s $@.first && cmp -s $@.first $@.second && rm -f $@.first $@.second || \
		{ echo "the packed texts moved between the links" >&2; rm -f $@; exit 1; }
else
$(O)/obj/barebpf.full: $(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(GC_SECTIONS) $(ELF_LIBS)
endif

$(O)/barebpf.debug: $(O)/obj/barebpf.full
	$(Q)$(OBJCOPY) --only-keep-debug $< $@

$(O)/barebpf: $(O)/obj/barebpf.full $(O)/barebpf.debug
	@echo "  STRIP   $@"
	$(Q)$(OBJCOPY) --strip-all --add-gnu-debuglink=$(O)/barebpf.debug $< $@

$(O)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SECTIONS) $(WARN) $(DEPFLAGS) -c -o $@ $<

$(O)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CHECK_CFLAGS) $(CFLAGS) $(WARN) $(DEPFLAGS) -c -o $@ $<

# The syscall names of the target, from its own <asm/unistd.h>: the
# compiler lists the __NR_ macros and loader/syscalls.c takes each value
# from the same header, so a cross compiler gives the target's table.
# __NR_syscalls and __NR_arch_specific_syscall are a count and a base.
$(O)/gen/syscall_names.h: Makefile
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)echo '#include <asm/unistd.h>' | \
		$(CC) $(CPPFLAGS) $(CFLAGS) -dM -E -x c - >$@.macros
	$(Q)sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/SYSCALL(\1)/p' $@.macros | \
		grep -v -x -e 'SYSCALL(syscalls)' -e 'SYSCALL(arch_specific_syscall)' | \
		LC_ALL=C sort >$@
	$(Q)rm -f $@.macros
	$(Q)test -s $@ || { echo "no __NR_ names in <asm/unistd.h>" >&2; exit 1; }

# The helpers' names, "bpf_NAME\0" each in id order, from the target's
# own <linux/bpf.h> list: one string, smaller than a table of pointers
# to the names (asm/helpers.c), and how many.
$(O)/gen/helper_names.h: Makefile
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)printf '#include <linux/bpf.h>\n#define NAME(x, ...) "bpf_" #x "\\\\0"\nhelpers_begin __BPF_FUNC_MAPPER(NAME) helpers_end\n' | \
		$(CC) $(CPPFLAGS) -E -P -x c - | \
		sed -n 's/.*helpers_begin\(.*\)helpers_end.*/\1/p' | tr -d ',' >$@.names
	$(Q){ echo "#define HELPER_NAMES $$(cat $@.names)"; \
	      echo "#define HELPER_NAMES_COUNT $$(grep -o '"bpf_' $@.names | wc -l)"; } >$@
	$(Q)rm -f $@.names
	$(Q)grep -q 'COUNT [1-9]' $@ || { echo "no helpers in <linux/bpf.h>" >&2; exit 1; }

$(O)/obj/asm/helpers.o: $(O)/gen/helper_names.h
$(O)/obj/asm/helpers.o: override CPPFLAGS += -I$(O)/gen

$(O)/obj/loader/syscalls.o: $(O)/gen/syscall_names.h
# override: a CPPFLAGS given on the command line must not drop it.
$(O)/obj/loader/syscalls.o: override CPPFLAGS += -I$(O)/gen

# Written again on every make but replaced only when the version changed,
# so that a build with nothing new links nothing again.
$(O)/gen/barebpf_version.h: FORCE
	@mkdir -p $(@D)
	$(Q)if [ -e .git ] && v=$$(git describe --always --dirty 2>/dev/null); then :; \
	else v='$(VERSION)'; fi; \
	echo "#define BAREBPF_VERSION \"$$v\"" >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; \
	else echo "  GEN     $@"; mv -f $@.new $@; fi

$(O)/obj/tools/lib/version.o: $(O)/gen/barebpf_version.h
$(O)/obj/tools/lib/version.o: override CPPFLAGS += -I$(O)/gen

# buildtrace report's page, a C string: indentation and whole-line //
# comments dropped, the rest as written in tools/buildtrace/report.html.
$(O)/gen/report_html.h: tools/buildtrace/report.html
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q){ echo 'static const char report_html[] ='; \
	      sed -e 's/^[[:space:]]*//' -e '/^\/\//d' -e 's/\\/\\\\/g' \
		  -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; echo ';'; } >$@

$(O)/obj/tools/buildtrace/report.o: $(O)/gen/report_html.h
$(O)/obj/tools/buildtrace/report.o: override CPPFLAGS += -I$(O)/gen

$(O)/tests/check_unit: $(UNIT_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS) $(ELF_LIBS)

# Static: it is also /init of the kernel matrix's initramfs.
$(O)/tests/check_integration: $(INTEG_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -static -o $@ $^ $(CHECK_STATIC_LIBS) $(ELF_LIBS)

# No integration sources (a fresh branch): nothing to link, and no main.
tests: all $(O)/tests/check_unit $(if $(INTEG_SRCS),$(O)/tests/check_integration)

# Everything that changes the host (packages, the cross drivers, the asm
# include link, the matrix's kernels) is in .ci/deps.
deps:
	$(Q).ci/deps $(O)/kernels $(XGCC_DIR) "$(MULTIARCH)" "$(CROSS_TRIPLETS)" $(DEB_PACKAGES)

# clang's own bytes for the text assembler's unit tests (check_text_clang.c):
# each .s of tests/fixtures/clang assembled by clang, its .text alone;
# subprog.c compiled to assembly (clang -S) and to an object, whose
# program section and .text are kept apart.
CLANG_DIR := $(O)/tests/clang
CLANG_FIXTURES := $(patsubst tests/fixtures/clang/%.s,$(CLANG_DIR)/%.bin,\
		  $(wildcard tests/fixtures/clang/*.s)) \
		  $(CLANG_DIR)/subprog.s $(CLANG_DIR)/subprog.text.bin

$(CLANG_DIR)/%.bin: tests/fixtures/clang/%.s
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	$(Q)clang -target bpf -c -o $(@:.bin=.o) $<
	$(Q)llvm-objcopy -O binary --only-section=.text $(@:.bin=.o) $@

$(CLANG_DIR)/subprog.s: tests/fixtures/clang/subprog.c
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)clang -target bpf -O2 -S -o $@ $<

$(CLANG_DIR)/subprog.text.bin: tests/fixtures/clang/subprog.c
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)clang -target bpf -O2 -c -o $(CLANG_DIR)/subprog.o $<
	$(Q)llvm-objcopy -O binary --only-section=socket $(CLANG_DIR)/subprog.o \
		$(CLANG_DIR)/subprog.socket.bin
	$(Q)llvm-objcopy -O binary --only-section=.text $(CLANG_DIR)/subprog.o $@

$(O)/tests/check_unit: | $(CLANG_FIXTURES)
$(O)/obj/tests/check_text_clang.o: override CPPFLAGS += -DCLANG_FIXTURES='"$(CLANG_DIR)/"'

# The integration tests carry the files they read, so that they run where
# there is no source tree and no compiler: the verifier experiments, and
# BPF objects clang builds here from tests/integration/bpf/*.bpf.c.
TEST_BPF_OBJS := $(patsubst tests/integration/bpf/%.c,$(O)/tests/bpf/%.o,\
		 $(wildcard tests/integration/bpf/*.bpf.c))
EMBEDDED := $(sort $(wildcard examples/verifier/*.s)) $(TEST_BPF_OBJS) \
	    $(O)/tests/clang-subprog.s

# clang -S output as it comes, verified and run by the workbench tests
$(O)/tests/clang-subprog.s: $(CLANG_DIR)/subprog.s
	$(Q)cp $< $@

$(O)/tests/bpf/%.o: tests/integration/bpf/%.c
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	$(Q)clang -target bpf -O2 -g -idirafter /usr/include/$(MULTIARCH) -c -o $@ $<

# embedded_files[]: { name, data, size } each, NUL after each file's data.
# .dc.a: a pointer-sized word, 4 bytes on 32-bit targets.
$(O)/obj/tests/embedded-files.o: $(EMBEDDED)
	@mkdir -p $(@D)
	@echo "  EMBED   $@"
	$(Q){ i=0; for f in $^; do \
		printf '.section .rodata\nn%d: .asciz "%s"\nd%d: .incbin "%s"\ne%d: .byte 0\n' \
			$$i "$${f##*/}" $$i "$$f" $$i; i=$$((i+1)); done; \
	      printf '.section .data.rel.ro,"aw"\n.balign 8\n.globl embedded_files\nembedded_files:\n'; \
	      i=0; for f in $^; do printf '.dc.a n%d, d%d, e%d - d%d\n' $$i $$i $$i $$i; \
		i=$$((i+1)); done; \
	      printf '.dc.a 0, 0, 0\n.section .note.GNU-stack,"",%%progbits\n'; } | \
		$(CC) -c -x assembler -o $@ -
$(O)/tests/check_integration: $(O)/obj/tests/embedded-files.o

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(O)/barebpf execsnoop

# With musl-gcc the tests also run against the tiny build; with qemu
# installed the kernel matrix's VMs run too (KERNEL_MATRIX=0: not).
test: deps
	$(Q)$(MAKE) --no-print-directory all tests
	$(Q)if command -v musl-gcc >/dev/null; then $(MAKE) --no-print-directory tiny; fi
	$(Q)if [ "$(KERNEL_MATRIX)" != 0 ] && command -v qemu-system-x86_64 >/dev/null && \
	    command -v qemu-system-aarch64 >/dev/null && command -v qemu-system-arm >/dev/null; then \
		$(MAKE) --no-print-directory kernel-matrix-build; fi
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)O=$(O) KERNEL_MATRIX=$(KERNEL_MATRIX) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run

# Sanitizers need the dynamic runtime: this build is not static.
check-asan:
	$(Q)$(MAKE) --no-print-directory O=$(O)/asan LDFLAGS= \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		$(O)/asan/tests/check_unit
	$(Q)ASAN_OPTIONS=detect_leaks=1 CK_FORK=no $(O)/asan/tests/check_unit

# libFuzzer targets (tests/fuzz/fuzz_*.c) for the readers of what others
# may have made: traces, ELF objects, assembly, format files. clang, with
# ASan and UBSan, the library and tool objects built again in $(O)/fuzz.
# make test runs each FUZZ_SECONDS over its corpus (tests/fuzz/run);
# make fuzz FUZZ_SECONDS=600 runs them longer.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wno-gnu-variable-sized-type-not-at-end
FUZZ_SECONDS ?= 20

fuzz-build:
	$(Q)$(MAKE) --no-print-directory O=$(O)/fuzz CC=clang LDFLAGS= \
		CFLAGS="$(FUZZ_CFLAGS)" $(FUZZ_TARGETS:%=$(O)/fuzz/fuzz-%)

$(O)/fuzz-%: $(O)/obj/tests/fuzz/fuzz_%.o $(TOOL_OBJS) $(LIB_OBJS)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ $(ELF_LIBS)

fuzz: fuzz-build
	$(Q)O=$(O) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

BENCH_BINS := $(O)/bench/openloop $(O)/bench/measure $(O)/bench/stamp \
	      $(O)/bench/hold

$(O)/bench/%: bench/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(WARN) -o $@ $<

# Static as barebpf is: the dynamic loader's 1-2 ms of start-up would
# count in every "exec to attached", ours and bpftrace's alike.
$(O)/bench/stamp $(O)/bench/hold: $(O)/bench/%: bench/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(WARN) -static -o $@ $<

bench: all $(BENCH_BINS)
	$(Q)O=$(O) bench/run $(O)/barebpf

# buildtrace's cost on a parallel C build, beside strace -f (root, cc, strace)
bench-buildtrace: all
	$(Q)bench/buildtrace $(O)/barebpf

# buildtrace report of a 200,000-event trace, opened in headless Chromium
$(O)/bench/bigtrace: bench/bigtrace.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $<

bench-report: all $(O)/bench/bigtrace
	$(Q)O=$(O) bench/report $(O)/barebpf

install: all
	install -D -m 0755 $(O)/barebpf $(DESTDIR)$(PREFIX)/bin/barebpf
	$(Q)for t in $(TOOLS); do ln -sf barebpf $(DESTDIR)$(PREFIX)/bin/$$t; done

clean:
	rm -rf $(O)

# musl's headers hold no kernel UAPI: link the host's in beside them.
$(O)/kernel-headers:
	@mkdir -p $@
	$(Q)ln -sfn /usr/include/linux $@/linux
	$(Q)ln -sfn /usr/include/asm-generic $@/asm-generic
	$(Q)ln -sfn /usr/include/$(TRIPLET)/asm $@/asm

ifeq ($(TINY),1)
$(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS) $(O)/gen/helper_names.h: | $(O)/kernel-headers
endif

ifeq ($(CC),$(XGCC))
$(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS) $(UNIT_OBJS) $(INTEG_OBJS): | $(XGCC_BIN)
endif
$(XGCC_BIN):
	@echo "make ARCH=$(ARCH) needs $(TRIPLET)-gcc: run make deps" >&2; exit 1

tiny:
	$(Q)$(MAKE) --no-print-directory O=$(O)/tiny TINY=1 CC=musl-gcc all

# Each architecture's static barebpf and check_integration (the arm64
# ones in $(O)/arm64, armhf's in $(O)/armhf), booted as /init under qemu
# on the kernels of tests/kernel-matrix/rows, then the host. A kernel
# that cannot be fetched fails its row, with the reason, in the run.
KERNEL_MATRIX_ARCHES := x86_64 arm64 armhf

kernel-matrix-build:
	$(Q)for a in $(KERNEL_MATRIX_ARCHES); do \
		o=$(O); [ $$a = $(HOST_ARCH) ] || o=$(O)/$$a; \
		$(MAKE) --no-print-directory ARCH=$$a O=$$o all $$o/tests/check_integration || exit 1; \
	done
	$(Q)tests/kernel-matrix/kernels $(O)/kernels || \
		echo "kernel-matrix: the rows above without a kernel will fail" >&2

kernel-matrix: kernel-matrix-build
	$(Q)tests/kernel-matrix/run $(O)

.PHONY: all tests deps run test check-asan bench bench-buildtrace bench-report install clean \
	tiny kernel-matrix kernel-matrix-build fuzz fuzz-build FORCE

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(INTEG_OBJS:.o=.d) $(O)/obj/tools/main.d \
	$(FUZZ_TARGETS:%=$(O)/obj/tests/fuzz/fuzz_%.d)
