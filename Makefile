# SPDX-License-Identifier: GPL-2.0
# Bulkhead: one non-recursive make. Every *.mk file under the component
# directories is a fragment that adds its outputs to the lists below.
#
#   make              everything, including build/esp.img
#   make run          set up, build and boot the demo under QEMU
#   make test         every test; the last line is "N passed, N failed"
#   make bench [ONLY=group]
#   make fuzz [FUZZ_SECONDS=n]
#   make clean

B := build
.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDEXPANSION:

# tools/setup installs what is missing and describes the kernel it fetched.
NO_SETUP_GOALS := clean help
ifneq ($(if $(MAKECMDGOALS),$(filter-out $(NO_SETUP_GOALS),$(MAKECMDGOALS)),all),)
include $(B)/setup.mk
endif
$(B)/setup.mk: FORCE
	@tools/setup --emit $@

# V=1 shows every command.
Q := $(if $(V),,@)

# Host tools: tests, benchmarks and root-partition user space.
HOSTCC      := gcc
HOST_WARN   := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
               -Wshadow -Wundef -fno-common
HOST_CFLAGS := -std=gnu11 -O2 -g $(HOST_WARN) -MMD -MP
SAN_FLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all
FUZZCC      := clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

# The shared ABI headers (hypercalls, boot information, ioctls).
ABI_INC := -Ihv/abi

# Lists the fragments extend.
UNIT_TESTS   :=   # host executables printing PASS:/FAIL: lines
FUZZERS      :=   # libFuzzer executables
INTEG_TESTS  :=   # integration test commands (one word each, run from the top)
BENCH_GROUPS :=   # each has a bench-<group> target
ALL_TARGETS  :=   # what plain "make" builds

FRAGMENTS := $(sort $(shell find hv efi rootpart vmbus vsp vsc tests tools docs \
                -name '*.mk' 2>/dev/null))
include $(FRAGMENTS)

.PHONY: all run test unit-tests bench fuzz clean help FORCE
all: $(ALL_TARGETS)

FUZZ_SECONDS      ?= 60
FUZZ_TEST_SECONDS ?= 10

$(B)/tests.list: FORCE
	@mkdir -p $(@D)
	@{ for t in $(UNIT_TESTS); do echo "unit $$t"; done; \
	   for t in $(FUZZERS); do echo "fuzz $$t"; done; \
	   for t in $(INTEG_TESTS); do echo "integ $$t"; done; } > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

test: all $(UNIT_TESTS) $(FUZZERS) $(B)/tests.list
	@FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) FUZZ_OWN_BUDGETS=1 tests/run $(B)/tests.list

unit-tests: $(UNIT_TESTS)
	@printf 'unit %s\n' $(UNIT_TESTS) > $(B)/unit.list
	@tests/run $(B)/unit.list

fuzz: $(FUZZERS)
	@printf 'fuzz %s\n' $(FUZZERS) > $(B)/fuzz.list
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run $(B)/fuzz.list

ONLY ?= $(BENCH_GROUPS)
bench: $(addprefix bench-,$(ONLY))

clean:
	rm -rf $(B)

help:
	@sed -n '2,12p' Makefile

FORCE:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
