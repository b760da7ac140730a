// SPDX-License-Identifier: GPL-2.0
/*
 * Bitmap page allocator over the core's range. Small and predictable: the
 * core allocates at boot and at partition create/destroy, never per exit.
 */
#include <hv/log.h>
#include <hv/pmem.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/util.h>

static struct {
	struct spinlock lock;
	uint64_t base;
	uint64_t npages;
	uint64_t nfree;
	uint64_t hint;		/* first page worth scanning from */
	uint8_t *bitmap;	/* bit set = page in use */
} pm = { .lock = SPINLOCK_INIT };

static bool page_used(uint64_t i) { return pm.bitmap[i / 8] & (1u << (i % 8)); }
static void page_set(uint64_t i) { pm.bitmap[i / 8] |= (uint8_t)(1u << (i % 8)); }
static void page_clear(uint64_t i) { pm.bitmap[i / 8] &= (uint8_t)~(1u << (i % 8)); }

void pmem_init(uint64_t base, uint64_t size, uint64_t used_end)
{
	uint64_t bitmap_bytes;

	pm.base = base;
	pm.npages = size / PAGE_SIZE;
	bitmap_bytes = ALIGN_UP((pm.npages + 7) / 8, PAGE_SIZE);
	/* The bitmap itself takes the first free pages. */
	used_end = ALIGN_UP(used_end, PAGE_SIZE);
	pm.bitmap = phys_to_virt(used_end);
	memset(pm.bitmap, 0, bitmap_bytes);
	used_end += bitmap_bytes;
	for (uint64_t i = 0; i < (used_end - base) / PAGE_SIZE; i++)
		page_set(i);
	pm.nfree = pm.npages - (used_end - base) / PAGE_SIZE;
	pm.hint = (used_end - base) / PAGE_SIZE;
}

static bool run_free(uint64_t first, uint64_t n)
{
	for (uint64_t i = first; i < first + n; i++)
		if (page_used(i))
			return false;
	return true;
}

uint64_t pmem_alloc_aligned(uint64_t npages, uint64_t align)
{
	uint64_t step = MAX(align / PAGE_SIZE, 1), found = UINT64_MAX;

	if (!npages || npages > pm.npages)
		return 0;
	spin_lock(&pm.lock);
	if (npages <= pm.nfree) {
		/* Align on physical addresses, not on page indices. */
		uint64_t first = ALIGN_UP(pm.base + pm.hint * PAGE_SIZE, step * PAGE_SIZE);
		for (uint64_t i = (first - pm.base) / PAGE_SIZE; i + npages <= pm.npages; i += step) {
			if (run_free(i, npages)) {
				found = i;
				break;
			}
		}
		if (found != UINT64_MAX) {
			for (uint64_t i = found; i < found + npages; i++)
				page_set(i);
			pm.nfree -= npages;
			if (found == pm.hint)
				pm.hint = found + npages;
		}
	}
	spin_unlock(&pm.lock);
	if (found == UINT64_MAX)
		return 0;
	uint64_t pa = pm.base + found * PAGE_SIZE;
	memset(phys_to_virt(pa), 0, npages * PAGE_SIZE);
	return pa;
}

uint64_t pmem_alloc(uint64_t npages)
{
	return pmem_alloc_aligned(npages, PAGE_SIZE);
}

void pmem_free(uint64_t pa, uint64_t npages)
{
	if (!pa)
		return;
	if (!IS_ALIGNED(pa, PAGE_SIZE) || !pmem_contains(pa, npages * PAGE_SIZE))
		panic("pmem_free of 0x%llx (+%llu pages) outside the core's pages",
		      (unsigned long long)pa, (unsigned long long)npages);
	uint64_t first = (pa - pm.base) / PAGE_SIZE;
	spin_lock(&pm.lock);
	for (uint64_t i = first; i < first + npages; i++) {
		if (!page_used(i)) {
			spin_unlock(&pm.lock);
			panic("double free of core page 0x%llx", (unsigned long long)(pm.base + i * PAGE_SIZE));
		}
		page_clear(i);
	}
	pm.nfree += npages;
	pm.hint = MIN(pm.hint, first);
	spin_unlock(&pm.lock);
}

uint64_t pmem_free_pages(void) { return pm.nfree; }
uint64_t pmem_total_pages(void) { return pm.npages; }

bool pmem_contains(uint64_t pa, uint64_t size)
{
	return range_ok(pa, size) && pa >= pm.base && pa + size <= pm.base + pm.npages * PAGE_SIZE;
}
