/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A channel's two rings, as one GPADL describes them at OPENCHANNEL.
 *
 * Pages [0, downstream_page_offset) of the GPADL are the guest-to-host ring,
 * pages [downstream_page_offset, n) the host-to-guest ring, each starting with
 * its header page (hyperv-guest-interface.md 6.6). The guest writes the first
 * and reads the second; the host the other way round.
 */
#ifndef BULKHEAD_VMBUS_RING_PAIR_H
#define BULKHEAD_VMBUS_RING_PAIR_H

#include <stdbool.h>
#include <stdint.h>

#include "ring.h"

enum vmbus_ring_side {
	VMBUS_SIDE_GUEST,
	VMBUS_SIDE_HOST,
};

struct vmbus_ring_pair {
	struct vmbus_ring_writer out;
	struct vmbus_ring_reader in;
};

/* A channel is broken once either of its rings is; the first fault seen. */
static inline enum vmbus_ring_fault vmbus_ring_pair_fault(const struct vmbus_ring_pair *pair)
{
	enum vmbus_ring_fault fault = vmbus_ring_writer_fault(&pair->out);

	return fault ? fault : vmbus_ring_reader_fault(&pair->in);
}

/* Where each ring lies in the GPADL, in pages. */
struct vmbus_gpadl_rings {
	uint32_t g2h_first, g2h_pages;
	uint32_t h2g_first, h2g_pages;
};

/*
 * Splits a GPADL of gpadl_pages pages at downstream_page_offset (the
 * OPENCHANNEL field). Both values come from the guest: returns
 * VMBUS_RING_INVALID unless each ring has a header and at least one data
 * page and fits VMBUS_RING_MAX_BYTES.
 */
int vmbus_gpadl_ring_layout(uint32_t gpadl_pages, uint32_t downstream_page_offset,
			    struct vmbus_gpadl_rings *rings);

/* Format both rings before attaching (the allocating side, i.e. the guest). */
#define VMBUS_RING_PAIR_FORMAT	(1u << 0)

/*
 * Attaches to a ring pair whose GPADL pages are mapped contiguously at base.
 * Returns the first failure of vmbus_gpadl_ring_layout(), vmbus_ring_format()
 * or the attach calls.
 */
int vmbus_ring_pair_attach(struct vmbus_ring_pair *pair, enum vmbus_ring_side side, void *base,
			   uint32_t gpadl_pages, uint32_t downstream_page_offset, unsigned int flags);

/*
 * Maps `count` guest pages, given by PFN, to one contiguous local range and
 * returns it, or NULL. The root implements this over its view of guest
 * memory; a GPADL is only a PFN list, and each ring needs contiguous pages
 * locally (we do not double-map as Linux does; copies split at the wrap).
 */
struct vmbus_page_mapper {
	void *(*map)(void *ctx, const uint64_t *pfns, uint32_t count);
	void *ctx;
};

/* As vmbus_ring_pair_attach(), from the GPADL's PFN list: maps each ring
 * separately, so the two need not be adjacent locally. INVALID if a map
 * fails; the caller releases whatever its map callback returned. */
int vmbus_ring_pair_attach_pfns(struct vmbus_ring_pair *pair, enum vmbus_ring_side side,
				const uint64_t *pfns, uint32_t pfn_count,
				uint32_t downstream_page_offset,
				const struct vmbus_page_mapper *mapper, unsigned int flags);

#endif
