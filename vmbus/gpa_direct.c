// SPDX-License-Identifier: GPL-2.0
/* GPA-direct descriptor extension: building it, and parsing a peer's copy. */
#include "gpa_direct.h"
#include "ring.h"
#include "ring_arch.h"

#define RANGE_HDR_SIZE	((uint32_t)sizeof(struct vmbus_gpa_range))
#define PFN_SIZE	((uint32_t)sizeof(uint64_t))

uint32_t vmbus_gpa_range_pages(uint32_t byte_offset, uint32_t byte_count)
{
	if (byte_offset >= VMBUS_PAGE_SIZE || !byte_count)
		return 0;
	return (uint32_t)(((uint64_t)byte_offset + byte_count + VMBUS_PAGE_SIZE - 1) >> VMBUS_PAGE_SHIFT);
}

int vmbus_gpa_direct_build(void *buf, uint32_t cap, const struct vmbus_gpa_range_desc *ranges,
			   uint32_t count, uint32_t *len)
{
	struct vmbus_gpa_direct_header hdr = { .reserved = 0, .range_count = count };
	uint64_t total = sizeof(hdr);
	uint8_t *out = buf;

	for (uint32_t i = 0; i < count; i++) {
		if (ranges[i].pfn_count != vmbus_gpa_range_pages(ranges[i].byte_offset,
								 ranges[i].byte_count))
			return VMBUS_RING_INVALID;
		total += RANGE_HDR_SIZE + (uint64_t)ranges[i].pfn_count * PFN_SIZE;
	}
	if (total > cap || !vmbus_packet_ring_bytes((uint32_t)total, 0))
		return VMBUS_RING_TOO_BIG;

	ring_copy(out, &hdr, sizeof(hdr));
	out += sizeof(hdr);
	for (uint32_t i = 0; i < count; i++) {
		struct vmbus_gpa_range r = {
			.byte_count = ranges[i].byte_count,
			.byte_offset = ranges[i].byte_offset,
		};

		ring_copy(out, &r, RANGE_HDR_SIZE);
		out += RANGE_HDR_SIZE;
		ring_copy(out, ranges[i].pfns, (size_t)ranges[i].pfn_count * PFN_SIZE);
		out += (size_t)ranges[i].pfn_count * PFN_SIZE;
	}
	*len = (uint32_t)total;
	return VMBUS_RING_OK;
}

int vmbus_gpa_direct_parse(const void *ext, uint32_t ext_len, struct vmbus_gpa_direct_iter *it,
			   uint32_t *range_count)
{
	struct vmbus_gpa_direct_header hdr;

	it->next = ext;
	it->left = 0;
	it->ranges_left = 0;
	*range_count = 0;
	if (ext_len < sizeof(hdr))
		return VMBUS_RING_INVALID;
	ring_copy(&hdr, ext, sizeof(hdr));
	/* Each range needs its header and at least one PFN. */
	if (hdr.range_count > (ext_len - sizeof(hdr)) / (RANGE_HDR_SIZE + PFN_SIZE))
		return VMBUS_RING_INVALID;
	it->next = (const uint8_t *)ext + sizeof(hdr);
	it->left = ext_len - (uint32_t)sizeof(hdr);
	it->ranges_left = hdr.range_count;
	*range_count = hdr.range_count;
	return VMBUS_RING_OK;
}

int vmbus_gpa_direct_next(struct vmbus_gpa_direct_iter *it, struct vmbus_gpa_range_desc *range)
{
	struct vmbus_gpa_range r;
	uint32_t pages;

	if (!it->ranges_left)
		return VMBUS_RING_EMPTY;
	if (it->left < RANGE_HDR_SIZE)
		goto malformed;
	ring_copy(&r, it->next, RANGE_HDR_SIZE);
	pages = vmbus_gpa_range_pages(r.byte_offset, r.byte_count);
	if (!pages || pages > (it->left - RANGE_HDR_SIZE) / PFN_SIZE)
		goto malformed;
	range->byte_count = r.byte_count;
	range->byte_offset = r.byte_offset;
	range->pfn_count = pages;
	range->pfns = it->next + RANGE_HDR_SIZE;
	it->next += RANGE_HDR_SIZE + pages * PFN_SIZE;
	it->left -= RANGE_HDR_SIZE + pages * PFN_SIZE;
	it->ranges_left--;
	return VMBUS_RING_OK;

malformed:
	/* Stop the walk for good: a caller looping until EMPTY must not spin. */
	it->ranges_left = 0;
	return VMBUS_RING_INVALID;
}
