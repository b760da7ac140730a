/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Untyped memory: boot untypeds and retype.
 *
 * Each untyped owns a bitmap with one bit per page, set while some object
 * retyped from it covers the page. Retype tests and sets the bits of the
 * named range only, so its cost is O(pages / 64) however many objects the
 * untyped already has; that is what makes "never two objects over the same
 * memory" cheap for a guest built from 131,072 single-page frames.
 */
#include "cap_internal.h"

#define BITS_PER_WORD 64u
#define ALL_BITS      (~0ull)

/*
 * Each helper walks the words of bits [first, first + n), n > 0: the first
 * word masked from bit first % 64 up, the last masked up to its bit
 * (first + n - 1) % 64, full words in between.
 */
static uint64_t first_mask(uint64_t first)
{
	return ALL_BITS << (first % BITS_PER_WORD);
}

static uint64_t last_mask(uint64_t last)
{
	return ALL_BITS >> (BITS_PER_WORD - 1 - last % BITS_PER_WORD);
}

static bool bitmap_range_is_clear(const uint64_t *bm, uint64_t first, uint64_t n)
{
	uint64_t w = first / BITS_PER_WORD, last = first + n - 1;
	uint64_t mask = first_mask(first);

	for (; w < last / BITS_PER_WORD; w++, mask = ALL_BITS)
		if (bm[w] & mask)
			return false;
	return !(bm[w] & mask & last_mask(last));
}

static void bitmap_set_range(uint64_t *bm, uint64_t first, uint64_t n)
{
	uint64_t w = first / BITS_PER_WORD, last = first + n - 1;
	uint64_t mask = first_mask(first);

	for (; w < last / BITS_PER_WORD; w++, mask = ALL_BITS)
		bm[w] |= mask;
	bm[w] |= mask & last_mask(last);
}

static void bitmap_clear_range(uint64_t *bm, uint64_t first, uint64_t n)
{
	uint64_t w = first / BITS_PER_WORD, last = first + n - 1;
	uint64_t mask = first_mask(first);

	for (; w < last / BITS_PER_WORD; w++, mask = ALL_BITS)
		bm[w] &= ~mask;
	bm[w] &= ~(mask & last_mask(last));
}

static uint64_t page_index(const struct cap_object *untyped, uint64_t pa)
{
	return (pa - untyped->base) >> BH_CAP_PAGE_SHIFT;
}

void cap_untyped_release(struct cap_object *untyped, const struct cap_object *child)
{
	bitmap_clear_range(untyped->bitmap, page_index(untyped, child->base),
			   child->npages);
}

enum bh_cap_error cap_boot_untyped(struct cap_ctx *ctx, struct cap_slot *dst,
				   uint64_t base, uint64_t npages,
				   uint64_t *bitmap, uint64_t handle)
{
	struct cap_object *obj;

	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	if (npages == 0 || (base & CAP_PAGE_MASK) || !bitmap)
		return BH_CAP_ERR_ARG;
	if (npages > pages_until_wrap(base))
		return BH_CAP_ERR_RANGE;
	obj = cap_obj_alloc(ctx, BH_CAP_UNTYPED, handle);
	if (!obj)
		return BH_CAP_ERR_NO_OBJECT;
	obj->base = base;
	obj->npages = npages;
	obj->bitmap = bitmap;
	cap_slot_install(ctx, dst, NULL, obj, BH_CAP_RIGHTS_ALL, BH_CAP_BADGE_NONE);
	return BH_CAP_OK;
}

/* The checks every retype shares, in the documented order. */
static enum bh_cap_error retype_check(const struct cap_ctx *ctx,
				      const struct cap_slot *untyped, uint64_t pa,
				      uint64_t npages, uint64_t max_pages,
				      const struct cap_slot *dst)
{
	const struct cap_object *ut = untyped->obj;
	uint64_t first;

	if (cap_slot_is_empty(untyped))
		return BH_CAP_ERR_EMPTY;
	if (ut->type != BH_CAP_UNTYPED)
		return BH_CAP_ERR_TYPE;
	if (!(untyped->rights & BH_CAP_RIGHT_WRITE))
		return BH_CAP_ERR_RIGHTS;
	if (npages == 0 || (pa & CAP_PAGE_MASK))
		return BH_CAP_ERR_ARG;
	if (npages > max_pages || pa < ut->base)
		return BH_CAP_ERR_RANGE;
	first = page_index(ut, pa);
	if (first >= ut->npages || npages > ut->npages - first)
		return BH_CAP_ERR_RANGE;
	if (!cap_slot_is_empty(dst))
		return BH_CAP_ERR_SLOT_FULL;
	if (!bitmap_range_is_clear(ut->bitmap, first, npages))
		return BH_CAP_ERR_OVERLAP;
	if (cap_ctx_free_objects(ctx) == 0)
		return BH_CAP_ERR_NO_OBJECT;
	return BH_CAP_OK;
}

/* Carves the checked range out of the untyped; dst names the new object. */
static struct cap_object *retype_commit(struct cap_ctx *ctx,
					struct cap_slot *untyped,
					enum bh_cap_type type, uint64_t pa,
					uint64_t npages, struct cap_slot *dst)
{
	struct cap_object *ut = untyped->obj;
	struct cap_object *obj = cap_obj_alloc(ctx, type, 0);

	obj->parent = ut;
	obj->base = pa;
	obj->npages = npages;
	ut->holds++;
	bitmap_set_range(ut->bitmap, page_index(ut, pa), npages);
	cap_slot_install(ctx, dst, untyped, obj, untyped->rights, BH_CAP_BADGE_NONE);
	return obj;
}

enum bh_cap_error cap_retype_frame(struct cap_ctx *ctx, struct cap_slot *untyped,
				   uint64_t pa, uint64_t npages,
				   struct cap_slot *dst)
{
	enum bh_cap_error err;

	err = retype_check(ctx, untyped, pa, npages, BH_CAP_FRAME_MAX_PAGES, dst);
	if (err)
		return err;
	retype_commit(ctx, untyped, BH_CAP_FRAME, pa, npages, dst);
	return BH_CAP_OK;
}

enum bh_cap_error cap_retype_untyped(struct cap_ctx *ctx,
				     struct cap_slot *untyped, uint64_t pa,
				     uint64_t npages, uint64_t *bitmap,
				     uint64_t handle, struct cap_slot *dst)
{
	struct cap_object *obj;
	enum bh_cap_error err;

	err = retype_check(ctx, untyped, pa, npages, UINT64_MAX, dst);
	if (err)
		return err;
	if (!bitmap)
		return BH_CAP_ERR_ARG;
	if (untyped->obj->depth >= BH_CAP_UNTYPED_MAX_DEPTH)
		return BH_CAP_ERR_TOO_DEEP;
	obj = retype_commit(ctx, untyped, BH_CAP_UNTYPED, pa, npages, dst);
	obj->handle = handle;
	obj->bitmap = bitmap;
	obj->depth = (uint8_t)(untyped->obj->depth + 1);
	return BH_CAP_OK;
}
