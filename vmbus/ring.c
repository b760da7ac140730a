// SPDX-License-Identifier: GPL-2.0
/* VMBus ring producer and consumer: Linux's layout and signalling, checked against a hostile peer. */
#include "ring.h"
#include "ring_arch.h"

#define DESC_SIZE	((uint32_t)sizeof(struct vmbus_packet_desc))
/* The smallest thing a writer can publish: a bare descriptor and its trailer. */
#define MIN_PACKET_RING_BYTES	(DESC_SIZE + VMBUS_PKT_TRAILER_SIZE)

static const uint8_t zero_pad[VMBUS_PKT_ALIGN];

static uint32_t align8(uint32_t n)
{
	return (n + VMBUS_PKT_ALIGN - 1) & ~(VMBUS_PKT_ALIGN - 1);
}

/* Bytes from `from` forward to `to`; both < size. */
static uint32_t ring_dist(const struct vmbus_ring_view *v, uint32_t from, uint32_t to)
{
	return to >= from ? to - from : v->size - from + to;
}

/* pos < size and n <= size, and size <= 2^30, so the sum cannot overflow. */
static uint32_t ring_advance(const struct vmbus_ring_view *v, uint32_t pos, uint32_t n)
{
	pos += n;
	return pos >= v->size ? pos - v->size : pos;
}

/* Copies out of the data area; the caller guarantees pos < size, len <= size. */
static void ring_copy_out(const struct vmbus_ring_view *v, uint32_t pos, void *dst, uint32_t len)
{
	uint32_t first = v->size - pos;

	if (len <= first) {
		ring_copy(dst, v->data + pos, len);
	} else {
		ring_copy(dst, v->data + pos, first);
		ring_copy((uint8_t *)dst + first, v->data, len - first);
	}
}

static uint32_t ring_copy_in(const struct vmbus_ring_view *v, uint32_t pos, const void *src, uint32_t len)
{
	uint32_t first = v->size - pos;

	if (len <= first) {
		ring_copy(v->data + pos, src, len);
	} else {
		ring_copy(v->data + pos, src, first);
		ring_copy(v->data, (const uint8_t *)src + first, len - first);
	}
	return ring_advance(v, pos, len);
}

static int view_init(struct vmbus_ring_view *v, void *ring, uint32_t ring_bytes)
{
	if (!ring || ((uintptr_t)ring & (VMBUS_PKT_ALIGN - 1)) ||
	    ring_bytes % VMBUS_PAGE_SIZE || ring_bytes < VMBUS_RING_MIN_PAGES * VMBUS_PAGE_SIZE ||
	    ring_bytes > VMBUS_RING_MAX_BYTES)
		return VMBUS_RING_INVALID;
	v->hdr = ring;
	v->data = (uint8_t *)ring + VMBUS_PAGE_SIZE;
	v->size = ring_bytes - VMBUS_PAGE_SIZE;
	return VMBUS_RING_OK;
}

static enum vmbus_ring_fault check_index(const struct vmbus_ring_view *v, uint32_t index)
{
	if (index >= v->size)
		return VMBUS_FAULT_INDEX_RANGE;
	if (index & (VMBUS_PKT_ALIGN - 1))
		return VMBUS_FAULT_INDEX_ALIGN;
	return VMBUS_FAULT_NONE;
}

const char *vmbus_ring_fault_name(enum vmbus_ring_fault fault)
{
	switch (fault) {
	case VMBUS_FAULT_NONE:		return "none";
	case VMBUS_FAULT_INDEX_RANGE:	return "peer index beyond the data area";
	case VMBUS_FAULT_INDEX_ALIGN:	return "peer index not 8-byte aligned";
	case VMBUS_FAULT_INDEX_ORDER:	return "peer index moved outside the bytes it may take";
	case VMBUS_FAULT_TRUNCATED:	return "published bytes shorter than a packet";
	case VMBUS_FAULT_PACKET_LEN:	return "packet length outside the published bytes";
	case VMBUS_FAULT_PACKET_OFFSET:	return "packet data offset outside the packet";
	case VMBUS_FAULT_ATTACH:	return "ring indices invalid at attach";
	}
	return "unknown";
}

