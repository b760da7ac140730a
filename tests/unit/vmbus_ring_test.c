// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the VMBus ring library: layout, wrap-around, limits, signalling, hostile peers. */
#include <stddef.h>

#include "tests/unit/test.h"
#include "vmbus/gpa_direct.h"
#include "vmbus/ring.h"
#include "vmbus/ring_pair.h"

#define PAGE		VMBUS_PAGE_SIZE
#define SMALL_RING	(2 * PAGE)		/* 4 KiB data area */
#define SMALL_DATA	(SMALL_RING - PAGE)

static uint8_t ring_mem[2][16 * PAGE] __attribute__((aligned(PAGE)));

struct ends {
	struct vmbus_ring_writer w;
	struct vmbus_ring_reader r;
	struct vmbus_ring_header *hdr;
	uint8_t *data;
};

/* A formatted ring with both ends attached, optionally starting at `start`. */
static void ends_init_at(struct ends *e, uint32_t ring_bytes, uint32_t start)
{
	memset(ring_mem[0], 0xa5, sizeof(ring_mem[0]));
	CHECK_EQ(vmbus_ring_format(ring_mem[0], ring_bytes), VMBUS_RING_OK);
	e->hdr = (struct vmbus_ring_header *)ring_mem[0];
	e->data = ring_mem[0] + PAGE;
	e->hdr->read_index = e->hdr->write_index = start;
	CHECK_EQ(vmbus_ring_writer_attach(&e->w, ring_mem[0], ring_bytes), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_reader_attach(&e->r, ring_mem[0], ring_bytes), VMBUS_RING_OK);
}

static void ends_init(struct ends *e, uint32_t ring_bytes)
{
	ends_init_at(e, ring_bytes, 0);
}

static void fill_pattern(uint8_t *buf, uint32_t len, uint32_t seed)
{
	for (uint32_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 8));
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Sends one in-band packet and commits it; returns the signal decision. */
static bool send_inband(struct ends *e, uint64_t id, const void *data, uint32_t len)
{
	CHECK_EQ(vmbus_ring_put_inband(&e->w, VMBUS_PKT_DATA_INBAND, 0, id, data, len), VMBUS_RING_OK);
	return vmbus_ring_commit(&e->w);
}

/* Reads one packet, checks it is in-band, id and payload as sent. VMBus
 * carries no byte count: the receiver sees the length padded to 8. */
static void expect_inband(struct ends *e, uint64_t id, const uint8_t *want, uint32_t len)
{
	static uint8_t got[64 * 1024];
	struct vmbus_packet_in pkt;
	uint32_t n;

	CHECK_EQ(vmbus_ring_read(&e->r, &pkt, got, sizeof(got), &n), VMBUS_RING_OK);
	CHECK_EQ(pkt.type, VMBUS_PKT_DATA_INBAND);
	CHECK_EQ(pkt.trans_id, id);
	CHECK_EQ(n, (len + 7) & ~7u);
	CHECK(memcmp(got, want, len) == 0);
}

/* ------------------------------------------------------------ geometry */

TEST(format_sets_linux_defaults)
{
	struct vmbus_ring_header *hdr = (struct vmbus_ring_header *)ring_mem[0];

	memset(ring_mem[0], 0xff, PAGE);
	CHECK_EQ(vmbus_ring_format(ring_mem[0], SMALL_RING), VMBUS_RING_OK);
	CHECK_EQ(hdr->write_index, 0);
	CHECK_EQ(hdr->read_index, 0);
	CHECK_EQ(hdr->interrupt_mask, 0);
	CHECK_EQ(hdr->pending_send_sz, 0);
	CHECK_EQ(hdr->feature_bits, VMBUS_RING_FEAT_PENDING_SEND_SZ);
	for (uint32_t i = 68; i < PAGE; i++)
		CHECK_EQ(ring_mem[0][i], 0);
}

TEST(attach_rejects_bad_geometry)
{
	struct vmbus_ring_writer w;
	struct vmbus_ring_reader r;

	CHECK_EQ(vmbus_ring_format(ring_mem[0], SMALL_RING), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_writer_attach(&w, ring_mem[0], PAGE), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_writer_attach(&w, ring_mem[0], SMALL_RING + 8), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_writer_attach(&w, NULL, SMALL_RING), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_reader_attach(&r, ring_mem[0] + 4, SMALL_RING), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_reader_attach(&r, ring_mem[0], VMBUS_RING_MAX_BYTES + PAGE),
		 VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_format(ring_mem[0], 3 * PAGE / 2), VMBUS_RING_INVALID);
}

TEST(attach_rejects_bad_indices)
{
	struct vmbus_ring_header *hdr = (struct vmbus_ring_header *)ring_mem[0];
	struct vmbus_ring_writer w;
	struct vmbus_ring_reader r;

	CHECK_EQ(vmbus_ring_format(ring_mem[0], SMALL_RING), VMBUS_RING_OK);
	hdr->write_index = SMALL_DATA;
	CHECK_EQ(vmbus_ring_writer_attach(&w, ring_mem[0], SMALL_RING), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_writer_fault(&w), VMBUS_FAULT_ATTACH);
	CHECK_EQ(vmbus_ring_reader_attach(&r, ring_mem[0], SMALL_RING), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_reader_fault(&r), VMBUS_FAULT_ATTACH);
	hdr->write_index = 0;
	hdr->read_index = 12;
	CHECK_EQ(vmbus_ring_reader_attach(&r, ring_mem[0], SMALL_RING), VMBUS_RING_BROKEN);
	/* Once broken, everything says so. */
	CHECK_EQ(vmbus_ring_put_inband(&w, VMBUS_PKT_DATA_INBAND, 0, 1, "x", 1), VMBUS_RING_BROKEN);
	CHECK(!vmbus_ring_commit(&w));
	CHECK_STR(vmbus_ring_fault_name(vmbus_ring_reader_fault(&r)), "ring indices invalid at attach");
}

