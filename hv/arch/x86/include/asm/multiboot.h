/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multiboot 1 (specification version 0.6.96): the header an OS image carries
 * and the information structure a boot loader passes in EBX. The test guests
 * (tests/guest) carry the header; the worker's loader and QEMU's -kernel read it.
 */
#ifndef ASM_MULTIBOOT_H
#define ASM_MULTIBOOT_H

/* Section 3.1.1: the header is 32-bit aligned within the image's first 8192 bytes. */
#define MULTIBOOT_HEADER_MAGIC      0x1BADB002
#define MULTIBOOT_SEARCH_BYTES      8192
#define MULTIBOOT_HEADER_ALIGN      4

/* Section 3.1.2: header flags the image sets. */
#define MULTIBOOT_PAGE_ALIGN        (1u << 0)	/* modules on 4 KiB boundaries */
#define MULTIBOOT_MEMORY_INFO       (1u << 1)	/* wants mem_* (and mmap_*) */
#define MULTIBOOT_VIDEO_MODE        (1u << 2)
#define MULTIBOOT_AOUT_KLUDGE       (1u << 16)	/* load addresses in the header */
#define MULTIBOOT_REQUIRED_MASK     0x0000FFFFu	/* flags a loader must honour or refuse */

/* Section 3.2: EAX when the image is entered. */
#define MULTIBOOT_BOOTLOADER_MAGIC  0x2BADB002

/* Section 3.3: which fields of struct multiboot_info are valid. */
#define MULTIBOOT_INFO_MEMORY       (1u << 0)
#define MULTIBOOT_INFO_BOOTDEV      (1u << 1)
#define MULTIBOOT_INFO_CMDLINE      (1u << 2)
#define MULTIBOOT_INFO_MODS         (1u << 3)
#define MULTIBOOT_INFO_AOUT_SYMS    (1u << 4)
#define MULTIBOOT_INFO_ELF_SHDR     (1u << 5)
#define MULTIBOOT_INFO_MEM_MAP      (1u << 6)
#define MULTIBOOT_INFO_DRIVES       (1u << 7)
#define MULTIBOOT_INFO_CONFIG_TABLE (1u << 8)
#define MULTIBOOT_INFO_LOADER_NAME  (1u << 9)

/* Section 3.3: memory map entry types; every other value is reserved memory. */
#define MULTIBOOT_MEMORY_AVAILABLE  1

#define MULTIBOOT_MEM_LOWER_UNIT    1024u	/* mem_lower and mem_upper count KiB */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct multiboot_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t checksum;		/* magic + flags + checksum == 0 (mod 2^32) */
	uint32_t header_addr;		/* the rest only with MULTIBOOT_AOUT_KLUDGE */
	uint32_t load_addr;
	uint32_t load_end_addr;
	uint32_t bss_end_addr;
	uint32_t entry_addr;
};
_Static_assert(sizeof(struct multiboot_header) == 32, "Multiboot header is 32 bytes");

struct multiboot_info {
	uint32_t flags;			/* MULTIBOOT_INFO_* */
	uint32_t mem_lower;		/* KiB from 0 */
	uint32_t mem_upper;		/* KiB from 1 MiB, up to the first hole */
	uint32_t boot_device;
	uint32_t cmdline;		/* physical address of a NUL-terminated string */
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;		/* bytes of memory map */
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
	uint32_t apm_table;
	uint32_t vbe_control_info;
	uint32_t vbe_mode_info;
	uint16_t vbe_mode;
	uint16_t vbe_interface_seg;
	uint16_t vbe_interface_off;
	uint16_t vbe_interface_len;
} __attribute__((packed));
_Static_assert(sizeof(struct multiboot_info) == 88, "Multiboot 0.6.96 information is 88 bytes");

/* One memory map entry; 'size' counts the bytes after itself (entries may grow). */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;			/* MULTIBOOT_MEMORY_* */
} __attribute__((packed));
_Static_assert(sizeof(struct multiboot_mmap_entry) == 24, "Multiboot mmap entry is 24 bytes");

#endif
#endif
