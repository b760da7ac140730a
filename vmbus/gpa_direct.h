/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GPA-direct packets (page ranges, as storvsc and netvsc send): build the
 * type-specific descriptor, and parse one received from an untrusted peer.
 *
 * Sending:   vmbus_gpa_direct_build() into a caller buffer, then vmbus_ring_put()
 *            with type VMBUS_PKT_DATA_USING_GPA_DIRECT and that buffer as desc_ext.
 * Receiving: vmbus_packet_copy() the desc_ext bytes (vmbus_packet_desc_ext_len())
 *            into private memory, then vmbus_gpa_direct_parse() and
 *            vmbus_gpa_direct_next() over that copy. Never parse in the ring.
 */
#ifndef BULKHEAD_VMBUS_GPA_DIRECT_H
#define BULKHEAD_VMBUS_GPA_DIRECT_H

#include <stdint.h>

#include <bulkhead/vmbus_ring.h>

/* One range: byte_count bytes from byte_offset into the first of pfn_count pages. */
struct vmbus_gpa_range_desc {
	uint32_t byte_count;
	uint32_t byte_offset;		/* < VMBUS_PAGE_SIZE */
	uint32_t pfn_count;		/* ceil((byte_offset + byte_count) / VMBUS_PAGE_SIZE) */
	const void *pfns;		/* pfn_count little-endian uint64_t, maybe unaligned */
};

static inline uint64_t vmbus_gpa_range_pfn(const struct vmbus_gpa_range_desc *range, uint32_t i)
{
	uint64_t pfn;

	__builtin_memcpy(&pfn, (const uint8_t *)range->pfns + (uint64_t)i * sizeof(pfn), sizeof(pfn));
	return pfn;
}

/* Pages a range must list; 0 if byte_offset or byte_count is not valid. */
uint32_t vmbus_gpa_range_pages(uint32_t byte_offset, uint32_t byte_count);

/*
 * Writes the GPA-direct descriptor extension (header and ranges) for `count`
 * ranges into buf. *len receives its size, a multiple of 8. Returns
 * VMBUS_RING_OK, VMBUS_RING_TOO_BIG if cap is too small or the result cannot
 * be a packet, VMBUS_RING_INVALID if a range is inconsistent.
 */
int vmbus_gpa_direct_build(void *buf, uint32_t cap, const struct vmbus_gpa_range_desc *ranges,
			   uint32_t count, uint32_t *len);

/* Walks the ranges of a received GPA-direct descriptor extension. */
struct vmbus_gpa_direct_iter {
	const uint8_t *next;
	uint32_t left;			/* bytes after next */
	uint32_t ranges_left;
};

/*
 * Starts a walk over `ext` (a private copy). *range_count receives the peer's
 * range count after a first plausibility check. Returns OK or INVALID.
 */
int vmbus_gpa_direct_parse(const void *ext, uint32_t ext_len, struct vmbus_gpa_direct_iter *it,
			   uint32_t *range_count);

/* Next range. Returns OK, EMPTY after the last one, INVALID if malformed. */
int vmbus_gpa_direct_next(struct vmbus_gpa_direct_iter *it, struct vmbus_gpa_range_desc *range);

#endif
