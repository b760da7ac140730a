# SPDX-License-Identifier: GPL-2.0
# The hypervisor core: a freestanding static PIE, build/hv/hv.elf.

HV_CC     := gcc
HV_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdlib -fno-stack-protector \
             -fno-common -fpie -fvisibility=hidden -mno-red-zone -mgeneral-regs-only \
             -mno-sse -mno-mmx -mno-avx -fno-asynchronous-unwind-tables -fno-omit-frame-pointer \
             -fcf-protection=none -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
             -Wshadow -Wundef -Wno-address-of-packed-member -MMD -MP \
             -Ihv/abi -Ihv/include -Ihv/arch/x86/include -Ihv/cap
HV_ASFLAGS := -D__ASSEMBLER__ -Ihv/abi -Ihv/include -Ihv/arch/x86/include -MMD -MP
HV_LDFLAGS := -nostdlib -static -pie --no-dynamic-linker -z text -z max-page-size=4096 \
              -z noexecstack --gc-sections -T hv/arch/x86/hv.lds

# Freestanding libraries shared with the loader, the worker and host tests.
HV_LIB_SRCS := hv/lib/string.c hv/lib/mem.c hv/lib/fmt.c hv/lib/memmap.c hv/lib/elf64.c

# Recursive: CAP_SRCS, VLAPIC_SRCS... come from fragments read after this one.
HV_SRCS = $(HV_LIB_SRCS) \
           hv/core/main.c hv/core/log.c hv/core/pmem.c hv/core/hypercall.c \
           hv/core/caps.c hv/core/partition.c $(CAP_SRCS) \
           hv/arch/x86/entry.S hv/arch/x86/trampoline.S hv/arch/x86/setup.c \
           hv/arch/x86/platform.c hv/arch/x86/exceptions.c hv/arch/x86/uart.c \
           hv/arch/x86/tsc.c hv/arch/x86/acpi.c hv/arch/x86/mm.c hv/arch/x86/paging.c \
           hv/arch/x86/lapic.c hv/arch/x86/smp.c hv/arch/x86/root.c hv/arch/x86/vcpu.c \
           hv/arch/x86/apic_emul.c hv/arch/x86/emulate.c hv/arch/x86/boot/linuxboot.c \
           hv/arch/x86/fpu.c hv/arch/x86/child.c hv/arch/x86/child_run.c \
           hv/arch/x86/child_exit.c hv/arch/x86/child_cpuid.c \
           hv/arch/x86/svm/svm.c hv/arch/x86/svm/svm_exit.c hv/arch/x86/svm/svm_entry.S \
           hv/arch/x86/svm/svm_child.c hv/arch/x86/svm/svm_state.c \
           $(INSN_SRCS) $(GWALK_SRCS) $(VLAPIC_SRCS)

HV_OBJS = $(patsubst %,$(B)/hv/%.o,$(HV_SRCS))

$(B)/hv/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(HV_CC) $(HV_CFLAGS) -c $< -o $@

$(B)/hv/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(HV_CC) $(HV_ASFLAGS) -c $< -o $@

$(B)/hv/hv.elf: $$(HV_OBJS) hv/arch/x86/hv.lds
	@echo "  LD      $@"
	$(Q)ld $(HV_LDFLAGS) -o $@ $(HV_OBJS)
	@! readelf -r $@ | grep -v -E 'R_X86_64_RELATIVE|^$$|^Relocation section|Offset +Info' | grep . \
		|| { echo "hv.elf: relocations other than R_X86_64_RELATIVE"; rm -f $@; exit 1; }

ALL_TARGETS += $(B)/hv/hv.elf
