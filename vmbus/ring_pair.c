// SPDX-License-Identifier: GPL-2.0
/* Ring pair from one GPADL: split it, map it, attach a writer and a reader. */
#include "ring_pair.h"

#define MAX_RING_PAGES	(VMBUS_RING_MAX_BYTES / VMBUS_PAGE_SIZE)

int vmbus_gpadl_ring_layout(uint32_t gpadl_pages, uint32_t downstream_page_offset,
			    struct vmbus_gpadl_rings *rings)
{
	if (downstream_page_offset < VMBUS_RING_MIN_PAGES ||
	    downstream_page_offset > gpadl_pages ||
	    gpadl_pages - downstream_page_offset < VMBUS_RING_MIN_PAGES ||
	    downstream_page_offset > MAX_RING_PAGES ||
	    gpadl_pages - downstream_page_offset > MAX_RING_PAGES)
		return VMBUS_RING_INVALID;
	rings->g2h_first = 0;
	rings->g2h_pages = downstream_page_offset;
	rings->h2g_first = downstream_page_offset;
	rings->h2g_pages = gpadl_pages - downstream_page_offset;
	return VMBUS_RING_OK;
}

static int attach_rings(struct vmbus_ring_pair *pair, enum vmbus_ring_side side,
			void *g2h, void *h2g, const struct vmbus_gpadl_rings *rings,
			unsigned int flags)
{
	uint32_t g2h_bytes = rings->g2h_pages * VMBUS_PAGE_SIZE;
	uint32_t h2g_bytes = rings->h2g_pages * VMBUS_PAGE_SIZE;
	int st;

	if (flags & VMBUS_RING_PAIR_FORMAT) {
		st = vmbus_ring_format(g2h, g2h_bytes);
		if (!st)
			st = vmbus_ring_format(h2g, h2g_bytes);
		if (st)
			return st;
	}
	if (side == VMBUS_SIDE_GUEST) {
		st = vmbus_ring_writer_attach(&pair->out, g2h, g2h_bytes);
		return st ? st : vmbus_ring_reader_attach(&pair->in, h2g, h2g_bytes);
	}
	st = vmbus_ring_writer_attach(&pair->out, h2g, h2g_bytes);
	return st ? st : vmbus_ring_reader_attach(&pair->in, g2h, g2h_bytes);
}

int vmbus_ring_pair_attach(struct vmbus_ring_pair *pair, enum vmbus_ring_side side, void *base,
			   uint32_t gpadl_pages, uint32_t downstream_page_offset, unsigned int flags)
{
	struct vmbus_gpadl_rings rings;
	int st = vmbus_gpadl_ring_layout(gpadl_pages, downstream_page_offset, &rings);

	if (st)
		return st;
	if (!base)
		return VMBUS_RING_INVALID;
	return attach_rings(pair, side, base,
			    (uint8_t *)base + (uintptr_t)rings.h2g_first * VMBUS_PAGE_SIZE,
			    &rings, flags);
}

int vmbus_ring_pair_attach_pfns(struct vmbus_ring_pair *pair, enum vmbus_ring_side side,
				const uint64_t *pfns, uint32_t pfn_count,
				uint32_t downstream_page_offset,
				const struct vmbus_page_mapper *mapper, unsigned int flags)
{
	struct vmbus_gpadl_rings rings;
	void *g2h, *h2g;
	int st = vmbus_gpadl_ring_layout(pfn_count, downstream_page_offset, &rings);

	if (st)
		return st;
	if (!pfns || !mapper || !mapper->map)
		return VMBUS_RING_INVALID;
	g2h = mapper->map(mapper->ctx, pfns + rings.g2h_first, rings.g2h_pages);
	h2g = mapper->map(mapper->ctx, pfns + rings.h2g_first, rings.h2g_pages);
	if (!g2h || !h2g)
		return VMBUS_RING_INVALID;
	return attach_rings(pair, side, g2h, h2g, &rings, flags);
}
