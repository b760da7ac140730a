/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's physical page allocator over its own range (hv/core/pmem.c).
 * The core identity-maps physical memory, so a page's physical address is
 * also its address in the core.
 */
#ifndef HV_PMEM_H
#define HV_PMEM_H

#include <stdbool.h>
#include <stdint.h>

/* Manages [base, base + size); pages below 'used_end' are already in use. */
void pmem_init(uint64_t base, uint64_t size, uint64_t used_end);

/* 'npages' zeroed, physically contiguous pages aligned to 'align' bytes; 0 when none. */
uint64_t pmem_alloc_aligned(uint64_t npages, uint64_t align);
uint64_t pmem_alloc(uint64_t npages);
void pmem_free(uint64_t pa, uint64_t npages);

uint64_t pmem_free_pages(void);
uint64_t pmem_total_pages(void);
bool pmem_contains(uint64_t pa, uint64_t size);

static inline void *phys_to_virt(uint64_t pa) { return (void *)(uintptr_t)pa; }
static inline uint64_t virt_to_phys(const void *p) { return (uint64_t)(uintptr_t)p; }

#endif
