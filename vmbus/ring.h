/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus ring transport: one producer and one consumer per ring, Linux layout.
 *
 * The same code runs on both ends of a channel (root VSPs in user space, our
 * freestanding guest code), and the peer may instead be Linux's hv_vmbus. The
 * peer is untrusted: everything it can write (its index, packet descriptors,
 * flags) is read once, checked, and only then used. A check that fails puts
 * that ring into a sticky broken state: every later call returns
 * VMBUS_RING_BROKEN and vmbus_ring_*_fault() names the first fault.
 *
 * No allocation, no locks, no libc. A writer and a reader are each meant for
 * one thread at a time; serialise concurrent senders outside.
 *
 * Writing:   vmbus_ring_put() ... vmbus_ring_put(), then vmbus_ring_commit()
 *            publishes the batch and says whether to signal the reader.
 * Reading:   vmbus_ring_peek() / vmbus_ring_read() / vmbus_ring_consume() per
 *            packet, then vmbus_ring_read_done() publishes the space freed and
 *            says whether to signal the writer.
 * Sleeping:  see vmbus_ring_end_batch() (reader) and vmbus_ring_request_space()
 *            (writer); both close the race with the peer's signal decision.
 */
#ifndef BULKHEAD_VMBUS_RING_H
#define BULKHEAD_VMBUS_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bulkhead/vmbus_ring.h>

/* Results. Zero is success; the rest are positive so callers can switch on them. */
enum vmbus_ring_status {
	VMBUS_RING_OK = 0,
	VMBUS_RING_EMPTY,	/* reader: no packet available */
	VMBUS_RING_FULL,	/* writer: not enough free space right now */
	VMBUS_RING_TOO_BIG,	/* packet can never fit, or caller's buffer too small */
	VMBUS_RING_INVALID,	/* bad argument from the local caller (not the peer) */
	VMBUS_RING_BROKEN,	/* the peer corrupted the ring; the ring is dead */
};

/* Why a ring broke: the first inconsistency seen in what the peer wrote. */
enum vmbus_ring_fault {
	VMBUS_FAULT_NONE = 0,
	VMBUS_FAULT_INDEX_RANGE,	/* peer's index >= data size */
	VMBUS_FAULT_INDEX_ALIGN,	/* peer's index not 8-byte aligned */
	VMBUS_FAULT_INDEX_ORDER,	/* peer's index moved back, or past the space it may take */
	VMBUS_FAULT_TRUNCATED,		/* published bytes shorter than one packet */
	VMBUS_FAULT_PACKET_LEN,		/* len8 below the descriptor or beyond the published bytes */
	VMBUS_FAULT_PACKET_OFFSET,	/* offset8 below the descriptor or beyond len8 */
	VMBUS_FAULT_ATTACH,		/* header indices invalid when attaching */
};

const char *vmbus_ring_fault_name(enum vmbus_ring_fault fault);

/* A ring as mapped locally: header page and the data area right behind it. */
struct vmbus_ring_view {
	struct vmbus_ring_header *hdr;
	uint8_t *data;
	uint32_t size;			/* data area bytes */
};

struct vmbus_ring_writer {
	struct vmbus_ring_view ring;
	uint32_t write_pos;		/* next byte we write; runs ahead of the published index */
	uint32_t published_write;	/* last value stored to hdr->write_index */
	uint32_t seen_read;		/* last validated hdr->read_index */
	bool pending_set;		/* we stored a non-zero pending_send_sz */
	enum vmbus_ring_fault fault;
};

struct vmbus_ring_reader {
	struct vmbus_ring_view ring;
	uint32_t read_pos;		/* start of the next packet; runs ahead of the published index */
	uint32_t published_read;	/* last value stored to hdr->read_index */
	uint32_t seen_write;		/* last validated hdr->write_index */
	uint32_t cur_len;		/* ring bytes of the packet last peeked, 0 if none */
	enum vmbus_ring_fault fault;
};

/* Ring geometry limits: whole pages, header plus at least one data page, and
 * small enough that index arithmetic in uint32_t never overflows. */
#define VMBUS_RING_MAX_BYTES	(1u << 30)

