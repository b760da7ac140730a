/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VMBus ring buffer wire format: ring header page, packet descriptors, GPA ranges.
 *
 * Every layout here is shared memory read by stock Linux guests (hv_vmbus), so
 * it must match Linux bit for bit. Sources:
 *   [LNX-H]  Linux 6.1 include/linux/hyperv.h: struct hv_ring_buffer,
 *            struct vmpacket_descriptor, enum vmbus_packet_type,
 *            struct vmbus_packet_mpb_array, struct hv_page_buffer
 *   [LNX-RB] Linux 6.1 drivers/hv/ring_buffer.c: VMBUS_PKT_TRAILER,
 *            hv_ringbuffer_write(), hv_pkt_iter_close()
 *   [LNX-CH] Linux 6.1 drivers/hv/channel.c: __vmbus_open() (ring pair in one GPADL)
 *   [REF-7]  ../shared/reference/hyperv-guest-interface.md, sections 6.5, 6.6, 7
 * All integers are little-endian; every structure is naturally aligned, so no
 * packing attribute is needed, and the asserts below prove there is no padding.
 * Dual-licensed like the other ABI headers, so any guest OS can include it;
 * usable from the core, the root's kernel module, user space and guests.
 */
#ifndef BULKHEAD_ABI_VMBUS_RING_H
#define BULKHEAD_ABI_VMBUS_RING_H

#ifdef __KERNEL__
#include <linux/stddef.h>
#include <linux/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

/* The Hyper-V page (HV_HYP_PAGE_SIZE), the unit of GPADLs and ring sizes. [LNX-H] */
#define VMBUS_PAGE_SIZE		4096u
#define VMBUS_PAGE_SHIFT	12u

/*
 * Ring header page: the first page of each ring; the data area follows it and
 * is (ring bytes - VMBUS_PAGE_SIZE) long. Indices are byte offsets into the
 * data area. [LNX-H struct hv_ring_buffer, REF-7.1]
 */
struct vmbus_ring_header {
	uint32_t write_index;		/* written only by the producer */
	uint32_t read_index;		/* written only by the consumer */
	uint32_t interrupt_mask;	/* consumer: "draining, do not signal me" */
	uint32_t pending_send_sz;	/* producer: "signal me when more than this is free" */
	uint32_t reserved1[12];
	uint32_t feature_bits;		/* VMBUS_RING_FEAT_* */
	uint8_t reserved2[VMBUS_PAGE_SIZE - 68];
};

/*
 * Set by a ring's producer: it will set pending_send_sz when blocked and
 * expects the consumer to signal it. Linux sets it on both rings at open.
 * [LNX-H feat_pending_send_sz]
 */
#define VMBUS_RING_FEAT_PENDING_SEND_SZ	(1u << 0)

_Static_assert(sizeof(struct vmbus_ring_header) == VMBUS_PAGE_SIZE, "ring header is one page");
_Static_assert(offsetof(struct vmbus_ring_header, write_index) == 0, "write_index @0");
_Static_assert(offsetof(struct vmbus_ring_header, read_index) == 4, "read_index @4");
_Static_assert(offsetof(struct vmbus_ring_header, interrupt_mask) == 8, "interrupt_mask @8");
_Static_assert(offsetof(struct vmbus_ring_header, pending_send_sz) == 12, "pending_send_sz @12");
_Static_assert(offsetof(struct vmbus_ring_header, reserved1) == 16, "reserved1 @16");
_Static_assert(offsetof(struct vmbus_ring_header, feature_bits) == 64, "feature_bits @64");
_Static_assert(offsetof(struct vmbus_ring_header, reserved2) == 68, "padding @68");

/* Packet types. [LNX-H enum vmbus_packet_type] */
enum vmbus_packet_type {
	VMBUS_PKT_INVALID			= 0x0,
	VMBUS_PKT_SYNCH				= 0x1,
	VMBUS_PKT_ADD_XFER_PAGESET		= 0x2,
	VMBUS_PKT_RM_XFER_PAGESET		= 0x3,
	VMBUS_PKT_ESTABLISH_GPADL		= 0x4,
	VMBUS_PKT_TEARDOWN_GPADL		= 0x5,
	VMBUS_PKT_DATA_INBAND			= 0x6,
	VMBUS_PKT_DATA_USING_XFER_PAGES		= 0x7,
	VMBUS_PKT_DATA_USING_GPADL		= 0x8,
	VMBUS_PKT_DATA_USING_GPA_DIRECT		= 0x9,
	VMBUS_PKT_CANCEL_REQUEST		= 0xa,
	VMBUS_PKT_COMP				= 0xb,
	VMBUS_PKT_DATA_USING_ADDITIONAL_PKT	= 0xc,
	VMBUS_PKT_ADDITIONAL_DATA		= 0xd,
};

