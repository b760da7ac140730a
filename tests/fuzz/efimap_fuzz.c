// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for efi/efimap.c: arbitrary firmware maps with an
 * arbitrary descriptor stride. A converted map is sorted, disjoint and
 * merged, and at every descriptor's edges has the type of the most
 * restrictive descriptor there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hv/memmap.h>
#include "efimap.h"

#define MAX_RANGES 64u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int rank(uint32_t t)
{
	switch (t) {
	case BH_MEM_USABLE:       return 0;
	case BH_MEM_PMEM:         return 1;
	case BH_MEM_ACPI_RECLAIM: return 2;
	case BH_MEM_ACPI_NVS:     return 3;
	case BH_MEM_RESERVED:     return 4;
	case BH_MEM_UNUSABLE:     return 5;
	}
	abort();	/* efimap_type() makes no other type */
}

/* The type the map must have at 'addr': 0 where no memory descriptor covers it. */
static uint32_t expected_type(const uint8_t *map, size_t n, size_t stride, uint64_t addr)
{
	uint32_t best = 0;

	for (size_t i = 0; i < n; i++) {
		struct efi_mem_desc d;
		memcpy(&d, map + i * stride, sizeof(d));
		if (d.type == EFI_MT_MMIO || d.type == EFI_MT_MMIO_PORT_SPACE || !d.pages)
			continue;
		if (addr >= d.phys_start && addr - d.phys_start < d.pages << EFI_PAGE_SHIFT) {
			uint32_t t = efimap_type(d.type);
			if (!best || rank(t) > rank(best))
				best = t;
		}
	}
	return best;
}

static uint32_t type_at(const struct bh_mem_range *r, int n, uint64_t addr)
{
	for (int i = 0; i < n; i++)
		if (addr >= r[i].base && addr - r[i].base < r[i].size)
			return r[i].type;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bh_mem_range out[MAX_RANGES + 1];
	size_t stride;

	if (size < 2)
		return 0;
	stride = 40 + data[0] % 48;
	if (data[1] & 1)
		stride = data[0];			/* also strides below 40 */
	data += 2;
	size -= 2;
	/* Keep the address space small enough to collide: 40-bit starts, small sizes. */
	uint8_t *map = malloc(size ? size : 1);
	memcpy(map, data, size);
	if (stride >= sizeof(struct efi_mem_desc))
		for (size_t off = 0; off + stride <= size; off += stride) {
			struct efi_mem_desc d;
			memcpy(&d, map + off, sizeof(d));
			d.type %= 20;
			if (!(d.attribute & 1)) {
				d.phys_start &= 0xffffff000ull;
				d.pages &= 0xfff;
			}
			memcpy(map + off, &d, sizeof(d));
		}
	memset(out, 0xA5, sizeof(out));
	int n = efimap_convert(map, size, stride, out, MAX_RANGES);
	if (n > (int)MAX_RANGES || n < -1 || out[MAX_RANGES].base != 0xA5A5A5A5A5A5A5A5ull)
		abort();
	if (n < 0) {
		free(map);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (!out[i].size || out[i].base + out[i].size < out[i].base)
			abort();
		rank(out[i].type);
		if (i && out[i].base < out[i - 1].base + out[i - 1].size)
			abort();
		if (i && out[i].base == out[i - 1].base + out[i - 1].size && out[i].type == out[i - 1].type)
			abort();
	}
	size_t nd = size / stride;
	for (size_t i = 0; i < nd; i++) {
		struct efi_mem_desc d;
		memcpy(&d, map + i * stride, sizeof(d));
		if (!d.pages)
			continue;
		uint64_t edges[] = { d.phys_start, d.phys_start + (d.pages << EFI_PAGE_SHIFT) - 1,
				     d.phys_start - 1, d.phys_start + (d.pages << EFI_PAGE_SHIFT) };
		for (unsigned e = 0; e < 4; e++)
			if (type_at(out, n, edges[e]) != expected_type(map, nd, stride, edges[e]))
				abort();
	}
	free(map);
	return 0;
}