/*
 * Formats a ring in memory we own (the side that allocates the ring, i.e. the
 * guest, before describing it in a GPADL): indices, mask and pending size 0,
 * feature_bits = pending-send-size supported, as Linux's hv_ringbuffer_init().
 * Returns VMBUS_RING_INVALID if ring_bytes is not a valid ring size.
 */
int vmbus_ring_format(void *ring, uint32_t ring_bytes);

/*
 * Attach a writer / reader to a ring mapped at `ring` (header page first,
 * `ring_bytes` long, contiguous). The current indices are read once and
 * checked; the writer also sets VMBUS_RING_FEAT_PENDING_SEND_SZ, promising to
 * use pending_send_sz. Returns OK, INVALID (bad size or alignment) or BROKEN
 * (indices out of range; fault VMBUS_FAULT_ATTACH).
 */
int vmbus_ring_writer_attach(struct vmbus_ring_writer *w, void *ring, uint32_t ring_bytes);
int vmbus_ring_reader_attach(struct vmbus_ring_reader *r, void *ring, uint32_t ring_bytes);

/* ---------------------------------------------------------------- writing */

/* A piece of payload. */
struct vmbus_iovec {
	const void *base;
	uint32_t len;
};

/* A packet to send. desc_ext is the type-specific descriptor that follows the
 * common one (GPA ranges, transfer-page ranges; a multiple of 8 bytes, may be
 * empty); the payload is gathered from iov and padded with zeros to 8 bytes. */
struct vmbus_packet_out {
	uint16_t type;			/* enum vmbus_packet_type */
	uint16_t flags;			/* VMBUS_PKT_FLAG_* */
	uint64_t trans_id;
	const void *desc_ext;
	uint32_t desc_ext_len;
	const struct vmbus_iovec *iov;
	uint32_t iov_count;
};

/* Ring bytes a packet occupies: descriptor, extension, padded payload, trailer.
 * Returns 0 if it cannot be expressed in len8 (too big for any ring). */
uint32_t vmbus_packet_ring_bytes(uint32_t desc_ext_len, uint32_t payload_len);

/*
 * Copies one packet into the ring behind the last one, without publishing it.
 * Returns OK; FULL (nothing written; see vmbus_ring_request_space());
 * TOO_BIG (can never fit this ring); INVALID (desc_ext_len not a multiple of
 * 8); BROKEN (the reader's index is corrupt). A successful put clears a
 * pending_send_sz this writer set.
 */
int vmbus_ring_put(struct vmbus_ring_writer *w, const struct vmbus_packet_out *pkt);

/* Shorthand for a VMBUS_PKT_DATA_INBAND (or other descriptor-only type) packet. */
int vmbus_ring_put_inband(struct vmbus_ring_writer *w, uint16_t type, uint16_t flags,
			  uint64_t trans_id, const void *data, uint32_t len);

/*
 * Publishes everything put since the last commit. Returns true when the reader
 * must be signalled: it had not masked interrupts and the ring was empty
 * before this batch (Linux hv_signal_on_write()). A batch of any size needs at
 * most one signal. A commit with nothing put returns false.
 */
bool vmbus_ring_commit(struct vmbus_ring_writer *w);

/* put + commit: *signal receives the commit's answer (false if nothing sent). */
int vmbus_ring_send(struct vmbus_ring_writer *w, const struct vmbus_packet_out *pkt,
		    bool *signal);

/*
 * After VMBUS_RING_FULL, before sleeping: asks the reader to signal once more
 * than `ring_bytes` (vmbus_packet_ring_bytes() of the blocked packet) are free,
 * then re-checks. Returns OK if the space is there now (retry the put; no
 * signal will come), FULL if the caller may sleep until signalled, TOO_BIG if
 * it can never fit, BROKEN if the reader's index is corrupt. Uncommitted puts
 * are committed first, because a reader cannot free space it was never shown.
 * *signal tells whether that commit needs a signal to the reader.
 */
int vmbus_ring_request_space(struct vmbus_ring_writer *w, uint32_t ring_bytes, bool *signal);

/* Free bytes for new packets as of the last read index seen (no shared access). */
uint32_t vmbus_ring_writer_free(const struct vmbus_ring_writer *w);

enum vmbus_ring_fault vmbus_ring_writer_fault(const struct vmbus_ring_writer *w);

