/* SPDX-License-Identifier: GPL-2.0 */
/* What every device model gets from the worker: guest time, interrupt lines, port-access helpers. */
#ifndef WORKER_DEV_H
#define WORKER_DEV_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Device models are pure: no system calls, no allocation after init, no
 * threads. Time and interrupts come in through these two callbacks, and a
 * model with timers exposes <model>_next_deadline_ns() (UINT64_MAX: none) and
 * <model>_advance(state, now_ns), which raises whatever fell due by now_ns.
 */

/* Monotonic guest time in nanoseconds; never goes backwards. */
struct dev_clock {
	uint64_t (*now_ns)(void *opaque);
	void *opaque;
};

/*
 * One interrupt line. 'level' is the logical request (true: the device wants
 * service), whatever the wire's electrical polarity; the I/O APIC model
 * applies the board's wiring (see ioapic_init). Models call it only when
 * their output changes; an ISA edge is a true followed by a false.
 */
struct dev_irq {
	void (*set_level)(void *opaque, unsigned gsi, bool level);
	void *opaque;
};

#define DEV_NO_DEADLINE UINT64_MAX
#define NSEC_PER_SEC    1000000000ull

static inline uint64_t dev_now(const struct dev_clock *clock)
{
	return clock->now_ns(clock->opaque);
}

static inline void dev_set_irq(const struct dev_irq *irq, unsigned gsi, bool level)
{
	if (irq->set_level)
		irq->set_level(irq->opaque, gsi, level);
}

/* The largest access the read/write functions take; wider ones are split by the worker. */
#define DEV_MAX_ACCESS 4u

/* Bytes an access of 'size' covers, clamped to DEV_MAX_ACCESS (0 stays 0). */
static inline unsigned dev_access_bytes(unsigned size)
{
	return size > DEV_MAX_ACCESS ? DEV_MAX_ACCESS : size;
}

/* All-ones for an access of 'size' bytes: what an unclaimed port reads as. */
static inline uint32_t dev_ones(unsigned size)
{
	unsigned n = dev_access_bytes(size);

	return n >= 4 ? UINT32_MAX : (uint32_t)((1u << (8 * n)) - 1);
}

/*
 * The ISA devices here are 8 bits wide: the chipset splits a wider port
 * access into byte cycles at consecutive ports, low byte first. These do that
 * split for a model's byte accessor.
 */
typedef uint8_t (*dev_inb_fn)(void *state, uint16_t port);
typedef void (*dev_outb_fn)(void *state, uint16_t port, uint8_t value);

static inline uint32_t dev_split_read(dev_inb_fn inb, void *state, uint16_t port, unsigned size)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < dev_access_bytes(size); i++)
		v |= (uint32_t)inb(state, (uint16_t)(port + i)) << (8 * i);
	return v;
}

static inline void dev_split_write(dev_outb_fn outb, void *state, uint16_t port, unsigned size,
				   uint32_t value)
{
	for (unsigned i = 0; i < dev_access_bytes(size); i++)
		outb(state, (uint16_t)(port + i), (uint8_t)(value >> (8 * i)));
}

/* a * b / c without overflow (c > 0); the timers convert between ns and ticks with it. */
static inline uint64_t dev_muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	return (uint64_t)((unsigned __int128)a * b / c);
}

/* The same, rounded up: the first ns at which a tick count has been reached. */
static inline uint64_t dev_muldiv_up(uint64_t a, uint64_t b, uint64_t c)
{
	unsigned __int128 p = (unsigned __int128)a * b;
	unsigned __int128 q = (p + c - 1) / c;

	return q > UINT64_MAX ? UINT64_MAX : (uint64_t)q;
}

#endif
