// SPDX-License-Identifier: GPL-2.0
/*
 * The core's own address space: an identity map of physical memory, RAM
 * write-back and everything else uncached, so the core can reach any
 * partition's memory and the local APIC at their physical addresses.
 */
#include <asm/cr.h>
#include <asm/mm.h>
#include <asm/platform.h>
#include <hv/core.h>
#include <hv/log.h>
#include <hv/memmap.h>
#include <hv/pmem.h>
#include <hv/util.h>

static uint64_t pt_alloc_page(void *opaque)
{
	(void)opaque;
	return pmem_alloc(1);
}

static void pt_free_page(void *opaque, uint64_t pa)
{
	(void)opaque;
	pmem_free(pa, 1);
}

static uint64_t *pt_table_ptr(void *opaque, uint64_t pa)
{
	(void)opaque;
	return phys_to_virt(pa);
}

const struct pt_ops pmem_pt_ops = { pt_alloc_page, pt_free_page, pt_table_ptr, 0 };

static bool is_ram_type(uint32_t type)
{
	return type == BH_MEM_USABLE || type == BH_MEM_ACPI_RECLAIM || type == BH_MEM_ACPI_NVS ||
	       type == BH_MEM_PMEM;
}

void arch_mm_init(void)
{
	const struct bh_bootinfo *bi = plat.bi;
	const struct bh_mem_range *r = (const void *)(uintptr_t)bi->memmap;
	struct mem_map m = { (struct bh_mem_range *)r, bi->memmap_count, bi->memmap_count };
	uint64_t top = ALIGN_UP(MAX(memmap_end(&m), SZ_4G), SZ_1G);
	bool ok;

	if (!pt_init(&plat.host_pt, &pmem_pt_ops, PTE_P | PTE_W, plat.has_1g_pages))
		panic("no memory for the core's page tables");
	ok = pt_map(&plat.host_pt, 0, 0, top, PTE_W | PTE_CACHE_UC);
	for (unsigned i = 0; ok && i < m.count; i++)
		if (is_ram_type(r[i].type))
			ok = pt_map(&plat.host_pt, ALIGN_DOWN(r[i].base, PAGE_SIZE),
				    ALIGN_DOWN(r[i].base, PAGE_SIZE),
				    ALIGN_UP(r[i].base + r[i].size, PAGE_SIZE) - ALIGN_DOWN(r[i].base, PAGE_SIZE),
				    PTE_W | PTE_CACHE_WB);
	if (ok)
		ok = pt_map(&plat.host_pt, bi->hv_base, bi->hv_base, bi->hv_size, PTE_W | PTE_CACHE_WB);
	if (!ok)
		panic("no memory for the core's page tables");
	write_cr3(plat.host_pt.root);
	hv_log("core page tables: identity map of 0-0x%llx, %llu tables",
	       (unsigned long long)(top - 1), (unsigned long long)pt_table_count(&plat.host_pt));
}
