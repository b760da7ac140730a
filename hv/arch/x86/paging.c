// SPDX-License-Identifier: GPL-2.0
/*
 * 4-level page-table builder for the core's tables and nested page tables.
 * Iterative over the range; recursion only over the fixed four levels.
 */
#include <asm/paging.h>
#include <hv/util.h>

#define LEAF_FLAG_MASK (PTE_P | PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_G | PTE_NX)

static uint64_t index_at(uint64_t va, unsigned level)
{
	return (va >> PT_LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
}

static bool is_leaf(uint64_t e, unsigned level)
{
	return level == 0 || (e & PTE_PS);
}

static uint64_t leaf_entry(uint64_t pa, uint64_t flags, unsigned level)
{
	return (pa & PTE_ADDR_MASK) | (flags & LEAF_FLAG_MASK) | (level ? PTE_PS : 0);
}

bool pt_init(struct pt *pt, const struct pt_ops *ops, uint64_t table_flags, bool allow_1g)
{
	pt->ops = *ops;
	pt->table_flags = table_flags;
	pt->allow_1g = allow_1g;
	pt->root = ops->alloc(ops->opaque);
	return pt->root != 0;
}

static void free_subtree(struct pt *pt, uint64_t table_pa, unsigned level)
{
	uint64_t *t = pt->ops.table(pt->ops.opaque, table_pa);

	/* 'level' is the level of the entries in this table; leaves need no freeing. */
	if (level > 0)
		for (unsigned i = 0; i < PT_ENTRIES; i++)
			if ((t[i] & PTE_P) && !is_leaf(t[i], level))
				free_subtree(pt, t[i] & PTE_ADDR_MASK, level - 1);
	pt->ops.free(pt->ops.opaque, table_pa);
}

/* Replaces the large leaf *e at 'level' by a table of 512 smaller leaves. */
static bool split_leaf(struct pt *pt, uint64_t *e, unsigned level)
{
	uint64_t pa = pt->ops.alloc(pt->ops.opaque);
	uint64_t base = *e & PTE_ADDR_MASK, flags = *e & LEAF_FLAG_MASK;

	if (!pa)
		return false;
	uint64_t *t = pt->ops.table(pt->ops.opaque, pa);
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		t[i] = leaf_entry(base + ((uint64_t)i << PT_LEVEL_SHIFT(level - 1)), flags, level - 1);
	*e = pa | pt->table_flags;
	return true;
}

/*
 * Returns the entry for 'va' at 'target' level, creating tables and
 * splitting large leaves above it; NULL when out of memory.
 */
static uint64_t *walk_create(struct pt *pt, uint64_t va, unsigned target)
{
	uint64_t *t = pt->ops.table(pt->ops.opaque, pt->root);

	for (unsigned level = PT_LEVELS - 1; level > target; level--) {
		uint64_t *e = &t[index_at(va, level)];

		if (!(*e & PTE_P)) {
			uint64_t pa = pt->ops.alloc(pt->ops.opaque);
			if (!pa)
				return 0;
			*e = pa | pt->table_flags;
		} else if (is_leaf(*e, level) && !split_leaf(pt, e, level)) {
			return 0;
		}
		t = pt->ops.table(pt->ops.opaque, *e & PTE_ADDR_MASK);
	}
	return &t[index_at(va, target)];
}

static unsigned best_level(const struct pt *pt, uint64_t va, uint64_t pa, uint64_t left)
{
	for (unsigned level = pt->allow_1g ? 2 : 1; level > 0; level--) {
		uint64_t sz = 1ull << PT_LEVEL_SHIFT(level);
		if (IS_ALIGNED(va | pa, sz) && left >= sz)
			return level;
	}
	return 0;
}

bool pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t flags)
{
	if (!IS_ALIGNED(va | pa | size, PT_PAGE_4K) || !range_ok(va, size) || va + size > PT_VA_LIMIT)
		return false;
	/* A leaf holds address bits 12..51; anything beyond would be cut off silently. */
	if (!range_ok(pa, size) || pa + size > PT_PA_LIMIT)
		return false;
	while (size) {
		unsigned level = best_level(pt, va, pa, size);
		uint64_t sz = 1ull << PT_LEVEL_SHIFT(level);
		uint64_t *e = walk_create(pt, va, level);

		if (!e)
			return false;
		if ((*e & PTE_P) && !is_leaf(*e, level))
			free_subtree(pt, *e & PTE_ADDR_MASK, level - 1);
		*e = leaf_entry(pa, flags | PTE_P, level);
		va += sz;
		pa += sz;
		size -= sz;
	}
	return true;
}

bool pt_unmap(struct pt *pt, uint64_t va, uint64_t size)
{
	if (!IS_ALIGNED(va | size, PT_PAGE_4K) || !range_ok(va, size) || va + size > PT_VA_LIMIT)
		return false;
	while (size) {
		uint64_t *t = pt->ops.table(pt->ops.opaque, pt->root);
		uint64_t step = PT_PAGE_4K;

		for (unsigned level = PT_LEVELS - 1;; level--) {
			uint64_t *e = &t[index_at(va, level)];
			uint64_t sz = 1ull << PT_LEVEL_SHIFT(level);

			if (!(*e & PTE_P)) {
				/* Nothing mapped up to the end of this entry's span. */
				step = sz - (va & (sz - 1));
				break;
			}
			if (is_leaf(*e, level)) {
				if (IS_ALIGNED(va, sz) && size >= sz) {
					*e = 0;
					step = sz;
					break;
				}
				if (!split_leaf(pt, e, level))
					return false;
			}
			t = pt->ops.table(pt->ops.opaque, *e & PTE_ADDR_MASK);
		}
		step = MIN(step, size);
		va += step;
		size -= step;
	}
	return true;
}

bool pt_lookup(const struct pt *pt, uint64_t va, uint64_t *pte, uint64_t *page_size, uint64_t *pa)
{
	const uint64_t *t = pt->ops.table(pt->ops.opaque, pt->root);

	if (va >= PT_VA_LIMIT)
		return false;
	for (unsigned level = PT_LEVELS - 1;; level--) {
		uint64_t e = t[index_at(va, level)];

		if (!(e & PTE_P))
			return false;
		if (is_leaf(e, level)) {
			uint64_t sz = 1ull << PT_LEVEL_SHIFT(level);
			if (pte)
				*pte = e;
			if (page_size)
				*page_size = sz;
			if (pa)
				*pa = (e & PTE_ADDR_MASK & ~(sz - 1)) | (va & (sz - 1));
			return true;
		}
		t = pt->ops.table(pt->ops.opaque, e & PTE_ADDR_MASK);
	}
}

void pt_destroy(struct pt *pt)
{
	if (pt->root)
		free_subtree(pt, pt->root, PT_LEVELS - 1);
	pt->root = 0;
}

static uint64_t count_subtree(const struct pt *pt, uint64_t table_pa, unsigned level)
{
	const uint64_t *t = pt->ops.table(pt->ops.opaque, table_pa);
	uint64_t n = 1;

	if (level > 0)
		for (unsigned i = 0; i < PT_ENTRIES; i++)
			if ((t[i] & PTE_P) && !is_leaf(t[i], level))
				n += count_subtree(pt, t[i] & PTE_ADDR_MASK, level - 1);
	return n;
}

uint64_t pt_table_count(const struct pt *pt)
{
	return pt->root ? count_subtree(pt, pt->root, PT_LEVELS - 1) : 0;
}