int vmbus_ring_format(void *ring, uint32_t ring_bytes)
{
	struct vmbus_ring_view v;
	uint32_t *word;

	if (view_init(&v, ring, ring_bytes))
		return VMBUS_RING_INVALID;
	/* Word stores, not a loop the compiler could turn into a memset call. */
	word = (uint32_t *)v.hdr;
	for (uint32_t i = 0; i < VMBUS_PAGE_SIZE / sizeof(*word); i++)
		shared_store(&word[i], 0);
	shared_store(&v.hdr->feature_bits, VMBUS_RING_FEAT_PENDING_SEND_SZ);
	return VMBUS_RING_OK;
}

/* ---------------------------------------------------------------- writer */

static int writer_break(struct vmbus_ring_writer *w, enum vmbus_ring_fault fault)
{
	if (!w->fault)
		w->fault = fault;
	return VMBUS_RING_BROKEN;
}

int vmbus_ring_writer_attach(struct vmbus_ring_writer *w, void *ring, uint32_t ring_bytes)
{
	struct vmbus_ring_header *hdr;
	uint32_t wr, rd;

	if (view_init(&w->ring, ring, ring_bytes))
		return VMBUS_RING_INVALID;
	hdr = w->ring.hdr;
	w->fault = VMBUS_FAULT_NONE;
	w->pending_set = false;
	wr = shared_load(&hdr->write_index);
	rd = shared_load_acquire(&hdr->read_index);
	w->write_pos = w->published_write = w->seen_read = 0;
	if (check_index(&w->ring, wr) || check_index(&w->ring, rd))
		return writer_break(w, VMBUS_FAULT_ATTACH);
	w->write_pos = w->published_write = wr;
	w->seen_read = rd;
	/* Our promise as producer: we set pending_send_sz when blocked. */
	shared_store(&hdr->feature_bits,
		     shared_load(&hdr->feature_bits) | VMBUS_RING_FEAT_PENDING_SEND_SZ);
	return VMBUS_RING_OK;
}

uint32_t vmbus_ring_writer_free(const struct vmbus_ring_writer *w)
{
	return w->ring.size - ring_dist(&w->ring, w->seen_read, w->write_pos);
}

enum vmbus_ring_fault vmbus_ring_writer_fault(const struct vmbus_ring_writer *w)
{
	return w->fault;
}

/*
 * Refreshes seen_read from the reader's index. The reader can only move
 * forward over bytes we published; anything else is corruption. Acquire:
 * our stores into the space it frees must not move before this load.
 */
static int writer_load_read(struct vmbus_ring_writer *w)
{
	const struct vmbus_ring_view *v = &w->ring;
	uint32_t rd = shared_load_acquire(&v->hdr->read_index);
	enum vmbus_ring_fault f = check_index(v, rd);

	if (f)
		return writer_break(w, f);
	if (ring_dist(v, w->seen_read, rd) > ring_dist(v, w->seen_read, w->published_write))
		return writer_break(w, VMBUS_FAULT_INDEX_ORDER);
	w->seen_read = rd;
	return VMBUS_RING_OK;
}

uint32_t vmbus_packet_ring_bytes(uint32_t desc_ext_len, uint32_t payload_len)
{
	uint64_t len = (uint64_t)DESC_SIZE + align8(desc_ext_len) +
		       (((uint64_t)payload_len + VMBUS_PKT_ALIGN - 1) & ~(uint64_t)(VMBUS_PKT_ALIGN - 1));

	if (len > VMBUS_PKT_MAX_LEN)
		return 0;
	return (uint32_t)len + VMBUS_PKT_TRAILER_SIZE;
}

/*
 * Makes sure more than `need` bytes are free, refreshing the reader's index
 * only when the cached one says no: the header line is shared with the
 * reader, so touching it costs a cache miss.
 */
