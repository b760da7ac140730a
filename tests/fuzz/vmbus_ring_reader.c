// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a ring reader facing a hostile writer.
 *
 * The input picks a ring size and the header's indices, fills the data area,
 * then runs a script mixing honest writes (through the real writer, so deep
 * states are reachable) with corruption (indices, descriptor bytes, flags
 * rewritten between and after the reader's checks) and every reader call.
 * The ring is an exact-size heap block, so ASan sees any access outside it;
 * the asserts check what the reader promises: packets it returns lie inside
 * the ring, a broken ring stays broken, and draining always ends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmbus/gpa_direct.h"
#include "fuzz_input.h"
#include "vmbus/ring.h"

#define PAGE		VMBUS_PAGE_SIZE
#define MAX_DATA_PAGES	4u

/* What the reader promises about a packet it returned. */
static void check_packet(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt)
{
	FUZZ_CHECK(pkt->len >= sizeof(struct vmbus_packet_desc));
	FUZZ_CHECK(pkt->data_offset >= sizeof(struct vmbus_packet_desc) && pkt->data_offset <= pkt->len);
	FUZZ_CHECK(pkt->pos < r->ring.size && pkt->pos % VMBUS_PKT_ALIGN == 0);
	FUZZ_CHECK(pkt->len + VMBUS_PKT_TRAILER_SIZE < r->ring.size);
}

static void check_state(const struct vmbus_ring_reader *r)
{
	FUZZ_CHECK(r->read_pos < r->ring.size && r->read_pos % VMBUS_PKT_ALIGN == 0);
	FUZZ_CHECK(r->published_read < r->ring.size);
	FUZZ_CHECK(r->seen_write < r->ring.size);
}

/* Copies the packet out piece by piece and parses it as the type says. */
static void use_packet(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt)
{
	static uint8_t buf[MAX_DATA_PAGES * PAGE];
	uint32_t ext_len = vmbus_packet_desc_ext_len(pkt);
	struct vmbus_span span[2];
	unsigned int n;

	check_packet(r, pkt);
	FUZZ_CHECK(vmbus_packet_copy(r, pkt, 0, buf, pkt->len) == VMBUS_RING_OK);
	FUZZ_CHECK(vmbus_packet_copy(r, pkt, 0, buf, pkt->len + 1) == VMBUS_RING_INVALID);
	n = vmbus_packet_view(r, pkt, pkt->data_offset, vmbus_packet_data_len(pkt), span);
	FUZZ_CHECK(n == 1 || n == 2);
	for (unsigned int i = 0; i < n; i++) {
		volatile uint8_t sink = 0;

		for (uint32_t j = 0; j < span[i].len; j++)
			sink ^= span[i].base[j];
		(void)sink;
	}
	if (pkt->type == VMBUS_PKT_DATA_USING_GPA_DIRECT) {
		struct vmbus_gpa_direct_iter it;
		struct vmbus_gpa_range_desc range;
		uint32_t count, seen = 0;
		int st;

		FUZZ_CHECK(vmbus_packet_copy(r, pkt, sizeof(struct vmbus_packet_desc), buf, ext_len) ==
		      VMBUS_RING_OK);
		if (vmbus_gpa_direct_parse(buf, ext_len, &it, &count) != VMBUS_RING_OK)
			return;
		while ((st = vmbus_gpa_direct_next(&it, &range)) == VMBUS_RING_OK) {
			const uint8_t *pfns = range.pfns;

			FUZZ_CHECK(range.pfn_count >= 1);
			FUZZ_CHECK(pfns >= buf + 8 && pfns + range.pfn_count * 8 <= buf + ext_len);
			(void)vmbus_gpa_range_pfn(&range, range.pfn_count - 1);
			FUZZ_CHECK(++seen <= count);
		}
		FUZZ_CHECK(st == VMBUS_RING_EMPTY || st == VMBUS_RING_INVALID);
	}
}

/* An honest packet through the real writer; the reader must accept it. */
static void honest_put(struct vmbus_ring_writer *w, struct fuzz_input *in)
{
	static uint8_t payload[MAX_DATA_PAGES * PAGE];
	uint64_t pfns[3] = { fuzz_u32(in), 1, 2 };
	struct vmbus_gpa_range_desc range = { .byte_count = 1 + fuzz_u8(in) * 31u,
					      .byte_offset = fuzz_u8(in) * 16u, .pfns = pfns };
	uint8_t ext[64];
	uint32_t len = fuzz_u8(in) * 17u, ext_len = 0;
	struct vmbus_iovec iov = { payload, len };
	struct vmbus_packet_out pkt = { .type = VMBUS_PKT_DATA_INBAND, .trans_id = fuzz_u32(in),
					.iov = &iov, .iov_count = 1 };

	range.pfn_count = vmbus_gpa_range_pages(range.byte_offset, range.byte_count);
	if (fuzz_u8(in) & 1 &&
	    vmbus_gpa_direct_build(ext, sizeof(ext), &range, 1, &ext_len) == VMBUS_RING_OK) {
		pkt.type = VMBUS_PKT_DATA_USING_GPA_DIRECT;
		pkt.desc_ext = ext;
		pkt.desc_ext_len = ext_len;
	}
	vmbus_ring_put(w, &pkt);
	if (fuzz_u8(in) & 1)
		vmbus_ring_commit(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint32_t ring_bytes = (1 + 1 + fuzz_u8(&in) % MAX_DATA_PAGES) * PAGE;
	uint8_t *ring = aligned_alloc(PAGE, ring_bytes);
	struct vmbus_ring_header *hdr = (struct vmbus_ring_header *)ring;
	uint32_t dsize = ring_bytes - PAGE;
	struct vmbus_ring_writer w;
	struct vmbus_ring_reader r;
	struct vmbus_packet_in pkt;
	bool broken = false, signal;
	uint8_t mode = fuzz_u8(&in);
	uint32_t steps = 0;
	int st;

	memset(ring, 0, ring_bytes);
	hdr->read_index = fuzz_u32(&in);
	hdr->write_index = fuzz_u32(&in);
	/* Mostly start from plausible indices so the script gets past attach. */
	if (mode & 1) {
		hdr->read_index = (hdr->read_index % dsize) & ~7u;
		hdr->write_index = (hdr->write_index % dsize) & ~7u;
	}
	hdr->feature_bits = fuzz_u8(&in);
	for (uint32_t i = 0; i < dsize && in.left && (mode & 2); i++)
		ring[PAGE + i] = fuzz_u8(&in);
	vmbus_ring_writer_attach(&w, ring, ring_bytes);
	if (vmbus_ring_reader_attach(&r, ring, ring_bytes) != VMBUS_RING_OK)
		goto out;

	while (in.left && steps++ < 4096) {
		uint8_t op = fuzz_u8(&in);

		switch (op % 12) {
		case 0:
			st = vmbus_ring_peek(&r, &pkt);
			if (st == VMBUS_RING_OK)
				use_packet(&r, &pkt);
			else
				FUZZ_CHECK(st == VMBUS_RING_EMPTY || st == VMBUS_RING_BROKEN);
			break;
		case 1:
			vmbus_ring_consume(&r);
			break;
		case 2:
			(void)vmbus_ring_read_done(&r);
			break;
		case 3:
			vmbus_ring_begin_batch(&r);
			break;
		case 4:
			(void)vmbus_ring_end_batch(&r, &signal);
			break;
		case 5: {	/* the writer moves its index anywhere */
			uint32_t v = fuzz_u32(&in);

			hdr->write_index = op & 0x80 ? (v % dsize) & ~7u : v;
			break;
		}
		case 6: {	/* the writer rewrites a byte, e.g. a descriptor after our check */
			uint32_t at = (fuzz_u8(&in) | fuzz_u8(&in) << 8) % dsize;

			ring[PAGE + (op & 0x80 ? (r.read_pos + at % 24) % dsize : at)] = fuzz_u8(&in);
			break;
		}
		case 7:
			hdr->pending_send_sz = fuzz_u32(&in);
			hdr->feature_bits = fuzz_u8(&in);
			hdr->read_index = fuzz_u32(&in);		/* ours, but shared: ignored */
			break;
		case 8: {
			static uint8_t buf[MAX_DATA_PAGES * PAGE];
			uint32_t n;

			st = vmbus_ring_read(&r, &pkt, buf, fuzz_u8(&in) * 16u, &n);
			if (st == VMBUS_RING_OK || st == VMBUS_RING_TOO_BIG) {
				check_packet(&r, &pkt);
				FUZZ_CHECK(n == vmbus_packet_data_len(&pkt));
			}
			break;
		}
		case 9: {	/* drain: must end after at most one packet per 24 bytes */
			uint32_t count = 0;

			vmbus_ring_for_each_packet(&r, &pkt, st) {
				use_packet(&r, &pkt);
				FUZZ_CHECK(++count <= dsize / 24);
			}
			FUZZ_CHECK(st == VMBUS_RING_EMPTY || st == VMBUS_RING_BROKEN);
			break;
		}
		case 10:
		case 11:
			honest_put(&w, &in);
			break;
		}
		check_state(&r);
		FUZZ_CHECK(vmbus_ring_reader_avail(&r) < dsize);
		/* Broken is forever. */
		if (broken) {
			FUZZ_CHECK(vmbus_ring_peek(&r, &pkt) == VMBUS_RING_BROKEN);
			FUZZ_CHECK(!vmbus_ring_read_done(&r));
		}
		broken = vmbus_ring_reader_fault(&r) != VMBUS_FAULT_NONE;
	}
out:
	free(ring);
	return 0;
}
