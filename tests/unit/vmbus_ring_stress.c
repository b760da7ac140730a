// SPDX-License-Identifier: GPL-2.0
/*
 * Two-process stress test of a VMBus ring pair over shared memory.
 *
 * The child (producer, "guest") sends ten million packets of random sizes and
 * kinds (in-band, completion-requested, GPA-direct), committed in random
 * batches; the parent (consumer, "host") checks sequence, length, checksum
 * and GPA ranges of each, and answers completion requests on the second ring,
 * which the producer checks in turn.
 *
 * Signalling is real: each side sleeps on a futex "doorbell" and is woken
 * only when the library says the peer must be signalled (commit, read_done,
 * end_batch, request_space). A lost wakeup therefore shows up as a wait that
 * times out, reported as a deadlock. Short spins before sleeping keep the
 * futex calls rare; random stalls on both sides force the full and empty
 * paths (pending_send_sz and the interrupt mask) to be taken many times.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vmbus/gpa_direct.h"
#include "vmbus/ring.h"
#include "vmbus/ring_pair.h"

#define SUITE		"vmbus_ring_stress"
#define PACKETS		10000000ull
#define DATA_PAGES	17u		/* producer -> consumer: 64 KiB data */
#define COMP_PAGES	3u		/* consumer -> producer: 8 KiB data */
#define MAX_BODY	4096u
#define MAX_RANGES	3u
#define WAIT_TIMEOUT_S	10		/* no signal for this long: deadlock */
#define RUN_TIMEOUT_S	55		/* whole test */
#define SPINS		2000		/* polls before going to sleep */
#define COMP_MAGIC	0x5a5a5a5a5a5a5a5aull

/* Payload header of every data packet. */
struct msg_header {
	uint64_t seq;
	uint32_t body_len;
	uint32_t kind;
	uint64_t checksum;
};

enum msg_kind { KIND_INBAND, KIND_COMPLETION, KIND_GPA };

struct stats {
	uint64_t puts_full;		/* put refused for space */
	uint64_t sleeps;		/* futex waits entered */
	uint64_t signals;		/* doorbells rung because the library said so */
	uint64_t commits;
};

/* Everything the two processes share besides the rings. */
struct shared {
	uint32_t consumer_bell __attribute__((aligned(64)));
	uint32_t producer_bell __attribute__((aligned(64)));
	uint32_t failed __attribute__((aligned(64)));
	char why[256];
	struct stats producer, consumer;
	uint64_t completions_checked;
};

static struct shared *sh;
static const char *side_name;
static pid_t producer_pid;		/* set in the parent (consumer) only */
static volatile sig_atomic_t producer_status = -1;

/* Leaves the process; the parent reports the first failure of either side. */
static __attribute__((noreturn)) void bail(void)
{
	if (producer_pid) {
		char line[400];
		int n = snprintf(line, sizeof(line), "FAIL: %s/ten_million_packets: %s\n", SUITE, sh->why);

		if (write(STDOUT_FILENO, line, (size_t)n) < 0)
			n = 0;
		kill(producer_pid, SIGKILL);
	}
	_exit(1);
}

