# SPDX-License-Identifier: GPL-2.0
# vmbus/: the VMBus ring transport library, its tests, fuzzers and benchmark.

# The library's sources, for other builds to compile with their own flags
# (freestanding guest code, root user space); they need $(ABI_INC).
VMBUS_RING_SRCS := vmbus/ring.c vmbus/gpa_direct.c vmbus/ring_pair.c
VMBUS_RING_OBJS  = $(addprefix $(B)/vmbus/$(1)/,$(notdir $(VMBUS_RING_SRCS:.c=.o)))

# Hosted builds copy ring data with the C library's memcpy (vmbus/ring_arch.h).
VMBUS_HOST_CFLAGS := $(HOST_CFLAGS) $(ABI_INC) -I. -DVMBUS_RING_USE_MEMCPY
VMBUS_SAN_CFLAGS  := $(VMBUS_HOST_CFLAGS) $(SAN_FLAGS)
# Same, but through the freestanding copy routine (rep movsb), still sanitized.
VMBUS_RAW_CFLAGS  := $(HOST_CFLAGS) $(ABI_INC) -I. $(SAN_FLAGS)
VMBUS_FUZZ_CFLAGS := $(FUZZ_CFLAGS) -MMD -MP $(ABI_INC) -I. -DVMBUS_RING_USE_MEMCPY
# What guest code compiles the core with; the result must need nothing from outside.
VMBUS_FREE_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdlib -mno-red-zone \
                     -fpie $(HOST_WARN) -MMD -MP $(ABI_INC)

$(B)/vmbus/host/%.o: vmbus/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_HOST_CFLAGS) -c $< -o $@
$(B)/vmbus/san/%.o: vmbus/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_SAN_CFLAGS) -c $< -o $@
$(B)/vmbus/raw/%.o: vmbus/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_RAW_CFLAGS) -c $< -o $@
$(B)/vmbus/fuzz/%.o: vmbus/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(VMBUS_FUZZ_CFLAGS) -c $< -o $@
$(B)/vmbus/free/%.o: vmbus/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_FREE_CFLAGS) -c $< -o $@

# Freestanding check: link the core relocatably and demand no undefined symbols
# (no memcpy, memset or anything else a guest image would have to provide).
$(B)/vmbus/free/core.o: $(call VMBUS_RING_OBJS,free)
	ld -r -o $@ $(filter %.c %.o,$^)
	@undef=$$(nm -u $@); if [ -n "$$undef" ]; then \
		echo "vmbus: the freestanding core needs external symbols:" $$undef >&2; \
		rm -f $@; exit 1; fi

# Unit tests: once with memcpy, once with the freestanding copy routine.
# tests/unit/test.h's setjmp loop trips a false -Wclobbered at -O2.
VMBUS_TEST_FLAGS :=
$(B)/tests/vmbus_ring_test: tests/unit/vmbus_ring_test.c $(call VMBUS_RING_OBJS,san)
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_SAN_CFLAGS) $(VMBUS_TEST_FLAGS) -o $@ $(filter %.c %.o,$^)
$(B)/tests/vmbus_ring_test_rawcopy: tests/unit/vmbus_ring_test.c $(call VMBUS_RING_OBJS,raw)
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_RAW_CFLAGS) $(VMBUS_TEST_FLAGS) -o $@ $(filter %.c %.o,$^)

# Two-process stress test: optimised, no sanitizers (ten million packets).
$(B)/tests/vmbus_ring_stress: tests/unit/vmbus_ring_stress.c $(call VMBUS_RING_OBJS,host)
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_HOST_CFLAGS) -o $@ $(filter %.c %.o,$^)

$(B)/fuzz/vmbus_ring_reader: tests/fuzz/vmbus_ring_reader.c $(call VMBUS_RING_OBJS,fuzz)
	@mkdir -p $(@D)
	$(FUZZCC) $(VMBUS_FUZZ_CFLAGS) -o $@ $(filter %.c %.o,$^)
$(B)/fuzz/vmbus_ring_writer: tests/fuzz/vmbus_ring_writer.c $(call VMBUS_RING_OBJS,fuzz)
	@mkdir -p $(@D)
	$(FUZZCC) $(VMBUS_FUZZ_CFLAGS) -o $@ $(filter %.c %.o,$^)

$(B)/bench/vmbus_ring_bench: tests/bench/vmbus_ring_bench.c $(call VMBUS_RING_OBJS,host)
	@mkdir -p $(@D)
	$(HOSTCC) $(VMBUS_HOST_CFLAGS) -pthread -o $@ $(filter %.c %.o,$^)

.PHONY: bench-vmbus
bench-vmbus: $(B)/bench/vmbus_ring_bench
	@$(B)/bench/vmbus_ring_bench

VMBUS_UNIT_TESTS := $(B)/tests/vmbus_ring_test $(B)/tests/vmbus_ring_test_rawcopy \
                    $(B)/tests/vmbus_ring_stress
VMBUS_FUZZERS    := $(B)/fuzz/vmbus_ring_reader $(B)/fuzz/vmbus_ring_writer

UNIT_TESTS   += $(VMBUS_UNIT_TESTS)
FUZZERS      += $(VMBUS_FUZZERS)
BENCH_GROUPS += vmbus
ALL_TARGETS  += $(B)/vmbus/free/core.o $(VMBUS_UNIT_TESTS) $(VMBUS_FUZZERS) \
                $(B)/bench/vmbus_ring_bench
