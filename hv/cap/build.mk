# SPDX-License-Identifier: GPL-2.0
# Capability library (hv/cap): its sources for the core, a freestanding build
# check, host unit tests, the randomized model test, a libFuzzer target
# and a benchmark.

CAP_SRCS := $(sort $(wildcard hv/cap/*.c))
CAP_INC  := $(ABI_INC) -Ihv/cap

# The core's own flags; the core compiles CAP_SRCS itself, this only proves
# that they build freestanding and need nothing from outside the library.
CAP_KERNEL_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdlib \
	-mno-sse -mno-mmx -mno-red-zone -mgeneral-regs-only -fpie \
	$(HOST_WARN) $(CAP_INC)

CAP_KERNEL_OBJS := $(CAP_SRCS:hv/cap/%.c=$(B)/cap/kernel/%.o)
CAP_SAN_OBJS    := $(CAP_SRCS:hv/cap/%.c=$(B)/cap/san/%.o)
CAP_FUZZ_OBJS   := $(CAP_SRCS:hv/cap/%.c=$(B)/cap/fuzz/%.o)
CAP_HOST_OBJS   := $(CAP_SRCS:hv/cap/%.c=$(B)/cap/host/%.o)

$(B)/cap/kernel/%.o: hv/cap/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(CAP_KERNEL_CFLAGS) -MMD -MP -c $< -o $@

# Linked together, the objects must leave no symbol undefined.
$(B)/cap/freestanding.ok: $(CAP_KERNEL_OBJS)
	ld -r -o $(B)/cap/kernel/libcap.o $^
	@ext=$$(nm -u $(B)/cap/kernel/libcap.o); \
	 if [ -n "$$ext" ]; then echo "hv/cap needs external symbols: $$ext" >&2; exit 1; fi
	@touch $@

$(B)/cap/san/%.o: hv/cap/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(CAP_INC) -c $< -o $@

$(B)/cap/host/%.o: hv/cap/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(CAP_INC) -c $< -o $@

$(B)/cap/fuzz/%.o: hv/cap/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $(CAP_INC) -c $< -o $@

CAP_TEST_CFLAGS := $(HOST_CFLAGS) $(SAN_FLAGS)  $(CAP_INC) \
	-Itests/unit -Itests/cap

# Programs built straight from several sources get incomplete .d files, so
# they name the headers themselves (the recipes filter them out again).
CAP_HDRS := $(wildcard hv/cap/*.h hv/abi/bulkhead/cap.h tests/cap/*.h) tests/unit/test.h

$(B)/tests/cap_test: tests/unit/cap_test.c $(CAP_SAN_OBJS) $(CAP_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(CAP_TEST_CFLAGS) $(filter %.c %.o,$^) -o $@

$(B)/tests/cap_memory_test: tests/unit/cap_memory_test.c $(CAP_SAN_OBJS) $(CAP_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(CAP_TEST_CFLAGS) $(filter %.c %.o,$^) -o $@

# The reference model and harness, shared by the model test and the fuzzer.
CAP_MODEL_SRCS := tests/cap/cap_model.c tests/cap/cap_harness.c

$(B)/tests/cap_model_test: tests/unit/cap_model_test.c $(CAP_MODEL_SRCS) $(CAP_SAN_OBJS) $(CAP_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(CAP_TEST_CFLAGS) $(filter %.c %.o,$^) -o $@

$(B)/fuzz/cap_fuzz: tests/fuzz/cap_fuzz.c $(CAP_MODEL_SRCS) $(CAP_FUZZ_OBJS) $(CAP_HDRS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $(CAP_INC) -Itests/cap $(filter %.c %.o,$^) -o $@

# The benchmark runs without sanitizers, at the library's production -O2.
$(B)/bench/cap_bench: tests/bench/cap_bench.c $(CAP_HOST_OBJS) $(CAP_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(CAP_INC) $(filter %.c %.o,$^) -o $@

UNIT_TESTS   += $(B)/tests/cap_test $(B)/tests/cap_memory_test $(B)/tests/cap_model_test
FUZZERS      += $(B)/fuzz/cap_fuzz
BENCH_GROUPS += cap
ALL_TARGETS  += $(B)/cap/freestanding.ok

.PHONY: bench-cap
bench-cap: $(B)/bench/cap_bench
	@$(B)/bench/cap_bench
	@tests/bench/cap_callgrind $(B)/bench/cap_bench
export FUZZ_SECONDS_cap_fuzz := 60
