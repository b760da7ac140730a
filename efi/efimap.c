// SPDX-License-Identifier: GPL-2.0
/* UEFI memory map to typed ranges (the mapping of Linux's setup_e820()). */
#include "efimap.h"
#include <hv/memmap.h>
#include <hv/string.h>
#include <hv/util.h>

uint32_t efimap_type(uint32_t efi_type)
{
	switch (efi_type) {
	case EFI_MT_LOADER_CODE:
	case EFI_MT_LOADER_DATA:
	case EFI_MT_BOOT_SERVICES_CODE:
	case EFI_MT_BOOT_SERVICES_DATA:
	case EFI_MT_CONVENTIONAL:
		return BH_MEM_USABLE;
	case EFI_MT_ACPI_RECLAIM:
		return BH_MEM_ACPI_RECLAIM;
	case EFI_MT_ACPI_NVS:
		return BH_MEM_ACPI_NVS;
	case EFI_MT_UNUSABLE:
		return BH_MEM_UNUSABLE;
	case EFI_MT_PERSISTENT:
		return BH_MEM_PMEM;
	default:	/* reserved, runtime services, PAL code, unaccepted, unknown */
		return BH_MEM_RESERVED;
	}
}

int efimap_convert(const void *map, size_t map_size, size_t desc_size,
		   struct bh_mem_range *out, unsigned max)
{
	struct mem_map m = { .r = out, .count = 0, .cap = max };

	if (desc_size < sizeof(struct efi_mem_desc) || map_size % desc_size)
		return -1;
	for (size_t off = 0; off < map_size; off += desc_size) {
		struct efi_mem_desc d;

		memcpy(&d, (const uint8_t *)map + off, sizeof(d));
		if (d.type == EFI_MT_MMIO || d.type == EFI_MT_MMIO_PORT_SPACE || !d.pages)
			continue;
		if (d.pages > (UINT64_MAX >> EFI_PAGE_SHIFT) ||
		    !range_ok(d.phys_start, d.pages << EFI_PAGE_SHIFT))
			return -1;
		uint64_t size = d.pages << EFI_PAGE_SHIFT;
		uint32_t type = efimap_type(d.type);
		/*
		 * Firmware splits usable memory into many descriptors that merge
		 * into few ranges: when out of room, merge what we have and retry.
		 */
		if (!memmap_add(&m, d.phys_start, size, type) &&
		    (!memmap_sanitize(&m) || !memmap_add(&m, d.phys_start, size, type)))
			return -1;
	}
	if (!memmap_sanitize(&m))
		return -1;
	return (int)m.count;
}