static int writer_reserve(struct vmbus_ring_writer *w, uint32_t need)
{
	int st;

	if (!need || need >= w->ring.size)
		return VMBUS_RING_TOO_BIG;
	/* Strictly more: filling the ring exactly would make write == read,
	 * which means empty. */
	if (vmbus_ring_writer_free(w) > need)
		return VMBUS_RING_OK;
	st = writer_load_read(w);
	if (st)
		return st;
	return vmbus_ring_writer_free(w) > need ? VMBUS_RING_OK : VMBUS_RING_FULL;
}

int vmbus_ring_put(struct vmbus_ring_writer *w, const struct vmbus_packet_out *pkt)
{
	const struct vmbus_ring_view *v = &w->ring;
	uint64_t payload = 0, word0;
	uint32_t need, start, pos, pad;
	int st;

	if (w->fault)
		return VMBUS_RING_BROKEN;
	if (pkt->desc_ext_len & (VMBUS_PKT_ALIGN - 1) || (pkt->desc_ext_len && !pkt->desc_ext) ||
	    (pkt->iov_count && !pkt->iov))
		return VMBUS_RING_INVALID;
	for (uint32_t i = 0; i < pkt->iov_count; i++)
		payload += pkt->iov[i].len;
	if (payload > VMBUS_PKT_MAX_LEN)
		return VMBUS_RING_TOO_BIG;
	need = vmbus_packet_ring_bytes(pkt->desc_ext_len, (uint32_t)payload);
	st = writer_reserve(w, need);
	if (st)
		return st;

	start = w->write_pos;
	word0 = (uint64_t)pkt->type |
		(uint64_t)((DESC_SIZE + pkt->desc_ext_len) / VMBUS_PKT_ALIGN) << 16 |
		(uint64_t)((need - VMBUS_PKT_TRAILER_SIZE) / VMBUS_PKT_ALIGN) << 32 |
		(uint64_t)pkt->flags << 48;
	shared_store_word(v->data + start, word0);
	pos = ring_advance(v, start, sizeof(word0));
	shared_store_word(v->data + pos, pkt->trans_id);
	pos = ring_advance(v, pos, sizeof(pkt->trans_id));
	if (pkt->desc_ext_len)
		pos = ring_copy_in(v, pos, pkt->desc_ext, pkt->desc_ext_len);
	for (uint32_t i = 0; i < pkt->iov_count; i++)
		if (pkt->iov[i].len)
			pos = ring_copy_in(v, pos, pkt->iov[i].base, pkt->iov[i].len);
	pad = align8((uint32_t)payload) - (uint32_t)payload;
	if (pad)
		pos = ring_copy_in(v, pos, zero_pad, pad);
	/* Linux's "prev_indices": where this packet starts, in the upper half. */
	shared_store_word(v->data + pos, (uint64_t)start << VMBUS_PKT_TRAILER_START_SHIFT);
	w->write_pos = ring_advance(v, pos, VMBUS_PKT_TRAILER_SIZE);

	if (w->pending_set) {
		shared_store(&v->hdr->pending_send_sz, 0);
		w->pending_set = false;
	}
	return VMBUS_RING_OK;
}

int vmbus_ring_put_inband(struct vmbus_ring_writer *w, uint16_t type, uint16_t flags,
			  uint64_t trans_id, const void *data, uint32_t len)
{
	struct vmbus_iovec iov = { data, len };
	struct vmbus_packet_out pkt = {
		.type = type, .flags = flags, .trans_id = trans_id,
		.iov = &iov, .iov_count = len ? 1 : 0,
	};

	return vmbus_ring_put(w, &pkt);
}

