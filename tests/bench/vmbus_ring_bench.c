// SPDX-License-Identifier: GPL-2.0
/*
 * VMBus ring throughput and packet rate between two threads on CPUs 0 and 1.
 *
 * The writer copies each payload from its buffer into the ring (put, commit
 * per batch of 64 packets or 1/8 of the ring); the reader copies it out into
 * its own buffer (read, read_done per batch), as a VSP copying a request out
 * would. Both poll: the reader keeps interrupt_mask set while it polls, as
 * Linux's batched readers do, so no signal is ever due.
 *
 * A second reader reads each payload in place (peek, view, sum its words,
 * consume) instead of copying it out: one copy per packet instead of two,
 * like memcpy itself, to show what the second copy costs.
 *
 * Yardsticks, measured in the same run: memcpy of the same size between two
 * hot buffers on one CPU (what the goals compare against), and a
 * bare two-thread handoff through the same memory (see struct handoff), the
 * ceiling for any cross-core transfer on this machine. Each figure is the
 * best of several short runs, to keep the noise of a shared machine out.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vmbus/ring.h"

#define RING_BYTES	(VMBUS_PAGE_SIZE + 512 * 1024)
#define RUNS		7
#define BYTES_PER_RUN	(192ull << 20)
#define MAX_PACKETS	2000000ull
/* Commit (and release) after this many packets or bytes, whichever first. */
#define BATCH_PACKETS	64u
#define BATCH_BYTES	(RING_BYTES / 8)
/* Longest wait between empty polls, in pause instructions. */
#define POLL_BACKOFF_MAX	64u
/* Empty polls after which the reader releases space anyway. */
#define IDLE_RELEASE	64

struct run {
	struct vmbus_ring_writer w;
	struct vmbus_ring_reader r;
	uint32_t size;
	uint64_t packets;
	uint8_t *src, *dst;
	int start;			/* both threads wait for it */
	int ready;
	double t_end;
	int failed;
	int in_place;			/* reader sums the payload where it lies */
	uint64_t sum;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0)
		fprintf(stderr, "bench: cannot pin to CPU %d\n", cpu);
}

/*
 * An empty poll waits twice as long as the last one, up to a limit. Polling
 * in a tight loop keeps pulling the header line (and the lines the writer is
 * filling) over to the reader, which slows the writer more than it speeds
 * the reader: with Linux's layout both indices share one cache line.
 */
static void poll_backoff(uint32_t *wait)
{
	for (uint32_t k = 0; k < *wait; k++)
		__builtin_ia32_pause();
	if (*wait < POLL_BACKOFF_MAX)
		*wait *= 2;
}