TEST(writer_sets_feature_bit_on_attach)
{
	struct vmbus_ring_header *hdr = (struct vmbus_ring_header *)ring_mem[0];
	struct vmbus_ring_writer w;

	CHECK_EQ(vmbus_ring_format(ring_mem[0], SMALL_RING), VMBUS_RING_OK);
	hdr->feature_bits = 0;
	CHECK_EQ(vmbus_ring_writer_attach(&w, ring_mem[0], SMALL_RING), VMBUS_RING_OK);
	CHECK_EQ(hdr->feature_bits, VMBUS_RING_FEAT_PENDING_SEND_SZ);
}

/* ------------------------------------------------------------ packets */

TEST(empty_ring_peeks_empty)
{
	struct ends e;
	struct vmbus_packet_in pkt;

	ends_init(&e, SMALL_RING);
	CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_EMPTY);
	CHECK_EQ(vmbus_ring_reader_avail(&e.r), 0);
	CHECK(!vmbus_ring_read_done(&e.r));
	CHECK(!vmbus_ring_commit(&e.w));
}

/* The exact bytes Linux's reader expects (hyperv.h vmpacket_descriptor, ring_buffer.c trailer). */
TEST(wire_bytes_match_linux_layout)
{
	struct ends e;
	const uint8_t payload[5] = { 1, 2, 3, 4, 5 };

	ends_init(&e, SMALL_RING);
	CHECK(send_inband(&e, 0x1122334455667788ull, payload, 5));
	CHECK(send_inband(&e, 7, payload, 5) == false);
	/* First packet at 0: type 6, offset8 2, len8 3 (16 + 8), flags 0. */
	CHECK_EQ(load64(e.data + 0), 0x0000000300020006ull);
	CHECK_EQ(load64(e.data + 8), 0x1122334455667788ull);
	CHECK(memcmp(e.data + 16, payload, 5) == 0);
	CHECK_EQ(e.data[21] | e.data[22] | e.data[23], 0);	/* zero padding */
	CHECK_EQ(load64(e.data + 24), 0);			/* trailer: started at 0 */
	/* Second packet at 32, trailer carries 32 << 32. */
	CHECK_EQ(load64(e.data + 32), 0x0000000300020006ull);
	CHECK_EQ(load64(e.data + 56), 32ull << 32);
	CHECK_EQ(e.hdr->write_index, 64);
	CHECK_EQ(e.hdr->read_index, 0);
}

TEST(inband_roundtrip_and_read_index)
{
	struct ends e;
	uint8_t buf[300];

	ends_init(&e, SMALL_RING);
	fill_pattern(buf, sizeof(buf), 1);
	CHECK(send_inband(&e, 42, buf, sizeof(buf)));
	expect_inband(&e, 42, buf, sizeof(buf));
	CHECK_EQ(e.hdr->read_index, 0);		/* not published before read_done */
	vmbus_ring_read_done(&e.r);
	CHECK_EQ(e.hdr->read_index, 16 + 304 + 8);
	CHECK_EQ(e.hdr->read_index, e.hdr->write_index);
}

TEST(lengths_and_padding_for_every_small_size)
{
	struct ends e;
	uint8_t buf[64];
	struct vmbus_packet_in pkt;

	ends_init(&e, 4 * PAGE);
	fill_pattern(buf, sizeof(buf), 3);
	for (uint32_t n = 0; n <= 40; n++) {
		uint32_t start = e.w.write_pos;
		uint32_t padded = (n + 7) & ~7u;

		CHECK(send_inband(&e, n, buf, n) == (n == 0));
		CHECK_EQ(e.w.write_pos - start, vmbus_packet_ring_bytes(0, n));
		CHECK_EQ(e.data[start + 4], (16 + padded) / 8);	/* len8 */
		for (uint32_t i = n; i < padded; i++)
			CHECK_EQ(e.data[start + 16 + i], 0);
	}
	for (uint32_t n = 0; n <= 40; n++) {
		uint8_t got[48];
		uint32_t got_len;

		/* The receiver sees the padded length: VMBus has no byte count. */
		CHECK_EQ(vmbus_ring_read(&e.r, &pkt, got, sizeof(got), &got_len), VMBUS_RING_OK);
		CHECK_EQ(pkt.trans_id, n);
		CHECK_EQ(got_len, (n + 7) & ~7u);
		CHECK_EQ(vmbus_packet_desc_ext_len(&pkt), 0);
		CHECK(memcmp(got, buf, n) == 0);
		for (uint32_t i = n; i < got_len; i++)
			CHECK_EQ(got[i], 0);
	}
}

TEST(wraparound_sweep)
{
	struct ends e;
	static uint8_t buf[1500], want[1500];
	static uint32_t sent_len[4000];
	uint32_t wraps = 0, sent = 0, recvd = 0, last_pos = 0;

	ends_init(&e, SMALL_RING);
	for (uint32_t round = 0; round < 4000; round++) {
		uint32_t len = (round * 37) % 1500;

		fill_pattern(buf, len, sent);
		if (vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, sent, buf, len) == VMBUS_RING_OK) {
			vmbus_ring_commit(&e.w);
			sent_len[sent++] = len;
		}
		/* Drain every third round so the ring runs both nearly full and nearly empty. */
		while (round % 3 == 2 && recvd < sent) {
			struct vmbus_packet_in pkt;
			uint32_t n = sent_len[recvd];

			CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_OK);
			CHECK_EQ(pkt.trans_id, recvd);
			CHECK_EQ(vmbus_packet_data_len(&pkt), (n + 7) & ~7u);
			if (pkt.pos < last_pos)
				wraps++;
			last_pos = pkt.pos;
			fill_pattern(want, n, recvd);
			CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, pkt.data_offset, buf, n), VMBUS_RING_OK);
			CHECK(memcmp(buf, want, n) == 0);
			vmbus_ring_consume(&e.r);
			recvd++;
		}
		vmbus_ring_read_done(&e.r);
	}
	CHECK(sent > 1000);
	CHECK(wraps > 100);
}

