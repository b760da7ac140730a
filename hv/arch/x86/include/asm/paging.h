/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 4-level x86-64 page tables, used for the core's own address space and, in
 * the same format, for AMD nested page tables (APM Vol 2 5.3 and 15.25;
 * SDM Vol 3 4.5). The builder (hv/arch/x86/paging.c) is pure code: it
 * takes a page allocator and a physical-to-virtual hook, so host tests run it.
 */
#ifndef ASM_PAGING_H
#define ASM_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P          (1ull << 0)
#define PTE_W          (1ull << 1)
#define PTE_U          (1ull << 2)	/* NPT: every level needs U, walks count as user (APM 15.25.5) */
#define PTE_PWT        (1ull << 3)
#define PTE_PCD        (1ull << 4)
#define PTE_A          (1ull << 5)
#define PTE_D          (1ull << 6)
#define PTE_PS         (1ull << 7)	/* large page in a PDPTE or PDE */
#define PTE_G          (1ull << 8)
#define PTE_NX         (1ull << 63)
#define PTE_ADDR_MASK  0x000FFFFFFFFFF000ull

#define PT_ENTRIES     512u
#define PT_LEVELS      4u
#define PT_LEVEL_SHIFT(level) (12u + 9u * (level))	/* level 0 = 4 KiB leaf */
#define PT_PAGE_4K     (1ull << PT_LEVEL_SHIFT(0))
#define PT_PAGE_2M     (1ull << PT_LEVEL_SHIFT(1))
#define PT_PAGE_1G     (1ull << PT_LEVEL_SHIFT(2))
#define PT_VA_LIMIT    (1ull << 48)
#define PT_PA_LIMIT    (1ull << 52)	/* the most a PTE's address field can hold */

/* Cache attributes through PAT index (PWT, PCD) with the power-on PAT. */
#define PTE_CACHE_WB   0ull
#define PTE_CACHE_UC   (PTE_PCD | PTE_PWT)

/*
 * Guest paging as the CPU walks it, for hv/arch/x86/gwalk.c: 32-bit, PAE,
 * 4- and 5-level paging (SDM Vol 3 4.3-4.5, APM Vol 2 5.2-5.3).
 */
#define PTE_BITS(hi, lo)      ((~0ull >> (63 - (hi))) & ~((1ull << (lo)) - 1))
#define PTE_PAT_LARGE         (1ull << 12)	/* PAT bit of a 2M/4M/1G leaf */
#define PTE_PKEY_MASK         PTE_BITS(62, 59)	/* 4/5-level leaf, used only if CR4.PKE */
#define PT_INDEX_BITS         9u
#define PT_PAGE_OFFSET_MASK   (PT_PAGE_4K - 1)
#define PT_MAX_LEVELS         5u		/* 5-level paging (CR4.LA57) */
#define PT_VA_BITS_4LEVEL     48u
#define PT_VA_BITS_5LEVEL     57u
#define PHYS_ADDR_BITS_MAX    52u		/* architectural MAXPHYADDR limit */
#define PHYS_ADDR_BITS_MIN    32u

/* 32-bit paging: 4-byte entries, 1024 per table (SDM Vol 3 4.3). */
#define PT32_INDEX_BITS       10u
#define PT32_LEVEL_SHIFT(level) (12u + 10u * (level))
#define PT32_PAGE_4M          (1ull << PT32_LEVEL_SHIFT(1))
#define PT32_ADDR_MASK        PTE_BITS(31, 12)
#define CR3_PT32_ADDR_MASK    PTE_BITS(31, 12)
#define PDE32_4M_ADDR_MASK    PTE_BITS(31, 22)	/* PA bits 31:22 */
#define PDE32_4M_HIGH_SHIFT   13u		/* PSE-36: PDE bits 20:13 hold PA 39:32 */
#define PDE32_4M_HIGH_LIMIT   40u		/* PSE-36 reaches at most 40 address bits */
#define PDE32_4M_RSVD_TOP     21u		/* bits 21:(13 + M - 32) are reserved */

/* PAE paging: 4 PDPTEs at CR3 bits 31:5, then 9-bit tables (SDM Vol 3 4.4). */
#define PAE_PDPT_INDEX_BITS   2u
#define CR3_PAE_PDPT_MASK     PTE_BITS(31, 5)
#define PAE_PDPTE_RSVD        (PTE_BITS(2, 1) | PTE_BITS(8, 5))	/* plus 63:MAXPHYADDR */
#define PAE_ENTRY_HIGH_RSVD   PTE_BITS(62, PHYS_ADDR_BITS_MAX)	/* ignored in 4-level entries */

/* Reserved bits of large leaves: between the PAT bit and the page frame. */
#define PDE_2M_RSVD           PTE_BITS(20, 13)
#define PDPTE_1G_RSVD         PTE_BITS(29, 13)

/* Page-fault error code (SDM Vol 3 4.7, APM Vol 2 8.4.2). */
#define PFEC_P                (1u << 0)	/* protection violation, else not present */
#define PFEC_W                (1u << 1)	/* write access */
#define PFEC_U                (1u << 2)	/* user-mode (CPL 3) access */
#define PFEC_RSVD             (1u << 3)	/* reserved bit set in a paging-structure entry */
#define PFEC_I                (1u << 4)	/* instruction fetch (with NX or SMEP in use) */

struct pt_ops {
	/* Returns a zeroed 4 KiB table and its physical address, or 0 when out of memory. */
	uint64_t (*alloc)(void *opaque);
	/* Frees a table the builder no longer needs. */
	void (*free)(void *opaque, uint64_t pa);
	/* The builder's pointer to the table at physical address 'pa'. */
	uint64_t *(*table)(void *opaque, uint64_t pa);
	void *opaque;
};

struct pt {
	uint64_t root;		/* physical address of the PML4 */
	uint64_t table_flags;	/* flags for non-leaf entries (P|W, plus U for NPT) */
	bool allow_1g;		/* 1 GiB leaves allowed (CPUID PAGE1GB) */
	struct pt_ops ops;
};

/* Creates an empty table; false when out of memory. */
bool pt_init(struct pt *pt, const struct pt_ops *ops, uint64_t table_flags, bool allow_1g);

/*
 * Maps [va, va + size) to [pa, pa + size) with leaf 'flags' (PTE_P etc.),
 * using the largest pages alignment allows, splitting existing large pages
 * where a new mapping cuts them. All arguments 4 KiB aligned, va + size at
 * most PT_VA_LIMIT and pa + size at most PT_PA_LIMIT, else false. False
 * when out of memory (the mapping may then be partial).
 */
bool pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t flags);

/* Removes [va, va + size); splits large pages that overlap it partially. */
bool pt_unmap(struct pt *pt, uint64_t va, uint64_t size);

/*
 * Looks up 'va'. Returns true and the leaf entry, its page size and the
 * physical address if mapped.
 */
bool pt_lookup(const struct pt *pt, uint64_t va, uint64_t *pte, uint64_t *page_size,
	       uint64_t *pa);

/* Frees every table (not the mapped memory). */
void pt_destroy(struct pt *pt);

/* Number of tables currently allocated (for tests and accounting). */
uint64_t pt_table_count(const struct pt *pt);

#endif
