# SPDX-License-Identifier: GPL-2.0
# The UEFI loader, build/efi/BOOTX64.EFI (GNU-EFI, PE32+ EFI application).

EFI_INC     := /usr/include/efi
EFI_LIB     := /usr/lib
EFI_CFLAGS  := -std=gnu11 -O2 -fpic -fshort-wchar -ffreestanding -fno-stack-protector \
               -fno-stack-check -mno-red-zone -maccumulate-outgoing-args -mgeneral-regs-only \
               -DGNU_EFI_USE_MS_ABI -Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP \
               -I$(EFI_INC) -I$(EFI_INC)/x86_64 -I$(EFI_INC)/protocol \
               -Ihv/abi -Ihv/include -Ihv/arch/x86/include -Iefi
EFI_LDFLAGS := -nostdlib -znocombreloc -shared -Bsymbolic -T $(EFI_LIB)/elf_x86_64_efi.lds

# memcpy and memset come from gnu-efi's libefi, so hv/lib/mem.c is left out.
EFI_SRCS := efi/loader.c efi/config.c efi/efimap.c hv/lib/string.c hv/lib/fmt.c \
            hv/lib/memmap.c hv/lib/elf64.c hv/arch/x86/boot/linuxboot.c
EFI_OBJS := $(patsubst %,$(B)/efi/%.o,$(EFI_SRCS))

$(B)/efi/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  EFICC   $<"
	$(Q)gcc $(EFI_CFLAGS) -c $< -o $@

$(B)/efi/loader.so: $(EFI_OBJS)
	@echo "  LD      $@"
	$(Q)ld $(EFI_LDFLAGS) $(EFI_LIB)/crt0-efi-x86_64.o $(EFI_OBJS) -o $@ -L$(EFI_LIB) -lefi -lgnuefi

$(B)/efi/BOOTX64.EFI: $(B)/efi/loader.so
	@echo "  OBJCOPY $@"
	$(Q)objcopy -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
		-j .rel.* -j .rela.* -j .reloc --target efi-app-x86_64 --subsystem=10 $< $@

ALL_TARGETS += $(B)/efi/BOOTX64.EFI