/* Drives the write position to `start` so a packet straddles the end of the data area. */
TEST(descriptor_straddles_end)
{
	struct ends e;
	uint8_t buf[100];

	ends_init_at(&e, SMALL_RING, SMALL_DATA - 8);
	fill_pattern(buf, sizeof(buf), 9);
	CHECK(send_inband(&e, 0xabcdef, buf, sizeof(buf)));
	CHECK_EQ(load64(e.data + SMALL_DATA - 8) & 0xffff, VMBUS_PKT_DATA_INBAND);
	CHECK_EQ(load64(e.data + 0), 0xabcdef);			/* trans_id wrapped to 0 */
	CHECK(memcmp(e.data + 8, buf, sizeof(buf)) == 0);
	expect_inband(&e, 0xabcdef, buf, 100);
}

TEST(payload_straddles_end)
{
	struct ends e;
	uint8_t buf[100];
	struct vmbus_packet_in pkt;
	struct vmbus_span span[2];

	ends_init_at(&e, SMALL_RING, SMALL_DATA - 40);
	fill_pattern(buf, sizeof(buf), 10);
	CHECK(send_inband(&e, 5, buf, sizeof(buf)));
	CHECK(memcmp(e.data + SMALL_DATA - 24, buf, 24) == 0);
	CHECK(memcmp(e.data, buf + 24, 76) == 0);
	CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_OK);
	CHECK_EQ(vmbus_packet_view(&e.r, &pkt, 16, 100, span), 2);
	CHECK_EQ(span[0].len, 24);
	CHECK_EQ(span[1].len, 76);
	CHECK(span[1].base == e.data);
	CHECK_EQ(vmbus_packet_view(&e.r, &pkt, 16, 8, span), 1);
	expect_inband(&e, 5, buf, 100);
	/* Trailer lands after the wrap: 8 + 16 + 104 - 40 = 80 bytes in. */
	CHECK_EQ(load64(e.data + 80), (uint64_t)(SMALL_DATA - 40) << 32);
}

TEST(full_ring_keeps_one_slot_free)
{
	struct ends e;
	static uint8_t buf[SMALL_DATA];
	bool signal;

	ends_init(&e, SMALL_RING);
	/* A packet taking the whole data area would make write == read: never allowed. */
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 1, buf, SMALL_DATA - 24),
		 VMBUS_RING_TOO_BIG);
	/* Leaves exactly 24 free: a 24-byte packet must then be refused. */
	CHECK(send_inband(&e, 1, buf, SMALL_DATA - 48));
	CHECK_EQ(vmbus_ring_writer_free(&e.w), 24);
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 2, NULL, 0), VMBUS_RING_FULL);
	CHECK_EQ(vmbus_ring_request_space(&e.w, 24, &signal), VMBUS_RING_FULL);
	CHECK(!signal);
	/* One packet fewer: 32 free, a 24-byte packet fits and 8 bytes stay free. */
	ends_init(&e, SMALL_RING);
	CHECK(send_inband(&e, 1, buf, SMALL_DATA - 56));
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 2, NULL, 0), VMBUS_RING_OK);
	CHECK(!vmbus_ring_commit(&e.w));
	CHECK_EQ(vmbus_ring_writer_free(&e.w), 8);
	CHECK_EQ(vmbus_ring_reader_avail(&e.r), SMALL_DATA - 8);
	expect_inband(&e, 1, buf, SMALL_DATA - 56);
	CHECK_EQ(vmbus_ring_peek(&e.r, &(struct vmbus_packet_in){ 0 }), VMBUS_RING_OK);
}

TEST(rejects_unsendable_packets)
{
	struct ends e;
	static uint8_t big[VMBUS_PKT_MAX_LEN + 8];
	struct vmbus_packet_out pkt = { .type = VMBUS_PKT_DATA_INBAND, .desc_ext = big, .desc_ext_len = 12 };

	ends_init(&e, 16 * PAGE);
	CHECK_EQ(vmbus_ring_put(&e.w, &pkt), VMBUS_RING_INVALID);
	pkt.desc_ext = NULL;
	pkt.desc_ext_len = 8;
	CHECK_EQ(vmbus_ring_put(&e.w, &pkt), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 1, big, sizeof(big)),
		 VMBUS_RING_TOO_BIG);
	CHECK_EQ(vmbus_packet_ring_bytes(0, VMBUS_PKT_MAX_LEN), 0);
	CHECK_EQ(vmbus_packet_ring_bytes(0, VMBUS_PKT_MAX_LEN - 16), VMBUS_PKT_MAX_LEN + 8);
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 1, big, 16 * PAGE),
		 VMBUS_RING_TOO_BIG);
	/* Nothing was written by the refusals. */
	CHECK_EQ(e.w.write_pos, 0);
}

TEST(gather_payload_from_iovecs)
{
	struct ends e;
	uint8_t a[3] = { 1, 2, 3 }, b[10], whole[13];
	struct vmbus_iovec iov[3] = { { a, 3 }, { NULL, 0 }, { b, 10 } };
	struct vmbus_packet_out pkt = {
		.type = VMBUS_PKT_DATA_INBAND, .trans_id = 9, .iov = iov, .iov_count = 3,
	};
	bool signal;

	ends_init(&e, SMALL_RING);
	fill_pattern(b, sizeof(b), 4);
	memcpy(whole, a, 3);
	memcpy(whole + 3, b, 10);
	CHECK_EQ(vmbus_ring_send(&e.w, &pkt, &signal), VMBUS_RING_OK);
	CHECK(signal);
	CHECK_EQ(e.data[4], (16 + 16) / 8);
	expect_inband(&e, 9, whole, 13);
}

