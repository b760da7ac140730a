# SPDX-License-Identifier: GPL-2.0
# Root partition: the bridge module, hvctl, and the initramfs that carries them.

ROOT_CFLAGS := $(HOST_CFLAGS) -Ihv/abi -Irootpart/lib

# Recursive, with second expansion: DOMAIN_SRCS and the device models come from later fragments.
HVCTL_SRCS = rootpart/hvctl/main.c rootpart/hvctl/cmd_info.c rootpart/hvctl/cmd_hypercall.c \
             rootpart/hvctl/cmd_domain.c rootpart/hvctl/cmd_console.c rootpart/lib/bhdev.c \
             $(DOMAIN_SRCS)

$(B)/rootpart/hvctl: $$(HVCTL_SRCS) $(wildcard rootpart/hvctl/*.h rootpart/lib/*.h hv/abi/bulkhead/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(ROOT_CFLAGS) $(DOMAIN_CFLAGS) $(HVCTL_SRCS) -o $@ $(DOMAIN_LIBS)

WORKER_SRCS = $(wildcard rootpart/worker/*.c) rootpart/lib/bhdev.c hv/arch/x86/boot/linuxboot.c \
              $(DOMAIN_SRCS) $(DEVMODEL_SRCS) $(ACPI_TABLES_SRCS)

$(B)/rootpart/bulkhead-worker: $$(WORKER_SRCS) $(wildcard rootpart/worker/*.h rootpart/worker/dev/*.h \
						  hv/abi/bulkhead/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(ROOT_CFLAGS) $(DOMAIN_CFLAGS) -Ihv/include -Ihv/arch/x86/include \
		-Irootpart/worker -pthread $(WORKER_SRCS) -o $@ $(DOMAIN_LIBS)

# The default guest: the same Debian kernel, and a busybox initramfs.
GUEST_MODULES := $(shell find $(KERNEL_MODULES) -name evdev.ko -o -name button.ko 2>/dev/null)
$(B)/rootpart/guest-initrd.img: rootpart/guest-initramfs/init rootpart/initramfs/mkinitramfs $(GUEST_MODULES)
	@echo "  INITRD  $@"
	$(Q)rootpart/initramfs/mkinitramfs $@ rootpart/guest-initramfs/init \
		$(foreach m,$(GUEST_MODULES),/lib/modules/$(notdir $(m))=$(m))

# Out-of-tree modules build in a copy under build/, keeping the source tree clean;
# the copy is wiped first, so give each module a directory of its own.
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
$(B)/tests/root/kmod/bh_hostile.ko: $(HOSTILE_SRCS) $(wildcard hv/abi/bulkhead/*.h) $(B)/setup.mk
	$(call kbuild_module,$(@D),$(HOSTILE_SRCS))

$(B)/tests/root/bh-usercall: tests/root/bh_usercall.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(HOSTCC) $(ROOT_CFLAGS) -static $< -o $@

# Recursive, second expansion: the test guests come from tests/guest/guest.mk, read later.
ROOT_INITRAMFS_FILES = \
	/usr/sbin/hvctl=$(B)/rootpart/hvctl \
	/usr/libexec/bulkhead/bulkhead-worker=$(B)/rootpart/bulkhead-worker \
	/usr/share/bulkhead/vmlinuz=$(KERNEL_IMAGE) \
	/usr/share/bulkhead/guest-initrd.img=$(B)/rootpart/guest-initrd.img \
	/usr/share/bulkhead/demo.xml=docs/examples/demo.xml \
	/usr/share/bulkhead/demo-smp.xml=docs/examples/demo-smp.xml \
	/lib/modules/bulkhead/bulkhead.ko=$(B)/rootpart/kmod/bulkhead.ko \
	/usr/libexec/bulkhead/tests/bh_hostile.ko=$(B)/tests/root/kmod/bh_hostile.ko \
	/usr/libexec/bulkhead/tests/bh-usercall=$(B)/tests/root/bh-usercall \
	$(foreach g,$(GUEST_NAMES),/usr/libexec/bulkhead/guests/$(g).elf=$(B)/tests/guest/$(g).elf)

$(B)/rootpart/initramfs.img: rootpart/initramfs/init rootpart/initramfs/mkinitramfs \
		$$(foreach f,$$(ROOT_INITRAMFS_FILES),$$(lastword $$(subst =, ,$$(f))))
	@echo "  INITRD  $@"
	$(Q)rootpart/initramfs/mkinitramfs $@ rootpart/initramfs/init $(ROOT_INITRAMFS_FILES)

ALL_TARGETS += $(B)/rootpart/hvctl $(B)/rootpart/bulkhead-worker $(B)/rootpart/kmod/bulkhead.ko \
               $(B)/rootpart/guest-initrd.img $(B)/rootpart/initramfs.img
