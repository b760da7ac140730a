/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Converting the UEFI memory map into the core's typed ranges
 * (efi/efimap.c). Pure code: host-tested with synthetic maps.
 */
#ifndef EFI_EFIMAP_H
#define EFI_EFIMAP_H

#include <bulkhead/bootinfo.h>
#include <stddef.h>
#include <stdint.h>

/* UEFI 2.10 section 7.2, EFI_MEMORY_TYPE. */
enum efi_memory_type {
	EFI_MT_RESERVED = 0,
	EFI_MT_LOADER_CODE,
	EFI_MT_LOADER_DATA,
	EFI_MT_BOOT_SERVICES_CODE,
	EFI_MT_BOOT_SERVICES_DATA,
	EFI_MT_RUNTIME_SERVICES_CODE,
	EFI_MT_RUNTIME_SERVICES_DATA,
	EFI_MT_CONVENTIONAL,
	EFI_MT_UNUSABLE,
	EFI_MT_ACPI_RECLAIM,
	EFI_MT_ACPI_NVS,
	EFI_MT_MMIO,
	EFI_MT_MMIO_PORT_SPACE,
	EFI_MT_PAL_CODE,
	EFI_MT_PERSISTENT,
	EFI_MT_UNACCEPTED,
};

/* UEFI 2.10 section 7.2, EFI_MEMORY_DESCRIPTOR (the firmware's stride may be larger). */
struct efi_mem_desc {
	uint32_t type;
	uint32_t pad;
	uint64_t phys_start;
	uint64_t virt_start;
	uint64_t pages;
	uint64_t attribute;
};
_Static_assert(sizeof(struct efi_mem_desc) == 40, "EFI memory descriptor is 40 bytes");

#define EFI_PAGE_SHIFT 12

/* The e820 type for an EFI memory type, as Linux's EFI stub maps it. */
uint32_t efimap_type(uint32_t efi_type);

/*
 * Converts 'map_size' bytes of descriptors, 'desc_size' apart, into at most
 * 'max' sorted, disjoint ranges (MMIO and port space are left out: they are
 * not memory). Returns the number of ranges, or -1 if 'max' is too small or
 * the map is malformed.
 */
int efimap_convert(const void *map, size_t map_size, size_t desc_size,
		   struct bh_mem_range *out, unsigned max);

#endif
