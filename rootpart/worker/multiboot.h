/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multiboot 1 as the worker's loader implements it (The Multiboot
 * Specification version 0.6.96, sections 3.1 and 3.3): ELF32 images whose
 * PT_LOAD segments go to their physical addresses.
 */
#ifndef WORKER_MULTIBOOT_H
#define WORKER_MULTIBOOT_H

#include <stdint.h>

#define MB_HEADER_MAGIC     0x1BADB002u
#define MB_HEADER_SEARCH    8192u	/* the header lies in the image's first 8 KiB */
#define MB_HEADER_ALIGN     4u
#define MB_BOOTLOADER_MAGIC 0x2BADB002u	/* EAX at entry */

/* Header flags the loader honours; any other bit in 15:0 it must refuse. */
#define MB_FLAG_PAGE_ALIGN  (1u << 0)
#define MB_FLAG_MEMORY_INFO (1u << 1)
#define MB_FLAG_VIDEO_MODE  (1u << 2)
#define MB_FLAG_AOUT_KLUDGE (1u << 16)
#define MB_REQUIRED_MASK    0x0000FFFFu

struct mb_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t checksum;	/* magic + flags + checksum == 0 */
};

/* Boot information flags. */
#define MB_INFO_MEMORY      (1u << 0)
#define MB_INFO_CMDLINE     (1u << 2)
#define MB_INFO_MEM_MAP     (1u << 6)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower;	/* KiB below 1 MiB */
	uint32_t mem_upper;	/* KiB from 1 MiB to the first hole */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table, boot_loader_name, apm_table;
	uint32_t vbe[6];
} __attribute__((packed));

struct mb_mmap_entry {
	uint32_t size;		/* of the rest of the entry: 20 */
	uint64_t base;
	uint64_t length;
	uint32_t type;		/* 1 available, other reserved */
} __attribute__((packed));

_Static_assert(sizeof(struct mb_mmap_entry) == 24, "multiboot mmap entry is 24 bytes");

#endif
