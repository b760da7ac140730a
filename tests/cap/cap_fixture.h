/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared set-up for the capability unit tests: one context with an object
 * pool, three small CSpaces, a boot untyped and the control capability, and
 * hooks that log every call.
 */
#ifndef CAP_FIXTURE_H
#define CAP_FIXTURE_H

#include <string.h>

#include "cap.h"

#define FIX_NOBJECTS  64
#define FIX_NSPACES   3
#define FIX_BITS      6
#define FIX_NSLOTS    (1u << FIX_BITS)
#define FIX_UT_BASE   0x40000000ull
#define FIX_UT_PAGES  256ull
#define FIX_LOG_MAX   256

/* Slots the set-up fills in CSpace 0. */
#define FIX_UT_SLOT   0
#define FIX_CTL_SLOT  1

#define FIX_PA(page)  (FIX_UT_BASE + (uint64_t)(page) * BH_CAP_PAGE_SIZE)

struct fixture {
	struct cap_ctx ctx;
	struct cap_object objects[FIX_NOBJECTS];
	struct cap_slot slots[FIX_NSPACES][FIX_NSLOTS];
	struct cspace cs[FIX_NSPACES];
	uint64_t ut_bitmap[CAP_BITMAP_WORDS(FIX_UT_PAGES)];
	uint64_t sub_bitmaps[BH_CAP_UNTYPED_MAX_DEPTH + 1][CAP_BITMAP_WORDS(FIX_UT_PAGES)];
	struct cap_destroyed destroyed[FIX_LOG_MAX];
	int ndestroyed;
	struct cap_unmapped unmapped[FIX_LOG_MAX];
	int nunmapped;
};

static struct fixture fix;

static void fix_on_destroy(void *arg, const struct cap_destroyed *d)
{
	struct fixture *f = arg;

	if (f->ndestroyed < FIX_LOG_MAX)
		f->destroyed[f->ndestroyed] = *d;
	f->ndestroyed++;
}

static void fix_on_unmap(void *arg, const struct cap_unmapped *m)
{
	struct fixture *f = arg;

	if (f->nunmapped < FIX_LOG_MAX)
		f->unmapped[f->nunmapped] = *m;
	f->nunmapped++;
}

/* The slot at index i of CSpace s. */
static inline struct cap_slot *S(int s, unsigned int i)
{
	return &fix.slots[s][i];
}

/* Fresh context; the boot untyped and control capability sit in CSpace 0. */
static inline void fix_setup(void)
{
	struct cap_hooks hooks = {
		.destroy = fix_on_destroy, .unmap = fix_on_unmap, .arg = &fix,
	};

	memset(&fix, 0, sizeof(fix));
	cap_ctx_init(&fix.ctx, &hooks);
	cap_ctx_add_objects(&fix.ctx, fix.objects, FIX_NOBJECTS);
	for (int s = 0; s < FIX_NSPACES; s++)
		cspace_init(&fix.cs[s], fix.slots[s], FIX_BITS);
	cap_boot_untyped(&fix.ctx, S(0, FIX_UT_SLOT), FIX_UT_BASE, FIX_UT_PAGES,
			 fix.ut_bitmap, 0x17);
	cap_boot_control(&fix.ctx, S(0, FIX_CTL_SLOT), 0xc0);
}

/* Number of capabilities directly derived from parent (NULL: roots). */
static inline int fix_nchildren(struct cap_slot *parent)
{
	int n = 0;

	for (struct cap_slot *c = cap_first_child(&fix.ctx, parent); c;
	     c = cap_next_sibling(&fix.ctx, parent, c))
		n++;
	return n;
}

/* True if child is directly derived from parent (NULL: child is a root). */
static inline int fix_is_child(struct cap_slot *parent, struct cap_slot *child)
{
	for (struct cap_slot *c = cap_first_child(&fix.ctx, parent); c;
	     c = cap_next_sibling(&fix.ctx, parent, c))
		if (c == child)
			return 1;
	return 0;
}

#endif