bool vmbus_ring_commit(struct vmbus_ring_writer *w)
{
	struct vmbus_ring_header *hdr = w->ring.hdr;
	uint32_t old_write = w->published_write;

	if (w->fault || w->write_pos == old_write)
		return false;
	/* Release: the packet bytes must be visible before the index covering them. */
	shared_store_release(&hdr->write_index, w->write_pos);
	w->published_write = w->write_pos;
	/*
	 * The reader stores read_index (and clears interrupt_mask) and then
	 * loads write_index before it sleeps; we stored write_index and now
	 * load those two. Without a full barrier both loads could see the old
	 * values: the reader sleeps on a ring it thinks empty, and we decide
	 * not to signal. (Linux hv_signal_on_write() virt_mb().)
	 */
	ring_full_barrier();
	/* Acquire orders the mask load before the read_index load, as Linux's
	 * virt_rmb() there: a stale "unmasked" must not pair with a fresh index. */
	if (shared_load_acquire(&hdr->interrupt_mask))
		return false;
	/* Empty before this batch: the reader may be asleep waiting for it. */
	return shared_load(&hdr->read_index) == old_write;
}

int vmbus_ring_send(struct vmbus_ring_writer *w, const struct vmbus_packet_out *pkt, bool *signal)
{
	int st = vmbus_ring_put(w, pkt);

	*signal = st == VMBUS_RING_OK && vmbus_ring_commit(w);
	return st;
}

int vmbus_ring_request_space(struct vmbus_ring_writer *w, uint32_t ring_bytes, bool *signal)
{
	struct vmbus_ring_header *hdr = w->ring.hdr;
	int st;

	*signal = false;
	if (w->fault)
		return VMBUS_RING_BROKEN;
	if (!ring_bytes || ring_bytes >= w->ring.size)
		return VMBUS_RING_TOO_BIG;
	*signal = vmbus_ring_commit(w);
	shared_store(&hdr->pending_send_sz, ring_bytes);
	w->pending_set = true;
	/*
	 * Store pending_send_sz, then load read_index; the reader stores
	 * read_index, then loads pending_send_sz (hv_pkt_iter_close()). The
	 * full barrier on both sides means at least one of us sees the other:
	 * either we see the space now, or the reader sees our request and
	 * signals.
	 */
	ring_full_barrier();
	st = writer_load_read(w);
	if (st)
		return st;
	return vmbus_ring_writer_free(w) > ring_bytes ? VMBUS_RING_OK : VMBUS_RING_FULL;
}

/* ---------------------------------------------------------------- reader */

static int reader_break(struct vmbus_ring_reader *r, enum vmbus_ring_fault fault)
{
	if (!r->fault)
		r->fault = fault;
	r->cur_len = 0;
	return VMBUS_RING_BROKEN;
}

int vmbus_ring_reader_attach(struct vmbus_ring_reader *r, void *ring, uint32_t ring_bytes)
{
	uint32_t wr, rd;

	if (view_init(&r->ring, ring, ring_bytes))
		return VMBUS_RING_INVALID;
	r->fault = VMBUS_FAULT_NONE;
	r->cur_len = 0;
	r->read_pos = r->published_read = r->seen_write = 0;
	rd = shared_load(&r->ring.hdr->read_index);
	wr = shared_load_acquire(&r->ring.hdr->write_index);
	if (check_index(&r->ring, wr) || check_index(&r->ring, rd))
		return reader_break(r, VMBUS_FAULT_ATTACH);
	r->read_pos = r->published_read = rd;
	r->seen_write = wr;
	return VMBUS_RING_OK;
}

enum vmbus_ring_fault vmbus_ring_reader_fault(const struct vmbus_ring_reader *r)
{
	return r->fault;
}

/*
 * Refreshes seen_write from the writer's index. The writer may only advance
 * into the space free as of the read index we published, and must leave at
 * least one byte of it (so it can never reach published_read again); moving
 * back into published packets is the same error seen from the other side.
 * Acquire: our loads of the packet bytes must not move before this load.
 */
