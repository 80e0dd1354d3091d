# barebpf: eBPF tracing tools in one static binary.
#   make            build/barebpf (static)
#   make deps       install missing Debian build packages
#   make run        deps, build, then barebpf execsnoop
#   make test       deps, build, unit and integration tests
#   make check-asan the unit tests under AddressSanitizer and UBSan
#   make bench      overhead figures (needs root)
#   make install PREFIX=/usr/local   binary plus one symlink per tool
# V=1 shows the commands.

.DELETE_ON_ERROR:
.SUFFIXES:

PREFIX  ?= /usr/local
O       ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror
CPPFLAGS += -I. -D_GNU_SOURCE
DEPFLAGS = -MMD -MP
LDFLAGS += -static

# Every tracing tool, from the dispatcher's own table (tools/commands.h):
# each gets an install link.
paren := (
TOOLS := $(shell sed -n 's/^TOOL$(paren)\([a-z0-9_]*\),.*/\1/p' tools/commands.h)

DEB_PACKAGES := gcc make libelf-dev zlib1g-dev check linux-libc-dev pkg-config
# Yardsticks the tests compare against (differential tests); never linked.
DEB_PACKAGES += libbpf-tools bpftool

LIB_SRCS  := $(wildcard loader/*.c asm/*.c progs/*.c)
TOOL_SRCS := $(filter-out tools/main.c,$(wildcard tools/*.c))
UNIT_SRCS := $(wildcard tests/check_*.c)
INTEG_SRCS := $(wildcard tests/integration/*.c)

LIB_OBJS  := $(LIB_SRCS:%.c=$(O)/obj/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(O)/obj/%.o)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(O)/obj/%.o)
INTEG_OBJS := $(INTEG_SRCS:%.c=$(O)/obj/%.o)

CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

# BPF ELF objects are read with libelf (loader/elf.c, tools/elf.c), linked
# statically with zlib. clang builds the test objects, llvm-objdump checks
# them.
ELF_LIBS := -lelf -lz
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
LDFLAGS += $(ELF_LIBS)
CHECK_LIBS += $(ELF_LIBS)
DEB_PACKAGES += clang llvm

ifeq ($(V),1)
Q :=
else
Q := @
endif

all: $(O)/barebpf

$(O)/barebpf: $(O)/obj/tools/main.o $(TOOL_OBJS) $(LIB_OBJS)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS)

$(O)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(DEPFLAGS) -c -o $@ $<

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

$(O)/obj/loader/syscalls.o: $(O)/gen/syscall_names.h
# override: a CPPFLAGS given on the command line must not drop it.
$(O)/obj/loader/syscalls.o: override CPPFLAGS += -I$(O)/gen

$(O)/tests/check_unit: $(UNIT_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)

$(O)/tests/check_integration: $(INTEG_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)

# No integration sources (a fresh branch): nothing to link, and no main.
tests: all $(O)/tests/check_unit $(if $(INTEG_SRCS),$(O)/tests/check_integration)

deps:
	@missing=; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "  DEPS   $$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends $$missing; \
	fi

# The integration tests carry the files they read, so that they run where
# there is no source tree and no compiler: the verifier experiments, and
# BPF objects clang builds here from tests/integration/bpf/*.bpf.c.
TEST_BPF_OBJS := $(patsubst tests/integration/bpf/%.c,$(O)/tests/bpf/%.o,\
		 $(wildcard tests/integration/bpf/*.bpf.c))
EMBEDDED := $(sort $(wildcard examples/verifier/*.s)) $(TEST_BPF_OBJS)

$(O)/tests/bpf/%.o: tests/integration/bpf/%.c
	@mkdir -p $(@D)
	@echo "  CLANG   $<"
	$(Q)clang -target bpf -O2 -g -idirafter /usr/include/$(MULTIARCH) -c -o $@ $<

# embedded_files[]: { name, data, size } each, NUL after each file's data.
$(O)/obj/tests/embedded-files.o: $(EMBEDDED)
	@mkdir -p $(@D)
	@echo "  EMBED   $@"
	$(Q){ i=0; for f in $^; do \
		printf '.section .rodata\nn%d: .asciz "%s"\nd%d: .incbin "%s"\ne%d: .byte 0\n' \
			$$i "$${f##*/}" $$i "$$f" $$i; i=$$((i+1)); done; \
	      printf '.section .data.rel.ro,"aw"\n.balign 8\n.globl embedded_files\nembedded_files:\n'; \
	      i=0; for f in $^; do printf '.quad n%d, d%d, e%d - d%d\n' $$i $$i $$i $$i; \
		i=$$((i+1)); done; \
	      printf '.quad 0, 0, 0\n.section .note.GNU-stack,"",%%progbits\n'; } | \
		$(CC) -c -x assembler -o $@ -
$(O)/tests/check_integration: $(O)/obj/tests/embedded-files.o

# clang -target bpf searches /usr/include, not Debian's multiarch directory,
# for the <asm/types.h> that <linux/bpf.h> includes. gcc-multilib would link
# it, but conflicts with the cross compilers: link it as gcc-multilib does.
deps: bpf-asm-headers
bpf-asm-headers:
	@if [ ! -e /usr/include/asm ] && [ -n "$(MULTIARCH)" ] && \
	    [ -d /usr/include/$(MULTIARCH)/asm ]; then \
		echo "  LN      /usr/include/asm -> $(MULTIARCH)/asm"; \
		ln -s $(MULTIARCH)/asm /usr/include/asm; \
	fi

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(O)/barebpf execsnoop

test: deps
	$(Q)$(MAKE) --no-print-directory all tests
	$(Q)O=$(O) tests/run

# Sanitizers need the dynamic runtime: this build is not static.
check-asan:
	$(Q)$(MAKE) --no-print-directory O=$(O)/asan LDFLAGS= \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		$(O)/asan/tests/check_unit
	$(Q)ASAN_OPTIONS=detect_leaks=1 CK_FORK=no $(O)/asan/tests/check_unit

BENCH_BINS := $(O)/bench/openloop $(O)/bench/measure $(O)/bench/stamp

$(O)/bench/%: bench/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(WARN) -o $@ $<

bench: all $(BENCH_BINS)
	$(Q)O=$(O) bench/run $(O)/barebpf

install: all
	install -D -m 0755 $(O)/barebpf $(DESTDIR)$(PREFIX)/bin/barebpf
	$(Q)for t in $(TOOLS); do ln -sf barebpf $(DESTDIR)$(PREFIX)/bin/$$t; done

clean:
	rm -rf $(O)

.PHONY: all tests deps run test check-asan bench install clean bpf-asm-headers

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(INTEG_OBJS:.o=.d) $(O)/obj/tools/main.d
