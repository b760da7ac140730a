// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a ring writer facing a hostile reader.
 *
 * The script moves the reader's index anywhere, flips interrupt_mask,
 * pending_send_sz and feature_bits, and interleaves puts of random shapes,
 * commits and space requests. Beyond ASan's bounds checks, each put must
 * change no byte of the data area outside the packet it wrote, and that
 * packet must lie in space the reader had handed back. The guest-chosen GPADL
 * split is checked here too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "vmbus/ring.h"
#include "vmbus/ring_pair.h"

#define PAGE		VMBUS_PAGE_SIZE
#define MAX_DATA_PAGES	4u

static uint32_t dist(uint32_t size, uint32_t from, uint32_t to)
{
	return to >= from ? to - from : size - from + to;
}

static void put_one(struct vmbus_ring_writer *w, struct fuzz_input *in, uint8_t *ring, uint8_t *before)
{
	static uint8_t payload[MAX_DATA_PAGES * PAGE + 64];
	uint8_t ext[64] = { 0 };
	uint32_t size = w->ring.size, start = w->write_pos;
	struct vmbus_iovec iov[3];
	struct vmbus_packet_out pkt = {
		.type = fuzz_u8(in), .flags = fuzz_u8(in), .trans_id = fuzz_u32(in),
		.desc_ext = ext, .desc_ext_len = (fuzz_u8(in) % 9) * 8 - (fuzz_u8(in) & 1),
		.iov = iov, .iov_count = fuzz_u8(in) % 4,
	};
	uint32_t used_before;
	int st;

	for (uint32_t i = 0; i < pkt.iov_count; i++) {
		iov[i].base = payload;
		iov[i].len = (uint32_t)fuzz_u8(in) * (fuzz_u8(in) & 31);
	}
	memcpy(before, ring + PAGE, size);
	st = vmbus_ring_put(w, &pkt);
	if (st != VMBUS_RING_OK) {
		FUZZ_CHECK(w->write_pos == start);
		FUZZ_CHECK(memcmp(before, ring + PAGE, size) == 0);
		return;
	}
	/* The new packet starts where the last ended and fits the free space. */
	uint32_t len = dist(size, start, w->write_pos);

	FUZZ_CHECK(len % VMBUS_PKT_ALIGN == 0 && len >= 24);
	used_before = dist(size, w->seen_read, start);
	FUZZ_CHECK(used_before + len < size);
	for (uint32_t i = 0; i < size; i++)
		if (dist(size, start, i) >= len)
			FUZZ_CHECK(before[i] == ring[PAGE + i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint32_t ring_bytes = (1 + 1 + fuzz_u8(&in) % MAX_DATA_PAGES) * PAGE;
	uint32_t dsize = ring_bytes - PAGE;
	uint8_t *ring = aligned_alloc(PAGE, ring_bytes);
	uint8_t *before = malloc(dsize);
	struct vmbus_ring_header *hdr = (struct vmbus_ring_header *)ring;
	struct vmbus_ring_writer w;
	uint32_t steps = 0;
	bool broken = false, signal;

	memset(ring, 0, ring_bytes);
	hdr->write_index = (fuzz_u32(&in) % dsize) & ~7u;
	hdr->read_index = hdr->write_index;
	if (vmbus_ring_writer_attach(&w, ring, ring_bytes) != VMBUS_RING_OK)
		goto out;

	while (in.left && steps++ < 4096) {
		uint8_t op = fuzz_u8(&in);
		int st;

		switch (op % 8) {
		case 0:
		case 1:
			put_one(&w, &in, ring, before);
			break;
		case 2: {
			uint32_t published = w.published_write;
			bool sig = vmbus_ring_commit(&w);

			if (!broken && w.write_pos != published)
				FUZZ_CHECK(hdr->write_index == w.write_pos);
			if (w.write_pos == published)
				FUZZ_CHECK(!sig);
			break;
		}
		case 3:
			st = vmbus_ring_request_space(&w, fuzz_u32(&in) % (2 * dsize), &signal);
			FUZZ_CHECK(st != VMBUS_RING_INVALID);
			break;
		case 4: {	/* the reader moves its index: often plausibly, sometimes anywhere */
			uint32_t v = fuzz_u32(&in);

			if (op & 0x80)
				hdr->read_index = v;
			else if (op & 0x40)
				hdr->read_index = (v % dsize) & ~7u;
			else if (hdr->read_index < dsize && hdr->read_index % 8 == 0) {
				/* honest: forward, at most up to what we published */
				uint32_t cur = hdr->read_index;
				uint32_t room = dist(dsize, cur, w.published_write) / 8;

				hdr->read_index = (cur + (v % (room + 1)) * 8) % dsize;
			}
			break;
		}
		case 5:
			hdr->interrupt_mask = fuzz_u8(&in) & 1;
			hdr->feature_bits = fuzz_u8(&in);
			break;
		case 6:
			hdr->pending_send_sz = fuzz_u32(&in);
			hdr->write_index = fuzz_u32(&in);		/* ours, but shared: ignored */
			break;
		case 7: {	/* the guest's GPADL split, as OPENCHANNEL gives it */
			struct vmbus_gpadl_rings rings;
			uint32_t pages = fuzz_u32(&in), offset = fuzz_u32(&in);

			if (vmbus_gpadl_ring_layout(pages, offset, &rings) == VMBUS_RING_OK) {
				FUZZ_CHECK(rings.g2h_pages >= VMBUS_RING_MIN_PAGES);
				FUZZ_CHECK(rings.h2g_pages >= VMBUS_RING_MIN_PAGES);
				FUZZ_CHECK(rings.h2g_first == rings.g2h_pages);
				FUZZ_CHECK((uint64_t)rings.g2h_pages + rings.h2g_pages == pages);
				FUZZ_CHECK(rings.h2g_pages <= VMBUS_RING_MAX_BYTES / PAGE);
			}
			(void)vmbus_packet_ring_bytes(fuzz_u32(&in), fuzz_u32(&in));
			break;
		}
		}
		FUZZ_CHECK(w.write_pos < dsize && w.write_pos % VMBUS_PKT_ALIGN == 0);
		FUZZ_CHECK(w.seen_read < dsize && w.published_write < dsize);
		FUZZ_CHECK(vmbus_ring_writer_free(&w) > 0);
		if (broken)
			FUZZ_CHECK(vmbus_ring_put_inband(&w, VMBUS_PKT_DATA_INBAND, 0, 0, NULL, 0) ==
			      VMBUS_RING_BROKEN);
		broken = vmbus_ring_writer_fault(&w) != VMBUS_FAULT_NONE;
	}
out:
	free(before);
	free(ring);
	return 0;
}