static int reader_load_write(struct vmbus_ring_reader *r)
{
	const struct vmbus_ring_view *v = &r->ring;
	uint32_t wr = shared_load_acquire(&v->hdr->write_index);
	enum vmbus_ring_fault f = check_index(v, wr);
	uint32_t free_before;

	if (f)
		return reader_break(r, f);
	free_before = v->size - ring_dist(v, r->published_read, r->seen_write);
	if (ring_dist(v, r->seen_write, wr) >= free_before)
		return reader_break(r, VMBUS_FAULT_INDEX_ORDER);
	r->seen_write = wr;
	return VMBUS_RING_OK;
}

uint32_t vmbus_ring_reader_avail(struct vmbus_ring_reader *r)
{
	if (r->fault || reader_load_write(r))
		return 0;
	return ring_dist(&r->ring, r->read_pos, r->seen_write);
}

int vmbus_ring_peek(struct vmbus_ring_reader *r, struct vmbus_packet_in *pkt)
{
	const struct vmbus_ring_view *v = &r->ring;
	uint64_t word0, trans_id;
	uint32_t avail, len, offset;

	if (r->fault)
		return VMBUS_RING_BROKEN;
	avail = ring_dist(v, r->read_pos, r->seen_write);
	if (!avail) {
		int st = reader_load_write(r);

		if (st)
			return st;
		avail = ring_dist(v, r->read_pos, r->seen_write);
		if (!avail) {
			r->cur_len = 0;
			return VMBUS_RING_EMPTY;
		}
	}
	/* The writer publishes whole packets only: any bytes published means a
	 * whole packet, so a short or overlong one is corruption, not "wait". */
	if (avail < MIN_PACKET_RING_BYTES)
		return reader_break(r, VMBUS_FAULT_TRUNCATED);

	/* One load per descriptor word: what we check is what we use. */
	word0 = shared_load_word(v->data + r->read_pos);
	trans_id = shared_load_word(v->data + ring_advance(v, r->read_pos, sizeof(word0)));
	offset = (uint32_t)(uint16_t)(word0 >> 16) * VMBUS_PKT_ALIGN;
	len = (uint32_t)(uint16_t)(word0 >> 32) * VMBUS_PKT_ALIGN;
	if (len < DESC_SIZE || len > avail - VMBUS_PKT_TRAILER_SIZE)
		return reader_break(r, VMBUS_FAULT_PACKET_LEN);
	if (offset < DESC_SIZE || offset > len)
		return reader_break(r, VMBUS_FAULT_PACKET_OFFSET);

	pkt->type = (uint16_t)word0;
	pkt->flags = (uint16_t)(word0 >> 48);
	pkt->trans_id = trans_id;
	pkt->data_offset = offset;
	pkt->len = len;
	pkt->pos = r->read_pos;
	r->cur_len = len + VMBUS_PKT_TRAILER_SIZE;
	/* Start fetching the next descriptor while the caller copies this
	 * packet, so the two cache misses overlap; only within published
	 * bytes, never a line the writer may still be filling. */
	if (r->cur_len < avail)
		__builtin_prefetch(v->data + ring_advance(v, r->read_pos, r->cur_len));
	return VMBUS_RING_OK;
}

/* pkt came from our own peek, but check it anyway: a stale or made-up one
 * must still not take a copy outside the data area. */
static bool packet_range_ok(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt,
			    uint32_t offset, uint32_t len)
{
	return pkt->pos < r->ring.size && pkt->len < r->ring.size &&
	       offset <= pkt->len && len <= pkt->len - offset;
}

int vmbus_packet_copy(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt,
		      uint32_t offset, void *dst, uint32_t len)
{
	if (!packet_range_ok(r, pkt, offset, len))
		return VMBUS_RING_INVALID;
	if (len)
		ring_copy_out(&r->ring, ring_advance(&r->ring, pkt->pos, offset), dst, len);
	return VMBUS_RING_OK;
}

