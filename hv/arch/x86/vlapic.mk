# SPDX-License-Identifier: GPL-2.0
# The virtual local APIC of child partitions: a pure library the core links
# (built freestanding with the core's flags), its host tests and its fuzzer.

VLAPIC_SRCS := hv/arch/x86/vlapic.c hv/arch/x86/vlapic_regs.c hv/arch/x86/vlapic_timer.c \
               hv/arch/x86/vlapic_ipi.c
VLAPIC_HDRS := hv/arch/x86/vlapic_internal.h hv/arch/x86/include/asm/vlapic.h \
               hv/arch/x86/include/asm/apic.h hv/arch/x86/include/asm/msr.h \
               hv/arch/x86/include/asm/paging.h
VLAPIC_INC  := -Ihv/arch/x86/include
export VLAPIC_SRCS

VLAPIC_UNIT_TESTS := $(B)/tests/unit/vlapic_test $(B)/tests/unit/vlapic_timer_test \
                     $(B)/tests/unit/vlapic_ipi_test
UNIT_TESTS  += $(VLAPIC_UNIT_TESTS)
FUZZERS     += $(B)/tests/fuzz/vlapic_fuzz
ALL_TARGETS += $(B)/hv/arch/x86/vlapic-freestanding.o

# Proof that the library builds the way the core builds it and calls nothing
# outside itself (no libgcc helper, no memset): the relocatable object must
# have no undefined symbols.
VLAPIC_FREESTANDING_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -mno-sse -mno-mmx -mno-red-zone -mgeneral-regs-only -fpie $(HOST_WARN)
$(B)/hv/arch/x86/vlapic-freestanding.o: $(VLAPIC_SRCS) $(VLAPIC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(VLAPIC_FREESTANDING_CFLAGS) -nostdinc $(VLAPIC_INC) \
		-isystem $(shell $(HOSTCC) -print-file-name=include) \
		-r -o $@.tmp $(VLAPIC_SRCS)
	@undef=$$(nm -u $@.tmp); if [ -n "$$undef" ]; then \
		echo "vlapic: freestanding object needs: $$undef"; rm -f $@.tmp; exit 1; fi
	@mv $@.tmp $@

$(VLAPIC_UNIT_TESTS): $(B)/tests/unit/%: tests/unit/%.c tests/unit/vlapic_helpers.h $(VLAPIC_SRCS) \
		$(VLAPIC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(VLAPIC_INC) -Wno-clobbered -pthread -o $@ $< $(VLAPIC_SRCS)

$(B)/tests/fuzz/vlapic_fuzz: tests/fuzz/vlapic_fuzz.c tests/fuzz/fuzz_input.h $(VLAPIC_SRCS) $(VLAPIC_HDRS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) $(VLAPIC_INC) -o $@ tests/fuzz/vlapic_fuzz.c $(VLAPIC_SRCS)
