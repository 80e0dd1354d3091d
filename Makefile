# barebpf: eBPF tracing tools in one static binary.
#   make            build/barebpf (static)
#   make deps       install missing Debian build packages
#   make run        deps, build, then barebpf execsnoop
#   make test       deps, build, unit and integration tests
#   make check-asan the unit tests under AddressSanitizer and UBSan
#   make bench      overhead figures (needs root)
#   make bench-buildtrace  buildtrace on a parallel C build (needs root)
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

# Every tool, from the dispatcher's own table (tools/commands.h).
paren := (
TOOLS := $(shell sed -n 's/^COMMAND$(paren)\([a-z0-9_]*\),.*/\1/p' tools/commands.h)

DEB_PACKAGES := gcc make libelf-dev zlib1g-dev check linux-libc-dev pkg-config

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

$(O)/tests/check_unit: $(UNIT_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)

$(O)/tests/check_integration: $(INTEG_OBJS) $(TOOL_OBJS) $(LIB_OBJS)
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)

# No integration sources (a fresh branch): nothing to link, and no main.
tests: $(O)/tests/check_unit $(if $(INTEG_SRCS),$(O)/tests/check_integration)

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

# buildtrace's readers and program builders are not hot: size over speed,
# for the 1 MiB the whole binary has.
$(O)/obj/tools/btrace_%.o $(O)/obj/progs/buildtrace%.o: CFLAGS += -Os

# buildtrace's cost on a parallel C build, beside strace -f (root, cc, strace)
bench-buildtrace: all
	$(Q)bench/buildtrace $(O)/barebpf

install: all
	install -D -m 0755 $(O)/barebpf $(DESTDIR)$(PREFIX)/bin/barebpf
	$(Q)for t in $(TOOLS); do ln -sf barebpf $(DESTDIR)$(PREFIX)/bin/$$t; done

clean:
	rm -rf $(O)

.PHONY: all tests deps run test check-asan bench bench-buildtrace install clean

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(INTEG_OBJS:.o=.d) $(O)/obj/tools/main.d