TEST(read_too_small_buffer_leaves_packet)
{
	struct ends e;
	uint8_t buf[64], small[8];
	struct vmbus_packet_in pkt;
	uint32_t n;

	ends_init(&e, SMALL_RING);
	fill_pattern(buf, sizeof(buf), 5);
	send_inband(&e, 3, buf, 64);
	CHECK_EQ(vmbus_ring_read(&e.r, &pkt, small, sizeof(small), &n), VMBUS_RING_TOO_BIG);
	CHECK_EQ(n, 64);
	CHECK_EQ(pkt.trans_id, 3);
	expect_inband(&e, 3, buf, 64);
}

TEST(copy_and_view_stay_inside_packet)
{
	struct ends e;
	uint8_t buf[32];
	struct vmbus_packet_in pkt, forged;
	struct vmbus_span span[2];

	ends_init(&e, SMALL_RING);
	send_inband(&e, 3, buf, 32);
	CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_OK);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 0, buf, 16), VMBUS_RING_OK);
	CHECK_EQ(load64(buf + 8), 3);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 16, buf, 33), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 49, buf, 0), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 48, buf, 0), VMBUS_RING_OK);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 8, buf, UINT32_MAX), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_packet_view(&e.r, &pkt, 40, 9, span), 0);
	forged = pkt;
	forged.pos = SMALL_DATA;
	CHECK_EQ(vmbus_packet_copy(&e.r, &forged, 0, buf, 8), VMBUS_RING_INVALID);
}

TEST(completion_requested_and_completion)
{
	struct vmbus_ring_pair guest, host;
	struct vmbus_packet_in pkt;
	uint8_t req[24], comp[64], got[64];
	uint32_t n;
	bool signal;

	CHECK_EQ(vmbus_ring_pair_attach(&guest, VMBUS_SIDE_GUEST, ring_mem[1], 8, 4,
					VMBUS_RING_PAIR_FORMAT), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_pair_attach(&host, VMBUS_SIDE_HOST, ring_mem[1], 8, 4, 0), VMBUS_RING_OK);
	fill_pattern(req, sizeof(req), 6);
	fill_pattern(comp, sizeof(comp), 7);
	CHECK_EQ(vmbus_ring_put_inband(&guest.out, VMBUS_PKT_DATA_INBAND,
				       VMBUS_PKT_FLAG_COMPLETION_REQUESTED, 0xfeed, req, 24), VMBUS_RING_OK);
	CHECK(vmbus_ring_commit(&guest.out));
	CHECK_EQ(vmbus_ring_read(&host.in, &pkt, got, sizeof(got), &n), VMBUS_RING_OK);
	CHECK_EQ(pkt.flags, VMBUS_PKT_FLAG_COMPLETION_REQUESTED);
	CHECK_EQ(pkt.trans_id, 0xfeed);
	CHECK(memcmp(got, req, 24) == 0);
	CHECK_EQ(vmbus_ring_put_inband(&host.out, VMBUS_PKT_COMP, 0, pkt.trans_id, comp, 64),
		 VMBUS_RING_OK);
	CHECK(vmbus_ring_commit(&host.out));
	CHECK_EQ(vmbus_ring_read(&guest.in, &pkt, got, sizeof(got), &n), VMBUS_RING_OK);
	CHECK_EQ(pkt.type, VMBUS_PKT_COMP);
	CHECK_EQ(pkt.flags, 0);
	CHECK_EQ(pkt.trans_id, 0xfeed);
	CHECK_EQ(n, 64);
	CHECK(memcmp(got, comp, 64) == 0);
	(void)signal;
}

TEST(gpa_direct_roundtrip)
{
	struct ends e;
	const uint64_t pfns_a[3] = { 0x1000, 0x1001, 0x7777 };
	const uint64_t pfns_b[1] = { 0x42 };
	const struct vmbus_gpa_range_desc ranges[2] = {
		{ .byte_count = 8192, .byte_offset = 512, .pfn_count = 3, .pfns = pfns_a },
		{ .byte_count = 100, .byte_offset = 0, .pfn_count = 1, .pfns = pfns_b },
	};
	uint8_t ext[128], copy[128], payload[40];
	struct vmbus_gpa_direct_iter it;
	struct vmbus_gpa_range_desc got;
	struct vmbus_packet_in pkt;
	uint32_t ext_len, count;

	ends_init(&e, SMALL_RING);
	fill_pattern(payload, sizeof(payload), 8);
	CHECK_EQ(vmbus_gpa_direct_build(ext, sizeof(ext), ranges, 2, &ext_len), VMBUS_RING_OK);
	CHECK_EQ(ext_len, 8 + 8 + 24 + 8 + 8);
	CHECK_EQ(vmbus_gpa_direct_build(ext, ext_len - 1, ranges, 2, &ext_len), VMBUS_RING_TOO_BIG);
	{
		struct vmbus_iovec iov = { payload, sizeof(payload) };
		struct vmbus_packet_out out = {
			.type = VMBUS_PKT_DATA_USING_GPA_DIRECT,
			.flags = VMBUS_PKT_FLAG_COMPLETION_REQUESTED, .trans_id = 77,
			.desc_ext = ext, .desc_ext_len = ext_len, .iov = &iov, .iov_count = 1,
		};
		bool signal;

		CHECK_EQ(vmbus_ring_send(&e.w, &out, &signal), VMBUS_RING_OK);
	}
	/* Linux storvsc layout: offset8 = (16 + 8 + ranges) / 8, rangecount at 20. */
	CHECK_EQ(e.data[0], VMBUS_PKT_DATA_USING_GPA_DIRECT);
	CHECK_EQ(e.data[2], (16 + 56) / 8);
	CHECK_EQ(e.data[20], 2);
	CHECK_EQ(load64(e.data + 32), 0x1000);

	CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_OK);
	CHECK_EQ(pkt.type, VMBUS_PKT_DATA_USING_GPA_DIRECT);
	CHECK_EQ(vmbus_packet_desc_ext_len(&pkt), 56);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 16, copy, 56), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_parse(copy, 56, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(count, 2);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_OK);
	CHECK_EQ(got.byte_count, 8192);
	CHECK_EQ(got.byte_offset, 512);
	CHECK_EQ(got.pfn_count, 3);
	CHECK_EQ(vmbus_gpa_range_pfn(&got, 2), 0x7777);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_OK);
	CHECK_EQ(got.pfn_count, 1);
	CHECK_EQ(vmbus_gpa_range_pfn(&got, 0), 0x42);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_EMPTY);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, pkt.data_offset, copy, 40), VMBUS_RING_OK);
	CHECK(memcmp(copy, payload, 40) == 0);
}

