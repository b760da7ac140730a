# SPDX-License-Identifier: GPL-2.0
# Root partition: the bridge module, hvctl, and the initramfs that carries them.

ROOT_CFLAGS := $(HOST_CFLAGS) -Ihv/abi -Irootpart/lib

HVCTL_SRCS := rootpart/hvctl/main.c rootpart/hvctl/cmd_info.c rootpart/hvctl/cmd_hypercall.c \
              rootpart/lib/bhdev.c

$(B)/rootpart/hvctl: $(HVCTL_SRCS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(ROOT_CFLAGS) $(HVCTL_SRCS) -o $@

# Out-of-tree modules build in a copy under build/, keeping the source tree clean.
define kbuild_module
	@rm -rf $(1) && mkdir -p $(1) && cp $(2) $(1)/
	@echo "  KBUILD  $(1)"
	$(Q)$(MAKE) -s -C $(KERNEL_HEADERS) M=$(abspath $(1)) BULKHEAD_ABI=$(abspath hv/abi) \
		modules >$(1)/kbuild.log 2>&1 || { cat $(1)/kbuild.log; exit 1; }
endef

KMOD_SRCS := $(wildcard rootpart/kmod/*.c rootpart/kmod/*.h) rootpart/kmod/Kbuild
$(B)/rootpart/kmod/bulkhead.ko: $(KMOD_SRCS) $(wildcard hv/abi/bulkhead/*.h) $(B)/setup.mk
	$(call kbuild_module,$(@D),$(KMOD_SRCS))

HOSTILE_SRCS := tests/root/bh_hostile.c tests/root/Kbuild
$(B)/tests/root/bh_hostile.ko: $(HOSTILE_SRCS) $(wildcard hv/abi/bulkhead/*.h) $(B)/setup.mk
	$(call kbuild_module,$(@D),$(HOSTILE_SRCS))

$(B)/tests/root/bh-usercall: tests/root/bh_usercall.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(ROOT_CFLAGS) -static $< -o $@

ROOT_INITRAMFS_FILES := \
	/usr/sbin/hvctl=$(B)/rootpart/hvctl \
	/lib/modules/bulkhead/bulkhead.ko=$(B)/rootpart/kmod/bulkhead.ko \
	/usr/libexec/bulkhead/tests/bh_hostile.ko=$(B)/tests/root/bh_hostile.ko \
	/usr/libexec/bulkhead/tests/bh-usercall=$(B)/tests/root/bh-usercall

$(B)/rootpart/initramfs.img: rootpart/initramfs/init rootpart/initramfs/mkinitramfs \
		$(foreach f,$(ROOT_INITRAMFS_FILES),$(lastword $(subst =, ,$(f))))
	@echo "  INITRD  $@"
	$(Q)rootpart/initramfs/mkinitramfs $@ rootpart/initramfs/init $(ROOT_INITRAMFS_FILES)

ALL_TARGETS += $(B)/rootpart/hvctl $(B)/rootpart/kmod/bulkhead.ko $(B)/rootpart/initramfs.img
