// SPDX-License-Identifier: GPL-2.0
/* The 2 MiB window through which addresses above the 1:1 map are reached. */
#include <asm/cr.h>
#include <asm/paging.h>
#include <guest/phys.h>
#include <hv/util.h>

#define WINDOW_PML4_SLOT 1	/* boot.S uses slot 0 */
#define WINDOW_VA ((uint64_t)WINDOW_PML4_SLOT << PT_LEVEL_SHIFT(3))
#define TABLE_FLAGS (PTE_P | PTE_W)

extern uint64_t boot_pml4[PT_ENTRIES];
static uint64_t window_pdpt[PT_ENTRIES] __attribute__((aligned(PT_PAGE_4K)));
static uint64_t window_pd[PT_ENTRIES] __attribute__((aligned(PT_PAGE_4K)));

volatile void *phys_map(uint64_t pa)
{
	uint64_t base = ALIGN_DOWN(pa, PT_PAGE_2M);

	if (pa < PHYS_IDENTITY_END)
		return (volatile void *)(uintptr_t)pa;
	if (!boot_pml4[WINDOW_PML4_SLOT]) {
		window_pdpt[0] = (uint64_t)(uintptr_t)window_pd | TABLE_FLAGS;
		boot_pml4[WINDOW_PML4_SLOT] = (uint64_t)(uintptr_t)window_pdpt | TABLE_FLAGS;
	}
	window_pd[0] = base | TABLE_FLAGS | PTE_PS | PTE_CACHE_UC;
	__asm__ volatile("invlpg (%0)" : : "r"(WINDOW_VA) : "memory");
	return (volatile void *)(uintptr_t)(WINDOW_VA + (pa - base));
}