TEST(gpa_direct_rejects_malformed)
{
	uint64_t buf[8] = { 0 };
	uint8_t *b = (uint8_t *)buf;
	struct vmbus_gpa_direct_iter it;
	struct vmbus_gpa_range_desc got;
	uint32_t count;
	const uint64_t pfn = 1;
	struct vmbus_gpa_range_desc bad = { .byte_count = 4096, .byte_offset = 1, .pfn_count = 1, .pfns = &pfn };

	CHECK_EQ(vmbus_gpa_direct_build(buf, sizeof(buf), &bad, 1, &count), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 4, &it, &count), VMBUS_RING_INVALID);
	/* Range count larger than the bytes could hold. */
	buf[0] = 4ull << 32;
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 64, &it, &count), VMBUS_RING_INVALID);
	/* Offset beyond the first page. */
	buf[0] = 1ull << 32;
	buf[1] = 4096ull << 32 | 10;
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 24, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_EMPTY);	/* walk stopped */
	/* Empty range. */
	buf[1] = 0;
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 24, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_INVALID);
	/* Needs two PFNs, has room for one. */
	buf[1] = 100ull << 32 | 4000;
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 24, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 32, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_OK);
	CHECK_EQ(got.pfn_count, 2);
	/* Byte count so large the page count would overflow 32 bits. */
	buf[1] = 4095ull << 32 | UINT32_MAX;
	CHECK_EQ(vmbus_gpa_direct_parse(buf, 64, &it, &count), VMBUS_RING_OK);
	CHECK_EQ(vmbus_gpa_direct_next(&it, &got), VMBUS_RING_INVALID);
	(void)b;
}

TEST(for_each_packet_iterates_in_order)
{
	struct ends e;
	struct vmbus_packet_in pkt;
	uint64_t next = 0;
	int st;

	ends_init(&e, SMALL_RING);
	for (uint64_t i = 0; i < 10; i++)
		vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, i, &i, sizeof(i));
	vmbus_ring_commit(&e.w);
	vmbus_ring_for_each_packet(&e.r, &pkt, st)
		CHECK_EQ(pkt.trans_id, next++);
	CHECK_EQ(st, VMBUS_RING_EMPTY);
	CHECK_EQ(next, 10);
}

/* ------------------------------------------------------------ signalling */

TEST(writer_signals_only_on_empty_to_nonempty)
{
	struct ends e;
	uint8_t buf[16] = { 0 };

	ends_init(&e, SMALL_RING);
	CHECK(send_inband(&e, 1, buf, 16));		/* empty before: signal */
	CHECK(!send_inband(&e, 2, buf, 16));		/* reader has not caught up */
	expect_inband(&e, 1, buf, 16);
	vmbus_ring_read_done(&e.r);
	CHECK(!send_inband(&e, 3, buf, 16));		/* packet 2 still unread */
	expect_inband(&e, 2, buf, 16);
	expect_inband(&e, 3, buf, 16);
	/* Consumed but not published: the writer still sees data, no signal. */
	CHECK(!send_inband(&e, 4, buf, 16));
	vmbus_ring_read_done(&e.r);
	expect_inband(&e, 4, buf, 16);
	vmbus_ring_read_done(&e.r);
	CHECK(send_inband(&e, 5, buf, 16));		/* caught up again: signal */
}

TEST(writer_respects_interrupt_mask)
{
	struct ends e;
	uint8_t buf[16] = { 0 };
	bool signal;

	ends_init(&e, SMALL_RING);
	vmbus_ring_begin_batch(&e.r);
	CHECK_EQ(e.hdr->interrupt_mask, 1);
	CHECK(!send_inband(&e, 1, buf, 16));		/* reader is draining: no signal */
	expect_inband(&e, 1, buf, 16);
	CHECK(!vmbus_ring_end_batch(&e.r, &signal));	/* drained, nothing new */
	CHECK_EQ(e.hdr->interrupt_mask, 0);
	CHECK_EQ(e.hdr->read_index, e.hdr->write_index);
	CHECK(send_inband(&e, 2, buf, 16));		/* unmasked and empty: signal */
}

TEST(reader_end_batch_catches_unsignalled_data)
{
	struct ends e;
	uint8_t buf[16] = { 0 };
	bool signal;

	ends_init(&e, SMALL_RING);
	vmbus_ring_begin_batch(&e.r);
	CHECK(!send_inband(&e, 1, buf, 16));
	expect_inband(&e, 1, buf, 16);
	CHECK_EQ(vmbus_ring_peek(&e.r, &(struct vmbus_packet_in){ 0 }), VMBUS_RING_EMPTY);
	/* A packet lands after our last look but while still masked. */
	CHECK(!send_inband(&e, 2, buf, 16));
	CHECK(vmbus_ring_end_batch(&e.r, &signal));	/* must tell us to keep reading */
	expect_inband(&e, 2, buf, 16);
}

