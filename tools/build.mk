# SPDX-License-Identifier: GPL-2.0
# The bootable ESP image and the QEMU runs built on it.

ESP_PARTS := $(B)/efi/BOOTX64.EFI efi/bulkhead.cfg $(B)/hv/hv.elf $(KERNEL_IMAGE) \
             $(B)/rootpart/initramfs.img

$(B)/esp.img: tools/mkesp $(ESP_PARTS)
	@echo "  ESP     $@"
	$(Q)tools/mkesp $@ $(ESP_PARTS)

ALL_TARGETS += $(B)/esp.img

# CPU=max (x2APIC) or CPU=epyc (xAPIC only); SMP and MEM as QEMU takes them.
CPU ?= max
SMP ?= 2
MEM ?= 2G
run: all
	tools/qemu-run --cpu $(CPU) --smp $(SMP) --mem $(MEM) --esp $(B)/esp.img
