# SPDX-License-Identifier: GPL-2.0
# Test guests (docs/test-guests.md): freestanding Multiboot images, one per
# tests/guest/<name>.c, linked with the runtime in tests/guest/lib into
# $(B)/tests/guest/<name>.elf: ELF32 (i386) whose PT_LOAD segments sit at
# their physical addresses, for the worker's loader and QEMU's -kernel.
# Built 64-bit (x86-64 objects) and converted with objcopy; the .elf64 next
# to each keeps the symbols for a debugger.

GUEST_NAMES := hello smp apic_timer hostile_msr hostile_hypercall hostile_unmapped \
               triple_fault cli_loop isolation_secret isolation_scan exit_cost

GUEST_CC      := gcc
GUEST_DIR     := $(B)/tests/guest
GUEST_GEN_INC := $(GUEST_DIR)/include
GUEST_CFLAGS  := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdlib -nostdinc \
                 -isystem $(shell $(GUEST_CC) -print-file-name=include) \
                 -fno-stack-protector -fno-pie -mcmodel=small -mno-red-zone \
                 -mgeneral-regs-only -mno-sse -mno-mmx -mno-avx \
                 -fno-asynchronous-unwind-tables -fno-omit-frame-pointer -fcf-protection=none \
                 --param=min-pagesize=0 $(HOST_WARN) -Wno-address-of-packed-member -MMD -MP \
                 -Ihv/abi -Ihv/include -Ihv/arch/x86/include -Itests/guest/lib/include \
                 -I$(GUEST_GEN_INC)
GUEST_ASFLAGS := -D__ASSEMBLER__ -Ihv/abi -Ihv/include -Ihv/arch/x86/include \
                 -Itests/guest/lib/include -I$(GUEST_GEN_INC) -MMD -MP
GUEST_LDS     := tests/guest/lib/guest.lds
GUEST_LDFLAGS := -m elf_x86_64 -nostdlib -static -z max-page-size=4096 -z noexecstack \
                 -T $(GUEST_LDS)

# min-pagesize=0: the guest reads the BIOS data area and other low pages on purpose.

# The runtime, plus the core's freestanding formatter, string functions and UART driver.
GUEST_ASM_SRCS := tests/guest/lib/boot.S tests/guest/lib/trampoline.S tests/guest/lib/vectors.S
GUEST_LIB_SRCS := $(GUEST_ASM_SRCS) \
                  tests/guest/lib/start.c tests/guest/lib/desc.c tests/guest/lib/exception.c \
                  tests/guest/lib/console.c tests/guest/lib/report.c tests/guest/lib/boot.c \
                  tests/guest/lib/phys.c tests/guest/lib/tsc.c tests/guest/lib/apic.c \
                  tests/guest/lib/smp.c tests/guest/lib/acpi.c tests/guest/lib/power.c \
                  tests/guest/lib/hypercall.c \
                  hv/lib/string.c hv/lib/mem.c hv/lib/fmt.c hv/arch/x86/uart.c
GUEST_LIB_OBJS := $(patsubst %,$(GUEST_DIR)/obj/%.o,$(GUEST_LIB_SRCS))
GUEST_ELFS     := $(patsubst %,$(GUEST_DIR)/%.elf,$(GUEST_NAMES))

# Architectural constants for the .S files, from the C headers that name them.
GUEST_ASM_DEFS := $(GUEST_GEN_INC)/guest/asm-defs.h
$(GUEST_DIR)/asm-defs.s: tests/guest/lib/asm-defs.c
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -S -o $@ $<
$(GUEST_ASM_DEFS): $(GUEST_DIR)/asm-defs.s
	@mkdir -p $(@D)
	@{ echo "/* Generated from tests/guest/lib/asm-defs.c by guest.mk; do not edit. */"; \
	   echo "#ifndef GUEST_ASM_DEFS_H"; echo "#define GUEST_ASM_DEFS_H"; \
	   sed -n 's/.*"->\([A-Za-z0-9_]*\) \$$\{0,1\}\([0-9-]*\)".*/#define \1 \2/p' $<; \
	   echo "#endif"; } > $@.tmp
	@mv $@.tmp $@

$(GUEST_DIR)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  GUESTCC $<"
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_DIR)/obj/%.S.o: %.S $(GUEST_ASM_DEFS)
	@mkdir -p $(@D)
	@echo "  GUESTAS $<"
	$(Q)$(GUEST_CC) $(GUEST_ASFLAGS) -c $< -o $@

$(GUEST_DIR)/%.elf64: $(GUEST_DIR)/obj/tests/guest/%.c.o $(GUEST_LIB_OBJS) $(GUEST_LDS)
	@echo "  LD      $@"
	$(Q)ld $(GUEST_LDFLAGS) -o $@ $< $(GUEST_LIB_OBJS)

# The loader finds the header in the first 8 KiB, 4-byte aligned (Multiboot 3.1.1).
$(GUEST_DIR)/%.elf: $(GUEST_DIR)/%.elf64
	@echo "  OBJCOPY $@"
	$(Q)objcopy -O elf32-i386 --strip-debug $< $@
	$(Q)off=$$(LC_ALL=C grep -obUaP '\x02\xb0\xad\x1b' $@ | head -n1 | cut -d: -f1); \
	  if [ -z "$$off" ] || [ "$$off" -ge 8192 ] || [ $$((off % 4)) -ne 0 ]; then \
	    echo "$@: no 4-byte aligned Multiboot header in the first 8 KiB"; rm -f $@; exit 1; fi

# Kept, not deleted as intermediates: the objects are shared, the .elf64 is for debuggers.
.SECONDARY: $(GUEST_LIB_OBJS) $(patsubst %,$(GUEST_DIR)/obj/tests/guest/%.c.o,$(GUEST_NAMES)) \
            $(patsubst %,$(GUEST_DIR)/%.elf64,$(GUEST_NAMES))
.PHONY: guests
guests: $(GUEST_ELFS)
ALL_TARGETS += $(GUEST_ELFS)