/* Descriptor flag: the sender wants a VMBUS_PKT_COMP echoing trans_id. [LNX-H] */
#define VMBUS_PKT_FLAG_COMPLETION_REQUESTED	0x1u

/*
 * Common packet descriptor, at the start of every packet. offset8 (start of
 * the payload) and len8 (whole packet, without the trailer) count 8-byte units
 * from the start of the descriptor. [LNX-H struct vmpacket_descriptor, REF-7.2]
 */
struct vmbus_packet_desc {
	uint16_t type;		/* enum vmbus_packet_type */
	uint16_t offset8;
	uint16_t len8;
	uint16_t flags;		/* VMBUS_PKT_FLAG_* */
	uint64_t trans_id;
};

_Static_assert(sizeof(struct vmbus_packet_desc) == 16, "packet descriptor is 16 bytes");
_Static_assert(offsetof(struct vmbus_packet_desc, type) == 0, "type @0");
_Static_assert(offsetof(struct vmbus_packet_desc, offset8) == 2, "offset8 @2");
_Static_assert(offsetof(struct vmbus_packet_desc, len8) == 4, "len8 @4");
_Static_assert(offsetof(struct vmbus_packet_desc, flags) == 6, "flags @6");
_Static_assert(offsetof(struct vmbus_packet_desc, trans_id) == 8, "trans_id @8");

/* Packets start on, and are padded to, this boundary. [LNX-H VMBUS_PKT_ALIGN] */
#define VMBUS_PKT_ALIGN		8u

/*
 * Every packet is followed by an 8-byte trailer, not counted in len8. Linux
 * writes the ring offset where the packet starts in the upper 32 bits
 * ("prev_indices") and no reader uses it. [LNX-RB VMBUS_PKT_TRAILER]
 */
#define VMBUS_PKT_TRAILER_SIZE		8u
#define VMBUS_PKT_TRAILER_START_SHIFT	32u

/* len8 and offset8 are 16-bit counts of 8-byte units. */
#define VMBUS_PKT_MAX_LEN	(0xffffu * VMBUS_PKT_ALIGN)

/*
 * GPA-direct packet (VMBUS_PKT_DATA_USING_GPA_DIRECT): the descriptor is
 * followed by this header and range_count ranges, then the payload at
 * offset8. [LNX-H struct vmbus_packet_mpb_array, REF-7.2]
 */
struct vmbus_gpa_direct_header {
	uint32_t reserved;
	uint32_t range_count;
};

_Static_assert(sizeof(struct vmbus_gpa_direct_header) == 8, "GPA-direct header is 8 bytes");
_Static_assert(offsetof(struct vmbus_gpa_direct_header, range_count) == 4, "range_count @4");

/*
 * One GPA range: byte_count bytes starting byte_offset into the first page,
 * followed by ceil((byte_offset + byte_count) / VMBUS_PAGE_SIZE) 64-bit page
 * frame numbers. Ranges are packed back to back. [LNX-H struct hv_mpb_array,
 * struct hv_page_buffer (one PFN), REF-7.2]
 */
struct vmbus_gpa_range {
	uint32_t byte_count;
	uint32_t byte_offset;
	/* uint64_t pfn[]; */
};

_Static_assert(sizeof(struct vmbus_gpa_range) == 8, "GPA range header is 8 bytes");
_Static_assert(offsetof(struct vmbus_gpa_range, byte_offset) == 4, "byte_offset @4");

/*
 * Transfer-page packet (VMBUS_PKT_DATA_USING_XFER_PAGES): header, then
 * range_count {byte_count, byte_offset} ranges into the transfer page set.
 * [LNX-H struct vmtransfer_page_packet_header, REF-7.2]
 */
struct vmbus_xfer_page_header {
	uint16_t xfer_pageset_id;
	uint8_t sender_owns_set;
	uint8_t reserved;
	uint32_t range_count;
};

struct vmbus_xfer_page_range {
	uint32_t byte_count;
	uint32_t byte_offset;
};

_Static_assert(sizeof(struct vmbus_xfer_page_header) == 8, "xfer-page header is 8 bytes");
_Static_assert(offsetof(struct vmbus_xfer_page_header, sender_owns_set) == 2, "sender_owns_set @2");
_Static_assert(offsetof(struct vmbus_xfer_page_header, range_count) == 4, "range_count @4");
_Static_assert(sizeof(struct vmbus_xfer_page_range) == 8, "xfer-page range is 8 bytes");

/*
 * A channel's ring pair is one GPADL: pages [0, downstream_ringbuffer_pageoffset)
 * are the guest-to-host ring, the remaining pages the host-to-guest ring, each
 * starting with its header page. [LNX-CH __vmbus_open, REF-6.6]
 * Each ring needs its header page and at least one data page.
 */
#define VMBUS_RING_MIN_PAGES	2u

#endif
