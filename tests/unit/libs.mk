# SPDX-License-Identifier: GPL-2.0
# Host unit tests and libFuzzer targets for the pure modules: hv/lib (fmt,
# string, mem, elf64, memmap), the Linux boot protocol, the page-table
# builder and the loader's config and memory-map code.

LT_INC  := -Ihv/abi -Ihv/include -Ihv/arch/x86/include -Iefi
LT_HOST := $(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(LT_INC)
LT_FUZZ := $(FUZZCC) $(FUZZ_CFLAGS) -MMD -MP $(LT_INC)

# hv/lib defines functions with libc's names. The fmt and string tests build
# it with hv_ names instead, so they call ours and can compare with libc's.
# Loop distribution could turn our loops into calls to libc; keep it off.
LT_RENAMED := memcpy memmove memset memcmp strlen strnlen strcmp strncmp strlcpy \
              vsnprintf snprintf
LT_RENAME  := -fno-builtin -fno-tree-loop-distribute-patterns \
              $(foreach f,$(LT_RENAMED),-D$(f)=hv_$(f))

LT_OBJ   := $(B)/tests/unit/obj
LT_HVOBJ := $(B)/tests/unit/hvobj
LF_OBJ   := $(B)/tests/fuzz/obj

$(LT_OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(LT_HOST) $(LT_DEFS) -c $< -o $@

$(LT_HVOBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(LT_HOST) $(LT_RENAME) -c $< -o $@

$(LF_OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(LT_FUZZ) -c $< -o $@

# Tiny images the host toolchain builds, loaded by elf_test: a static PIE,
# a fixed-address executable, and a PIE whose relocations are packed (RELR).
LT_SAMPLES := $(B)/tests/unit/elf-samples
LT_SAMPLE_CFLAGS := -O1 -ffreestanding -fno-stack-protector -fcf-protection=none \
                    -fno-asynchronous-unwind-tables -nostdlib -Wl,--build-id=none \
                    -Wall -Wextra -Werror
LT_SAMPLE_ELFS := $(LT_SAMPLES)/pie.elf $(LT_SAMPLES)/exec.elf $(LT_SAMPLES)/relr.elf

$(LT_SAMPLES)/pie.elf: tests/unit/elf_sample.c
	@mkdir -p $(@D)
	$(HOSTCC) $(LT_SAMPLE_CFLAGS) -fpie -static-pie -o $@ $<

$(LT_SAMPLES)/exec.elf: tests/unit/elf_sample.c
	@mkdir -p $(@D)
	$(HOSTCC) $(LT_SAMPLE_CFLAGS) -fno-pie -no-pie -static -o $@ $<

$(LT_SAMPLES)/relr.elf: tests/unit/elf_sample.c
	@mkdir -p $(@D)
	$(HOSTCC) $(LT_SAMPLE_CFLAGS) -fpie -static-pie -Wl,-z,pack-relative-relocs -o $@ $<

$(LT_OBJ)/tests/unit/elf_test.o: LT_DEFS := -DELF_SAMPLE_DIR='"$(LT_SAMPLES)"'
$(LT_OBJ)/tests/unit/linuxboot_test.o: LT_DEFS := -DKERNEL_IMAGE_PATH='"$(KERNEL_IMAGE)"'
$(LT_OBJ)/tests/unit/linuxboot_test.o: $(B)/setup.mk	# a new kernel, a new path

# Unit tests: name, then the module objects it links.
LT_UNIT_fmt       := $(LT_HVOBJ)/hv/lib/fmt.o $(LT_HVOBJ)/hv/lib/string.o $(LT_HVOBJ)/hv/lib/mem.o
LT_UNIT_string    := $(LT_HVOBJ)/hv/lib/string.o $(LT_HVOBJ)/hv/lib/mem.o
LT_UNIT_elf       := $(LT_OBJ)/hv/lib/elf64.o
LT_UNIT_memmap    := $(LT_OBJ)/hv/lib/memmap.o
LT_UNIT_linuxboot := $(LT_OBJ)/hv/arch/x86/boot/linuxboot.o
LT_UNIT_paging    := $(LT_OBJ)/hv/arch/x86/paging.o
LT_UNIT_config    := $(LT_OBJ)/efi/config.o
LT_UNIT_efimap    := $(LT_OBJ)/efi/efimap.o $(LT_OBJ)/hv/lib/memmap.o
LT_UNIT_log       := $(LT_OBJ)/hv/core/log.o
LT_UNITS := fmt string elf memmap linuxboot paging config efimap log

define lt_unit_rule
$(B)/tests/unit/$(1)_test: $(LT_OBJ)/tests/unit/$(1)_test.o $(LT_UNIT_$(1))
	$$(LT_HOST) -o $$@ $$(filter %.o,$$^)
endef
$(foreach t,$(LT_UNITS),$(eval $(call lt_unit_rule,$(t))))

$(B)/tests/unit/elf_test: $(LT_SAMPLE_ELFS)

UNIT_TESTS += $(foreach t,$(LT_UNITS),$(B)/tests/unit/$(t)_test)

# Fuzzers: name, then the module objects it links.
LF_FUZZ_elf        := $(LF_OBJ)/hv/lib/elf64.o
LF_FUZZ_config     := $(LF_OBJ)/efi/config.o
LF_FUZZ_memmap     := $(LF_OBJ)/hv/lib/memmap.o
LF_FUZZ_bootparams := $(LF_OBJ)/hv/arch/x86/boot/linuxboot.o
LF_FUZZ_paging     := $(LF_OBJ)/hv/arch/x86/paging.o
LF_FUZZ_efimap     := $(LF_OBJ)/efi/efimap.o $(LF_OBJ)/hv/lib/memmap.o
LF_FUZZERS := elf config memmap bootparams paging efimap

define lf_fuzz_rule
$(B)/tests/fuzz/$(1)_fuzz: $(LF_OBJ)/tests/fuzz/$(1)_fuzz.o $(LF_FUZZ_$(1)) | $(B)/fuzz-corpus/$(1)_fuzz
	$$(LT_FUZZ) -o $$@ $$(filter %.o,$$^)
endef
$(foreach t,$(LF_FUZZERS),$(eval $(call lf_fuzz_rule,$(t))))

# Start the ELF and boot-parameter fuzzers from real images: the sample
# ELFs, and the first 64 KiB of the root's bzImage (its whole real-mode
# part); tests/fuzz-seeds/ holds the other seeds.
$(B)/fuzz-corpus/%:
	@mkdir -p $@
$(B)/fuzz-corpus/elf_fuzz: $(LT_SAMPLE_ELFS)
	@mkdir -p $@
	cp $^ $@/
$(B)/fuzz-corpus/bootparams_fuzz:
	@mkdir -p $@
	head -c 65536 $(KERNEL_IMAGE) > $@/bzimage-head

FUZZERS += $(foreach t,$(LF_FUZZERS),$(B)/tests/fuzz/$(t)_fuzz)