TEST(writer_batches_many_packets_per_signal)
{
	struct ends e;
	uint8_t buf[16] = { 0 };
	int signals = 0;

	ends_init(&e, SMALL_RING);
	for (int batch = 0; batch < 5; batch++) {
		for (int i = 0; i < 8; i++)
			CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, i, buf, 16),
				 VMBUS_RING_OK);
		CHECK_EQ(e.hdr->write_index, e.w.published_write);	/* nothing published yet */
		signals += vmbus_ring_commit(&e.w);
		CHECK(!vmbus_ring_commit(&e.w));			/* nothing new */
		for (int i = 0; i < 8; i++)
			expect_inband(&e, i, buf, 16);
		vmbus_ring_read_done(&e.r);
	}
	CHECK_EQ(signals, 5);
}

/* Fills the ring with 1 KiB packets; returns how many fit. */
static int fill_ring(struct ends *e, uint8_t *buf)
{
	int n = 0;

	while (vmbus_ring_put_inband(&e->w, VMBUS_PKT_DATA_INBAND, 0, n, buf, 1000) == VMBUS_RING_OK)
		n++;
	vmbus_ring_commit(&e->w);
	return n;
}

TEST(reader_signals_blocked_writer_once)
{
	struct ends e;
	static uint8_t buf[1024];
	uint32_t need = vmbus_packet_ring_bytes(0, 1000);
	bool signal;
	int n;

	ends_init(&e, 4 * PAGE);		/* 12 KiB data: 11 packets of 1024 ring bytes */
	n = fill_ring(&e, buf);
	CHECK_EQ(n, 11);
	CHECK_EQ(vmbus_ring_request_space(&e.w, 2 * need, &signal), VMBUS_RING_FULL);
	CHECK_EQ(e.hdr->pending_send_sz, 2 * need);
	/* Free 1024 -> 2048: still not more than 2048, no signal. */
	expect_inband(&e, 0, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));
	/* 2048 -> 3072: crosses the threshold, signal. */
	expect_inband(&e, 1, buf, 1000);
	CHECK(vmbus_ring_read_done(&e.r));
	/* Already above: no second signal. */
	expect_inband(&e, 2, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));
	/* The writer's next put succeeds and withdraws its request. */
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 99, buf, 1000), VMBUS_RING_OK);
	CHECK_EQ(e.hdr->pending_send_sz, 0);
}

TEST(reader_signal_needs_feature_bit_and_request)
{
	struct ends e;
	static uint8_t buf[1024];
	uint32_t need = vmbus_packet_ring_bytes(0, 1000);
	bool signal;

	ends_init(&e, 4 * PAGE);
	fill_ring(&e, buf);
	expect_inband(&e, 0, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));		/* nobody waiting */
	fill_ring(&e, buf);
	CHECK_EQ(vmbus_ring_request_space(&e.w, need, &signal), VMBUS_RING_FULL);
	e.hdr->feature_bits = 0;			/* writer never promised */
	expect_inband(&e, 1, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));
	e.hdr->feature_bits = VMBUS_RING_FEAT_PENDING_SEND_SZ;
	expect_inband(&e, 2, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));		/* was already above the threshold */
}

TEST(request_space_sees_space_already_freed)
{
	struct ends e;
	static uint8_t buf[1024];
	uint32_t need = vmbus_packet_ring_bytes(0, 1000);
	bool signal;

	ends_init(&e, 4 * PAGE);
	fill_ring(&e, buf);
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 11, buf, 1000), VMBUS_RING_FULL);
	expect_inband(&e, 0, buf, 1000);
	CHECK(!vmbus_ring_read_done(&e.r));		/* no request yet, no signal */
	CHECK_EQ(vmbus_ring_request_space(&e.w, need, &signal), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, 11, buf, 1000), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_request_space(&e.w, SMALL_DATA * 4, &signal), VMBUS_RING_TOO_BIG);
}

TEST(request_space_publishes_uncommitted_packets)
{
	struct ends e;
	static uint8_t buf[1024];
	bool signal;
	int n = 0;

	ends_init(&e, 4 * PAGE);
	while (vmbus_ring_put_inband(&e.w, VMBUS_PKT_DATA_INBAND, 0, n, buf, 1000) == VMBUS_RING_OK)
		n++;
	CHECK_EQ(e.hdr->write_index, 0);
	CHECK_EQ(vmbus_ring_request_space(&e.w, 1032, &signal), VMBUS_RING_FULL);
	CHECK(signal);					/* the reader was idle on an empty ring */
	CHECK_EQ(e.hdr->write_index, e.w.write_pos);
}

/* ------------------------------------------------------------ hostile writer (reader side) */

static void expect_reader_broken(struct ends *e, enum vmbus_ring_fault fault)
{
	struct vmbus_packet_in pkt;
	bool signal;

	CHECK_EQ(vmbus_ring_peek(&e->r, &pkt), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_reader_fault(&e->r), fault);
	/* Sticky, and nothing claims progress or silence. */
	CHECK_EQ(vmbus_ring_peek(&e->r, &pkt), VMBUS_RING_BROKEN);
	CHECK(!vmbus_ring_read_done(&e->r));
	CHECK(vmbus_ring_end_batch(&e->r, &signal));
	CHECK_EQ(vmbus_ring_reader_avail(&e->r), 0);
}