static __attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	va_list ap;

	if (__atomic_exchange_n(&sh->failed, 1, __ATOMIC_SEQ_CST) == 0) {
		int n = snprintf(sh->why, sizeof(sh->why), "%s: ", side_name);

		va_start(ap, fmt);
		vsnprintf(sh->why + n, sizeof(sh->why) - (size_t)n, fmt, ap);
		va_end(ap);
	}
	/* Wake the other side so it notices and stops. */
	__atomic_fetch_add(&sh->consumer_bell, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&sh->producer_bell, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &sh->consumer_bell, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	syscall(SYS_futex, &sh->producer_bell, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	bail();
}

static void check_not_failed(void)
{
	if (__atomic_load_n(&sh->failed, __ATOMIC_ACQUIRE))
		bail();
}

static void bell_ring(uint32_t *bell, struct stats *st)
{
	st->signals++;
	__atomic_fetch_add(bell, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, bell, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

static uint32_t bell_seen(uint32_t *bell)
{
	return __atomic_load_n(bell, __ATOMIC_SEQ_CST);
}

/* Sleeps until the bell moves past `seen`; a timeout means a lost wakeup. */
static void bell_wait(uint32_t *bell, uint32_t seen, struct stats *st, const char *what)
{
	struct timespec ts = { .tv_sec = WAIT_TIMEOUT_S };

	st->sleeps++;
	while (__atomic_load_n(bell, __ATOMIC_SEQ_CST) == seen) {
		long rc = syscall(SYS_futex, bell, FUTEX_WAIT, seen, &ts, NULL, 0);

		check_not_failed();
		if (rc == -1 && errno == ETIMEDOUT)
			fail("deadlock: no signal for %d s while %s", WAIT_TIMEOUT_S, what);
	}
	check_not_failed();
}

static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

/*
 * Packets come in windows of 8192. In window 5 of every 16 the producer stops
 * draining completions (the completion ring fills and both sides block on
 * each other); window 9 has no completion requests and starts with a consumer
 * stall, so a producer blocked on a full ring can only be woken by the
 * consumer's pending_send_sz signal.
 */
#define WINDOW_SHIFT		13
#define WINDOW_NO_DRAIN		5
#define WINDOW_NO_COMPLETIONS	9

static uint64_t window_of(uint64_t seq)
{
	return (seq >> WINDOW_SHIFT) % 16;
}

static enum msg_kind kind_of(uint64_t seq)
{
	uint64_t h = mix64(seq ^ 0x1234);

	if ((h & 15) == 0 && window_of(seq) != WINDOW_NO_COMPLETIONS)
		return KIND_COMPLETION;
	if ((h & 15) == 1)
		return KIND_GPA;
	return KIND_INBAND;
}

/* Mostly small packets, some medium, a few large: mean about 150 bytes. */
static uint32_t body_len_of(uint64_t seq)
{
	uint64_t h = mix64(seq);
	uint32_t bucket = h % 100;

	if (bucket < 80)
		return (h >> 8) % 65;
	if (bucket < 98)
		return 64 + (h >> 8) % 449;
	return 512 + (h >> 8) % (MAX_BODY - 511);
}

/* Word-at-a-time checksum; the tail is folded in byte by byte. */
static uint64_t checksum(const uint8_t *p, uint32_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	uint32_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t pfn_of(uint64_t seq, uint32_t range, uint32_t page)
{
	return mix64(seq * 8 + range) + page;
}

static void fill_body(uint8_t *p, uint32_t len, uint64_t seq)
{
	uint64_t x = seq * 0x9e3779b97f4a7c15ull + 1;

	for (uint32_t i = 0; i < len; i += 8) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(p + i, &x, 8);	/* buffer has slack past len */
	}
}

/* Builds the GPA-direct extension for seq: 1-3 ranges, PFNs derived from seq. */
static uint32_t build_ranges(uint8_t *ext, uint32_t cap, uint64_t seq)
{
	uint64_t pfns[MAX_RANGES][3];
	struct vmbus_gpa_range_desc ranges[MAX_RANGES];
	uint32_t n = 1 + (uint32_t)(mix64(seq ^ 77) % MAX_RANGES), len;

	for (uint32_t r = 0; r < n; r++) {
		ranges[r].byte_offset = (uint32_t)(mix64(seq + r) % VMBUS_PAGE_SIZE);
		ranges[r].byte_count = 1 + (uint32_t)(mix64(seq + r + 100) % (2 * VMBUS_PAGE_SIZE));
		ranges[r].pfn_count = vmbus_gpa_range_pages(ranges[r].byte_offset, ranges[r].byte_count);
		for (uint32_t i = 0; i < ranges[r].pfn_count; i++)
			pfns[r][i] = pfn_of(seq, r, i);
		ranges[r].pfns = pfns[r];
	}
	if (vmbus_gpa_direct_build(ext, cap, ranges, n, &len) != VMBUS_RING_OK)
		fail("building ranges for packet %" PRIu64, seq);
	return len;
}

static void check_ranges(const uint8_t *ext, uint32_t ext_len, uint64_t seq)
{
	uint8_t want[256];
	uint32_t want_len = build_ranges(want, sizeof(want), seq), count;
	struct vmbus_gpa_direct_iter it;
	struct vmbus_gpa_range_desc r;
	uint32_t i = 0;

	if (ext_len != want_len || memcmp(ext, want, ext_len) != 0)
		fail("packet %" PRIu64 ": GPA ranges differ from those sent", seq);
	if (vmbus_gpa_direct_parse(ext, ext_len, &it, &count) != VMBUS_RING_OK)
		fail("packet %" PRIu64 ": GPA ranges do not parse", seq);
	while (vmbus_gpa_direct_next(&it, &r) == VMBUS_RING_OK) {
		if (vmbus_gpa_range_pfn(&r, r.pfn_count - 1) != pfn_of(seq, i, r.pfn_count - 1))
			fail("packet %" PRIu64 ": range %u PFN wrong", seq, i);
		i++;
	}
	if (i != count)
		fail("packet %" PRIu64 ": parsed %u of %u ranges", seq, i, count);
}

/* ---------------------------------------------------------------- producer */

struct producer {
	struct vmbus_ring_pair rings;
	uint64_t next_comp;		/* seq whose completion we expect next */
	uint64_t comps;
};

static uint64_t next_completion_after(uint64_t seq)
{
	while (seq < PACKETS && kind_of(seq) != KIND_COMPLETION)
		seq++;
	return seq;
}

static void producer_commit(struct producer *p)
{
	sh->producer.commits++;
	if (vmbus_ring_commit(&p->rings.out))
		bell_ring(&sh->consumer_bell, &sh->producer);
}

/* Reads every completion available (the completion ring stays masked). */
static void drain_completions(struct producer *p)
{
	struct vmbus_packet_in pkt;
	uint64_t echo;
	uint32_t n;
	int st;

	while ((st = vmbus_ring_read(&p->rings.in, &pkt, &echo, sizeof(echo), &n)) == VMBUS_RING_OK) {
		if (pkt.type != VMBUS_PKT_COMP || n != 8)
			fail("completion: type %u length %u", pkt.type, n);
		if (pkt.trans_id != p->next_comp || echo != (pkt.trans_id ^ COMP_MAGIC))
			fail("completion for %" PRIu64 ", expected %" PRIu64, pkt.trans_id, p->next_comp);
		p->next_comp = next_completion_after(p->next_comp + 1);
		p->comps++;
	}
	if (st != VMBUS_RING_EMPTY)
		fail("completion ring: status %d, fault %s", st,
		     vmbus_ring_fault_name(vmbus_ring_reader_fault(&p->rings.in)));
	if (vmbus_ring_read_done(&p->rings.in))
		bell_ring(&sh->consumer_bell, &sh->producer);
}

/* Sleeps until the data ring has room for `need` bytes, answering completions meanwhile. */
static void producer_wait_space(struct producer *p, uint32_t need)
{
	for (;;) {
		uint32_t seen = bell_seen(&sh->producer_bell);
		bool signal;
		int st;

		drain_completions(p);
		st = vmbus_ring_request_space(&p->rings.out, need, &signal);
		if (signal)
			bell_ring(&sh->consumer_bell, &sh->producer);
		if (st == VMBUS_RING_OK)
			return;
		if (st != VMBUS_RING_FULL)
			fail("request_space: status %d", st);
		if (vmbus_ring_end_batch(&p->rings.in, &signal)) {
			if (signal)
				bell_ring(&sh->consumer_bell, &sh->producer);
			vmbus_ring_begin_batch(&p->rings.in);
			continue;
		}
		if (signal)
			bell_ring(&sh->consumer_bell, &sh->producer);
		bell_wait(&sh->producer_bell, seen, &sh->producer, "producer waited for ring space");
		vmbus_ring_begin_batch(&p->rings.in);
	}
}

static void producer_wait_completions(struct producer *p)
{
	while (p->next_comp < PACKETS) {
		uint32_t seen = bell_seen(&sh->producer_bell);
		bool signal;

		drain_completions(p);
		if (p->next_comp >= PACKETS)
			break;
		if (vmbus_ring_end_batch(&p->rings.in, &signal)) {
			if (signal)
				bell_ring(&sh->consumer_bell, &sh->producer);
			vmbus_ring_begin_batch(&p->rings.in);
			continue;
		}
		if (signal)
			bell_ring(&sh->consumer_bell, &sh->producer);
		bell_wait(&sh->producer_bell, seen, &sh->producer, "producer waited for completions");
		vmbus_ring_begin_batch(&p->rings.in);
	}
}

static void run_producer(void *mem)
{
	static uint8_t payload[sizeof(struct msg_header) + MAX_BODY + 8];
	uint8_t ext[256];
	struct producer p = { 0 };
	uint32_t batch_left = 0;

	side_name = "producer";
	if (vmbus_ring_pair_attach(&p.rings, VMBUS_SIDE_GUEST, mem, DATA_PAGES + COMP_PAGES,
				   DATA_PAGES, 0) != VMBUS_RING_OK)
		fail("attach");
	p.next_comp = next_completion_after(0);
	vmbus_ring_begin_batch(&p.rings.in);

	for (uint64_t seq = 0; seq < PACKETS; seq++) {
		struct msg_header *h = (struct msg_header *)payload;
		enum msg_kind kind = kind_of(seq);
		struct vmbus_iovec iov;
		struct vmbus_packet_out pkt = { .type = VMBUS_PKT_DATA_INBAND, .trans_id = seq,
						.iov = &iov, .iov_count = 1 };
		uint32_t need;
		int st;

		h->seq = seq;
		h->body_len = body_len_of(seq);
		h->kind = kind;
		fill_body(payload + sizeof(*h), h->body_len, seq);
		h->checksum = checksum(payload + sizeof(*h), h->body_len);
		iov.base = payload;
		iov.len = (uint32_t)sizeof(*h) + h->body_len;
		if (kind == KIND_COMPLETION)
			pkt.flags = VMBUS_PKT_FLAG_COMPLETION_REQUESTED;
		if (kind == KIND_GPA) {
			pkt.type = VMBUS_PKT_DATA_USING_GPA_DIRECT;
			pkt.desc_ext = ext;
			pkt.desc_ext_len = build_ranges(ext, sizeof(ext), seq);
		}
		need = vmbus_packet_ring_bytes(pkt.desc_ext_len, iov.len);

		while ((st = vmbus_ring_put(&p.rings.out, &pkt)) == VMBUS_RING_FULL) {
			sh->producer.puts_full++;
			producer_commit(&p);
			producer_wait_space(&p, need);
		}
		if (st != VMBUS_RING_OK)
			fail("put %" PRIu64 ": status %d, fault %s", seq, st,
			     vmbus_ring_fault_name(vmbus_ring_writer_fault(&p.rings.out)));
		/* Commit in random batches of 1-16 packets: one signal per batch at most. */
		if (!batch_left) {
			producer_commit(&p);
			batch_left = 1 + (uint32_t)(mix64(seq ^ 0xbb) % 16);
		}
		batch_left--;
		/* Drain completions every 64 packets, except in the no-drain window. */
		if ((seq & 63) == 0 && window_of(seq) != WINDOW_NO_DRAIN)
			drain_completions(&p);
		/* Now and then stall so the consumer runs dry and sleeps. */
		if (mix64(seq ^ 0x57a11) % 40000 == 0)
			usleep(200);
	}
	producer_commit(&p);
	producer_wait_completions(&p);
	_exit(0);
}

/* ---------------------------------------------------------------- consumer */

struct consumer {
	struct vmbus_ring_pair rings;
	uint64_t expect;
	uint32_t since_done;
};

static void consumer_send_completion(struct consumer *c, uint64_t seq)
{
	uint64_t echo = seq ^ COMP_MAGIC;
	uint32_t need = vmbus_packet_ring_bytes(0, sizeof(echo));
	int st;

	while ((st = vmbus_ring_put_inband(&c->rings.out, VMBUS_PKT_COMP, 0, seq, &echo,
					   sizeof(echo))) == VMBUS_RING_FULL) {
		uint32_t seen = bell_seen(&sh->consumer_bell);
		bool signal;

		sh->consumer.puts_full++;
		/* Hand back the data ring space first: the producer may be blocked on it. */
		if (vmbus_ring_read_done(&c->rings.in))
			bell_ring(&sh->producer_bell, &sh->consumer);
		st = vmbus_ring_request_space(&c->rings.out, need, &signal);
		if (signal)
			bell_ring(&sh->producer_bell, &sh->consumer);
		if (st == VMBUS_RING_OK)
			continue;
		if (st != VMBUS_RING_FULL)
			fail("completion request_space: status %d", st);
		bell_wait(&sh->consumer_bell, seen, &sh->consumer, "consumer waited for completion space");
	}
	if (st != VMBUS_RING_OK)
		fail("completion put: status %d", st);
	sh->consumer.commits++;
	if (vmbus_ring_commit(&c->rings.out))
		bell_ring(&sh->producer_bell, &sh->consumer);
}

static void consume_one(struct consumer *c, const struct vmbus_packet_in *pkt)
{
	static uint8_t buf[sizeof(struct msg_header) + MAX_BODY + 8];
	uint8_t ext[256];
	struct msg_header h;
	uint32_t len = vmbus_packet_data_len(pkt), ext_len = vmbus_packet_desc_ext_len(pkt);

	if (pkt->trans_id != c->expect)
		fail("packet %" PRIu64 " arrived when %" PRIu64 " was due (loss or reordering)",
		     pkt->trans_id, c->expect);
	if (len < sizeof(h) || len > sizeof(buf) || ext_len > sizeof(ext))
		fail("packet %" PRIu64 ": data %u bytes, descriptor extension %u", c->expect, len, ext_len);
	vmbus_packet_copy(&c->rings.in, pkt, pkt->data_offset, buf, len);
	memcpy(&h, buf, sizeof(h));
	if (h.seq != c->expect || h.kind != kind_of(c->expect) || h.body_len != body_len_of(c->expect))
		fail("packet %" PRIu64 ": header says seq %" PRIu64 " kind %u length %u",
		     c->expect, h.seq, h.kind, h.body_len);
	if (len != ((sizeof(h) + h.body_len + 7) & ~7ul))
		fail("packet %" PRIu64 ": %u data bytes for a %u-byte body", c->expect, len, h.body_len);
	if (checksum(buf + sizeof(h), h.body_len) != h.checksum)
		fail("packet %" PRIu64 ": checksum mismatch (corruption)", c->expect);
	switch (h.kind) {
	case KIND_COMPLETION:
		if (pkt->type != VMBUS_PKT_DATA_INBAND || pkt->flags != VMBUS_PKT_FLAG_COMPLETION_REQUESTED)
			fail("packet %" PRIu64 ": type %u flags %u", c->expect, pkt->type, pkt->flags);
		consumer_send_completion(c, c->expect);
		break;
	case KIND_GPA:
		if (pkt->type != VMBUS_PKT_DATA_USING_GPA_DIRECT || pkt->flags)
			fail("packet %" PRIu64 ": type %u flags %u", c->expect, pkt->type, pkt->flags);
		vmbus_packet_copy(&c->rings.in, pkt, sizeof(struct vmbus_packet_desc), ext, ext_len);
		check_ranges(ext, ext_len, c->expect);
		break;
	default:
		if (pkt->type != VMBUS_PKT_DATA_INBAND || pkt->flags || ext_len)
			fail("packet %" PRIu64 ": type %u flags %u", c->expect, pkt->type, pkt->flags);
	}
	c->expect++;
}

static void consumer_read_done(struct consumer *c)
{
	c->since_done = 0;
	if (vmbus_ring_read_done(&c->rings.in))
		bell_ring(&sh->producer_bell, &sh->consumer);
}

static void run_consumer(void *mem)
{
	struct consumer c = { 0 };
	struct vmbus_packet_in pkt;
	int spins = 0, spin_limit = SPINS;

	side_name = "consumer";
	if (vmbus_ring_pair_attach(&c.rings, VMBUS_SIDE_HOST, mem, DATA_PAGES + COMP_PAGES,
				   DATA_PAGES, 0) != VMBUS_RING_OK)
		fail("attach");
	vmbus_ring_begin_batch(&c.rings.in);
	while (c.expect < PACKETS) {
		int st = vmbus_ring_peek(&c.rings.in, &pkt);

		if (st == VMBUS_RING_OK) {
			consume_one(&c, &pkt);
			vmbus_ring_consume(&c.rings.in);
			/* Release space in batches, like a driver draining a ring. */
			if (++c.since_done == 32)
				consumer_read_done(&c);
			if (mix64(c.expect ^ 0xc0ffee) % 40000 == 0 ||
			    (c.expect & ((1u << WINDOW_SHIFT) - 1)) == 100)
				usleep(200);
			spins = 0;
			continue;
		}
		if (st != VMBUS_RING_EMPTY)
			fail("data ring: status %d, fault %s", st,
			     vmbus_ring_fault_name(vmbus_ring_reader_fault(&c.rings.in)));
		consumer_read_done(&c);
		if (!spins)
			spin_limit = 1 + (int)(mix64(c.expect + sh->consumer.sleeps) % SPINS);
		if (++spins < spin_limit) {
			cpu_relax();
			continue;
		}
		spins = 0;
		{
			uint32_t seen = bell_seen(&sh->consumer_bell);
			uint64_t delay = mix64(c.expect ^ sh->consumer.sleeps) % 2048;
			bool signal;

			/* Widen the window in which the producer commits while we are
			 * still masked: only end_batch's re-check can catch that. */
			while (delay--)
				cpu_relax();
			if (vmbus_ring_end_batch(&c.rings.in, &signal)) {
				if (signal)
					bell_ring(&sh->producer_bell, &sh->consumer);
				vmbus_ring_begin_batch(&c.rings.in);
				continue;
			}
			if (signal)
				bell_ring(&sh->producer_bell, &sh->consumer);
			bell_wait(&sh->consumer_bell, seen, &sh->consumer, "consumer waited for packets");
			vmbus_ring_begin_batch(&c.rings.in);
		}
	}
	consumer_read_done(&c);
}

static void on_alarm(int sig)
{
	(void)sig;
	fail("did not finish within %d s", RUN_TIMEOUT_S);
}

/* A producer that dies (crash, sanitizer) must not leave us waiting for the
 * deadlock timeout. */
static void on_child(int sig)
{
	int status;

	(void)sig;
	if (waitpid(producer_pid, &status, WNOHANG) != producer_pid)
		return;
	producer_status = status;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("producer exited abnormally (status 0x%x)", status);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	size_t ring_bytes = (size_t)(DATA_PAGES + COMP_PAGES) * VMBUS_PAGE_SIZE;
	struct vmbus_ring_pair fmt;
	int status = 0;
	double t0, secs;
	void *mem;
	pid_t child;

	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	mem = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || mem == MAP_FAILED) {
		printf("FAIL: %s/setup: mmap: %s\n", SUITE, strerror(errno));
		return 1;
	}
	/* The guest formats its rings before offering them, as Linux does. */
	if (vmbus_ring_pair_attach(&fmt, VMBUS_SIDE_GUEST, mem, DATA_PAGES + COMP_PAGES, DATA_PAGES,
				   VMBUS_RING_PAIR_FORMAT) != VMBUS_RING_OK) {
		printf("FAIL: %s/setup: format\n", SUITE);
		return 1;
	}

	t0 = now_s();
	child = fork();
	if (child < 0) {
		printf("FAIL: %s/setup: fork: %s\n", SUITE, strerror(errno));
		return 1;
	}
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGALRM, on_alarm);
		alarm(RUN_TIMEOUT_S);
		run_producer(mem);
	}
	producer_pid = child;
	signal(SIGCHLD, on_child);
	signal(SIGALRM, on_alarm);
	alarm(RUN_TIMEOUT_S);
	run_consumer(mem);
	/* The producer exits once every completion came back. */
	while (producer_status == -1)
		usleep(1000);
	alarm(0);
	status = producer_status;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("producer exited abnormally (status 0x%x)", status);
	secs = now_s() - t0;

	printf("stress: %llu packets in %.2f s; producer: %" PRIu64 " commits, %" PRIu64
	       " full puts, %" PRIu64 " sleeps, %" PRIu64 " signals; consumer: %" PRIu64
	       " completions, %" PRIu64 " full puts, %" PRIu64 " sleeps, %" PRIu64 " signals\n",
	       PACKETS, secs, sh->producer.commits, sh->producer.puts_full, sh->producer.sleeps,
	       sh->producer.signals, sh->consumer.commits, sh->consumer.puts_full,
	       sh->consumer.sleeps, sh->consumer.signals);
	printf("PASS: %s/ten_million_packets_in_order_with_checksums\n", SUITE);
	printf("PASS: %s/every_completion_returned_in_order\n", SUITE);
	/* The random stalls must have driven both sleep paths; otherwise the
	 * signalling under test was never exercised. */
	if (sh->producer.sleeps && sh->consumer.sleeps)
		printf("PASS: %s/both_sides_slept_and_were_woken\n", SUITE);
	else
		printf("FAIL: %s/both_sides_slept_and_were_woken: producer %" PRIu64
		       " sleeps, consumer %" PRIu64 "\n", SUITE, sh->producer.sleeps, sh->consumer.sleeps);
	return sh->producer.sleeps && sh->consumer.sleeps ? 0 : 1;
}