/* ---------------------------------------------------------------- reading */

/* A received packet: its descriptor as copied (and checked) once. Offsets are
 * from the start of the packet. */
struct vmbus_packet_in {
	uint16_t type;
	uint16_t flags;
	uint64_t trans_id;
	uint32_t data_offset;		/* offset8 * 8, >= 16 */
	uint32_t len;			/* len8 * 8, whole packet without trailer */
	uint32_t pos;			/* ring offset of the packet (reader-private) */
};

static inline uint32_t vmbus_packet_data_len(const struct vmbus_packet_in *p)
{
	return p->len - p->data_offset;
}

/* Bytes of type-specific descriptor between the common descriptor and the payload. */
static inline uint32_t vmbus_packet_desc_ext_len(const struct vmbus_packet_in *p)
{
	return p->data_offset - (uint32_t)sizeof(struct vmbus_packet_desc);
}

/*
 * Describes the next unconsumed packet without consuming it. Reads the
 * writer's index only when the packets seen so far are used up. Returns OK,
 * EMPTY or BROKEN.
 */
int vmbus_ring_peek(struct vmbus_ring_reader *r, struct vmbus_packet_in *pkt);

/*
 * Copies `len` bytes starting `offset` bytes into the packet (0 = descriptor)
 * into dst. The bytes are the peer's and may change while copied; use only
 * the copy. Returns OK, or INVALID if the range is outside the packet.
 */
int vmbus_packet_copy(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt,
		      uint32_t offset, void *dst, uint32_t len);

/*
 * Zero-copy view of packet bytes [offset, offset + len): up to two spans, the
 * second non-empty when the range wraps. The memory is shared and untrusted:
 * fine for bulk data, never for anything parsed. Returns the span count (1 or
 * 2), or 0 if the range is outside the packet.
 */
struct vmbus_span {
	const uint8_t *base;
	uint32_t len;
};
unsigned int vmbus_packet_view(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt,
			       uint32_t offset, uint32_t len, struct vmbus_span span[2]);

/* Steps past the packet last returned by vmbus_ring_peek(). The space is
 * handed back to the writer only by vmbus_ring_read_done(). */
void vmbus_ring_consume(struct vmbus_ring_reader *r);

/*
 * peek + copy payload into buf + consume. *data_len receives the payload
 * length. Returns OK, EMPTY, BROKEN, or TOO_BIG if the payload exceeds cap
 * (then nothing is consumed, *pkt and *data_len describe the packet).
 */
int vmbus_ring_read(struct vmbus_ring_reader *r, struct vmbus_packet_in *pkt,
		    void *buf, uint32_t cap, uint32_t *data_len);

/*
 * Publishes the read index after a batch of consumes. Returns true when the
 * writer must be signalled: it advertised pending_send_sz (with the feature
 * bit) and this batch moved the free space from at most that size to above
 * it (Linux hv_pkt_iter_close()).
 */
bool vmbus_ring_read_done(struct vmbus_ring_reader *r);

/*
 * Batched reading, as Linux's hv_begin_read()/hv_end_read(): begin masks the
 * writer's signals while we drain; end unmasks and re-checks. If end returns
 * true, data arrived that the writer did not signal: keep reading. Only after
 * end returned false may the reader sleep until signalled. end also publishes
 * the read index; its *signal is vmbus_ring_read_done()'s answer.
 */
void vmbus_ring_begin_batch(struct vmbus_ring_reader *r);
bool vmbus_ring_end_batch(struct vmbus_ring_reader *r, bool *signal);

/* Bytes published by the writer and not yet consumed (reads the write index). */
uint32_t vmbus_ring_reader_avail(struct vmbus_ring_reader *r);

enum vmbus_ring_fault vmbus_ring_reader_fault(const struct vmbus_ring_reader *r);

/* Iterates over available packets, consuming each after the body; st receives
 * the final peek status. A body that breaks out leaves its packet unconsumed. */
#define vmbus_ring_for_each_packet(r, pkt, st) \
	for ((st) = vmbus_ring_peek((r), (pkt)); (st) == VMBUS_RING_OK; \
	     vmbus_ring_consume(r), (st) = vmbus_ring_peek((r), (pkt)))

#endif