TEST(hostile_write_index_out_of_range)
{
	struct ends e;

	ends_init(&e, SMALL_RING);
	e.hdr->write_index = SMALL_DATA;
	expect_reader_broken(&e, VMBUS_FAULT_INDEX_RANGE);
	ends_init(&e, SMALL_RING);
	e.hdr->write_index = UINT32_MAX - 7;
	expect_reader_broken(&e, VMBUS_FAULT_INDEX_RANGE);
}

TEST(hostile_write_index_misaligned)
{
	struct ends e;

	ends_init(&e, SMALL_RING);
	e.hdr->write_index = 28;
	expect_reader_broken(&e, VMBUS_FAULT_INDEX_ALIGN);
}

TEST(hostile_write_index_moves_back)
{
	struct ends e;
	uint8_t buf[64] = { 0 };

	ends_init(&e, SMALL_RING);
	send_inband(&e, 1, buf, 64);
	send_inband(&e, 2, buf, 64);
	expect_inband(&e, 1, buf, 64);
	CHECK_EQ(vmbus_ring_peek(&e.r, &(struct vmbus_packet_in){ 0 }), VMBUS_RING_OK);
	vmbus_ring_consume(&e.r);
	/* The writer retracts packet 2, which we already saw published. */
	e.hdr->write_index = 88;
	expect_reader_broken(&e, VMBUS_FAULT_INDEX_ORDER);
}

TEST(hostile_write_index_overruns_unreleased_space)
{
	struct ends e;
	uint8_t buf[64] = { 0 };

	ends_init(&e, SMALL_RING);
	send_inband(&e, 1, buf, 64);
	expect_inband(&e, 1, buf, 64);
	/* Consumed but not released: the writer may not reach 0 again (that would
	 * mean writing over bytes it was never given back, and "full" == "empty"). */
	e.hdr->write_index = 0;
	expect_reader_broken(&e, VMBUS_FAULT_INDEX_ORDER);
}

/* Publishes a forged descriptor at the read position. */
static void forge(struct ends *e, uint16_t type, uint16_t offset8, uint16_t len8, uint32_t publish)
{
	uint64_t word0 = type | (uint64_t)offset8 << 16 | (uint64_t)len8 << 32;

	memcpy(e->data, &word0, 8);
	memset(e->data + 8, 0, 8);
	e->hdr->write_index = publish;
}

TEST(hostile_packet_lengths)
{
	struct ends e;

	ends_init(&e, SMALL_RING);
	forge(&e, 6, 2, 1, 64);			/* len below the descriptor */
	expect_reader_broken(&e, VMBUS_FAULT_PACKET_LEN);
	ends_init(&e, SMALL_RING);
	forge(&e, 6, 2, 8, 64);			/* 64 + trailer > 64 published */
	expect_reader_broken(&e, VMBUS_FAULT_PACKET_LEN);
	ends_init(&e, SMALL_RING);
	forge(&e, 6, 2, 0xffff, 64);
	expect_reader_broken(&e, VMBUS_FAULT_PACKET_LEN);
	ends_init(&e, SMALL_RING);
	forge(&e, 6, 2, 2, 16);			/* fewer bytes than any packet */
	expect_reader_broken(&e, VMBUS_FAULT_TRUNCATED);
}

TEST(hostile_packet_offsets)
{
	struct ends e;

	ends_init(&e, SMALL_RING);
	forge(&e, 6, 1, 4, 40);			/* data inside the descriptor */
	expect_reader_broken(&e, VMBUS_FAULT_PACKET_OFFSET);
	ends_init(&e, SMALL_RING);
	forge(&e, 6, 5, 4, 40);			/* data beyond the packet */
	expect_reader_broken(&e, VMBUS_FAULT_PACKET_OFFSET);
	ends_init(&e, SMALL_RING);
	forge(&e, 6, 4, 4, 40);			/* empty payload: fine */
	CHECK_EQ(vmbus_ring_peek(&e.r, &(struct vmbus_packet_in){ 0 }), VMBUS_RING_OK);
}

TEST(hostile_packet_checked_once)
{
	struct ends e;
	uint8_t buf[64] = { 0 };
	struct vmbus_packet_in pkt;

	ends_init(&e, SMALL_RING);
	send_inband(&e, 1, buf, 64);
	CHECK_EQ(vmbus_ring_peek(&e.r, &pkt), VMBUS_RING_OK);
	/* The writer rewrites len8 after our check: our copy still rules. */
	e.data[4] = 0xff;
	e.data[5] = 0xff;
	CHECK_EQ(pkt.len, 80);
	CHECK_EQ(vmbus_packet_copy(&e.r, &pkt, 16, buf, 65), VMBUS_RING_INVALID);
	vmbus_ring_consume(&e.r);
	CHECK_EQ(e.r.read_pos, 88);
}

/* ------------------------------------------------------------ hostile reader (writer side) */

static void expect_writer_broken(struct ends *e, enum vmbus_ring_fault fault)
{
	static uint8_t buf[2048];
	bool signal;

	/* Large enough that the cached free space is not enough: forces a look. */
	CHECK_EQ(vmbus_ring_put_inband(&e->w, VMBUS_PKT_DATA_INBAND, 0, 1, buf, 2048), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_writer_fault(&e->w), fault);
	CHECK_EQ(vmbus_ring_put_inband(&e->w, VMBUS_PKT_DATA_INBAND, 0, 1, buf, 8), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_request_space(&e->w, 64, &signal), VMBUS_RING_BROKEN);
	CHECK(!vmbus_ring_commit(&e->w));
}