static void wait_start(struct run *run)
{
	__atomic_fetch_add(&run->ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&run->start, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

static void *writer_main(void *arg)
{
	struct run *run = arg;
	uint32_t batch = 0, batch_bytes = 0;

	pin(0);
	wait_start(run);
	for (uint64_t i = 0; i < run->packets; i++) {
		int st;

		while ((st = vmbus_ring_put_inband(&run->w, VMBUS_PKT_DATA_INBAND, 0, i, run->src,
						   run->size)) == VMBUS_RING_FULL) {
			vmbus_ring_commit(&run->w);
			batch = batch_bytes = 0;
			__builtin_ia32_pause();
		}
		if (st != VMBUS_RING_OK) {
			__atomic_store_n(&run->failed, 1, __ATOMIC_RELAXED);
			return NULL;
		}
		batch_bytes += run->size;
		if (++batch == BATCH_PACKETS || batch_bytes >= BATCH_BYTES) {
			vmbus_ring_commit(&run->w);
			batch = batch_bytes = 0;
		}
	}
	vmbus_ring_commit(&run->w);
	return NULL;
}

/* Payload in place: every word is loaded, as a parser or checksum would. */
static int read_in_place(struct vmbus_ring_reader *r, struct vmbus_packet_in *pkt, uint64_t *sum,
			 uint32_t *n)
{
	struct vmbus_span span[2];
	unsigned int spans;
	int st = vmbus_ring_peek(r, pkt);

	if (st != VMBUS_RING_OK)
		return st;
	*n = vmbus_packet_data_len(pkt);
	spans = vmbus_packet_view(r, pkt, pkt->data_offset, *n, span);
	for (unsigned int i = 0; i < spans; i++) {
		const uint64_t *w = (const uint64_t *)(const void *)span[i].base;

		for (uint32_t k = 0; k < span[i].len / 8; k++)
			*sum += w[k];
	}
	vmbus_ring_consume(r);
	return spans ? VMBUS_RING_OK : VMBUS_RING_BROKEN;
}

static void *reader_main(void *arg)
{
	struct run *run = arg;
	struct vmbus_packet_in pkt;
	uint32_t batch = 0, batch_bytes = 0, n, idle = 0, wait = 1;
	uint64_t got = 0, sum = 0;

	pin(1);
	vmbus_ring_begin_batch(&run->r);
	wait_start(run);
	while (got < run->packets) {
		int st = run->in_place ? read_in_place(&run->r, &pkt, &sum, &n)
				       : vmbus_ring_read(&run->r, &pkt, run->dst, run->size, &n);

		if (st == VMBUS_RING_EMPTY) {
			if (__atomic_load_n(&run->failed, __ATOMIC_RELAXED))
				return NULL;
			/* Caught up: release the space only if the writer may be
			 * waiting for it, not every time (each release is a store
			 * to the contended header line plus a full barrier). */
			if (++idle == IDLE_RELEASE) {
				vmbus_ring_read_done(&run->r);
				batch = batch_bytes = 0;
			}
			poll_backoff(&wait);
			continue;
		}
		idle = 0;
		wait = 1;
		if (st != VMBUS_RING_OK || pkt.trans_id != got) {
			__atomic_store_n(&run->failed, 1, __ATOMIC_RELAXED);
			return NULL;
		}
		got++;
		batch_bytes += n;
		if (++batch == BATCH_PACKETS || batch_bytes >= BATCH_BYTES) {
			vmbus_ring_read_done(&run->r);
			batch = batch_bytes = 0;
		}
	}
	vmbus_ring_read_done(&run->r);
	run->t_end = now_s();
	run->sum = sum;
	return NULL;
}

/* One timed transfer of run->packets packets; returns seconds. */
static double ring_once(struct run *run, void *ring)
{
	pthread_t wt, rt;
	double t0;

	vmbus_ring_format(ring, RING_BYTES);
	if (vmbus_ring_writer_attach(&run->w, ring, RING_BYTES) ||
	    vmbus_ring_reader_attach(&run->r, ring, RING_BYTES))
		return -1;
	run->start = run->ready = 0;
	pthread_create(&wt, NULL, writer_main, run);
	pthread_create(&rt, NULL, reader_main, run);
	while (__atomic_load_n(&run->ready, __ATOMIC_ACQUIRE) != 2)
		sched_yield();
	t0 = now_s();
	__atomic_store_n(&run->start, 1, __ATOMIC_RELEASE);
	pthread_join(wt, NULL);
	pthread_join(rt, NULL);
	return run->failed ? -1 : run->t_end - t0;
}

/*
 * Second yardstick: the same two-copy, two-CPU transfer through the same
 * amount of memory with nothing but one counter each way (fixed slots, no
 * descriptors, no checks, no signalling decisions). It is what any
 * cross-core ring could reach here, so ring / handoff is the protocol's cost.
 */
struct handoff {
	uint8_t *mem, *src, *dst;
	uint32_t size, slots;
	uint64_t packets;
	uint64_t produced __attribute__((aligned(64)));
	uint64_t consumed __attribute__((aligned(64)));
	int start, ready;
	double t_end;
};

static void *handoff_writer(void *arg)
{
	struct handoff *h = arg;
	uint64_t consumed = 0;

	pin(0);
	__atomic_fetch_add(&h->ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&h->start, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	for (uint64_t i = 0; i < h->packets; i++) {
		while (i - consumed >= h->slots) {
			consumed = __atomic_load_n(&h->consumed, __ATOMIC_ACQUIRE);
			__builtin_ia32_pause();
		}
		memcpy(h->mem + (i % h->slots) * h->size, h->src, h->size);
		__atomic_store_n(&h->produced, i + 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void *handoff_reader(void *arg)
{
	struct handoff *h = arg;
	uint64_t produced = 0;

	pin(1);
	__atomic_fetch_add(&h->ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&h->start, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	for (uint64_t i = 0; i < h->packets; i++) {
		uint32_t wait = 1;

		while (i >= produced) {
			produced = __atomic_load_n(&h->produced, __ATOMIC_ACQUIRE);
			if (i >= produced)
				poll_backoff(&wait);
		}
		memcpy(h->dst, h->mem + (i % h->slots) * h->size, h->size);
		__atomic_store_n(&h->consumed, i + 1, __ATOMIC_RELEASE);
	}
	h->t_end = now_s();
	return NULL;
}

static double handoff_once(void *mem, uint8_t *src, uint8_t *dst, uint32_t size, uint64_t count)
{
	struct handoff h = { .mem = mem, .src = src, .dst = dst, .size = size,
			     .slots = (RING_BYTES - VMBUS_PAGE_SIZE) / size, .packets = count };
	pthread_t wt, rt;
	double t0;

	pthread_create(&wt, NULL, handoff_writer, &h);
	pthread_create(&rt, NULL, handoff_reader, &h);
	while (__atomic_load_n(&h.ready, __ATOMIC_ACQUIRE) != 2)
		sched_yield();
	t0 = now_s();
	__atomic_store_n(&h.start, 1, __ATOMIC_RELEASE);
	pthread_join(wt, NULL);
	pthread_join(rt, NULL);
	return h.t_end - t0;
}

/* Keeps the compiler from dropping or merging the yardstick's copies. */
static void *(*volatile memcpy_fn)(void *, const void *, size_t) = memcpy;

static double memcpy_once(uint8_t *dst, const uint8_t *src, uint32_t size, uint64_t count)
{
	double t0;

	pin(0);
	t0 = now_s();
	for (uint64_t i = 0; i < count; i++)
		memcpy_fn(dst, src, size);
	return now_s() - t0;
}

static void report(const char *name, double v, const char *unit, const char *yname, double y)
{
	printf("bench: %s %.2f %s vs %s %.2f %s ratio %.2f\n", name, v, unit, yname, y, unit, v / y);
}

int main(void)
{
	static const uint32_t sizes[] = { 64, 1024, 16384, 65536 };
	void *ring = aligned_alloc(VMBUS_PAGE_SIZE, RING_BYTES);
	uint8_t *src = aligned_alloc(64, 65536), *dst = aligned_alloc(64, 65536);
	double rate_64 = 0, ratio_16k = 0, ratio_64k = 0;
	int failed = 0;

	if (!ring || !src || !dst)
		return 1;
	memset(src, 0x5a, 65536);
	memset(dst, 0, 65536);
	printf("# vmbus ring: %u KiB data ring, writer on CPU 0, reader on CPU 1, best of %d\n",
	       (RING_BYTES - VMBUS_PAGE_SIZE) / 1024, RUNS);
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct run run = { .size = sizes[i], .src = src, .dst = dst };
		uint64_t count = BYTES_PER_RUN / sizes[i];
		struct run view = { .size = sizes[i], .src = src, .dst = dst, .in_place = 1 };
		double ring_s = 1e9, copy_s = 1e9, hand_s = 1e9, view_s = 1e9;
		double gbps, mpps, copy_gbps, copy_mpps;
		char name[64], yname[64];

		if (count > MAX_PACKETS)
			count = MAX_PACKETS;
		run.packets = view.packets = count;
		for (int rep = 0; rep < RUNS; rep++) {
			double t = ring_once(&run, ring), c, hnd, v = ring_once(&view, ring);

			if (t < 0 || v < 0) {
				printf("# vmbus ring: transfer of %u-byte packets failed\n", sizes[i]);
				failed = 1;
				break;
			}
			c = memcpy_once(dst, src, sizes[i], count);
			hnd = handoff_once(ring, src, dst, sizes[i], count);

			ring_s = t < ring_s ? t : ring_s;
			copy_s = c < copy_s ? c : copy_s;
			hand_s = hnd < hand_s ? hnd : hand_s;
			view_s = v < view_s ? v : view_s;
		}
		if (failed)
			break;
		gbps = (double)count * sizes[i] / ring_s / 1e9;
		mpps = (double)count / ring_s / 1e6;
		copy_gbps = (double)count * sizes[i] / copy_s / 1e9;
		copy_mpps = (double)count / copy_s / 1e6;
		snprintf(name, sizeof(name), "vmbus_ring_%uB", sizes[i]);
		snprintf(yname, sizeof(yname), "memcpy_%uB", sizes[i]);
		report(name, gbps, "GB/s", yname, copy_gbps);
		snprintf(name, sizeof(name), "vmbus_ring_%uB_rate", sizes[i]);
		snprintf(yname, sizeof(yname), "memcpy_%uB_rate", sizes[i]);
		report(name, mpps, "Mpps", yname, copy_mpps);
		/* Same transfer against the bare handoff: the protocol's own cost. */
		snprintf(name, sizeof(name), "vmbus_ring_%uB_protocol", sizes[i]);
		snprintf(yname, sizeof(yname), "handoff_%uB", sizes[i]);
		report(name, gbps, "GB/s", yname, (double)count * sizes[i] / hand_s / 1e9);
		snprintf(name, sizeof(name), "vmbus_ring_%uB_in_place", sizes[i]);
		snprintf(yname, sizeof(yname), "memcpy_%uB", sizes[i]);
		report(name, (double)count * sizes[i] / view_s / 1e9, "GB/s", yname, copy_gbps);
		if (sizes[i] == 64)
			rate_64 = mpps;
		if (sizes[i] == 16384)
			ratio_16k = gbps / copy_gbps;
		if (sizes[i] == 65536)
			ratio_64k = gbps / copy_gbps;
	}
	if (!failed) {
		printf("# goal: >= 10 Mpps at 64 B: %s (%.2f Mpps)\n", rate_64 >= 10 ? "met" : "missed",
		       rate_64);
		printf("# goal: >= 0.70 of memcpy at 16 KiB and 64 KiB: %s (%.2f, %.2f)\n",
		       ratio_16k >= 0.7 && ratio_64k >= 0.7 ? "met" : "missed", ratio_16k, ratio_64k);
	}
	free(ring);
	free(src);
	free(dst);
	return failed;
}