unsigned int vmbus_packet_view(const struct vmbus_ring_reader *r, const struct vmbus_packet_in *pkt,
			       uint32_t offset, uint32_t len, struct vmbus_span span[2])
{
	const struct vmbus_ring_view *v = &r->ring;
	uint32_t pos, first;

	if (!packet_range_ok(r, pkt, offset, len))
		return 0;
	pos = ring_advance(v, pkt->pos, offset);
	first = v->size - pos;
	span[0].base = v->data + pos;
	if (len <= first) {
		span[0].len = len;
		span[1].base = v->data;
		span[1].len = 0;
		return 1;
	}
	span[0].len = first;
	span[1].base = v->data;
	span[1].len = len - first;
	return 2;
}

void vmbus_ring_consume(struct vmbus_ring_reader *r)
{
	if (!r->cur_len)
		return;
	r->read_pos = ring_advance(&r->ring, r->read_pos, r->cur_len);
	r->cur_len = 0;
}

int vmbus_ring_read(struct vmbus_ring_reader *r, struct vmbus_packet_in *pkt,
		    void *buf, uint32_t cap, uint32_t *data_len)
{
	int st = vmbus_ring_peek(r, pkt);
	uint32_t n;

	if (st) {
		*data_len = 0;
		return st;
	}
	n = vmbus_packet_data_len(pkt);
	*data_len = n;
	if (n > cap)
		return VMBUS_RING_TOO_BIG;
	if (n)
		ring_copy_out(&r->ring, ring_advance(&r->ring, pkt->pos, pkt->data_offset), buf, n);
	vmbus_ring_consume(r);
	return VMBUS_RING_OK;
}

bool vmbus_ring_read_done(struct vmbus_ring_reader *r)
{
	const struct vmbus_ring_view *v = &r->ring;
	struct vmbus_ring_header *hdr = v->hdr;
	uint32_t old_read = r->published_read;
	uint32_t pending, free_now, freed, free_before;

	if (r->fault || r->read_pos == old_read)
		return false;
	/* Release: our loads of the consumed packets complete before the
	 * writer can see their space as free and overwrite it. */
	shared_store_release(&hdr->read_index, r->read_pos);
	r->published_read = r->read_pos;

	/* A writer without the feature polls a full ring and expects no signal. */
	if (!(shared_load(&hdr->feature_bits) & VMBUS_RING_FEAT_PENDING_SEND_SZ))
		return false;
	/*
	 * We stored read_index and now load pending_send_sz; the blocked
	 * writer stores pending_send_sz and then loads read_index. The full
	 * barrier makes sure one of us sees the other's store, so a writer
	 * cannot go to sleep unseen (Linux hv_pkt_iter_close() virt_mb()).
	 */
	ring_full_barrier();
	pending = shared_load_acquire(&hdr->pending_send_sz);
	if (!pending)
		return false;
	if (reader_load_write(r))
		return false;
	free_now = v->size - ring_dist(v, r->read_pos, r->seen_write);
	freed = ring_dist(v, old_read, r->read_pos);
	free_before = free_now > freed ? free_now - freed : 0;
	/* Signal only on the transition from "not enough" to "enough"; as in
	 * the writer, "enough" means strictly more than the bytes needed. */
	return free_before <= pending && free_now > pending;
}

void vmbus_ring_begin_batch(struct vmbus_ring_reader *r)
{
	/* No barrier: if the writer sees the mask late it signals once more
	 * than needed, which only costs a wakeup. */
	shared_store(&r->ring.hdr->interrupt_mask, 1);
}

bool vmbus_ring_end_batch(struct vmbus_ring_reader *r, bool *signal)
{
	*signal = vmbus_ring_read_done(r);
	if (r->fault)
		return true;	/* let the caller's next peek report it */
	shared_store(&r->ring.hdr->interrupt_mask, 0);
	/*
	 * Store the unmask, then load write_index: the writer stores
	 * write_index, then loads the mask. With the barrier on both sides,
	 * either it sees us unmasked and signals, or we see its packet here.
	 * (Linux hv_end_read() virt_mb().)
	 */
	ring_full_barrier();
	if (reader_load_write(r))
		return true;
	return ring_dist(&r->ring, r->read_pos, r->seen_write) != 0;
}