TEST(hostile_read_index)
{
	struct ends e;
	static uint8_t buf[2048];

	ends_init(&e, SMALL_RING);
	send_inband(&e, 0, buf, 2048);
	e.hdr->read_index = SMALL_DATA + 8;
	expect_writer_broken(&e, VMBUS_FAULT_INDEX_RANGE);

	ends_init(&e, SMALL_RING);
	send_inband(&e, 0, buf, 2048);
	e.hdr->read_index = 4;
	expect_writer_broken(&e, VMBUS_FAULT_INDEX_ALIGN);

	/* Claims to have read beyond what we published. */
	ends_init(&e, SMALL_RING);
	send_inband(&e, 0, buf, 2048);
	e.hdr->read_index = 2048 + 24 + 8;
	expect_writer_broken(&e, VMBUS_FAULT_INDEX_ORDER);
}

/* ------------------------------------------------------------ ring pairs from a GPADL */

TEST(gpadl_layout_checks_offset)
{
	struct vmbus_gpadl_rings rings;

	CHECK_EQ(vmbus_gpadl_ring_layout(8, 3, &rings), VMBUS_RING_OK);
	CHECK_EQ(rings.g2h_first, 0);
	CHECK_EQ(rings.g2h_pages, 3);
	CHECK_EQ(rings.h2g_first, 3);
	CHECK_EQ(rings.h2g_pages, 5);
	CHECK_EQ(vmbus_gpadl_ring_layout(8, 1, &rings), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpadl_ring_layout(8, 7, &rings), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpadl_ring_layout(8, 9, &rings), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpadl_ring_layout(UINT32_MAX, UINT32_MAX - 2, &rings), VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_gpadl_ring_layout(3, 2, &rings), VMBUS_RING_INVALID);
}

/* Maps "PFNs" as page numbers within ring_mem[1]; fails for PFNs out of order. */
static void *test_map(void *ctx, const uint64_t *pfns, uint32_t count)
{
	int *calls = ctx;

	(*calls)++;
	for (uint32_t i = 1; i < count; i++)
		if (pfns[i] != pfns[0] + i)
			return NULL;
	return ring_mem[1] + pfns[0] * PAGE;
}

TEST(ring_pair_from_pfns_both_directions)
{
	struct vmbus_ring_pair guest, host;
	struct vmbus_page_mapper mapper;
	/* Rings not adjacent locally: pages 0-2 and 10-13. */
	const uint64_t pfns[7] = { 0, 1, 2, 10, 11, 12, 13 };
	const uint64_t broken_pfns[7] = { 0, 2, 1, 10, 11, 12, 13 };
	struct vmbus_packet_in pkt;
	uint8_t buf[16];
	uint32_t n;
	int calls = 0;

	mapper.map = test_map;
	mapper.ctx = &calls;
	CHECK_EQ(vmbus_ring_pair_attach_pfns(&guest, VMBUS_SIDE_GUEST, pfns, 7, 3, &mapper,
					     VMBUS_RING_PAIR_FORMAT), VMBUS_RING_OK);
	CHECK_EQ(vmbus_ring_pair_attach_pfns(&host, VMBUS_SIDE_HOST, pfns, 7, 3, &mapper, 0),
		 VMBUS_RING_OK);
	CHECK_EQ(calls, 4);
	CHECK_EQ(guest.out.ring.size, 2 * PAGE);
	CHECK_EQ(guest.in.ring.size, 3 * PAGE);
	CHECK(guest.out.ring.hdr == host.in.ring.hdr);
	CHECK(guest.in.ring.hdr == (void *)(ring_mem[1] + 10 * PAGE));

	vmbus_ring_put_inband(&guest.out, VMBUS_PKT_DATA_INBAND, 0, 1, "to host", 8);
	vmbus_ring_commit(&guest.out);
	vmbus_ring_put_inband(&host.out, VMBUS_PKT_DATA_INBAND, 0, 2, "to guest", 8);
	vmbus_ring_commit(&host.out);
	CHECK_EQ(vmbus_ring_read(&host.in, &pkt, buf, sizeof(buf), &n), VMBUS_RING_OK);
	CHECK_EQ(pkt.trans_id, 1);
	CHECK(memcmp(buf, "to host", 8) == 0);
	CHECK_EQ(vmbus_ring_read(&guest.in, &pkt, buf, sizeof(buf), &n), VMBUS_RING_OK);
	CHECK_EQ(pkt.trans_id, 2);
	CHECK(memcmp(buf, "to guest", 8) == 0);

	CHECK_EQ(vmbus_ring_pair_fault(&host), VMBUS_FAULT_NONE);
	/* The guest corrupts the index of the ring we read: the channel is broken. */
	guest.out.ring.hdr->write_index = 3;
	CHECK_EQ(vmbus_ring_peek(&host.in, &pkt), VMBUS_RING_BROKEN);
	CHECK_EQ(vmbus_ring_pair_fault(&host), VMBUS_FAULT_INDEX_ALIGN);

	CHECK_EQ(vmbus_ring_pair_attach_pfns(&host, VMBUS_SIDE_HOST, broken_pfns, 7, 3, &mapper, 0),
		 VMBUS_RING_INVALID);
	CHECK_EQ(vmbus_ring_pair_attach_pfns(&host, VMBUS_SIDE_HOST, pfns, 7, 6, &mapper, 0),
		 VMBUS_RING_INVALID);
}

TEST(fault_names_cover_every_fault)
{
	for (int f = VMBUS_FAULT_NONE; f <= VMBUS_FAULT_ATTACH; f++)
		CHECK(strcmp(vmbus_ring_fault_name((enum vmbus_ring_fault)f), "unknown") != 0);
}

/* Built twice, once per copy routine; each build reports under its own suite. */
#ifdef VMBUS_RING_USE_MEMCPY
#define SUITE	"vmbus_ring"
#else
#define SUITE	"vmbus_ring_rawcopy"
#endif

int main(int argc, char **argv)
{
	return test_main_args(SUITE, argc, argv);
}
